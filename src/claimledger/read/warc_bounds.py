"""warcio's readers held to a byte limit, so no WARC, however crafted, makes the reader hold more
than about `limit` bytes at once.

warcio reads a header line until it meets a newline, however far away (100 MB of compressed
zeros is one "line" of 100 GB), and decodes an HTTP chunk and decompresses it in one piece.
These subclasses keep warcio's parsing and its results on every valid file, and stop at the
limit instead: a header line longer than it raises `UnreadableInput`, and a payload's inflated
bytes are cut one byte past it, which the reader then reports as a record larger than the limit.
They lean on warcio's buffer internals (`_fillbuff`, `buff`, `empty`, `_init_decomp`), which
is why warcio's version is pinned; the WARC tests exercise every one of them.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Protocol

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecord
from warcio.utils import BUFF_SIZE

from claimledger.read.errors import UnreadableInput


class _Decompressor(Protocol):
    unused_data: bytes

    def decompress(self, data: bytes, max_length: int = ...) -> bytes: ...

    def flush(self) -> bytes: ...


class CappedDecompressor:
    """A zlib decompressor that yields at most `cap` bytes in all, then nothing."""

    def __init__(self, inner: _Decompressor, cap: int) -> None:
        self.inner = inner
        self.room = cap

    @property
    def unused_data(self) -> bytes:
        return self.inner.unused_data

    def decompress(self, data: bytes) -> bytes:
        if self.room <= 0:  # zlib reads a max_length of 0 as "no limit"
            return b""
        inflated = self.inner.decompress(data, self.room)
        self.room -= len(inflated)
        return inflated

    def flush(self) -> bytes:
        return b""


class _CappedDecompression:
    """Mixed into warcio's payload readers: every decompressor they make is capped."""

    cap: int
    decompressor: Any

    def _init_decomp(self, decomp_type: str | None) -> None:
        super()._init_decomp(decomp_type)  # type: ignore[misc]
        if self.decompressor is not None:
            self.decompressor = CappedDecompressor(self.decompressor, self.cap)


class CappedPayloadReader(_CappedDecompression, BufferedReader):  # type: ignore[misc]
    def __init__(self, stream: Any, *, cap: int, decomp_type: str | None) -> None:
        self.cap = cap
        super().__init__(stream, decomp_type=decomp_type)


class ChunkReadCap:
    """A stream that refuses any single read of more than `cap` bytes (an HTTP chunk that large
    would be read whole into memory); lines pass through."""

    def __init__(self, stream: Any, cap: int) -> None:
        self.stream = stream
        self.cap = cap

    def read(self, length: int | None = None) -> bytes:
        if length is None or length > self.cap:
            raise UnreadableInput(f"HTTP chunk larger than {self.cap - 1} bytes")
        data: bytes = self.stream.read(length)
        return data

    def readline(self, length: int | None = None) -> bytes:
        line: bytes = self.stream.readline(length)
        return line


class CappedChunkedReader(_CappedDecompression, ChunkedDataReader):  # type: ignore[misc]
    def __init__(self, stream: Any, *, cap: int, decomp_type: str | None) -> None:
        self.cap = cap
        super().__init__(ChunkReadCap(stream, cap), decomp_type=decomp_type)


def payload_stream(record: ArcWarcRecord, limit: int) -> Any:
    """The record's payload as `record.content_stream()` gives it (HTTP chunks joined, content
    encoding undone), with at most `limit + 1` bytes inflated and no chunk over that read."""
    if not record.http_headers:
        return record.raw_stream
    encoding = (record.http_headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        return CappedChunkedReader(record.raw_stream, cap=limit + 1, decomp_type=encoding)
    if encoding:
        return CappedPayloadReader(record.raw_stream, cap=limit + 1, decomp_type=encoding)
    return record.raw_stream


class LineCappedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's file reader with lines of at most `limit` bytes: a longer one raises."""

    def __init__(self, stream: Any, *, limit: int) -> None:
        super().__init__(stream, block_size=BUFF_SIZE)
        self.line_limit = limit

    def readline(self, length: int | None = None) -> bytes:
        cap = self.line_limit + 1 if length is None else min(length, self.line_limit + 1)
        parts: list[bytes] = []
        size = 0
        # Pieces are joined once at the end: warcio's own loop adds them one by one, which
        # copies a long line over and over.
        while size < cap:
            self._fillbuff()
            if self.empty():
                break
            part: bytes = self.buff.readline(cap - size)
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
        line = b"".join(parts)
        if size > self.line_limit and not line.endswith(b"\n"):
            raise UnreadableInput(
                f"a line longer than {self.line_limit} bytes where a WARC header was expected"
            )
        return line


class CappedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's ArchiveIterator reading through a LineCappedReader."""

    # warcio's warning for a record not followed by a blank line, without the line itself
    # (which may be megabytes long); it writes the warning to stderr.
    INC_RECORD = (
        "WARNING: WARC record not followed by a blank line (is its Content-Length wrong?) "
        "at offset {0}\n"
    )

    def __init__(self, stream: BinaryIO, *, limit: int) -> None:
        super().__init__(stream, arc2warc=True)
        # Nothing has been read yet: the records are parsed lazily, through `self.reader`.
        self.reader = LineCappedReader(self.fh, limit=limit)
