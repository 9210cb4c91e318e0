"""The cue model's probability for every token of a page, without rebuilding what repeats.

A token's feature list starts with its own features (`cue_own_features`), a function of its
word, tag, dependency label and cue class; a page repeats those keys (four tokens in five share
one with an earlier token). The weights of a list are summed left to right, so the running sum
after the own features depends on the key alone: it is kept per key, and the context features'
weights are added to it in the same order. The context features are not built as strings: each
kind ("head=", "w_next=" ...) has its weights by the parts its strings are made of (a word, a
word and a label ...), read in `cue_context_features`' order by `_context_sum`. The
probabilities are those of `probability(model.scores(cue_features(...)))`, float for float.
"""

from __future__ import annotations

import math
from functools import reduce
from itertools import combinations, pairwise, repeat
from operator import add

from claimledger.extract.attribution_features import (
    PHRASAL_DEPS,
    SUBJECT_DEPS,
    CueKey,
    TokenTable,
    cue_features,
    cue_own_features,
    cue_own_key,
    distance_bucket,
)
from claimledger.extract.attribution_model import LinearModel, probability

# Kept sums at most; past it the kept ones are dropped (memory stays bounded on a long run).
MAX_KEYS = 200_000
# The context features' kinds, in `cue_context_features`' order, with the number of parts
# joined by "|" after the "=" of each.
CONTEXT_KINDS = {
    "head": 1, "head_tag": 1, "head_lex": 1, "dep_head_lex": 2, "dep_head": 2, "head_dep": 2,
    "gh_lex": 3, "gh": 3, "quoted": 1, "prev": 1, "next": 1, "w_next": 2, "prev_w": 2,
    "child": 1, "w_child": 2, "pos_in_sent": 2, "prev_shape": 3, "w_child_w": 3, "subj": 1,
    "lex_subj": 2, "after_punct": 2,
}  # fmt: skip


def context_weights(weights: dict[str, float]) -> dict[str, dict[object, float]]:
    """Each context kind's weights by the parts of its feature strings: the part itself for a
    kind of one part, else the tuple of parts. A part may hold "|" itself (the word "|"), so a
    string is entered under every way of cutting it into its kind's number of parts: the
    parts a token gives join into one string only, so a look-up by parts finds that string's
    weight or nothing."""
    tables: dict[str, dict[object, float]] = {kind: {} for kind in CONTEXT_KINDS}
    for feature, weight in weights.items():
        kind, equals, rest = feature.partition("=")
        size = CONTEXT_KINDS.get(kind)
        if not equals or size is None:
            continue
        if size == 1:
            tables[kind][rest] = weight
            continue
        pieces = rest.split("|")
        for cuts in combinations(range(1, len(pieces)), size - 1):
            bounds = (0, *cuts, len(pieces))
            parts = tuple("|".join(pieces[a:b]) for a, b in pairwise(bounds))
            tables[kind][parts] = weight
    return tables


class CueScorer:
    """Probabilities of the cue class for tokens of `TokenTable`s, by one model."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.cue_class = model.classes.index("cue")
        two = len(model.classes) == 2 and all(len(row) == 1 for row in model.weights.values())
        # two classes, one weight per feature: the second class's score against the first's
        self._weights = {f: row[0] for f, row in model.weights.items()} if two else None
        tables = context_weights(self._weights) if self._weights is not None else {}
        self._by_kind = tuple(tables.get(kind, {}) for kind in CONTEXT_KINDS)
        self._sentence_start = self._weights.get("sent_start", 0.0) if self._weights else 0.0
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
        total = self._context_sum(table, i, quoted, own)
        scores = (0.0, total)  # as `LinearModel.scores` gives them: the first class's is 0
        top = max(scores)
        exps = (math.exp(scores[0] - top), math.exp(scores[1] - top))
        return exps[self.cue_class] / (exps[0] + exps[1])

    def clear(self) -> None:
        self._own.clear()

    def _context_sum(self, table: TokenTable, i: int, quoted: bool, total: float) -> float:
        """`total` plus the weights of `cue_context_features(table, i, quoted)`, added in that
        list's order (a feature without a weight adds nothing)."""
        (
            head_w, head_tag_w, head_lex_w, dep_head_lex_w, dep_head_w, head_dep_w, gh_lex_w,
            gh_w, quoted_w, prev_w, next_w, w_next_w, prev_w_w, child_w, w_child_w,
            pos_in_sent_w, prev_shape_w, w_child_w_w, subj_w, lex_subj_w, after_punct_w,
        ) = self._by_kind  # each kind's weights, in CONTEXT_KINDS' order
        words, tags, deps, lexes = table.words, table.tags, table.deps, table.lexes
        word, dep, lex = words[i], deps[i], lexes[i]
        head = table.heads[i]
        grand = table.heads[head]
        head_word, head_lex, head_dep = words[head], lexes[head], deps[head]
        prev = words[i - 1] if i > 0 else "<s>"
        nxt = words[i + 1] if i + 1 < len(words) else "</s>"
        total += head_w.get(head_word, 0.0)
        total += head_tag_w.get(tags[head], 0.0)
        total += head_lex_w.get(head_lex, 0.0)
        total += dep_head_lex_w.get((dep, head_lex), 0.0)
        total += dep_head_w.get((dep, head_word), 0.0)
        total += head_dep_w.get((head_dep, dep), 0.0)
        total += gh_lex_w.get((dep, head_dep, lexes[grand]), 0.0)
        total += gh_w.get((dep, head_dep, words[grand]), 0.0)
        total += quoted_w.get(str(quoted), 0.0)
        total += prev_w.get(prev, 0.0)
        total += next_w.get(nxt, 0.0)
        total += w_next_w.get((word, nxt), 0.0)
        total += prev_w_w.get((prev, word), 0.0)
        children = table.children[i]
        if children:
            child_deps = sorted({deps[c] for c in children})
            for child_dep in child_deps:
                total += child_w.get(child_dep, 0.0)
            for child_dep in child_deps:
                total += w_child_w.get((word, child_dep), 0.0)
        if table.sent_starts[i]:
            total += self._sentence_start
        position = distance_bucket(i - table.sentence_start[i])
        alpha = table.alpha[i]
        total += pos_in_sent_w.get((position, word if not alpha else "-"), 0.0)
        if i > 0 and not alpha:
            total += prev_shape_w.get((table.shapes[i - 1][:4], word, position), 0.0)
        for child in children:
            child_dep = deps[child]
            if child_dep in PHRASAL_DEPS:
                total += w_child_w_w.get((word, child_dep, words[child]), 0.0)
            elif child_dep in SUBJECT_DEPS:
                child_tag = tags[child]
                kind = table.ents[child] or ("PRP" if child_tag == "PRP" else child_tag)
                total += subj_w.get(kind, 0.0)
                total += lex_subj_w.get((lex, kind), 0.0)
        if i > 0 and table.punct[i - 1]:
            before = table.texts[i - 2] if i > 1 else "<s>"
            total += after_punct_w.get((table.texts[i - 1], before), 0.0)
        return total


def _running_sum(weights: dict[str, float], features: list[str], start: float) -> float:
    """`start` plus the features' weights added left to right, as `LinearModel.scores` adds
    them (a feature without a weight adds 0.0, which leaves every sum as it was)."""
    return reduce(add, map(weights.get, features, repeat(0.0)), start)
