"""The read-side probes of issue 15, each as a test: no input exhausts memory or floods a
message, crashes a batch, hangs the reader, or is skipped by the walk without a word."""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from article_pages import STORM_PARAGRAPHS, article_html
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, read_paths, read_warc
from claimledger.read.errors import MAX_REASON_CHARS, clip_reason
from claimledger.read.json_depth import json_nesting_exceeds
from claimledger.read.names import input_name
from reader_inputs import (
    MEGABYTE,
    gzip_bytes,
    http_chunks,
    http_response,
    make_fifo,
    make_socket,
    non_utf8_name,
    repeated,
    warc_response,
    write_gzip,
)
from reader_processes import jsonl_records, run_claimledger

SCRAPE = "\n\n".join(("Storm hits the coast", *STORM_PARAGRAPHS))
BOMB_BYTES = 100 * MEGABYTE
# Far past the memory limit the child runs under: a reader that inflated it whole would die.
PAYLOAD_BOMB_BYTES = 2048 * MEGABYTE
MAX_ERROR_LINE = 2000  # bytes of one JSON error record: a clipped reason and a long path


def read(*paths: Path, options: ReadOptions | None = None) -> list[Document | ReadError]:
    return list(read_paths(list(paths), options or ReadOptions()))


def one_short_error(stdout: bytes, path: Path) -> ReadError:
    (error,) = jsonl_records(stdout)
    assert isinstance(error, ReadError)
    assert error.input.startswith(str(path))
    assert len(stdout) < MAX_ERROR_LINE
    return error


# Memory: every reader and decompression path is held to `max_bytes`, whatever the input
# inflates to. Each runs in a child process under a 1.5 GB address-space limit.


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bomb.warc.gz", "where a WARC header was expected"),
        ("bomb.txt.gz", "decompressed content larger than"),
        ("bomb.html.gz", "decompressed content larger than"),
        ("bomb.jsonl.gz", "binary content (NUL bytes)"),
        ("bomb.gz", "decompressed content larger than"),
    ],
)
def test_gzip_of_100_mb_of_zeros_is_one_short_error_within_the_memory_limit(
    tmp_path: Path, name: str, reason: str
) -> None:
    path = write_gzip(tmp_path / name, repeated(b"\0", BOMB_BYTES))
    result = run_claimledger("read", path, "--format", "jsonl", memory_limited=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert reason in one_short_error(result.stdout, path).reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("line.warc.gz", b"WARC/1.0 " + b"a" * 64, "where a WARC header was expected"),
        ("line.jsonl.gz", b'{"text": "' + b"a" * 64, "line longer than"),
        ("brackets.json.gz", b"[" * 64, "decompressed content larger than"),
    ],
    ids=["warc-header", "jsonl-line", "json-brackets"],
)
def test_gzip_of_100_mb_without_a_line_break_is_one_short_error_within_the_memory_limit(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = write_gzip(tmp_path / name, repeated(content, BOMB_BYTES))
    result = run_claimledger("read", path, "--format", "jsonl", memory_limited=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert reason in one_short_error(result.stdout, path).reason


def test_chunked_gzip_payload_inflating_to_2_gb_is_refused_within_the_memory_limit(
    tmp_path: Path,
) -> None:
    # warcio inflates an HTTP chunk in one piece; this chunk holds 2 GB of zeros.
    payload = gzip_bytes(repeated(b"\0", PAYLOAD_BOMB_BYTES))
    http = http_response(
        http_chunks(payload), "Content-Encoding: gzip", "Transfer-Encoding: chunked"
    )
    path = tmp_path / "payload.warc"
    path.write_bytes(warc_response(http))
    result = run_claimledger("read", path, "--format", "jsonl", memory_limited=True)
    assert result.returncode == 0, result.stderr[-2000:]
    error = one_short_error(result.stdout, path)
    assert error.reason == f"record larger than {ReadOptions().max_bytes} bytes"


def test_http_chunk_declared_past_the_limit_is_refused_before_it_is_read() -> None:
    http = http_response(b"7fffffff\r\n" + b"<p>text</p>" * 1000, "Transfer-Encoding: chunked")
    stream = io.BytesIO(warc_response(http))
    results = list(read_warc(stream, input="w", options=ReadOptions(max_bytes=5000)))
    assert results == [ReadError(input="w#record-1", reason="HTTP chunk larger than 5000 bytes")]


def test_gzip_encoded_payload_past_the_limit_is_an_error_for_its_record_alone() -> None:
    page = article_html().encode()
    bomb = http_response(gzip_bytes(repeated(b" ", 10 * MEGABYTE)), "Content-Encoding: gzip")
    stream = io.BytesIO(warc_response(bomb) + warc_response(http_response(page)))
    results = list(read_warc(stream, input="w", options=ReadOptions(max_bytes=100_000)))
    assert [type(r).__name__ for r in results] == ["ReadError", "Document"]
    assert results[0] == ReadError(input="w#record-1", reason="record larger than 100000 bytes")


# Messages: bounded in length, whatever a library puts in them.


def test_warc_whose_first_line_is_a_megabyte_gives_a_clipped_reason(tmp_path: Path) -> None:
    path = tmp_path / "long.warc"
    path.write_bytes(b"x" * MEGABYTE + b"\n" + b"more\n")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.reason.startswith("corrupt WARC at record 1")
    assert len(error.reason) == MAX_REASON_CHARS
    assert error.reason.endswith(" […]")


def test_clip_reason_keeps_short_reasons_and_clips_long_ones() -> None:
    assert clip_reason("empty input") == "empty input"
    clipped = clip_reason("a" * 10_000)
    assert len(clipped) == MAX_REASON_CHARS and clipped.startswith("a" * 100)


def test_clip_reason_shows_undecodable_bytes_as_replacement_characters() -> None:
    assert clip_reason("folder already read as bad\udcff") == "folder already read as bad\ufffd"


# Crashes: a cut WARC and deep JSON are error records; the rest of the file is still read.


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_cut_to_60_bytes_is_a_truncation_error(
    tmp_path: Path, examples_dir: Path, compressed: bool
) -> None:
    data = (examples_dir / "kivu-observer.warc.gz").read_bytes()
    if not compressed:
        data = gzip.decompress(data)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[:60])
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.input == f"{path}#record-1"
    assert "truncated WARC" in error.reason
    assert "Error" not in error.reason  # no internal exception leaks into the reason


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.json"])
def test_first_line_of_100000_brackets_is_one_error_and_the_valid_lines_are_kept(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    lines = ["[" * 100_000, json.dumps({"text": SCRAPE}), json.dumps({"html": article_html()})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(path)
    assert [(r.input, type(r).__name__) for r in results] == [
        (f"{path}:1", "ReadError"),
        (f"{path}:2", "Document"),
        (f"{path}:3", "Document"),
    ]
    assert isinstance(results[0], ReadError)
    assert results[0].reason == "JSON nested deeper than 512 levels"


def test_deep_line_in_the_middle_of_a_dump_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    deep = '{"text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    path.write_text("\n".join([json.dumps({"text": SCRAPE}), deep, json.dumps({"text": SCRAPE})]))
    assert [type(r).__name__ for r in read(path)] == ["Document", "ReadError", "Document"]


def test_json_document_nested_100000_deep_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert read(path) == [ReadError(input=str(path), reason="JSON nested deeper than 512 levels")]


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    extra = "[" * 510 + "]" * 510  # 511 levels with the record's own object
    path.write_text(f'{{"text": {json.dumps(SCRAPE)}, "extra": {extra}}}\n', encoding="utf-8")
    (document,) = read(path)
    assert isinstance(document, Document)


def test_a_depth_limit_above_what_the_decoder_allows_still_gives_an_error_record(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("[" * 50_000 + "\n" + json.dumps({"text": SCRAPE}) + "\n")
    results = read(path, options=ReadOptions(json_max_depth=1_000_000))
    assert [type(r).__name__ for r in results] == ["ReadError", "Document"]
    assert isinstance(results[0], ReadError)
    assert results[0].reason == "JSON nested too deeply for the decoder"


@pytest.mark.parametrize(
    ("data", "limit", "exceeds"),
    [
        (b"[[[]]]", 3, False),
        (b"[[[[]]]]", 3, True),
        (b'[{"a": [1]}]', 3, False),
        (b'{"a": {"b": {"c": {}}}}', 3, True),
        (b'["[[[[[[", "{{{{"]', 1, False),  # brackets inside strings do not count
        (b'["\\"[[[[", "]"]', 1, False),  # nor after an escaped quote
        (b"[]" * 1000, 1, False),  # many brackets, never deep
        (b'"[[[[[[[[', 3, True),  # an unclosed string is no string: counted high, never low
    ],
)
def test_json_nesting_depth_is_measured_outside_strings(
    data: bytes, limit: int, exceeds: bool
) -> None:
    assert json_nesting_exceeds(data, limit) is exceeds


# Names that are not UTF-8: escaped in records, U+FFFD in messages, never a crash.


def test_file_name_that_is_not_utf8_is_escaped_in_its_record(tmp_path: Path) -> None:
    (tmp_path / non_utf8_name("story", ".txt")).write_text(SCRAPE, encoding="utf-8")
    (document,) = read(tmp_path)
    assert isinstance(document, Document)
    assert document.input == f"{tmp_path}/story\\xff.txt"


def test_input_name_leaves_valid_names_alone() -> None:
    assert input_name("pages/Über café — 2024.html") == "pages/Über café — 2024.html"
    assert input_name(Path(os.fsdecode(b"a\xfe\xff"))) == "a\\xfe\\xff"


@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_read_prints_records_of_files_whose_names_are_not_utf8(tmp_path: Path, fmt: str) -> None:
    (tmp_path / non_utf8_name("story", ".txt")).write_text(SCRAPE, encoding="utf-8")
    (tmp_path / non_utf8_name("empty", ".html")).write_bytes(b"")
    result = run_claimledger("read", tmp_path, "--format", fmt)
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"2 inputs: 1 documents, 1 errors" in result.stderr
    assert b"story\\xff.txt" in result.stdout.replace(b"\\\\", b"\\")


def test_message_naming_a_folder_that_is_not_utf8_shows_replacement_characters(
    tmp_path: Path,
) -> None:
    folder = tmp_path / non_utf8_name("pages", "")
    folder.mkdir()
    (folder / "story.txt").write_text(SCRAPE, encoding="utf-8")
    (folder / "again").symlink_to(folder)
    document, error = read(folder)
    assert isinstance(document, Document) and isinstance(error, ReadError)
    assert error.input == f"{tmp_path}/pages\\xff/again"
    assert f"folder already read as {tmp_path}/pages\ufffd" in error.reason


@pytest.mark.model
def test_extract_prints_analyses_of_files_whose_names_are_not_utf8(tmp_path: Path) -> None:
    (tmp_path / non_utf8_name("story", ".txt")).write_text(SCRAPE, encoding="utf-8")
    result = run_claimledger("extract", tmp_path, "--format", "jsonl")
    assert result.returncode == 0, result.stderr[-2000:]
    (analysis,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert analysis["document"]["input"] == f"{tmp_path}/story\\xff.txt"


@pytest.mark.model
def test_run_stores_documents_and_errors_of_files_whose_names_are_not_utf8(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / non_utf8_name("story", ".txt")).write_text(SCRAPE, encoding="utf-8")
    (pages / non_utf8_name("empty", ".txt")).write_bytes(b"")
    db = tmp_path / "ledger.db"
    result = run_claimledger("run", pages, "--db", db)
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as connection:
        (errors,) = connection.execute("SELECT input FROM errors").fetchall()
    assert errors == (f"{pages}/empty\\xff.txt",)


# The walk: linked folders followed once, pipes and devices refused unopened, unreadable
# folders reported.


def test_symlink_to_a_folder_of_five_pages_reads_five_pages(
    tmp_path: Path, examples_dir: Path
) -> None:
    (tmp_path / "pages").symlink_to(examples_dir.resolve(), target_is_directory=True)
    results = read(tmp_path)
    assert len(results) == 5 and all(isinstance(r, Document) for r in results)
    assert read(tmp_path / "pages") == results


def test_symlink_loop_is_walked_once_and_named_in_one_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    document, error = read(tmp_path)
    assert isinstance(document, Document) and document.input == str(tmp_path / "story.txt")
    assert error == ReadError(
        input=str(tmp_path / "sub" / "up"),
        reason=f"folder already read as {tmp_path} (a symbolic link loop, or a second link to "
        "the same folder): skipped",
    )


def test_broken_symlink_in_a_folder_is_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (error,) = read(tmp_path)
    assert isinstance(error, ReadError) and error.reason.startswith("cannot read the file")


def test_named_pipe_in_a_folder_is_an_error_record_not_a_hang(tmp_path: Path) -> None:
    make_fifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text(SCRAPE, encoding="utf-8")
    # Opening the pipe would wait forever for a writer: the timeout turns a hang into a failure.
    result = run_claimledger("read", tmp_path, "--format", "jsonl", timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    error, document = jsonl_records(result.stdout)
    assert isinstance(document, Document)
    assert error == ReadError(
        input=str(tmp_path / "pipe.txt"),
        reason="not a regular file (a named pipe): nothing to read",
    )


def test_socket_in_a_folder_is_an_error_record(tmp_path: Path) -> None:
    listener = make_socket(tmp_path / "sock")
    try:
        (error,) = read(tmp_path)
    finally:
        listener.close()
    assert error == ReadError(
        input=str(tmp_path / "sock"), reason="not a regular file (a socket): nothing to read"
    )


def test_device_named_on_the_command_line_is_an_error_record() -> None:
    (error,) = read(Path(os.devnull))
    assert error == ReadError(
        input=os.devnull, reason="not a regular file (a character device): nothing to read"
    )


def test_unreadable_sub_folder_is_an_error_record_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a-locked").mkdir()
    (tmp_path / "a-locked" / "story.txt").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "b-open").mkdir()
    (tmp_path / "b-open" / "story.txt").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "a-locked").chmod(0)
    try:
        result = run_claimledger("read", tmp_path, "--format", "jsonl", obey_file_permissions=True)
    finally:
        (tmp_path / "a-locked").chmod(0o755)
    assert result.returncode == 0, result.stderr[-2000:]
    error, document = jsonl_records(result.stdout)
    assert isinstance(error, ReadError) and isinstance(document, Document)
    assert error.input == str(tmp_path / "a-locked")
    assert error.reason.startswith("cannot read the folder: [Errno 13] Permission denied")
    assert document.input == str(tmp_path / "b-open" / "story.txt")


def test_unreadable_file_is_an_error_record_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(SCRAPE, encoding="utf-8")
    path.chmod(0)
    result = run_claimledger("read", path, "--format", "jsonl", obey_file_permissions=True)
    assert result.returncode == 0, result.stderr[-2000:]
    (error,) = jsonl_records(result.stdout)
    assert isinstance(error, ReadError) and "Permission denied" in error.reason


# Dates in JSONL records: validated as `--published` is; a bad one is dropped, the page kept.


@pytest.mark.parametrize(
    "published", ["2024-13-45", "not-a-date", "2024-02-30", "13/45/2024", "   ", "2024"]
)
def test_invalid_record_date_is_dropped_and_the_document_kept(
    tmp_path: Path, published: str
) -> None:
    path = tmp_path / "dump.jsonl"
    records = [
        {"text": SCRAPE, "published": published},
        {"html": article_html(published=None), "published": published},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    text_document, html_document = read(path)
    assert isinstance(text_document, Document) and isinstance(html_document, Document)
    assert (text_document.published, text_document.published_from) == (None, None)
    assert (html_document.published, html_document.published_from) == (None, None)


def test_invalid_record_date_leaves_the_users_date_to_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": SCRAPE, "published": "2024-13-45"}), encoding="utf-8")
    (document,) = read(path, options=ReadOptions(published="2024-03-01"))
    assert isinstance(document, Document)
    assert (document.published, document.published_from) == ("2024-03-01", "user")


def test_invalid_date_gives_way_to_a_valid_one_under_another_key(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    record = {"text": SCRAPE, "published": "not-a-date", "date": "2024-03-10"}
    path.write_text(json.dumps(record), encoding="utf-8")
    (document,) = read(path)
    assert isinstance(document, Document)
    assert (document.published, document.published_from) == ("2024-03-10", "record")


@pytest.mark.parametrize("published", ["2024-03-10", "2024-03-10T08:00:00Z", "2024-03-10 08:00"])
def test_valid_record_date_is_kept_as_given(tmp_path: Path, published: str) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": SCRAPE, "published": published}), encoding="utf-8")
    (document,) = read(path)
    assert isinstance(document, Document) and document.published == published
