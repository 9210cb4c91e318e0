"""Long texts (issue 15.1): a segment longer than the parser's bound is parsed as several Docs
whose records keep their page offsets, never refused with spaCy's E088; a page cut by the reader
says so on its document, in `read`'s table and in the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from claimledger.model import Analysis, Document, ReadError, Segment
from claimledger.pipeline import (
    MAX_DOC_CHARS,
    analyse_documents,
    analyse_records,
    doc_pieces,
    split_points,
)
from claimledger.read import read_paths
from claimledger.read.html import read_html, shrink_page
from claimledger.read.options import ReadOptions
from claimledger.store import open_store
from reader_processes import run_claimledger


def paragraph(i: int) -> str:
    return (f"Paragraph {i}: at least {i % 90 + 2} people were killed in clashes near the town "
            f"of Goma on Tuesday, officials said. Witness {i} said the fighting lasted hours.")


def long_page(paragraphs: int) -> str:
    return "Clashes near Goma\n\n" + "\n\n".join(paragraph(i) for i in range(paragraphs)) + "\n"


# --- where a long segment is split ------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"")), max_size=400), st.integers(1, 60))
def test_pieces_cover_the_text_in_order_and_none_is_longer_than_the_bound(
    text: str, bound: int
) -> None:
    pieces = split_points(text, bound)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b or (a, b) == (0, 0) for a, b in pieces)
    assert all(end == start for (_, end), (start, _) in pairwise(pieces))
    assert all(b - a <= bound for a, b in pieces)


def test_a_text_within_the_bound_is_one_piece() -> None:
    assert split_points("word " * 100, 500) == [(0, 500)]


def test_pieces_end_at_paragraphs_before_lines_sentences_and_words() -> None:
    text = "One sentence. Two sentence.\nA line.\n\nA paragraph here. " + "x" * 40
    pieces = split_points(text, 60)
    first = text[slice(*pieces[0])]
    assert first.endswith("A line.\n\n")
    lines = "a" * 30 + "\n" + "b" * 40
    assert lines[slice(*split_points(lines, 50)[0])] == "a" * 30 + "\n"
    sentences = "First one. " + "Second one here. " * 3
    assert sentences[slice(*split_points(sentences, 40)[0])].endswith(". ")
    solid = "y" * 100
    assert split_points(solid, 30)[0] == (0, 30)  # no boundary at all: cut at the bound


def test_doc_pieces_are_segments_of_the_same_kind_in_page_offsets() -> None:
    text = "Title\n\n" + "\n\n".join(paragraph(i) for i in range(40))
    body = Segment("body", 7, len(text))
    document = Document(id="d", text=text, segments=(Segment("title", 0, 5), body))
    pieces = doc_pieces(document, body, 1000)
    assert len(pieces) > 1 and all(p.kind == "body" for p in pieces)
    assert pieces[0].start == body.start and pieces[-1].end == body.end
    assert "".join(document.segment_text(p) for p in pieces) == document.segment_text(body)
    assert doc_pieces(document, body, MAX_DOC_CHARS) == [body]


# --- analysis of a long segment ---------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp() -> Language:
    from claimledger.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def short_max_length(nlp: Language) -> Iterator[int]:
    """The loaded pipeline with nlp.max_length lowered to 5,000 characters for one test."""
    kept = nlp.max_length
    nlp.max_length = 5_000
    yield nlp.max_length
    nlp.max_length = kept


def long_document(tmp_path: Path, paragraphs: int) -> Document:
    (tmp_path / "long.txt").write_text(long_page(paragraphs), encoding="utf-8")
    [document] = read_paths([tmp_path / "long.txt"], ReadOptions(published="2024-03-12"))
    assert isinstance(document, Document)
    return document


def assert_offsets_point_into_the_page(analysis: Analysis) -> None:
    text = analysis.document.text
    for figure in analysis.figures:
        assert text[figure.span.start : figure.span.end] == figure.span.text
    for attribution in analysis.attributions:
        content = attribution.content
        assert text[content.start : content.end] == content.text
    for date in analysis.dates:
        assert text[date.span.start : date.span.end] == date.span.text


@pytest.mark.model
@pytest.mark.slow
def test_a_body_longer_than_nlp_max_length_is_analysed_not_refused_with_e088(
    nlp: Language, short_max_length: int, tmp_path: Path
) -> None:
    document = long_document(tmp_path, 120)
    [body] = document.segments_of("body")
    assert body.end - body.start > 3 * short_max_length
    [result] = analyse_records([document], nlp)
    assert isinstance(result, Analysis), result  # not an error record (E088)
    assert_offsets_point_into_the_page(result)
    # a figure from every part of the page, the last paragraph's included
    last = document.text.rindex("Paragraph 119")
    assert any(f.span.start > last for f in result.figures)
    assert {f.count.low for f in result.figures if f.measure == "killed"} >= {2, 50, 91}


@pytest.mark.model
@pytest.mark.slow
def test_records_are_the_same_whether_a_page_is_parsed_whole_or_in_pieces(
    nlp: Language, tmp_path: Path
) -> None:
    document = long_document(tmp_path, 30)
    [whole] = analyse_documents([document], nlp)
    [pieces] = analyse_documents([document], nlp, max_chars=1_500)
    assert_offsets_point_into_the_page(pieces)

    def figures(analysis: Analysis) -> list[tuple[int, int, float]]:
        return [(f.span.start, f.span.end, f.count.low) for f in analysis.figures
                if f.rule is None]

    assert figures(pieces) == figures(whole)


# --- a page cut by the reader ----------------------------------------------------------------

def test_shrink_page_says_where_it_cut_and_only_when_it_cut() -> None:
    page = "<html><body>" + "<p>word word word</p>" * 100 + "</body></html>"
    assert shrink_page(page, len(page)).cut_at is None
    scripts = "<html><body><script>" + "x" * 1000 + "</script><p>Kept.</p></body></html>"
    assert shrink_page(scripts, 200).cut_at is None  # scripts dropped: no text lost
    shrunk = shrink_page(page, 500)
    assert shrunk.cut_at == len(shrunk.html) <= 500


def html_page(paragraphs: int) -> str:
    body = "".join(f"<p>{paragraph(i)}</p>\n" for i in range(paragraphs))
    return (f"<html><head><title>Clashes near Goma</title></head><body><article>"
            f"<h1>Clashes near Goma</h1>{body}</article></body></html>")


def test_a_page_cut_by_the_reader_is_flagged_and_a_whole_one_is_not() -> None:
    page = html_page(400)
    cut = read_html(page, input="long.html", options=ReadOptions(html_max_chars=20_000))
    assert cut.cut_at is not None and 0 < cut.cut_at <= 20_000
    assert "Paragraph 0:" in cut.text and "Paragraph 399" not in cut.text
    whole = read_html(page, input="long.html", options=ReadOptions())
    assert whole.cut_at is None and "Paragraph 399" in whole.text


def test_the_cut_is_kept_in_the_store(tmp_path: Path) -> None:
    from claimledger.model import Analysis

    document = read_html(html_page(400), input="long.html",
                         options=ReadOptions(html_max_chars=20_000))
    with open_store(tmp_path / "cut.db") as store:
        store.write_analysis(Analysis(document=document))
        [stored] = store.documents()
    assert stored.cut_at == document.cut_at is not None


@pytest.mark.slow
def test_a_50_mb_page_is_read_with_its_cut_flagged_in_json_and_in_the_table(
    tmp_path: Path,
) -> None:
    """The probe: 50 MB of unique paragraphs, read past the 8,000,000-character cap."""
    page = tmp_path / "huge.html"
    with page.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>Huge page</title></head><body><article>\n")
        i = 0
        while out.tell() < 50 * 1024 * 1024:
            out.write(f"<p>{paragraph(i)}</p>\n")
            i += 1
        out.write("</article></body></html>\n")
    result = run_claimledger("read", page, "--format", "jsonl", timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["record"] == "document"
    assert 0 < record["cut_at"] <= ReadOptions().html_max_chars
    table = run_claimledger("read", page, timeout=600)
    assert table.returncode == 0
    assert b"cut_at" in table.stdout and b"the rest not read" in table.stdout


def test_a_document_read_whole_says_nothing_of_a_cut(examples_dir: Path) -> None:
    documents = [r for r in read_paths([examples_dir]) if not isinstance(r, ReadError)]
    assert documents and all(d.cut_at is None for d in documents)
