"""What the extractors read of a Doc many times, computed once per Doc and kept in its user
data: its text, each token's dependents, its entities."""

from __future__ import annotations

import numpy as np
from spacy.attrs import HEAD, LOWER
from spacy.tokens import Doc, Span

TEXT_KEY = "claimledger.text"


def keep_text(doc: Doc, text: str) -> Doc:
    """Keep `text`, the text `doc` was made from, as its text (spaCy's tokenizer loses no
    character of it, so it is `Doc.text`); the Doc itself."""
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: `Doc.text` joins every token anew on each access, and each
    extractor needs it (a measurable share of the pipeline's time on long pages)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


CHILDREN_KEY = "claimledger.children"


def doc_children(doc: Doc) -> list[list[int]]:
    """Each token's dependents (token indices, in text order), from one pass over the heads:
    `Token.children` walks the token's whole subtree edges on each call."""
    children = doc.user_data.get(CHILDREN_KEY)
    if not isinstance(children, list):
        # the dependents sorted by their head (stably: each head's in text order), then cut
        # into one list per head
        offsets = doc.to_array([HEAD]).astype("int64")
        dependents = np.flatnonzero(offsets)
        heads = dependents + offsets[dependents]
        flat = dependents[np.argsort(heads, kind="stable")].tolist()
        ends = np.cumsum(np.bincount(heads, minlength=len(doc))).tolist()
        children = [flat[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        doc.user_data[CHILDREN_KEY] = children
    return children


ENTS_KEY = "claimledger.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entity spans, listed once: `Doc.ents` builds a new list of spans on each access,
    and the extractors read it for every source they resolve and every segment they search."""
    ents = doc.user_data.get(ENTS_KEY)
    if not isinstance(ents, tuple):
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return ents


LOWERS_KEY = "claimledger.lowers"


def doc_lowers(doc: Doc) -> list[str]:
    """Each token's lower-case form, read in one array: a scan of every token for a few words
    otherwise makes a Token object per token."""
    lowers = doc.user_data.get(LOWERS_KEY)
    if not isinstance(lowers, list):
        keys = doc.to_array([LOWER]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        names = {key: strings[key] for key in set(keys)}
        lowers = doc.user_data[LOWERS_KEY] = [names[key] for key in keys]
    return lowers
