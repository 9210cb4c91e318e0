"""The cue scorer's kept sums against scoring each token's whole feature list."""

from __future__ import annotations

from claimledger.extract.attribution_features import cue_features, token_table
from claimledger.extract.attribution_model import LinearModel, load_tagger, probability
from claimledger.extract.cue_scorer import CueScorer, context_weights
from claimledger.extract.quotes import quoted_tokens
from claimledger.nlp import load_nlp

TEXTS = [
    # the same words again and again, as heads, inside quotations and out
    "Russia's Foreign Ministry said on Tuesday that five Russians “may have been killed” in "
    "Deir Ezzor. According to Bloomberg, a U.S. official said about 100 fighters died, with "
    "200 to 300 injured. “We don't know,” Sanders said. The official said he said nothing.",
    "Police said the man was shot. Police said a woman was shot. “He was shot,” police said.",
    # bars inside words and between them: the parts of a feature string hold them too
    "Police | said: the | man | was shot. |Local| officials said | nothing.",
]


def test_each_tokens_probability_is_the_whole_lists_float_for_float() -> None:
    nlp = load_nlp()
    model = load_tagger().cue
    scorer = CueScorer(model)
    cue = model.classes.index("cue")
    compared = 0
    for text in TEXTS * 2:  # the second pass reads only kept sums
        doc = nlp(text)
        table, quoted = token_table(doc), quoted_tokens(doc)
        for i in range(len(doc)):
            expected = probability(model.scores(cue_features(table, i, quoted[i])), cue)
            assert scorer.probability(table, i, quoted[i]) == expected, doc[i].text
            compared += 1
    assert compared > 100
    assert max(scorer.probability(table, i, quoted[i]) for i in range(len(doc))) > 0.5


def test_a_model_of_more_classes_is_scored_on_whole_lists() -> None:
    doc = load_nlp()("The minister said the talks failed.")
    table, quoted = token_table(doc), quoted_tokens(doc)
    model = LinearModel(
        classes=("O", "cue", "other"),
        weights={"bias": (0.0, -1.0, 0.5), "w=said": (0.0, 4.0, 0.0), "tag=VBD": (0.1, 0.2, 0.3)},
    )
    scorer = CueScorer(model)
    said = next(t.i for t in doc if t.text == "said")
    expected = probability(model.scores(cue_features(table, said, quoted[said])), 1)
    assert scorer.probability(table, said, quoted[said]) == expected > 0.5


def test_a_context_weight_is_found_by_its_parts_however_the_bars_fall() -> None:
    tables = context_weights({"w_next=said|||": 1.5, "head=|": 0.5, "w=said": 2.0, "bias": 1.0})
    assert tables["head"] == {"|": 0.5}
    # "said" then "||", "said|" then "|", "said||" then "": the strings each pair joins into
    assert tables["w_next"] == {("said", "||"): 1.5, ("said|", "|"): 1.5, ("said||", ""): 1.5}
    assert all(not table for kind, table in tables.items() if kind not in ("head", "w_next"))
