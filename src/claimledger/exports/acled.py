"""The ACLED-like CSV: one row per event cluster in the columns of ACLED's data exports, in
their order, with ACLED's value conventions; then claimledger's ids of the cluster, its events,
pages and the figures its fatalities come from.

What claimledger cannot know is left empty: ACLED's associated actors, admin3, source scale and
tags; a region (ACLED's own regions are no standard list); an actor's `inter` code unless its
words or its event type give it (export/actors.py); `timestamp` unless the store records its
last run. `fatalities` is the killed entry's best by ACLED's conservative rule, 0 where no
source gives a number, as ACLED codes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import IO

from claimledger.exports.actors import inter_code, interaction, is_state
from claimledger.exports.cells import write_csv
from claimledger.exports.clusters import (
    ID_COLUMNS,
    Cluster,
    ClusterFields,
    Dates,
    cluster_fields,
    clusters_with_killed,
    country_codes,
    id_cells,
)
from claimledger.model import LedgerEntry, LedgerRow
from claimledger.store import Store
from claimledger.taxonomy import (
    BATTLES,
    EXCESSIVE_FORCE,
    EXPLOSIONS,
    MOB_VIOLENCE,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VIOLENCE_AGAINST_CIVILIANS,
)

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
COLUMNS = ACLED_COLUMNS + ID_COLUMNS
POLITICAL_VIOLENCE, DEMONSTRATIONS = "Political violence", "Demonstrations"
# ACLED's disorder types by event type; two sub-event types are both violence and demonstration.
DISORDER = {
    BATTLES: POLITICAL_VIOLENCE, EXPLOSIONS: POLITICAL_VIOLENCE,
    VIOLENCE_AGAINST_CIVILIANS: POLITICAL_VIOLENCE, PROTESTS: DEMONSTRATIONS,
    RIOTS: DEMONSTRATIONS, STRATEGIC: "Strategic developments",
}
BOTH = f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
DISORDER_OF_SUB_EVENT = {EXCESSIVE_FORCE: BOTH, MOB_VIOLENCE: BOTH}
# ACLED's geo_precision by the kind of place: 1 the town itself, 2 a part of a region near a
# town (a district, a county), 3 only a larger region named.
GEO_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
CIVILIAN_TARGETING = "Civilian targeting"


def time_precision(dates: Dates) -> int:
    """ACLED's time_precision: 1 the day is known; 2 a week, or days the reports disagree on,
    or only the day a report appeared; 3 only the month."""
    if dates.granularity == "month":
        return 3
    return 1 if dates.granularity == "day" and dates.days == 1 and dates.from_text else 2


def event_date(dates: Dates) -> date:
    """The day ACLED codes: the day most reports give (`Dates.likeliest`, the first day told
    where none was chosen); for a week or a month, its middle day."""
    if dates.granularity == "day":
        return dates.likeliest or dates.start
    return date.fromordinal((dates.start.toordinal() + dates.end.toordinal()) // 2)


def acled_actors(fields: ClusterFields) -> tuple[str | None, str | None]:
    """Actor 1 and actor 2. ACLED codes the demonstrators of a protest or a riot as actor 1,
    so state forces the text names as acting on them ("Police arrest 30 ... protesters") are
    actor 2 there; elsewhere actor 1 is the attacker."""
    actor1, actor2 = fields.actor1, fields.actor2
    if fields.event_type in (PROTESTS, RIOTS) and actor2 and is_state(actor1):
        return actor2, actor1
    return actor1, actor2


def _figure_note(row: LedgerRow) -> str:
    """'five Russian (Russian Foreign Ministry)': the figure, whom it counts, who says it."""
    counted = row.text
    if row.population and row.population.casefold() not in row.text.casefold():
        counted += f" {row.population}"
    return f"{counted} ({row.source_name or row.outlet or 'unattributed'})"


def _notes(cluster: Cluster, killed: LedgerEntry | None) -> str:
    notes = "; ".join(d.title for d in cluster.documents if d.title)
    if killed:
        figures = ", ".join(_figure_note(row) for row in killed.rows)
        notes += f"{'. ' if notes else ''}Killed: {figures}"
        notes += " [disputed]" if killed.disputed else ""
    return notes


def acled_row(
    cluster: Cluster, killed: LedgerEntry | None, *, timestamp: int | None = None
) -> dict[str, object]:
    fields: ClusterFields = cluster_fields(cluster)
    place = fields.place
    alpha3, numeric, _ = country_codes(place)
    actor1, actor2 = acled_actors(fields)
    inter1 = inter_code(actor1, first=True, event_type=fields.event_type)
    inter2 = inter_code(actor2, first=False, event_type=fields.event_type)
    dates = fields.dates
    disorder = DISORDER_OF_SUB_EVENT.get(fields.sub_event_type or "") or DISORDER.get(
        fields.event_type or ""
    )
    targeted = fields.event_type == VIOLENCE_AGAINST_CIVILIANS or 7 in (inter1, inter2)
    return {
        "event_id_cnty": f"{alpha3 or ''}{fields.number}",
        "event_date": event_date(dates).isoformat() if dates else None,
        "year": event_date(dates).year if dates else None,
        "time_precision": time_precision(dates) if dates else None,
        "disorder_type": disorder,
        "event_type": fields.event_type,
        "sub_event_type": fields.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if targeted else None,
        "iso": numeric,
        "region": None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": place.name if place else fields.place_as_written,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": GEO_PRECISION.get(place.feature) if place else None,
        "source": "; ".join(fields.outlets),
        "source_scale": None,
        "notes": _notes(cluster, killed),
        "fatalities": int(killed.best) if killed and killed.best is not None else 0,
        "tags": None,
        "timestamp": timestamp,
        **id_cells(fields, killed),
    }


def last_run_timestamp(store: Store) -> int | None:
    """When the store's last finished run ended, as Unix seconds (ACLED's `timestamp`: when
    the event was last changed); None for a store no run finished."""
    finished = [run.get("finished") for run in store.runs() if run.get("finished")]
    if not finished:
        return None
    try:
        return int(datetime.fromisoformat(str(finished[-1])).timestamp())
    except ValueError:
        return None


def acled_rows(store: Store) -> Iterator[dict[str, object]]:
    timestamp = last_run_timestamp(store)
    for cluster, killed in clusters_with_killed(store, "acled"):
        yield acled_row(cluster, killed, timestamp=timestamp)


def write_acled_csv(store: Store, stream: IO[str]) -> int:
    """One ACLED-like row per event cluster; fatalities by ACLED's conservative rule."""
    return write_csv(stream, COLUMNS, acled_rows(store))
