"""The cue span tagger: a linear-chain CRF labelling every token of a sentence B-cue, I-cue or O.

Where the sparse cue model scores each word alone for being a cue's head, the chain reads a
sentence at once: a cue of several words ("were frustrated", "could not resist pointing out")
is one labelled run, and a word's label depends on its neighbours' labels. Features are the cue
model's (`attribution_features.cue_features`) and those of the words around it. The weights
(python-crfsuite's binary model, gzipped) are package data, built from PolNeAR train by
`python -m claimledger.eval.train_attribution_crf`.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claimledger.extract.attribution_features import TokenTable, cue_features

CRF_FILE = "attribution_cues.crfsuite.gz"
LABELS = ("B", "I", "O")
# A token is in a cue from this probability on.
THRESHOLD = 0.5
# Neighbours read on each side of a token.
CONTEXT = 2


def _context_features(table: TokenTable, i: int) -> list[str]:
    """The words, tags and cue word classes of the tokens around token i."""
    size = len(table.words)
    found = []
    for offset in range(-CONTEXT, CONTEXT + 1):
        if offset == 0:
            continue
        j = i + offset
        if 0 <= j < size and table.sentence_start[j] == table.sentence_start[i]:
            found.append(f"{offset}:w={table.words[j]}")
            found.append(f"{offset}:tag={table.tags[j]}")
            found.append(f"{offset}:lex={table.lexes[j]}")
        else:
            found.append(f"{offset}:edge")
    return found


def token_features(table: TokenTable, i: int, quoted: bool) -> list[str]:
    """The features of token i for the chain."""
    if table.space[i]:
        return ["space"]
    return cue_features(table, i, quoted) + _context_features(table, i)


def sentence_features(
    table: TokenTable, quoted: Sequence[bool], start: int, end: int
) -> list[list[str]]:
    return [token_features(table, i, quoted[i]) for i in range(start, end)]


def sentences(table: TokenTable) -> list[tuple[int, int]]:
    """Each sentence of a table as [start, end)."""
    return sorted(set(zip(table.sentence_start, table.sentence_end, strict=True)))


@dataclass(frozen=True)
class CueSpans:
    """The tagger's runs of cue tokens, each as (first, last) token index, with the mean
    probability of their labels; and, for every token, its probability of being in a cue."""

    spans: list[tuple[int, int, float]]
    in_cue: list[float]


class CueChain:
    """The shipped chain, read with python-crfsuite."""

    def __init__(self, model: bytes) -> None:
        try:
            import pycrfsuite
        except ImportError as error:  # pragma: no cover - a dependency of the package
            raise ImportError(
                "the cue tagger needs python-crfsuite: pip install python-crfsuite"
            ) from error
        import os
        import tempfile

        # crfsuite opens a model by file name only
        handle, name = tempfile.mkstemp(suffix=".crfsuite")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(model)
            self.tagger = pycrfsuite.Tagger()
            self.tagger.open(name)
        finally:
            os.unlink(name)
        # a chain trained on cues of one word only knows no "I"
        self.inside = "I" in self.tagger.labels()

    def tag(self, table: TokenTable, quoted: Sequence[bool]) -> CueSpans:
        """Runs of tokens whose probability of lying in a cue is at least THRESHOLD; a token
        more likely to begin a cue than to go on with one starts a new run."""
        tagger = self.tagger
        spans: list[tuple[int, int, float]] = []
        in_cue = [0.0] * len(table.words)
        for start, end in sentences(table):
            tagger.set(sentence_features(table, quoted, start, end))
            run: list[int] = []
            for k in range(end - start):
                i = start + k
                p = in_cue[i] = 1.0 - tagger.marginal("O", k)
                if table.space[i]:
                    continue
                if p < THRESHOLD:
                    if run:
                        spans.append(_span(run, in_cue))
                    run = []
                    continue
                if run and (not self.inside or self._begins(k)):
                    spans.append(_span(run, in_cue))
                    run = []
                run.append(i)
            if run:
                spans.append(_span(run, in_cue))
        return CueSpans(spans, in_cue)

    def _begins(self, k: int) -> bool:
        """Whether the k-th token of the sentence last tagged more likely begins a cue than
        goes on with one."""
        return bool(self.tagger.marginal("B", k) > self.tagger.marginal("I", k))


def _span(run: list[int], in_cue: list[float]) -> tuple[int, int, float]:
    return run[0], run[-1], sum(in_cue[i] for i in run) / len(run)


@lru_cache(maxsize=1)
def load_chain() -> CueChain:
    """The chain shipped with the package."""
    packed = resources.files("claimledger.extract.data").joinpath(CRF_FILE).read_bytes()
    return CueChain(gzip.decompress(packed))
