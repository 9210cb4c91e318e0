"""The body-extraction evaluation: rendering pages to visible text, and scoring three systems."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.eval.extraction import (
    evaluate_extraction,
    extract_with_segmenter,
    format_extraction_report,
    load_pages,
    score_system,
)
from claimledger.eval.render import render_visible_text
from conftest import shared_path

STORY = [
    "Heavy rain overnight pushed the river over its banks on Tuesday, cutting the only road to "
    "three villages and forcing families onto rooftops, local officials said.",
    "Rescue teams reached two of the villages by boat before noon, according to the state "
    "emergency agency, which said at least 40 homes had been flooded.",
    "Residents said the water rose faster than in any year they could remember, and that the "
    "agency had promised to send more boats on Wednesday if the rain continued.",
]
PAGE = f"""<!doctype html>
<html><head><title>Floods | Example Daily</title><style>p {{ color: red }}</style>
<script>var tracking = "not visible";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie">We use cookies to give you the best experience. By continuing you accept our
cookie policy and the use of analytics and advertising partners. <button>Accept</button></div>
<article><h1>Floods cut off three villages</h1>
<p class="byline">By <a href="/maria">Maria Okafor</a></p>
{"".join(f"<p>{p}</p>" for p in STORY)}
<div style="display: none">Hidden newsletter prompt</div>
</article>
<aside><h2>Related Articles</h2><ul><li>Bridge repairs delayed again</li>
<li>New dam plan faces objections</li></ul></aside>
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
<footer><p>&copy; 2021 Example Daily. All rights reserved.</p></footer>
</body></html>"""


html_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            ["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<!-- ", " -->",
             "<td>", "<tr>", "<table>", "<li>", "<style>", "<h1>", "&amp;", "&#0;", "\x00", "<",
             "<p hidden>", '<div style="display:none">', "<![CDATA[", "<?xml ?>", "\r\n"]
        ),
        st.text(max_size=20),
    ),
    max_size=50,
).map("".join)


@given(html_fragments)
@settings(max_examples=300, deadline=None)
def test_render_never_raises_and_gives_tidy_lines(html: str) -> None:
    text = render_visible_text(html)
    assert "\n\n\n" not in text
    assert all(line == line.strip() for line in text.split("\n"))


@pytest.fixture
def benchmark_folder() -> Path:
    return shared_path("data", "article-extraction")


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "page1.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    truth = {"page1": {"url": "https://example.org/floods", "articleBody": "\n\n".join(STORY)}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_render_keeps_chrome_and_drops_what_is_never_shown() -> None:
    text = render_visible_text(PAGE)
    for visible in ("Home", "World", "We use cookies", "Maria Okafor", "Related Articles", "©"):
        assert visible in text
    for invisible in ("tracking", "color: red", "Hidden newsletter", "Floods | Example"):
        assert invisible not in text


def test_render_puts_blocks_on_their_own_lines() -> None:
    lines = render_visible_text(PAGE).split("\n")
    assert "Home" in lines and "Sport" in lines
    assert STORY[0] in lines
    assert "By Maria Okafor" in lines
    assert "Cell one Cell two" in lines


def test_render_of_non_html_is_empty_or_text() -> None:
    assert render_visible_text("") == ""
    assert render_visible_text("plain words") == "plain words"


def test_report_scores_each_system_on_the_folder(tiny_folder: Path) -> None:
    report = evaluate_extraction(tiny_folder)
    names = [row.name for row in report.rows]
    assert len(names) == 3 and any("trafilatura" in name for name in names)
    for row in report.rows:
        assert row.pages == 1
        assert 0.0 <= row.precision <= 1.0 and 0.0 <= row.recall <= 1.0
        assert row.seconds >= 0.0
    segmenter = next(row for row in report.rows if "segmenter" in row.name)
    assert segmenter.f1 == pytest.approx(1.0)


def test_report_table_has_one_line_per_system(tiny_folder: Path) -> None:
    table = format_extraction_report(evaluate_extraction(tiny_folder, limit=1)).splitlines()
    assert table[0].startswith("| system | precision | recall | F1")
    assert len(table) == 2 + 3
    assert all(line.count("|") == 8 for line in table)


def test_pages_without_html_file_are_skipped(tiny_folder: Path) -> None:
    truth = json.loads((tiny_folder / "ground-truth.json").read_text(encoding="utf-8"))
    truth["missing"] = {"url": None, "articleBody": "text"}
    (tiny_folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert [page.id for page in load_pages(tiny_folder)] == ["page1"]


@pytest.mark.data
def test_segmenter_body_f1_on_rendered_benchmark_pages(benchmark_folder: Path) -> None:
    pages = load_pages(benchmark_folder)
    row = score_system("segmenter", pages, extract_with_segmenter)
    assert row.pages == len(pages) > 0
    assert row.f1 >= 0.90, f"P {row.precision:.3f} R {row.recall:.3f} F1 {row.f1:.3f}"
