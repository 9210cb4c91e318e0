"""Naming a claim's source: its kind, and pronouns or short names resolved to the full source.

"it" -> the nearest preceding organization source, "he"/"she" -> the nearest preceding person
source, "Sanders" -> "Sarah Huckabee Sanders, White House Press Secretary" (an earlier, longer
mention of the same person, with the title written before it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimledger.extract import lexicons
from claimledger.extract.doc_index import doc_ents
from claimledger.model import SourceKind

_PRONOUNS = lexicons.table("source_pronouns")  # pronoun -> person or group
_PERSON_PRONOUNS = frozenset(word for word, kind in _PRONOUNS.items() if kind == "person")
_GROUP_PRONOUNS = frozenset(word for word, kind in _PRONOUNS.items() if kind == "group")


def _any_word(name: str) -> re.Pattern[str]:
    """A lexicon's words as a pattern matching any of them as whole words, in any case."""
    words = sorted(lexicons.words(name), key=lambda word: (-len(word), word))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_ANONYMOUS = _any_word("anonymous_source_words")
# Nouns naming one person by post or part ("the head of ...", "a police officer").
_PERSON_ROLES = lexicons.words("person_roles")
_DEFINITE = frozenset({"the", "this", "that"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
_GROUP_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_ORGANIZATION = _any_word("organization_words")


@dataclass(frozen=True)
class NamedSource:
    """A source as resolved: the name to report, its kind, and where it was mentioned."""

    name: str
    kind: SourceKind
    start: int  # token index of the mention


# A dateline before a colon that the parse took into the name: "Lagos: Nigerian police".
_DATELINE_BEFORE = re.compile(r"^[A-Z][\w.'’ -]{0,30}:\s+(?=\S)")


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;:-–—")


# A day the parse took into the name: "the Health Ministry on Sunday".
_DAY_AFTER = re.compile(
    r"\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE
)


def _without_dateline(name: str) -> str:
    """The name without a dateline before it or a day after it."""
    return _DAY_AFTER.sub("", _DATELINE_BEFORE.sub("", name, count=1)) or name


def source_kind(span: Span) -> SourceKind:
    """person, organization or anonymous, from the span's entities and words."""
    words = {t.lower_ for t in span}
    # token labels, not span.ents: that rebuilds the whole Doc's entity list on every call
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if len(span) == 1 and span[0].lower_ in _PERSON_PRONOUNS:
        return "person"
    if "PERSON" in labels:
        return "person"
    if _ANONYMOUS.search(span.text) and not (labels & _GROUP_LABELS and len(span) <= 2):
        return "anonymous"
    if labels & _GROUP_LABELS or words & {"it", "they", "we"} or _ORGANIZATION.search(span.text):
        return "organization"
    return "unknown"


def _title_start(doc: Doc, ent: Span) -> int:
    """Where the title words written right before a name and attached to it begin ("Press
    Secretary X"); the name's own start where there are none."""
    inside = set(range(ent.start, ent.end))
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        attached = token.head.i in inside or token.i + 1 in inside
        if token.pos_ in {"PROPN", "NOUN", "ADJ"} and attached:
            inside.add(token.i)
            start -= 1
        else:
            break
    return start


def _title_before(doc: Doc, ent: Span) -> str:
    """Title words written right before a name and attached to it ("Press Secretary X")."""
    return _clean(doc[_title_start(doc, ent) : ent.start].text)


def _full_person_name(doc: Doc, ent: Span) -> str:
    """A PERSON mention with the title written before it: "Sarah Huckabee Sanders, White
    House Press Secretary"."""
    title = _title_before(doc, ent)
    full = _clean(ent.text)
    return f"{full}, {title}" if title else full


def _surname(text: str) -> str:
    return text.split()[-1].removesuffix("’s").removesuffix("'s") if text.split() else ""


def _people_before(doc: Doc, span: Span) -> list[Span]:
    """The PERSON names that end before the span, the latest first."""
    return [e for e in reversed(doc_ents(doc)) if e.end <= span.start and e.label_ == "PERSON"]


def _earlier_full_name(doc: Doc, span: Span) -> str | None:
    """An earlier, longer PERSON mention ending in the same surname, with its title."""
    surname = _surname(span.text)
    for ent in _people_before(doc, span):
        if len(ent) > len(span) and _surname(ent.text) == surname:
            return _full_person_name(doc, ent)
    return None


def resolve_source(
    span: Span, earlier: Sequence[NamedSource], *, writer: NamedSource | None = None
) -> NamedSource:
    """The full name and kind of a source span, given the sources named before it and the
    outlet or author writing ("we" in a news text is the writer)."""
    doc = span.doc
    text = _without_dateline(_clean(span.text))
    kind = source_kind(span)
    lowered = text.lower()
    if writer is not None and lowered in {"we", "us"}:
        return NamedSource(writer.name, writer.kind, span.start)
    broken = [t.i for t in span[:-1] if "\n" in t.text or "\n" in t.whitespace_]
    if broken:
        # "MISSING\nColonel Alain Kiwewa": a heading over the line is no part of the name
        return resolve_source(doc[broken[-1] + 1 : span.end], earlier, writer=writer)
    relative = next((t.i for t in span[1:] if t.lower_ in ("who", "whose")), None)
    if relative is not None and all(t.pos_ == "PROPN" for t in doc[span.start : relative]):
        # "Bulama who arrived at Maiduguri on Tuesday": the name before its relative clause
        return resolve_source(doc[span.start : relative], earlier, writer=writer)
    if len(span) == 1 and lowered in _RELATIVE_PRONOUNS:
        # "a statement by the group, which claimed ...": the source named just before it
        for previous in reversed(earlier):
            if span.sent.start <= previous.start < span.start:
                return NamedSource(previous.name, previous.kind, span.start)
        antecedent = _relative_antecedent(span)
        if antecedent is not None:
            # "DSP Yakubu Sabo, who confirmed the incident, said": the noun the clause is on
            return resolve_source(antecedent, earlier, writer=writer)
    if len(span) == 1 and lowered in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
        person = lowered in _PERSON_PRONOUNS
        for previous in reversed(earlier):
            if previous.start >= span.start:
                continue
            by_post = names_a_person(previous.name)
            if person and previous.kind == "person":
                return NamedSource(previous.name, previous.kind, span.start)
            if person and by_post and not _person_between(doc, previous, span):
                # "The head of the health department told Reuters ... He said three were hurt"
                return NamedSource(previous.name, previous.kind, span.start)
            if not person and previous.kind in ("organization", "anonymous") and not by_post:
                return NamedSource(previous.name, previous.kind, span.start)
        labels = {"PERSON"} if lowered in _PERSON_PRONOUNS else _GROUP_LABELS
        for ent in reversed([e for e in doc_ents(doc) if e.end <= span.start]):
            if ent.label_ in labels:
                name = _full_person_name(doc, ent) if ent.label_ == "PERSON" else _clean(ent.text)
                return NamedSource(name, kind, span.start)
        return NamedSource(text, kind, span.start)
    name_part = _name_after_title(span)
    if name_part is not None and len(name_part) < len(span):
        # "colonel Badjeck" after "army spokesman, Colonel Didier Badjeck"
        full = _earlier_full_name(doc, name_part)
        if full:
            return NamedSource(full, "person", span.start)
    proper = len(span) <= 2 and all(t.pos_ == "PROPN" for t in span)
    if proper and kind not in {"person", "unknown"}:
        # "Karim told reporters" tagged a place, after "police chief Abdul Karim said"
        full = _earlier_full_name(doc, span)
        if full:
            return NamedSource(full, "person", span.start)
    if kind in {"person", "unknown"} and proper:
        full = _earlier_full_name(doc, span)
        if full:
            return NamedSource(full, "person", span.start)
        for previous in reversed(earlier):
            same = _surname(previous.name.split(",")[0]) == _surname(text)
            if previous.kind == "person" and same and len(previous.name) > len(text):
                return NamedSource(previous.name, "person", span.start)
        # "Omar" after "Security Minister Abdirisak Omar Mohamed": a name the page gave whole
        if len(span) == 1:
            full = _earlier_name_holding(doc, span, earlier)
            if full:
                return NamedSource(full, "person", span.start)
    role = _definite_role(span)
    if role is not None:
        # "the official said" after "local official Fabien Kakule Viriro told Reuters"
        for previous in reversed(earlier):
            words = _words(previous.name)
            if previous.start < span.start and role in words and len(words) > len(span):
                return NamedSource(previous.name, previous.kind, span.start)
        # "the officer said" after "Captain Ali Warsame, a police officer, spoke to reporters"
        described = _earlier_person_in_post(doc, span, role)
        if described:
            return NamedSource(described, "person", span.start)
    return NamedSource(text, kind, span.start)


def _relative_antecedent(span: Span) -> Span | None:
    """The noun phrase a relative clause opened by the span's pronoun hangs on, up to the
    noun itself ("the police spokesman Ali Musa" of "..., who confirmed the attack")."""
    pronoun = span[0]
    clause = pronoun.head
    noun = clause.head
    if clause.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN") or noun.i >= pronoun.i:
        return None
    return span.doc[min(noun.left_edge.i, noun.i) : noun.i + 1]


def _name_after_title(span: Span) -> Span | None:
    """The one or two proper names after a title written in lower case: "colonel Badjeck",
    "police chief Hussein"; None when the mention is no such thing."""
    names = 0
    while names < len(span) and span[len(span) - 1 - names].pos_ == "PROPN":
        names += 1
    if not 1 <= names <= 2 or len(span) - names > 3:
        return None
    if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in span[: len(span) - names]):
        return None
    return span[len(span) - names :]


def _person_between(doc: Doc, previous: NamedSource, span: Span) -> bool:
    """Whether a person is named between an earlier source and a pronoun: "she" is more
    likely that person than a source named by post before her."""
    return any(
        e.label_ == "PERSON" and previous.start < e.start and e.end <= span.start
        for e in doc_ents(doc)
    )


def _words(name: str) -> list[str]:
    return re.findall(r"[\w'’-]+", name.lower())


def names_a_person(name: str) -> bool:
    """A source name whose head is one person's post or part: "The head of the local health
    department", "A police officer" (not "officials", not "the ministry", not "villagers and
    the head of a group")."""
    head = re.split(r",| of | for | in | at ", name.lower(), maxsplit=1)[0]
    words = _words(head)
    return bool(words) and words[-1] in _PERSON_ROLES and "and" not in words


def _definite_role(span: Span) -> str | None:
    """The post named by a definite mention of a few words: "the official", "the police chief"."""
    words = [t.lower_ for t in span]
    if not 2 <= len(words) <= 4 or words[0] not in _DEFINITE:
        return None
    return words[-1] if words[-1] in _PERSON_ROLES else None


def _earlier_person_in_post(doc: Doc, span: Span, role: str) -> str | None:
    """The latest earlier PERSON name whose title or apposition names the post, written as
    the page writes them ("Captain Ali Warsame, a police officer")."""
    for ent in _people_before(doc, span):
        described = [c for c in ent.root.rights if c.dep_ == "appos"]
        end = described[-1].right_edge.i + 1 if described else ent.end
        start = _title_start(doc, ent)
        if end <= span.start and role in _words(doc[start:end].text):
            return _clean(doc[start:end].text)
    return None


def _earlier_name_holding(doc: Doc, span: Span, earlier: Sequence[NamedSource]) -> str | None:
    """The latest earlier PERSON name, or person source, holding the one-word mention as one
    of its words ("Omar" in "Abdirisak Omar Mohamed")."""
    word = _surname(span.text).lower()
    for ent in _people_before(doc, span):
        if len(ent) > 1 and word in (t.lower_ for t in ent):
            return _full_person_name(doc, ent)
    for previous in reversed(earlier):
        longer = len(previous.name) > len(span.text)
        if previous.kind == "person" and longer and word in _words(previous.name.split(",")[0]):
            return previous.name
    return None
