"""Exports of a store: JSONL (full records), CSV with ACLED-like or UCDP-like columns, Parquet.

The CSV exports have one row per event cluster (linked per-document events); their fatality
columns come from the cluster's "killed" ledger entry (ACLED: its "acled" best; UCDP: its
"ucdp" low/best/high), 0 where no source gives a number, as both datasets code it. Parquet holds
the ledger in long form, both rules: one row per source's figure, beside its entry's estimates.
Exports stream the clusters and ledgers relink stored. Where those do not cover the stored events
and links (a store from before clusters were stored, or a run stopped before its relink), they
are derived again and written first (see derived.py), so an export never pairs a ledger with
links that came after it.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, groupby
from pathlib import Path
from typing import IO, Any, get_args

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.derived import RULES, bring_up_to_date
from claimledger.ledger import RULE_NAMES
from claimledger.model import Document, Event, LedgerEntry, LedgerRow
from claimledger.store import Store
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
    how many rows (lines for JSONL) were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {list(FORMATS)}")
    bring_up_to_date(store)
    if fmt == "parquet":
        return write_parquet(store, out)
    writer: Callable[[Store, IO[str]], int] = {
        "jsonl": write_jsonl,
        "csv-acled": write_acled_csv,
        "csv-ucdp": write_ucdp_csv,
    }[fmt]
    with _text_output(out) as stream:
        return writer(store, stream)


@contextmanager
def _text_output(out: Path | str | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield out


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
        writer.writerow({
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
        })
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
        writer.writerow({
            "date_start": min(dates) if dates else "",
            "date_end": max(dates) if dates else "",
            "side_a": _actor(cluster.events, "initiator"),
            "side_b": _actor(cluster.events, "target"),
            "where_description": _place(cluster.events)["where_description"],
            "best": _count(killed.best if killed else None),
            "low": _count(killed.low if killed else None),
            "high": _count(killed.high if killed else None),
            "source_article": "; ".join(a for a in articles if a),
        })
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
