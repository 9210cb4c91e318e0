"""The attribution tagger's feature table and grouped scoring against spaCy and the plain model."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.attribution_features import (
    ROLE_GROUPS,
    cue_view,
    role_context,
    role_features,
    role_parts,
    role_window,
    token_table,
)
from claimledger.extract.attribution_model import GroupScorer, LinearModel, load_tagger
from claimledger.extract.quotes import quoted_tokens
from claimledger.nlp import load_nlp

TEXT = (
    "Russia's Foreign Ministry said on Tuesday that five Russians “may have been killed” in "
    "Deir Ezzor.\n\nAccording to Bloomberg, a U.S. official said about 100 fighters died, with "
    "200 to 300 injured. “We don't know,” Sanders told reporters at the White House."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    return nlp(TEXT)


@pytest.mark.parametrize("text", [TEXT, "", " ", "\n\nHi.", "a  b\n", "“Unclosed, he said"])
def test_token_table_matches_spacy_tokens(nlp: Language, text: str) -> None:
    doc = nlp(text)
    table = token_table(doc)
    assert table.texts == [t.text for t in doc]
    assert table.words == [t.lower_ if t.is_alpha or t.is_punct else t.shape_ for t in doc]
    assert table.tags == [t.tag_ for t in doc]
    assert table.deps == [t.dep_ for t in doc]
    assert table.ents == [t.ent_type_ for t in doc]
    assert table.heads == [t.head.i for t in doc]
    assert table.children == [[c.i for c in t.children] for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.space == [t.is_space for t in doc]
    assert table.sent_starts == [bool(t.is_sent_start) for t in doc]
    assert table.sentence_start == [t.sent.start for t in doc]
    assert table.sentence_end == [t.sent.end for t in doc]


def _role_rows(doc: Doc) -> list[list[tuple[str, object]]]:
    quoted = quoted_tokens(doc)
    heads = [t.i for t in doc if t.lower_ in {"said", "told", "according"}]
    assert len(heads) == 4
    context = role_context(doc, quoted, heads)
    rows = []
    for head in heads:
        start, end = role_window(context.table, head, quoted)
        cue = cue_view(context, head, other_cue=True)
        rows += [role_parts(context, i, cue) for i in range(start, end) if i != head]
    return rows


def test_grouped_scores_equal_the_models_scores_of_the_expanded_features(doc: Doc) -> None:
    model = load_tagger().role
    scorer = GroupScorer(model, ROLE_GROUPS)
    rows = _role_rows(doc)
    matrix = scorer.matrix(rows)
    assert matrix.shape == (len(rows), len(model.classes))
    for row, scores in zip(rows, matrix.tolist(), strict=True):
        expected = model.scores([f for group, key in row for f in ROLE_GROUPS[group](key)])
        assert scores == pytest.approx(expected, abs=1e-9)


def test_role_features_are_the_expanded_groups(doc: Doc) -> None:
    quoted = quoted_tokens(doc)
    said = next(t.i for t in doc if t.lower_ == "said")
    context = role_context(doc, quoted, [said])
    cue = cue_view(context, said, other_cue=False)
    features = role_features(context, said - 2, cue)  # "Foreign Ministry" <- said
    assert "cue=said" in features and "side=L" in features and "bias" in features
    assert "att=down:nsubj" in features
    assert len(features) == sum(len(ROLE_GROUPS[g](k)) for g, k in role_parts(context, 0, cue))


def test_group_scorer_keeps_at_most_max_keys() -> None:
    model = LinearModel(classes=("a", "b", "c"), weights={"x=1": (1.0, 0.0, -1.0)})
    scorer = GroupScorer(model, {"x": lambda key: [f"x={key}"]}, max_keys=4)
    for key in range(10):
        expected = [1.0, 0.0, -1.0] if key == 1 else [0.0, 0.0, 0.0]
        assert scorer.matrix([[("x", key)]]).tolist() == [expected]
        assert scorer.kept() <= 4
