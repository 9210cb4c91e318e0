"""The WARC reader: HTML responses become documents named by record; damage ends the file."""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from article_pages import article_html
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, read_paths, read_warc

WarcRecordSpec = tuple[str, str, str, bytes]  # record type, content type, HTTP status, payload


def page_bytes(title: str, *, published: str | None = None, encoding: str = "utf-8") -> bytes:
    return article_html(title=title, published=published).encode(encoding)


def write_warc(path: Path, records: Sequence[WarcRecordSpec], *, compress: bool = True) -> bytes:
    """A WARC file of `records`, captured on 2025-01-0N; returns its bytes."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number, (record_type, content_type, status, payload) in enumerate(records, start=1):
        uri = f"https://news.example/story-{number}"
        date = {"WARC-Date": f"2025-01-0{number}T08:30:00Z"}
        if record_type == "response":
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict=date,
            )
        else:
            record = writer.create_warc_record(
                uri,
                record_type,
                payload=io.BytesIO(payload),
                warc_content_type=content_type,
                warc_headers_dict=date,
            )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def record_offsets(data: bytes) -> list[int]:
    """Where each record starts in a WARC file's bytes (compressed offsets for .warc.gz)."""
    records = ArchiveIterator(io.BytesIO(data))
    offsets = []
    for record in records:
        record.content_stream().read()
        offsets.append(records.get_record_offset())
    return offsets


def html_response(title: str, **kwargs: str) -> WarcRecordSpec:
    return ("response", "text/html; charset=utf-8", "200 OK", page_bytes(title, **kwargs))


def read(path: Path, options: ReadOptions | None = None) -> list[Document | ReadError]:
    options = options or ReadOptions()
    return list(read_paths([path], options))


@pytest.mark.parametrize("compress", [True, False])
def test_each_html_response_is_a_document_named_by_its_record(
    tmp_path: Path, compress: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(
        path, [html_response("First story"), html_response("Second story")], compress=compress
    )
    documents = read(path)
    assert [d.input for d in documents] == [f"{path}#record-1", f"{path}#record-2"]
    assert all(isinstance(d, Document) for d in documents)
    assert [d.title for d in documents if isinstance(d, Document)] == [
        "First story",
        "Second story",
    ]
    assert all(d.input_kind == "warc" for d in documents if isinstance(d, Document))


def test_record_url_and_capture_date_are_kept_apart_from_publication(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [html_response("Dated", published="2024-12-30"), html_response("Undated")])
    dated, undated = read(path)
    assert isinstance(dated, Document) and isinstance(undated, Document)
    assert dated.url == "https://news.example/story-1"
    assert dated.fetched == "2025-01-01T08:30:00Z"
    assert (dated.published, dated.published_from) == ("2024-12-30", "page")
    assert undated.fetched == "2025-01-02T08:30:00Z"
    assert undated.published is None


def test_requests_images_errors_and_metadata_records_are_not_inputs(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("request", "application/http; msgtype=request", "", b"GET / HTTP/1.1\r\n\r\n"),
            ("response", "image/png", "200 OK", b"\x89PNG\r\n\x1a\nxxxx"),
            ("response", "text/html", "404 Not Found", page_bytes("Missing page")),
            ("metadata", "application/warc-fields", "", b"via: https://news.example/\r\n"),
            html_response("The story"),
        ],
    )
    documents = read(path)
    assert [(d.input, type(d).__name__) for d in documents] == [(f"{path}#record-5", "Document")]


def test_html_resource_record_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, [("resource", "text/html", "", page_bytes("Saved page"))], compress=False)
    (document,) = read(path)
    assert isinstance(document, Document) and document.title == "Saved page"


def test_charset_from_the_http_header_decodes_the_page(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    payload = article_html(title="Über den Fluss", paragraphs=["Café déjà vu " * 20]).encode(
        "cp1252"
    )
    write_warc(path, [("response", "text/html; charset=windows-1252", "200 OK", payload)])
    (document,) = read(path)
    assert isinstance(document, Document)
    assert document.title == "Über den Fluss"
    assert "Café déjà vu" in document.text


@pytest.mark.parametrize("compress", [True, False])
def test_truncated_warc_yields_records_before_the_damage_then_one_error(
    tmp_path: Path, compress: bool
) -> None:
    whole = tmp_path / "whole.warc"
    data = write_warc(whole, [html_response(f"Story {n}") for n in (1, 2, 3)], compress=compress)
    cut = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    cut.write_bytes(data[: len(data) - 200])
    results = read(cut)
    assert [type(r).__name__ for r in results] == ["Document", "Document", "ReadError"]
    error = results[-1]
    assert isinstance(error, ReadError)
    assert error.input == f"{cut}#record-3"
    assert "truncated" in error.reason


@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("kept", [7, 30, 60, 120, 200, 300])
def test_warc_cut_anywhere_in_the_second_record_gives_one_document_and_one_error(
    tmp_path: Path, compress: bool, kept: int
) -> None:
    whole = tmp_path / "whole.warc"
    data = write_warc(
        whole, [html_response("Story 1"), html_response("Story 2")], compress=compress
    )
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: record_offsets(data)[1] + kept])
    results = read(cut)
    assert [type(r).__name__ for r in results] == ["Document", "ReadError"]
    error = results[1]
    assert isinstance(error, ReadError)
    assert error.input == f"{cut}#record-2"
    assert "record 2" in error.reason


def test_garbage_named_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not a gzip member at all" * 10)
    results = read(path)
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert results[0].input.startswith(str(path))


def test_warc_without_html_pages_says_so(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [("response", "image/png", "200 OK", b"\x89PNG\r\n\x1a\nxxxx")])
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.reason == "no HTML response records in the WARC"


def test_oversized_record_is_an_error_and_the_next_record_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    big = article_html(title="Big", paragraphs=["many words " * 3000]).encode()
    write_warc(path, [("response", "text/html", "200 OK", big), html_response("Small story")])
    results = read(path, ReadOptions(max_bytes=20_000))
    assert [type(r).__name__ for r in results] == ["ReadError", "Document"]
    assert isinstance(results[0], ReadError) and "larger than 20000 bytes" in results[0].reason


def test_read_warc_takes_an_open_stream(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "x.warc.gz", [html_response("Streamed")])
    results = list(read_warc(io.BytesIO(data), input="stream", options=ReadOptions()))
    assert [r.input for r in results] == ["stream#record-1"]


def test_arc_file_records_are_read_with_their_archive_date(tmp_path: Path) -> None:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    http += page_bytes("Archived story")
    description = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://crawl.arc 0.0.0.0 20050614070159 text/plain %d\n" % len(description)
    arc += description + b"\n"
    arc += b"https://news.example/archived 192.0.2.1 20050614070144 text/html %d\n" % len(http)
    arc += http + b"\n"
    path = tmp_path / "crawl.arc"
    path.write_bytes(arc)
    (document,) = read(path)
    assert isinstance(document, Document)
    assert document.input == f"{path}#record-2"
    assert (document.url, document.fetched) == (
        "https://news.example/archived",
        "2005-06-14T07:01:44Z",
    )


def test_gzip_content_encoded_response_is_decoded(tmp_path: Path) -> None:
    payload = gzip.compress(page_bytes("Compressed story"))
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
    )
    uri = "https://news.example/compressed"
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=headers
    )
    writer.write_record(record)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    (document,) = read(path)
    assert isinstance(document, Document) and document.title == "Compressed story"


def three_page_warc(*, compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number in (1, 2, 3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(page_bytes(f"Story {number}"))
        uri = f"https://news.example/{number}"
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
        )
    return buffer.getvalue()


WARC_GZ = three_page_warc(compress=True)
WARC_PLAIN = three_page_warc(compress=False)


# Cutting only a record's last bytes (its closing blank lines, a gzip member's checksum) loses
# none of its content: reading it may go either way.
CLOSING_BYTES = 16


@settings(max_examples=150, deadline=None)
@given(st.booleans(), st.data())
def test_a_warc_cut_anywhere_gives_its_whole_records_then_one_error_for_the_damage(
    compress: bool, data: st.DataObject
) -> None:
    whole = WARC_GZ if compress else WARC_PLAIN
    kept = data.draw(st.integers(1, len(whole) - 1))
    results = list(read_warc(io.BytesIO(whole[:kept]), input="w", options=ReadOptions(), size=kept))
    kinds = [type(r).__name__ for r in results]
    documents = kinds.count("Document")
    assert kinds == ["Document"] * documents + ["ReadError"] * (len(kinds) - documents)
    bounds = [*record_offsets(whole), len(whole)]
    records = list(pairwise(bounds))
    complete = sum(1 for _, end in records if end <= kept)
    closing_cut = any(end - CLOSING_BYTES < kept < end for _, end in records)
    assert complete <= documents <= complete + closing_cut
    if kept in bounds:  # a cut between records leaves a valid, shorter WARC
        assert kinds == ["Document"] * complete
    elif not closing_cut:
        assert kinds[-1] == "ReadError"
        assert results[-1].input == f"w#record-{complete + 1}"
