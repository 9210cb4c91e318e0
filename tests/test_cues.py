"""The cue lexicon: inflections and classes of cues as written in news text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger.extract.cues import classify_cue, cue_word_class, inflections
from claimledger.model import CueClass


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("said", "say"),
        ("says", "say"),
        ("told", "say"),
        ("has said", "say"),
        ("said in a statement", "say"),
        ("tweeted", "say"),
        ("reports", "report"),
        ("according to", "report"),
        ("revealed", "report"),
        ("claimed", "claim"),
        ("alleges", "claim"),
        ("insisted", "claim"),
        ("warned", "warn"),
        ("cautioned", "warn"),
        ("admitted", "admit"),
        ("conceded", "admit"),
        ("acknowledged", "acknowledge"),
        ("has acknowledged", "acknowledge"),
        ("denied", "deny"),
        ("denies", "deny"),
        ("rejected", "deny"),
        ("confirmed", "confirm"),
        ("estimates", "estimate"),
        ("put", "estimate"),
        ("adds", "add"),
        ("added", "add"),
        ("accused", "accuse"),
        ("criticized", "accuse"),
        ("believes", "believe"),
        ("thinks", "believe"),
        ("wants", "believe"),
        ("figures", "believe"),
        ("don't like", "believe"),
        ("mocked", "say"),
        ("denied saying", "deny"),
        (":", "other"),
        ("blueprint", "other"),
    ],
)
def test_cue_class_of_real_world_cues(cue: str, expected: CueClass) -> None:
    assert classify_cue(cue) == expected


@pytest.mark.parametrize(
    ("base", "form"),
    [
        ("warn", "warned"),
        ("deny", "denied"),
        ("deny", "denies"),
        ("argue", "arguing"),
        ("admit", "admitted"),
        ("stress", "stresses"),
        ("say", "saying"),
        ("play", "played"),
    ],
)
def test_inflections_cover_regular_forms(base: str, form: str) -> None:
    assert form in inflections(base)


def test_irregular_past_forms_are_listed() -> None:
    assert cue_word_class("wrote") == "say"
    assert cue_word_class("thought") == "believe"
    assert cue_word_class("Told") == "say"


def test_ordinary_words_are_not_cues() -> None:
    assert cue_word_class("battle") is None
    assert cue_word_class("") is None


@given(st.text(max_size=200))
def test_any_text_gets_a_class(text: str) -> None:
    assert classify_cue(text) in {
        "say", "report", "claim", "warn", "admit", "acknowledge", "deny", "confirm",
        "estimate", "add", "accuse", "believe", "other",
    }
