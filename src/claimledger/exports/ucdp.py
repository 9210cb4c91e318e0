"""The UCDP-like CSV: one row per event cluster in which people were killed, as UCDP GED holds
only events with deaths, in GED's columns and order, with GED's value conventions; then
claimledger's ids of the cluster, its events, pages and the figures its deaths come from.

Sides: where one side is a state (its words say so, export/actors.py) it is side A, as GED
puts the government; else the attacker. `type_of_violence` is 3 (one-sided) for violence
against civilians and excessive force against protesters, 1 (state-based) where a state is a
side, 2 (non-state) where both sides are named and neither is a state, else empty. The deaths
are the killed entry's low/best/high by UCDP's rule, all in `deaths_civilians` where the entry
counts civilians, else in `deaths_unknown`. UCDP's own conflict, dyad and actor ids, its
Gleditsch-Ward country numbers, `active_year`, `code_status` and `event_clarity` are left
empty: they come from UCDP's registers, which no news page carries.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import IO

from claimledger.exports.actors import CIVILIANS, is_state
from claimledger.exports.cells import write_csv
from claimledger.exports.clusters import (
    ID_COLUMNS,
    Cluster,
    Dates,
    cluster_fields,
    clusters_with_killed,
    country_codes,
    id_cells,
)
from claimledger.model import LedgerEntry
from claimledger.store import Store
from claimledger.taxonomy import EXCESSIVE_FORCE, VIOLENCE_AGAINST_CIVILIANS

GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
COLUMNS = GED_COLUMNS + ID_COLUMNS
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
# GED's where_prec by the kind of place: 1 the place itself, 3 a second-order administrative
# division, 4 a first-order one, 5 a larger region, 6 only the country.
WHERE_PRECISION = {"city": 1, "admin2": 3, "admin1": 4, "region": 5, "country": 6}
# PRIO-GRID: half-degree cells numbered from 1 at (-90, -180), west to east, then northwards.
PRIOGRID_CELL = 0.5
PRIOGRID_COLUMNS = 720


def date_precision(dates: Dates) -> int:
    """GED's date_prec: 1 the exact day; 2 a span of two to six days (or only the day a report
    appeared); 3 a week; 4 a month or up to 31 days; 5 longer."""
    if dates.granularity == "week":
        return 3
    if dates.granularity == "month":
        return 4
    if dates.days == 1:
        return 1 if dates.from_text else 2
    return 2 if dates.days <= 6 else 3 if dates.days <= 7 else 4 if dates.days <= 31 else 5


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell holding a point."""
    row = min(math.floor((latitude + 90) / PRIOGRID_CELL), 359)
    column = min(math.floor((longitude + 180) / PRIOGRID_CELL), PRIOGRID_COLUMNS - 1)
    return row * PRIOGRID_COLUMNS + column + 1


def sides(initiator: str | None, target: str | None) -> tuple[str | None, str | None]:
    """Side A and side B: a state first, else the attacker first."""
    if is_state(target) and not is_state(initiator):
        return target, initiator
    return initiator, target


def violence_type(
    side_a: str | None, side_b: str | None, event_type: str | None, sub_event_type: str | None
) -> int | None:
    if event_type == VIOLENCE_AGAINST_CIVILIANS or sub_event_type == EXCESSIVE_FORCE:
        return ONE_SIDED
    if is_state(side_a) or is_state(side_b):
        return STATE_BASED
    if side_a and side_b:
        return NON_STATE
    return None


def _count(value: float | None) -> int | None:
    return int(value) if value is not None and math.isfinite(value) else None


def ucdp_row(cluster: Cluster, killed: LedgerEntry) -> dict[str, object]:
    fields = cluster_fields(cluster)
    place = fields.place
    _, _, region = country_codes(place)
    side_a, side_b = sides(fields.actor1, fields.actor2)
    documents = cluster.documents
    articles = [
        " ".join(part for part in (d.outlet, d.published, f'"{d.title}"' if d.title else "")
                 if part)
        for d in documents
    ]
    voices = {d.outlet for d in documents if d.outlet}
    original = dict.fromkeys(
        r.source_name for r in killed.rows if r.source_name and r.source_name not in voices
    )
    best = _count(killed.best) or 0
    civilians = bool(killed.population and CIVILIANS.search(killed.population))
    dates = fields.dates
    latitude = place.latitude if place else None
    longitude = place.longitude if place else None
    located = latitude is not None and longitude is not None
    return {
        "id": fields.number,
        "relid": fields.cluster_id,
        "year": dates.start.year if dates else None,
        "active_year": None,
        "code_status": None,
        "type_of_violence": violence_type(side_a, side_b, fields.event_type,
                                          fields.sub_event_type),
        "conflict_dset_id": None,
        "conflict_new_id": None,
        "conflict_name": None,
        "dyad_dset_id": None,
        "dyad_new_id": None,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a_dset_id": None,
        "side_a_new_id": None,
        "side_a": side_a,
        "side_b_dset_id": None,
        "side_b_new_id": None,
        "side_b": side_b,
        "number_of_sources": len({d.text_id or d.id for d in documents}),
        "source_article": "; ".join(a for a in articles if a),
        "source_office": "; ".join(fields.outlets),
        "source_date": "; ".join(dict.fromkeys(d.published for d in documents if d.published)),
        "source_headline": "; ".join(d.title for d in documents if d.title),
        "source_original": "; ".join(original),
        "where_prec": WHERE_PRECISION.get(place.feature) if place else None,
        "where_coordinates": place.name if place else None,
        "where_description": fields.place_as_written,
        "adm_1": place.admin1 if place else None,
        "adm_2": place.admin2 if place else None,
        "latitude": latitude,
        "longitude": longitude,
        "geom_wkt": f"POINT ({longitude} {latitude})" if located else None,
        "priogrid_gid": priogrid_gid(latitude, longitude)
        if latitude is not None and longitude is not None else None,
        "country": place.country if place else None,
        "country_id": None,
        "region": region,
        "event_clarity": None,
        "date_prec": date_precision(dates) if dates else None,
        "date_start": dates.start.isoformat() if dates else None,
        "date_end": dates.end.isoformat() if dates else None,
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if civilians else 0,
        "deaths_unknown": 0 if civilians else best,
        "best": best,
        "high": _count(killed.high),
        "low": _count(killed.low),
        "gwnoa": None,
        "gwnob": None,
        **id_cells(fields, killed),
    }


def ucdp_rows(store: Store) -> Iterator[dict[str, object]]:
    """A row per event cluster whose killed entry's best is above 0."""
    for cluster, killed in clusters_with_killed(store, "ucdp"):
        if killed is not None and (killed.best or 0) > 0:
            yield ucdp_row(cluster, killed)


def write_ucdp_csv(store: Store, stream: IO[str]) -> int:
    """One UCDP-like row per event cluster with deaths; low/best/high by the UCDP rule."""
    return write_csv(stream, COLUMNS, ucdp_rows(store))
