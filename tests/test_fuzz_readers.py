"""Fuzzing every reader: any bytes, under any name, give documents or error records, never an
exception, a hang or unbounded memory; and a folder of anything gives one record per input.

Each property runs a bounded number of examples so the whole module stays within a minute;
CLAIMLEDGER_FUZZ_EXAMPLES=5000 runs a longer campaign. Memory is asserted by reading compression
bombs in a child process under a 1.5 GB address-space limit.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import tempfile
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_pages import article_html
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, read_html, read_jsonl, read_paths, read_warc
from claimledger.read.errors import MAX_REASON_CHARS, UnreadableInput
from claimledger.read.jsonl import read_json_document
from claimledger.read.text import read_text_scrape
from reader_inputs import MEGABYTE, make_fifo, make_socket, non_utf8_name, repeated, write_gzip
from reader_processes import jsonl_records, run_claimledger
from reader_strategies import (
    Entry,
    WarcSpec,
    build_folder,
    jsonl_inputs,
    jsonl_lines,
    mixed_folder,
    page_bytes,
    page_text,
    warc_bytes,
    warc_inputs,
    warc_record_spec,
)

EXAMPLES = int(os.environ.get("CLAIMLEDGER_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None)
SLOW_FUZZ = settings(FUZZ, suppress_health_check=[HealthCheck.too_slow])
SMALL_LIMIT = ReadOptions(max_bytes=4096)  # small enough for fuzzed inputs to cross it
FILE_NAMES = [
    "x.html", "x.txt", "x.jsonl", "x.json", "x.warc", "x.warc.gz", "x.arc", "x.csv", "x.tsv", "x",
]


def assert_well_formed(record: Document | ReadError, input: str) -> None:
    """What every record promises, whatever it was read from."""
    assert record.input.startswith(input)
    msgspec.json.encode(record)  # writable as JSON: no lone surrogates anywhere
    if isinstance(record, ReadError):
        assert record.reason and len(record.reason) <= MAX_REASON_CHARS
        return
    previous_end = 0
    for segment in record.segments:
        assert previous_end <= segment.start <= segment.end <= len(record.text)
        previous_end = segment.end


def assert_document_or_unreadable(read: object) -> None:
    """`read` is a zero-argument reader call: a document, or UnreadableInput with a reason."""
    assert callable(read)
    try:
        document = read()
    except UnreadableInput as error:
        assert error.reason and len(error.reason) <= MAX_REASON_CHARS
        return
    assert isinstance(document, Document)
    assert_well_formed(document, "fuzz")


# Each reader on its own.


@FUZZ
@given(page_text)
def test_html_reader_gives_a_document_or_a_reason_for_any_text(text: str) -> None:
    assert_document_or_unreadable(lambda: read_html(text, input="fuzz", options=ReadOptions()))


@FUZZ
@given(st.one_of(page_text, st.text(max_size=2000)))
def test_text_scrape_reader_gives_a_document_for_any_text(text: str) -> None:
    assert_document_or_unreadable(
        lambda: read_text_scrape(text, input="fuzz", options=ReadOptions())
    )


@FUZZ
@given(jsonl_lines(), st.sampled_from([ReadOptions(), SMALL_LIMIT]))
def test_jsonl_reader_gives_one_record_per_non_blank_line(
    lines: list[bytes], options: ReadOptions
) -> None:
    results = list(read_jsonl(io.BytesIO(b"\n".join(lines)), input="d", options=options))
    assert len(results) == jsonl_inputs(lines)
    for record in results:
        assert_well_formed(record, "d")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), jsonl_lines().map(b"\n".join)))
def test_json_document_reader_gives_records_for_any_bytes(data: bytes) -> None:
    results = list(read_json_document(data, input="d", options=ReadOptions()))
    assert results
    for record in results:
        assert_well_formed(record, "d")


@FUZZ
@given(st.lists(warc_record_spec, max_size=4), st.booleans())
def test_warc_reader_gives_one_record_per_html_page(specs: list[WarcSpec], compress: bool) -> None:
    data = warc_bytes(specs, compress=compress)
    results = list(read_warc(io.BytesIO(data), input="w", options=ReadOptions(), size=len(data)))
    assert len(results) == warc_inputs(specs)
    for record in results:
        assert_well_formed(record, "w")


@st.composite
def damaged_warc(draw: st.DrawFn) -> bytes:
    """A WARC with bytes cut, changed or inserted somewhere."""
    data = warc_bytes(
        draw(st.lists(warc_record_spec, min_size=1, max_size=3)), compress=draw(st.booleans())
    )
    at = draw(st.integers(0, len(data)))
    damage = draw(st.sampled_from(["cut", "change", "insert"]))
    if damage == "cut":
        return data[:at]
    noise = draw(st.binary(min_size=1, max_size=40))
    return data[:at] + noise + data[at + (len(noise) if damage == "change" else 0) :]


@FUZZ
@given(st.one_of(damaged_warc(), st.binary(max_size=3000)), st.booleans())
def test_warc_reader_gives_records_for_damaged_or_any_bytes(data: bytes, sized: bool) -> None:
    size = len(data) if sized else None
    results = list(read_warc(io.BytesIO(data), input="w", options=SMALL_LIMIT, size=size))
    assert results
    for record in results:
        assert_well_formed(record, "w")


# Every path through `read_paths`: sniffing, gzip, the limits.


@SLOW_FUZZ
@given(
    st.one_of(page_bytes, jsonl_lines().map(b"\n".join), st.binary(max_size=3000)),
    st.sampled_from(FILE_NAMES),
    st.booleans(),
    st.sampled_from([ReadOptions(), SMALL_LIMIT]),
)
def test_any_bytes_under_any_name_give_records(
    data: bytes, name: str, compress: bool, options: ReadOptions
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(gzip.compress(data) if compress else data)
        results = list(read_paths([path], options))
    assert results
    for record in results:
        assert_well_formed(record, str(path))


@settings(SLOW_FUZZ, max_examples=max(EXAMPLES * 2 // 3, 1))
@given(mixed_folder())
def test_a_mixed_folder_gives_one_record_per_input(entries: list[Entry]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inputs = build_folder(root, entries)
        results = list(read_paths([root]))
    documents = sum(isinstance(record, Document) for record in results)
    errors = sum(isinstance(record, ReadError) for record in results)
    assert inputs == documents + errors == len(results)
    for record in results:
        assert_well_formed(record, str(root))


SUMMARY = re.compile(rb"(\d+) inputs: (\d+) documents, (\d+) errors")


def test_the_command_counts_inputs_as_documents_plus_errors(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / non_utf8_name("page", ".html")).write_text(article_html(), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dump.jsonl").write_bytes(b'{"text": "A short story."}\n{oops\n' + b"[" * 9999)
    (tmp_path / "cut.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: resp")
    (tmp_path / "linked").symlink_to(tmp_path, target_is_directory=True)
    make_fifo(tmp_path / "pipe.txt")
    make_socket(tmp_path / "sock").close()
    result = run_claimledger("read", tmp_path, "--format", "jsonl", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    records = jsonl_records(result.stdout)
    summary = SUMMARY.search(result.stderr)
    assert summary is not None
    inputs, documents, errors = map(int, summary.groups())
    assert (inputs, documents, errors) == (
        len(records),
        sum(isinstance(r, Document) for r in records),
        sum(isinstance(r, ReadError) for r in records),
    )
    # two pages and a JSON line; the empty file, two bad lines, the cut WARC, the loop, the
    # pipe and the socket
    assert (inputs, documents, errors) == (10, 3, 7)


# Memory: compressed filler of any kind past the limit, read under a 1.5 GB address space.

FILLERS = [b"\0", b"a", b"[", b"{", b"<div>", b"WARC/1.0 ", b'{"text": "', b"\xff\xfe"]
BOMB_NAMES = [
    "b.warc.gz", "b.txt.gz", "b.html.gz", "b.jsonl.gz", "b.json.gz", "b.csv.gz", "b.gz",
]


@settings(max_examples=4, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(BOMB_NAMES), st.sampled_from(FILLERS), st.integers(70, 160)),
        min_size=1,
        max_size=4,
    )
)
def test_compressed_filler_past_the_limit_is_one_error_per_file_within_the_memory_limit(
    bombs: list[tuple[str, bytes, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number, (name, filler, megabytes) in enumerate(bombs):
            write_gzip(root / f"{number}-{name}", repeated(filler, megabytes * MEGABYTE))
        result = run_claimledger("read", root, "--format", "jsonl", memory_limited=True)
    assert result.returncode == 0, result.stderr[-2000:]
    records = jsonl_records(result.stdout)
    assert len(records) == len(bombs)
    assert all(isinstance(record, ReadError) for record in records)
    assert all(len(line) < 2000 for line in result.stdout.splitlines())
