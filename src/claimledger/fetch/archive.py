"""The WARC that `fetch` writes: reopened for appending after its last whole record (a record a
killed run left cut short is dropped first), the URLs it already holds, and each fetched URL's
request and response records written together.

A URL is held once the archive has a 2xx response for it, or a redirect whose target is held.
Records are written one URL at a time, gzip member by member where the file ends in `.gz`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger._version import __version__

DRAIN_CHUNK = 1 << 16
RECORD_END = b"\r\n\r\n"  # what follows every record's block
# Headers that describe how the body travelled, not the body that is stored: it is stored with
# its chunks joined, so its length is given anew.
TRANSPORT_HEADERS = frozenset({"transfer-encoding", "content-length"})


@dataclass(frozen=True)
class Exchange:
    """One GET as it went over the wire: the request sent and the response's status, headers
    and body (as sent, content encoding kept)."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class ArchiveState:
    """What an existing WARC already holds, and where its whole records end."""

    held: frozenset[str]
    whole_end: int  # bytes from the start up to the end of the last whole record
    size: int


def scan_archive(path: Path) -> ArchiveState:
    """The URLs `path` holds and the end of its last whole record; a record cut short, or
    anything after it that does not parse, lies past `whole_end`."""
    if not path.exists():
        return ArchiveState(held=frozenset(), whole_end=0, size=0)
    done: set[str] = set()
    redirects: dict[str, str] = {}
    whole_end = 0
    with path.open("rb") as stream, path.open("rb") as peek:
        for target, status, location, end in _whole_records(stream, peek):
            whole_end = end
            if status.startswith("2"):
                done.add(target)
            elif status.startswith("3") and location:
                redirects[target] = urljoin(target, location)
    return ArchiveState(
        held=frozenset(done | _redirected_to(redirects, done)),
        whole_end=whole_end,
        size=path.stat().st_size,
    )


def _whole_records(
    stream: io.BufferedReader, peek: io.BufferedReader
) -> Iterator[tuple[str, str, str, int]]:
    """(target URI, HTTP status, Location, end offset) of each whole response record in order,
    and of other whole records with empty fields; stops at the first record cut short. `peek`
    is a second handle on the file, to check what follows a record of an uncompressed WARC."""
    records = ArchiveIterator(stream)
    try:
        for record in records:
            while record.raw_stream.read(DRAIN_CHUNK):
                pass
            if record.raw_stream.limit > 0:  # the file ends inside the record
                return
            records.read_to_end()
            decompressor = records.reader.decompressor
            if decompressor is not None and not decompressor.eof:
                return  # the gzip member's end (its checksum) is missing
            end = records.offset
            if decompressor is None:  # the blank lines that end a record must all be there
                end = records.get_record_offset() + records.get_record_length()
                peek.seek(end)
                if peek.read(len(RECORD_END)) != RECORD_END:
                    return
                end += len(RECORD_END)
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            status = location = ""
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode() or ""
                location = record.http_headers.get_header("Location") or ""
            yield target, status, location, end
    except Exception:  # warcio raises many kinds of errors on a cut or damaged tail
        return


def _redirected_to(redirects: dict[str, str], done: set[str]) -> set[str]:
    """The URLs whose chain of redirects ends at a URL held."""
    held: set[str] = set()
    for start in redirects:
        seen = {start}
        url = redirects[start]
        while url not in done and url in redirects and url not in seen:
            seen.add(url)
            url = redirects[url]
        if url in done:
            held.add(start)
    return held


class FetchArchive:
    """A WARC open for appending; `open_archive` makes one."""

    def __init__(self, stream: Any, state: ArchiveState, *, gzip: bool) -> None:
        self._stream = stream
        self._writer = WARCWriter(stream, gzip=gzip)
        self.held = set(state.held)
        self.dropped_bytes = state.size - state.whole_end

    def write(self, chain: list[Exchange]) -> None:
        """The request and response records of one URL's exchanges (its redirects, then the
        page), flushed to the file before the URL counts as held."""
        for exchange in chain:
            request, response = _records(self._writer, exchange)
            # The request first: a URL's last record is its response, so a run killed before
            # the response was whole leaves the URL unheld.
            request.rec_headers.add_header(
                "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
            )
            self._writer.write_record(request)
            self._writer.write_record(response)
        self._sync()
        self.held.update(exchange.url for exchange in chain)

    def write_info(self, name: str) -> None:
        """The warcinfo record that opens a new archive."""
        info = self._writer.create_warcinfo_record(
            name, {"software": f"claimledger/{__version__}", "format": "WARC File Format 1.1"}
        )
        self._writer.write_record(info)
        self._sync()

    def _sync(self) -> None:
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def close(self) -> None:
        self._stream.close()


class NotAnArchive(ValueError):
    """A file that exists but holds no WARC record: it is not appended to, nor cut back."""


def open_archive(path: Path) -> FetchArchive:
    """`path` ready for appending: created with a warcinfo record where new, else cut back to
    its last whole record. Raises NotAnArchive for a file in which no record parses."""
    state = scan_archive(path)
    if state.size and not state.whole_end:
        raise NotAnArchive(f"{path} is not a WARC (no record in it parses): choose another -o")
    new = state.whole_end == 0
    stream = path.open("r+b" if path.exists() else "wb")
    stream.truncate(state.whole_end)
    stream.seek(state.whole_end)
    archive = FetchArchive(stream, state, gzip=path.name.endswith(".gz"))
    if new:
        archive.write_info(path.name)
    return archive


def _records(writer: WARCWriter, exchange: Exchange) -> tuple[Any, Any]:
    parts = urlsplit(exchange.url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            f"GET {path} {exchange.http_version}",
            list(exchange.request_headers),
            is_http_request=True,
        ),
    )
    headers = [
        (name, value)
        for name, value in exchange.response_headers
        if name.lower() not in TRANSPORT_HEADERS
    ]
    headers.append(("Content-Length", str(len(exchange.body))))
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        http_headers=StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(), headers, protocol=exchange.http_version
        ),
    )
    return request, response
