"""Quotation marks: which tokens of a parsed text lie inside a quotation.

Pairing is done sentence by sentence, so one unbalanced mark spoils at most its own sentence
(and a quotation left open carries into the next sentence only when that one closes it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

OPENING = {"“", "«", "„", "‘‘", "``"}
CLOSING = {"”", "»", "''", "’’"}
STRAIGHT = {'"'}


def _marks(sent: Span) -> list[tuple[int, str]]:
    marks = []
    for token in sent:
        text = token.text
        if text in OPENING:
            marks.append((token.i, "open"))
        elif text in CLOSING:
            marks.append((token.i, "close"))
        elif text in STRAIGHT or (text.startswith('"') and len(text) <= 2):
            marks.append((token.i, "straight"))
    return marks


def quoted_tokens(doc: Doc) -> list[bool]:
    """Per token: True when it lies inside a quotation (the marks themselves excluded)."""
    inside = [False] * len(doc)
    carried = False
    for sent in doc.sents:
        marks = _marks(sent)
        first_kind = marks[0][1] if marks else None
        open_now = carried and (
            first_kind == "close" or (first_kind == "straight" and len(marks) % 2 == 1)
        )
        mark_at = dict(marks)
        for token in sent:
            kind = mark_at.get(token.i)
            if kind == "open":
                open_now = True
            elif kind == "close":
                open_now = False
            elif kind == "straight":
                open_now = not open_now
            else:
                inside[token.i] = open_now
        carried = open_now
    return inside


def quote_mark_indices(doc: Doc) -> list[int]:
    """Token indices of every quotation mark, opening, closing or straight."""
    return [i for sent in doc.sents for i, _ in _marks(sent)]
