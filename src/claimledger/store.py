"""The SQLite store: one file holding analyses, event links, event clusters, the ledger and runs.

Writing is idempotent: a document is keyed by its content hash, so writing the same analysis
twice changes nothing, and each document goes in one transaction, so a process killed mid-run
leaves every document either whole or absent. The file is in WAL mode and Datasette-ready.
A file is known for a store by its schema version and tables before anything is written to it:
a file that is not one (not SQLite, or another program's database) is refused, never converted.
Every SQL statement of claimledger is here (and the schema in store_schema.py): the exporter,
the viewer and the runners read through the methods below.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, Self, TypeVar

import msgspec

from claimledger.model import (
    Analysis,
    Attribution,
    ClusterMember,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    LedgerEntry,
    Person,
    PlaceMention,
    ReadError,
    skipped_for_language,
)
from claimledger.store_schema import MIGRATIONS, SCHEMA_VERSION
from claimledger.store_tables import (
    ATTRIBUTIONS,
    CLUSTERS,
    DATES,
    DOCUMENTS,
    ERRORS,
    EVENT_ACTORS,
    EVENT_FIGURES,
    EVENT_PLACE_COLUMNS,
    EVENTS,
    FIGURES,
    LEDGER,
    LEDGER_ROWS,
    LINKS,
    PEOPLE,
    PLACES,
    SEGMENTS,
    Item,
    TableSpec,
    record_json,
)
from claimledger.taxonomy import MEASURE_ORDER

Record = TypeVar("Record", bound=msgspec.Struct)
Row = TypeVar("Row")
EventColumn = Literal["event_type", "country", "outlet"]
# Ledger entries by cluster, then measure in the model's order, then rule.
LEDGER_ORDER = "cluster_id, CASE measure {} END, rule".format(
    " ".join(f"WHEN '{measure}' THEN {i}" for i, measure in enumerate(MEASURE_ORDER))
)
# An event the stored clusters do not cover yet (written after the last relink) is a cluster of
# its own, as an unlinked event is.
CLUSTERED_EVENTS = (
    "SELECT COALESCE(c.cluster_id, e.id), e.json, e.outlet, e.published"
    " FROM events e LEFT JOIN clusters c ON c.event_id = e.id"
)


class ClusteredEvent(NamedTuple):
    """A stored event with its cluster and its page's outlet and publication date."""

    cluster_id: str
    event: Event
    outlet: str | None
    published: str | None


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


class NotAStoreError(RuntimeError):
    """The file is not a claimledger store: not an SQLite database, or another program's."""


# Tables every claimledger store has had since its first schema version.
FIRST_TABLES = frozenset({"documents", "segments", "events", "links", "ledger", "runs"})


def store_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of the store open on `conn`, read without writing: 0 for an empty
    database (a new file). Raises NotAStoreError for a file that is not a claimledger store and
    SchemaTooNewError for one a newer claimledger wrote."""
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    except sqlite3.OperationalError:  # the file could not be read: locked, an I/O error
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database"
        raise NotAStoreError(f"{path} is not a claimledger store: {exc}") from exc
    if version == 0 and not tables:
        return 0
    if version > SCHEMA_VERSION and (not tables or "documents" in tables):
        raise SchemaTooNewError(
            f"store schema version {version} is newer than this claimledger's {SCHEMA_VERSION}"
        )
    if version == 0 or not tables >= FIRST_TABLES:
        raise NotAStoreError(
            f"{path} is not a claimledger store: an SQLite database with other tables"
        )
    return version


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations a file lacks, each atomically with its version bump. The version is
    read again once the write lock is held: two processes opening one new file at once (two
    runs started together) apply each migration once, not twice."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"store schema version {version} is newer than this claimledger's {SCHEMA_VERSION}"
        )
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] <= number:
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

    def table_columns(self) -> dict[str, list[str]]:
        """Each table's column names, in order."""
        names = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: [r[1] for r in self.conn.execute(
            "SELECT * FROM pragma_table_info(?) ORDER BY cid", (name,))] for name in names}

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

    def document_ids(self) -> Iterator[str]:
        """The id of every stored document."""
        for (document_id,) in self.conn.execute("SELECT id FROM documents"):
            yield document_id

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
            people=self._children("people", document_id, Person),
            version=row[1] or "",
            model=row[2] or "",
            skipped=skipped_for_language(document),
        )

    def _children(
        self, table: str, document_id: str, kind: type[Record]
    ) -> tuple[Record, ...]:
        rows = self.conn.execute(
            f"SELECT json FROM {table} WHERE document_id = ? ORDER BY idx", (document_id,)
        )
        return tuple(msgspec.json.decode(r[0], type=kind) for r in rows)

    def document_urls(self) -> dict[str, str | None]:
        """Every stored document's address, by document id."""
        return dict(self.conn.execute("SELECT id, url FROM documents").fetchall())

    def document_places(self) -> Iterator[tuple[str, list[PlaceMention]]]:
        """Each stored document's id with its places, in document order."""
        rows = self.conn.execute("SELECT document_id, json FROM places ORDER BY document_id, idx")
        for document_id, group in groupby(rows, key=lambda row: row[0]):
            yield document_id, [msgspec.json.decode(row[1], type=PlaceMention) for row in group]

    def stated_days(self, rules: Collection[str]) -> dict[str, list[str]]:
        """The days (ISO) each document's dates of these rules give, by document id: for
        linking, the calendar days a page writes (link_features.STATED_RULES)."""
        marks = ", ".join("?" for _ in rules)
        rows = self.conn.execute(
            f"SELECT document_id, value FROM dates WHERE granularity = 'day' AND value IS NOT "
            f"NULL AND rule IN ({marks}) ORDER BY document_id, idx", tuple(rules))
        days: dict[str, list[str]] = {}
        for document_id, value in rows:
            days.setdefault(document_id, []).append(value)
        return days

    def replace_event_places(self, events: Iterable[Event]) -> int:
        """Store each event's place again (its JSON and its place columns), where the event is
        stored; how many were."""
        columns = ", ".join(f"{name} = ?" for name, _ in EVENT_PLACE_COLUMNS)
        update = f"UPDATE events SET {columns}, json = ? WHERE document_id = ? AND id = ?"
        changed = 0
        with self._transaction() as conn:
            for event in events:
                values = [get(event) for _, get in EVENT_PLACE_COLUMNS]
                cursor = conn.execute(
                    update, (*values, record_json(event), event.document_id, event.id)
                )
                changed += cursor.rowcount
        return changed

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

    def event_values(self, column: EventColumn) -> list[str | None]:
        """The distinct values of one of the events' flat columns (type, country, outlet)."""
        return [r[0] for r in self.conn.execute(f"SELECT DISTINCT {column} FROM events")]

    def document_map(self, keep: int = 256) -> StoredRecords[Document]:
        """The stored documents by id, each read when asked for (see StoredRecords)."""
        return StoredRecords(self.conn, "documents", Document, keep=keep)

    def figure_map(self, keep: int = 1024) -> StoredRecords[Figure]:
        """The stored figures by id, each read when asked for (see StoredRecords)."""
        return StoredRecords(self.conn, "figures", Figure, keep=keep)

    def person_map(self, keep: int = 1024) -> StoredRecords[Person]:
        """The stored people harmed, by id, each read when asked for (see StoredRecords)."""
        return StoredRecords(self.conn, "people", Person, keep=keep)

    # --- read errors ---------------------------------------------------------------------------

    def write_error(self, error: ReadError) -> bool:
        """Record an input that yielded no document (one row per input and stage, the latest
        reason kept); False when exactly this error was already recorded."""
        record = record_json(error)
        with self._transaction() as conn:
            stored = conn.execute(
                "SELECT json FROM errors WHERE input = ? AND stage = ?", (error.input, error.stage)
            ).fetchone()
            if stored is not None and stored[0] == record:
                return False
            _insert(conn, ERRORS, [error])
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
                record = record_json(link)
                new += (a, b) not in stored
                if stored.get((a, b)) == record and not replace:
                    continue
                _insert(conn, LINKS, [link])
                stored[(a, b)] = record
        return new

    def links(self) -> list[EventLink]:
        rows = self.conn.execute("SELECT json FROM links ORDER BY a, b")
        return [msgspec.json.decode(r[0], type=EventLink) for r in rows]

    # --- ledger and clusters (what relink derives) -------------------------------------------

    def write_ledger(
        self, entries: Sequence[LedgerEntry], *, rules: Collection[str] = ()
    ) -> int:
        """Replace the stored ledger of every rule among `entries` (and of `rules`, for a ledger
        that came out empty) with `entries`, in one transaction; how many entries were written.
        The ledger is derived data: it is recomputed whole, never patched."""
        with self._transaction() as conn:
            _replace_ledger(conn, entries, rules)
        return len(entries)

    def write_clusters_and_ledger(
        self,
        clusters: Iterable[ClusterMember],
        entries: Sequence[LedgerEntry],
        *,
        rules: Collection[str] = (),
    ) -> None:
        """Replace every stored cluster with `clusters` and the ledger as `write_ledger` does,
        in one transaction, so no reader sees the clusters of one relink beside the ledger of
        another."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM clusters")
            _insert(conn, CLUSTERS, clusters)
            _replace_ledger(conn, entries, rules)

    def derived_is_current(self, rules: Collection[str]) -> bool:
        """Whether the stored clusters and ledger are those of the stored events and links:
        every event has exactly one cluster, no cluster names an event that is gone, no link
        joins two clusters, every ledger entry names a cluster, and each of `rules` has an
        entry for the same number of cluster and measure pairs (the rules differ in estimates,
        not in entries). False for a store written before clusters were stored, or whose run
        stopped before its relink. (A link removed since the relink is not noticed: only a
        relink removes links.)"""
        gaps = (
            "SELECT 1 FROM events e LEFT JOIN clusters c ON c.event_id = e.id"
            " WHERE c.event_id IS NULL",
            "SELECT 1 FROM clusters c WHERE NOT EXISTS"
            " (SELECT 1 FROM events e WHERE e.id = c.event_id)",
            "SELECT 1 FROM links l JOIN clusters x ON x.event_id = l.a"
            " JOIN clusters y ON y.event_id = l.b WHERE x.cluster_id != y.cluster_id",
            "SELECT 1 FROM ledger l WHERE NOT EXISTS"
            " (SELECT 1 FROM clusters c WHERE c.cluster_id = l.cluster_id)",
        )
        if any(self.conn.execute(f"{query} LIMIT 1").fetchone() for query in gaps):
            return False
        counts = dict(self.conn.execute("SELECT rule, COUNT(*) FROM ledger GROUP BY rule"))
        return len({counts.get(rule, 0) for rule in rules}) <= 1

    def ledger(
        self,
        cluster_id: str | None = None,
        *,
        rule: str | None = None,
        measure: str | None = None,
    ) -> list[LedgerEntry]:
        """Stored ledger entries, of one cluster or all, by cluster, measure and rule."""
        return list(self.ledger_entries(cluster_id, rule=rule, measure=measure))

    def ledger_entries(
        self,
        cluster_id: str | None = None,
        *,
        rule: str | None = None,
        measure: str | None = None,
    ) -> Iterator[LedgerEntry]:
        """The entries `ledger` lists, read one at a time (an export of a large store)."""
        query = "SELECT json FROM ledger WHERE 1 = 1"
        params: list[str] = []
        for column, value in (("cluster_id", cluster_id), ("rule", rule), ("measure", measure)):
            if value is not None:
                query += f" AND {column} = ?"
                params.append(value)
        for row in self.conn.execute(f"{query} ORDER BY {LEDGER_ORDER}", params):
            yield msgspec.json.decode(row[0], type=LedgerEntry)

    def cluster_members(self) -> list[ClusterMember]:
        """Every stored cluster record, by cluster and event id."""
        rows = self.conn.execute(
            "SELECT cluster_id, event_id, document_id FROM clusters ORDER BY cluster_id, event_id"
        )
        return [ClusterMember(cluster_id=c, event_id=e, document_id=d) for c, e, d in rows]

    def cluster_of(self, event_id: str) -> str | None:
        """The cluster of a stored event; None when no stored event has that id."""
        row = self.conn.execute(
            f"{CLUSTERED_EVENTS} WHERE e.id = ? LIMIT 1", (event_id,)
        ).fetchone()
        return str(row[0]) if row is not None else None

    def clustered_events(
        self, cluster_id: str | None = None, *, order: Literal["page", "stored"] = "page"
    ) -> Iterator[ClusteredEvent]:
        """Stored events with their clusters, of one cluster or all. By "page": by cluster,
        then earliest publication first (undated pages last), then by event id; by "stored":
        as `events` lists them, by document and place in the document."""
        query = CLUSTERED_EVENTS
        params: tuple[str, ...] = ()
        if cluster_id is not None:
            # Written so that each side finds its events by index; an event without a cluster
            # row is the cluster named by its id.
            query += (" WHERE e.id IN (SELECT event_id FROM clusters WHERE cluster_id = ?)"
                      " OR (e.id = ? AND c.event_id IS NULL)")
            params = (cluster_id, cluster_id)
        if order == "page":
            query += " ORDER BY 1, e.published IS NULL, e.published, e.id"
        else:
            query += " ORDER BY e.document_id, e.idx"
        for cluster, record, outlet, published in self.conn.execute(query, params):
            yield ClusteredEvent(
                cluster, msgspec.json.decode(record, type=Event), outlet, published
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
    """Open (creating if needed) a store file, bringing its schema up to date. A file that is
    not a claimledger store is refused (NotAStoreError) before anything is written to it."""
    path = Path(path)
    # Autocommit mode: transactions are begun explicitly, one per document.
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        store_version(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is safe in WAL: a killed process loses no committed transaction.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def open_store_read_only(path: str | Path) -> Store:
    """Open an existing store for reading only: no migration, nothing written. Raises
    FileNotFoundError where there is no file, NotAStoreError for a file that is not a
    claimledger store (an empty one included) and SchemaTooNewError for a newer one."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no claimledger store at {path}")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if store_version(conn, path) == 0:
            raise NotAStoreError(f"{path} is not a claimledger store: an empty database")
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def _insert(conn: sqlite3.Connection, table: TableSpec[Row], rows: Iterable[Row]) -> None:
    conn.executemany(table.insert, (table.values(row) for row in rows))


def _insert_analysis(conn: sqlite3.Connection, analysis: Analysis) -> None:
    doc = analysis.document
    _insert(conn, DOCUMENTS, [analysis])
    _insert(conn, SEGMENTS, (Item(doc, i, s) for i, s in enumerate(doc.segments)))
    _insert(conn, ATTRIBUTIONS, (Item(doc, i, a) for i, a in enumerate(analysis.attributions)))
    _insert(conn, FIGURES, (Item(doc, i, f) for i, f in enumerate(analysis.figures)))
    _insert(conn, DATES, (Item(doc, i, d) for i, d in enumerate(analysis.dates)))
    _insert(conn, PLACES, (Item(doc, i, p) for i, p in enumerate(analysis.places)))
    _insert(conn, PEOPLE, (Item(doc, i, p) for i, p in enumerate(analysis.people)))
    events = [Item(doc, i, event) for i, event in enumerate(analysis.events)]
    _insert(conn, EVENTS, events)
    _insert(conn, EVENT_ACTORS, (Item(event, j, actor) for event in events
                                 for j, actor in enumerate(event.record.actors)))
    _insert(conn, EVENT_FIGURES, (Item(event, j, figure_id) for event in events
                                  for j, figure_id in enumerate(event.record.figure_ids)))


def _replace_ledger(
    conn: sqlite3.Connection, entries: Sequence[LedgerEntry], rules: Collection[str]
) -> None:
    """The stored ledger of every rule among `entries` and of `rules`, replaced by `entries`."""
    for rule in sorted({entry.rule for entry in entries} | set(rules)):
        conn.execute("DELETE FROM ledger WHERE rule = ?", (rule,))
        conn.execute("DELETE FROM ledger_rows WHERE rule = ?", (rule,))
    _insert(conn, LEDGER, entries)
    _insert(conn, LEDGER_ROWS, (Item(entry, i, row) for entry in entries
                                for i, row in enumerate(entry.rows)))
