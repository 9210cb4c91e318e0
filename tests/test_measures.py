"""The measure lexicon: which words name which measure, in context, and which nouns are people."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimledger.extract.measures import is_people, measure_of_token, measure_of_word

BLANK = spacy.blank("en")  # built once: each build takes about 0.1 s


@pytest.mark.parametrize(
    ("word", "measure"),
    [
        ("killed", "killed"),
        ("Deaths", "killed"),
        ("wounded", "injured"),
        ("hurt", "injured"),
        ("fled", "displaced"),
        ("abducted", "kidnapped"),
        ("detained", "detained"),
        ("arrested", "arrested"),
        ("evacuated", "evacuated"),
        ("missing", "missing"),
        ("casualties", "other"),
        ("sons", None),
    ],
)
def test_measure_words(word: str, measure: str | None) -> None:
    assert measure_of_word(word) == measure


def _doc(
    words: list[str], heads: list[int], deps: list[str], lemmas: list[str] | None = None
) -> Doc:
    """A Doc as the parser gives it (the lemmas where a test needs them)."""
    return Doc(BLANK.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_death_row_is_not_a_death() -> None:
    doc = _doc(
        ["the", "death", "row", "inmate"], [3, 2, 3, 3], ["det", "compound", "compound", "ROOT"]
    )
    assert measure_of_token(doc[1]) is None


def test_lives_count_the_dead_only_when_lost_or_taken() -> None:
    deps = ["ROOT", "nummod", "dobj"]
    claimed = _doc(["claimed", "40", "lives"], [0, 2, 0], deps, ["claim", "40", "life"])
    took = _doc(["took", "40", "lives"], [0, 2, 0], deps, ["take", "40", "life"])
    saved = _doc(["saved", "40", "lives"], [0, 2, 0], deps, ["save", "40", "life"])
    assert measure_of_token(claimed[2]) == measure_of_token(took[2]) == "killed"
    assert measure_of_token(saved[2]) is None


def test_drowned_out_is_not_drowned() -> None:
    doc = _doc(
        ["campaign", "drowned", "out", "rivals"], [1, 1, 1, 1], ["nsubj", "ROOT", "prt", "dobj"]
    )
    assert measure_of_token(doc[1]) is None
    assert measure_of_token(_doc(["migrants", "drowned"], [1, 1], ["nsubj", "ROOT"])[1]) == "killed"


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("civilians", True),
        ("soldiers", True),
        ("villagers", True),
        ("Syrians", True),
        ("separatists", True),
        ("policemen", True),
        ("emails", False),
        ("jobs", False),
        ("blocks", False),
        ("states", False),
    ],
)
def test_people_nouns(noun: str, expected: bool) -> None:
    doc = BLANK(noun)
    assert is_people(doc[0]) is expected
