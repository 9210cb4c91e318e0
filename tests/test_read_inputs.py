"""From paths to inputs: files, directories, globs, gzip by magic bytes, and each file's kind."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from article_pages import STORM_PARAGRAPHS, article_html
from claimledger.model import Document, ReadError
from claimledger.read import expand_paths, read_paths
from claimledger.read.inputs import kind_from_name, sniff_kind

SCRAPE = "\n\n".join(("Storm hits the coast", *STORM_PARAGRAPHS))


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "page.html").write_text(article_html(), encoding="utf-8")
    (root / "a" / "scrape.txt").write_text(SCRAPE, encoding="utf-8")
    (root / "a" / "dump.jsonl").write_text(json.dumps({"text": SCRAPE}) + "\n", encoding="utf-8")
    (root / ".hidden" / "secret.txt").write_text(SCRAPE, encoding="utf-8")
    (root / ".notes.txt").write_text(SCRAPE, encoding="utf-8")


def test_directory_is_walked_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = [
        p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path]) if isinstance(p, Path)
    ]
    assert found == ["a/dump.jsonl", "a/scrape.txt", "b/page.html"]


def test_glob_pattern_matches_files_recursively(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(expand_paths([str(tmp_path / "**" / "*.txt")]))
    assert found == [tmp_path / "a" / "scrape.txt"]


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("missing.html", "no such file or directory"),
        ("nothing-*.html", "no files match this pattern"),
    ],
)
def test_path_naming_nothing_is_an_error_record(tmp_path: Path, given: str, reason: str) -> None:
    (error,) = list(expand_paths([str(tmp_path / given)]))
    assert error == ReadError(input=str(tmp_path / given), reason=reason)


def test_read_paths_streams_documents_and_errors_in_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_paths([tmp_path / "b", tmp_path / "missing.txt", tmp_path / "a"]))
    assert [(type(r).__name__, Path(r.input).name) for r in results] == [
        ("Document", "page.html"),
        ("ReadError", "missing.txt"),
        ("Document", "dump.jsonl:1"),
        ("Document", "scrape.txt"),
    ]


def test_text_file_goes_through_the_text_scrape_segmenter(tmp_path: Path) -> None:
    path = tmp_path / "scrape.txt"
    path.write_text(SCRAPE, encoding="utf-8")
    (document,) = list(read_paths([path]))
    assert isinstance(document, Document)
    assert (document.input_kind, document.text) == ("text", SCRAPE)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("page.xhtml", "html"),
        ("page.html.gz", "html"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("old.arc.gz", "warc"),
        ("dump.jsonl", "jsonl"),
        ("dump.ndjson.gz", "jsonl"),
        ("dump.json", "jsonl"),
        ("scrape.txt", "text"),
        ("scrape", None),
        ("archive.gz", None),
        ("photo.png", None),
    ],
)
def test_kind_from_extension(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"filedesc://crawl.arc 0.0.0.0 20050614070159", "warc"),
        (b'{"url": "https://x.example", "text": "..."}\n', "jsonl"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html><head>", "html"),
        (b"<html lang=en><body><p>Hi</p>", "html"),
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
        (b"Storm hits the coast\n\nThe storm reached the coast.", "text"),
        (b"Use <b>bold</b> for emphasis, the style guide says.", "text"),
    ],
)
def test_kind_sniffed_from_first_bytes(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


@pytest.mark.parametrize(
    ("name", "payload", "kind"),
    [
        ("page", article_html().encode(), "html"),
        ("dump.data", (json.dumps({"text": SCRAPE}) + "\n").encode(), "jsonl"),
        ("scrape.dat", SCRAPE.encode(), "text"),
    ],
)
def test_file_without_a_telling_extension_is_read_as_what_it_contains(
    tmp_path: Path, name: str, payload: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    (document,) = list(read_paths([path]))
    assert isinstance(document, Document)
    assert document.input_kind == kind


@pytest.mark.parametrize("name", ["page.html.gz", "page.html", "page.bin"])
def test_gzip_is_recognised_by_its_magic_bytes_whatever_the_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(article_html().encode()))
    (document,) = list(read_paths([path]))
    assert isinstance(document, Document)
    assert document.title == "Storm hits the coast"
    assert document.input == str(path)


def test_directory_walk_skips_code_and_docs_but_a_named_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Pages\n\nThese are the pages.\n")
    (tmp_path / "build.py").write_text("print('hello')\n")
    (tmp_path / "page.txt").write_text("A title\n\nRebels attacked the base on Tuesday.\n")
    walked = [r.input for r in read_paths([tmp_path])]
    assert walked == [str(tmp_path / "page.txt")]
    named = [r.input for r in read_paths([tmp_path / "README.md"])]
    assert named == [str(tmp_path / "README.md")]
