"""The trained attribution tagger's weights: sparse linear models read from gzipped package JSON."""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from importlib import resources
from operator import add
from typing import Generic, TypeVar

import numpy as np

from claimledger.extract.attribution_crf import CueChain

MODEL_FILE = "attribution_tagger.json.gz"

K = TypeVar("K", bound=Hashable)  # the key of a feature group


@dataclass(frozen=True)
class LinearModel:
    """A linear model over string features: one weight per feature and class (or, for two
    classes, one weight per feature: the second class's score against the first's)."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    # for two classes, each feature's one weight as a float (read for every token of a page)
    _single: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        single = all(len(row) == 1 for row in self.weights.values())
        flat = {f: row[0] for f, row in self.weights.items()} if single else {}
        object.__setattr__(self, "_single", flat)

    def scores(self, features: Iterable[str]) -> list[float]:
        # The tagger scores every token against every cue near it: sum columns, not cells.
        if self._single:
            totals = [0.0] * len(self.classes)
            found = [w for w in map(self._single.get, features) if w is not None]
            if found:  # two classes: the second class's score, added left to right
                totals[-1] = reduce(add, found)
            return totals
        get = self.weights.get
        rows = [row for row in map(get, features) if row is not None]
        totals = [0.0] * len(self.classes)
        if not rows:
            return totals
        if len(rows[0]) == 1:  # two classes: one weight, the second class's score
            totals[-1] = sum(row[0] for row in rows)
            return totals
        return [sum(column) for column in zip(*rows, strict=True)]

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


def probability(scores: Sequence[float], k: int) -> float:
    """The softmax probability of class k, given every class's score."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return exps[k] / sum(exps)


class GroupScorer(Generic[K]):
    """A model's scores for features given in groups: a group's key always expands to the same
    feature strings, so the weights of a (group, key) are summed once and kept. Scores equal
    `LinearModel.scores` over the expanded strings (up to the order of float additions).

    At most `max_keys` sums are kept, in two generations: when the young one holds half, it
    becomes the old one and the old one is dropped; a key found in the old one moves back to
    the young. Keys read often stay; memory stays bounded however long the run."""

    def __init__(
        self,
        model: LinearModel,
        groups: dict[str, Callable[[K], list[str]]],
        max_keys: int = 60_000,
    ) -> None:
        self.model = model
        self.groups = groups
        self.max_keys = max_keys
        # sums as tuples: the garbage collector stops tracking tuples of floats, not lists
        self._young: dict[tuple[str, K], tuple[float, ...]] = {}
        self._old: dict[tuple[str, K], tuple[float, ...]] = {}

    def partial(self, group: str, key: K) -> tuple[float, ...]:
        """The summed weights of one group's features."""
        item = (group, key)
        found = self._young.get(item)
        if found is None:
            found = self._old.get(item)
            if found is None:
                found = tuple(self.model.scores(self.groups[group](key)))
            if len(self._young) >= self.max_keys // 2:
                self._old, self._young = self._young, {}
            self._young[item] = found
        return found

    def kept(self) -> int:
        """How many sums are kept."""
        return len(self._young) + len(self._old)

    def clear(self) -> None:
        self._young, self._old = {}, {}

    def added(self, base: np.ndarray, rows: Sequence[Sequence[tuple[str, K]]]) -> np.ndarray:
        """`base` (one row of class scores per feature row) plus the scores of each row's
        groups, added in the rows' order: the same floats as `matrix` over the base's groups
        followed by these."""
        if not rows:
            return base
        get, partial = self._young.get, self.partial
        flat = [get(item) or partial(*item) for row in rows for item in row]
        parts = np.array(flat).reshape(len(rows), len(rows[0]), -1)
        total = base.copy()
        for k in range(parts.shape[1]):
            total += parts[:, k]
        return total

    def matrix(self, rows: Sequence[Sequence[tuple[str, K]]]) -> np.ndarray:
        """The scores of many feature rows at once, each with the same number of groups:
        an array of one row per feature row, one column per class."""
        return self.added(np.zeros((len(rows), len(self.model.classes))), rows)


@dataclass(frozen=True)
class AttributionTagger:
    """The models: cue tokens (by the chain where one is given, else word by word), then each
    cue's source and content tokens."""

    cue: LinearModel
    role: LinearModel
    trained_on: str = ""
    chain: CueChain | None = None


@lru_cache(maxsize=1)
def load_tagger() -> AttributionTagger:
    """The tagger shipped with the package (built by `claimledger.eval.train_attribution`)."""
    packed = resources.files("claimledger.extract.data").joinpath(MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(packed).decode("utf-8"))
    return AttributionTagger(
        cue=LinearModel.from_json(data["cue"]),
        role=LinearModel.from_json(data["role"]),
        trained_on=str(data.get("trained_on", "")),
    )
