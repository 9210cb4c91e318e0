"""Attribution extraction: who says what, and how, in one parsed segment of a document.

Trained taggers (weights in extract/data) mark each cue: a linear-chain CRF labels the cue words
of every sentence (eval/train_attribution_crf.py), and a word model scores the cue words of the
lexicons it leaves out (eval/train_attribution.py); a role model then gives each cue its other
words, its source and its content (direct quotes and indirect speech alike); sources are then
named and resolved, chains built, and hedges and denials flagged. Statements left without a
source belong to the outlet or byline.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from claimledger.extract import lexicons
from claimledger.extract.annotation import context, segment_key, token_span, tokens_span
from claimledger.extract.attribution_acts import is_act
from claimledger.extract.attribution_confidence import (
    CALIBRATION_FILE,
    CHAIN_CALIBRATION_FILE,
    Calibration,
    RawScores,
    load_calibration,
    mean,
)
from claimledger.extract.attribution_crf import CueChain, load_chain
from claimledger.extract.attribution_features import (
    MAX_ANCESTORS,
    ROLE_GROUPS,
    TokenTable,
    cue_head,
    cue_view,
    role_context,
    role_window,
    token_table,
)
from claimledger.extract.attribution_model import (
    AttributionTagger,
    GroupScorer,
    LinearModel,
    load_tagger,
    probability,
)
from claimledger.extract.attribution_pairs import PairScorer
from claimledger.extract.cue_scorer import CueScorer
from claimledger.extract.cues import classify_cue
from claimledger.extract.hedges import find_hedge, is_denial
from claimledger.extract.measures import STATING_VERBS, is_stating_verb, is_toll_noun
from claimledger.extract.quotes import quoted_tokens
from claimledger.extract.sources import NamedSource, resolve_source
from claimledger.model import Attribution, SourceKind, Span, record_id

# A word is a cue head from this probability on (below 0.5: recall matters more here)
CUE_THRESHOLD = 0.35
# Whether cues come from the chain tagger (attribution_crf) rather than the word model alone:
# more cues found (PolNeAR dev token F1 cue 0.648 against 0.614, content 0.803 against 0.797,
# source 0.778 against 0.780) for about 5% more CPU a page. Chosen by CLAIMLEDGER_CUES=chain.
USE_CHAIN = os.environ.get("CLAIMLEDGER_CUES", "").strip().lower() == "chain"
# Sentences shorter than this (in word tokens) are not kept as the outlet's own statements.
MIN_STATEMENT_WORDS = 4
# Words the tagger left out that may sit inside one content without splitting it (measured
# on PolNeAR dev: content token F1 0.772 with none, 0.797 with 8).
CONTENT_SLACK = 8
# A content running on both sides of its cue keeps a side only with this many words.
MIN_SIDE_WORDS = 4
_REPORTING_CLASSES = {"report"}
# Cue words by which one source passes on another's claim (lemmas).
RELAY_WORDS = lexicons.words("relay_words")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SPEAKER_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "who"})


@dataclass
class _Tagged:
    """One cue with the tokens the tagger gave to its source and content."""

    cue: list[Token]
    source: list[Token]
    content: list[Token]
    cue_probability: float = 1.0
    # the probability of the role the tagger gave each of the cue's other words, by token index
    probability: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CueTags:
    """The cues' head words in text order, how sure the cue model is of each (the highest
    probability in its run of cue words), and of each sentence, by its first token's index,
    the highest cue probability of its words."""

    heads: list[Token]
    probabilities: list[float]
    sentence_peak: dict[int, float]
    # the other words of each cue the chain found, by head index ({} from the word model)
    words: dict[int, list[int]] = field(default_factory=dict)


# Parts of speech whose words the tagger never takes for cue heads (checked on the dev split and
# 300 train articles: none of their words scores above 0.06, so leaving them unscored changes no
# output). Punctuation stays: a colon can be a cue.
NEVER_CUE_POS = frozenset(
    {"SPACE", "DET", "CCONJ", "NUM", "SYM", "PRON", "PART", "SCONJ", "X", "INTJ"}
)
NEVER_CUE_IDS = frozenset(POS_IDS[pos] for pos in NEVER_CUE_POS)


@lru_cache(maxsize=1)
def _role_scorer() -> PairScorer:
    """The shipped tagger's role model, scoring grouped features."""
    return PairScorer(GroupScorer(load_tagger().role, ROLE_GROUPS))


_OTHER_SCORERS: dict[int, PairScorer] = {}


def _scorer_of(tagger: AttributionTagger | None) -> PairScorer:
    """The role scorer of a tagger other than the shipped one (one trained on some folds)."""
    if tagger is None:
        return _role_scorer()
    key = id(tagger.role)
    found = _OTHER_SCORERS.get(key)
    if found is None or found.groups.model is not tagger.role:
        _OTHER_SCORERS.clear()
        found = _OTHER_SCORERS[key] = PairScorer(GroupScorer(tagger.role, ROLE_GROUPS))
    return found


_CUE_SCORERS: list[CueScorer] = []


def _cue_scorer(model: LinearModel) -> CueScorer:
    """The cue scorer of a model, kept while the same model is asked for."""
    if not _CUE_SCORERS or _CUE_SCORERS[0].model is not model:
        _CUE_SCORERS[:] = [CueScorer(model)]
    return _CUE_SCORERS[0]


def clear_score_caches() -> None:
    """Forget the kept group scores (a benchmark repeating the same texts clears them, so that no
    pass reads scores kept from the texts' previous pass). The cue scorer itself stays: its
    weights by feature parts are the model's, read from no text."""
    _role_scorer().clear()
    for scorer in _CUE_SCORERS:
        scorer.clear()
    _OTHER_SCORERS.clear()


def tag_cues(
    doc: Doc,
    quoted: Sequence[bool],
    table: TokenTable | None = None,
    tagger: AttributionTagger | None = None,
) -> CueTags:
    """The head word of every cue ("said" in "has said in a statement"), in text order."""
    table = table or token_table(doc)
    model = (tagger or load_tagger()).cue
    chain = tagger.chain if tagger is not None else load_chain() if USE_CHAIN else None
    if chain is not None:
        return _chain_cues(doc, quoted, table, chain, model)
    scorer = _cue_scorer(model)
    never = {i for i, pos in enumerate(doc.to_array([POS]).tolist()) if pos in NEVER_CUE_IDS}
    stating = _stating_verbs(doc)
    tags = CueTags([], [], {})
    peaks = tags.sentence_peak
    run: list[Token] = []
    top = 0.0
    for i in range(len(table.words)):
        p = 0.0

        if i in stating and _puts_a_figure(doc[i]):
            p = 1.0
        elif i not in never:
            p = scorer.probability(table, i, quoted[i])
        sentence = table.sentence_start[i]
        if p > peaks.get(sentence, 0.0):
            peaks[sentence] = p
        if p >= CUE_THRESHOLD and (not run or not table.sent_starts[i]):
            run.append(doc[i])
            top = max(top, p)
            continue
        if run:
            tags.heads.append(cue_head(run))
            tags.probabilities.append(top)
        run, top = ([doc[i]], p) if p >= CUE_THRESHOLD else ([], 0.0)
    if run:
        tags.heads.append(cue_head(run))
        tags.probabilities.append(top)
    return tags


def _chain_cues(
    doc: Doc, quoted: Sequence[bool], table: TokenTable, chain: CueChain, model: LinearModel
) -> CueTags:
    """The cues of the chain: each run of cue words, its head and its probability. A cue word
    of the lexicons the chain leaves out is a cue where the word model takes it for one: the
    chain learnt from annotations that give each word one role, and rarely puts a cue inside
    another's content ("According to X, a U.S. official said ...")."""
    found = chain.tag(table, quoted)
    tags = CueTags([], [], {})
    in_cue = list(found.in_cue)
    taken: set[int] = set()
    runs: list[tuple[int, list[int], float]] = []
    for start, end, p in found.spans:
        words = [i for i in range(start, end + 1) if not table.space[i]]
        runs.append((cue_head([doc[i] for i in words]).i, words, p))
        taken.update(words)
    scorer = _cue_scorer(model)
    stating = _stating_verbs(doc)
    for i, lex in enumerate(table.lexes):
        if i in taken:
            continue
        if i in stating and _puts_a_figure(doc[i]):
            runs.append((i, [i], 1.0))
        elif lex != "-":
            p = scorer.probability(table, i, quoted[i])
            in_cue[i] = max(in_cue[i], p)
            if p >= CUE_THRESHOLD:
                runs.append((i, [i], p))
    for i, words, p in sorted(runs):
        tags.heads.append(doc[i])
        tags.probabilities.append(p)
        tags.words[i] = words
    peaks = tags.sentence_peak
    for i, p in enumerate(in_cue):
        sentence = table.sentence_start[i]
        if p > peaks.get(sentence, 0.0):
            peaks[sentence] = p
    return tags


def _stating_verbs(doc: Doc) -> set[int]:
    """The tokens `is_stating_verb` holds for, their lemmas read in one array: only those can
    put a figure."""
    strings = doc.vocab.strings
    lemmas = doc.to_array([LEMMA]).tolist()
    maybe = {key for key in set(lemmas) if not key or strings[key].lower() in STATING_VERBS}
    return {i for i, key in enumerate(lemmas) if key in maybe and is_stating_verb(doc[i])}


def _puts_a_figure(token: Token) -> bool:
    """"X put the death toll at 100": an estimate by X, a cue the tagger rarely saw."""
    if not is_stating_verb(token):
        return False
    children = list(token.children)
    has_object = any(c.dep_ == "dobj" and is_toll_noun(c) for c in children)
    has_subject = any(c.dep_ == "nsubj" for c in children)
    return has_object and has_subject and any(c.lower_ == "at" for c in children)


def tag_roles(
    doc: Doc,
    heads: Sequence[Token],
    quoted: Sequence[bool],
    table: TokenTable | None = None,
    tagger: AttributionTagger | None = None,
    cue_words: dict[int, list[int]] | None = None,
) -> list[_Tagged]:
    """The rest of each cue, its source and its content. A token claimed by several cues goes
    to the nearest cue that governs it in the parse, else to the one that claims it most surely
    ("According to Bloomberg, a U.S. official said ...": "a U.S. official" is said's source)."""
    head_of = {t.i: k for k, t in enumerate(heads)}
    cue_words = cue_words or {}
    taken = {i for words in cue_words.values() for i in words}
    context = role_context(doc, quoted, head_of, table)
    scorer = _scorer_of(tagger)
    classes = scorer.groups.model.classes
    none = classes.index("none")
    best: dict[int, tuple[bool, float, int, str]] = {}
    # the tokens a cue may claim: no whitespace, no cue head, no word of a chain's cue
    free = ~np.array(context.table.space, dtype=bool)
    free[list(head_of)] = False
    free[list(taken)] = False
    views, windows = [], []
    for k, head in enumerate(heads):
        start, end = role_window(context.table, head.i, quoted)
        other_cue = any(head_of.get(i, k) != k for i in range(start, end))
        views.append(cue_view(context, head.i, other_cue))
        windows.append(np.flatnonzero(free[start:end]) + start)
    tokens, owners, scores = scorer.scores(context, views, windows)
    tops = scores.argmax(axis=1)
    claimed = np.flatnonzero(tops != none)
    governor: dict[int, int] = {}
    found = (tokens[claimed], owners[claimed], scores[claimed], tops[claimed])
    for i, k, row, top in zip(*(column.tolist() for column in found), strict=True):
        if i not in governor:
            governor[i] = _governing_cue(context.table.heads, i, head_of)
        claim = (governor[i] == k, probability(row, top), k, classes[top])
        if i not in best or claim[:2] > best[i][:2]:
            best[i] = claim
    tagged = [_Tagged(cue=[head], source=[], content=[]) for head in heads]
    extra_cue: list[set[int]] = [set(cue_words.get(head.i, ())) for head in heads]
    for i in sorted(best):
        _, p, k, label = best[i]
        tagged[k].probability[i] = p
        if label == "cue":
            extra_cue[k].add(i)
        else:
            (tagged[k].source if label == "source" else tagged[k].content).append(doc[i])
    for item, extra in zip(tagged, extra_cue, strict=True):
        item.cue = _grow(item.cue[0], extra)
        if _puts_a_figure(item.cue[0]):
            item.content = _figure_phrase(item.cue[0])
    return tagged


def _figure_phrase(verb: Token) -> list[Token]:
    """What an estimate puts: "the death toll at about 100, with 200 to 300 injured"."""
    after = [c for c in verb.children if c.i > verb.i and not (c.is_punct or c.dep_ == "cc")]
    after = [c for c in after if c.dep_ not in {"conj", "advcl", "ccomp", "parataxis"}]
    if not after:
        return []
    doc = verb.doc
    return list(doc[after[0].left_edge.i : after[-1].right_edge.i + 1])


def _governing_cue(heads: Sequence[int], i: int, head_of: dict[int, int]) -> int:
    """The cue whose head is token i's nearest ancestor in the parse (at most MAX_ANCESTORS
    steps up); -1 if none."""
    node = i
    for _ in range(MAX_ANCESTORS):
        if heads[node] == node:
            break
        node = heads[node]
        if node in head_of:
            return head_of[node]
    return -1


def _grow(head: Token, extra: set[int]) -> list[Token]:
    """The head with the cue words right next to it, on either side ("has said in a statement").

    A whitespace token between two cue words does not split the cue ("has\nacknowledged"), and
    "in part" right after the head belongs to it ("said in part"). Rules for auxiliaries,
    negation, particles and "according to" were measured too (out-of-fold on PolNeAR train)
    and changed nothing: the role tagger already gives those words to the cue.
    """
    doc = head.doc
    words = extra | _in_part(head)
    start = end = head.i
    while (before := _next_cue_word(doc, start, -1, words)) is not None:
        start = before
    while (after := _next_cue_word(doc, end, 1, words)) is not None:
        end = after
    return list(doc[start : end + 1])


def _next_cue_word(doc: Doc, i: int, step: int, words: set[int]) -> int | None:
    """The cue word next to token i in direction `step` (-1 or 1), across whitespace tokens;
    None where the next word is no cue word."""
    j = i + step
    while 0 <= j < len(doc) and doc[j].is_space:
        j += step
    return j if 0 <= j < len(doc) and j in words else None


def _in_part(head: Token) -> set[int]:
    """ "said in part": the words marking a partial quotation, right after the head."""
    doc = head.doc
    i = head.i
    if i + 2 < len(doc) and doc[i + 1].lower_ == "in" and doc[i + 2].lower_ == "part":
        return {i + 1, i + 2}
    return set()


def _runs(tokens: Sequence[Token], bridge: set[int], slack: int = 0) -> list[list[Token]]:
    """Group tokens into runs; a gap made only of `bridge` tokens or punctuation, give or take
    `slack` other words, is bridged."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs:
            last = runs[-1][-1]
            if token.i == last.i + 1:  # no gap
                runs[-1].append(token)
                continue
            gap = token.doc[last.i + 1 : token.i]
            others = sum(not (t.i in bridge or t.is_punct or t.is_space) for t in gap)
            if others <= slack:
                runs[-1].append(token)
                continue
        runs.append([token])
    return runs


def _pick_spans(tagged: _Tagged) -> tuple[list[Token], list[Token]]:
    """The source run nearest the cue, and the largest content run (bridging the cue and
    source, as in "“...,” he said, “...”")."""
    cue_start = tagged.cue[0].i
    source: list[Token] = []
    if tagged.source:
        runs = _runs(tagged.source, set())
        source = min(runs, key=lambda run: min(abs(t.i - cue_start) for t in run))
    bridge = {t.i for t in tagged.cue} | {t.i for t in source}
    content: list[Token] = []
    if tagged.content:
        content = max(_runs(tagged.content, bridge, CONTENT_SLACK), key=len)
        before = [t for t in content if t.i < cue_start]
        after = [t for t in content if t.i > tagged.cue[-1].i]
        if before and after:
            # content on both sides of the cue: keep a side only if it says something
            # ("“...,” Figueroa told USA Today": the addressee is no content)
            sides = [side for side in (before, after) if _word_count(side) >= MIN_SIDE_WORDS]
            content = [t for side in sides for t in side] or max(before, after, key=len)
    return source, _without_trailing_conjunction(content)


def _without_trailing_conjunction(content: list[Token]) -> list[Token]:
    """ "the number was five and" (before "denied ...", a cue of its own): without the "and"."""
    if not content or content[-1].dep_ != "cc":
        return content
    content = content[:-1]
    while content and (content[-1].is_punct or content[-1].is_space):
        content = content[:-1]
    return content


def _word_count(tokens: Sequence[Token]) -> int:
    return sum(not (t.is_punct or t.is_space) for t in tokens)


def find_attributions(doc: Doc, *, include_unattributed: bool = True) -> list[Attribution]:
    """Attributions in one parsed segment's Doc, each with its calibrated confidence.

    With `include_unattributed`, every sentence outside all attributions is returned too, as a
    statement of the page's voice (its outlet, or byline), without cue or source.
    """
    found = scored_attributions(
        doc, include_unattributed=include_unattributed, calibration=shipped_calibration()
    )
    return [attribution for attribution, _ in found]


def shipped_calibration() -> Calibration | None:
    """The shipped calibration of the taggers in use (with the cue chain or without)."""
    return load_calibration(CHAIN_CALIBRATION_FILE if USE_CHAIN else CALIBRATION_FILE)


def scored_attributions(
    doc: Doc,
    *,
    include_unattributed: bool = True,
    tagger: AttributionTagger | None = None,
    calibration: Calibration | None = None,
    cues: CueTags | None = None,
) -> list[tuple[Attribution, RawScores]]:
    """Attributions with the tagger's raw scores of each, found by `tagger` (the shipped one if
    None); with a `calibration`, each carries the confidence it gives. `cues`, where given, are
    taken as they are instead of tagged (annotated cues, to measure the rest alone)."""
    if len(doc) == 0:
        return []
    quoted = quoted_tokens(doc)
    table = token_table(doc)
    if cues is None:
        cues = tag_cues(doc, quoted, table, tagger)
    tagged = tag_roles(doc, cues.heads, quoted, table, tagger, cues.words)
    for item, cue_probability in zip(tagged, cues.probabilities, strict=True):
        item.cue_probability = cue_probability
    token_probability = {i: p for item in tagged for i, p in item.probability.items()}
    segment_id = segment_key(doc)
    page = context(doc)
    base = page.start  # in the ids: one sentence at two places of a page is two records
    owner, owner_kind = page.voice, page.voice_kind
    root = (owner,) if owner else ()
    writer = NamedSource(owner, owner_kind, -1) if owner else None
    everything = sorted(((t, *_pick_spans(t)) for t in tagged), key=lambda p: p[0].cue[0].i)
    everything = [p for p in everything if not _an_act(p[0], p[2], quoted)]
    relays = _relays(everything)
    everything = _relayed_claims(everything)
    shared_subjects = _shared_subjects(everything)
    picked = [(t, source, content) for t, source, content in everything if content]
    picked = _quotes_run_on(picked, quoted)
    named: list[NamedSource] = []
    results: list[tuple[Attribution, RawScores]] = []
    content_ranges: list[tuple[int, int, tuple[str, ...]]] = []
    reporters: list[NamedSource] = []
    for item, own_source, content_tokens in picked:
        cue_span = tokens_span(item.cue)
        cue_class = classify_cue(cue_span.text)
        content = tokens_span(content_tokens)
        relay_source, cited = relays.get(id(item), ([], []))
        source_tokens = own_source or relay_source or shared_subjects.get(id(item), [])
        if source_tokens:
            mention = doc[source_tokens[0].i : source_tokens[-1].i + 1]
            resolved = resolve_source(mention, named, writer=writer)
            named.append(resolved)
            source: Span | None = tokens_span(source_tokens)
            name, kind = resolved.name, resolved.kind
        else:
            source, name, kind = None, owner, owner_kind
        chain = _chain(item.cue[0].i, name, kind, root, content_ranges, reporters)
        if own_source and relay_source:  # "According to X, Y said": X relays Y
            relay_mention = doc[relay_source[0].i : relay_source[-1].i + 1]
            relay = resolve_source(relay_mention, named, writer=writer)
            chain = (*root, relay.name, name)
        elif cited and source_tokens:  # "X, citing Y, said": X relays Y
            chain = (*root, name, tokens_span(cited).text)
        if source_tokens and cue_class in _REPORTING_CLASSES and kind == "organization":
            reporters.append(NamedSource(name, kind, source_tokens[0].i))
        content_ranges.append((content_tokens[0].i, content_tokens[-1].i, chain))
        # a hedge in the claim, or framing it ("It’s unclear when X learned ...")
        hedge = find_hedge(content.text) or find_hedge(item.cue[0].sent.text)
        direct = _mostly_quoted(content_tokens, quoted)
        raw = RawScores(
            statement=False,
            cue=item.cue_probability,
            source=_mean_of(source_tokens, token_probability) if source_tokens else None,
            content=_mean_of(content_tokens, token_probability, item.cue_probability),
            borrowed_source=not own_source and bool(source_tokens),
            direct=direct,
            content_words=_word_count(content_tokens),
        )
        results.append((
            Attribution(
                id=record_id(
                    "attribution", segment_id, base, content.start, content.end, cue_span.start
                ),
                content=content,
                direct=direct,
                cue=cue_span,
                cue_class=cue_class,
                source=source,
                source_name=name,
                source_kind=kind,
                chain=chain,
                denial=is_denial(cue_class, content.text),
                hedged=hedge is not None,
                hedge=hedge,
                confidence=calibration.confidence(raw) if calibration else None,
            ),
            raw,
        ))
    if include_unattributed:
        voice = _Voice(base, segment_id, owner, owner_kind, root)
        results.extend(_unattributed(doc, table, picked, voice, cues.sentence_peak, calibration))
    return sorted(results, key=lambda found: (found[0].content.start, found[0].content.end))


def _quotes_run_on(
    picked: list[tuple[_Tagged, list[Token], list[Token]]], quoted: Sequence[bool]
) -> list[tuple[_Tagged, list[Token], list[Token]]]:
    """A claim's quotation is all of it: content that begins or ends inside a quotation grows
    to the quotation's marks, and quoted sentences right after the claim, with no attribution
    of their own, are more of the same speaker's words ("“...,” said X, a farmer who ....
    “...”", "He said the plan failed. “...”"). Words another attribution holds stop both."""
    if not picked:
        return picked
    doc = picked[0][0].cue[0].doc
    held = Counter(t.i for item, source, content in picked for t in {*item.cue, *source, *content})
    result = []
    for item, source, content in picked:
        own = {t.i for t in (*item.cue, *source, *content)}
        content = _to_the_marks(content, quoted, held, own)
        held.update(t.i for t in content if t.i not in own)
        sentence = doc[max(t.i for t in (*item.cue, *source, *content))].sent
        while sentence.end < len(doc):
            following = doc[sentence.end].sent
            words = [t for t in following if not (t.is_space or t.is_punct)]
            if not words or any(held[t.i] for t in following):
                break
            if not (quoted[words[0].i] and _mostly_quoted(words, quoted)):
                break
            extra = [t for t in following if quoted[t.i] or t.is_punct]
            gap = doc[content[-1].i + 1 : extra[0].i]
            content = [*content, *[t for t in gap if not t.is_space], *extra]
            held.update(t.i for t in following)
            sentence = following
        result.append((item, source, content))
    return result


def _to_the_marks(
    content: list[Token], quoted: Sequence[bool], held: Counter[int], own: set[int]
) -> list[Token]:
    """Content grown, at an end that lies inside a quotation, over the quotation's words that
    no other attribution holds (`held` counts each word's attributions, `own` are this one's),
    up to its mark (whitespace crossed)."""
    doc = content[0].doc

    def free(i: int) -> bool:
        return quoted[i] and held[i] == (i in own)

    start, end = content[0].i, content[-1].i
    if free(start):
        while start > 0 and (free(start - 1) or doc[start - 1].is_space):
            start -= 1
    if free(end):
        while end + 1 < len(doc) and (free(end + 1) or doc[end + 1].is_space):
            end += 1
    before = [t for t in doc[start : content[0].i] if not t.is_space]
    after = [t for t in doc[content[-1].i + 1 : end + 1] if not t.is_space]
    return [*before, *content, *after]


def _mean_of(
    tokens: Sequence[Token], probability: dict[int, float], default: float = 0.5
) -> float:
    """The mean probability of the tokens the tagger scored (`default` if it scored none: the
    phrase an estimate puts, found by rule)."""
    scored = [probability[t.i] for t in tokens if t.i in probability]
    return mean(scored) if scored else default


def _an_act(item: _Tagged, content: Sequence[Token], quoted: Sequence[bool]) -> bool:
    """Whether a cue reports a deed, not speech ("attacked a base")."""
    return is_act(cue_head(item.cue), quoted_content=_mostly_quoted(content, quoted))


def _mostly_quoted(tokens: Sequence[Token], quoted: Sequence[bool]) -> bool:
    return sum(quoted[t.i] for t in tokens) * 2 > len(tokens)


def _relays(
    picked: Sequence[tuple[_Tagged, list[Token], list[Token]]],
) -> dict[int, tuple[list[Token], list[Token]]]:
    """Cues hanging off another cue relay its source ("X, citing Y, said ...", "According to
    X, Y said ..."): id of the governing cue's item -> (the relay's source, what it cites).
    A relaying clause ("citing Y") needs no source of its own: its subject is the governing
    cue's."""
    by_head = {cue_head(item.cue).i: item for item, _, _ in picked}
    relays: dict[int, tuple[list[Token], list[Token]]] = {}
    for item, source, content in picked:
        governing = by_head.get(cue_head(item.cue).head.i)
        if not _relaying(item) or governing is None or governing is item:
            continue
        if source or (_hanging_clause(item) and content):
            relays[id(governing)] = (source, content)
    return relays


def _relaying(item: _Tagged) -> bool:
    return any(lexicons.lemma(t) in RELAY_WORDS for t in item.cue)


def _relayed_claims(
    found: Sequence[tuple[_Tagged, list[Token], list[Token]]],
) -> list[tuple[_Tagged, list[Token], list[Token]]]:
    """A relaying cue left with no content of its own, a word or three at most ("And,
    according to Bloomberg, she was alluding to the battle": the words are the inner cue's),
    relays the whole inner attribution: its source, cue and content."""
    by_head = {cue_head(item.cue).i: (item, source, content) for item, source, content in found}
    result = []
    for item, source, content in found:
        inner = by_head.get(cue_head(item.cue).head.i)
        short = _word_count(content) < MIN_SIDE_WORDS
        if short and source and _relaying(item) and inner is not None and inner[0] is not item:
            words = [t.i for t in (*inner[0].cue, *inner[1], *inner[2])]
            doc = item.cue[0].doc
            content = [t for t in doc[min(words) : max(words) + 1] if not t.is_space]
        result.append((item, source, content))
    return result


def _shared_subjects(
    picked: Sequence[tuple[_Tagged, list[Token], list[Token]]],
) -> dict[int, list[Token]]:
    """Coordinated cues share their subject ("it said the number was five and denied that
    ..."), as a relaying or participle clause shares the one of the cue it hangs on ("Reuters,
    citing a U.S. official, said", "he said, adding that ..."): id of a sourceless cue's item ->
    the source of that other cue. The parse
    often joins the second verb to the first one's claim ("was ... and denied"); a claim whose
    own subject cannot speak ("the number") passes the conjoined cue on to the cue above it."""
    by_head = {cue_head(item.cue).i: (item, source) for item, source, _ in picked}
    shared: dict[int, list[Token]] = {}
    for item, source, _ in picked:
        head = cue_head(item.cue)
        hanging = _hanging_clause(item)
        if source or (head.dep_ != "conj" and not hanging) or _own_subject(head) is not None:
            continue
        first = by_head.get(head.head.i)
        if first is None and not hanging and head.head.dep_ == "ccomp" and not _may_speak(
            head.head
        ):
            first = by_head.get(head.head.head.i)
        if first is not None and first[1]:
            shared[id(item)] = first[1]
    return shared


def _hanging_clause(item: _Tagged) -> bool:
    """Whether a cue is a clause on the verb above it, speaking with that verb's subject: a
    relaying one ("X, citing Y, said") or a participle ("he said, adding that ...")."""
    head = cue_head(item.cue)
    return head.dep_ == "advcl" and (_relaying(item) or head.tag_ == "VBG")


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _may_speak(verb: Token) -> bool:
    """Whether a verb's subject could be a speaker: a name of a person, group or place, or a
    pronoun for one ("he", "they"), not "the number"."""
    subject = _own_subject(verb)
    if subject is None:
        return False
    if subject.ent_type_ in SPEAKER_ENTITIES or subject.lower_ in SPEAKER_PRONOUNS:
        return True
    return subject.lower_ in lexicons.words("people_nouns")


def _chain(
    cue_index: int,
    name: str,
    kind: SourceKind,
    root: tuple[str, ...],
    content_ranges: Sequence[tuple[int, int, tuple[str, ...]]],
    reporters: Sequence[NamedSource],
) -> tuple[str, ...]:
    """Who relays whom: a cue inside another claim's content extends that claim's chain;
    an anonymous source extends the nearest preceding reporting organization (or the one
    its own name mentions, as in "the Bloomberg source")."""
    if root and name == root[0]:  # the outlet speaking for itself ("as we reported")
        return root
    for start, end, outer in reversed(content_ranges):
        if start <= cue_index <= end:
            return (*outer, name) if name and name not in outer else outer
    if kind == "anonymous" and reporters:
        relay = next((r for r in reversed(reporters) if r.name in name), reporters[-1])
        return (*root, relay.name, name)
    if not name or (root and name == root[0]):
        return root
    return (*root, name)


@dataclass(frozen=True)
class _Voice:
    """Where a segment is, and whose voice its own statements are."""

    base: int
    segment_id: str
    owner: str
    owner_kind: SourceKind
    root: tuple[str, ...]


def _unattributed(
    doc: Doc,
    table: TokenTable,
    picked: Sequence[tuple[_Tagged, list[Token], list[Token]]],
    voice: _Voice,
    sentence_peak: dict[int, float],
    calibration: Calibration | None,
) -> list[tuple[Attribution, RawScores]]:
    """The sentences no attribution touches: statements of the outlet or author."""
    covered: set[int] = set()
    for item, source_tokens, content_tokens in picked:
        covered.update(t.i for t in item.cue)
        covered.update(range(source_tokens[0].i, source_tokens[-1].i + 1) if source_tokens else ())
        covered.update(range(content_tokens[0].i, content_tokens[-1].i + 1))
    statements = []
    sentences = sorted(set(zip(table.sentence_start, table.sentence_end, strict=True)))
    for start, end in sentences:
        if any(i in covered for i in range(start, end)):
            continue
        kept = [i for i in range(start, end) if not table.space[i]]
        words = sum(not table.punct[i] for i in kept)
        if words < MIN_STATEMENT_WORDS:
            continue
        content = token_span(doc[kept[0]], doc[kept[-1]])
        hedge = find_hedge(content.text)
        raw = RawScores(
            statement=True,
            cue=sentence_peak.get(start, 0.0),
            source=None,
            content=0.0,
            borrowed_source=False,
            direct=False,
            content_words=words,
        )
        statements.append((
            Attribution(
                id=record_id("statement", voice.segment_id, voice.base, content.start, content.end),
                content=content,
                direct=False,
                source_name=voice.owner,
                source_kind=voice.owner_kind,
                chain=voice.root,
                denial=is_denial(None, content.text),
                hedged=hedge is not None,
                hedge=hedge,
                confidence=calibration.confidence(raw) if calibration else None,
            ),
            raw,
        ))
    return statements
