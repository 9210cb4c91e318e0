"""Hedges and denials: the one reader of modality. In a claim's wording ("may have been",
"reportedly", "had nothing to do with") and over a count, read off the parse ("feared dead",
"could have killed 40"). The words are the lexicons modal_verbs, hedge_adverbs,
hedge_participles and denial_words; the constructions around them are here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Token

from claimledger.extract import lexicons
from claimledger.model import CueClass

__all__ = ["count_hedge", "find_hedge", "is_denial"]

_MODAL_REACH = lexicons.table("modal_verbs")  # modal -> any, perfect or count
_ADVERBS = lexicons.table("hedge_adverbs")  # adverb -> its reach over a count
_PARTICIPLES = lexicons.table("hedge_participles")  # participle -> raising, head or both


def _either(entries: Iterable[str]) -> str:
    """A regular expression matching any of the entries, a space in one matching any spaces."""
    return "|".join(r"\s+".join(map(re.escape, entry.split())) for entry in entries)


# In a claim's text, "would" and "must" alone are too often reported speech or obligation.
_TEXT_MODALS = _either(w for w, reach in _MODAL_REACH.items() if reach == "any")
_PERFECT_MODALS = _either(w for w, reach in _MODAL_REACH.items() if reach in ("any", "perfect"))
_RAISING = _either(w for w, where in _PARTICIPLES.items() if where in ("raising", "both"))

# Ordered: longer, more specific expressions first, so the reported hedge is the telling one.
_HEDGES = (
    r"it(?:\s+is|['’]s|\s+was|\s+remains)\s+(?:still\s+)?(?:unclear|not\s+clear|uncertain|unknown)",
    rf"(?:{_PERFECT_MODALS})\s+(?:not\s+)?have\s+been",
    rf"(?:{_TEXT_MODALS})\s+(?:not\s+)?(?:have\s+)?\w+",
    *(_either([adverb]) for adverb in _ADVERBS),
    rf"(?:is|are|was|were)\s+(?:{_RAISING})\s+to",
    r"appears?\s+to",
    r"seems?\s+to",
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(_HEDGES) + r")\b", re.IGNORECASE)

_DENIALS = (
    r"(?:had|has|have)\s+nothing\s+to\s+do\s+with",
    r"(?:was|were|is|are)\s+not\s+(?:involved|responsible|behind)",
    r"(?:did|does|do)\s+not\s+(?:carry\s+out|take\s+part|participate|order|know)",
    r"(?:didn['’]t|doesn['’]t|don['’]t)\s+(?:carry\s+out|take\s+part|participate|order|know)",
    r"no\s+(?:involvement|role|part|knowledge)\s+in",
    rf"(?:{_either(word for (word,) in lexicons.rows('denial_words'))})",
)
_DENIAL = re.compile(r"\b(?:" + "|".join(_DENIALS) + r")\b", re.IGNORECASE)
_DENIAL_CUES: frozenset[CueClass] = frozenset({"deny"})

# Over a count, every modal hedges; adverbs as dependents of the count or its measure, those of
# sentence reach anywhere in its sentence ("Reportedly, 40 people died").
_COUNT_MODALS = frozenset(_MODAL_REACH)
_COUNT_ADVERBS = frozenset(_ADVERBS)
_SENTENCE_ADVERBS = frozenset(adverb for adverb, reach in _ADVERBS.items() if reach == "sentence")

_HEAD_PARTICIPLES = frozenset(w for w, where in _PARTICIPLES.items() if where in ("head", "both"))

Dependents = Callable[[Token, tuple[str, ...]], Sequence[Token]]


def find_hedge(text: str) -> str | None:
    """The first hedging expression in a text, as written ("may have been"), or None."""
    match = _HEDGE.search(text)
    return match.group(0) if match else None


def is_denial(cue_class: CueClass | None, content: str) -> bool:
    """A claim that something did not happen or that the source had no part in it."""
    return cue_class in _DENIAL_CUES or _DENIAL.search(content) is not None


def count_hedge(
    tokens: Sequence[Token], dependents: Dependents, sentence: Iterable[Token]
) -> str | None:
    """The hedge over a count, read off the parse: a modal ("may have", "could") or a hedging
    adverb among the dependents of `tokens` (the measure word, then the count), or a hedging
    participle they hang on ("feared dead"), checked token by token; else a hedge of sentence
    reach in `sentence` ("reportedly"). `dependents(token, deps)` gives a token's dependents
    with those labels (the caller bounds how far it looks)."""
    for token in tokens:
        for child in dependents(token, ("aux", "advmod", "amod")):
            word = child.lower_
            if word in _COUNT_MODALS:
                doc = token.doc
                following = doc[child.i + 1] if child.i + 1 < len(doc) else None
                has_have = following is not None and following.lower_ == "have"
                return f"{word} have" if has_have else word
            if word in _COUNT_ADVERBS:
                return word
        if token.head.lower_ in _HEAD_PARTICIPLES:
            return token.head.lower_
    for token in sentence:
        if token.lower_ in _SENTENCE_ADVERBS:
            return token.lower_
    return None
