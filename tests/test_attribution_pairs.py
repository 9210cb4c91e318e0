"""The role scores of all of a document's (token, cue) pairs at once against the per-pair path."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from claimledger.extract.attribution_features import (
    ROLE_GROUPS,
    cue_part,
    cue_view,
    pair_parts,
    role_context,
    role_window,
    token_part,
)
from claimledger.extract.attribution_model import GroupScorer, load_tagger
from claimledger.extract.attribution_pairs import PairScorer
from claimledger.extract.quotes import quoted_tokens
from claimledger.nlp import load_nlp

TEXTS = [
    # quotations on both sides of their cues, a cue inside another's content, a deep clause
    "Russia's Foreign Ministry said on Tuesday that five Russians “may have been killed” in "
    "Deir Ezzor.\n\nAccording to Bloomberg, a U.S. official said about 100 fighters died, with "
    "200 to 300 injured. “We don't know,” Sanders told reporters at the White House.",
    "“The convoy was hit twice,” the spokesman, who asked not to be named because he was not "
    "authorised to speak to the press, told Reuters on Friday. “Nobody could reach them for "
    "hours,” he added, “and when they did, the road was closed.”\nPolice declined to comment.",
    "He said she said they said that officials who said nothing had been told to deny it.",
]
CUE_WORDS = {"said", "told", "according", "added", "declined", "deny"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize("text", TEXTS)
def test_all_pairs_score_the_floats_of_each_pair_alone(nlp: Language, text: str) -> None:
    doc = nlp(text)
    quoted = quoted_tokens(doc)
    heads = [t.i for t in doc if t.lower_ in CUE_WORDS]
    assert len(heads) >= 3
    context = role_context(doc, quoted, heads)
    views, windows = [], []
    for head in heads:
        start, end = role_window(context.table, head, quoted)
        views.append(cue_view(context, head, other_cue=len(heads) > 1))
        windows.append(np.array([i for i in range(start, end) if i not in heads]))
    model = load_tagger().role
    tokens, owners, scores = PairScorer(GroupScorer(model, ROLE_GROUPS)).scores(
        context, views, windows
    )
    assert tokens.tolist() == [i for window in windows for i in window.tolist()]
    alone = GroupScorer(model, ROLE_GROUPS)
    expected = []
    for view, window in zip(views, windows, strict=True):
        base = np.array([alone.partial(*token_part(context, i)) for i in window.tolist()])
        base = base + np.array(alone.partial(*cue_part(view)))
        rows = [pair_parts(context, i, view) for i in window.tolist()]
        expected += alone.added(base, rows).tolist()
    assert scores.tolist() == expected  # float for float, not approximately
    assert owners.tolist() == [k for k, window in enumerate(windows) for _ in window.tolist()]


def test_a_window_holding_its_cue_is_refused(nlp: Language) -> None:
    doc = nlp("Officials said the bridge was closed.")
    quoted = quoted_tokens(doc)
    context = role_context(doc, quoted, [1])
    scorer = PairScorer(GroupScorer(load_tagger().role, ROLE_GROUPS))
    with pytest.raises(ValueError, match="holds its head"):
        scorer.scores(context, [cue_view(context, 1, False)], [np.arange(len(doc))])
