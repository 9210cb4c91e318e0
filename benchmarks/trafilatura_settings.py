"""Which trafilatura settings the HTML reader should use, measured on the article-extraction pages.

For each candidate the pages go through `read_html` (bytes decoded by `decode_bytes`) and the body
segment is scored against the ground truth with the benchmark's shingle F1. Two baselines run in
the same pass: `trafilatura.extract(page)` with its defaults (its text output appends the comments
it finds) and the body of `bare_extraction(page)` with defaults. "leak" counts body shingles that
some candidate labelled as comments and the ground truth does not hold: comment text in the body;
"headings" counts body lines that head a comments section ("Comments", "2 comments", "Leave a
Reply") and are not in the ground truth, which catches comment widgets no candidate recognised;
"dated" counts pages given a publication date (the benchmark has no true dates to score).

    .venv/bin/python benchmarks/trafilatura_settings.py [--limit N] [--data DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import trafilatura

from claimledger.eval.shingles import page_counts, score_pages, shingles
from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput
from claimledger.read.html import COMMENTS_HEADING, read_html
from claimledger.read.options import ReadOptions

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


class Page(NamedTuple):
    id: str
    url: str
    raw: bytes
    truth: str


class Extraction(NamedTuple):
    body: str
    comments: str
    dated: bool | None = None  # None where the extractor gives no metadata


CANDIDATES: dict[str, ReadOptions] = {
    "balanced": ReadOptions(html_favor_precision=False),
    "balanced, no comments": ReadOptions(html_favor_precision=False, html_include_comments=False),
    "precision": ReadOptions(html_favor_precision=True),
    "precision, no comments": ReadOptions(html_favor_precision=True, html_include_comments=False),
    "precision, title left in body": ReadOptions(html_title_out_of_body=False),
    "precision, extensive date search": ReadOptions(html_extensive_date_search=True),
    "precision, no tables": ReadOptions(html_favor_precision=True, html_include_tables=False),
    "recall": ReadOptions(html_favor_precision=False, html_favor_recall=True),
    "recall, no comments": ReadOptions(
        html_favor_precision=False, html_favor_recall=True, html_include_comments=False
    ),
}


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    folder = root / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz"))[:limit]:
        page_id = path.name.removesuffix(".html.gz")
        item = truth[page_id]
        raw = gzip.decompress(path.read_bytes())
        pages.append(Page(page_id, item["url"], raw, item["articleBody"]))
    return pages


def extract_with_reader(options: ReadOptions) -> Callable[[Page], Extraction]:
    def extract(page: Page) -> Extraction:
        try:
            text = decode_bytes(page.raw, html=True).text
            document = read_html(text, input=page.id, options=options, url=page.url)
        except UnreadableInput:
            return Extraction("", "")
        return Extraction(
            "\n".join(document.segment_text(s) for s in document.segments_of("body")),
            "\n".join(document.segment_text(s) for s in document.segments_of("comments")),
            document.published is not None,
        )

    return extract


def extract_plain_default(page: Page) -> Extraction:
    return Extraction(trafilatura.extract(page.raw, url=page.url) or "", "", None)


def extract_bare_default(page: Page) -> Extraction:
    result = trafilatura.bare_extraction(page.raw, url=page.url, with_metadata=True)
    if result is None or isinstance(result, dict):
        return Extraction("", "")
    return Extraction(result.text or "", result.comments or "", result.date is not None)


class Row(NamedTuple):
    settings: str
    precision: float
    recall: float
    f1: float
    leak_pages: int
    leaked_shingles: int
    headings: int
    dated: int | None


def comment_headings(body: str, truth: str) -> int:
    return sum(
        1
        for line in body.split("\n")
        if COMMENTS_HEADING.fullmatch(line.strip()) and line.strip() not in truth
    )


def measure(pages: Sequence[Page]) -> list[Row]:
    extractors: dict[str, Callable[[Page], Extraction]] = {
        "trafilatura.extract, defaults": extract_plain_default,
        "bare_extraction, defaults": extract_bare_default,
        **{name: extract_with_reader(options) for name, options in CANDIDATES.items()},
    }
    results = {name: [extract(page) for page in pages] for name, extract in extractors.items()}
    rows = []
    for name, extractions in results.items():
        pairs = list(zip(pages, extractions, strict=True))
        score = score_pages(page_counts(page.truth, found.body) for page, found in pairs)
        leaked_pages = leaked = headings = 0
        for index, (page, extraction) in enumerate(pairs):
            comment_shingles = shingles("")
            for other in results.values():
                comment_shingles |= shingles(other[index].comments)
            body_comments = shingles(extraction.body) & comment_shingles
            leak = sum((body_comments - shingles(page.truth)).values())
            leaked += leak
            leaked_pages += leak > 0
            headings += comment_headings(extraction.body, page.truth)
        dated = None
        if extractions[0].dated is not None:
            dated = sum(bool(found.dated) for found in extractions)
        rows.append(
            Row(
                name, score.precision, score.recall, score.f1, leaked_pages, leaked, headings, dated
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    shared = os.environ.get("CLAIMLEDGER_SHARED")
    parser.add_argument(
        "--data", type=Path, default=Path(shared) / "data" if shared else DEFAULT_DATA
    )
    args = parser.parse_args(argv)
    if not (args.data / "article-extraction").is_dir():
        print(f"no article-extraction data under {args.data}", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    print(f"{len(pages)} pages, trafilatura {trafilatura.__version__}")
    columns = "precision | recall |    F1 | leak pages | leaked | headings | dated"
    print(f"| {'settings':<32} | {columns} |")
    print(f"| {'-' * 32} | --------- | ------ | ----- | ---------- | ------ | -------- | ----- |")
    for row in measure(pages):
        print(
            f"| {row.settings:<32} | {row.precision:9.3f} | {row.recall:6.3f} | {row.f1:5.3f} "
            f"| {row.leak_pages:10d} | {row.leaked_shingles:6d} | {row.headings:8d} "
            f"| {'-' if row.dated is None else row.dated:>5} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
