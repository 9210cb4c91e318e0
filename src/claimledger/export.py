"""Exports of a store: JSONL (full records), CSV with ACLED-like or UCDP-like columns, Parquet.

The CSV exports have one row per event cluster (linked per-document events); their fatality
columns come from the cluster's "killed" ledger entry (ACLED: its "acled" best; UCDP: its
"ucdp" low/best/high), 0 where no source gives a number, as both datasets code it. Parquet holds
the ledger in long form, both rules: one row per source's figure, beside its entry's estimates.
Exports stream the clusters and ledgers relink stored. Where those do not cover the stored events
and links (a store from before clusters were stored, or a run stopped before its relink), they
are derived again and written first (see derived.py), so an export never pairs a ledger with
links that came after it.

CSV cells are made safe for spreadsheets (OWASP's rule against formula injection): a text cell
that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so page text
like `=HYPERLINK(...)` is shown, never run; numeric columns stay numbers. A file is written
beside its destination and moved into place once whole, so a failed export leaves no half file
and keeps an earlier one.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from itertools import chain, groupby
from pathlib import Path
from typing import IO, Any, get_args

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.derived import RULES, STORED_RULES, bring_up_to_date
from claimledger.ledger import RULE_NAMES
from claimledger.model import Document, Event, LedgerEntry, LedgerRow
from claimledger.store import Store, open_store, open_store_read_only
from claimledger.store_schema import SCHEMA_VERSION
from claimledger.taxonomy import ExportFormat, Rule

Format = ExportFormat
FORMATS: tuple[Format, ...] = get_args(ExportFormat)
# Parquet rows are written in batches of about this many, so a large ledger is never held whole.
PARQUET_BATCH_ROWS = 10_000
ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
    "latitude", "longitude", "source", "notes", "fatalities",
)
UCDP_COLUMNS = (
    "date_start", "date_end", "side_a", "side_b", "where_description", "best", "low", "high",
    "source_article",
)
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell that is a number as written: left as it is, so "-12.5" stays a number.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
PARQUET_SCHEMA = pa.schema([
    ("cluster_id", pa.string()),
    ("measure", pa.string()),
    ("rule", pa.string()),
    ("low", pa.float64()),
    ("best", pa.float64()),
    ("high", pa.float64()),
    ("disputed", pa.bool_()),
    ("population", pa.string()),
    ("figure_id", pa.string()),
    ("document_id", pa.string()),
    ("source_name", pa.string()),
    ("outlet", pa.string()),
    ("published", pa.string()),
    ("figure_low", pa.float64()),
    ("figure_high", pa.float64()),
    ("figure_low_inclusive", pa.bool_()),
    ("figure_high_inclusive", pa.bool_()),
    ("figure_approximate", pa.bool_()),
    ("figure_text", pa.string()),
    ("figure_population", pa.string()),
])


class Cluster(msgspec.Struct, frozen=True, kw_only=True):
    """One event cluster with its events (earliest page first) and their pages."""

    id: str
    events: tuple[Event, ...]
    documents: tuple[Document, ...]


def export(store: Store, fmt: Format, out: Path | str | IO[Any]) -> int:
    """Write the store in `fmt` to a path or an open file (text, or binary for Parquet);
    how many rows (lines for JSONL) were written. A path is written through `output_file`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {list(FORMATS)}")
    bring_up_to_date(store)
    if fmt == "parquet":
        if isinstance(out, str | Path):
            with output_file(out, binary=True) as stream:
                return write_parquet(store, stream)
        return write_parquet(store, out)
    writer: Callable[[Store, IO[str]], int] = {
        "jsonl": write_jsonl,
        "csv-acled": write_acled_csv,
        "csv-ucdp": write_ucdp_csv,
    }[fmt]
    if isinstance(out, str | Path):
        with output_file(out) as stream:
            return writer(store, stream)
    return writer(store, out)


def open_for_reading(path: str | Path) -> Store:
    """The claimledger store at `path`, opened read-only for an export or the viewer.

    A file that is not a claimledger store is refused (NotAStoreError) and left as it was. A
    store from an older claimledger, or one whose run stopped before linking, is first brought up
    to date (its migrations, then its clusters and ledgers, see derived.py) through a connection
    that writes only then; a current store is never opened for writing.
    """
    store = open_store_read_only(path)
    try:
        current = store.schema_version == SCHEMA_VERSION and store.derived_is_current(
            STORED_RULES
        )
    except BaseException:
        store.close()
        raise
    if current:
        return store
    store.close()
    with open_store(path) as writable:
        bring_up_to_date(writable)
    return open_store_read_only(path)


def output_problem(path: Path) -> str | None:
    """Why `path` cannot take an export, found before any work is done; None when it can."""
    if path.is_dir():
        return f"{path} is a folder"
    folder = path.parent
    if not folder.exists():
        return f"folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if path.exists() and not path.is_file():
        return None  # a device or a pipe (/dev/stdout): written in place
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write in folder {folder}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is not writable"
    return None


@contextmanager
def output_file(path: str | Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream for writing the file at `path`. A regular file (or a new one) is written as a
    temporary file in the same folder, flushed to disk, then moved over `path`: if any write
    fails, the temporary file is removed and `path` is as it was. A device or a pipe is
    written in place."""
    path = Path(path)
    if path.exists() and not path.is_file():
        with _open(path, binary) as stream:
            yield stream
        return
    permissions = path.stat().st_mode & 0o777 if path.exists() else _default_permissions()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with _open(fd, binary) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, permissions)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _open(file: int | Path, binary: bool) -> IO[Any]:
    if binary:
        return open(file, "wb")
    return open(file, "w", encoding="utf-8", newline="")


def _default_permissions() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def spreadsheet_safe(value: str) -> str:
    """A cell's text that no spreadsheet runs as a formula: `'` before a formula's first
    character; a number as written is left as it is."""
    if value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, object]) -> dict[str, object]:
    """A CSV row with its text cells made spreadsheet-safe; numbers are written as numbers."""
    return {key: spreadsheet_safe(v) if isinstance(v, str) else v for key, v in row.items()}


def write_jsonl(store: Store, stream: IO[str]) -> int:
    """Every analysis, then every link, then every ledger entry (by the UCDP rule),
    one JSON record a line; the `record` field says which ("analysis", "link", "ledger")."""
    lines = 0
    for analysis in store.analyses():
        stream.write(msgspec.json.encode(analysis).decode("utf-8") + "\n")
        lines += 1
    tagged: Iterable[tuple[str, msgspec.Struct]] = chain(
        (("link", link) for link in store.links()),
        (("ledger", entry) for entry in store.ledger_entries(rule=RULE_NAMES["ucdp"])),
    )
    for record, item in tagged:
        fields = msgspec.to_builtins(item)
        stream.write(msgspec.json.encode({"record": record, **fields}).decode("utf-8") + "\n")
        lines += 1
    return lines


def event_clusters(store: Store) -> Iterator[Cluster]:
    """The store's event clusters as stored, by cluster id, each read when reached."""
    documents = store.document_map()
    for cluster_id, members in groupby(store.clustered_events(), key=lambda m: m.cluster_id):
        ordered = tuple(member.event for member in members)
        pages = [documents[e.document_id] for e in ordered if e.document_id in documents]
        unique_pages = tuple({page.id: page for page in pages}.values())
        yield Cluster(id=cluster_id, events=ordered, documents=unique_pages)


def _most_common(values: Sequence[str | None]) -> str:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else ""


def _actor(events: Sequence[Event], role: str) -> str:
    for event in events:
        for actor in event.actors:
            if actor.role == role:
                return actor.name
    return ""


def _full_dates(events: Sequence[Event]) -> list[str]:
    """Event dates known to the day (a partial date, e.g. with an unknown year, is left out)."""
    return [e.date.value for e in events if e.date and e.date.value
            and e.date.granularity == "day" and "X" not in e.date.value]


def _place(events: Sequence[Event]) -> dict[str, Any]:
    for event in events:
        if event.place and event.place.resolved:
            resolved = event.place.resolved
            return {"admin1": resolved.admin1 or "", "location": resolved.name,
                    "latitude": resolved.latitude, "longitude": resolved.longitude,
                    "where_description": event.place.name}
    for event in events:
        if event.place:
            return {"admin1": "", "location": event.place.name, "latitude": "",
                    "longitude": "", "where_description": event.place.name}
    return {"admin1": "", "location": "", "latitude": "", "longitude": "",
            "where_description": ""}


def _count(value: float | None) -> int:
    # Counts are whole people; a bound like 200.0 is written 200.
    return int(value) if value is not None else 0


def _figure_note(row: LedgerRow) -> str:
    """'five Russian (Russian Foreign Ministry)': the figure, whom it counts, who says it."""
    counted = row.text
    if row.population and row.population.casefold() not in row.text.casefold():
        counted += f" {row.population}"
    return f"{counted} ({row.source_name or row.outlet or 'unattributed'})"


def _clusters_with_killed(
    store: Store, rule: Rule
) -> Iterator[tuple[Cluster, LedgerEntry | None, list[str]]]:
    """Each event cluster with its stored killed entry under `rule`, and its full dates."""
    for cluster in event_clusters(store):
        killed = store.ledger(cluster.id, rule=RULE_NAMES[rule], measure="killed")
        yield cluster, (killed[0] if killed else None), _full_dates(cluster.events)


def write_acled_csv(store: Store, stream: IO[str]) -> int:
    """One ACLED-like row per event cluster; fatalities by ACLED's conservative rule."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    written = 0
    for cluster, killed, dates in _clusters_with_killed(store, "acled"):
        place = _place(cluster.events)
        notes = "; ".join(d.title for d in cluster.documents if d.title)
        if killed:
            figures = ", ".join(_figure_note(row) for row in killed.rows)
            notes += f"{'. ' if notes else ''}Killed: {figures}"
            notes += " [disputed]" if killed.disputed else ""
        writer.writerow(safe_row({
            "event_date": min(dates) if dates else "",
            "event_type": _most_common([e.event_type for e in cluster.events]),
            "sub_event_type": _most_common([e.sub_event_type for e in cluster.events]),
            "actor1": _actor(cluster.events, "initiator"),
            "actor2": _actor(cluster.events, "target"),
            "admin1": place["admin1"],
            "location": place["location"],
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "source": "; ".join(dict.fromkeys(d.outlet for d in cluster.documents if d.outlet)),
            "notes": notes,
            "fatalities": _count(killed.best if killed else None),
        }))
        written += 1
    return written


def write_ucdp_csv(store: Store, stream: IO[str]) -> int:
    """One UCDP-like row per event cluster; low/best/high by the UCDP rule."""
    writer = csv.DictWriter(stream, fieldnames=UCDP_COLUMNS)
    writer.writeheader()
    written = 0
    for cluster, killed, dates in _clusters_with_killed(store, "ucdp"):
        articles = [
            " ".join(part for part in (d.outlet, d.published, f'"{d.title}"' if d.title else "")
                     if part)
            for d in cluster.documents
        ]
        writer.writerow(safe_row({
            "date_start": min(dates) if dates else "",
            "date_end": max(dates) if dates else "",
            "side_a": _actor(cluster.events, "initiator"),
            "side_b": _actor(cluster.events, "target"),
            "where_description": _place(cluster.events)["where_description"],
            "best": _count(killed.best if killed else None),
            "low": _count(killed.low if killed else None),
            "high": _count(killed.high if killed else None),
            "source_article": "; ".join(a for a in articles if a),
        }))
        written += 1
    return written


def write_parquet(store: Store, out: Path | str | IO[Any]) -> int:
    """The stored ledgers, the UCDP rule's then the ACLED rule's, as `ledger_table` rows, written
    a batch of entries at a time; how many rows were written."""
    sink = str(out) if isinstance(out, str | Path) else out
    entries = (entry for rule in RULES for entry in store.ledger_entries(rule=RULE_NAMES[rule]))
    written = 0
    with pq.ParquetWriter(sink, PARQUET_SCHEMA) as writer:
        batch: list[LedgerEntry] = []
        rows = 0
        for entry in entries:
            batch.append(entry)
            rows += len(entry.rows)
            if rows >= PARQUET_BATCH_ROWS:
                written += _write_table(writer, batch)
                batch, rows = [], 0
        if batch:
            written += _write_table(writer, batch)
    return written


def _write_table(writer: pq.ParquetWriter, entries: Sequence[LedgerEntry]) -> int:
    table = ledger_table(entries)
    writer.write_table(table)
    return int(table.num_rows)


def ledger_table(entries: Sequence[LedgerEntry]) -> pa.Table:
    """The ledger in long form: one row per source's figure, beside its entry's estimates."""
    records = [
        {
            "cluster_id": entry.cluster_id,
            "measure": entry.measure,
            "rule": entry.rule,
            "low": entry.low,
            "best": entry.best,
            "high": entry.high,
            "disputed": entry.disputed,
            "population": entry.population,
            "figure_id": row.figure_id,
            "document_id": row.document_id,
            "source_name": row.source_name,
            "outlet": row.outlet,
            "published": row.published,
            "figure_low": row.count.low,
            "figure_high": row.count.high,
            "figure_low_inclusive": row.count.low_inclusive,
            "figure_high_inclusive": row.count.high_inclusive,
            "figure_approximate": row.count.approximate,
            "figure_text": row.text,
            "figure_population": row.population,
        }
        for entry in entries
        for row in entry.rows
    ]
    return pa.Table.from_pylist(records, schema=PARQUET_SCHEMA)
