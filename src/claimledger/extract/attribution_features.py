"""Features of parsed tokens for the attribution tagger: is a token a cue, and, given a cue,
is a token part of its source, its content, or neither.

Features read words, tags and the dependency parse only (never lemmas: the pipeline runs
without a lemmatizer); training and extraction share these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from claimledger.extract.cues import cue_word_class

# Sentences longer than this are cut for role tagging: bounded work on run-on text.
MAX_ROLE_WINDOW = 120


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    if distance <= 25:
        return "13-25"
    return "26+"


def _word(token: Token) -> str:
    return token.lower_ if token.is_alpha or token.is_punct else token.shape_


_PHRASAL_DEPS = {"prep", "prt", "dobj", "acomp", "attr", "advmod"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each token's sentence (Token.sent walks the parse on
    every access; the taggers read it for every token)."""
    starts = [0] * len(doc)
    for sentence in doc.sents:
        starts[sentence.start : sentence.end] = [sentence.start] * len(sentence)
    return starts


def cue_features(token: Token, quoted: bool, sentence_start: int | None = None) -> list[str]:
    """Features for "is this token (part of) a cue"; `sentence_start` saves a parse walk."""
    doc = token.doc
    word = _word(token)
    head = token.head
    lex = cue_word_class(token.text) or "-"
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    child_deps = sorted({child.dep_ for child in token.children})
    features = [
        "bias",
        f"w={word}",
        f"suf={word[-3:]}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"tag_dep={token.tag_}|{token.dep_}",
        f"lex={lex}",
        f"lex_tag={lex}|{token.tag_}",
        f"w_dep={word}|{token.dep_}",
        f"head={_word(head)}",
        f"head_tag={head.tag_}",
        f"head_lex={cue_word_class(head.text) or '-'}",
        f"dep_head_lex={token.dep_}|{cue_word_class(head.text) or '-'}",
        f"dep_head={token.dep_}|{_word(head)}",
        f"head_dep={head.dep_}|{token.dep_}",
        f"gh_lex={token.dep_}|{head.dep_}|{cue_word_class(head.head.text) or '-'}",
        f"gh={token.dep_}|{head.dep_}|{_word(head.head)}",
        f"quoted={quoted}",
        f"prev={_word(prev) if prev is not None else '<s>'}",
        f"next={_word(nxt) if nxt is not None else '</s>'}",
        f"w_next={word}|{_word(nxt) if nxt is not None else '</s>'}",
        f"prev_w={_word(prev) if prev is not None else '<s>'}|{word}",
    ]
    features.extend(f"child={dep}" for dep in child_deps)
    features.extend(f"w_child={word}|{dep}" for dep in child_deps)
    if token.is_sent_start:
        features.append("sent_start")
    position = token.i - (token.sent.start if sentence_start is None else sentence_start)
    features.append(f"pos_in_sent={_bucket(position)}|{word if not token.is_alpha else '-'}")
    if prev is not None and not token.is_alpha:
        features.append(f"prev_shape={prev.shape_[:4]}|{word}|{_bucket(position)}")
    for child in token.children:
        if child.dep_ in _PHRASAL_DEPS:
            features.append(f"w_child_w={word}|{child.dep_}|{_word(child)}")
        elif child.dep_ in _SUBJECT_DEPS:
            kind = child.ent_type_ or ("PRP" if child.tag_ == "PRP" else child.tag_)
            features.append(f"subj={kind}")
            features.append(f"lex_subj={lex}|{kind}")
    if prev is not None and prev.is_punct:
        before = doc[token.i - 2] if token.i > 1 else None
        features.append(f"after_punct={prev.text}|{before.text if before is not None else '<s>'}")
    return features


def ancestors_of(token: Token, limit: int = 60) -> list[Token]:
    """The token's ancestors, nearest first, at most `limit` (parses of run-on text are deep)."""
    found: list[Token] = []
    node = token
    while node.head.i != node.i and len(found) < limit:
        node = node.head
        found.append(node)
    return found


def _attachment(
    token: Token, cue: set[int], cue_head: Token, chain: Sequence[Token] | None = None
) -> str:
    """How a token hangs off the cue: the dependency label under the cue that covers it,
    or how the cue itself hangs off their common ancestor. `chain` is the token and its
    ancestors, when the caller has it already."""
    if token.i in cue:
        return "cue"
    chain = chain or [token, *ancestors_of(token)]
    for below, above in pairwise(chain):
        if above.i in cue:
            return f"down:{below.dep_}"
    # The token is not under the cue: describe the cue's path up to the token's ancestors.
    position = {node.i: k for k, node in enumerate(chain)}
    up = []
    node = cue_head
    for _ in range(3):
        if node.i in position or node.head.i == node.i:
            break
        up.append(node.dep_)
        node = node.head
    if node.i in position:
        k = position[node.i]
        branch = chain[k - 1].dep_ if k > 0 else "self"
        return f"up:{'/'.join(up)}>{branch}"
    return "up:none"


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

    quoted: Sequence[bool]
    unquoted_prefix: Sequence[int]  # [i]: unquoted words before token i
    cue_prefix: Sequence[int]  # [i]: cue heads before token i
    quote_run: Sequence[int]  # [i]: which quotation token i is in, -1 outside quotations
    sentence_start: Sequence[int]  # [i]: first token of token i's sentence
    chains: dict[int, list[Token]]  # token i and its ancestors, filled as tokens are read

    def chain(self, token: Token) -> list[Token]:
        found = self.chains.get(token.i)
        if found is None:
            found = self.chains[token.i] = [token, *ancestors_of(token)]
        return found


def role_context(doc: Doc, quoted: Sequence[bool], heads: Iterable[int]) -> RoleContext:
    unquoted = [0]
    runs: list[int] = []
    run = -1
    previous_quoted = False
    for token in doc:
        inside = quoted[token.i]
        unquoted.append(unquoted[-1] + (not inside and not (token.is_punct or token.is_space)))
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
    return RoleContext(quoted, unquoted, cue_prefix, runs, sentence_starts(doc), {})


def _nearest_quote_run(context: RoleContext, cue: int, step: int, limit: int) -> int:
    """The quotation nearest the cue on one side (-1 if none within `limit` tokens)."""
    i = cue + step
    while 0 <= i < len(context.quote_run) and abs(i - cue) <= limit:
        if context.quote_run[i] >= 0:
            return context.quote_run[i]
        i += step
    return -1


def role_features(
    token: Token,
    cue_tokens: Sequence[Token],
    context: RoleContext,
    other_cue: bool,
) -> list[str]:
    """Features for "is this token in the source / the content of this cue"."""
    cue = {t.i for t in cue_tokens}
    head = cue_head(cue_tokens)
    cue_word = _word(head)
    first, last = min(cue), max(cue)
    if token.i < first:
        side, distance = "L", first - token.i
    elif token.i > last:
        side, distance = "R", token.i - last
    else:
        side, distance = "I", 0
    attach = _attachment(token, cue, head, context.chain(token))
    sent_offset = 0
    if context.sentence_start[token.i] != context.sentence_start[head.i]:
        sent_offset = -1 if token.i < first else 1
    tag = token.tag_
    quoted, prefix = context.quoted, context.unquoted_prefix
    q = quoted[token.i]
    # unquoted words between token and cue: 0 for a quotation running up to the cue
    if token.i < first:
        between = prefix[first] - prefix[token.i + 1]
    else:
        between = prefix[token.i] - prefix[last + 1]
    # other cues between token and cue: the token is more likely theirs
    lo, hi = min(token.i, first), max(token.i, last)
    cues_between = min(context.cue_prefix[hi] - context.cue_prefix[lo + 1], 2)
    # the quotation nearest the cue on the token's side, however long ("“...,” X said")
    run = context.quote_run[token.i]
    nearest = run >= 0 and run == _nearest_quote_run(
        context, first if token.i < first else last, -1 if token.i < first else 1, 12
    )
    cue_q = quoted[head.i]
    features = [
        "bias",
        f"att={attach}",
        f"att_side={attach}|{side}",
        f"att_tag={attach}|{tag}",
        f"att_cue={attach}|{cue_word}",
        f"side={side}",
        f"dist={side}{_bucket(distance)}",
        f"tag={tag}",
        f"dep={token.dep_}",
        f"ent={token.ent_type_ or '-'}",
        f"q={q}|{cue_q}",
        f"q_side={q}|{side}",
        f"sent={sent_offset}",
        f"sent_q={sent_offset}|{q}",
        f"cue={cue_word}",
        f"cue_tag={head.tag_}",
        f"cue_dep={head.dep_}",
        f"other_cue={other_cue}",
        f"w={_word(token)}",
        f"punct={token.is_punct}|{side}",
        f"unquoted_between={_bucket(between)}|{q}",
        f"unquoted_between_side={_bucket(between)}|{q}|{side}|{sent_offset}",
        f"cues_between={cues_between}|{side}",
        f"cues_between_att={cues_between}|{attach}",
        f"nearest_quote={nearest}|{side}|{sent_offset}",
        f"nearest_quote_other={nearest}|{other_cue}|{cues_between}",
    ]
    return features


def role_window(doc: Doc, cue_tokens: Sequence[Token], quoted: Sequence[bool]) -> tuple[int, int]:
    """Token range [start, end) searched for a cue's source and content: the cue's sentence and
    its neighbours, and further sentences while a quotation runs on, at most
    MAX_ROLE_WINDOW tokens either side of the cue."""
    first = min(t.i for t in cue_tokens)
    last = max(t.i for t in cue_tokens)
    sent = doc[first].sent
    start, end = sent.start, sent.end
    lowest, highest = max(0, first - MAX_ROLE_WINDOW), min(len(doc), last + 1 + MAX_ROLE_WINDOW)
    if start > 0:
        start = doc[start - 1].sent.start
    while start > lowest and _quote_runs_on(doc, quoted, start - 1, step=-1):
        start = doc[start - 1].sent.start
    if end < len(doc):
        end = doc[end].sent.end
    while end < highest and _quote_runs_on(doc, quoted, end, step=1):
        end = doc[end].sent.end
    return max(start, lowest), min(end, highest)


def _quote_runs_on(doc: Doc, quoted: Sequence[bool], i: int, *, step: int) -> bool:
    """Whether the sentence holding token i continues a quotation across the window's edge."""
    edge = i - step  # the window's own token on the other side of the edge
    near = [j for j in range(i, i + 4 * step, step) if 0 <= j < len(doc)]
    return (
        0 <= edge < len(doc)
        and any(quoted[j] for j in range(edge, edge - 4 * step, -step) if 0 <= j < len(doc))
        and any(quoted[j] for j in near)
    )
