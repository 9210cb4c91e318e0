"""CSV cells made safe for spreadsheets (OWASP's rule against formula injection): a text cell
that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so page text
like `=HYPERLINK(...)` is shown, never run; numbers as written stay numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell that is a number as written: left as it is, so "-12.5" stays a number.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: str) -> str:
    """A cell's text that no spreadsheet runs as a formula: `'` before a formula's first
    character; a number as written is left as it is."""
    if value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, object]) -> dict[str, object]:
    """A CSV row with its text cells made spreadsheet-safe; numbers are written as numbers,
    None as an empty cell."""
    return {key: spreadsheet_safe(v) if isinstance(v, str) else ("" if v is None else v)
            for key, v in row.items()}


def write_csv(
    stream: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, object]]
) -> int:
    """A header of `columns`, then each row made safe; how many rows were written."""
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(safe_row(row))
        written += 1
    return written
