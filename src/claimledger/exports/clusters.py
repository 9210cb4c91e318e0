"""What the CSV and Parquet exports say of one event cluster (per-document events the links
join): its ids, dates and their precision, type, actors and place, read off its events and
pages. Nothing is guessed: a field the events do not give is None, an empty cell."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from itertools import groupby
from typing import Literal

import msgspec

from claimledger.exports.countries import country
from claimledger.ledger import RULE_NAMES
from claimledger.model import DateMention, Document, Event, LedgerEntry, PlaceCandidate
from claimledger.store import Store
from claimledger.taxonomy import (
    LEDE_CHARS,
    STAND_IN_RULES,
    Rule,
    date_range,
    parse_published,
)

GRANULARITIES: tuple[Literal["day", "week", "month"], ...] = ("day", "week", "month")
# A page's date may run a day behind the day it tells of (a time zone, a page dated by its
# first draft): a cluster's day may be this much later than its first page's.
REPORT_SLACK = timedelta(days=1)


class Cluster(msgspec.Struct, frozen=True, kw_only=True):
    """One event cluster with its events (earliest page first) and their pages."""

    id: str
    events: tuple[Event, ...]
    documents: tuple[Document, ...]


class Dates(msgspec.Struct, frozen=True, kw_only=True):
    """The days an event cluster happened on: its first and last, and how precisely they are
    known, as the span of days it may be; and the first day of the date most of its reports
    give (`likeliest_date`), `start` where none was chosen."""

    start: date
    end: date
    granularity: Literal["day", "week", "month"]
    from_text: bool  # False: only the reports' publication days date it
    likeliest: date | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class ClusterFields(msgspec.Struct, frozen=True, kw_only=True):
    """An event cluster's fields as both CSV exports and the Parquet export write them."""

    cluster_id: str
    number: int
    event_ids: tuple[str, ...]
    document_ids: tuple[str, ...]
    dates: Dates | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    place: PlaceCandidate | None
    place_as_written: str | None
    outlets: tuple[str, ...]


# claimledger's own columns after a dataset's: the cluster and, `;`-separated, its events, its
# pages and the figures its deaths come from.
ID_COLUMNS = ("cluster_id", "event_ids", "document_ids", "figure_ids")


def id_cells(fields: ClusterFields, killed: LedgerEntry | None) -> dict[str, str]:
    """The ID_COLUMNS of a cluster's row."""
    return {
        "cluster_id": fields.cluster_id,
        "event_ids": ";".join(fields.event_ids),
        "document_ids": ";".join(fields.document_ids),
        "figure_ids": ";".join(row.figure_id for row in killed.rows) if killed else "",
    }


def event_clusters(store: Store) -> Iterator[Cluster]:
    """The store's event clusters as stored, by cluster id, each read when reached."""
    documents = store.document_map()
    for cluster_id, members in groupby(store.clustered_events(), key=lambda m: m.cluster_id):
        ordered = tuple(member.event for member in members)
        pages = [documents[e.document_id] for e in ordered if e.document_id in documents]
        unique_pages = tuple({page.id: page for page in pages}.values())
        yield Cluster(id=cluster_id, events=ordered, documents=unique_pages)


def clusters_with_killed(
    store: Store, rule: Rule
) -> Iterator[tuple[Cluster, LedgerEntry | None]]:
    """Each event cluster with its stored killed entry under `rule`."""
    for cluster in event_clusters(store):
        killed = store.ledger(cluster.id, rule=RULE_NAMES[rule], measure="killed")
        yield cluster, (killed[0] if killed else None)


def cluster_number(cluster_id: str) -> int:
    """A whole number standing for a cluster id (GED's numeric `id`, ACLED's event number): the
    same id always gives the same number, below 2**52 so that no reader rounds it."""
    return int(hashlib.sha1(cluster_id.encode("utf-8", "surrogatepass")).hexdigest()[:13], 16)


def cluster_fields(cluster: Cluster) -> ClusterFields:
    place, written = _place(cluster.events)
    return ClusterFields(
        cluster_id=cluster.id,
        number=cluster_number(cluster.id),
        event_ids=tuple(e.id for e in cluster.events),
        document_ids=tuple(d.id for d in cluster.documents),
        dates=cluster_dates(cluster.events, first_report(d.published for d in cluster.documents)),
        event_type=_most_common([e.event_type for e in cluster.events]),
        sub_event_type=_most_common([e.sub_event_type for e in cluster.events]),
        actor1=_actor(cluster.events, "initiator"),
        actor2=_actor(cluster.events, "target"),
        place=place,
        place_as_written=written,
        outlets=tuple(dict.fromkeys(d.outlet for d in cluster.documents if d.outlet)),
    )


def first_report(published: Iterable[str | None]) -> date | None:
    """The earliest of the pages' publication days (`Document.published`); None where none is
    dated."""
    days = [day for value in published if (day := parse_published(value)) is not None]
    return min(days, default=None)


# An event's date as the cluster ranks it: how precise (0 a day, 1 a week, 2 a month), whether a
# publication day stands in for it, the date, its first and last day.
RankedDate = tuple[int, bool, DateMention, date, date]


def _ranked(events: Sequence[Event]) -> list[RankedDate]:
    """The events' dates that date something (a day, a week or a month of a known year),
    ranked."""
    return [
        (GRANULARITIES.index(e.date.granularity), e.date.rule in STAND_IN_RULES, e.date, *days)
        for e in events
        if e.date is not None and e.date.granularity in GRANULARITIES
        and (days := date_range(e.date)) is not None
    ]


def cluster_dates(events: Sequence[Event], reported: date | None = None) -> Dates | None:
    """The days the events' own dates cover: the most precise kind of date any gives (a day,
    then a week, then a month), from the first to the last such; the publication days only
    where the texts date none. A date without its year dates nothing. `reported`: the day
    the first of the cluster's pages appeared (`likeliest_date`)."""
    dated = _ranked(events)
    if not dated:
        return None
    best = min((precision, stand_in) for precision, stand_in, *_ in dated)
    chosen = [(start, end) for precision, stand_in, _, start, end in dated
              if (precision, stand_in) == best]
    likeliest = _likeliest(dated, reported)
    days = date_range(likeliest) if likeliest is not None else None
    return Dates(start=min(s for s, _ in chosen), end=max(e for _, e in chosen),
                 granularity=GRANULARITIES[best[0]], from_text=not best[1],
                 likeliest=days[0] if days is not None else None)


def likeliest_date(events: Sequence[Event], reported: date | None = None) -> DateMention | None:
    """The one date a cluster's reports most support: of the most precise kind any gives and
    written in a text before a publication day standing in (as `cluster_dates` ranks them),
    the date most events give; on ties, the one more of them write in their page's lede
    (LEDE_CHARS: a first report's "Four men were shot Wednesday night" over the day of a
    killing on the same block that it recalls further down), then the one more pages that give
    no day of their own appeared on (their publication days standing in), then the earliest
    (a shooting comes before the death and the arrest that follow it). Where `reported` (the
    day the first of the cluster's pages appeared) is given, dates that begin after it (by
    more than REPORT_SLACK) give way to those that do not: nothing happened after a report of
    it (follow-ups dated by their news, "pleaded not guilty Wednesday", outvoting the one
    first report)."""
    return _likeliest(_ranked(events), reported)


def _likeliest(dated: list[RankedDate], reported: date | None) -> DateMention | None:
    """`likeliest_date` over the events' dates as `_ranked` gives them."""
    latest = reported + REPORT_SLACK if reported is not None else None
    ranked = [item for item in dated if latest is None or item[3] <= latest] or dated
    if not ranked:
        return None
    best = min((precision, stand_in) for precision, stand_in, *_ in ranked)
    dates = [d for precision, stand_in, d, *_ in ranked if (precision, stand_in) == best]
    votes = Counter(d.value for d in dates)
    in_lede = Counter(d.value for d in dates if d.span.text and d.span.start < LEDE_CHARS)
    standing = Counter(d.value for precision, stand_in, d, *_ in ranked if stand_in)
    value = min(votes, key=lambda v: (-votes[v], -in_lede[v], -standing[v], v))
    return next(d for d in dates if d.value == value)


def _most_common(values: Sequence[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _actor(events: Sequence[Event], role: str) -> str | None:
    for event in events:
        for actor in event.actors:
            if actor.role == role:
                return actor.name
    return None


def _place(events: Sequence[Event]) -> tuple[PlaceCandidate | None, str | None]:
    """The first place of the events (earliest page first) that a page's words settle, and the
    name as written; else the first a hint settles (a site's home, rule "site-home"; a
    telephone number's town, rule "phone"); else the first place named, unresolved."""
    for hinted in (False, True):
        for event in events:
            if event.place and event.place.resolved and (event.place.rule is not None) == hinted:
                return event.place.resolved, event.place.name
    for event in events:
        if event.place:
            return None, event.place.name
    return None, None


def country_codes(place: PlaceCandidate | None) -> tuple[str | None, int | None, str | None]:
    """The alpha-3 and numeric ISO codes and the UCDP region of a place's country."""
    found = country(place.country_code) if place else None
    if found is None:
        return None, None, None
    return found.alpha3 or None, found.numeric, found.ucdp_region or None
