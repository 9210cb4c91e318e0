"""Each store table's flat columns, derived from the records in one place.

A table spec lists the table's columns in order, each with how it is read off the row written
(a record, or a record with the document, event or ledger entry it belongs to), and the store's
INSERT statements are generated from it. The CREATE TABLE statements stay in store_schema.py,
since a released migration is never edited; a test checks that every created table has exactly
its spec's columns, in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from claimledger.model import (
    Actor,
    Analysis,
    Attribution,
    ClusterMember,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    LedgerEntry,
    LedgerRow,
    Person,
    PlaceMention,
    ReadError,
    Segment,
)

Row = TypeVar("Row")
Owner = TypeVar("Owner")
Part = TypeVar("Part")


@dataclass(frozen=True, slots=True)
class Item(Generic[Owner, Part]):
    """A record in its owner's list (a document's figures, an event's actors): child tables
    key their rows by the owner and the place in that list."""

    owner: Owner
    idx: int
    record: Part


class TableSpec(Generic[Row]):
    """A table's columns in order, each with its getter, and the INSERT they make."""

    def __init__(
        self, name: str, columns: tuple[tuple[str, Callable[[Row], object]], ...],
        *, conflict: str = "",
    ) -> None:
        self.name = name
        self.columns = tuple(column for column, _ in columns)
        self._getters = tuple(getter for _, getter in columns)
        quoted = ", ".join(f'"{column}"' for column in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        verb = f"INSERT {conflict} INTO" if conflict else "INSERT INTO"
        self.insert = f"{verb} {name} ({quoted}) VALUES ({marks})"

    def values(self, row: Row) -> tuple[object, ...]:
        return tuple(getter(row) for getter in self._getters)


def record_json(record: msgspec.Struct) -> str:
    return msgspec.json.encode(record).decode("utf-8")


def place_columns(
    place: PlaceMention | None,
) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    """country, country_code, admin1, latitude, longitude of a resolved place (else Nones)."""
    resolved = place.resolved if place else None
    if resolved is None:
        return None, None, None, None, None
    return (resolved.country, resolved.country_code, resolved.admin1, resolved.latitude,
            resolved.longitude)


InDocument = Item[Document, Part]
InEvent = Item[Item[Document, Event], Part]

DOCUMENTS: TableSpec[Analysis] = TableSpec("documents", (
    ("id", lambda a: a.document.id),
    ("url", lambda a: a.document.url),
    ("outlet", lambda a: a.document.outlet),
    ("byline", lambda a: a.document.byline),
    ("original_source", lambda a: a.document.original_source),
    ("title", lambda a: a.document.title),
    ("published", lambda a: a.document.published),
    ("published_from", lambda a: a.document.published_from),
    ("input", lambda a: a.document.input),
    ("input_kind", lambda a: a.document.input_kind),
    ("comment_count", lambda a: a.document.comment_count),
    ("version", lambda a: a.document.version),
    ("analysis_version", lambda a: a.version),
    ("model", lambda a: a.model),
    ("text", lambda a: a.document.text),
    ("json", lambda a: record_json(a.document)),
    ("text_id", lambda a: a.document.text_id),
    ("language", lambda a: a.document.language),
))

SEGMENTS: TableSpec[InDocument[Segment]] = TableSpec("segments", (
    ("document_id", lambda s: s.owner.id),
    ("idx", lambda s: s.idx),
    ("kind", lambda s: s.record.kind),
    ("start", lambda s: s.record.start),
    ("end", lambda s: s.record.end),
))

ATTRIBUTIONS: TableSpec[InDocument[Attribution]] = TableSpec("attributions", (
    ("document_id", lambda a: a.owner.id),
    ("id", lambda a: a.record.id),
    ("idx", lambda a: a.idx),
    ("source_name", lambda a: a.record.source_name),
    ("source_kind", lambda a: a.record.source_kind),
    ("cue", lambda a: a.record.cue.text if a.record.cue else None),
    ("cue_class", lambda a: a.record.cue_class),
    ("direct", lambda a: a.record.direct),
    ("denial", lambda a: a.record.denial),
    ("hedged", lambda a: a.record.hedged),
    ("content", lambda a: a.record.content.text),
    ("start", lambda a: a.record.content.start),
    ("end", lambda a: a.record.content.end),
    ("json", lambda a: record_json(a.record)),
    ("confidence", lambda a: a.record.confidence.whole if a.record.confidence else None),
))

FIGURES: TableSpec[InDocument[Figure]] = TableSpec("figures", (
    ("document_id", lambda f: f.owner.id),
    ("id", lambda f: f.record.id),
    ("idx", lambda f: f.idx),
    ("measure", lambda f: f.record.measure),
    ("low", lambda f: f.record.count.low),
    ("high", lambda f: f.record.count.high),
    ("approximate", lambda f: f.record.count.approximate),
    ("vague", lambda f: f.record.count.vague),
    ("hedge", lambda f: f.record.count.hedge),
    ("population", lambda f: f.record.population),
    ("negated", lambda f: f.record.negated),
    ("modality", lambda f: f.record.modality),
    ("source_name", lambda f: f.record.source_name or f.owner.outlet),
    ("outlet", lambda f: f.owner.outlet),
    ("attribution_id", lambda f: f.record.attribution_id),
    ("text", lambda f: f.record.span.text),
    ("start", lambda f: f.record.span.start),
    ("end", lambda f: f.record.span.end),
    ("json", lambda f: record_json(f.record)),
    ("rule", lambda f: f.record.rule),
))

PEOPLE: TableSpec[InDocument[Person]] = TableSpec("people", (
    ("document_id", lambda p: p.owner.id),
    ("id", lambda p: p.record.id),
    ("idx", lambda p: p.idx),
    ("status", lambda p: p.record.status),
    ("role", lambda p: p.record.role),
    ("name", lambda p: p.record.name),
    ("age", lambda p: p.record.age),
    ("json", lambda p: record_json(p.record)),
))

DATES: TableSpec[InDocument[DateMention]] = TableSpec("dates", (
    ("document_id", lambda d: d.owner.id),
    ("idx", lambda d: d.idx),
    ("value", lambda d: d.record.value),
    ("granularity", lambda d: d.record.granularity),
    ("rule", lambda d: d.record.rule),
    ("text", lambda d: d.record.span.text),
    ("start", lambda d: d.record.span.start),
    ("end", lambda d: d.record.span.end),
    ("json", lambda d: record_json(d.record)),
))

PLACES: TableSpec[InDocument[PlaceMention]] = TableSpec("places", (
    ("document_id", lambda p: p.owner.id),
    ("idx", lambda p: p.idx),
    ("name", lambda p: p.record.name),
    ("country", lambda p: place_columns(p.record)[0]),
    ("country_code", lambda p: place_columns(p.record)[1]),
    ("admin1", lambda p: place_columns(p.record)[2]),
    ("latitude", lambda p: place_columns(p.record)[3]),
    ("longitude", lambda p: place_columns(p.record)[4]),
    ("start", lambda p: p.record.span.start),
    ("end", lambda p: p.record.span.end),
    ("json", lambda p: record_json(p.record)),
))

# An event's place columns, from the event alone (`Store.replace_event_places` writes them again).
EVENT_PLACE_COLUMNS: tuple[tuple[str, Callable[[Event], object]], ...] = (
    ("place", lambda e: e.place.name if e.place else None),
    ("country", lambda e: place_columns(e.place)[0]),
    ("admin1", lambda e: place_columns(e.place)[2]),
    ("latitude", lambda e: place_columns(e.place)[3]),
    ("longitude", lambda e: place_columns(e.place)[4]),
)

EVENTS: TableSpec[InDocument[Event]] = TableSpec("events", (
    ("document_id", lambda e: e.owner.id),
    ("id", lambda e: e.record.id),
    ("idx", lambda e: e.idx),
    ("event_type", lambda e: e.record.event_type),
    ("sub_event_type", lambda e: e.record.sub_event_type),
    ("date", lambda e: e.record.date.value if e.record.date else None),
    *((name, lambda e, get=get: get(e.record)) for name, get in EVENT_PLACE_COLUMNS),
    ("outlet", lambda e: e.owner.outlet),
    ("published", lambda e: e.owner.published),
    ("json", lambda e: record_json(e.record)),
))

EVENT_ACTORS: TableSpec[InEvent[Actor]] = TableSpec("event_actors", (
    ("document_id", lambda a: a.owner.owner.id),
    ("event_id", lambda a: a.owner.record.id),
    ("idx", lambda a: a.idx),
    ("name", lambda a: a.record.name),
    ("role", lambda a: a.record.role),
))

# An event may list a figure twice; the table holds the pair once.
EVENT_FIGURES: TableSpec[InEvent[str]] = TableSpec("event_figures", (
    ("document_id", lambda f: f.owner.owner.id),
    ("event_id", lambda f: f.owner.record.id),
    ("figure_id", lambda f: f.record),
), conflict="OR IGNORE")

# A link is keyed by its unordered pair of event ids, the smaller first.
LINKS: TableSpec[EventLink] = TableSpec("links", (
    ("a", lambda link: min(link.a, link.b)),
    ("b", lambda link: max(link.a, link.b)),
    ("score", lambda link: link.score),
    ("signals", lambda link: json.dumps(link.signals, sort_keys=True)),
    ("json", lambda link: record_json(link)),
), conflict="OR REPLACE")

LEDGER: TableSpec[LedgerEntry] = TableSpec("ledger", (
    ("cluster_id", lambda e: e.cluster_id),
    ("measure", lambda e: e.measure),
    ("rule", lambda e: e.rule),
    ("low", lambda e: e.low),
    ("best", lambda e: e.best),
    ("high", lambda e: e.high),
    ("disputed", lambda e: e.disputed),
    ("population", lambda e: e.population),
    # distinct sources, as the ledger tells them apart (names compared without case)
    ("sources", lambda e: len({row.source_name.casefold() for row in e.rows})),
    ("json", lambda e: record_json(e)),
))

LEDGER_ROWS: TableSpec[Item[LedgerEntry, LedgerRow]] = TableSpec("ledger_rows", (
    ("cluster_id", lambda r: r.owner.cluster_id),
    ("measure", lambda r: r.owner.measure),
    ("rule", lambda r: r.owner.rule),
    ("idx", lambda r: r.idx),
    ("figure_id", lambda r: r.record.figure_id),
    ("document_id", lambda r: r.record.document_id),
    ("source_name", lambda r: r.record.source_name),
    ("outlet", lambda r: r.record.outlet),
    ("published", lambda r: r.record.published),
    ("low", lambda r: r.record.count.low),
    ("high", lambda r: r.record.count.high),
    ("approximate", lambda r: r.record.count.approximate),
    ("population", lambda r: r.record.population),
    ("text", lambda r: r.record.text),
))

# One row per input and stage: a later error replaces the earlier one.
ERRORS: TableSpec[ReadError] = TableSpec("errors", (
    ("input", lambda e: e.input),
    ("stage", lambda e: e.stage),
    ("reason", lambda e: e.reason),
    ("json", lambda e: record_json(e)),
), conflict="OR REPLACE")

CLUSTERS: TableSpec[ClusterMember] = TableSpec("clusters", (
    ("cluster_id", lambda m: m.cluster_id),
    ("event_id", lambda m: m.event_id),
    ("document_id", lambda m: m.document_id),
))

# Every table that holds records; `runs` is not one (the store writes a run's row at its start
# and its counts at its end).
RECORD_TABLES: tuple[TableSpec[Any], ...] = (
    DOCUMENTS, SEGMENTS, ATTRIBUTIONS, FIGURES, DATES, PLACES, EVENTS, EVENT_ACTORS,
    EVENT_FIGURES, LINKS, LEDGER, LEDGER_ROWS, ERRORS, CLUSTERS, PEOPLE,
)
