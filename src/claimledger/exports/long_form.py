"""The ledger in long form: one row per source's figure, beside its entry's low / best / high.
The Parquet export writes these rows (with each event's fields); `ledger --format csv` prints
them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from claimledger.exports.cells import write_csv
from claimledger.model import LedgerEntry

LEDGER_COLUMNS = (
    "cluster_id", "measure", "rule", "low", "best", "high", "disputed", "population",
    "figure_id", "document_id", "source_name", "outlet", "published", "figure_low",
    "figure_high", "figure_low_inclusive", "figure_high_inclusive", "figure_approximate",
    "figure_text", "figure_population",
)


def entry_rows(entry: LedgerEntry) -> Iterator[dict[str, object]]:
    """An entry's rows: each source's figure beside the entry's estimates."""
    for row in entry.rows:
        yield {
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


def write_ledger_csv(entries: Iterable[LedgerEntry], stream: IO[str]) -> int:
    """The entries' rows as CSV, spreadsheet-safe; how many rows were written."""
    return write_csv(stream, LEDGER_COLUMNS, (row for e in entries for row in entry_rows(e)))
