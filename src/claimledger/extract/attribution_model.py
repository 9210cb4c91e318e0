"""The trained attribution tagger's weights: sparse linear models read from gzipped package JSON."""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

import numpy as np

MODEL_FILE = "attribution_tagger.json.gz"

K = TypeVar("K", bound=Hashable)  # the key of a feature group


@dataclass(frozen=True)
class LinearModel:
    """A linear model over string features: one weight per feature and class (or, for two
    classes, one weight per feature: the second class's score against the first's)."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: Iterable[str]) -> list[float]:
        # The tagger scores every token against every cue near it: sum columns, not cells.
        get = self.weights.get
        rows = [row for row in map(get, features) if row is not None]
        totals = [0.0] * len(self.classes)
        if not rows:
            return totals
        if len(rows[0]) == 1:  # two classes: one weight, the second class's score
            totals[-1] = sum(row[0] for row in rows)
            return totals
        return [sum(column) for column in zip(*rows, strict=True)]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        return self.softmax(self.scores(features))

    def softmax(self, scores: Sequence[float]) -> dict[str, float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps, strict=True)}

    def predict(self, features: Iterable[str]) -> str:
        scores = self.scores(features)
        return self.classes[max(range(len(scores)), key=scores.__getitem__)]

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LinearModel:
        classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
        raw = data["weights"]
        assert isinstance(raw, dict)
        weights = {str(f): tuple(float(w) for w in row) for f, row in raw.items()}
        return cls(classes=classes, weights=weights)

    def to_json(self) -> dict[str, object]:
        weights = {f: list(w) for f, w in self.weights.items()}
        return {"classes": list(self.classes), "weights": weights}


class GroupScorer(Generic[K]):
    """A model's scores for features given in groups: a group's key always expands to the same
    feature strings, so the weights of a (group, key) are summed once and kept. Scores equal
    `LinearModel.scores` over the expanded strings (up to the order of float additions)."""

    def __init__(
        self,
        model: LinearModel,
        groups: dict[str, Callable[[K], list[str]]],
        max_keys: int = 100_000,
    ) -> None:
        self.model = model
        self.groups = groups
        self.max_keys = max_keys
        self._partial: dict[tuple[str, K], list[float]] = {}

    def partial(self, group: str, key: K) -> list[float]:
        """The summed weights of one group's features."""
        found = self._partial.get((group, key))
        if found is None:
            if len(self._partial) >= self.max_keys:  # bounded memory on any input
                self._partial.clear()
            found = self.model.scores(self.groups[group](key))
            self._partial[(group, key)] = found
        return found

    def clear(self) -> None:
        self._partial.clear()

    def matrix(self, rows: Sequence[Sequence[tuple[str, K]]]) -> np.ndarray:
        """The scores of many feature rows at once, each with the same number of groups:
        an array of one row per feature row, one column per class."""
        if not rows:
            return np.zeros((0, len(self.model.classes)))
        get, partial = self._partial.get, self.partial
        flat = [get(item) or partial(*item) for row in rows for item in row]
        totals: np.ndarray = np.array(flat).reshape(len(rows), len(rows[0]), -1).sum(axis=1)
        return totals


@dataclass(frozen=True)
class AttributionTagger:
    """The two models: cue tokens, then each cue's source and content tokens."""

    cue: LinearModel
    role: LinearModel
    trained_on: str = ""


@lru_cache(maxsize=1)
def load_tagger() -> AttributionTagger:
    """The tagger shipped with the package (built by `claimledger.extract.train_attribution`)."""
    packed = resources.files("claimledger.extract.data").joinpath(MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(packed).decode("utf-8"))
    return AttributionTagger(
        cue=LinearModel.from_json(data["cue"]),
        role=LinearModel.from_json(data["role"]),
        trained_on=str(data.get("trained_on", "")),
    )
