"""The role model's scores of every (token, cue) pair of a document at once.

`attribution_features.pair_parts` gives the groups of one pair; a page has about fifteen hundred
pairs per thousand words. Here the same keys are computed as arrays over all of a document's
pairs, each group's key packed into one integer; a packed key is unpacked into its tuple (and
scored by `GroupScorer.partial`) the first time it is met, and its scores are kept by the
integer. Each pair's groups are added in `role_parts`' order (the token's, the cue's, then
attachment, position, between), so every score is the float the per-pair path gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from claimledger.extract.attribution_features import (
    MAX_ANCESTORS,
    CueView,
    Key,
    RoleContext,
    cue_part,
    distance_bucket,
    token_part,
)
from claimledger.extract.attribution_model import GroupScorer

SIDES = ("L", "R")  # a token left or right of the cue's head (never the head itself)
# distance_bucket's labels; a distance's bucket is BUCKET_OF[min(distance, 26)]
BUCKETS = ("0", "1", "2", "3", "4-6", "7-12", "13-25", "26+")
BUCKET_OF = np.array([BUCKETS.index(distance_bucket(d)) for d in range(27)], dtype=np.int64)
# How a token hangs off a cue (see attribution_features._attachment): under the cue (step 0),
# under a node of the cue's path up the parse (steps 1 to 3), or under none of them.
UP_STEPS, NONE = 4, 4
# Widths (bits) of the fields of packed keys (an attachment key packs a cue word, an attachment,
# a tag and a side into 61 bits). A vocabulary half full at a document's start makes the scorer
# start afresh, so no document's ids outgrow their fields.
_FIELD_BITS = {"word": 24, "attach": 24, "tag": 12, "label": 24, "dep": 24}
# Kept group sums beyond which the scorer starts afresh (memory bounded on long runs).
MAX_KEPT = 200_000


class _Vocabulary:
    """Strings as small integers: dependency labels, tags, cue words, attachments, label paths."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, int]] = {kind: {} for kind in _FIELD_BITS}
        self.names: dict[str, list[str]] = {kind: [] for kind in _FIELD_BITS}

    def id(self, kind: str, name: str) -> int:
        ids = self.ids[kind]
        found = ids.get(name)
        if found is None:
            found = ids[name] = len(ids)
            self.names[kind].append(name)
        return found

    def ids_of(self, kind: str, names: Sequence[str]) -> np.ndarray:
        ids = self.ids[kind]
        for name in set(names).difference(ids):
            self.id(kind, name)
        return np.array([ids[name] for name in names], dtype=np.int64)

    def half_full(self) -> bool:
        return any(len(self.ids[kind]) > (1 << bits) // 2 for kind, bits in _FIELD_BITS.items())


@dataclass(frozen=True)
class _Document:
    """A document's token attributes as integer arrays."""

    quoted: np.ndarray
    punct: np.ndarray
    sentence_start: np.ndarray
    unquoted_prefix: np.ndarray
    cue_prefix: np.ndarray
    quote_run: np.ndarray
    deps: np.ndarray
    tags: np.ndarray
    depth: np.ndarray  # steps up to the sentence's root
    # [i, k]: token i's k-th ancestor (k = 0: the token), the root repeated once reached
    ancestors: np.ndarray


@dataclass(frozen=True)
class _Cues:
    """The cues' attributes as arrays, one row per cue."""

    head: np.ndarray
    quoted: np.ndarray
    other_cue: np.ndarray
    nearest_left: np.ndarray
    nearest_right: np.ndarray
    word: np.ndarray
    up: np.ndarray  # [k, step]: the node the cue's path up reaches at that step, -1 past the root
    labels: np.ndarray  # [k, step]: ids of the labels walked to reach it


def _ancestry(heads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each token's depth and its first MAX_ANCESTORS ancestors."""
    column = np.arange(len(heads), dtype=np.int64)
    columns = [column]
    depth = np.zeros(len(heads), dtype=np.int64)
    for _ in range(len(heads)):
        up = heads[column]
        moved = up != column
        if not moved.any():
            break
        depth += moved
        column = up
        if len(columns) <= MAX_ANCESTORS:
            columns.append(column)
    return depth, np.stack(columns, axis=1)


class PairScorer:
    """Role scores of a document's pairs: `GroupScorer`'s sums, looked up by packed keys."""

    def __init__(self, groups: GroupScorer[Key]) -> None:
        self.groups = groups
        self.width = len(groups.model.classes)
        self.clear()

    def clear(self) -> None:
        self.groups.clear()
        self._vocabulary = _Vocabulary()
        self._kept: dict[str, dict[int, int]] = {}
        self._rows = np.zeros((1024, self.width))
        self._count = 0

    def scores(
        self, context: RoleContext, cues: Sequence[CueView], windows: Sequence[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each pair's token, its cue (an index into `cues`) and its row of class scores: the
        tokens of each cue's window in turn (none of them a cue's head). The scores are the
        floats `GroupScorer.added` gives over `role_parts`' groups of each pair."""
        if self._count >= MAX_KEPT or self._vocabulary.half_full():
            self.clear()
        tokens = np.concatenate([*windows, np.zeros(0, dtype=np.int64)])
        owner = np.repeat(np.arange(len(windows)), [len(w) for w in windows])
        if not len(tokens):
            return tokens, owner, np.zeros((0, self.width))
        doc = self._document(context)
        cue = self._cues(cues)
        head = cue.head[owner]
        if (tokens == head).any():
            raise ValueError("a cue's window holds its head")
        left = tokens < head
        side = np.where(left, 0, 1)
        distance = BUCKET_OF[np.minimum(np.abs(tokens - head), 26)]
        quoted = doc.quoted[tokens]
        punct = doc.punct[tokens]
        other_sentence = doc.sentence_start[tokens] != doc.sentence_start[head]
        offset = np.where(other_sentence, np.where(left, 0, 2), 1)  # sent_offset + 1
        prefix = doc.unquoted_prefix
        words = np.where(left, prefix[head] - prefix[tokens + 1], prefix[tokens] - prefix[head + 1])
        between = BUCKET_OF[np.minimum(words, 26)]
        low, high = np.minimum(tokens, head), np.maximum(tokens, head)
        cues_between = np.minimum(doc.cue_prefix[high] - doc.cue_prefix[low + 1], 2)
        nearest_run = np.where(left, cue.nearest_left[owner], cue.nearest_right[owner])
        run = doc.quote_run[tokens]
        nearest = (run >= 0) & (run == nearest_run)
        attach = self._attachments(doc, cue, tokens, owner)

        distinct, inverse = np.unique(tokens, return_inverse=True)
        own = np.array([self.groups.partial(*token_part(context, i)) for i in distinct.tolist()])
        each_cue = np.array([self.groups.partial(*cue_part(view)) for view in cues])
        total: np.ndarray = own[inverse.reshape(-1)] + each_cue[owner]
        bits = _FIELD_BITS
        total += self._lookup(
            "attachment",
            ((cue.word[owner] << bits["attach"] | attach) << bits["tag"] | doc.tags[tokens]) << 1
            | side,
            self._attachment_key,
        )
        position = ((side * len(BUCKETS) + distance) * 2 + quoted) * 3 + offset
        total += self._lookup(
            "position", (position * 2 + punct) * 2 + cue.quoted[owner], self._position_key
        )
        rest = ((((between * 2 + quoted) * 2 + side) * 3 + offset) * 3 + cues_between) * 2
        total += self._lookup(
            "between",
            ((attach * 1024 + rest + nearest) << 1) | cue.other_cue[owner],
            self._between_key,
        )
        return tokens, owner, total

    def _document(self, context: RoleContext) -> _Document:
        table = context.table
        size = len(table.heads)
        depth, ancestors = _ancestry(np.array(table.heads, dtype=np.int64))
        return _Document(
            quoted=np.array(context.quoted[:size], dtype=np.int64),
            punct=np.array(table.punct, dtype=np.int64),
            sentence_start=np.array(table.sentence_start, dtype=np.int64),
            unquoted_prefix=np.array(context.unquoted_prefix, dtype=np.int64),
            cue_prefix=np.array(context.cue_prefix, dtype=np.int64),
            quote_run=np.array(context.quote_run, dtype=np.int64),
            deps=self._vocabulary.ids_of("dep", table.deps),
            tags=self._vocabulary.ids_of("tag", table.tags),
            depth=depth,
            ancestors=ancestors,
        )

    def _cues(self, cues: Sequence[CueView]) -> _Cues:
        vocabulary = self._vocabulary
        up = [[node for node, _ in c.up] + [-1] * (UP_STEPS - len(c.up)) for c in cues]
        labels = [
            [vocabulary.id("label", path) for _, path in c.up] + [0] * (UP_STEPS - len(c.up))
            for c in cues
        ]
        return _Cues(
            head=np.array([c.i for c in cues], dtype=np.int64),
            quoted=np.array([c.quoted for c in cues], dtype=np.int64),
            other_cue=np.array([c.other_cue for c in cues], dtype=np.int64),
            nearest_left=np.array([c.nearest_left for c in cues], dtype=np.int64),
            nearest_right=np.array([c.nearest_right for c in cues], dtype=np.int64),
            word=vocabulary.ids_of("word", [c.word for c in cues]),
            up=np.array(up, dtype=np.int64).reshape(-1, UP_STEPS),
            labels=np.array(labels, dtype=np.int64).reshape(-1, UP_STEPS),
        )

    def _attachments(
        self, doc: _Document, cue: _Cues, tokens: np.ndarray, owner: np.ndarray
    ) -> np.ndarray:
        """How each pair's token hangs off its cue (`_attachment`), as ids of attach strings:
        the first node of the cue's path up that is the token or one of its ancestors (at most
        MAX_ANCESTORS steps up), and the label of the token's branch under it."""
        step = np.full(len(tokens), NONE, dtype=np.int64)
        branch = np.zeros(len(tokens), dtype=np.int64)  # 0: "self", else dep id + 1
        label = np.zeros(len(tokens), dtype=np.int64)
        for k in range(UP_STEPS):
            node = cue.up[owner, k]
            rank = doc.depth[tokens] - doc.depth[np.maximum(node, 0)]
            reach = (node >= 0) & (rank >= 0) & (rank <= MAX_ANCESTORS) & (step == NONE)
            column = np.clip(rank, 0, doc.ancestors.shape[1] - 1)
            found = reach & (doc.ancestors[tokens, column] == node)
            step[found] = k
            label[found] = cue.labels[owner[found], k]
            under = found & (rank > 0)
            branch[under] = doc.deps[doc.ancestors[tokens[under], rank[under] - 1]] + 1
        bits = _FIELD_BITS
        combined = (step << bits["label"] | label) << bits["dep"] | branch
        kinds, inverse = np.unique(combined, return_inverse=True)
        names = self._vocabulary.names
        ids = []
        for kind in kinds.tolist():
            rest, dep = divmod(kind, 1 << bits["dep"])
            step_, path = divmod(rest, 1 << bits["label"])
            below = names["dep"][dep - 1] if dep else "self"
            if step_ == NONE:
                name = "up:none"
            elif step_ == 0:
                name = f"down:{below}"
            else:
                name = f"up:{names['label'][path]}>{below}"
            ids.append(self._vocabulary.id("attach", name))
        found_ids: np.ndarray = np.array(ids, dtype=np.int64)[inverse.reshape(-1)]
        return found_ids

    def _lookup(self, group: str, codes: np.ndarray, unpack: Callable[[int], Key]) -> np.ndarray:
        """The scores of each packed key, unpacking and scoring those met for the first time."""
        kept = self._kept.setdefault(group, {})
        distinct, inverse = np.unique(codes, return_inverse=True)
        rows = []
        for code in distinct.tolist():
            row = kept.get(code)
            if row is None:
                row = kept[code] = self._keep(self.groups.partial(group, unpack(code)))
            rows.append(row)
        found: np.ndarray = self._rows[np.array(rows, dtype=np.int64)[inverse.reshape(-1)]]
        return found

    def _keep(self, scores: tuple[float, ...]) -> int:
        if self._count == len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
        self._rows[self._count] = scores
        self._count += 1
        return self._count - 1

    # The packed keys unpacked into role_parts' tuples (the same types: bools stay bools).

    def _attachment_key(self, code: int) -> Key:
        bits, names = _FIELD_BITS, self._vocabulary.names
        rest, side = divmod(code, 2)
        rest, tag = divmod(rest, 1 << bits["tag"])
        word, attach = divmod(rest, 1 << bits["attach"])
        return (names["attach"][attach], SIDES[side], names["tag"][tag], names["word"][word])

    def _position_key(self, code: int) -> Key:
        rest, cue_quoted = divmod(code, 2)
        rest, punct = divmod(rest, 2)
        rest, offset = divmod(rest, 3)
        rest, quoted = divmod(rest, 2)
        side, distance = divmod(rest, len(BUCKETS))
        return (
            SIDES[side], BUCKETS[distance], bool(quoted), bool(cue_quoted), offset - 1, bool(punct)
        )

    def _between_key(self, code: int) -> Key:
        rest, other_cue = divmod(code, 2)
        attach, rest = divmod(rest, 1024)
        rest, nearest = divmod(rest, 2)
        rest, cues_between = divmod(rest, 3)
        rest, offset = divmod(rest, 3)
        rest, side = divmod(rest, 2)
        between, quoted = divmod(rest, 2)
        return (
            BUCKETS[between], bool(quoted), SIDES[side], offset - 1, cues_between,
            self._vocabulary.names["attach"][attach], bool(nearest), bool(other_cue),
        )
