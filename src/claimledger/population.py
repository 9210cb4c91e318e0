"""Comparing the populations figures count ("Russians", "mercenaries, mostly Russians", none).

A population is reduced to the set of words that restrict it; the empty set is the whole count.
More words is a narrower population: {"russian", "mercenary"} is a part of {"mercenary"}.
"""

from __future__ import annotations

import re
from typing import Literal

from claimledger.extract import lexicons

PopulationKey = frozenset[str]
Relation = Literal["same", "part", "whole", "unrelated"]

# Words after which a population phrase describes its make-up, not a restriction:
# "mercenaries, mostly Russians" counts mercenaries.
COMPOSITION_WORDS = lexicons.words("composition_words")
# Words that name the whole count of a measure rather than a part of it.
GENERIC_WORDS = lexicons.words("generic_population_words") | lexicons.words("toll_nouns")
STOP_WORDS = lexicons.words("population_stop_words")
SYNONYMS = lexicons.table("population_synonyms")
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def singular(word: str) -> str:
    """A crude singular for English plural nouns and demonyms: enough to match 'Russians'."""
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word.endswith("men") and len(word) > 4:
        word = word[:-3] + "man"
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    return SYNONYMS.get(word, word)


def population_key(population: str | None) -> PopulationKey:
    """The restricting words of a population phrase; empty for none or a generic one."""
    if not population:
        return frozenset()
    words: list[str] = []
    # "U.S." must stay one word, not "u" and "s".
    for raw in WORD.findall(population.lower().replace(".", "")):
        if raw in COMPOSITION_WORDS:
            break
        word = singular(raw)
        if word in STOP_WORDS or word in GENERIC_WORDS or raw in GENERIC_WORDS:
            continue
        words.append(word)
    return frozenset(words)


def relate(a: PopulationKey, b: PopulationKey) -> Relation:
    """How population `a` stands to `b`: the same, a part of it, the whole of it, or unrelated."""
    if a == b:
        return "same"
    if b < a:
        return "part"
    if a < b:
        return "whole"
    return "unrelated"
