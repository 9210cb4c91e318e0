"""Calibrated confidence of attributions: from the tagger's own probabilities to how often such
an attribution is right.

The tagger's probabilities (the cue model's for the cue's head word, the role model's for each
source and content word) are raw scores: they rank attributions but are not frequencies. The
calibration, fitted by eval/calibrate_attribution.py on attributions found in held-out folds of
PolNeAR train and scored against the annotators, maps them to probabilities:

- each role alone through an isotonic (monotone, piecewise linear) map of the logit of its raw
  score: the cue's head probability, the mean probability of the source's words (a fixed rate
  where the attribution names no source of its own), the mean probability of the content's
  words;
- the whole through a logistic model over the raw scores' logits (Platt scaling with several
  inputs), then an isotonic map of the model's logit;
- a statement of the page's own voice through an isotonic map of how far its sentence's most
  cue-like word stayed from being a cue (the logit of 1 - its probability).

Extraction reads the fitted maps from a small JSON file in extract/data; without it (a package
built before calibration) attributions carry no confidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from claimledger.model import Attribution, Confidence

CALIBRATION_FILE = "attribution_calibration.json"
# The calibration of the taggers with the cue chain (attribution.USE_CHAIN).
CHAIN_CALIBRATION_FILE = "attribution_calibration_chain.json"
# Raw probabilities are clipped this far from 0 and 1 before taking logits: the maps read
# logits, since the tagger's probabilities crowd against 1 (0.9999 and 0.999999 differ).
_EPSILON = 1e-9


@dataclass(frozen=True)
class RawScores:
    """What the tagger says of one attribution, before calibration."""

    statement: bool  # a sentence of the page's own voice: no cue
    cue: float  # the cue head's probability (a statement: its sentence's most cue-like word's)
    source: float | None  # mean probability of the source's words; None: no source named
    content: float  # mean probability of the content's words (a statement: 0)
    borrowed_source: bool  # the source is another cue's ("X said ... and denied ...")
    direct: bool
    content_words: int

    def features(self) -> list[float]:
        """Inputs of the whole attribution's logistic model."""
        named = self.source is not None
        return [
            logit(self.cue),
            logit(self.content),
            logit(self.source) if self.source is not None else 0.0,
            float(named),
            float(self.borrowed_source),
            float(self.direct),
            math.log1p(self.content_words),
        ]


def logit(p: float) -> float:
    """log(p / (1 - p)), with p kept _EPSILON away from 0 and 1."""
    p = min(max(p, _EPSILON), 1 - _EPSILON)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Isotonic:
    """A monotone map given by its knots: linear between them, flat beyond the ends."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, x: float) -> float:
        if len(self.xs) == 1:
            return self.ys[0]
        return float(np.interp(x, self.xs, self.ys))

    def to_json(self) -> dict[str, list[float]]:
        return {"x": list(self.xs), "y": list(self.ys)}

    @classmethod
    def from_json(cls, data: dict[str, list[float]]) -> Isotonic:
        return cls(tuple(float(x) for x in data["x"]), tuple(float(y) for y in data["y"]))


@dataclass(frozen=True)
class Calibration:
    """The fitted maps (see the module's docstring)."""

    cue: Isotonic
    source: Isotonic  # of the named source's raw score's logit
    no_source: float  # how often an attribution naming no source is right about that
    content: Isotonic
    whole_weights: tuple[float, ...]  # one per RawScores.features(), then the intercept
    whole: Isotonic  # of the logistic model's logit
    statement: Isotonic  # of the logit of 1 - the sentence's highest cue probability
    fitted_on: str = ""

    def confidence(self, raw: RawScores) -> Confidence:
        if raw.statement:
            return Confidence(whole=_round(self.statement(-logit(raw.cue))))
        source = self.source(logit(raw.source)) if raw.source is not None else self.no_source
        return Confidence(
            whole=_round(self.whole(self.linear(raw))),
            cue=_round(self.cue(logit(raw.cue))),
            source=_round(source),
            content=_round(self.content(logit(raw.content))),
        )

    def linear(self, raw: RawScores) -> float:
        """The whole attribution's logistic score (a logit), before its isotonic map."""
        *weights, intercept = self.whole_weights
        return intercept + sum(w * x for w, x in zip(weights, raw.features(), strict=True))

    def to_json(self) -> dict[str, object]:
        return {
            "fitted_on": self.fitted_on,
            "cue": self.cue.to_json(),
            "source": self.source.to_json(),
            "no_source": self.no_source,
            "content": self.content.to_json(),
            "whole_weights": list(self.whole_weights),
            "whole": self.whole.to_json(),
            "statement": self.statement.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Calibration:
        def iso(key: str) -> Isotonic:
            value = data[key]
            assert isinstance(value, dict)
            return Isotonic.from_json(value)

        weights = data["whole_weights"]
        no_source = data["no_source"]
        assert isinstance(weights, list) and isinstance(no_source, float)
        return cls(
            cue=iso("cue"),
            source=iso("source"),
            no_source=no_source,
            content=iso("content"),
            whole_weights=tuple(float(w) for w in weights),
            whole=iso("whole"),
            statement=iso("statement"),
            fitted_on=str(data.get("fitted_on", "")),
        )


def _round(p: float) -> float:
    return round(min(max(p, 0.0), 1.0), 3)


@lru_cache(maxsize=2)
def load_calibration(name: str = CALIBRATION_FILE) -> Calibration | None:
    """A calibration shipped with the package; None if the package has none."""
    found = resources.files("claimledger.extract.data").joinpath(name)
    if not found.is_file():
        return None
    return Calibration.from_json(json.loads(found.read_text(encoding="utf-8")))


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def confident(attributions: Sequence[Attribution], minimum: float) -> list[Attribution]:
    """The attributions at least `minimum` sure as a whole (one without a confidence, read
    before confidences were computed, is not known to be)."""
    return [a for a in attributions if a.confidence is not None and a.confidence.whole >= minimum]
