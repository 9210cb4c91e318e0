"""Who states a figure: the voice of a count found in one parsed segment.

In order: the subject of a verb that states the figure itself ("police reported 12 deaths",
read in figures.py), the attribution whose content holds the figure (innermost first), a
speech verb the figure's clause hangs from in the parse ("N people were killed, an interior
ministry official said"; "He said those killed included two people"; "according to X"), and,
for a figure inside a quotation that no cue of its own governs, the speaker of the direct
quotation just before it. Otherwise the figure is the page's own statement.

Some attributions are no voice for a figure: a cue that is the figure's own event ("Brutal
attack claims 16 lives", "Islamists attack hotel, 15 killed") and a place before a headline's
colon ("Baghdad: car bomb kills 8").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract import lexicons
from claimledger.extract.annotation import context, doc_span
from claimledger.extract.doc_index import doc_children, doc_text
from claimledger.extract.gazetteer import load_gazetteer
from claimledger.extract.quotes import quoted_tokens
from claimledger.extract.sources import NamedSource, resolve_source
from claimledger.model import Attribution

__all__ = ["FigureVoice", "figure_voice"]

# Verbs by which someone states a figure (lemmas).
_VOICING_VERBS = lexicons.words("voicing_verbs")
# Cue words that name the violence a figure counts, not a voice ("attack", "claim" of lives).
_EVENT_CUES = lexicons.words("event_cue_words")
# Verbs whose object is lives lost ("claims 16 lives"), not a claim (lemmas).
_LIVES_LOST_VERBS = lexicons.words("lives_lost_verbs")
# Relations by which a count is the speech verb's own subject or object, not what it states.
_NOT_STATED = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "attr", "agent"})
# Relations that cut a source's noun phrase: "an official, who asked not to be named, said".
_NOT_IN_NAME = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp", "punct"})
# Prepositions whose phrase is part of a source's name: "the head of the health department",
# "a spokesman for the coalition", "an official in Kunar province".
_NAME_PREPOSITIONS = frozenset({"of", "for", "in", "at", "from"})
# Words a name may be made of, where the parse gave the speech verb no subject.
_NAME_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "CCONJ", "PART", "ADP", "NUM"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A city this large, named before a headline's colon, is where the news is, not who tells it.
_LARGE_CITY = 100_000
_MAX_ANCESTORS = 12
# How far (in tokens) a speech verb may stand from the count it voices.
_MAX_DISTANCE = 40
_MAX_NAME_TOKENS = 12
# How far before a figure (in sentences) the quotation it continues may have been attributed.
_QUOTE_REACH = 2
QUOTED_KEY = "claimledger.quoted"
# A headline ending in its source, set off by a dash or a colon, in lower case as wire headlines
# write it: "-regional governor", " - hospital", ": official".
_HEADLINE_SOURCE_WORDS = 4
_HEADLINE_SOURCE = re.compile(r"(?:\s[-–—]\s?|:\s)(?P<who>[a-z][\w .'’-]{1,40})\s*$")


@dataclass(frozen=True)
class FigureVoice:
    """The source's name, and the attribution it comes from (None for the page's voice or a
    speech verb the tagger did not take for a cue)."""

    name: str
    attribution: Attribution | None


def _children(token: Token) -> list[Token]:
    doc = token.doc
    return [doc[i] for i in doc_children(doc)[token.i]]


def _quoted(doc: Doc) -> list[bool]:
    found = doc.user_data.get(QUOTED_KEY)
    if not isinstance(found, list):
        found = doc.user_data[QUOTED_KEY] = quoted_tokens(doc)
    return found


def _cue_head(doc: Doc, attribution: Attribution) -> Token | None:
    if attribution.cue is None:
        return None
    words = doc_span(doc, attribution.cue)
    if words is None or len(words) == 0:
        return None
    return words.root


def usable_for(doc: Doc, attribution: Attribution, figure_tokens: Sequence[Token]) -> bool:
    """Whether an attribution may voice a figure: not when its cue is the figure's own event
    ("attack claims 16 lives"), nor a place before a headline's colon ("Baghdad: ...")."""
    cue = _cue_head(doc, attribution)
    if cue is None or attribution.cue is None:
        return True
    if lexicons.lemma(cue) in _EVENT_CUES:
        return False
    taking = lexicons.lemma(cue) in _LIVES_LOST_VERBS
    if any(
        t.i == cue.i or (taking and t.head.i == cue.i and t.lower_ in ("lives", "life"))
        for t in figure_tokens
    ):
        return False  # the figure is what the cue "claims": lives, not a claim
    colon = attribution.cue.text.strip() == ":" and attribution.source is not None
    words = doc_span(doc, attribution.source) if colon and attribution.source else None
    return words is None or not _is_place(words)


def _is_place(words: SpacySpan) -> bool:
    """A name that is a place, by its entity label or as a country, a region or a large city
    ("Burkina Faso", which the model may take for a person)."""
    if all(t.ent_type_ in _PLACE_LABELS for t in words if t.is_alpha):
        return True
    if not all(t.is_title or t.is_upper or not t.is_alpha for t in words):
        return False
    return any(
        c.feature in ("country", "admin1", "region")
        or (c.feature == "city" and (c.population or 0) >= _LARGE_CITY)
        for c in load_gazetteer().lookup(words.text)
    )


def name_tokens(subject: Token) -> list[Token]:
    """A source's noun phrase: the subject with its modifiers, appositions and "of"-phrases
    ("the head of the local health department"), without the relative clauses and asides set
    off after it ("an official, who asked not to be named,")."""
    kept = {subject.i}
    stack = [c for c in _children(subject) if _in_name(c)]
    while stack and len(kept) < _MAX_NAME_TOKENS:
        token = stack.pop()
        kept.add(token.i)
        stack.extend(c for c in _children(token) if _in_name(c))
    doc = subject.doc
    start, end = min(kept), max(kept)
    words = [t for t in doc[start : end + 1] if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    return words


def _in_name(token: Token) -> bool:
    if token.dep_ == "prep":
        return token.lower_ in _NAME_PREPOSITIONS
    return token.dep_ not in _NOT_IN_NAME


def _trailing_subject(verb: Token) -> list[Token]:
    """ "..., Iraqi police and medical sources say.": the words between the last comma and a
    sentence-final speech verb the parse gave no subject."""
    doc = verb.doc
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if following is not None and not (following.is_punct or following.is_space):
        return []
    words: list[Token] = []
    for token in reversed(doc[max(0, verb.i - _MAX_NAME_TOKENS) : verb.i]):
        if token.text == ",":
            break
        if token.pos_ not in _NAME_POS:
            return []
        words.insert(0, token)
        if token.is_sent_start:
            break
    else:
        return []  # no comma within reach: not a name set off before the verb
    return words if any(t.pos_ in ("NOUN", "PROPN") for t in words) else []


def _according_to(verb: Token) -> Token | None:
    """The pobj of an "according to X" hanging from a token."""
    for child in _children(verb):
        if child.lower_ == "according" and child.dep_ == "prep":
            for to in _children(child):
                for obj in _children(to):
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _governing(count: Token) -> tuple[Token, list[Token]] | None:
    """The nearest speech verb (or "according to") whose statement holds the count's clause,
    and the words naming who states it."""
    previous, token = count, count
    for _ in range(_MAX_ANCESTORS):
        source = _according_to(token)
        if source is not None:
            return token, name_tokens(source)
        if token.head.i == token.i:
            return None
        previous, token = token, token.head
        if abs(token.i - count.i) > _MAX_DISTANCE:
            return None
        speech = lexicons.lemma(token) in _VOICING_VERBS and token.pos_ in ("VERB", "AUX")
        if previous.dep_ in _NOT_STATED and token.i != count.i:
            if speech:
                return None  # "five people said", "told 12 reporters"
            continue
        if previous.dep_ == "ccomp" and not speech:
            return None  # "Recall that 200 died": the clause is another verb's content
        if speech:
            subjects = [c for c in _children(token) if c.dep_ == "nsubj"]
            if subjects:
                return token, name_tokens(subjects[0])
            trailing = _trailing_subject(token)
            if trailing:
                return token, trailing
    return None


def _earlier_sources(doc: Doc, attributions: Sequence[Attribution]) -> list[NamedSource]:
    """The named sources of the segment's attributions, for resolving a new mention."""
    named: list[NamedSource] = []
    for attribution in attributions:
        if attribution.source is None:
            continue
        words = doc_span(doc, attribution.source)
        if words is not None and len(words):
            named.append(NamedSource(attribution.source_name, attribution.source_kind, words.start))
    return named


def _speech_voice(
    doc: Doc, count: Token, attributions: Sequence[Attribution]
) -> FigureVoice | None:
    governing = _governing(count)
    if governing is None:
        return None
    verb, words = governing
    for attribution in attributions:
        cue = _cue_head(doc, attribution)
        if cue is not None and cue.i == verb.i and attribution.source is not None:
            return FigureVoice(attribution.source_name, attribution)
    if not words:
        return None
    mention = doc[words[0].i : words[-1].i + 1]
    page = context(doc)
    writer = NamedSource(page.voice, page.voice_kind, -1) if page.voice else None
    earlier = [s for s in _earlier_sources(doc, attributions) if s.start < mention.start]
    resolved = resolve_source(mention, earlier, writer=writer)
    return FigureVoice(resolved.name, None) if resolved.name else None


def _quotation_voice(
    doc: Doc, count: Token, attributions: Sequence[Attribution]
) -> FigureVoice | None:
    """A figure inside a quotation with no cue of its own: the speaker of the direct quotation
    attributed just before it ("..." Kolo said. "The bodies of the six victims were found")."""
    if not _quoted(doc)[count.i]:
        return None
    sentence = count.sent
    earliest = _sentence_start_before(sentence, _QUOTE_REACH)
    start = context(doc).start + doc[earliest].idx
    end = context(doc).start + count.idx
    before = [
        a
        for a in attributions
        if a.direct and a.cue is not None and a.source is not None and start <= a.content.start
        and a.content.end <= end
    ]  # fmt: skip
    if not before:
        return None
    latest = max(before, key=lambda a: a.content.end)
    return FigureVoice(latest.source_name, latest)


def _headline_voice(doc: Doc) -> FigureVoice | None:
    """A headline's source written after it: "... kills five -regional governor", "Bomb kills
    30 in mosque: official"."""
    if context(doc).kind != "title":
        return None
    found = _HEADLINE_SOURCE.search(doc_text(doc))
    if found is None:
        return None
    words = doc.char_span(found.start("who"), found.end("who"), alignment_mode="expand")
    if words is None or len(words) > _HEADLINE_SOURCE_WORDS:
        return None
    if any(t.pos_ in ("VERB", "AUX", "NUM") or t.like_num for t in words):
        return None  # "Burkina Faso: gunmen kill 12": the news itself, not who tells it
    return FigureVoice(found.group("who").strip(), None)


def _sentence_start_before(sentence: SpacySpan, count: int) -> int:
    """The first token of the sentence `count` sentences before this one (or the Doc's start)."""
    doc = sentence.doc
    start = sentence.start
    for _ in range(count):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def figure_voice(
    doc: Doc,
    count: Token,
    figure_tokens: Sequence[Token],
    attribution: Attribution | None,
    attributions: Sequence[Attribution],
) -> FigureVoice | None:
    """Who states the count beyond its innermost attribution: None keeps that attribution (or
    the page's voice). `figure_tokens` are the count's words, what it counts and its measure."""
    page_voice = context(doc).voice
    named = attribution is not None and attribution.source_name not in ("", page_voice)
    unusable = False
    if attribution is not None and named:
        if usable_for(doc, attribution, figure_tokens):
            return None
        unusable = True
    voice = _speech_voice(doc, count, attributions) or _headline_voice(doc)
    if voice is not None:
        return voice
    if attribution is None or attribution.cue is None:
        voice = _quotation_voice(doc, count, attributions)
        if voice is not None:
            return voice
    return FigureVoice(page_voice, None) if unusable else None
