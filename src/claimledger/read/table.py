"""The CSV and TSV reader: a header row, then one input per row, named `pages.csv:17` by the line
the row starts on (1-based; a quoted cell may hold line breaks).

Each row is a record read by `record.read_record`, its columns found by name as a JSON record's
keys are (`ReadOptions.jsonl_fields`, set on the command line by `--text-column` and the rest).
A file whose header has no text or HTML column, or lacks a column the user named, is one error
that lists the header, not one per row. The delimiter of a `.csv` file is the one of `,` `;`
tab `|` its header line holds most of; a `.tsv` or `.tab` file's is a tab. The file is read as a
stream, in the encoding its first megabyte shows.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import BinaryIO, cast

from claimledger.model import Document, ReadError
from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput, read_error
from claimledger.read.options import JsonlFields, ReadOptions
from claimledger.read.record import read_record
from claimledger.read.url_list import FETCH_HINT

DELIMITERS = (",", ";", "\t", "|")
HEAD_BYTES = 1 << 20
# A decoder's name for "UTF-8 with stray cp1252 bytes" (decode.py), as Python's codec and the
# error handler that reads those bytes.
MIXED_ENCODING = "utf-8+cp1252"
# UTF-32's marks before UTF-16's: UTF-32 LE's starts with UTF-16 LE's.
BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_table(
    stream: BinaryIO, *, input: str, options: ReadOptions, delimiter: str | None = None
) -> Iterator[Document | ReadError]:
    """A document or an error for every row under the header, in order; a bad row never stops
    the file. `delimiter` None: the one the header line holds most of."""
    text = _text_stream(stream)
    lines = _bounded_lines(text, options.max_bytes)
    try:
        header_line = next(lines, "")
    except UnreadableInput as error:
        yield read_error(input, error.reason)
        return
    if not header_line.strip():
        yield read_error(input, "empty input: no header row")
        return
    delimiter = delimiter or max(DELIMITERS, key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    problem = header_problem(header, options.jsonl_fields)
    if problem:
        yield read_error(input, problem)
        return
    _allow_fields_of(options.max_bytes)
    rows = csv.reader(lines, delimiter=delimiter)
    start = rows.line_num + 2  # the header was read apart, on line 1
    count = 0
    while True:
        try:
            row = next(rows, None)
        except (csv.Error, UnreadableInput) as error:
            reason = error.reason if isinstance(error, UnreadableInput) else str(error)
            yield read_error(f"{input}:{start}", f"unreadable from line {start} on: {reason}")
            return
        if row is None:
            break
        name = f"{input}:{start}"
        start = rows.line_num + 2
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        yield _row_record(header, row, input=name, options=options)
    if not count:
        yield read_error(input, "no rows under the header")


def header_problem(header: list[str], fields: JsonlFields) -> str | None:
    """Why a file with this header row gives no documents, or None when it may."""
    names = {name.strip().casefold() for name in header}
    shown = ", ".join(name.strip() for name in header) or "nothing"
    missing = [name for name in fields.named if name.casefold() not in names]
    if missing:
        return f"no column named {', '.join(missing)} (the header has: {shown})"
    columns = fields.text + fields.html
    if not any(name.casefold() in names for name in columns):
        hint = f"; a list of URLs: {FETCH_HINT}" if "url" in names else ""
        return (
            f"no text or HTML column (looked for {', '.join(columns)}; the header has: "
            f"{shown}): name one with --text-column or --html-column{hint}"
        )
    return None


def _row_record(
    header: list[str], row: list[str], *, input: str, options: ReadOptions
) -> Document | ReadError:
    if sum(len(cell) for cell in row) > options.max_bytes:
        return read_error(input, f"row longer than {options.max_bytes} characters")
    record = {name.strip(): cell for name, cell in zip(header, row, strict=False)}
    try:
        return read_record(record, input=input, options=options, kind="csv")
    except UnreadableInput as error:
        return read_error(input, error.reason)
    except Exception as error:  # one row's failure must not lose the rest of the file
        return read_error(input, f"unexpected error while reading: {error!r}")


def _text_stream(stream: BinaryIO) -> io.TextIOWrapper:
    """`stream` as text in the encoding its first megabyte shows; a byte-order mark dropped."""
    # A buffer as large as the head, so that one peek sees all of it.
    buffered = io.BufferedReader(cast(io.RawIOBase, stream), buffer_size=HEAD_BYTES)
    head = buffered.peek(HEAD_BYTES)[:HEAD_BYTES]
    encoding, errors = _encoding_of(head)
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline="")


def _encoding_of(head: bytes) -> tuple[str, str]:
    """The codec and error handler that read a file starting with `head`: a byte-order mark's
    (the codec drops the mark), else what decode.py makes of the head's whole lines."""
    for bom, codec in BOM_CODECS:
        if head.startswith(bom):
            return codec, "replace"
    cut = head.rfind(b"\n")
    try:
        found = decode_bytes(head[: cut + 1] if cut > 0 else head).encoding
    except UnreadableInput:
        return "utf-8", "replace"
    if found == MIXED_ENCODING:
        return "utf-8", "cp1252-fallback"
    return found, "replace"


def _bounded_lines(text: io.TextIOWrapper, limit: int) -> Iterator[str]:
    """The lines of `text`, each read at most `limit` characters at a time: a longer line
    raises UnreadableInput instead of being held whole."""
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            raise UnreadableInput(f"a line longer than {limit} characters")
        yield line


def _allow_fields_of(size: int) -> None:
    """Let the csv module read cells as long as `size` (its default stops at 128 KiB, shorter
    than many articles); the limit is the module's, so it is only ever raised."""
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)
