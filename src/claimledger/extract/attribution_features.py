"""Features of parsed tokens for the attribution tagger: is a token a cue, and, given a cue,
is a token part of its source, its content, or neither.

Features read words, tags and the dependency parse only (never lemmas: the pipeline runs
without a lemmatizer); training and extraction share these functions.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def cue_features(token: Token, quoted: bool) -> list[str]:
    """Features for "is this token (part of) a cue"."""
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
    return features


def _ancestors(token: Token, limit: int = 60) -> list[Token]:
    """The token's ancestors, nearest first, at most `limit` (parses of run-on text are deep)."""
    found = []
    node = token
    while node.head.i != node.i and len(found) < limit:
        node = node.head
        found.append(node)
    return found


def _attachment(token: Token, cue: set[int], cue_head: Token) -> str:
    """How a token hangs off the cue: the dependency label under the cue that covers it,
    or how the cue itself hangs off their common ancestor."""
    if token.i in cue:
        return "cue"
    chain = [token, *_ancestors(token)]
    for below, above in zip(chain, chain[1:], strict=False):
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


def role_features(
    token: Token, cue_tokens: Sequence[Token], quoted: Sequence[bool], other_cue: bool
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
    attach = _attachment(token, cue, head)
    sent_offset = 0
    if token.sent.start != head.sent.start:
        sent_offset = -1 if token.i < first else 1
    tag = token.tag_
    q = quoted[token.i]
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
    ]
    return features


def role_window(doc: Doc, cue_tokens: Sequence[Token]) -> tuple[int, int]:
    """Token range [start, end) searched for a cue's source and content: the cue's sentence and
    its neighbours (a quotation often runs on past the cue's sentence), at most
    MAX_ROLE_WINDOW tokens either side of the cue."""
    first = min(t.i for t in cue_tokens)
    last = max(t.i for t in cue_tokens)
    sent = doc[first].sent
    start, end = sent.start, sent.end
    if start > 0:
        start = doc[start - 1].sent.start
    if end < len(doc):
        end = doc[end].sent.end
    return max(start, first - MAX_ROLE_WINDOW), min(end, last + 1 + MAX_ROLE_WINDOW)
