"""What the viewer's pages show, read from a claimledger store through a read-only connection:
one document's analysis, one event cluster with its ledger, and the list of event clusters.

Clusters are those relink stored (named by their smallest event id, as the ledger names them);
every record comes back through the store's own reads, so the pages show exactly what was
stored.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from claimledger.exports.clusters import first_report, likeliest_date
from claimledger.model import Analysis, Event, LedgerEntry
from claimledger.store import ClusteredEvent, Store

STORE_TABLES = frozenset({"documents", "events", "links", "ledger"})
# What a store needs for the pages: older stores lack the clusters relink now stores.
CLUSTERED_STORE_TABLES = STORE_TABLES | {"clusters"}
PREFERRED_RULE = "ucdp.v1"


class PageRef(msgspec.Struct, frozen=True, kw_only=True):
    """A stored document as other pages link to it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


class ArticleView(msgspec.Struct, frozen=True, kw_only=True):
    analysis: Analysis
    clusters: dict[str, str]  # event id -> cluster id


class ClusterView(msgspec.Struct, frozen=True, kw_only=True):
    cluster_id: str
    events: tuple[Event, ...]
    pages: dict[str, PageRef]
    rules: tuple[str, ...]
    rule: str | None
    entries: tuple[LedgerEntry, ...]
    # the date most of its reports give, as the exports give it (exports/clusters.py
    # `likeliest_date`): ISO, a day, a week's Monday or a month
    day: str | None = None


class EventFilters(msgspec.Struct, frozen=True, kw_only=True):
    """Filters of the events list; an empty string or None filters nothing."""

    event_type: str | None = None
    country: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class ClusterSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the events list: a cluster of linked per-document events."""

    cluster_id: str
    event_types: tuple[str, ...]
    dates: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]
    outlets: tuple[str, ...]
    reports: int
    latitude: float | None
    longitude: float | None
    killed_best: float | None
    disputed: bool


class FilterChoices(msgspec.Struct, frozen=True, kw_only=True):
    event_types: tuple[str, ...]
    countries: tuple[str, ...]
    outlets: tuple[str, ...]


def is_store(table_names: Iterable[str]) -> bool:
    return set(table_names) >= STORE_TABLES


def has_clusters(table_names: Iterable[str]) -> bool:
    return set(table_names) >= CLUSTERED_STORE_TABLES


def _store(conn: sqlite3.Connection) -> Store:
    # The store's read-backs only query its connection; the path is informational.
    return Store(conn, Path(""))


def read_article(conn: sqlite3.Connection, document_id: str) -> ArticleView | None:
    store = _store(conn)
    analysis = store.analysis(document_id)
    if analysis is None:
        return None
    clusters = {event.id: store.cluster_of(event.id) or event.id for event in analysis.events}
    return ArticleView(analysis=analysis, clusters=clusters)


def read_pages(store: Store, document_ids: Iterable[str]) -> dict[str, PageRef]:
    documents = store.document_map()
    pages: dict[str, PageRef] = {}
    for document_id in sorted(set(document_ids)):
        document = documents.get(document_id)
        if document is not None:
            pages[document_id] = PageRef(id=document.id, title=document.title,
                                         outlet=document.outlet, published=document.published,
                                         url=document.url)
    return pages


def pick_rule(rules: Sequence[str], wanted: str | None) -> str | None:
    if wanted in rules:
        return wanted
    if PREFERRED_RULE in rules:
        return PREFERRED_RULE
    return rules[0] if rules else None


def read_cluster(
    conn: sqlite3.Connection, cluster_id: str, rule: str | None = None
) -> ClusterView | None:
    """The cluster named `cluster_id`, or None when no stored event has that id. An event id
    that is not its cluster's name still finds the cluster (the view carries the real name)."""
    store = _store(conn)
    name = store.cluster_of(cluster_id)
    if name is None:
        return None
    events = [member.event for member in store.clustered_events(name)]
    entries = store.ledger(name)
    rules = tuple(sorted({entry.rule for entry in entries}))
    chosen = pick_rule(rules, rule)
    pages = read_pages(store, (event.document_id for event in events))

    def in_time(event: Event) -> tuple[bool, str, str, str]:
        # each page's report in the order the pages appeared (undated pages last)
        page = pages.get(event.document_id)
        published = page.published if page is not None else None
        return (published is None, published or "", event.document_id, event.id)

    likeliest = likeliest_date(events, first_report(page.published for page in pages.values()))
    return ClusterView(
        cluster_id=name,
        events=tuple(sorted(events, key=in_time)),
        pages=pages,
        rules=rules,
        rule=chosen,
        entries=tuple(entry for entry in entries if entry.rule == chosen),
        day=likeliest.value if likeliest is not None else None,
    )


def _event_matches(event: Event, outlet: str | None, filters: EventFilters) -> bool:
    resolved = event.place.resolved if event.place else None
    day = event.date.value if event.date else None
    checks = [
        not filters.event_type or event.event_type == filters.event_type,
        not filters.country or (resolved is not None and resolved.country == filters.country),
        not filters.outlet or outlet == filters.outlet,
        # ISO dates compare as text; a partial date ("XXXX-02-07") never passes a date filter.
        not filters.date_from or (day is not None and not day.startswith("X")
                                  and day >= filters.date_from),
        not filters.date_to or (day is not None and not day.startswith("X")
                                and day[: len(filters.date_to)] <= filters.date_to),
    ]
    return all(checks)


def _killed(store: Store) -> dict[str, tuple[float | None, bool]]:
    """Cluster id -> (best estimate of the killed, disputed) under the preferred rule."""
    by_cluster: dict[str, dict[str, tuple[float | None, bool]]] = defaultdict(dict)
    for entry in store.ledger_entries(measure="killed"):
        by_cluster[entry.cluster_id][entry.rule] = (entry.best, entry.disputed)
    picked: dict[str, tuple[float | None, bool]] = {}
    for cluster_id, per_rule in by_cluster.items():
        rule = pick_rule(sorted(per_rule), None)
        if rule is not None:
            picked[cluster_id] = per_rule[rule]
    return picked


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}, key=str.casefold))


def list_clusters(
    conn: sqlite3.Connection, filters: EventFilters | None = None
) -> list[ClusterSummary]:
    """Event clusters with at least one member passing the filters, newest event date first."""
    filters = filters or EventFilters()
    store = _store(conn)
    grouped: dict[str, list[ClusteredEvent]] = defaultdict(list)
    # In the store's order, so a cluster's point is the first located event by page and place.
    for member in store.clustered_events(order="stored"):
        grouped[member.cluster_id].append(member)
    killed = _killed(store)
    summaries = []
    for cluster_id, members in grouped.items():
        if not any(_event_matches(m.event, m.outlet, filters) for m in members):
            continue
        places = [m.event.place for m in members if m.event.place]
        located = [p.resolved for p in places
                   if p.resolved and p.resolved.latitude is not None
                   and p.resolved.longitude is not None]
        best, disputed = killed.get(cluster_id, (None, False))
        summaries.append(ClusterSummary(
            cluster_id=cluster_id,
            event_types=_distinct(m.event.event_type for m in members),
            dates=_distinct(m.event.date.value if m.event.date else None for m in members),
            places=_distinct(p.name for p in places),
            countries=_distinct(p.resolved.country if p.resolved else None for p in places),
            outlets=_distinct(m.outlet for m in members),
            reports=len(members),
            latitude=located[0].latitude if located else None,
            longitude=located[0].longitude if located else None,
            killed_best=best,
            disputed=disputed,
        ))
    return sorted(summaries, key=lambda s: (max(s.dates, default=""), s.cluster_id),
                  reverse=True)


def filter_choices(conn: sqlite3.Connection) -> FilterChoices:
    """The values the events list can be filtered by."""
    store = _store(conn)
    return FilterChoices(
        event_types=_distinct(store.event_values("event_type")),
        countries=_distinct(store.event_values("country")),
        outlets=_distinct(store.event_values("outlet")),
    )
