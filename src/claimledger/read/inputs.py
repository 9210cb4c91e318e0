"""From paths to inputs: files, directories (recursively) and globs; gzip by its magic bytes; the
kind of each file by its extension, else by sniffing its first bytes; then the kind's reader.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, cast

from claimledger.model import Document, InputKind, ReadError
from claimledger.read.capture import bounded_by_capture
from claimledger.read.decode import binary_signature, decode_bytes
from claimledger.read.errors import UnreadableInput, read_error
from claimledger.read.html import read_html
from claimledger.read.jsonl import is_json_document, read_json_document, read_jsonl
from claimledger.read.language import with_language
from claimledger.read.names import input_name
from claimledger.read.options import ReadOptions
from claimledger.read.table import read_table
from claimledger.read.url_list import is_url_list, url_list_reason
from claimledger.read.walk import walk_folder
from claimledger.read.warc import read_warc

GZIP_MAGIC = b"\x1f\x8b"
COMPRESSION_SUFFIXES = frozenset({".gz", ".gzip"})
KIND_BY_SUFFIX: dict[str, InputKind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "jsonl",
    ".txt": "text",
    ".text": "text",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
}
TAB_SUFFIXES = frozenset({".tsv", ".tab"})
# Text in UTF-16 or UTF-32 is full of NUL bytes: its byte-order mark tells it from binary.
WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
SNIFF_BYTES = 4096
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
GLOB_CHARACTERS = frozenset("*?[")
# A string holding these, or longer than the longest path Linux opens, is text, not a path.
PAGE_TEXT_MARKS = frozenset("\n\r\0")
MAX_PATH_CHARS = 4096
PathsArgument = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
DEFAULT_OPTIONS = ReadOptions()


def read_paths(
    paths: PathsArgument, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Document | ReadError]:
    """Every input under `paths` (one path or a list of them, see `input_paths`), as a document
    or an error record, streamed in order.

    A bad input (missing, empty, binary, undecodable, too large, corrupt) yields a ReadError with
    its name and the reason; the batch goes on. A WARC, JSONL or CSV file is several inputs.
    """
    for found in expand_paths(input_paths(paths)):
        if isinstance(found, ReadError):
            yield found
            continue
        for record in read_path(found, options):
            yield record if isinstance(record, ReadError) else with_language(record)


def input_paths(paths: PathsArgument) -> list[str | Path]:
    """`paths` as a list: one path (a string or a Path) or an iterable of them. Raises TypeError
    for anything else (bytes, a number, a list holding one) and ValueError for a string that
    cannot be a path (empty, or page text rather than a file name), since a string taken as a
    list of paths would be read one character at a time, "/" among them."""
    if isinstance(paths, str | os.PathLike):
        return [_one_path(paths, "the path")]
    if isinstance(paths, bytes | bytearray) or not isinstance(paths, Iterable):
        raise TypeError(f"expected a path or a list of paths, got {_type_name(paths)}")
    listed: list[str | Path] = []
    for index, path in enumerate(paths):
        if not isinstance(path, str | os.PathLike):
            raise TypeError(
                f"expected a path or a list of paths, got {_type_name(path)} at index {index}"
            )
        listed.append(_one_path(path, f"the path at index {index}"))
    return listed


def _one_path(path: str | os.PathLike[str], which: str) -> str | Path:
    if not isinstance(path, str):
        return Path(path)
    if not path:
        raise ValueError(f"{which} is an empty string, which names no file")
    if len(path) > MAX_PATH_CHARS or PAGE_TEXT_MARKS & set(path) or path.lstrip().startswith("<"):
        start = " ".join(path[:40].split())
        raise ValueError(
            f"{which} looks like page text, not a file name ({len(path)} characters, "
            f"starting {start!r}): give the paths of files or folders, or read text you hold "
            "with claimledger.read.read_html or claimledger.read.text.read_text_scrape and "
            "analyse the Document with claimledger.analyse"
        )
    return path


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def missing_inputs(paths: Sequence[str | Path]) -> list[str]:
    """A sentence for each of `paths` that names nothing: no file or folder, an empty string,
    or a pattern no file matches. Checked before a command does any work."""
    missing: list[str] = []
    for given in paths:
        name = input_name(given)
        if not str(given):
            missing.append("an empty path names no file")
        elif Path(given).exists():
            continue
        elif GLOB_CHARACTERS & set(str(given)):
            if next(glob.iglob(str(given), recursive=True), None) is None:
                missing.append(f"{name}: no files match this pattern")
        else:
            missing.append(f"{name}: no such file or directory")
    return missing


def expand_paths(paths: Sequence[str | Path]) -> Iterator[Path | ReadError]:
    """Files as given, directories walked recursively (see `walk_folder`: hidden entries and
    files whose extension says they are not pages skipped, names sorted, linked folders
    followed), glob patterns matched (`**` included); a path that names nothing is an error
    record."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from walk_folder(path)
        elif path.exists():
            yield path
        elif GLOB_CHARACTERS & set(str(given)):
            matches = sorted(glob.iglob(str(given), recursive=True))
            if not matches:
                yield read_error(input_name(given), "no files match this pattern")
            for match in matches:
                match_path = Path(match)
                yield from walk_folder(match_path) if match_path.is_dir() else (match_path,)
        else:
            yield read_error(input_name(given), "no such file or directory")


def kind_from_name(name: str) -> InputKind | None:
    """The input kind an extension announces (`.gz` looked through), or None when it says none."""
    return KIND_BY_SUFFIX.get(_last_suffix(name))


def _last_suffix(name: str) -> str:
    """The extension that says what a file holds, lower case, `.gz` looked through."""
    suffixes = [suffix.lower() for suffix in Path(name).suffixes]
    while suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def sniff_kind(head: bytes) -> InputKind:
    """The input kind the first bytes of a (decompressed) file look like; text when unsure."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    lowered = start.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        return "html"
    return "text"


def read_path(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Document | ReadError]:
    """The documents and errors of one file, each document dated no later than its capture
    (read/capture.py); never raises for a bad file."""
    for record in _read_path(path, options):
        yield record if isinstance(record, ReadError) else bounded_by_capture(record)


def _read_path(path: Path, options: ReadOptions) -> Iterator[Document | ReadError]:
    name = input_name(path)
    try:
        size = _regular_file_size(path)
        with path.open("rb") as raw:
            compressed = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        kind = kind_from_name(name) or sniff_kind(_head(path, compressed))
        if kind == "warc":
            with path.open("rb") as raw:
                yield from read_warc(raw, input=name, options=options, size=size)
        elif kind == "jsonl":
            head = _head(path, compressed)
            _refuse_binary(head)
            if is_json_document(head):
                data = _read_whole(path, compressed, size, options)
                yield from read_json_document(data, input=name, options=options)
            else:
                with _open(path, compressed) as stream:
                    yield from read_jsonl(stream, input=name, options=options)
        elif kind == "csv":
            head = _head(path, compressed)
            if not head.startswith(WIDE_BOMS):  # spreadsheets save "Unicode" tables so
                _refuse_binary(head)
            tabs = _last_suffix(name) in TAB_SUFFIXES
            with _open(path, compressed) as stream:
                yield from read_table(
                    stream, input=name, options=options, delimiter="\t" if tabs else None
                )
        else:
            yield _read_page(_read_whole(path, compressed, size, options), name, kind, options)
    except UnreadableInput as error:
        yield read_error(name, error.reason)
    except (OSError, EOFError) as error:
        yield read_error(name, f"cannot read the file: {error}")
    except Exception as error:  # a reader's bug must not end the batch; the record names it
        yield read_error(name, f"unexpected error while reading: {error!r}")


SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _regular_file_size(path: Path) -> int:
    """The size of the file `path` names (through links); anything but a regular file is
    refused before it is opened: opening a named pipe waits for a writer that may never come,
    and a device or a socket is no page."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in SPECIAL_FILES if test(info.st_mode)), "unknown kind")
        raise UnreadableInput(f"not a regular file ({kind}): nothing to read")
    return info.st_size


def _open(path: Path, compressed: bool) -> BinaryIO:
    if compressed:
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


def _head(path: Path, compressed: bool) -> bytes:
    with _open(path, compressed) as stream:
        return stream.read(SNIFF_BYTES)


def _refuse_binary(head: bytes) -> None:
    """One error for a binary file rather than one per "line" of it."""
    signature = binary_signature(head)
    if signature or b"\x00" in head:
        raise UnreadableInput(f"binary content ({signature or 'NUL bytes'}), not text")


def _read_whole(path: Path, compressed: bool, size: int, options: ReadOptions) -> bytes:
    """The file's (decompressed) bytes, refused unread when larger than `options.max_bytes`."""
    limit = options.max_bytes
    if size > limit:
        raise UnreadableInput(f"file larger than {limit} bytes ({size} bytes)")
    with _open(path, compressed) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableInput(f"decompressed content larger than {limit} bytes")
    return data


def _read_page(data: bytes, name: str, kind: InputKind, options: ReadOptions) -> Document:
    text = decode_bytes(data, html=kind == "html").text
    if kind == "html":
        return read_html(text, input=name, options=options)
    if is_url_list(text):
        raise UnreadableInput(url_list_reason(text, name))
    from claimledger.read.text import read_text_scrape

    return read_text_scrape(text, input=name, options=options)
