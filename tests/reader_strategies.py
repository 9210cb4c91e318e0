"""Hypothesis strategies for the reader fuzz and property tests: bytes of every input kind, from
well-formed to hostile, and folders whose number of inputs is known from how they were built."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from article_pages import article_html
from reader_inputs import make_fifo, make_socket, non_utf8_name

HTML_PIECES = (
    "<!DOCTYPE html>",
    "<html>",
    "<head>",
    "<title>Storm hits the coast</title>",
    "</head>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<script>var s = '<p>';</script>",
    "<style>p{}</style>",
    "<!-- a comment -->",
    "<br/>",
    '<meta charset="koi8-r">',
    '<meta property="article:published_time" content="2024-13-45">',
    "&amp;",
    "&#xZZZZ;",
    "&bogus;",
    "<![CDATA[",
    "<<>>",
    "</td></tr>",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    "é",
    "—",
    "“",
    "Officials said 12 people were killed. ",
    "3 Comments",
    "Leave a Reply",
    "By Jane Reporter",
    "March 11, 2024",
    "Source: Wire",
)

page_text = st.lists(
    st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=40)), max_size=60
).map("".join)


@st.composite
def encoded_text(draw: st.DrawFn, text: st.SearchStrategy[str] = page_text) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]))
    return draw(text).encode(encoding, errors="replace")


article_bytes = st.builds(
    lambda title, published: article_html(title=title or "Story", published=published).encode(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from([None, "2024-03-05", "2024-13-45", "not a date"]),
)

# Bytes a page file may hold: anything, text in some encoding, or a real article.
page_bytes = st.one_of(st.binary(max_size=3000), encoded_text(), article_bytes)

DATES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2024-03-10", "2024-13-45", "not-a-date", "2024-03-10T08:00:00Z", ""]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)

json_record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=300), page_text),
        "html": st.one_of(page_text, article_bytes.map(bytes.decode)),
        "title": st.text(max_size=40),
        "published": DATES,
        "date": DATES,
        "author": st.one_of(st.text(max_size=20), st.lists(st.text(max_size=10), max_size=3)),
        "source": st.one_of(st.text(max_size=20), st.integers(), st.none()),
        "url": st.text(max_size=40),
    },
)

record_line = st.builds(
    lambda record, ascii_only: json.dumps(record, ensure_ascii=ascii_only).encode(),
    json_record,
    st.booleans(),
)
# A first line: one that makes the reader take the file for JSON lines, not a JSON document.
first_line = st.one_of(
    record_line,
    record_line.map(lambda line: b"\xef\xbb\xbf" + line),
    st.just(b"{oops"),
    st.integers(1, 3000).map(lambda depth: b'{"a": ' * depth),
)
later_line = st.one_of(
    first_line,
    st.just(b""),
    st.just(b"  \t\r"),
    st.integers(1, 3000).map(lambda depth: b"[" * depth),
    st.just(b"[1, 2, 3]"),
    st.binary(max_size=200).filter(lambda line: b"\n" not in line and b"\0" not in line),
    st.text(max_size=100).map(
        lambda text: json.dumps({"text": text}, ensure_ascii=False).encode("cp1252", "replace")
    ),
)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> list[bytes]:
    """Lines of a JSON-lines dump (no line breaks inside), good and bad mixed."""
    return [draw(first_line), *draw(st.lists(later_line, max_size=6))]


def jsonl_inputs(lines: list[bytes]) -> int:
    """How many inputs a dump of `lines` is: each non-blank line (a byte-order mark opening the
    first is not content), or one error for none."""
    first, *rest = lines
    counted = sum(1 for line in [first.removeprefix(b"\xef\xbb\xbf"), *rest] if line.strip())
    return counted or 1


WarcSpec = tuple[str, str, str | None, bytes]  # record type, content type, HTTP status, payload

warc_record_spec = st.one_of(
    st.tuples(
        st.just("response"), st.just("text/html; charset=utf-8"), st.just("200 OK"), page_bytes
    ),
    st.tuples(st.just("response"), st.just("text/html"), st.just("404 Not Found"), page_bytes),
    st.tuples(st.just("response"), st.just("image/png"), st.just("200 OK"), st.binary()),
    st.tuples(st.just("resource"), st.just("text/html"), st.none(), page_bytes),
    st.tuples(
        st.just("metadata"),
        st.just("application/warc-fields"),
        st.none(),
        st.just(b"via: https://news.example/\r\n"),
    ),
)


def is_page(spec: WarcSpec) -> bool:
    _, content_type, status, _ = spec
    return "html" in content_type and (status is None or status.startswith("2"))


def warc_bytes(specs: list[WarcSpec], *, compress: bool) -> bytes:
    """A WARC of `specs`, the same bytes every time (fixed record ids and dates), as Hypothesis
    needs to replay an example."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number, (record_type, content_type, status, payload) in enumerate(specs, start=1):
        uri = f"https://news.example/story-{number}"
        fixed = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012}>",
            "WARC-Date": "2025-01-01T08:30:00Z",
        }
        if status is not None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                record_type,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict=fixed,
            )
        else:
            record = writer.create_warc_record(
                uri,
                record_type,
                payload=io.BytesIO(payload),
                warc_content_type=content_type,
                warc_headers_dict=fixed,
            )
        writer.write_record(record)
    return buffer.getvalue()


def warc_inputs(specs: list[WarcSpec]) -> int:
    """How many inputs a WARC of `specs` is: each HTML page, or one error for none."""
    return sum(map(is_page, specs)) or 1


@dataclass(frozen=True)
class Entry:
    """One thing in a folder: how to put it there, and how many inputs reading it makes."""

    name: str
    make: Callable[[Path], None]
    inputs: int


def _write(data: bytes, *, compress: bool = False) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(gzip.compress(data) if compress else data)


def _fifo(path: Path) -> None:
    make_fifo(path)


def _socket(path: Path) -> None:
    make_socket(path).close()  # the socket file stays behind, which is all the reader sees


@st.composite
def folder_entry(draw: st.DrawFn, number: int) -> Entry:
    """A page, a dump, a WARC, or something else a folder of pages may hold."""
    kind = draw(st.sampled_from(["page", "jsonl", "warc", "odd"]))
    compress = draw(st.booleans())
    gz = ".gz" if compress else ""
    if kind == "page":
        suffix = draw(st.sampled_from([".html", ".txt"]))
        name = f"{number:02}-page{suffix}{gz}"
        if draw(st.booleans()):
            name = non_utf8_name(f"{number:02}-page", suffix + gz)
        return Entry(name, _write(draw(page_bytes), compress=compress), 1)
    if kind == "jsonl":
        lines = draw(jsonl_lines())
        return Entry(
            f"{number:02}-dump.jsonl{gz}",
            _write(b"\n".join(lines), compress=compress),
            jsonl_inputs(lines),
        )
    if kind == "warc":
        specs = draw(st.lists(warc_record_spec, max_size=4))
        return Entry(
            f"{number:02}-crawl.warc{gz}",
            _write(warc_bytes(specs, compress=compress)),
            warc_inputs(specs),
        )
    odd = draw(st.sampled_from(["fifo", "socket", "broken-link", "loop", "hidden", "readme"]))
    makers: dict[str, tuple[str, Callable[[Path], None], int]] = {
        "fifo": (f"{number:02}-pipe.txt", _fifo, 1),
        "socket": (f"{number:02}-sock", _socket, 1),
        "broken-link": (f"{number:02}-gone.html", lambda path: path.symlink_to("nowhere"), 1),
        "loop": (
            f"{number:02}-loop",
            lambda path: path.symlink_to(".", target_is_directory=True),
            1,
        ),
        "hidden": (f".{number:02}-hidden.txt", _write(b"A hidden page, never read."), 0),
        "readme": (f"{number:02}-README.md", _write(b"# Notes about these pages"), 0),
    }
    name, make, inputs = makers[odd]
    return Entry(name, make, inputs)


@st.composite
def mixed_folder(draw: st.DrawFn) -> list[Entry]:
    count = draw(st.integers(min_value=0, max_value=6))
    return [draw(folder_entry(number)) for number in range(count)]


def build_folder(root: Path, entries: list[Entry]) -> int:
    """Make `entries` under `root`; the number of inputs reading it should give."""
    for entry in entries:
        entry.make(root / entry.name)
    return sum(entry.inputs for entry in entries)
