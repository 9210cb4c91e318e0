"""Growing a cue head into the whole cue (`_grow`), on real spaCy parses."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.extract.attribution import _grow, find_attributions
from claimledger.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _token(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def _texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def test_cue_words_next_to_the_head_are_kept(nlp: Language) -> None:
    doc = nlp("Officials have said the plan will fail.")
    head = _token(doc, "said")
    assert _texts(_grow(head, {_token(doc, "have").i})) == ["have", "said"]


def test_a_cue_word_away_from_the_head_is_not_kept(nlp: Language) -> None:
    doc = nlp("Officials have repeatedly said the plan will fail.")
    head = _token(doc, "said")
    assert _texts(_grow(head, {_token(doc, "have").i})) == ["said"]


def test_a_line_break_between_cue_words_does_not_split_the_cue(nlp: Language) -> None:
    doc = nlp("The minister has\n\nacknowledged that the figures were wrong.")
    assert doc[3].is_space  # the parse keeps the line break as a token of its own
    head = _token(doc, "acknowledged")
    assert _texts(_grow(head, {_token(doc, "has").i})) == ["has", "\n\n", "acknowledged"]


def test_whitespace_alone_does_not_grow_the_cue(nlp: Language) -> None:
    doc = nlp("The minister has\n\nacknowledged that the figures were wrong.")
    assert _texts(_grow(_token(doc, "acknowledged"), set())) == ["acknowledged"]


def test_in_part_after_the_head_joins_the_cue(nlp: Language) -> None:
    doc = nlp("“We will not back down,” the senator said in part.")
    assert _texts(_grow(_token(doc, "said"), set())) == ["said", "in", "part"]


def test_other_prepositional_phrases_do_not_join_the_cue(nlp: Language) -> None:
    doc = nlp("She said in Paris that the talks had failed.")
    assert _texts(_grow(_token(doc, "said"), set())) == ["said"]


def test_in_part_away_from_the_head_does_not_join_the_cue(nlp: Language) -> None:
    doc = nlp("He blamed the loss in part on the weather.")
    assert _texts(_grow(_token(doc, "blamed"), set())) == ["blamed"]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Officials have said the plan will fail.", "have said"),
        ("According to Reuters, the talks collapsed on Monday.", "According to"),
        ("The minister has\n\nacknowledged that the figures were wrong.", "has\n\nacknowledged"),
        ("“We will not back down,” the senator said in part.", "said in part"),
    ],
)
def test_whole_cue_in_extracted_attributions(nlp: Language, sentence: str, cue: str) -> None:
    found = find_attributions(nlp(sentence), include_unattributed=False)
    assert [a.cue.text for a in found if a.cue] == [cue]
