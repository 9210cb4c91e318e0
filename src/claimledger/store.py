"""The SQLite store: one file holding analyses, event links, the ledger and runs.

Writing is idempotent: a document is keyed by its content hash, so writing the same analysis
twice changes nothing, and each document goes in one transaction, so a process killed mid-run
leaves every document either whole or absent. The file is in WAL mode and Datasette-ready.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar, get_args

import msgspec

from claimledger.model import (
    Analysis,
    Attribution,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    LedgerEntry,
    Measure,
    PlaceMention,
    ReadError,
)
from claimledger.store_schema import MIGRATIONS, SCHEMA_VERSION

MEASURE_ORDER: tuple[str, ...] = get_args(Measure)
Record = TypeVar("Record", bound=msgspec.Struct)


class StoredRecords(Mapping[str, Record]):
    """A store's records of one table by id, read from the database when asked for, the last
    `keep` read kept decoded. Linking and the ledger read each event's document (its outlet,
    date and a window of its text) and figures; a corpus's records need not all sit in memory
    for that."""

    def __init__(
        self, conn: sqlite3.Connection, table: str, kind: type[Record], keep: int = 256
    ) -> None:
        self.conn = conn
        self.table = table
        self.kind = kind
        self.keep = keep
        self._kept: OrderedDict[str, Record] = OrderedDict()

    def __getitem__(self, record_id: str) -> Record:
        found = self._kept.get(record_id)
        if found is not None:
            self._kept.move_to_end(record_id)
            return found
        row = self.conn.execute(
            f"SELECT json FROM {self.table} WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise KeyError(record_id)
        record = msgspec.json.decode(row[0], type=self.kind)
        self._kept[record_id] = record
        if len(self._kept) > self.keep:
            self._kept.popitem(last=False)
        return record

    def __iter__(self) -> Iterator[str]:
        for (record_id,) in self.conn.execute(f"SELECT id FROM {self.table} ORDER BY id"):
            yield record_id

    def __len__(self) -> int:
        count: int = self.conn.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0]
        return count

    def kept(self) -> int:
        """How many records are held decoded now."""
        return len(self._kept)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer claimledger whose schema this one does not know."""


def _json(record: msgspec.Struct) -> str:
    return msgspec.json.encode(record).decode("utf-8")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations a file lacks, each atomically with its version bump."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"store schema version {version} is newer than this claimledger's {SCHEMA_VERSION}"
        )
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number](conn)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return SCHEMA_VERSION


class Store:
    """A claimledger SQLite file. Open it with `open_store`; use it as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # --- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two writers never interleave a document.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- analyses ------------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def write_analysis(self, analysis: Analysis, *, replace: bool = False) -> bool:
        """Store one analysis in one transaction; False (and nothing written) if its document
        is already stored, unless `replace`, which swaps the stored analysis for this one."""
        document_id = analysis.document.id
        with self._transaction() as conn:
            if self.has_document(document_id):
                if not replace:
                    return False
                conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            _insert_analysis(conn, analysis)
        return True

    def write_analyses(self, analyses: Iterable[Analysis]) -> int:
        """Store each analysis not yet stored; how many were new."""
        return sum(self.write_analysis(analysis) for analysis in analyses)

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, by document id, exactly as written."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        for document_id in ids:
            analysis = self.analysis(document_id)
            if analysis is not None:
                yield analysis

    def analysis(self, document_id: str) -> Analysis | None:
        row = self.conn.execute(
            "SELECT json, analysis_version, model FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return None
        document = msgspec.json.decode(row[0], type=Document)
        return Analysis(
            document=document,
            attributions=self._children("attributions", document_id, Attribution),
            figures=self._children("figures", document_id, Figure),
            dates=self._children("dates", document_id, DateMention),
            places=self._children("places", document_id, PlaceMention),
            events=self._children("events", document_id, Event),
            version=row[1] or "",
            model=row[2] or "",
        )

    def _children(
        self, table: str, document_id: str, kind: type[Record]
    ) -> tuple[Record, ...]:
        rows = self.conn.execute(
            f"SELECT json FROM {table} WHERE document_id = ? ORDER BY idx", (document_id,)
        )
        return tuple(msgspec.json.decode(r[0], type=kind) for r in rows)

    def events(self) -> Iterator[Event]:
        """Every stored per-document event, by document id and order in the document."""
        rows = self.conn.execute("SELECT json FROM events ORDER BY document_id, idx").fetchall()
        for row in rows:
            yield msgspec.json.decode(row[0], type=Event)

    def figures(self) -> Iterator[Figure]:
        """Every stored figure, by document id and order in the document."""
        rows = self.conn.execute("SELECT json FROM figures ORDER BY document_id, idx").fetchall()
        for row in rows:
            yield msgspec.json.decode(row[0], type=Figure)

    def documents(self) -> Iterator[Document]:
        rows = self.conn.execute("SELECT json FROM documents ORDER BY id").fetchall()
        for row in rows:
            yield msgspec.json.decode(row[0], type=Document)

    def document_map(self, keep: int = 256) -> StoredRecords[Document]:
        """The stored documents by id, each read when asked for (see StoredRecords)."""
        return StoredRecords(self.conn, "documents", Document, keep=keep)

    def figure_map(self, keep: int = 1024) -> StoredRecords[Figure]:
        """The stored figures by id, each read when asked for (see StoredRecords)."""
        return StoredRecords(self.conn, "figures", Figure, keep=keep)

    # --- read errors ---------------------------------------------------------------------------

    def write_error(self, error: ReadError) -> bool:
        """Record an input that yielded no document (one row per input and stage, the latest
        reason kept); False when exactly this error was already recorded."""
        record = _json(error)
        with self._transaction() as conn:
            stored = conn.execute(
                "SELECT json FROM errors WHERE input = ? AND stage = ?", (error.input, error.stage)
            ).fetchone()
            if stored is not None and stored[0] == record:
                return False
            conn.execute(
                "INSERT OR REPLACE INTO errors (input, stage, reason, json) VALUES (?, ?, ?, ?)",
                (error.input, error.stage, error.reason, record),
            )
        return True

    def errors(self) -> list[ReadError]:
        rows = self.conn.execute("SELECT json FROM errors ORDER BY input, stage")
        return [msgspec.json.decode(r[0], type=ReadError) for r in rows]

    # --- links ---------------------------------------------------------------------------------

    def write_links(self, links: Iterable[EventLink], *, replace: bool = False) -> int:
        """Store links keyed by their unordered pair of event ids (a later one replaces an
        earlier one for the same pair); how many pairs were not stored before. With `replace`
        the given links become the whole set (a linker rerun over the whole store)."""
        with self._transaction() as conn:
            stored = {(a, b): record for a, b, record in
                      conn.execute("SELECT a, b, json FROM links")}
            if replace:
                conn.execute("DELETE FROM links")
            new = 0
            for link in links:
                a, b = sorted((link.a, link.b))
                record = _json(link)
                new += (a, b) not in stored
                if stored.get((a, b)) == record and not replace:
                    continue
                conn.execute(
                    "INSERT OR REPLACE INTO links (a, b, score, signals, json)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (a, b, link.score, json.dumps(link.signals, sort_keys=True), record),
                )
                stored[(a, b)] = record
        return new

    def links(self) -> list[EventLink]:
        rows = self.conn.execute("SELECT json FROM links ORDER BY a, b")
        return [msgspec.json.decode(r[0], type=EventLink) for r in rows]

    # --- ledger --------------------------------------------------------------------------------

    def write_ledger(
        self, entries: Sequence[LedgerEntry], *, rules: Collection[str] = ()
    ) -> int:
        """Replace the stored ledger of every rule among `entries` (and of `rules`, for a ledger
        that came out empty) with `entries`, in one transaction; how many entries were written.
        The ledger is derived data: it is recomputed whole, never patched."""
        replaced = {entry.rule for entry in entries} | set(rules)
        with self._transaction() as conn:
            for rule in sorted(replaced):
                conn.execute("DELETE FROM ledger WHERE rule = ?", (rule,))
                conn.execute("DELETE FROM ledger_rows WHERE rule = ?", (rule,))
            for entry in entries:
                _insert_ledger_entry(conn, entry)
        return len(entries)

    def ledger(
        self, cluster_id: str | None = None, *, rule: str | None = None
    ) -> list[LedgerEntry]:
        """Stored ledger entries, of one cluster or all, by cluster, measure and rule."""
        query = "SELECT json FROM ledger WHERE 1 = 1"
        params: list[str] = []
        if cluster_id is not None:
            query += " AND cluster_id = ?"
            params.append(cluster_id)
        if rule is not None:
            query += " AND rule = ?"
            params.append(rule)
        entries = [msgspec.json.decode(r[0], type=LedgerEntry)
                   for r in self.conn.execute(query, params)]
        return sorted(
            entries, key=lambda e: (e.cluster_id, MEASURE_ORDER.index(e.measure), e.rule)
        )

    # --- runs ----------------------------------------------------------------------------------

    def start_run(self, *, version: str, model: str, note: str = "") -> int:
        """Record the start of a batch run; its id."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (started, version, model, note) VALUES (?, ?, ?, ?)",
                (_now(), version, model, note),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, written: int, skipped: int, errors: int = 0) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished = ?, written = ?, skipped = ?, errors = ?"
                " WHERE id = ?",
                (_now(), written, skipped, errors, run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.conn.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) a store file, bringing its schema up to date."""
    path = Path(path)
    # Autocommit mode: transactions are begun explicitly, one per document.
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is safe in WAL: a killed process loses no committed transaction.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def _insert_analysis(conn: sqlite3.Connection, analysis: Analysis) -> None:
    doc = analysis.document
    conn.execute(
        "INSERT INTO documents (id, url, outlet, byline, original_source, title, published,"
        " published_from, input, input_kind, comment_count, version, analysis_version, model,"
        " text, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.url, doc.outlet, doc.byline, doc.original_source, doc.title, doc.published,
         doc.published_from, doc.input, doc.input_kind, doc.comment_count, doc.version,
         analysis.version, analysis.model, doc.text, _json(doc)),
    )
    conn.executemany(
        'INSERT INTO segments (document_id, idx, kind, "start", "end") VALUES (?, ?, ?, ?, ?)',
        [(doc.id, i, s.kind, s.start, s.end) for i, s in enumerate(doc.segments)],
    )
    conn.executemany(
        "INSERT INTO attributions (document_id, id, idx, source_name, source_kind, cue,"
        ' cue_class, direct, denial, hedged, content, "start", "end", json)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, a.id, i, a.source_name, a.source_kind, a.cue.text if a.cue else None,
          a.cue_class, a.direct, a.denial, a.hedged, a.content.text, a.content.start,
          a.content.end, _json(a)) for i, a in enumerate(analysis.attributions)],
    )
    conn.executemany(
        "INSERT INTO figures (document_id, id, idx, measure, low, high, approximate, vague,"
        " hedge, population, negated, modality, source_name, outlet, attribution_id, text,"
        ' "start", "end", json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc.id, f.id, i, f.measure, f.count.low, f.count.high, f.count.approximate,
          f.count.vague, f.count.hedge,
          f.population, f.negated, f.modality, f.source_name or doc.outlet, doc.outlet,
          f.attribution_id, f.span.text, f.span.start, f.span.end, _json(f))
         for i, f in enumerate(analysis.figures)],
    )
    conn.executemany(
        'INSERT INTO dates (document_id, idx, value, granularity, rule, text, "start", "end",'
        " json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, i, d.value, d.granularity, d.rule, d.span.text, d.span.start, d.span.end,
          _json(d)) for i, d in enumerate(analysis.dates)],
    )
    conn.executemany(
        "INSERT INTO places (document_id, idx, name, country, country_code, admin1, latitude,"
        ' longitude, "start", "end", json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc.id, i, p.name, *_place_columns(p), p.span.start, p.span.end, _json(p))
         for i, p in enumerate(analysis.places)],
    )
    for i, event in enumerate(analysis.events):
        place = event.place
        country, _, admin1, latitude, longitude = _place_columns(place)
        conn.execute(
            "INSERT INTO events (document_id, id, idx, event_type, sub_event_type, date, place,"
            " country, admin1, latitude, longitude, outlet, published, json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, event.id, i, event.event_type, event.sub_event_type,
             event.date.value if event.date else None, place.name if place else None, country,
             admin1, latitude, longitude, doc.outlet, doc.published, _json(event)),
        )
        conn.executemany(
            "INSERT INTO event_actors (document_id, event_id, idx, name, role)"
            " VALUES (?, ?, ?, ?, ?)",
            [(doc.id, event.id, j, actor.name, actor.role) for j, actor in
             enumerate(event.actors)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_figures (document_id, event_id, figure_id)"
            " VALUES (?, ?, ?)",
            [(doc.id, event.id, figure_id) for figure_id in event.figure_ids],
        )


def _place_columns(
    place: PlaceMention | None,
) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    """country, country_code, admin1, latitude, longitude of a resolved place (else Nones)."""
    resolved = place.resolved if place else None
    if resolved is None:
        return None, None, None, None, None
    return (resolved.country, resolved.country_code, resolved.admin1, resolved.latitude,
            resolved.longitude)


def _insert_ledger_entry(conn: sqlite3.Connection, entry: LedgerEntry) -> None:
    sources = len({row.source_name.casefold() for row in entry.rows})
    conn.execute(
        "INSERT INTO ledger (cluster_id, measure, rule, low, best, high, disputed, population,"
        " sources, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry.cluster_id, entry.measure, entry.rule, entry.low, entry.best, entry.high,
         entry.disputed, entry.population, sources, _json(entry)),
    )
    conn.executemany(
        "INSERT INTO ledger_rows (cluster_id, measure, rule, idx, figure_id, document_id,"
        " source_name, outlet, published, low, high, approximate, population, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(entry.cluster_id, entry.measure, entry.rule, i, row.figure_id, row.document_id,
          row.source_name, row.outlet, row.published, row.count.low, row.count.high,
          row.count.approximate,
          row.population, row.text) for i, row in enumerate(entry.rows)],
    )
