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
from claimledger.extract.measures import is_toll_noun
from claimledger.extract.quotes import quoted_tokens
from claimledger.extract.sources import NamedSource, resolve_source
from claimledger.model import Attribution

__all__ = ["FigureVoice", "figure_voice", "spoken_name"]

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
_NAME_PREPOSITIONS = frozenset({"of", "for", "in", "at", "from", "by"})
# Words a name may be made of, where the parse gave the speech verb no subject.
_NAME_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "CCONJ", "PART", "ADP", "NUM"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A city this large, named before a headline's colon, is where the news is, not who tells it.
_LARGE_CITY = 100_000
_MAX_ANCESTORS = 12
# How far (in tokens) a speech verb may stand from the count it voices.
_MAX_DISTANCE = 40
_MAX_NAME_TOKENS = 12
# How far (in tokens) a speech verb ending the sentence may stand from the count it voices.
_TRAILING_REACH = 60
# How far before a figure (in sentences) the quotation it continues may have been attributed.
_QUOTE_REACH = 2
QUOTED_KEY = "claimledger.quoted"
# How far after a quoted count (in tokens) the cue closing its quotation may stand.
_QUOTE_SPAN = 120
# How far after a quotation's closing mark its cue may come ('" Mohamed Hussein, a police
# major, told Reuters').
_CUE_AFTER_QUOTE = 12
_QUOTE_MARKS = frozenset({'"', "”", "“", "''", "»", "«"})
# A headline ending in its source, set off by a dash or a colon, in lower case as wire headlines
# write it: "-regional governor", " - hospital", ": official".
_HEADLINE_SOURCE_WORDS = 4
# "... in Zamfara - Police", "... of Mykolaiv: Region's governor": a capitalised source after a
# spaced dash or a colon, when it names a voice.
_HEADLINE_SOURCE_TITLED = re.compile(r"(?:\s[-–—]|:)\s(?P<who>[A-Z][\w .'’-]{1,40})\s*$")
# "Afghan official: Insurgents attack ...": a voice named before a headline's colon.
_HEADLINE_SOURCE_BEFORE = re.compile(r"^(?P<who>[^:\n]{2,40}):\s")
_SOURCE_WORDS = (
    lexicons.words("anonymous_source_words")
    | lexicons.words("organization_words")
    | lexicons.words("person_roles")
)
# "Findings revealed that four were killed": what a reporter's own inquiries show is the
# page's statement, not a voice of its own (lemmas).
_INQUIRY_NOUNS = frozenset({"finding", "investigation", "inquiry", "enquiry"})
# "The initial toll provided by officials was 24 dead": verbs by which someone gives a toll.
_TOLL_GIVING = frozenset({"provide", "give", "release", "announce", "issue", "publish", "report"})
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
    if figure_tokens and _paragraph_between(doc, max(t.i for t in figure_tokens), cue.i):
        return False  # a cue in a later paragraph ("...," \n According to the official, ...)
    if attribution.source_name.lower().split()[:1] in (["no"], ["nobody"], ["none"]):
        return False  # "No one has claimed the attack, which killed eight"
    source = doc_span(doc, attribution.source) if attribution.source is not None else None
    if source is not None and len(source) and _inquiry(list(source)):
        return False  # "Findings revealed that four people were killed"
    taking = lexicons.lemma(cue) in _LIVES_LOST_VERBS
    if any(
        t.i == cue.i or (taking and t.head.i == cue.i and t.lower_ in ("lives", "life"))
        for t in figure_tokens
    ):
        return False  # the figure is what the cue "claims": lives, not a claim
    colon = attribution.cue.text.strip() == ":" and attribution.source is not None
    words = doc_span(doc, attribution.source) if colon and attribution.source else None
    return words is None or not _is_place(words)


def _paragraph_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a paragraph ends between two tokens (a line break after the first)."""
    return any(_line_end(t) for t in doc[start:end])


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
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # "a statement released by the military's media wing": who released it is named
        return any(c.dep_ == "agent" for c in _children(token))
    return token.dep_ not in _NOT_IN_NAME


def _trailing_subject(verb: Token, at_end: bool = False) -> list[Token]:
    """ "..., Iraqi police and medical sources say.": the words between the last comma and a
    sentence-final speech verb the parse gave no subject (`at_end`: the caller knows it ends
    the sentence, "said Monday.")."""
    doc = verb.doc
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if not at_end and following is not None and not (following.is_punct or following.is_space):
        return []
    words: list[Token] = []
    end = verb.i
    if end > 1 and doc[end - 1].text == "," and doc[end - 2].pos_ == "PROPN":
        end -= 1  # "..., the military's media wing, ISPR, said": the name set off before it
    for token in reversed(doc[max(0, end - _MAX_NAME_TOKENS) : end]):
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


def _inquiry(words: Sequence[Token]) -> bool:
    """ "Findings", "Investigations", "our investigation": a reporter's inquiries, not a voice;
    "a UN investigation" names who made it."""
    heads = [t for t in words if t.head.i == t.i or not words[0].i <= t.head.i <= words[-1].i]
    return (
        len(heads) == 1
        and lexicons.lemma(heads[0]) in _INQUIRY_NOUNS
        and not any(t.pos_ == "PROPN" for t in words)
        and not any(c.dep_ in ("prep", "agent") for c in _children(heads[0]))
    )


def _toll_giver(count: Token) -> tuple[Token, list[Token]] | None:
    """ "The initial toll provided by officials was 24 dead and 28 wounded": the agent of the
    verb by which a toll holding the count was given."""
    token = count
    for _ in range(_MAX_ANCESTORS):
        for toll in _children(token):
            if toll.dep_ not in ("nsubj", "nsubjpass") or not is_toll_noun(toll):
                continue
            for given in _children(toll):
                if given.dep_ != "acl" or lexicons.lemma(given) not in _TOLL_GIVING:
                    continue
                for agent in _children(given):
                    people = [p for p in _children(agent) if p.dep_ == "pobj"]
                    if agent.dep_ == "agent" and people:
                        return given, name_tokens(people[0])
        if token.head.i == token.i or abs(token.head.i - count.i) > _MAX_DISTANCE:
            return None
        token = token.head
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
            if subjects and _negative(subjects[0]):
                return None  # "No one has claimed the attack, which killed eight"
            if subjects:
                return token, name_tokens(subjects[0])
            trailing = _trailing_subject(token) or _participle_subject(token)
            if trailing:
                return token, trailing
    return None


def _participle_subject(verb: Token) -> list[Token]:
    """ "The group claimed the attack, saying its men killed 14": a speech participle set off
    after a clause speaks for that clause's subject (or, where the tagger took an acronym for
    a verb, "IS claimed ...", for the capitalised words opening the sentence)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head.i >= verb.i:
        return []
    clause = verb.head
    subjects = [c for c in _children(clause) if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return [] if _negative(subjects[0]) else name_tokens(subjects[0])
    opening = list(clause.doc[clause.sent.start : clause.i])
    if 0 < len(opening) <= 3 and all(t.is_upper and t.is_alpha for t in opening):
        return opening
    return []


def _trailing(count: Token) -> tuple[Token, list[Token]] | None:
    """ "N were killed and M injured in shelling, local doctors said Monday.": a speech verb that
    ends the count's sentence (whatever the parse made of it) and who it gives as speaker."""
    doc = count.doc
    sentence = count.sent
    end = min(sentence.end, count.i + _TRAILING_REACH)
    for verb in reversed(doc[count.i + 1 : end]):
        if lexicons.lemma(verb) not in _VOICING_VERBS or verb.pos_ != "VERB":
            continue
        after = doc[verb.i + 1 : _own_words_end(verb, sentence.end)]
        if any(t.pos_ in ("VERB", "AUX") for t in after) or not all(
            t.is_punct or t.is_space or verb in t.ancestors for t in after
        ):
            return None  # what follows is what the verb says: an ordinary cue, not a trailing one
        subjects = [
            c
            for c in _children(verb)
            if c.dep_ == "nsubj" and count.i < c.i < verb.i and count not in c.subtree
        ]
        if subjects:
            return verb, name_tokens(max(subjects, key=lambda t: t.i))
        trailing = _trailing_subject(verb, at_end=True)
        return (verb, trailing) if trailing else None
    return None


def _own_words_end(verb: Token, end: int) -> int:
    """Where the words a sentence-final speech verb governs end: at `end`, or at a comma after
    which a clause of its own begins ('..., the ministry said, More than half were children')."""
    doc = verb.doc
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in _children(verb)):
        return end
    for token in doc[verb.i + 1 : end - 1]:
        if token.text in (",", ";") and verb not in doc[token.i + 1].ancestors:
            return token.i
    return end


def _closing(count: Token) -> tuple[Token, list[Token]] | None:
    """A count inside a quotation of several sentences that a cue closes: ' "... two were
    killed. 12 others were neutralised ..." colonel Badjeck said.'"""
    doc = count.doc
    reach = min(len(doc), count.i + _QUOTE_SPAN)
    marks = [i for i in range(count.i + 1, reach) if _is_mark(doc[i])]
    for mark in marks:
        if "\n" in doc[mark - 1].text and not _quote_goes_on(count, mark):
            return None  # the paragraph ended first
        for verb in doc[mark + 1 : min(len(doc), mark + _CUE_AFTER_QUOTE)]:
            if "\n" in verb.text or (verb.is_sent_start and verb.i > mark + 1):
                break
            if verb.pos_ not in _NAME_POS | {"PUNCT", "PRON", "VERB"}:
                break  # '..." while the ministry said': the cue of another clause
            if lexicons.lemma(verb) in _VOICING_VERBS and verb.pos_ == "VERB":
                subjects = [c for c in _children(verb) if c.dep_ == "nsubj"]
                if subjects:
                    return verb, name_tokens(subjects[0])
                after = [t for t in _children(verb) if t.i > verb.i and t.pos_ in ("PROPN", "NOUN")]
                return (verb, name_tokens(after[0])) if after else None
    return None


def _quote_goes_on(count: Token, mark: int) -> bool:
    """Whether a quotation opened in the count's paragraph runs on to the mark opening a later
    paragraph: left unclosed, with every paragraph between opening with a mark (the way a
    quotation of several paragraphs is written)."""
    doc = count.doc
    if not _paragraph_quoted(count):
        return False
    opening = False  # the token stands at a paragraph's start
    for token in doc[count.i : mark]:
        if token.is_space or "\n" in token.text:
            opening = opening or "\n" in token.text
            continue
        if _is_mark(token) and not opening:
            return False  # closed within its paragraph
        if opening and not _is_mark(token):
            return False  # a paragraph between that is not quoted
        opening = "\n" in token.whitespace_
    return True


def _paragraph_quoted(count: Token) -> bool:
    """Whether the count's paragraph opens with a quotation mark (a quotation of several
    sentences, which the pairing of marks sentence by sentence may lose)."""
    doc = count.doc
    start = count.i
    while start > 0 and "\n" not in doc[start - 1].text and count.i - start < _QUOTE_SPAN:
        start -= 1
    return _is_mark(doc[start])


def _negative(subject: Token) -> bool:
    """ "no one", "nobody", "no group": a subject that says nobody spoke."""
    first = subject.doc[subject.left_edge.i]
    return first.lower_ in ("no", "nobody", "none") or subject.lower_ in ("nobody", "none")


def _first_person(words: Sequence[Token]) -> bool:
    return len(words) == 1 and words[0].lower_ in ("i", "we")


def _is_mark(token: Token) -> bool:
    return token.text in _QUOTE_MARKS


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
    governing = _governing(count) or _trailing(count) or _toll_giver(count)
    quoted = _quoted(doc)[count.i] or _paragraph_quoted(count)
    if governing is not None and quoted and _first_person(governing[1]):
        governing = None  # '"we can confirm three died," the major said': the quoted speaker
    if governing is None and quoted:
        governing = _closing(count)
    if governing is None:
        return None
    return _named_voice(doc, count, governing, attributions)


def _named_voice(
    doc: Doc,
    count: Token,
    governing: tuple[Token, list[Token]],
    attributions: Sequence[Attribution],
) -> FigureVoice | None:
    """The voice of a speech verb and the words naming its speaker: the attribution the tagger
    made of that cue, else the words resolved to the fullest name the page gives."""
    verb, words = governing
    if words and _inquiry(words):
        return None
    for attribution in attributions:
        cue = _cue_head(doc, attribution)
        if cue is not None and cue.i == verb.i and attribution.source is not None:
            source = doc_span(doc, attribution.source)
            if source is not None and source.start <= count.i < source.end:
                continue  # a source holding the count itself is a misparse of the clause
            return FigureVoice(attribution.source_name, attribution)
    if not words:
        return None
    name = spoken_name(doc, words, attributions)
    return FigureVoice(name, None) if name else None


def spoken_name(doc: Doc, words: Sequence[Token], attributions: Sequence[Attribution]) -> str:
    """The words naming a speaker, resolved to the fullest name the page gives ("it" -> the
    group named before, "Karim" -> "Abdul Karim, police chief")."""
    mention = doc[words[0].i : words[-1].i + 1]
    page = context(doc)
    writer = NamedSource(page.voice, page.voice_kind, -1) if page.voice else None
    earlier = [s for s in _earlier_sources(doc, attributions) if s.start < mention.start]
    return resolve_source(mention, earlier, writer=writer).name


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
    """A headline's source written after it ("... kills five -regional governor", "Bomb kills
    30 in mosque: official", "... in Zamfara - Police") or before its colon ("Afghan official:
    Insurgents ... kill 2")."""
    if context(doc).kind != "title":
        return None
    text = doc_text(doc)
    for pattern in (_HEADLINE_SOURCE, _HEADLINE_SOURCE_TITLED, _HEADLINE_SOURCE_BEFORE):
        found = pattern.search(text)
        if found is None:
            continue
        words = doc.char_span(found.start("who"), found.end("who"), alignment_mode="expand")
        if words is None or len(words) > _HEADLINE_SOURCE_WORDS:
            continue
        if any(t.pos_ in ("VERB", "AUX", "NUM") or t.like_num for t in words):
            continue  # "Burkina Faso: gunmen kill 12": the news itself, not who tells it
        if pattern is not _HEADLINE_SOURCE and not _names_a_source(found.group("who")):
            continue  # "Syria war - Live updates", "Sudan: ..."
        return FigureVoice(found.group("who").strip(), None)
    return None


def _names_a_source(words: str) -> bool:
    """A few words with a word naming a voice: an official, the police, a ministry."""
    return any(w in _SOURCE_WORDS for w in re.findall(r"[a-z]+", words.lower()))


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
        cue = _cue_head(doc, attribution)
        if cue is not None and cue.i < count.i and _quoted(doc)[count.i]:
            # a quotation after a claim's cue, inside its span, has its own speaker if a later
            # cue closes it ('..., an official said. "We confirm three died," the major told')
            closing = _closing(count)
            if closing is not None and closing[1]:
                return _named_voice(doc, count, closing, attributions)
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
    voice = _colon_voice(doc, count, attributions)
    if voice is not None:
        return voice
    return FigureVoice(page_voice, None) if unusable else None


def _colon_voice(doc: Doc, count: Token, attributions: Sequence[Attribution]) -> FigureVoice | None:
    """'Abdi Mohamed, a police officer, speaking to the press: "... Four were killed ..."': a
    quotation opened right after a colon holds the words of whoever the line before it names."""
    if not _quoted(doc)[count.i]:
        return None
    mark = count.i
    while mark > 0 and count.i - mark < _QUOTE_SPAN and not _is_mark(doc[mark]):
        mark -= 1
    colon = mark - 1
    while colon > 0 and doc[colon].is_space:
        colon -= 1
    if not _is_mark(doc[mark]) or colon < 1 or doc[colon].text != ":":
        return None
    start = colon
    while start > 0 and colon - start < 2 * _MAX_NAME_TOKENS and not _line_end(doc[start - 1]):
        start -= 1
    heads = [
        t
        for t in doc[start:colon]
        if t.pos_ in ("PROPN", "NOUN") and not (start <= t.head.i < colon and t.head.i != t.i)
    ]
    if not heads:
        return None
    words = [t for t in name_tokens(heads[0]) if start <= t.i < colon]
    named = any(t.ent_type_ == "PERSON" for t in words)
    if not words or not (named or _names_a_source(" ".join(t.text for t in words))):
        return None
    return _named_voice(doc, count, (doc[colon], words), attributions)


def _line_end(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_
