"""Cut a document's text into blocks (one per segment) and pieces (runs of text under the same
highlights), so a template can draw attributions, figures, dates and places by offsets.

Highlights may overlap without nesting (a figure inside an attribution's content, a source that
straddles a sentence), so pieces are flat: a piece lists every highlight that covers it, and no
markup is ever nested or built from the text. Offsets outside the text are dropped, not trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from claimledger.model import Analysis, Document, Segment, Span

MarkKind = Literal["source", "cue", "content", "figure", "date", "place", "trigger"]
BlockKind = Literal[
    "title", "byline", "source", "dateline", "body", "related", "comments", "chrome", "gap"
]
# Comments, related links and site chrome are shown greyed and folded: never the article's claims.
FOLDED_KINDS: frozenset[str] = frozenset({"related", "comments", "chrome"})


class Mark(NamedTuple):
    """One highlight: a stretch of text and the record it belongs to."""

    start: int
    end: int
    kind: MarkKind
    record_id: str


class Piece(NamedTuple):
    """A run of text under one set of highlights (none for plain text)."""

    start: int
    end: int
    text: str
    kinds: tuple[MarkKind, ...]
    record_ids: tuple[str, ...]


class Block(NamedTuple):
    """A segment of the document (or a gap between segments) cut into pieces."""

    kind: BlockKind
    start: int
    end: int
    folded: bool
    pieces: tuple[Piece, ...]


def date_record_id(span: Span) -> str:
    return f"date-{span.start}-{span.end}"


def place_record_id(span: Span) -> str:
    return f"place-{span.start}-{span.end}"


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Every highlight of an analysis: attribution parts, figures, dates, places, triggers."""
    marks: list[Mark] = []
    for attribution in analysis.attributions:
        parts: list[tuple[Span | None, MarkKind]] = [
            (attribution.content, "content"),
            (attribution.cue, "cue"),
            (attribution.source, "source"),
        ]
        marks += [Mark(s.start, s.end, kind, attribution.id) for s, kind in parts if s]
    marks += [Mark(f.span.start, f.span.end, "figure", f.id) for f in analysis.figures]
    marks += [Mark(d.span.start, d.span.end, "date", date_record_id(d.span))
              for d in analysis.dates]
    marks += [Mark(p.span.start, p.span.end, "place", place_record_id(p.span))
              for p in analysis.places]
    marks += [Mark(e.trigger.start, e.trigger.end, "trigger", e.id) for e in analysis.events]
    return marks


def _covering_segments(document: Document) -> list[tuple[BlockKind, int, int]]:
    """The document's segments in order, with gaps between them named "gap"; together they
    cover the whole text. Overlapping or out-of-range segments are clipped."""
    length = len(document.text)
    spans: list[tuple[BlockKind, int, int]] = []
    cursor = 0
    segments: Sequence[Segment] = sorted(document.segments, key=lambda s: (s.start, s.end))
    for segment in segments:
        start, end = max(segment.start, cursor), min(segment.end, length)
        if end <= start:
            continue
        if start > cursor:
            spans.append(("gap", cursor, start))
        spans.append((segment.kind, start, end))
        cursor = end
    if cursor < length:
        spans.append(("gap", cursor, length))
    return spans


def cut_pieces(text: str, start: int, end: int, marks: Iterable[Mark]) -> tuple[Piece, ...]:
    """The text between start and end cut at every highlight boundary."""
    inside = [
        Mark(max(m.start, start), min(m.end, end), m.kind, m.record_id)
        for m in marks
        if m.start < end and m.end > start and m.start < m.end
    ]
    bounds = sorted({start, end, *(m.start for m in inside), *(m.end for m in inside)})
    pieces: list[Piece] = []
    for left, right in pairwise(bounds):
        over = [m for m in inside if m.start <= left and m.end >= right]
        kinds = tuple(sorted({m.kind for m in over}))
        record_ids = tuple(dict.fromkeys(m.record_id for m in over))
        pieces.append(Piece(left, right, text[left:right], kinds, record_ids))
    return tuple(pieces)


def document_blocks(document: Document, marks: Sequence[Mark]) -> list[Block]:
    """The whole document text as blocks of pieces; folded blocks carry no highlights."""
    length = len(document.text)
    valid = [m for m in marks if 0 <= m.start < m.end <= length]
    blocks: list[Block] = []
    for kind, start, end in _covering_segments(document):
        folded = kind in FOLDED_KINDS
        pieces = cut_pieces(document.text, start, end, () if folded else valid)
        blocks.append(Block(kind, start, end, folded, pieces))
    return blocks
