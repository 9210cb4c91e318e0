"""The JSONL reader: a document or an error per line, named `dump.jsonl:N`; fields configurable."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_pages import STORM_PARAGRAPHS, article_html
from claimledger.model import Document, ReadError
from claimledger.read import JsonlFields, ReadOptions, read_jsonl, read_paths

SCRAPE = "\n\n".join(("Storm hits the coast", *STORM_PARAGRAPHS))


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(path: Path, options: ReadOptions | None = None) -> list[Document | ReadError]:
    return list(read_paths([path], options or ReadOptions()))


def test_html_record_goes_through_the_html_reader(tmp_path: Path) -> None:
    record = {"url": "https://coastal.example/storm", "html": article_html()}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert document.input == f"{tmp_path / 'dump.jsonl'}:1"
    assert document.input_kind == "jsonl"
    assert document.url == "https://coastal.example/storm"
    assert document.title == "Storm hits the coast"
    assert document.segments_of("comments")


def test_text_record_goes_through_the_text_scrape_segmenter(tmp_path: Path) -> None:
    record = {
        "url": "https://coastal.example/storm",
        "title": "Storm hits the coast",
        "text": SCRAPE,
    }
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert document.input_kind == "jsonl"
    assert document.text == SCRAPE
    assert document.title == "Storm hits the coast"
    assert any(
        STORM_PARAGRAPHS[1] in document.segment_text(s) for s in document.segments_of("body")
    )


def test_html_wins_over_text_when_a_record_has_both(tmp_path: Path) -> None:
    record = {"text": "plain words only", "html": article_html()}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document) and "plain words only" not in document.text


def test_record_date_is_the_publication_date_of_a_text_record(tmp_path: Path) -> None:
    record = {"text": SCRAPE, "published": "2024-03-06"}
    options = ReadOptions(published="2020-01-01")
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]), options)
    assert isinstance(document, Document)
    assert (document.published, document.published_from) == ("2024-03-06", "record")


def test_page_date_wins_over_record_date_for_html(tmp_path: Path) -> None:
    record = {"html": article_html(published="2024-03-05"), "date": "2024-03-09"}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert (document.published, document.published_from) == ("2024-03-05", "page")


def test_record_date_fills_in_for_a_page_without_one(tmp_path: Path) -> None:
    record = {"html": article_html(published=None), "date_publish": "2024-03-09 10:00:00"}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert (document.published, document.published_from) == ("2024-03-09 10:00:00", "record")


def test_unix_timestamp_date_becomes_iso(tmp_path: Path) -> None:
    record = {"text": SCRAPE, "published": 1709640000}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert document.published == "2024-03-05T12:00:00+00:00"


def test_author_list_and_source_fill_byline_and_outlet(tmp_path: Path) -> None:
    record = {"text": SCRAPE, "authors": ["Jane Reporter", "Sam Writer"], "source": "Coastal Times"}
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]))
    assert isinstance(document, Document)
    assert document.byline == "Jane Reporter, Sam Writer"
    assert document.outlet == "Coastal Times"


def test_field_names_are_configurable(tmp_path: Path) -> None:
    record = {"page_html": article_html(), "address": "https://coastal.example/x"}
    fields = JsonlFields(html=("page_html",), url=("address",))
    options = ReadOptions(jsonl_fields=fields)
    (document,) = read(write_lines(tmp_path / "dump.jsonl", [json.dumps(record)]), options)
    assert isinstance(document, Document)
    assert document.url == "https://coastal.example/x"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "line is not JSON"),
        ('{"text": "unterminated', "line is not JSON"),
        ("[1, 2, 3]", "line is JSON but not an object (a list)"),
        ('"just a string"', "line is JSON but not an object (a str)"),
        ('{"title": "No body here"}', "record has no text or HTML"),
        ('{"text": "   "}', "record has no text or HTML"),
    ],
)
def test_bad_line_is_an_error_and_the_file_goes_on(tmp_path: Path, line: str, reason: str) -> None:
    good = json.dumps({"text": SCRAPE})
    path = write_lines(tmp_path / "dump.jsonl", [good, line, good])
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Document", "ReadError", "Document"]
    error = results[1]
    assert isinstance(error, ReadError)
    assert error.input == f"{path}:2"
    assert error.reason.startswith(reason)


def test_blank_lines_are_skipped_but_still_counted(tmp_path: Path) -> None:
    good = json.dumps({"text": SCRAPE})
    path = write_lines(tmp_path / "dump.jsonl", [good, "", "   ", good])
    assert [r.input for r in read(path)] == [f"{path}:1", f"{path}:4"]


def test_gzipped_dump_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"text": SCRAPE}), json.dumps({"html": article_html()})]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    results = read(path)
    assert [r.input for r in results] == [f"{path}:1", f"{path}:2"]
    assert all(isinstance(r, Document) for r in results)


def test_cut_gzip_dump_yields_the_lines_before_the_cut_then_one_error(tmp_path: Path) -> None:
    lines = [json.dumps({"text": SCRAPE, "n": n}) for n in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) - 20])
    results = read(path)
    assert isinstance(results[-1], ReadError)
    assert all(isinstance(r, Document) for r in results[:-1])
    assert len(results) > 1


def test_line_longer_than_max_bytes_is_an_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    long_line = json.dumps({"text": SCRAPE * 40})
    path = write_lines(tmp_path / "dump.jsonl", [long_line, json.dumps({"text": SCRAPE})])
    results = read(path, ReadOptions(max_bytes=len(long_line) // 3))
    assert [type(r).__name__ for r in results] == ["ReadError", "Document"]
    assert [r.input for r in results] == [f"{path}:1", f"{path}:2"]


def test_byte_order_mark_and_windows_line_ends_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": SCRAPE}).encode() + b"\r\n")
    (document,) = read(path)
    assert isinstance(document, Document)


def test_line_in_a_legacy_encoding_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    text = SCRAPE.replace("Storm", "Sturm über Köln")
    path.write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("cp1252") + b"\n")
    (document,) = read(path)
    assert isinstance(document, Document) and "Sturm über Köln" in document.text


def test_read_jsonl_takes_an_open_stream() -> None:
    stream = io.BytesIO(json.dumps({"text": SCRAPE}).encode())
    results = list(read_jsonl(stream, input="stdin", options=ReadOptions()))
    assert [r.input for r in results] == ["stdin:1"]


def test_pretty_printed_json_object_is_one_input(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"text": SCRAPE, "url": "https://x.example/s"}, indent=2))
    (document,) = read(path)
    assert isinstance(document, Document)
    assert (document.input, document.url) == (str(path), "https://x.example/s")


def test_json_array_items_are_inputs_named_by_index(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    items = [{"text": SCRAPE}, {"title": "no body"}, {"html": article_html()}]
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    results = read(path)
    assert [(r.input, type(r).__name__) for r in results] == [
        (f"{path}[0]", "Document"),
        (f"{path}[1]", "ReadError"),
        (f"{path}[2]", "Document"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[]", "empty input: an empty JSON array"), ('[{"text": "x"', "file is not JSON")],
)
def test_unusable_json_document_is_one_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "dump.json"
    path.write_text(content, encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.input == str(path)
    assert error.reason.startswith(reason)


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_jsonl_file_without_lines_is_one_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(content, encoding="utf-8")
    assert read(path) == [ReadError(input=str(path), reason="empty input: no JSON lines")]


def holds_a_record(number: int, line: bytes) -> bool:
    """Whether the reader treats line `number` as a record (not blank; a first-line BOM ignored)."""
    return bool((line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line).strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.binary(max_size=200).filter(lambda b: b"\n" not in b), max_size=8))
def test_any_lines_give_one_record_per_non_blank_line_named_by_number(lines: list[bytes]) -> None:
    stream = io.BytesIO(b"\n".join(lines))
    results = list(read_jsonl(stream, input="d", options=ReadOptions()))
    counted = [n for n, line in enumerate(lines, start=1) if holds_a_record(n, line)]
    if counted:
        assert [r.input for r in results] == [f"d:{n}" for n in counted]
    else:
        assert results == [ReadError(input="d", reason="empty input: no JSON lines")]
