"""Hostile and odd inputs for the reader tests, built on disk: compression bombs, hand-made WARC
records, and the things a folder can hold besides files (pipes, sockets, links)."""

from __future__ import annotations

import os
import socket
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

MEGABYTE = 1 << 20
GZIP_WINDOW = 31  # zlib's wbits for a gzip header and trailer


def repeated(block: bytes, total: int) -> Iterator[bytes]:
    """`total` bytes of `block` repeated, a megabyte at a time."""
    chunk = (block * (MEGABYTE // len(block) + 1))[:MEGABYTE]
    for _ in range(total // MEGABYTE):
        yield chunk
    yield chunk[: total % MEGABYTE]


def gzip_bytes(parts: Iterable[bytes]) -> bytes:
    """One gzip member holding `parts`, compressed as they stream (level 1: a bomb of a few
    gigabytes is built in seconds)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, GZIP_WINDOW)
    out = [compressor.compress(part) for part in parts]
    out.append(compressor.flush())
    return b"".join(out)


def write_gzip(path: Path, parts: Iterable[bytes]) -> Path:
    path.write_bytes(gzip_bytes(parts))
    return path


def warc_response(http: bytes, *, uri: str = "https://news.example/story") -> bytes:
    """One uncompressed WARC response record around an HTTP message (headers and body)."""
    header = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2025-01-01T08:30:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:12345678-1234-5678-1234-567812345678>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n"
        "\r\n"
    ).encode()
    return header + http + b"\r\n\r\n"


def http_response(body: bytes, *headers: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def http_chunks(*chunks: bytes) -> bytes:
    """A chunked transfer-encoded body: each chunk with its hex length, then the last chunk."""
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> socket.socket:
    """A Unix socket bound at `path`; the caller closes it."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    return listener


def non_utf8_name(stem: str, suffix: str) -> str:
    """A file name holding the byte 0xFF, as Python reads it from the file system."""
    return os.fsdecode(stem.encode() + b"\xff" + suffix.encode())
