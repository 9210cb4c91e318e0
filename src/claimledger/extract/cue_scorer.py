"""The cue model's probability for every token of a page, without rebuilding what repeats.

A token's feature list starts with its own features (`cue_own_features`), a function of its
word, tag, dependency label and cue class; a page repeats those keys (four tokens in five share
one with an earlier token). The weights of a list are summed left to right, so the running sum
after the own features depends on the key alone: it is kept per key, and the context features'
weights are added to it in the same order. The probabilities are those of
`probability(model.scores(cue_features(...)))`, float for float.
"""

from __future__ import annotations

import math
from functools import reduce
from itertools import repeat
from operator import add

from claimledger.extract.attribution_features import (
    CueKey,
    TokenTable,
    cue_context_features,
    cue_features,
    cue_own_features,
    cue_own_key,
)
from claimledger.extract.attribution_model import LinearModel, probability

# Kept sums at most; past it the kept ones are dropped (memory stays bounded on a long run).
MAX_KEYS = 200_000


class CueScorer:
    """Probabilities of the cue class for tokens of `TokenTable`s, by one model."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.cue_class = model.classes.index("cue")
        two = len(model.classes) == 2 and all(len(row) == 1 for row in model.weights.values())
        # two classes, one weight per feature: the second class's score against the first's
        self._weights = {f: row[0] for f, row in model.weights.items()} if two else None
        self._own: dict[CueKey, float] = {}

    def probability(self, table: TokenTable, i: int, quoted: bool) -> float:
        """The probability that token i is (part of) a cue."""
        weights = self._weights
        if weights is None:
            return probability(self.model.scores(cue_features(table, i, quoted)), self.cue_class)
        key = cue_own_key(table, i)
        own = self._own.get(key)
        if own is None:
            if len(self._own) >= MAX_KEYS:
                self._own.clear()
            own = self._own[key] = _running_sum(weights, cue_own_features(key), 0.0)
        total = _running_sum(weights, cue_context_features(table, i, quoted), own)
        scores = (0.0, total)  # as `LinearModel.scores` gives them: the first class's is 0
        top = max(scores)
        exps = (math.exp(scores[0] - top), math.exp(scores[1] - top))
        return exps[self.cue_class] / (exps[0] + exps[1])

    def clear(self) -> None:
        self._own.clear()


def _running_sum(weights: dict[str, float], features: list[str], start: float) -> float:
    """`start` plus the features' weights added left to right, as `LinearModel.scores` adds
    them (a feature without a weight adds 0.0, which leaves every sum as it was)."""
    return reduce(add, map(weights.get, features, repeat(0.0)), start)
