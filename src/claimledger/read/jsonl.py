"""The JSONL reader: each line of a dump is one input, named `dump.jsonl:17` (1-based).

Each record is read by `record.read_record` (which keys hold what: `ReadOptions.jsonl_fields`).
A whole-file JSON document (a pretty-printed object, or an array of objects named
`dump.json[3]`, 0-based as in JSON paths) is read too, since `.json` files are often written so,
and a saved API response (`news.json:articles[3]`, see responses.py) gives its articles.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

import msgspec

from claimledger.model import Document, ReadError
from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput, read_error
from claimledger.read.json_depth import json_nesting_exceeds
from claimledger.read.options import ReadOptions
from claimledger.read.record import read_record
from claimledger.read.responses import article_list, error_message


def jsonl_line_name(input: str, line_number: int) -> str:
    return f"{input}:{line_number}"


def read_jsonl(
    stream: BinaryIO, *, input: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """A document or an error for every non-blank line, in order; a bad line never stops the
    file. A stream that breaks off (e.g. cut gzip data) ends with one error record."""
    line_number = records = 0
    while True:
        try:
            line = stream.readline(options.max_bytes + 1)
        except (OSError, EOFError) as error:
            yield read_error(
                jsonl_line_name(input, line_number + 1),
                f"unreadable data after line {line_number}: {error}",
            )
            return
        if not line:
            if not records:
                yield read_error(input, "empty input: no JSON lines")
            return
        line_number += 1
        name = jsonl_line_name(input, line_number)
        if len(line) > options.max_bytes:
            records += 1
            yield read_error(name, f"line longer than {options.max_bytes} bytes")
            if not _skip_rest_of_line(stream, options.max_bytes):
                return
            continue
        if line_number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        records += 1
        yield from _line_records(line, input=name, options=options)


def is_json_document(head: bytes) -> bool:
    """Whether a .json file starts like one JSON document over many lines, not JSON lines."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    first_line = start.split(b"\n", 1)[0].strip()
    return start.startswith(b"[") or first_line == b"{"


def read_json_document(
    data: bytes, *, input: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """A pretty-printed object as one input, or each object of an array as one input.

    A file that starts like one document but does not parse as one, while some of its lines are
    JSON objects, is JSON lines after all (its first line broken): it is read line by line, so
    one bad line does not cost the others.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        value = decode_json(data, options)
    except (msgspec.DecodeError, UnicodeDecodeError, UnreadableInput) as error:
        if _holds_json_lines(data, options):
            yield from read_jsonl(io.BytesIO(data), input=input, options=options)
        elif isinstance(error, UnreadableInput):
            yield read_error(input, error.reason)
        else:
            yield read_error(input, f"file is not JSON ({error})")
        return
    if not isinstance(value, list):
        yield from value_records(value, input=input, options=options)
        return
    if not value:
        yield read_error(input, "empty input: an empty JSON array")
    for index, item in enumerate(value):
        yield from value_records(item, input=f"{input}[{index}]", options=options)


def decode_json(data: bytes, options: ReadOptions) -> object:
    """`data` decoded as JSON; raises UnreadableInput when it nests deeper than
    `options.json_max_depth`, msgspec.DecodeError or UnicodeDecodeError when it is not JSON."""
    if json_nesting_exceeds(data, options.json_max_depth):
        raise UnreadableInput(f"JSON nested deeper than {options.json_max_depth} levels")
    try:
        return msgspec.json.decode(data)
    except RecursionError as error:  # a depth limit set above what this stack allows
        raise UnreadableInput("JSON nested too deeply for the decoder") from error


def _holds_json_lines(data: bytes, options: ReadOptions) -> bool:
    for line in data.splitlines():
        try:
            if isinstance(decode_json(line, options), dict):
                return True
        except (msgspec.DecodeError, UnicodeDecodeError, UnreadableInput):
            continue
    return False


def _line_records(
    line: bytes, *, input: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """The records of one JSON line: one, or one per article of an API response."""
    try:
        value = decode_json_line(line, options)
    except UnreadableInput as error:
        yield read_error(input, error.reason)
        return
    yield from value_records(value, input=input, options=options)


def value_records(
    value: object, *, input: str, options: ReadOptions
) -> Iterator[Document | ReadError]:
    """A decoded JSON value's records: an API response's articles each named by its place
    (`news.json:articles[3]`), an API error response or an empty article list one error, any
    other value one document or one error."""
    listed = article_list(value)
    if listed is None:
        message = error_message(value)
        if message:
            yield read_error(input, f"an API error response, no articles: {message}")
        else:
            yield _record_or_error(value, input=input, options=options)
        return
    path, items = listed
    if not items:
        yield read_error(input, f"an API response with no articles (an empty {path} list)")
    for index, item in enumerate(items):
        yield _record_or_error(item, input=f"{input}:{path}[{index}]", options=options)


def _record_or_error(value: object, *, input: str, options: ReadOptions) -> Document | ReadError:
    try:
        if not isinstance(value, dict):
            raise UnreadableInput(f"line is JSON but not an object (a {type(value).__name__})")
        return read_record(value, input=input, options=options, kind="jsonl")
    except UnreadableInput as error:
        return read_error(input, error.reason)
    except Exception as error:  # one record's failure must not lose the rest of the file
        return read_error(input, f"unexpected error while reading: {error!r}")


def decode_json_line(line: bytes, options: ReadOptions) -> object:
    """One line of JSON decoded; raises UnreadableInput when it is not JSON."""
    try:
        return decode_json(line, options)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        # JSON must be UTF-8, but dumps written by careless tools are not always.
        try:
            return decode_json(decode_bytes(line).text.encode("utf-8"), options)
        except (msgspec.DecodeError, UnreadableInput):
            raise UnreadableInput(f"line is not JSON ({error})") from error


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> bool:
    """Consume the rest of an over-long line; False when the stream ended inside it."""
    while True:
        rest = stream.readline(chunk)
        if not rest:
            return False
        if rest.endswith(b"\n"):
            return True
