"""Scoring body extraction on a folder in the article-extraction benchmark's format.

Three systems in one run, on the same pages: the HTML reader, the text-scrape segmenter on each
page rendered to all of its visible text, and plain trafilatura with default settings (baseline).
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from claimledger.eval.render import render_visible_text
from claimledger.eval.shingles import PageCounts, page_counts, score_pages
from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput
from claimledger.read.options import ReadOptions
from claimledger.read.text import read_text_scrape

GROUND_TRUTH = "ground-truth.json"


class ExtractionRow(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    precision: float
    recall: float
    f1: float
    pages: int
    seconds: float
    pages_per_second: float


class ExtractionReport(msgspec.Struct, frozen=True, kw_only=True):
    data_dir: str
    rows: tuple[ExtractionRow, ...]


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """One benchmark page: its HTML, that HTML rendered to visible text, and the true body."""

    id: str
    url: str | None
    html: str
    text: str
    body: str


def load_pages(data_dir: Path, *, limit: int | None = None) -> list[Page]:
    """Pages with a ground-truth body and an `html/<id>.html.gz` file, in id order."""
    truth = json.loads((data_dir / GROUND_TRUTH).read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html = decode_bytes(gzip.decompress(path.read_bytes()), html=True).text
        item = truth[page_id]
        pages.append(
            Page(
                id=page_id,
                url=item.get("url"),
                html=html,
                text=render_visible_text(html),
                body=item.get("articleBody") or "",
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def extract_with_reader(page: Page) -> str:
    # Imported here: the HTML reader pulls in trafilatura's settings only when it is scored.
    from claimledger.read.html import read_html

    try:
        document = read_html(page.html, input=page.id, options=ReadOptions(), url=page.url)
    except UnreadableInput:
        return ""
    return "\n\n".join(document.segment_text(s) for s in document.segments_of("body"))


def extract_with_trafilatura(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html) or ""


def extract_with_segmenter(page: Page) -> str:
    document = read_text_scrape(page.text, input=page.id, options=ReadOptions(), url=page.url)
    return "\n\n".join(document.segment_text(s) for s in document.segments_of("body"))


def score_system(name: str, pages: list[Page], extract: Callable[[Page], str]) -> ExtractionRow:
    """Shingle P/R/F1 of one system's bodies over the pages, and the time it took."""
    counts: list[PageCounts] = []
    seconds = 0.0
    for page in pages:
        started = time.perf_counter()
        predicted = extract(page)
        seconds += time.perf_counter() - started
        counts.append(page_counts(page.body, predicted))
    score = score_pages(counts)
    return ExtractionRow(
        name=name,
        precision=score.precision,
        recall=score.recall,
        f1=score.f1,
        pages=score.pages,
        seconds=seconds,
        pages_per_second=len(pages) / seconds if seconds > 0 else 0.0,
    )


SYSTEMS: tuple[tuple[str, Callable[[Page], str]], ...] = (
    ("claimledger HTML reader", extract_with_reader),
    ("claimledger text-scrape segmenter (rendered text)", extract_with_segmenter),
    ("trafilatura.extract (defaults)", extract_with_trafilatura),
)


def evaluate_extraction(data_dir: Path, *, limit: int | None = None) -> ExtractionReport:
    """P/R/F1 (word 4-gram shingles) and speed of each system on the folder's pages.

    The segmenter is timed on text rendered beforehand: rendering is how the benchmark builds a
    scrape from a page, not part of reading one.
    """
    pages = load_pages(data_dir, limit=limit)
    rows = tuple(score_system(name, pages, extract) for name, extract in SYSTEMS)
    return ExtractionReport(data_dir=str(data_dir), rows=rows)


def format_extraction_report(report: ExtractionReport) -> str:
    """The report as a markdown table, one row per system."""
    lines = [
        "| system | precision | recall | F1 | pages | seconds | pages/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report.rows:
        lines.append(
            f"| {row.name} | {row.precision:.3f} | {row.recall:.3f} | {row.f1:.3f} "
            f"| {row.pages} | {row.seconds:.2f} | {row.pages_per_second:.1f} |"
        )
    return "\n".join(lines)
