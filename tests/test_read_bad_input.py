"""Bad input never stops a batch: each gives an error record with the input's name and a reason,
and text in any common encoding is decoded rather than refused."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_pages import STORM_PARAGRAPHS, article_html
from claimledger.model import Document, ReadError
from claimledger.read import ReadOptions, UnreadableInput, decode_bytes, read_paths

SCRAPE = "\n\n".join(("Storm hits the coast", *STORM_PARAGRAPHS))
WESTERN = "Le garçon a mangé à la fenêtre près du château — “c’est très bien”, dit-il."


def only(path: Path, options: ReadOptions | None = None) -> Document | ReadError:
    (result,) = list(read_paths([path], options or ReadOptions()))
    return result


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty input"),
        (b"  \n\t\r\n ", "empty input"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary content (PNG image), not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content (PDF document), not text"),
        (b"PK\x03\x04" + bytes(200), "binary content (ZIP archive (or office document)), not text"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "binary content (ELF executable), not text"),
        (b"text with a NUL\x00 in the middle and some more words", "binary content"),
    ],
)
@pytest.mark.parametrize("name", ["input.txt", "input.html", "input"])
def test_empty_or_binary_file_is_an_error_record(
    tmp_path: Path, name: str, payload: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    result = only(path)
    assert isinstance(result, ReadError)
    assert result.input == str(path)
    assert result.reason.startswith(reason)


def test_random_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.dat"
    path.write_bytes(random.Random(7).randbytes(5000))
    result = only(path)
    assert isinstance(result, ReadError) and result.reason.startswith("binary content")


@pytest.mark.parametrize(
    ("encoding", "method"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "bom"),
        ("utf-16", "bom"),
        ("utf-16-le", "detected"),
        ("utf-16-be", "detected"),
        ("utf-32", "bom"),
        ("cp1252", "detected"),
        ("latin-1", "detected"),
    ],
)
def test_western_text_decodes_in_common_encodings(encoding: str, method: str) -> None:
    text = WESTERN if encoding != "latin-1" else WESTERN.replace("—", "-").replace("“", '"')
    text = text.replace("”", '"').replace("’", "'") if encoding == "latin-1" else text
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.method == method


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Příliš žluťoučký kůň úpěl ďábelské ódy, řekl včera večer.", "cp1250"),
        ("Сегодня утром в городе прошёл сильный дождь, сообщили власти.", "cp1251"),
        ("Σήμερα το πρωί έβρεξε πολύ στην πόλη, ανέφεραν οι αρχές.", "cp1253"),
    ],
)
def test_other_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


def test_declared_meta_charset_is_followed() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Привет, мир</body></html>'
    decoded = decode_bytes(page.encode("cp1251"), html=True)
    assert decoded.text == page
    assert (decoded.encoding, decoded.method) == ("cp1251", "declared")


def test_declared_header_charset_wins_over_meta() -> None:
    page = '<meta charset="utf-8"><p>Привет, мир</p>'
    decoded = decode_bytes(page.encode("koi8-r"), declared="koi8-r", html=True)
    assert decoded.text == page


def test_page_labelled_latin1_but_written_in_utf8_is_read_as_utf8() -> None:
    page = f'<meta charset="iso-8859-1"><p>{WESTERN}</p>'
    decoded = decode_bytes(page.encode("utf-8"), html=True)
    assert decoded.text == page
    assert decoded.encoding == "utf-8"


def test_utf16_label_on_a_page_without_utf16_bytes_is_ignored() -> None:
    page = f'<meta charset="utf-16"><p>{WESTERN}</p>'
    assert decode_bytes(page.encode("utf-8"), html=True).text == page


def test_latin1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    page = '<meta charset="iso-8859-1"><p>“quoted” — dash</p>'
    assert decode_bytes(page.encode("cp1252"), html=True).text == page


def test_utf8_page_with_stray_windows_1252_bytes_keeps_both_parts() -> None:
    data = (WESTERN + " ").encode("utf-8") + "naïve “quote”".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == WESTERN + " naïve “quote”"
    assert decoded.method == "mixed"


ASCII_LINES = "A plain line of ASCII text about the news of the day.\n" * 30_000  # 1.6 MB


@pytest.mark.parametrize("line_end", ["\n", " "])
def test_large_legacy_text_is_detected_past_a_long_ascii_start(line_end: str) -> None:
    text = (ASCII_LINES + (WESTERN + "\n") * 20_000).replace("\n", line_end)
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


def test_large_utf8_text_with_a_legacy_tail_keeps_both_parts() -> None:
    text = ASCII_LINES + (WESTERN + "\n") * 20_000
    decoded = decode_bytes(text.encode("utf-8") + "naïve “quote”".encode("cp1252"))
    assert decoded.text == text + "naïve “quote”"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_to_text_or_raise_unreadable_input(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except UnreadableInput as error:
        assert error.reason
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_text_with_a_byte_order_mark_round_trips(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if encoding in ("utf-16", "utf-8-sig") and text.strip() and "\x00" not in text:
        try:
            assert decode_bytes(data).text == text
        except UnreadableInput as error:
            assert error.reason.startswith("binary content")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=3000), st.sampled_from(["x.html", "x.txt", "x.jsonl", "x.warc", "x"]))
def test_any_file_content_gives_records_never_an_exception(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    results = list(read_paths([path]))
    assert results
    assert all(isinstance(r, Document | ReadError) for r in results)
    assert all(r.input.startswith(str(path)) for r in results)


def test_file_over_max_bytes_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(article_html(), encoding="utf-8")
    result = only(path, ReadOptions(max_bytes=100))
    assert isinstance(result, ReadError)
    assert result.reason == f"file larger than 100 bytes ({path.stat().st_size} bytes)"


def test_gzip_that_inflates_past_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>" + b"<p>a</p>" * 200_000))
    assert path.stat().st_size < 20_000
    result = only(path, ReadOptions(max_bytes=100_000))
    assert isinstance(result, ReadError)
    assert result.reason == "decompressed content larger than 100000 bytes"


def test_cut_gzip_page_is_an_error_record(tmp_path: Path) -> None:
    data = gzip.compress(article_html().encode())
    path = tmp_path / "page.html.gz"
    path.write_bytes(data[: len(data) // 2])
    result = only(path)
    assert isinstance(result, ReadError) and result.reason.startswith("cannot read the file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "locked.html"
    path.write_text(article_html(), encoding="utf-8")
    path.chmod(0)
    result = only(path)
    assert isinstance(result, ReadError) and "Permission denied" in result.reason


NESTED_TEXT = "<p>" + "A paragraph of article text, long enough to count as one. " * 8 + "</p>"


def nested_page(depth: int) -> str:
    return (
        "<html><head><title>Nested</title></head><body>"
        + "<div>" * depth
        + NESTED_TEXT
        + "</div>" * depth
        + NESTED_TEXT.replace("A paragraph", "After the nest")
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 1500])
def test_page_nested_past_the_parser_default_limit_still_yields_its_text(
    tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "nested.html"
    path.write_text(nested_page(depth), encoding="utf-8")
    result = only(path)
    assert isinstance(result, Document)
    assert "A paragraph of article text" in result.text
    assert "After the nest" in result.text


@pytest.mark.slow
def test_page_nested_past_any_parser_limit_is_an_error_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text(nested_page(20_000), encoding="utf-8")
    result = only(path)
    assert isinstance(result, ReadError)
    assert result.reason == "HTML nested deeper than 2048 elements: no text could be extracted"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            "<html><body>" + "<div><span><b>" * 20_000 + "unclosed all the way down",
            marks=pytest.mark.slow,
        ),
        "<html><body><p>" + "</p></div></td></tr>" * 5000 + "stray closers" + "</body>",
        "<<<>>><html <body <p>>>> broken &#xZZZZ; &bogus; <![CDATA[ x",
    ],
)
def test_malformed_html_gives_a_record(tmp_path: Path, page: str) -> None:
    path = tmp_path / "odd.html"
    path.write_text(page, encoding="utf-8")
    result = only(path)
    assert isinstance(result, Document | ReadError)
    assert result.input == str(path)


def test_malformed_article_page_still_yields_its_text(tmp_path: Path) -> None:
    page = article_html().replace("</p>", "").replace("</article>", "").replace("</body>", "")
    path = tmp_path / "sloppy.html"
    path.write_text(page, encoding="utf-8")
    result = only(path)
    assert isinstance(result, Document)
    assert STORM_PARAGRAPHS[0] in result.text


def test_batch_goes_on_past_every_bad_input(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-good.txt").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "3-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (tmp_path / "4-bad.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "5-good.html").write_text(article_html(), encoding="utf-8")
    results = list(read_paths([tmp_path]))
    assert [type(r).__name__ for r in results] == [
        "ReadError",
        "Document",
        "ReadError",
        "ReadError",
        "Document",
    ]


@pytest.mark.slow
def test_fifty_megabyte_page_gives_a_document_in_bounded_time(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = "army officials said the storm killed people near river city report".split()  # noqa: SIM905
    paragraphs = [
        "<p>" + " ".join(rng.choice(words) for _ in range(60)) + f" marker{n}.</p>\n"
        for n in range(500)
    ]
    path = tmp_path / "huge.html"
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>Huge page</title></head><body><article>")
        written = 0
        while written < 50_000_000:
            chunk = "".join(paragraphs)
            out.write(chunk)
            written += len(chunk)
        out.write("</article></body></html>")
    result = only(path)
    assert isinstance(result, Document)
    assert "marker0." in result.text
