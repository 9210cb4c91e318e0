"""Quotation marks: which tokens of a parsed text lie inside a quotation.

Pairing is done sentence by sentence, so one unbalanced mark spoils at most its own sentence
(and a quotation left open carries into the next sentence only when that one closes it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

OPENING = {"“", "«", "„", "‘‘", "``"}
CLOSING = {"”", "»", "''", "’’"}
STRAIGHT = {'"'}
# How many sentences without quotation marks an open quotation may run through.
MAX_CARRY = 8


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
    sents = list(doc.sents)
    marks_of = [_marks(sent) for sent in sents]
    carried = False
    for k, sent in enumerate(sents):
        marks = marks_of[k]
        if carried and not marks:
            # A quotation running on through a sentence with no marks: keep it open only if a
            # later sentence (close by) closes it.
            carried = _closed_later(marks_of, k)
            for token in sent:
                inside[token.i] = carried
            continue
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


def _closed_later(marks_of: list[list[tuple[int, str]]], k: int) -> bool:
    """Whether the first sentence after k (within MAX_CARRY) that has marks starts by closing."""
    for marks in marks_of[k + 1 : k + 1 + MAX_CARRY]:
        if marks:
            first_kind = marks[0][1]
            return first_kind == "close" or (first_kind == "straight" and len(marks) % 2 == 1)
    return False


def quote_mark_indices(doc: Doc) -> list[int]:
    """Token indices of every quotation mark, opening, closing or straight."""
    return [i for sent in doc.sents for i, _ in _marks(sent)]
