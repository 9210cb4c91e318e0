"""Body-extraction scoring by word 4-gram shingles, as the article-extraction benchmark defines it.

Per page, true and predicted bodies become multisets of 4-token shingles; matched counts give
tp/fp/fn, normalised so that every page weighs the same. Precision and recall are then averaged
over pages (pages with nothing to score on that side are left out) and F1 is their harmonic mean.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable

import msgspec

WORD = re.compile(r"\w+")
SHINGLE_SIZE = 4


class PageCounts(msgspec.Struct, frozen=True):
    """Normalised shingle counts for one page (tp + fp + fn == 1 unless all are 0)."""

    tp: float
    fp: float
    fn: float


class ShingleScore(msgspec.Struct, frozen=True):
    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Counts of the word n-grams of `text`; a text shorter than `size` words is one shingle."""
    words = WORD.findall(text or "")
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def page_counts(true: str, predicted: str) -> PageCounts:
    gold, pred = shingles(true), shingles(predicted)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def _precision(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0


def _recall(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0


def score_pages(counts: Iterable[PageCounts]) -> ShingleScore:
    """Macro-averaged precision and recall over pages, and their harmonic mean."""
    counts = list(counts)
    precisions = [_precision(c) for c in counts if c.tp + c.fp > 0]
    recalls = [_recall(c) for c in counts if c.tp + c.fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return ShingleScore(precision=p, recall=r, f1=f1, pages=len(counts))
