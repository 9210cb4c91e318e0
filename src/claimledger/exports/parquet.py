"""The Parquet export: the stored ledgers, the UCDP rule's then the ACLED rule's, in long form
(one row per source's figure, beside its entry's estimates), each row with its event cluster's
fields (dates, type, actors, place). Rows are written a batch at a time, so a large ledger is
never held whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.derived import RULES
from claimledger.exports.clusters import ClusterFields, cluster_fields, event_clusters
from claimledger.exports.long_form import entry_rows
from claimledger.ledger import RULE_NAMES
from claimledger.model import LedgerEntry
from claimledger.store import Store

# Parquet rows are written in batches of about this many.
PARQUET_BATCH_ROWS = 10_000
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
    # The event cluster's fields.
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("date_granularity", pa.string()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("actor1", pa.string()),
    ("actor2", pa.string()),
    ("location", pa.string()),
    ("place_as_written", pa.string()),
    ("place_feature", pa.string()),
    ("admin1", pa.string()),
    ("admin2", pa.string()),
    ("country", pa.string()),
    ("country_code", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("event_ids", pa.list_(pa.string())),
])


def write_parquet(store: Store, out: Path | str | IO[Any]) -> int:
    """Every stored ledger entry's rows with their cluster's fields; how many rows were
    written."""
    sink = str(out) if isinstance(out, str | Path) else out
    written = 0
    with pq.ParquetWriter(sink, PARQUET_SCHEMA) as writer:
        batch: list[tuple[LedgerEntry, ClusterFields | None]] = []
        rows = 0
        for rule in RULES:
            for entry, fields in _with_fields(store, store.ledger_entries(rule=RULE_NAMES[rule])):
                batch.append((entry, fields))
                rows += len(entry.rows)
                if rows >= PARQUET_BATCH_ROWS:
                    written += _write_table(writer, batch)
                    batch, rows = [], 0
        if batch:
            written += _write_table(writer, batch)
    return written


def _with_fields(
    store: Store, entries: Iterable[LedgerEntry]
) -> Iterator[tuple[LedgerEntry, ClusterFields | None]]:
    """Each entry beside its cluster's fields: both come ordered by cluster id, so the clusters
    are read once, alongside."""
    clusters = event_clusters(store)
    current = next(clusters, None)
    fields: ClusterFields | None = None
    for entry in entries:
        while current is not None and current.id < entry.cluster_id:
            current = next(clusters, None)
            fields = None
        if current is None or current.id != entry.cluster_id:
            yield entry, None
            continue
        if fields is None:
            fields = cluster_fields(current)
        yield entry, fields


def _write_table(
    writer: pq.ParquetWriter, entries: Sequence[tuple[LedgerEntry, ClusterFields | None]]
) -> int:
    table = ledger_table(entries)
    writer.write_table(table)
    return int(table.num_rows)


def _event_columns(fields: ClusterFields | None) -> dict[str, object]:
    if fields is None:
        return {}
    place, dates = fields.place, fields.dates
    return {
        "date_start": dates.start if dates else None,
        "date_end": dates.end if dates else None,
        "date_granularity": dates.granularity if dates else None,
        "event_type": fields.event_type,
        "sub_event_type": fields.sub_event_type,
        "actor1": fields.actor1,
        "actor2": fields.actor2,
        "location": place.name if place else None,
        "place_as_written": fields.place_as_written,
        "place_feature": place.feature if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "event_ids": list(fields.event_ids),
    }


def ledger_table(entries: Sequence[tuple[LedgerEntry, ClusterFields | None]]) -> pa.Table:
    """The ledger in long form: one row per source's figure, beside its entry's estimates and
    its cluster's fields."""
    records = [
        {**row, **_event_columns(fields)} for entry, fields in entries for row in entry_rows(entry)
    ]
    return pa.Table.from_pylist(records, schema=PARQUET_SCHEMA)
