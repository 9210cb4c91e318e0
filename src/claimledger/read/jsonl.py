"""The JSONL reader: each line of a dump is one input, named `dump.jsonl:17` (1-based).

A record's HTML goes through the HTML reader, its text (when it has no HTML) through the
plain-text scrape segmenter; which keys hold what is set by `ReadOptions.jsonl_fields`.
A whole-file JSON document (a pretty-printed object, or an array of objects named
`dump.json[3]`, 0-based as in JSON paths) is read too, since `.json` files are often written so.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import BinaryIO

import msgspec

from claimledger.model import Document, ReadError
from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput, read_error
from claimledger.read.html import read_html
from claimledger.read.json_depth import json_nesting_exceeds
from claimledger.read.options import JsonlFields, ReadOptions


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
        yield _record_or_error(line, input=name, options=options)


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
    items = value if isinstance(value, list) else [value]
    if not items:
        yield read_error(input, "empty input: an empty JSON array")
    for index, item in enumerate(items):
        name = f"{input}[{index}]" if isinstance(value, list) else input
        yield _record_or_error(msgspec.json.encode(item), input=name, options=options)


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


def _record_or_error(line: bytes, *, input: str, options: ReadOptions) -> Document | ReadError:
    try:
        return read_jsonl_record(line, input=input, options=options)
    except UnreadableInput as error:
        return read_error(input, error.reason)
    except Exception as error:  # one record's failure must not lose the rest of the file
        return read_error(input, f"unexpected error while reading: {error!r}")


def read_jsonl_record(line: bytes, *, input: str, options: ReadOptions) -> Document:
    """One JSON object as a Document; raises UnreadableInput when it is not one or holds no page."""
    try:
        record = decode_json(line, options)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        # JSON must be UTF-8, but dumps written by careless tools are not always.
        try:
            record = decode_json(decode_bytes(line).text.encode("utf-8"), options)
        except (msgspec.DecodeError, UnreadableInput):
            raise UnreadableInput(f"line is not JSON ({error})") from error
    if not isinstance(record, dict):
        raise UnreadableInput(f"line is JSON but not an object (a {type(record).__name__})")
    fields = options.jsonl_fields
    url = _field(record, fields.url)
    title = _field(record, fields.title)
    published = _date_field(record, fields.published)
    html = _field(record, fields.html)
    if html:
        document = read_html(html, input=input, options=options, url=url, published=published)
    else:
        text = _field(record, fields.text)
        if not text:
            raise UnreadableInput(f"record has no text or HTML (looked for {_keys(fields)})")
        from claimledger.read.text import read_text_scrape

        document = read_text_scrape(
            text,
            input=input,
            options=options,
            url=url,
            published=published,
            title=title,
            outlet=_field(record, fields.outlet),
        )
        if published:
            document = msgspec.structs.replace(document, published_from="record")
    return msgspec.structs.replace(
        document,
        input_kind="jsonl",
        title=document.title or title,
        outlet=document.outlet or _field(record, fields.outlet),
        byline=document.byline or _field(record, fields.byline),
    )


def _field(record: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """The first non-empty value among `keys`; a list of strings (e.g. authors) is joined."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ", ".join(item.strip() for item in value if item.strip())
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _date_field(record: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """The first valid date among `keys`: as given when it starts with an ISO date (the rule
    `--published` follows), in ISO form from a Unix timestamp in seconds. A value that is no
    date ("2024-13-45", "not-a-date") is passed over: it must never become the publication
    date, and the page is still worth reading without one."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return datetime.datetime.fromtimestamp(value, tz=datetime.UTC).isoformat()
            except (OverflowError, OSError, ValueError):
                continue
        found = _field(record, (key,))
        if found and is_iso_date(found):
            return found
    return None


def is_iso_date(value: str) -> bool:
    """Whether `value` starts with a valid YYYY-MM-DD date (a longer ISO timestamp is fine)."""
    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _keys(fields: JsonlFields) -> str:
    return ", ".join(fields.text + fields.html)


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> bool:
    """Consume the rest of an over-long line; False when the stream ended inside it."""
    while True:
        rest = stream.readline(chunk)
        if not rest:
            return False
        if rest.endswith(b"\n"):
            return True
