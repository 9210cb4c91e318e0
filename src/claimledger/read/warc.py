"""The WARC reader: each HTML response record is one input, named `file.warc.gz#record-N`.

The record's target URI becomes the document URL and its WARC-Date the capture date (`fetched`),
never the publication date. Damage (a truncated record, a cut gzip member, garbage) ends the file
with one error record after the documents read before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import msgspec
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from claimledger.model import Document, ReadError
from claimledger.read.decode import charset_from_content_type, decode_bytes
from claimledger.read.errors import UnreadableInput, read_error
from claimledger.read.html import read_html
from claimledger.read.options import ReadOptions
from claimledger.read.warc_bounds import CappedArchiveIterator, payload_stream

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORD_TYPES = ("response", "resource")
DRAIN_CHUNK = 1 << 16


def warc_record_name(input: str, number: int) -> str:
    return f"{input}#record-{number}"


def read_warc(
    stream: BinaryIO, *, input: str, options: ReadOptions, size: int | None = None
) -> Iterator[Document | ReadError]:
    """Documents (and per-record errors) for the HTML pages of a WARC or ARC file, in order.

    `size` is the file's length in bytes (compressed, if it is); with it, data left after the
    last record that parses (a cut gzip member or header) is reported as damage. No header line
    and no page may pass `options.max_bytes` (decompressed): a longer line ends the file with an
    error record, a larger page is an error record for its record alone.
    """
    records = CappedArchiveIterator(stream, limit=options.max_bytes)
    pages = 0
    number = 0
    while True:
        current = number + 1
        try:
            record = next(records, None)
            if record is None:
                break
            number = current
            page = _is_html_page(record)
            content = _read_payload(record, options.max_bytes) if page else b""
            # A record whose header was cut short has no length, so its stream runs to the end
            # of the file: there is nothing to drain, and nothing after it to read.
            truncated = _lacks_length(record) or _drain(record)
        except UnreadableInput as error:
            yield read_error(warc_record_name(input, current), error.reason)
            return
        except Exception as error:  # warcio raises many kinds of errors on damaged input
            yield read_error(
                warc_record_name(input, current),
                f"corrupt WARC at record {current} ({type(error).__name__}: {error})",
            )
            return
        name = warc_record_name(input, number)
        if truncated:
            yield read_error(name, f"truncated WARC: record {number} ends early")
            return
        if not page:
            continue
        pages += 1
        if isinstance(content, UnreadableInput):
            yield read_error(name, content.reason)
        elif len(content) > options.max_bytes:
            yield read_error(name, f"record larger than {options.max_bytes} bytes")
        else:
            yield _document_from_record(record, content, name=name, options=options)
    if size is not None and size > records.offset:
        yield read_error(
            warc_record_name(input, number + 1),
            f"truncated WARC: the last {size - records.offset} bytes (record {number + 1}) "
            "do not parse",
        )
    elif pages == 0:
        yield read_error(input, "no HTML response records in the WARC")


def _read_payload(record: ArcWarcRecord, limit: int) -> bytes | UnreadableInput:
    """The record's payload, up to one byte past `limit` (so a larger one shows as larger), or
    the reason it was refused part way (an HTTP chunk past the limit)."""
    try:
        content: bytes = payload_stream(record, limit).read(limit + 1)
    except UnreadableInput as error:
        return error
    return content


def _drain(record: ArcWarcRecord) -> bool:
    """Read the rest of the record, a chunk at a time; True when the file ends inside it."""
    while record.raw_stream.read(DRAIN_CHUNK):
        pass
    return bool(record.raw_stream.limit > 0)


def _lacks_length(record: ArcWarcRecord) -> bool:
    """A record without a length (a WARC header cut short: warcio still yields it) reads on to
    the end of the file."""
    if not isinstance(record.raw_stream, LimitReader):
        return True
    is_warc = str(record.format).startswith("warc")
    length = record.rec_headers.get_header("Content-Length") or ""
    return is_warc and not length.strip().isdigit()


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type not in PAGE_RECORD_TYPES:
        return False
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if record.rec_type == "response" and not status.startswith("2"):
            return False
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    return any(kind in (content_type or "").lower() for kind in HTML_TYPES)


def _document_from_record(
    record: ArcWarcRecord, content: bytes, *, name: str, options: ReadOptions
) -> Document | ReadError:
    headers = record.http_headers or record.rec_headers
    declared = charset_from_content_type(headers.get_header("Content-Type"))
    try:
        text = decode_bytes(content, declared=declared, html=True).text
        document = read_html(
            text, input=name, options=options, url=record.rec_headers.get_header("WARC-Target-URI")
        )
    except UnreadableInput as error:
        return read_error(name, error.reason)
    except Exception as error:  # one page's extraction failure must not lose the rest of the file
        return read_error(name, f"unexpected error while reading: {error!r}")
    return msgspec.structs.replace(
        document, input_kind="warc", fetched=record.rec_headers.get_header("WARC-Date")
    )
