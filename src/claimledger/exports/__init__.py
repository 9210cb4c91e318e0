"""Exports of a store: JSONL (full records), CSV with ACLED's or UCDP GED's columns, Parquet.

The CSV exports have one row per event cluster (linked per-document events), in the columns and
value conventions of the datasets they stand in for, then claimledger's ids (export/acled.py,
export/ucdp.py); their fatality columns come from the cluster's "killed" ledger entry (ACLED:
its "acled" best; UCDP: its "ucdp" low/best/high). Parquet holds the ledger in long form, both
rules, each row with its event's fields (export/parquet.py); JSONL every record, each line
naming its kind (export/jsonl.py).

Exports stream the clusters and ledgers relink stored. Where those do not cover the stored
events and links (a store from before clusters were stored, or a run stopped before its
relink), they are derived again and written first (see derived.py), so an export never pairs a
ledger with links that came after it. CSV cells are made safe for spreadsheets (export/cells.py);
a file is written beside its destination and moved into place once whole (export/files.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import IO, Any, get_args

from claimledger.derived import STORED_RULES, bring_up_to_date
from claimledger.exports.acled import COLUMNS as ACLED_COLUMNS
from claimledger.exports.acled import write_acled_csv
from claimledger.exports.cells import safe_row, spreadsheet_safe
from claimledger.exports.files import output_file, output_problem
from claimledger.exports.jsonl import RECORD_KINDS, RecordKind, write_jsonl
from claimledger.exports.parquet import write_parquet
from claimledger.exports.ucdp import COLUMNS as UCDP_COLUMNS
from claimledger.exports.ucdp import write_ucdp_csv
from claimledger.store import Store, open_store, open_store_read_only
from claimledger.store_schema import SCHEMA_VERSION
from claimledger.taxonomy import ExportFormat

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "RECORD_KINDS",
    "UCDP_COLUMNS",
    "export",
    "open_for_reading",
    "output_file",
    "output_problem",
    "safe_row",
    "spreadsheet_safe",
]

Format = ExportFormat
FORMATS: tuple[Format, ...] = get_args(ExportFormat)


def export(
    store: Store,
    fmt: Format,
    out: Path | str | IO[Any],
    *,
    records: Collection[RecordKind] = RECORD_KINDS,
) -> int:
    """Write the store in `fmt` to a path or an open file (text, or binary for Parquet);
    how many rows (lines for JSONL) were written. A path is written through `output_file`.
    `records`: the kinds of JSONL line written (all by default)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {list(FORMATS)}")
    bring_up_to_date(store)
    if fmt == "parquet":
        if isinstance(out, str | Path):
            with output_file(out, binary=True) as stream:
                return write_parquet(store, stream)
        return write_parquet(store, out)
    writer: Callable[[Store, IO[str]], int] = {
        "jsonl": lambda s, o: write_jsonl(s, o, records),
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
