"""What counts are counts of: the words naming each measure (killed, injured, displaced...),
the nouns naming people, and the words around a figure that matter to it (lists in
extract/lexicons).

Word forms, not lemmas, for the measure words: the form decides the measure ("lives", not
"life"; "affected", not "affect"), and a text-only reader (eval/figures.py) matches them too.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons
from claimledger.model import Measure
from claimledger.taxonomy import MEASURE_ORDER

__all__ = [
    "GROUP_NOUNS",
    "MEASURE_WORDS",
    "STATING_VERBS",
    "SUBJECT_SUFFERS",
    "TOLL_NOUNS",
    "WEAK_MEASURES",
    "is_people",
    "is_reporting_verb",
    "is_stating_verb",
    "is_toll_noun",
    "measure_of_token",
    "measure_of_word",
]


def _read_measure_words() -> tuple[dict[str, Measure], dict[str, str]]:
    """word -> measure, and word -> how it counts (weak, group, sufferer) where the file says."""
    measures: dict[str, Measure] = {}
    kinds: dict[str, str] = {}
    for word, measure, *kind in lexicons.rows("measure_words"):
        measures[word] = lexicons.one_of(measure, MEASURE_ORDER, "measure_words")
        if kind:
            kinds[word] = kind[0]
    return measures, kinds


_MEASURE_BY_WORD, _KIND_OF_WORD = _read_measure_words()
MEASURE_WORDS: dict[Measure, frozenset[str]] = {
    measure: frozenset(w for w, m in _MEASURE_BY_WORD.items() if m == measure)
    for measure in dict.fromkeys(_MEASURE_BY_WORD.values())
}
# Nouns naming people by what happened to them ("refugees"); a verb about them says more.
GROUP_NOUNS = frozenset(w for w, kind in _KIND_OF_WORD.items() if kind == "group")
# Verbs whose subject is who it happened to, even with an object: "fled their homes".
SUBJECT_SUFFERS = frozenset(w for w, kind in _KIND_OF_WORD.items() if kind == "sufferer")
# Measures that also describe things ("missing emails", "jobs disappeared", "crisis hurt"):
# they count only people, or a count with no noun at all.
WEAK_MEASURES = frozenset(w for w, kind in _KIND_OF_WORD.items() if kind == "weak")
# Verbs that state a figure: their subject is the figure's own source (lemmas).
STATING_VERBS = lexicons.words("stating_verbs")
# Nouns naming a count of something else: the measure is in their modifiers or the sentence
# (lemmas).
TOLL_NOUNS = lexicons.words("toll_nouns")
_LIVES_LOST_HEADS = lexicons.words("lives_lost_verbs")
# Verbs whose passive subject is what is reported ("50 are reported to have been killed").
_REPORTING_VERBS = lexicons.words("reporting_verbs")
_PEOPLE_NOUNS = lexicons.words("people_nouns")
_ANIMAL_NOUNS = lexicons.words("animal_nouns")
_NOT_AFTER_DEATH = lexicons.words("not_after_death")


def measure_of_word(word: str) -> Measure | None:
    """The measure a word names ("wounded" -> injured), or None."""
    return _MEASURE_BY_WORD.get(word.lower())


def measure_of_token(token: Token) -> Measure | None:
    """The measure a token names in its context: not "saved 40 lives", "death row"."""
    word = token.lower_
    doc = token.doc
    if word == "lives" and lexicons.lemma(token.head) not in _LIVES_LOST_HEADS:
        return None  # "saved 40 lives", "the lives of millions on the line"
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if word == "drowned" and following is not None and following.lower_ == "out":
        return None  # "drowned out"
    if word == "death" and following is not None and following.lower_ in _NOT_AFTER_DEATH:
        return None  # "death row", "death penalty"
    if word == "buried" and not any(child.dep_ == "dobj" for child in token.children):
        return None  # "we buried 10 people", not "30 were buried under the rubble"
    return _MEASURE_BY_WORD.get(word)


def is_people(noun: Token) -> bool:
    """A noun that counts people: a known word, a nationality or group, or an -ers/-ians noun."""
    word = noun.lower_
    return (
        word in _PEOPLE_NOUNS
        or noun.ent_type_ in ("NORP", "PERSON")
        or word.endswith(("ers", "ors", "ians", "ists", "ans", "ees", "ites", "men", "folk"))
    )


def is_animal(noun: Token) -> bool:
    """A noun that counts animals: "108,780 deer had been killed" is no casualty figure."""
    if noun.pos_ == "PROPN":
        return False  # "Bear", "Fox" as names
    return lexicons.lemma(noun) in _ANIMAL_NOUNS or noun.lower_ in _ANIMAL_NOUNS


def is_toll_noun(token: Token) -> bool:
    """A noun naming a count of something else: "toll", "the numbers", "the tally"."""
    return lexicons.lemma(token) in TOLL_NOUNS


def is_stating_verb(token: Token) -> bool:
    """A verb that states a figure: "put" (the toll at 100), "reported", "estimates"."""
    return lexicons.lemma(token) in STATING_VERBS


def is_reporting_verb(token: Token) -> bool:
    """A verb whose passive subject is what is reported: "are reported (to have been killed)"."""
    return lexicons.lemma(token) in _REPORTING_VERBS
