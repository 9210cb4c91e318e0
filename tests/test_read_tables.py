"""CSV and TSV files: one input per row, named by the line it starts on; columns found by their
common names or named with --text-column and the rest; a header that gives no page is one error."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.cli import main
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, read_paths
from claimledger.read.options import named_fields
from claimledger.read.table import read_table

STORY = (
    "Gunmen killed 12 villagers in Borno state on Monday, police said.\n\n"
    "The attack came at night, residents told reporters."
)


def write_table(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def rebels_tsv(tmp_path: Path, last: tuple[str, str]) -> Path:
    """A TSV whose columns bear no default name, and one more column `last` (name, value)."""
    header = ["headline", "story", "when", last[0]]
    row = ["Rebels kill 5", "Rebels said they killed 5 soldiers, the army said.", "2024-01-02"]
    return write_table(tmp_path / "rows.tsv", [header, [*row, last[1]]], delimiter="\t")


def read(path: Path, options: ReadOptions | None = None) -> list[Document | ReadError]:
    return list(read_paths([path], options or ReadOptions()))


def documents(records: list[Document | ReadError]) -> list[Document]:
    assert all(isinstance(r, Document) for r in records), records
    return [r for r in records if isinstance(r, Document)]


def test_each_row_is_a_document_with_the_fields_its_columns_name(tmp_path: Path) -> None:
    path = write_table(tmp_path / "pages.csv", [
        ["id", "Title", "Text", "Date", "URL", "Source"],
        ["1", "Gunmen kill 12 in Borno", STORY, "2024-03-05", "https://a.example/1", "Daily Trust"],
        ["2", "Floods", "Floods displaced 3,000 people, officials said.", "2024-03-06",
         "https://b.example/2", "Punch"],
    ])
    first, second = documents(read(path))
    assert (first.input, second.input) == (f"{path}:2", f"{path}:5")  # the story holds 2 breaks
    assert first.input_kind == "csv"
    assert first.title == "Gunmen kill 12 in Borno"
    assert (first.published, first.published_from) == ("2024-03-05", "record")
    assert (first.url, first.outlet) == ("https://a.example/1", "Daily Trust")
    assert "Gunmen killed 12 villagers" in first.text
    body = "".join(second.segment_text(s) for s in second.segments_of("body"))
    assert body == "Floods displaced 3,000 people, officials said."  # one sentence is body


def test_tsv_is_split_at_tabs_and_named_columns_replace_the_defaults(tmp_path: Path) -> None:
    path = rebels_tsv(tmp_path, ("text", "not the story"))
    fields = named_fields(text="story", title="headline", published="when")
    (document,) = documents(read(path, ReadOptions(jsonl_fields=fields)))
    assert document.title == "Rebels kill 5"
    assert "Rebels said they killed 5 soldiers" in document.text
    assert "not the story" not in document.text
    assert document.published == "2024-01-02"


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
def test_a_csv_file_delimited_otherwise_is_split_at_what_its_header_holds(
    tmp_path: Path, delimiter: str
) -> None:
    path = write_table(tmp_path / "pages.csv", [["title", "text"], ["A, B; C", STORY]], delimiter)
    (document,) = documents(read(path))
    assert document.title == "A, B; C"


def test_html_column_goes_through_the_html_reader(tmp_path: Path) -> None:
    page = f"<html><head><title>Borno attack</title></head><body><article><h1>Borno attack</h1>" \
           f"<p>{STORY.replace(chr(10), ' ')}</p></article></body></html>"
    path = write_table(tmp_path / "pages.csv", [["url", "html"], ["https://a.example/x", page]])
    (document,) = documents(read(path))
    assert document.input_kind == "csv" and document.url == "https://a.example/x"
    assert "Gunmen killed 12 villagers" in document.text and "<p>" not in document.text


def test_a_header_without_a_text_column_is_one_error_listing_the_header(tmp_path: Path) -> None:
    path = write_table(tmp_path / "links.csv", [["url", "title"]] + [
        [f"https://a.example/{n}", f"Story {n}"] for n in range(5)
    ])
    (error,) = read(path)
    assert isinstance(error, ReadError) and error.input == str(path)
    assert "no text or HTML column" in error.reason
    assert "the header has: url, title" in error.reason
    assert "--text-column" in error.reason and "claimledger fetch" in error.reason


def test_a_named_column_the_header_lacks_is_one_error(tmp_path: Path) -> None:
    path = write_table(tmp_path / "pages.csv", [["title", "text", "date"], ["A", STORY, "x"]])
    (error,) = read(path, ReadOptions(jsonl_fields=named_fields(published="pubdate")))
    assert isinstance(error, ReadError)
    assert error.reason.startswith("no column named pubdate (the header has: title, text, date)")


def test_rows_without_text_are_errors_and_blank_lines_are_no_inputs(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    path.write_text(f'title,text\nA,"{STORY}"\n\nB,\n\n', encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document) and first.input == f"{path}:2"
    assert isinstance(second, ReadError) and second.input == f"{path}:6"
    assert "no text or HTML" in second.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty input"), (b"title,text\n", "no rows under the header"),
     (b"PK\x03\x04zipped", "binary content")],
)
def test_a_file_that_gives_no_rows_is_one_error(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "pages.csv"
    path.write_bytes(content)
    (error,) = read(path)
    assert isinstance(error, ReadError) and reason in error.reason


def test_gzip_bom_and_a_legacy_encoding_are_read(tmp_path: Path) -> None:
    data = "title,text\nCaf\u00e9 attack,\"" + STORY + '"\n'
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(("\ufeff" + data).encode("utf-8")))
    (tmp_path / "b.csv").write_bytes(data.encode("cp1252"))
    for name in ("a.csv.gz", "b.csv"):
        (document,) = documents(read(tmp_path / name))
        assert document.title == "Caf\u00e9 attack"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_table_saved_as_unicode_with_its_byte_order_mark_is_read(
    tmp_path: Path, codec: str
) -> None:
    data = "title\ttext\nCaf\u00e9 attack\t" + STORY.replace("\n\n", " ") + "\n"
    mark = {"utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(codec, "")
    (tmp_path / "sheet.tsv").write_bytes((mark + data).encode(codec))
    (document,) = documents(read(tmp_path / "sheet.tsv"))
    assert document.title == "Caf\u00e9 attack"


def test_a_long_cell_is_read_and_a_row_over_the_limit_is_an_error_alone(tmp_path: Path) -> None:
    long_story = "\n".join([STORY] * 3000)  # past csv's 128 KiB default, in short lines
    path = write_table(tmp_path / "pages.csv", [
        ["title", "text"], ["Long", long_story], ["Short", STORY],
    ])
    first, second = documents(read(path))
    assert len(first.text) > 300_000 and second.title == "Short"
    small = ReadOptions(max_bytes=200_000)
    over, under = read(path, small)
    assert isinstance(over, ReadError) and "longer than 200000" in over.reason
    assert isinstance(under, Document) and under.title == "Short"


def test_a_line_over_the_limit_ends_the_file_with_one_error(tmp_path: Path) -> None:
    path = write_table(tmp_path / "pages.csv", [
        ["title", "text"], ["Short", STORY], ["Long", "x" * 5000], ["After", STORY],
    ])
    first, second = read(path, ReadOptions(max_bytes=4000))
    assert isinstance(first, Document)
    assert isinstance(second, ReadError) and second.input == f"{path}:5"
    assert "a line longer than 4000 characters" in second.reason


def test_an_unclosed_quote_makes_the_rest_of_the_file_one_row(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    rest = "C,a row swallowed by the quote above\n" * 50
    path.write_text(f'title,text\nA,"{STORY}"\nB,"never closed\n' + rest, encoding="utf-8")
    small = ReadOptions(max_bytes=300)
    first, second = read(path, small)
    assert isinstance(first, Document)
    assert isinstance(second, ReadError) and second.input == f"{path}:5"  # row A spans lines 2 to 4


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=8))
def test_any_rows_give_one_record_per_row_with_a_cell(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([["title", "text"], *rows])
    records = list(read_table(io.BytesIO(out.getvalue().encode()), input="d.csv",
                              options=ReadOptions()))
    filled = sum(1 for row in rows if any(cell.strip() for cell in row))
    assert len(records) == (filled or 1)
    for record in records:
        assert record.input.startswith("d.csv")


def test_the_column_options_reach_read_extract_and_run(tmp_path: Path) -> None:
    path = rebels_tsv(tmp_path, ("site", "Sahel Post"))
    result = CliRunner().invoke(main, [
        "read", str(path), "--format", "jsonl", "--text-column", "story", "--title-column",
        "headline", "--date-column", "when", "--source-column", "site",
    ])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["title"], record["published"], record["outlet"]) == (
        "Rebels kill 5", "2024-01-02", "Sahel Post"
    )
    for command in ("extract", "run"):
        params = {p.name for p in main.commands[command].params}
        assert {"text_column", "html_column", "date_column", "url_column", "title_column",
                "source_column", "strict"} <= params
