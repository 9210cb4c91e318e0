"""The cue chain (a linear-chain CRF over each sentence): its labels, its training and the shipped
model, on real spaCy parses of sentences written here."""

from __future__ import annotations

import sys
from importlib import resources

import pytest
from spacy.tokens import Doc

from claimledger.eval.polnear import GoldAttribution, GoldDocument
from claimledger.eval.train_attribution_crf import cue_labels, fit_chain, training_sequences
from claimledger.extract import attribution
from claimledger.extract.attribution import find_attributions, tag_cues
from claimledger.extract.attribution_crf import CRF_FILE, CueChain, load_chain
from claimledger.extract.attribution_features import token_table
from claimledger.extract.quotes import quoted_tokens
from claimledger.model import Attribution
from conftest import shared_path
from parsing import parse, within

pytestmark = pytest.mark.model


@pytest.fixture
def chain_cues(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cues by the chain, as with CLAIMLEDGER_CUES=chain."""
    monkeypatch.setattr(attribution, "USE_CHAIN", True)


def _fragment(text: str, words: str, after: int = 0) -> tuple[tuple[int, int], ...]:
    start = text.index(words, after)
    return ((start, start + len(words)),)


def _gold(text: str, cue: str, source: str, content: str) -> GoldAttribution:
    return GoldAttribution(
        source=_fragment(text, source),
        cue=_fragment(text, cue),
        content=_fragment(text, content),
    )


def _cue_texts(doc: Doc, chain: CueChain) -> list[str]:
    found = chain.tag(token_table(doc), quoted_tokens(doc))
    return [doc[start : end + 1].text for start, end, _ in found.spans]


TEXT = "According to the police, the bridge was closed. The mayor has denied the report."


def test_a_cue_of_several_words_is_one_begin_and_then_inside() -> None:
    doc = parse(TEXT)
    gold = GoldDocument(
        "a", "x", TEXT,
        (
            _gold(TEXT, "According to", "the police", "the bridge was closed"),
            _gold(TEXT, "has denied", "The mayor", "the report"),
        ),
    )
    labels = {t.text: label for t, label in zip(doc, cue_labels(doc, gold), strict=True)}
    assert (labels["According"], labels["to"]) == ("B", "I")
    assert (labels["has"], labels["denied"]) == ("B", "I")
    assert labels["police"] == labels["bridge"] == labels["mayor"] == "O"


def test_a_chain_trained_on_a_few_sentences_finds_their_cues() -> None:
    told = [
        ("The governor said the budget was balanced.", "The governor", "said"),
        ("Critics argued that the plan would fail.", "Critics", "argued"),
        ("The company announced it would close the plant.", "The company", "announced"),
    ]
    golds = []
    docs = {}
    for k, (text, source, cue) in enumerate(told):
        content = text[text.index(cue) + len(cue) + 1 : -1]
        golds.append(GoldDocument(str(k), "x", text, (_gold(text, cue, source, content),)))
        docs[str(k)] = parse(text)
    untold = "The river flooded the town last spring."
    golds.append(GoldDocument("3", "x", untold, ()))
    docs["3"] = parse(untold)
    chain = CueChain(fit_chain(training_sequences(golds, docs), c1=0.0, iterations=50))
    assert _cue_texts(docs["0"], chain) == ["said"]
    assert _cue_texts(docs["1"], chain) == ["argued"]
    assert _cue_texts(docs["3"], chain) == []


def test_the_shipped_chain_finds_cues_of_one_word_and_of_several() -> None:
    chain = load_chain()
    said = parse("The mayor said on Tuesday that the bridge would reopen in May.")
    assert _cue_texts(said, chain) == ["said"]
    according = parse("According to the police, the bridge was closed after the storm.")
    assert _cue_texts(according, chain) == ["According to"]
    nothing = parse("The bridge was closed after the storm and reopened in May.")
    assert _cue_texts(nothing, chain) == []


def test_every_token_has_a_probability_of_lying_in_a_cue() -> None:
    doc = parse("The mayor said on Tuesday that the bridge would reopen in May.")
    found = load_chain().tag(token_table(doc), quoted_tokens(doc))
    assert len(found.in_cue) == len(doc)
    assert all(0.0 <= p <= 1.0 for p in found.in_cue)
    said = next(t.i for t in doc if t.text == "said")
    assert found.in_cue[said] > 0.9 > max(found.in_cue[:said])
    assert [p for _, _, p in found.spans] == [pytest.approx(found.in_cue[said])]


@pytest.mark.usefixtures("chain_cues")
def test_the_cues_of_a_sentence_are_heads_with_the_words_around_them() -> None:
    doc = parse("According to the police, the bridge was closed after the storm.")
    cues = tag_cues(doc, quoted_tokens(doc))
    assert [t.text for t in cues.heads] == ["According"]
    assert [doc[i].text for i in cues.words[cues.heads[0].i]] == ["According", "to"]
    found = find_attributions(doc, include_unattributed=False)
    assert [(a.cue.text if a.cue else None) for a in found] == ["According to"]
    assert found[0].source is not None and found[0].source.text == "the police"
    assert found[0].confidence is not None


def test_the_word_model_alone_is_the_default() -> None:
    doc = parse("According to the police, the bridge was closed after the storm.")
    assert not attribution.USE_CHAIN
    assert tag_cues(doc, quoted_tokens(doc)).words == {}


@pytest.mark.usefixtures("chain_cues")
def test_a_relaying_cue_left_wordless_relays_the_inner_claim() -> None:
    text = "And, according to Bloomberg, she was alluding to the battle in Syria last week."
    found = find_attributions(within(parse(text), voice="Outlet"), include_unattributed=False)
    according = next(a for a in found if a.cue and a.cue.text == "according to")
    assert according.source is not None and according.source.text == "Bloomberg"
    assert according.content.text.startswith("she was alluding to the battle")


def _reference_with_chain() -> list[Attribution]:
    text = shared_path("seed", "000_96a361415a47dee9.txt").read_text(encoding="utf-8")
    start, end = text.index("In the aftermath"), text.index("By Tyler Durden")
    return find_attributions(within(parse(text[start:end]), start=start, voice="Zero Hedge"))


@pytest.mark.data
@pytest.mark.usefixtures("chain_cues")
def test_with_the_chain_the_reference_denial_is_russias_and_no_act_is_a_cue() -> None:
    found = _reference_with_chain()
    denied = next(a for a in found if a.cue and a.cue.text == "denied")
    assert denied.denial and denied.source_name == "Russia"
    cue_words = {word for a in found if a.cue for word in a.cue.text.split()}
    assert not cue_words & {"attacked", "responded"}


def test_the_shipped_chain_is_small() -> None:
    shipped = resources.files("claimledger.extract.data").joinpath(CRF_FILE)
    assert len(shipped.read_bytes()) < 2_000_000


def test_without_python_crfsuite_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)
    with pytest.raises(ImportError, match="pip install python-crfsuite"):
        CueChain(b"")
