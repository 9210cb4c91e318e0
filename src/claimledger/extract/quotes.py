"""Quotation marks: which tokens of a parsed text lie inside a quotation.

Pairing is done sentence by sentence, so one unbalanced mark spoils at most its own sentence
(and a quotation left open carries into the next sentence only when that one closes it).
"""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

OPENING = {"“", "«", "„", "‘‘", "``"}
CLOSING = {"”", "»", "''", "’’"}
STRAIGHT = {'"'}
DOUBLED = {"''", "’’"}
# How many sentences without quotation marks an open quotation may run through.
MAX_CARRY = 8


def _marks(texts: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """The quotation marks among tokens [start, end) (a sentence), given every token's text."""
    marks = []
    for i in range(start, end):
        text = texts[i]
        if text in OPENING:
            marks.append((i, "open"))
        elif text in CLOSING:
            marks.append((i, "close"))
        elif text in STRAIGHT or (text.startswith('"') and len(text) <= 2):
            marks.append((i, "straight"))
    return marks


def _texts(doc: Doc) -> list[str]:
    """Every token's text, read in one array (a Token object per token costs more); a doubled
    apostrophe that opens a quotation, as some archives print both marks (''It's ...''), reads
    as an opening mark."""
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
    names = {key: strings[key] for key in {key for key, _ in rows}}
    texts = [names[key] for key, _ in rows]
    for i, (key, spaced) in enumerate(rows):
        if names[key] in DOUBLED and not spaced and _opens(texts, rows, i):
            texts[i] = "``"
    return texts


def _opens(texts: list[str], rows: list[list[int]], i: int) -> bool:
    """Whether the unspaced doubled apostrophe at token i starts a word run: nothing but
    whitespace before it, and a word right after it."""
    after = texts[i + 1] if i + 1 < len(texts) else ""
    before_spaced = i == 0 or rows[i - 1][1] == 1 or texts[i - 1].isspace()
    return before_spaced and after[:1].isalnum()


def quoted_tokens(doc: Doc) -> list[bool]:
    """Per token: True when it lies inside a quotation (the marks themselves excluded)."""
    inside = [False] * len(doc)
    texts = _texts(doc)
    sents = [(sent.start, sent.end) for sent in doc.sents]
    marks_of = [_marks(texts, start, end) for start, end in sents]
    carried = False
    for k, (start, end) in enumerate(sents):
        marks = marks_of[k]
        if carried and not marks:
            # A quotation running on through a sentence with no marks: keep it open only if a
            # later sentence (close by) closes it.
            carried = _closed_later(marks_of, k)
            inside[start:end] = [carried] * (end - start)
            continue
        first_kind = marks[0][1] if marks else None
        open_now = carried and (
            first_kind == "close" or (first_kind == "straight" and len(marks) % 2 == 1)
        )
        mark_at = dict(marks)
        for i in range(start, end):
            kind = mark_at.get(i)
            if kind == "open":
                open_now = True
            elif kind == "close":
                open_now = False
            elif kind == "straight":
                open_now = not open_now
            else:
                inside[i] = open_now
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
    texts = _texts(doc)
    return [i for sent in doc.sents for i, _ in _marks(texts, sent.start, sent.end)]
