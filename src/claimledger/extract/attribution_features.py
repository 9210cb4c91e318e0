"""Features of parsed tokens for the attribution tagger: is a token a cue, and, given a cue,
is a token part of its source, its content, or neither.

Features read words, tags and the dependency parse only (never lemmas); training and extraction
share these functions. They read a `TokenTable`, the attributes of a Doc's tokens fetched from
spaCy once, since every token is read many times (as itself, as a neighbour, as a head, and for
each cue near it).

The role features, read for every token near every cue, come in groups that are functions of a
small key (a token's tag, dependency label, entity type and word, say): `role_parts` returns the
keys and `role_features` expands them to strings. Training reads the strings; extraction sums the
weights of each group once per key (`attribution_model.GroupScorer`), which gives the same
scores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LOWER,
    ORTH,
    SENT_START,
    SHAPE,
    TAG,
)
from spacy.tokens import Doc, Token

from claimledger.extract.cues import cue_word_class
from claimledger.extract.doc_index import doc_children

# Sentences longer than this are cut for role tagging: bounded work on run-on text.
MAX_ROLE_WINDOW = 120
# How far up the parse a token's ancestors are followed (parses of run-on text are deep).
MAX_ANCESTORS = 60

Key = tuple[object, ...]
Grouped = list[tuple[str, Key]]  # features as (group, key) pairs


def distance_bucket(distance: int) -> str:
    """A distance in tokens (or words) as the tagger's features read it: 0 to 3, then ranges."""
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    if distance <= 25:
        return "13-25"
    return "26+"


PHRASAL_DEPS = {"prep", "prt", "dobj", "acomp", "attr", "advmod"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class TokenTable:
    """What the features read of each token of a Doc, by token index."""

    texts: list[str]
    words: list[str]  # lower case for words of letters and punctuation, else the shape
    tags: list[str]
    deps: list[str]
    ents: list[str]  # entity type, "" outside entities
    heads: list[int]
    children: list[list[int]]
    lexes: list[str]  # cue word class, "-" for other words
    alpha: list[bool]
    punct: list[bool]
    space: list[bool]
    shapes: list[str]
    sent_starts: list[bool]  # token starts a sentence
    sentence_start: list[int]  # index of the first token of the token's sentence
    sentence_end: list[int]  # index after the last token of the token's sentence


_TABLE_ATTRS = [
    ORTH, LOWER, SHAPE, TAG, DEP, ENT_TYPE, HEAD, IS_ALPHA, IS_PUNCT, IS_SPACE, SENT_START
]


def token_table(doc: Doc) -> TokenTable:
    """The table of a Doc, read in one `Doc.to_array` call (a Token object per attribute read
    costs more than the features built from it)."""
    columns = doc.to_array(_TABLE_ATTRS).astype("int64").T.tolist() if len(doc) else [[]] * 11
    orth, lower, shape, tag, dep, ent, head, alpha, punct, space, sent = columns
    strings = doc.vocab.strings
    # each distinct string key looked up once (a page repeats its words, tags and labels)
    keys = {*orth, *lower, *shape, *tag, *dep, *ent}
    names = {key: strings[key % 2**64] if key else "" for key in keys}
    texts = [names[k] for k in orth]
    shapes = [names[k] for k in shape]
    words = [
        names[low] if a or p else s_
        for low, a, p, s_ in zip(lower, alpha, punct, shapes, strict=True)
    ]
    heads = [i + offset for i, offset in enumerate(head)]
    lex_of: dict[str, str] = {text: cue_word_class(text) or "-" for text in set(texts)}
    lexes = [lex_of[text] for text in texts]
    starts, ends = sentence_bounds(doc)
    return TokenTable(
        texts=texts,
        words=words,
        tags=[names[k] for k in tag],
        deps=[names[k] for k in dep],
        ents=[names[k] for k in ent],
        heads=heads,
        children=doc_children(doc),
        lexes=lexes,
        alpha=[bool(a) for a in alpha],
        punct=[bool(p) for p in punct],
        space=[bool(x) for x in space],
        shapes=shapes,
        sent_starts=[x == 1 for x in sent],
        sentence_start=starts,
        sentence_end=ends,
    )


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token, the index of its sentence's first token and the index after its last
    (Token.sent walks the parse on every access; the taggers read it for every token)."""
    starts = [0] * len(doc)
    ends = [0] * len(doc)
    for sentence in doc.sents:
        starts[sentence.start : sentence.end] = [sentence.start] * len(sentence)
        ends[sentence.start : sentence.end] = [sentence.end] * len(sentence)
    return starts, ends


# Cue features -------------------------------------------------------------------------------


def cue_features(table: TokenTable, i: int, quoted: bool) -> list[str]:
    """Features for "is token i (part of) a cue": its own features, then its context's."""
    return cue_own_features(cue_own_key(table, i)) + cue_context_features(table, i, quoted)


CueKey = tuple[str, str, str, str]


def cue_own_key(table: TokenTable, i: int) -> CueKey:
    """What a token's own cue features read: its word, tag, dependency label and cue class."""
    return table.words[i], table.tags[i], table.deps[i], table.lexes[i]


def cue_own_features(key: CueKey) -> list[str]:
    """The cue features of a token's own key, first in its feature list."""
    word, tag, dep, lex = key
    return [
        "bias",
        f"w={word}",
        f"suf={word[-3:]}",
        f"tag={tag}",
        f"dep={dep}",
        f"tag_dep={tag}|{dep}",
        f"lex={lex}",
        f"lex_tag={lex}|{tag}",
        f"w_dep={word}|{dep}",
    ]


def cue_context_features(table: TokenTable, i: int, quoted: bool) -> list[str]:
    """The cue features of a token's head, neighbours, children and place in its sentence.
    `cue_scorer.CueScorer` reads the same features by their parts, in the same order: a
    feature changed here is changed there."""
    word, dep, lex = table.words[i], table.deps[i], table.lexes[i]
    words, tags, deps, lexes = table.words, table.tags, table.deps, table.lexes
    head = table.heads[i]
    grand = table.heads[head]
    head_word, head_lex, head_dep = words[head], lexes[head], deps[head]
    prev = words[i - 1] if i > 0 else "<s>"
    nxt = words[i + 1] if i + 1 < len(words) else "</s>"
    child_deps = sorted({deps[c] for c in table.children[i]})
    features = [
        f"head={head_word}",
        f"head_tag={tags[head]}",
        f"head_lex={head_lex}",
        f"dep_head_lex={dep}|{head_lex}",
        f"dep_head={dep}|{head_word}",
        f"head_dep={head_dep}|{dep}",
        f"gh_lex={dep}|{head_dep}|{lexes[grand]}",
        f"gh={dep}|{head_dep}|{words[grand]}",
        f"quoted={quoted}",
        f"prev={prev}",
        f"next={nxt}",
        f"w_next={word}|{nxt}",
        f"prev_w={prev}|{word}",
    ]
    features.extend(f"child={child_dep}" for child_dep in child_deps)
    features.extend(f"w_child={word}|{child_dep}" for child_dep in child_deps)
    if table.sent_starts[i]:
        features.append("sent_start")
    position = distance_bucket(i - table.sentence_start[i])
    features.append(f"pos_in_sent={position}|{word if not table.alpha[i] else '-'}")
    if i > 0 and not table.alpha[i]:
        features.append(f"prev_shape={table.shapes[i - 1][:4]}|{word}|{position}")
    for child in table.children[i]:
        child_dep = deps[child]
        if child_dep in PHRASAL_DEPS:
            features.append(f"w_child_w={word}|{child_dep}|{words[child]}")
        elif child_dep in SUBJECT_DEPS:
            child_tag = tags[child]
            kind = table.ents[child] or ("PRP" if child_tag == "PRP" else child_tag)
            features.append(f"subj={kind}")
            features.append(f"lex_subj={lex}|{kind}")
    if i > 0 and table.punct[i - 1]:
        before = table.texts[i - 2] if i > 1 else "<s>"
        features.append(f"after_punct={table.texts[i - 1]}|{before}")
    return features


def expand(keyed: Grouped, groups: dict[str, Callable[[Key], list[str]]]) -> list[str]:
    """The feature strings of grouped features."""
    return [feature for group, key in keyed for feature in groups[group](key)]


# Role features ------------------------------------------------------------------------------


def cue_head(tokens: Sequence[Token]) -> Token:
    """The token of a cue whose head lies outside the cue (the first one if several)."""
    indices = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in indices or token.head.i == token.i:
            return token
    return tokens[0]


@dataclass(frozen=True)
class RoleContext:
    """Per-document arrays the role features read, computed once per document."""

    table: TokenTable
    quoted: Sequence[bool]
    unquoted_prefix: Sequence[int]  # [i]: unquoted words before token i
    cue_prefix: Sequence[int]  # [i]: cue heads before token i
    quote_run: Sequence[int]  # [i]: which quotation token i is in, -1 outside quotations
    chains: dict[int, tuple[list[int], dict[int, int]]]  # filled as tokens are read

    def chain(self, i: int) -> tuple[list[int], dict[int, int]]:
        """Token i and its ancestors, nearest first, and the rank of each in that list."""
        found = self.chains.get(i)
        if found is None:
            heads = self.table.heads
            nodes = [i]
            node = i
            while heads[node] != node and len(nodes) <= MAX_ANCESTORS:
                node = heads[node]
                nodes.append(node)
            found = self.chains[i] = (nodes, {node: k for k, node in enumerate(nodes)})
        return found


def role_context(
    doc: Doc, quoted: Sequence[bool], heads: Iterable[int], table: TokenTable | None = None
) -> RoleContext:
    table = table or token_table(doc)
    unquoted = [0]
    runs: list[int] = []
    run = -1
    previous_quoted = False
    for i, inside in enumerate(quoted[: len(doc)]):
        unquoted.append(unquoted[-1] + (not inside and not (table.punct[i] or table.space[i])))
        if inside and not previous_quoted:
            run += 1
        runs.append(run if inside else -1)
        previous_quoted = inside
    marks = [0] * len(doc)
    for i in heads:
        marks[i] = 1
    cue_prefix = [0]
    for mark in marks:
        cue_prefix.append(cue_prefix[-1] + mark)
    return RoleContext(table, quoted, unquoted, cue_prefix, runs, {})


def _nearest_quote_run(context: RoleContext, cue: int, step: int, limit: int) -> int:
    """The quotation nearest the cue on one side (-1 if none within `limit` tokens)."""
    i = cue + step
    while 0 <= i < len(context.quote_run) and abs(i - cue) <= limit:
        if context.quote_run[i] >= 0:
            return context.quote_run[i]
        i += step
    return -1


@dataclass(frozen=True)
class CueView:
    """What the role features read of one cue (its head word), computed once per cue."""

    i: int
    word: str
    tag: str
    dep: str
    quoted: bool
    other_cue: bool  # another cue lies in the cue's window
    up: list[tuple[int, str]]  # the cue's path up the parse: (node, labels walked to reach it)
    nearest_left: int  # the quotation nearest the cue on each side, -1 if none
    nearest_right: int


def cue_view(context: RoleContext, head: int, other_cue: bool) -> CueView:
    table = context.table
    up: list[tuple[int, str]] = []
    labels: list[str] = []
    node = head
    for _ in range(3):
        up.append((node, "/".join(labels)))
        if table.heads[node] == node:
            break
        labels.append(table.deps[node])
        node = table.heads[node]
    else:
        up.append((node, "/".join(labels)))
    return CueView(
        i=head,
        word=table.words[head],
        tag=table.tags[head],
        dep=table.deps[head],
        quoted=bool(context.quoted[head]),
        other_cue=other_cue,
        up=up,
        nearest_left=_nearest_quote_run(context, head, -1, 12),
        nearest_right=_nearest_quote_run(context, head, 1, 12),
    )


def _attachment(context: RoleContext, i: int, cue: CueView) -> str:
    """How token i hangs off the cue: the dependency label under the cue that covers it, or how
    the cue itself hangs off their common ancestor (at most three steps up)."""
    if i == cue.i:
        return "cue"
    chain, rank = context.chain(i)
    deps = context.table.deps
    k = rank.get(cue.i)
    if k is not None:
        return f"down:{deps[chain[k - 1]]}"
    for node, labels in cue.up:
        k = rank.get(node)
        if k is not None:
            branch = deps[chain[k - 1]] if k > 0 else "self"
            return f"up:{labels}>{branch}"
    return "up:none"


def _role_token(key: Key) -> list[str]:
    tag, dep, ent, word = key
    return [f"tag={tag}", f"dep={dep}", f"ent={ent}", f"w={word}"]


def _role_cue(key: Key) -> list[str]:
    word, tag, dep, other_cue = key
    return ["bias", f"cue={word}", f"cue_tag={tag}", f"cue_dep={dep}", f"other_cue={other_cue}"]


def _role_attachment(key: Key) -> list[str]:
    attach, side, tag, cue_word = key
    return [
        f"att={attach}",
        f"att_side={attach}|{side}",
        f"att_tag={attach}|{tag}",
        f"att_cue={attach}|{cue_word}",
    ]


def _role_position(key: Key) -> list[str]:
    side, distance, q, cue_q, sent_offset, punct = key
    return [
        f"side={side}",
        f"dist={side}{distance}",
        f"q={q}|{cue_q}",
        f"q_side={q}|{side}",
        f"sent={sent_offset}",
        f"sent_q={sent_offset}|{q}",
        f"punct={punct}|{side}",
    ]


def _role_between(key: Key) -> list[str]:
    between, q, side, sent_offset, cues_between, attach, nearest, other_cue = key
    return [
        f"unquoted_between={between}|{q}",
        f"unquoted_between_side={between}|{q}|{side}|{sent_offset}",
        f"cues_between={cues_between}|{side}",
        f"cues_between_att={cues_between}|{attach}",
        f"nearest_quote={nearest}|{side}|{sent_offset}",
        f"nearest_quote_other={nearest}|{other_cue}|{cues_between}",
    ]


ROLE_GROUPS: dict[str, Callable[[Key], list[str]]] = {
    "token": _role_token,
    "cue": _role_cue,
    "attachment": _role_attachment,
    "position": _role_position,
    "between": _role_between,
}


def role_parts(context: RoleContext, i: int, cue: CueView) -> Grouped:
    """The feature groups of "is token i in the source / the content of this cue"."""
    return [token_part(context, i), cue_part(cue), *pair_parts(context, i, cue)]


def token_part(context: RoleContext, i: int) -> tuple[str, Key]:
    """The group of role features of the token alone (the same for every cue)."""
    table = context.table
    return ("token", (table.tags[i], table.deps[i], table.ents[i] or "-", table.words[i]))


def cue_part(cue: CueView) -> tuple[str, Key]:
    """The group of role features of the cue alone (the same for every token)."""
    return ("cue", (cue.word, cue.tag, cue.dep, cue.other_cue))


def pair_parts(context: RoleContext, i: int, cue: CueView) -> Grouped:
    """The groups of role features of the token seen from the cue."""
    table = context.table
    head = cue.i
    if i < head:
        side, distance = "L", head - i
    elif i > head:
        side, distance = "R", i - head
    else:
        side, distance = "I", 0
    attach = _attachment(context, i, cue)
    sent_offset = 0
    if table.sentence_start[i] != table.sentence_start[head]:
        sent_offset = -1 if i < head else 1
    tag = table.tags[i]
    q = bool(context.quoted[i])
    prefix = context.unquoted_prefix
    # unquoted words between token and cue: 0 for a quotation running up to the cue
    between = prefix[head] - prefix[i + 1] if i < head else prefix[i] - prefix[head + 1]
    # other cues between token and cue: the token is more likely theirs
    lo, hi = min(i, head), max(i, head)
    cues_between = min(context.cue_prefix[hi] - context.cue_prefix[lo + 1], 2)
    # the quotation nearest the cue on the token's side, however long ("“...,” X said")
    run = context.quote_run[i]
    nearest = run >= 0 and run == (cue.nearest_left if i < head else cue.nearest_right)
    position = (side, distance_bucket(distance), q, cue.quoted, sent_offset, table.punct[i])
    return [
        ("attachment", (attach, side, tag, cue.word)),
        ("position", position),
        (
            "between",
            (
                distance_bucket(between), q, side, sent_offset, cues_between, attach, nearest,
                cue.other_cue,
            ),
        ),
    ]


def role_features(context: RoleContext, i: int, cue: CueView) -> list[str]:
    """Features for "is token i in the source / the content of this cue"."""
    return expand(role_parts(context, i, cue), ROLE_GROUPS)


def role_window(table: TokenTable, head: int, quoted: Sequence[bool]) -> tuple[int, int]:
    """Token range [start, end) searched for the source and content of the cue whose head is
    token `head`: the cue's sentence and its neighbours, and further sentences while a quotation
    runs on, at most MAX_ROLE_WINDOW tokens either side of the cue."""
    starts, ends = table.sentence_start, table.sentence_end
    size = len(starts)
    start, end = starts[head], ends[head]
    lowest, highest = max(0, head - MAX_ROLE_WINDOW), min(size, head + 1 + MAX_ROLE_WINDOW)
    if start > 0:
        start = starts[start - 1]
    while start > lowest and _quote_runs_on(quoted, size, start - 1, step=-1):
        start = starts[start - 1]
    if end < size:
        end = ends[end]
    while end < highest and _quote_runs_on(quoted, size, end, step=1):
        end = ends[end]
    return max(start, lowest), min(end, highest)


def _quote_runs_on(quoted: Sequence[bool], size: int, i: int, *, step: int) -> bool:
    """Whether the sentence holding token i continues a quotation across the window's edge."""
    edge = i - step  # the window's own token on the other side of the edge
    near = [j for j in range(i, i + 4 * step, step) if 0 <= j < size]
    return (
        0 <= edge < size
        and any(quoted[j] for j in range(edge, edge - 4 * step, -step) if 0 <= j < size)
        and any(quoted[j] for j in near)
    )
