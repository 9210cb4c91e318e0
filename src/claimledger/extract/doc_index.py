"""What the extractors read of a Doc many times, computed once per Doc and kept in its user
data: its text, each token's dependents, its entities."""

from __future__ import annotations

from spacy.attrs import HEAD, LOWER
from spacy.tokens import Doc, Span

TEXT_KEY = "claimledger.text"


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
        children = [[] for _ in range(len(doc))]
        for i, offset in enumerate(doc.to_array([HEAD]).astype("int64").tolist()):
            if offset:
                children[i + offset].append(i)
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
