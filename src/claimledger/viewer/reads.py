"""What the viewer's pages show, read from a claimledger store through a read-only connection:
one document's analysis, one event cluster with its ledger, and the list of event clusters.

A cluster is named by its smallest event id, as the ledger names it (see ledger.py); the
records come back through the store's own read-backs, so the pages show exactly what was stored.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from claimledger.ledger import cluster_events
from claimledger.model import Analysis, Event, EventLink, LedgerEntry
from claimledger.store import Store

STORE_TABLES = frozenset({"documents", "events", "links", "ledger"})
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


def _store(conn: sqlite3.Connection) -> Store:
    # The store's read-backs only query its connection; the path is informational.
    return Store(conn, Path(""))


def cluster_members(conn: sqlite3.Connection, event_id: str) -> set[str]:
    """The event ids linked to `event_id`, directly or through others, itself included."""
    members = {event_id}
    frontier = [event_id]
    while frontier:
        current = frontier.pop()
        rows = conn.execute("SELECT a, b FROM links WHERE a = ? OR b = ?", (current, current))
        for a, b in rows:
            for other in (a, b):
                if other not in members:
                    members.add(other)
                    frontier.append(other)
    return members


def stored_event_ids(conn: sqlite3.Connection, event_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for event_id in event_ids:
        if conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
            found.add(event_id)
    return found


def cluster_id_of(conn: sqlite3.Connection, event_id: str) -> str:
    """The cluster an event belongs to: the smallest stored event id linked to it."""
    members = stored_event_ids(conn, cluster_members(conn, event_id)) | {event_id}
    return min(members)


def read_article(conn: sqlite3.Connection, document_id: str) -> ArticleView | None:
    analysis = _store(conn).analysis(document_id)
    if analysis is None:
        return None
    clusters = {event.id: cluster_id_of(conn, event.id) for event in analysis.events}
    return ArticleView(analysis=analysis, clusters=clusters)


def _events_by_id(conn: sqlite3.Connection, event_ids: Iterable[str]) -> list[Event]:
    events = []
    for event_id in sorted(event_ids):
        row = conn.execute("SELECT json FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is not None:
            events.append(msgspec.json.decode(row[0], type=Event))
    return events


def read_pages(conn: sqlite3.Connection, document_ids: Iterable[str]) -> dict[str, PageRef]:
    pages: dict[str, PageRef] = {}
    for document_id in sorted(set(document_ids)):
        row = conn.execute(
            "SELECT id, title, outlet, published, url FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is not None:
            pages[document_id] = PageRef(id=row[0], title=row[1], outlet=row[2],
                                         published=row[3], url=row[4])
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
    if not stored_event_ids(conn, [cluster_id]):
        return None
    members = stored_event_ids(conn, cluster_members(conn, cluster_id)) | {cluster_id}
    name = min(members)
    events = _events_by_id(conn, members)
    entries = _store(conn).ledger(name)
    rules = tuple(sorted({entry.rule for entry in entries}))
    chosen = pick_rule(rules, rule)
    return ClusterView(
        cluster_id=name,
        events=tuple(sorted(events, key=lambda e: (e.document_id, e.id))),
        pages=read_pages(conn, (event.document_id for event in events)),
        rules=rules,
        rule=chosen,
        entries=tuple(entry for entry in entries if entry.rule == chosen),
    )


def _all_events(conn: sqlite3.Connection) -> list[tuple[Event, str | None, str | None]]:
    """Every stored event with its page's outlet and publication date."""
    rows = conn.execute("SELECT json, outlet, published FROM events ORDER BY document_id, idx")
    return [(msgspec.json.decode(r[0], type=Event), r[1], r[2]) for r in rows]


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


def _killed(conn: sqlite3.Connection) -> dict[str, tuple[float | None, bool]]:
    """Cluster id -> (best estimate of the killed, disputed) under the preferred rule."""
    rows = conn.execute(
        "SELECT cluster_id, rule, best, disputed FROM ledger WHERE measure = 'killed'"
    ).fetchall()
    by_cluster: dict[str, dict[str, tuple[float | None, bool]]] = defaultdict(dict)
    for cluster_id, rule, best, disputed in rows:
        by_cluster[cluster_id][rule] = (best, bool(disputed))
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
    rows = _all_events(conn)
    links = [msgspec.json.decode(r[0], type=EventLink)
             for r in conn.execute("SELECT json FROM links")]
    clusters = cluster_events((event for event, _, _ in rows), links)
    grouped: dict[str, list[tuple[Event, str | None, str | None]]] = defaultdict(list)
    for row in rows:
        grouped[clusters[row[0].id]].append(row)
    killed = _killed(conn)
    summaries = []
    for cluster_id, members in grouped.items():
        if not any(_event_matches(event, outlet, filters) for event, outlet, _ in members):
            continue
        places = [event.place for event, _, _ in members if event.place]
        located = [p.resolved for p in places
                   if p.resolved and p.resolved.latitude is not None
                   and p.resolved.longitude is not None]
        best, disputed = killed.get(cluster_id, (None, False))
        summaries.append(ClusterSummary(
            cluster_id=cluster_id,
            event_types=_distinct(event.event_type for event, _, _ in members),
            dates=_distinct(event.date.value if event.date else None for event, _, _ in members),
            places=_distinct(p.name for p in places),
            countries=_distinct(p.resolved.country if p.resolved else None for p in places),
            outlets=_distinct(outlet for _, outlet, _ in members),
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

    def column(sql: str) -> tuple[str, ...]:
        return _distinct(r[0] for r in conn.execute(sql))

    return FilterChoices(
        event_types=column("SELECT DISTINCT event_type FROM events"),
        countries=column("SELECT DISTINCT country FROM events"),
        outlets=column("SELECT DISTINCT outlet FROM events"),
    )
