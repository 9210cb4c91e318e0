"""Casualty figures in one parsed segment: each count linked to what it measures (killed,
injured...), the population counted, negation, modality and the attribution it falls under.

Only counts linked to a measure become figures: "13 Russian operatives", "Trump's 2 sons" or
"20 to 30 artillery rounds" count something, but nothing a casualty ledger records. A zero
count ("no one was killed", "none were injured", "no deaths") is a figure of [0, 0], negated.
The dependency parse links a count to its measure ("12 people were killed", "killing 5
soldiers", "the death toll rose to 40", "put the death toll at about 100"); token rules cover
what the parse gets wrong ("200 to 300 injured"). Work per count is bounded: every look at the
parse stays within a window of tokens around it, so a sentence of thousands of words is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import msgspec
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract import lexicons
from claimledger.extract.annotation import annotation, page_span, segment_key, token_span
from claimledger.extract.doc_index import doc_children, doc_text
from claimledger.extract.figure_voices import figure_voice, name_tokens, spoken_name
from claimledger.extract.hedges import count_hedge
from claimledger.extract.measures import (
    GROUP_NOUNS,
    SUBJECT_SUFFERS,
    WEAK_MEASURES,
    is_animal,
    is_people,
    is_reporting_verb,
    is_stating_verb,
    is_toll_noun,
    measure_of_token,
)
from claimledger.extract.numbers import QuantityMatch, find_quantities, parse_quantity
from claimledger.model import Attribution, Figure, Measure, record_id

__all__ = ["find_figures"]

_WINDOW = 40  # tokens either side that a count's links may reach
# How many counts listed together a count may pass through to reach the predicate they share
# ("at least 17 people — 12 civilians, three guards and two members of parliament — were
# killed").
_LIST_DEPTH = 4
# "drove ... from their homes": the verbs and the places one is driven from (lemmas).
_DRIVING_VERBS = lexicons.words("driving_verbs")
_HOMES = lexicons.words("home_words")
# "the toll rose from 37 to 45": two figures, the toll before and after (lemmas).
_CHANGE_VERBS = lexicons.words("toll_change_verbs")
# "need intensive care", "receive treatment": who needs care was injured (lemmas).
_CARE_VERBS = frozenset({"need", "require", "receive", "undergo"})
_CARE_NOUNS = frozenset({"care", "treatment", "surgery"})
# The two measures one count of casualties joins ("killed or wounded").
_CASUALTIES: frozenset[Measure | None] = frozenset({"killed", "injured"})
# "three gunshot wounds", "multiple stab wounds": a count of these counts no one.
_WOUND_NOUNS = frozenset({"wound", "wounds"})
# "sustained gunshot wounds", "suffered injuries": who bears them was hurt (lemmas).
_SUSTAIN_VERBS = frozenset({"sustain", "suffer"})
# Pronouns standing for who states a figure ("it put the toll at 40"), resolved to a name.
_STATING_PRONOUNS = frozenset({"it", "they", "he", "she"})
# "taken to hospital", "treated in hospital": who is brought to a hospital was hurt (lemmas).
_HOSPITAL_VERBS = frozenset(
    {"take", "rush", "admit", "bring", "evacuate", "airlift", "transport", "treat"}
)
# "a death toll as high as 200": the degree words a toll's count hangs on.
_TOLL_DEGREES = frozenset({"high", "many"})
_HOSPITALS = frozenset({"hospital", "clinic", "infirmary"})
# Participles the model may tag as nouns ("3 other shot").
_HARM_PARTICIPLES = frozenset({"shot", "hurt", "hit", "stabbed"})
# Auxiliaries a count's own verb may stand behind ("19 were killed", "15 have been killed").
_AUXILIARIES = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "be"})
_POPULATION_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
# "mercenaries, mostly Russians": the population phrase runs on through these.
_COMPOSITION_WORDS = lexicons.words("composition_words")


@dataclass(frozen=True, slots=True)
class _Link:
    measure: Measure
    measure_tokens: tuple[Token, ...]
    population: Token | None
    # Linked by a loose relation (token rules, "a few blocks" as an adverbial): the count
    # stands only if what it counts is people.
    weak: bool = False


def _children(token: Token, deps: Iterable[str] | None = None) -> list[Token]:
    """The token's dependents within the window (spaCy's own walk is unbounded)."""
    doc = token.doc
    wanted = frozenset(deps) if deps is not None else None
    near = [doc[i] for i in doc_children(doc)[token.i] if abs(i - token.i) <= _WINDOW]

    return [t for t in near if wanted is None or t.dep_ in wanted]


def _measure_phrase(token: Token) -> tuple[Token, ...]:
    """'death toll', 'Russian deaths' -> the measure word with a compound before it."""
    compounds = [t for t in _children(token, ("compound",)) if t.i == token.i - 1]
    return (*compounds, token)


def _toll_measure(toll: Token) -> _Link | None:
    """What a toll noun counts: 'death toll', 'number of dead', a bare 'toll' (deaths)."""
    for child in _children(toll, ("compound", "amod")):
        measure = measure_of_token(child)
        if measure is not None:
            return _Link(measure, (child, toll), None)
    for prep in _children(toll, ("prep",)):
        if prep.lower_ == "of":
            for obj in _children(prep, ("pobj",)):
                measure = measure_of_token(obj)
                if measure is not None:
                    return _Link(measure, (obj,), None)
    if toll.lower_ == "toll":
        return _Link("killed", (toll,), None)
    return _sentence_measure(toll)


def _sentence_window(token: Token) -> list[Token]:
    """The token's sentence, cut to the window around it (Token.sent walks the whole sentence)."""
    doc = token.doc
    low = token.i
    while low > max(0, token.i - _WINDOW) and not doc[low].is_sent_start:
        low -= 1
    high = token.i + 1
    while high < min(len(doc), token.i + _WINDOW) and not doc[high].is_sent_start:
        high += 1
    return list(doc[low:high])


def _sentence_measure(token: Token) -> _Link | None:
    """'the number was five': the measure named nearest in the sentence, with its subject."""
    if not token.doc.has_annotation("SENT_START"):
        return None
    candidates = [t for t in _sentence_window(token) if t.i != token.i and measure_of_token(t)]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda t: abs(t.i - token.i))
    measure = measure_of_token(nearest)
    assert measure is not None
    subjects = [
        t for t in _children(nearest, ("nsubjpass", "nsubj")) if t.pos_ in ("NOUN", "PROPN")
    ]
    return _Link(measure, (nearest,), subjects[0] if subjects else None)


def _link_from_head(anchor: Token, depth: int = 0) -> _Link | None:
    """The measure an anchor (the count or the noun it counts) is an argument or modifier of."""
    for child in _children(anchor, ("acl", "relcl", "amod", "appos")):
        measure = measure_of_token(child)
        if (
            measure is not None
            and child.i > anchor.i
            and not _has_object(child)
            and not _relative_adjunct(child)
        ):
            died = _died_after_hurt(anchor, child, measure)
            if died is not None:
                return _Link("killed", (died,), None)
            return _Link(measure, (child,), None)
    head = anchor.head
    if head.i == anchor.i:
        return _link_of_listed(anchor, depth)
    dep = anchor.dep_
    if dep in ("nsubj", "nsubjpass", "dobj", "npadvmod", "attr", "oprd", "appos", "nmod"):
        measure = measure_of_token(head)
        # "two gunmen killed five": an active subject with an object did the killing;
        # "fleeing the two nations": what one flees is a place.
        agent = dep == "nsubj" and _has_object(head)
        place = dep == "dobj" and head.lower_ in SUBJECT_SUFFERS
        if measure is not None and not is_toll_noun(head) and not (agent or place):
            return _Link(measure, _measure_phrase(head), None, weak=dep == "npadvmod")
        # "left 12 people dead", "the number was five", "the death toll is 40"
        for sibling in _children(head, ("oprd", "acomp", "xcomp", "ccomp")):
            if sibling.dep_ == "ccomp" and sibling.i < anchor.i:
                continue  # "five were killed, 10 officers were deployed": another clause
            reported = sibling.dep_ == "xcomp" and is_reporting_verb(head)
            if reported and measure_of_token(sibling) is None:
                # "six troops are said to be critically injured"
                sibling = next(iter(_children(sibling, ("acomp", "oprd"))), sibling)
            measure = measure_of_token(sibling)
            # "50 people are reported to have been killed"
            reach = 8 if reported else 4
            if measure is not None and abs(sibling.i - anchor.i) <= reach:
                return _Link(measure, (sibling,), None)
        # "25 people lost their lives"
        if dep == "nsubj":
            for lost in _children(head, ("dobj",)):
                if lost.lower_ == "lives" and measure_of_token(lost) == "killed":
                    return _Link("killed", (head, lost) if head.i < lost.i else (lost,), None)
        # "the number of injured reached 159": a toll reaches its count
        if dep == "dobj":
            for subject in _children(head, ("nsubj",)):
                if is_toll_noun(subject):
                    return _toll_measure(subject)
        # "seven people sustained gunshot wounds"
        if dep == "nsubj" and lexicons.lemma(head) in _SUSTAIN_VERBS:
            for wounds in _children(head, ("dobj",)):
                if measure_of_token(wounds) == "injured":
                    return _Link("injured", (head, wounds), None)
        # "Fourteen people need intensive care"
        cared = dep in ("nsubj", "nsubjpass") and lexicons.lemma(head) in _CARE_VERBS
        if cared and any(lexicons.lemma(o) in _CARE_NOUNS for o in _children(head, ("dobj",))):
            return _Link("injured", (head,), None)
        # "31 had been brought to the hospital with injuries"
        if dep in ("nsubj", "nsubjpass"):
            for prep in _children(head, ("prep",)):
                if prep.lower_ in ("with", "for"):
                    for obj in _children(prep, ("pobj",)):
                        if measure_of_token(obj) == "injured":
                            return _Link("injured", (obj,), None)
        # "two children were among the dead", "among the dead were three children", "of the
        # 30 dead, 12 were women"
        for prep in _children(head, ("prep",)):
            partitive = prep.lower_ == "of" and prep.i < anchor.i and dep == "nsubj"
            among = prep.lower_ == "among" and dep in ("nsubj", "nsubjpass", "attr")
            if among or partitive:
                for obj in _children(prep, ("pobj",)):
                    named = _named_measure(obj)
                    if named is not None:
                        return named
        # "seized six men and slaughtered them": a verb joined to the count's own does it to them
        if dep == "dobj":
            done = _done_to_them(head)
            if done is not None:
                return done
        # "40 people were taken to hospital" ("all three of them": those counted before)
        if dep in ("nsubjpass", "dobj") and _to_hospital(head) and not _of_them(anchor):
            return _Link("injured", (head,), None)
        # "the death toll includes the six attackers", "those killed included two people"
        if dep == "dobj" and lexicons.lemma(head) == "include":
            for subject in _children(head, ("nsubj",)):
                included = _toll_measure(subject) if is_toll_noun(subject) else None
                if included is not None or (included := _named_measure(subject)) is not None:
                    return included
        # "driven four million people from their homes", "500 were forced from their homes"
        if dep in ("dobj", "nsubjpass") and _drives_from_home(head):
            return _Link("displaced", (head,), None)
        if dep == "attr":
            for subject in _children(head, ("nsubj",)):
                if is_toll_noun(subject):
                    return _toll_measure(subject)
    if dep == "pobj":
        prep = head
        target = prep.head
        if prep.lower_ in ("including", "among") and target.i != prep.i:
            return _link_of_noun(target, depth + 1) if depth < 3 else None
        if (
            prep.lower_ == "with"
            and target.pos_ in ("NOUN", "PROPN")
            and is_people(anchor)
            and depth < 3
        ):
            # "a mother with her six children": the people with them shared their fate
            return _link_of_noun(target, depth + 1)
        if prep.lower_ == "of":
            measure = measure_of_token(target)
            if measure is not None and not is_toll_noun(target):
                return _Link(measure, _measure_phrase(target), None)
            if target.like_num and target.i != anchor.i and depth < _LIST_DEPTH:
                # "killing one of the attackers and several guards": listed with "one of"
                return _link_from_head(target, depth + 1)
        if is_toll_noun(target):
            return _toll_measure(target)
        degree = target.head
        if prep.lower_ == "as" and target.lower_ in _TOLL_DEGREES and is_toll_noun(degree):
            # "a death toll as high as 200 people"
            return _toll_measure(degree)
        if prep.lower_ == "with" and _alongside(prep):
            # "was killed along with two of his children"
            measure = measure_of_token(target)
            if measure is not None:
                return _Link(measure, (target,), None)
        if prep.lower_ == "at" and (toll := _toll_above(target)) is not None:
            # "put the number of rebels killed at 45": the parse hung "at" on the toll's verb
            return _toll_measure(toll)
        if target.pos_ in ("VERB", "AUX"):
            # "the death toll rose to 40", "put the death toll at about 100"
            for arg in _children(target, ("nsubj", "nsubjpass", "dobj")):
                if is_toll_noun(arg):
                    return _toll_measure(arg)
            rising = _rising_toll(target) if prep.lower_ == "to" else None
            if rising is not None:
                return _toll_measure(rising)
    if dep == "conj" and (also := _second_object(anchor)) is not None:
        return also
    if dep in ("conj", "appos") and depth < _LIST_DEPTH:
        # "killing 12 people and 30 wounded": a measure right after the count is its own
        return _measure_after(anchor) or _link_from_head(head, depth + 1)
    return _link_of_listed(anchor, depth)


def _second_object(anchor: Token) -> _Link | None:
    """ "killing himself and at least three people": a noun the parse joined to the measure
    verb itself, after that verb's object, is a second object of it."""
    verb = anchor.head
    measure = measure_of_token(verb)
    if verb.pos_ != "VERB" or measure is None or not is_people(anchor):
        return None
    if not any(verb.i < o.i < anchor.i for o in _children(verb, ("dobj",))):
        return None
    return _Link(measure, (verb,), None)


def _rising_toll(verb: Token) -> Token | None:
    """ "The death toll from Saturday's airstrikes on the city has climbed to 31": the toll
    opening a change verb's clause, wherever the parse hung it."""
    if lexicons.lemma(verb) not in _CHANGE_VERBS:
        return None
    doc = verb.doc
    for t in doc[max(verb.left_edge.i, verb.i - _WINDOW) : verb.i]:
        if t.pos_ == "NOUN" and is_toll_noun(t) and t.dep_ in ("nsubj", "nsubjpass"):
            return t
    return None


def _is_count(token: Token) -> bool:
    """A count or a noun with one: "five", "12 people"."""
    return token.like_num or bool(_children(token, ("nummod",)))


def _alongside(with_: Token) -> bool:
    """ "along with", "together with": who comes with shares the verb's fate."""
    doc = with_.doc
    return with_.i > 0 and doc[with_.i - 1].lower_ in ("along", "together", "alongside")


def _toll_above(token: Token) -> Token | None:
    """A toll noun a few steps up the parse from a token ("the number of rebels killed"), or
    the toll object of a verb up there ("put the number of people displaced at ...")."""
    for _ in range(3):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "NOUN" and is_toll_noun(token):
            return token
        if token.pos_ == "VERB":
            objects = [o for o in _children(token, ("dobj",)) if is_toll_noun(o)]
            return objects[0] if objects else None
    return None


def _done_to_them(verb: Token) -> _Link | None:
    """ "seized six men and slaughtered them", "rounded up 12 farmers and shot them dead": a
    measure verb joined to the one whose object the count is, done to "them"."""
    for joined in _children(verb, ("conj",)):
        if joined.i <= verb.i or not any(o.lower_ == "them" for o in _children(joined, ("dobj",))):
            continue
        for state in _children(joined, ("oprd", "acomp")):
            measure = measure_of_token(state)  # "shot them dead"
            if measure is not None:
                return _Link(measure, (joined, state), None)
        measure = measure_of_token(joined)
        if measure is not None:
            return _Link(measure, (joined,), None)
    return None


def _of_them(count: Token) -> bool:
    """ "three of them", "two of those": a count of people the text counted before."""
    return any(
        obj.lower_ in ("them", "those", "whom")
        for prep in _children(count, ("prep",))
        if prep.lower_ == "of"
        for obj in _children(prep, ("pobj",))
    )


def _to_hospital(verb: Token) -> bool:
    """ "were taken to hospital", "rushed 30 people to the hospital", "admitted to hospital"."""
    if lexicons.lemma(verb) not in _HOSPITAL_VERBS:
        return False
    if any(prep.lower_ == "with" for prep in _children(verb, ("prep",))):
        return False  # "brought to the hospital with flowers": what they came with says why
    return any(
        lexicons.lemma(place) in _HOSPITALS
        for prep in _children(verb, ("prep",))
        if prep.lower_ in ("to", "into", "in", "at")
        for place in _children(prep, ("pobj",))
    )


def _measure_after(anchor: Token) -> _Link | None:
    """The measure word right after a count or its noun ("30 wounded", "12 people dead")."""
    doc = anchor.doc
    if anchor.i + 1 >= len(doc):
        return None
    following = doc[anchor.i + 1]
    measure = measure_of_token(following)
    if measure is None or following.pos_ not in ("ADJ", "VERB", "NOUN") or _has_object(following):
        return None
    return _Link(measure, (following,), None)


def _named_measure(noun: Token) -> _Link | None:
    """What a noun standing for the harmed names: "the dead", "those killed", "the 11 people
    killed"."""
    measure = measure_of_token(noun)
    if measure is not None and not is_toll_noun(noun):
        return _Link(measure, (noun,), None)
    for modifier in _children(noun, ("acl", "relcl", "amod")):
        measure = measure_of_token(modifier)
        if measure is not None and not _has_object(modifier):
            return _Link(measure, (modifier,), None)
    return None


def _drives_from_home(verb: Token) -> bool:
    """ "drove thousands from their homes", "forced 500 families out of the village"."""
    if lexicons.lemma(verb) not in _DRIVING_VERBS:
        return False
    for prep in _children(verb, ("prep",)):
        if prep.lower_ in ("from", "out"):
            places = _children(prep, ("pobj",)) + [
                obj for inner in _children(prep, ("prep",)) for obj in _children(inner, ("pobj",))
            ]
            if any(lexicons.lemma(place) in _HOMES for place in places):
                return True
    return False


def _link_of_listed(anchor: Token, depth: int) -> _Link | None:
    """'Twelve soldiers, 26 insurgents killed': counts listed together share one predicate."""
    if depth >= _LIST_DEPTH:
        return None
    for listed in _children(anchor, ("appos", "conj")):
        if listed.i > anchor.i:
            link = _link_from_head(listed, depth + 1)
            if link is not None:
                return link
    return None


def _joined_measures(link: _Link) -> _Link:
    """'20 soldiers killed or wounded', 'killed and injured': one count of the killed and the
    injured is a count of casualties (measure other), spanning both words ('two were injured
    and abducted' stay injured)."""
    measure_token = link.measure_tokens[-1]
    first = measure_token.head
    if (
        measure_token.dep_ == "conj"
        and 0 < measure_token.i - first.i <= 3
        and {measure_of_token(first), link.measure} == _CASUALTIES
        and not _children(first, ("nsubjpass", "dobj", "nummod"))
        and not any(_is_count(t) for t in _children(first, ("nsubj",)))
    ):
        # "killed and wounded as many as 30 people": the count is the object of both
        doc = measure_token.doc
        return _Link("other", tuple(doc[first.i : measure_token.i + 1]), None)
    for joined in _children(measure_token, ("conj",)):
        measure = measure_of_token(joined)
        own_arguments = _children(joined, ("nsubj", "nsubjpass", "dobj", "nummod"))
        doc = measure_token.doc
        # "kills 2, wounds 6 outside mosque": a count right after the joined verb is its own
        own_count = any(t.like_num for t in doc[joined.i + 1 : joined.i + 3])
        if (
            {measure, link.measure} == _CASUALTIES
            and 0 < joined.i - measure_token.i <= 3
            and not own_arguments
            and not own_count
        ):
            return _Link("other", tuple(doc[link.measure_tokens[0].i : joined.i + 1]), None)
    return link


def _relative_adjunct(verb: Token) -> bool:
    """'months during which the campaign drowned': the noun is when or where, not who."""
    for prep in _children(verb, ("prep",)):
        if any(t.lower_ in ("which", "whom") for t in _children(prep, ("pobj",))):
            return True
    return any(t.lower_ in ("where", "when") for t in _children(verb, ("advmod",)))


def _died_after_hurt(anchor: Token, clause: Token, measure: Measure) -> Token | None:
    """ "two people who were critically injured have died": who was hurt and then died is
    counted by the verb of dying after the clause saying how they were hurt (its subject, or
    right after the clause where the parse left that verb without one)."""
    if clause.dep_ != "relcl" or measure != "injured":
        return None
    if anchor.dep_ in ("nsubj", "nsubjpass") and measure_of_token(anchor.head) == "killed":
        return anchor.head
    doc = anchor.doc
    after = clause.right_edge.i + 1
    for token in doc[after : min(len(doc), after + 4)]:
        if token.pos_ == "VERB":
            unsaid = not _children(token, ("nsubj", "nsubjpass"))
            return token if unsaid and measure_of_token(token) == "killed" else None
        if token.pos_ not in ("AUX", "ADV", "PART"):
            return None
    return None


def _one_named(first: Token, last: Token) -> bool:
    """ "One Daniel Musa who was shot": "one" before a person's name means a certain person,
    named; "one Boko Haram fighter", "one Kenyan" count."""
    doc = first.doc
    if first.i != last.i or first.lower_ != "one":
        return False
    end = last.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and end - last.i <= 3:
        end += 1
    if end == last.i + 1 or doc[last.i + 1].ent_type_ in ("NORP", "GPE", "ORG", "LOC"):
        return False
    return end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN", "NUM")


def _has_object(verb: Token) -> bool:
    """A measure verb with an object whose subject did it ('gunmen killed five'); 'fled their
    homes' has an object too, but its subject is who fled."""
    return verb.lower_ not in SUBJECT_SUFFERS and bool(_children(verb, ("dobj",)))


def _link_of_noun(noun: Token, depth: int = 0) -> _Link | None:
    measure = measure_of_token(noun)
    if noun.lower_ in GROUP_NOUNS:
        # "eight refugees were detained": what happened to the group comes first.
        return _link_from_head(noun, depth) or _Link(measure or "other", (noun,), None)
    if measure is not None and not is_toll_noun(noun):
        return _Link(measure, _measure_phrase(noun), None)
    return _link_from_head(noun, depth)


def _link_by_window(first: Token, last: Token, allow_verbs: bool) -> _Link | None:
    """Token rules for what the parse misses: '200 to 300 injured', 'killing five'."""
    doc = first.doc
    auxiliaries = 0
    for t in doc[last.i + 1 : min(len(doc), last.i + 7)]:
        measure = measure_of_token(t)
        if measure is not None and (allow_verbs or t.pos_ in ("NOUN", "ADJ")):
            if auxiliaries and t.pos_ != "VERB":
                break
            # "Two gunmen killed five": a following verb with an object names the agents.
            return None if _has_object(t) else _Link(measure, (t,), None, weak=True)
        if allow_verbs and t.lower_ in _AUXILIARIES and auxiliaries < 2:
            auxiliaries += 1  # "up to 19 were killed", "15 have been killed"
            continue
        if t.is_punct or t.pos_ in ("ADP", "VERB", "AUX", "CCONJ", "SCONJ", "PRON", "DET"):
            break
        if auxiliaries:
            break
    if not allow_verbs:
        return None
    for t in reversed(doc[max(0, first.i - 3) : first.i]):
        measure = measure_of_token(t)
        if measure == "killed" and t.lower_ == "dead" and t.i > 0 and doc[t.i - 1].lower_ == "shot":
            return _Link(measure, (doc[t.i - 1], t), None)  # "shot dead two villagers"
        # "killing five", "displaces nearly 4 million" (a headline's verb, tagged as a name)
        third_person = t.lower_.endswith("s") and t.pos_ != "NOUN"
        # "Bandits Kill Four": a headline's verb in its base form, right before the count
        base_form = t.i == first.i - 1 and t.pos_ in ("VERB", "PROPN") and t.is_title
        verb_form = t.lower_.endswith(("ing", "ed")) or third_person or base_form
        if measure is not None and verb_form:
            return _Link(measure, (t,), None, weak=True)
        if t.pos_ not in ("DET", "ADV", "PART"):
            break
    return None


def _listed_after_clause(token: Token) -> _Link | None:
    """'Two gendarmes were killed, two police officers and four civilians': counts listed after
    a comma that ends a clause of a measure verb, with no verb of their own."""
    doc = token.doc
    while token.dep_ == "conj" and token.head.i < token.i and token.head.i >= token.i - _WINDOW:
        token = token.head  # the list's first item
    if token.head.pos_ in ("VERB", "AUX") and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return None  # "10 officers were deployed": a verb of its own
    for following in doc[token.i + 1 : min(len(doc), token.i + 5)]:
        if following.is_punct or following.pos_ == "CCONJ":
            break
        if (
            following.pos_ in ("VERB", "AUX")
            or following.tag_ in ("VBD", "VBN")
            or (following.lower_ in _HARM_PARTICIPLES)
        ):
            return None  # "Man killed, 3 other shot": the listed count's own verb follows it
    start = min([token.i, *(c.i for c in _children(token) if c.i < token.i)])
    if start < 2 or doc[start - 1].text != ",":
        return None
    measure_token = doc[start - 2]
    measure = measure_of_token(measure_token)
    if measure is None or measure_token.pos_ not in ("VERB", "ADJ"):
        return None
    return _Link(measure, (measure_token,), None, weak=True)


def _at_least_after(noun: Token) -> bool:
    doc = noun.doc
    return noun.i + 2 < len(doc) and (doc[noun.i + 1].lower_, doc[noun.i + 2].lower_) == (
        "at",
        "least",
    )


def _toll_before(first: Token) -> _Link | None:
    """'death tolls as high as 300', 'the toll stood at 45': a toll a few words before the
    count, with only verbs and particles between them."""
    doc = first.doc
    for t in reversed(doc[max(0, first.i - 8) : first.i]):
        if t.pos_ == "NOUN" and is_toll_noun(t):
            return _toll_measure(t)  # "the number of injured reached 159"
        if t.like_num and t.i > 0 and doc[t.i - 1].lower_ == "from":
            continue  # "rose from 37 to 45": the toll before
        if t.is_sent_start or t.like_num or t.pos_ in ("NOUN", "PROPN", "PRON", "CCONJ"):
            return None
        if t.is_punct and t.text not in ("-", "–", "—"):
            return None
    return None


def _population_phrase(noun: Token, skip: range) -> tuple[int, int]:
    """Token bounds [start, end) of the noun with its modifiers: 'Russian mercenaries'."""
    start = noun.i
    for child in sorted(_children(noun, _POPULATION_DEPS), key=lambda t: -t.i):
        if child.i == start - 1 and child.i not in skip:
            start = child.i
    doc = noun.doc
    # "first-graders": a hyphen-joined word is one word.
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 1].idx == doc[start - 2].idx + len(doc[start - 2])
        and doc[start].idx == doc[start - 1].idx + 1
        and start - 2 not in skip
    ):
        start -= 2
    while start < noun.i and doc[start].is_punct:
        start += 1
    end = noun.i + 1
    # "mercenaries, mostly Russians": the qualifier is part of who was counted.
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _COMPOSITION_WORDS:
        k = end + 2
        while k < min(len(doc), end + 6) and doc[k].pos_ in ("ADJ", "PROPN", "NOUN"):
            k += 1
        if k > end + 2:
            end = k
    return start, end


def _population(span_tokens: range, root: Token, counted: Token | None) -> Token | None:
    """The noun a count counts: its head noun, or the object of 'of' ('dozens of civilians')."""
    if (
        counted is not None
        and (measure_of_token(counted) is None or counted.lower_ in GROUP_NOUNS)
        and not is_toll_noun(counted)
        and counted.pos_ in ("NOUN", "PROPN")
    ):
        return counted
    for holder in (root, counted):
        if holder is None:
            continue
        for prep in _children(holder, ("prep",)):
            if prep.lower_ == "of":
                for obj in _children(prep, ("pobj",)):
                    if (
                        obj.i not in span_tokens
                        and obj.pos_ in ("NOUN", "PROPN")
                        and (measure_of_token(obj) is None or obj.lower_ in GROUP_NOUNS)
                    ):
                        return obj
    if counted is not None:  # "five Russian deaths": the counted people are in the modifier
        for child in _children(counted, ("amod", "compound", "nmod")):
            if (
                child.i not in span_tokens
                and child.i < counted.i
                and child.pos_ != "NUM"
                and measure_of_token(child) is None
            ):
                return child
    return None


def _modality(measure_token: Token, root: Token) -> str | None:
    """'may have', 'could', 'reportedly', 'feared', 'unconfirmed', or None."""
    parsed_sentences = root.doc.has_annotation("SENT_START")
    sentence = _sentence_window(root) if parsed_sentences else ()
    return count_hedge((measure_token, root), _children, sentence)


def _stating_source(tokens: Sequence[Token]) -> list[Token] | None:
    """The words of the subject of the verb stating the figure, when the parse shows one."""
    for token in tokens:
        head = token.head
        verb: Token | None = None
        if token.dep_ == "dobj":
            verb = head
        elif (token.dep_ == "pobj" and head.lower_ in ("at", "in")) or (
            token.dep_ == "pcomp" and head.lower_ == "with"
        ):
            # "put the toll at about 100", "put the toll at 100, with 200 to 300 injured", "put
            # the number of dead in the hundreds"
            verb = head.head
            toll = _toll_above(verb) if not is_stating_verb(verb) else None
            if toll is not None and toll.dep_ == "dobj":
                verb = toll.head  # "put the number of rebels killed at 45"
        if verb is None or not is_stating_verb(verb):
            continue
        subjects = _children(verb, ("nsubj",))
        if not subjects and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subjects = [verb.head]  # "a conflict observatory reporting at least six killed"
        for subject in subjects:
            if subject.pos_ in ("NOUN", "PROPN"):
                return name_tokens(subject)  # "Relatives of the victims and witnesses"
            if subject.lower_ in _STATING_PRONOUNS:
                return [subject]  # "it put the number of dead in the hundreds"
    return None


def _negated(measure_token: Token) -> bool:
    return bool(_children(measure_token, ("neg",)))


def _innermost_attribution(
    start: int, end: int, attributions: Sequence[Attribution]
) -> Attribution | None:
    containing = [a for a in attributions if a.content.start <= start and end <= a.content.end]
    if not containing:
        return None
    return min(containing, key=lambda a: a.content.end - a.content.start)


def _of_objects(token: Token, skip: range) -> list[Token]:
    return [
        obj
        for prep in _children(token, ("prep",))
        if prep.lower_ == "of"
        for obj in _children(prep, ("pobj",))
        if obj.i not in skip
    ]


def _count_token(chars: SpacySpan) -> Token:
    """The token standing for the count: '200' in 'more than 200' and in '270 at least'."""
    outside = [t for t in chars if not chars.start <= t.head.i < chars.end or t.head.i == t.i]
    numeric = [t for t in outside if t.like_num]
    if numeric:
        return numeric[-1]
    return chars.root


def _figure_of(
    doc: Doc,
    match: QuantityMatch,
    attributions: Sequence[Attribution],
    default_source: str,
    segment_id: str,
) -> Figure | None:
    chars = doc.char_span(match.start, match.end, alignment_mode="expand")
    if chars is None or len(chars) == 0:
        return None
    parsed = doc.has_annotation("DEP")
    first, last = chars[0], chars[-1]
    root = _count_token(chars) if parsed else last
    span_tokens = range(chars.start, chars.end)
    zero = match.quantity.hedge == "none"

    if _one_named(first, last):
        return None  # "One Daniel Musa who was shot later died": a person named, not counted
    if parsed and root.head.text == "#" and root.head.head.i != root.head.i:
        root = root.head  # "20 #Taliban terrorists": the hashtag sign stands between
    counted: Token | None = None
    if (
        parsed
        and root.head.i not in span_tokens
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.dep_ in ("nummod", "quantmod", "amod", "det", "compound", "nmod")
    ):
        counted = root.head
    elif parsed and root.dep_ == "nummod" and root.head.lower_ == "more":
        counted = root.head  # "five more of the injured died": "more" stands for the people
    if counted is not None and any(
        c.like_num and root.i < c.i < counted.i for c in _children(counted, ("nummod",))
    ):
        counted = None  # "159, 61 deaths": a count listed before another one's noun
    while (
        counted is not None
        and counted.dep_ == "compound"
        and counted.head.i > counted.i
        and counted.head.pos_ in ("NOUN", "PROPN")
    ):
        counted = counted.head  # "six CRPF troops": the count counts the troops
    if counted is not None and counted.lower_ in _WOUND_NOUNS:
        return None  # "suffering from several gunshot wounds": wounds counted, not people
    link: _Link | None = None
    if parsed:
        link = _link_of_noun(counted) if counted is not None else _link_from_head(root)
        if link is None and counted is None and not zero:
            # "millions of refugees fleeing ...", "dozens of casualties": the noun after "of"
            for of_object in _of_objects(root, span_tokens):
                link = _link_of_noun(of_object, 1)
                if link is not None:
                    break
    if link is None and not (zero and parsed):
        link = _link_by_window(first, last, allow_verbs=not zero)
    if link is None and parsed and counted is None:
        link = _toll_before(first)
    if link is None and parsed and not zero:
        link = _listed_after_clause(first if counted is None else counted)
    if link is None:
        return None
    if parsed:
        link = _joined_measures(link)
    if counted is not None and root.i < link.measure_tokens[0].i < counted.i:
        counted = None  # "3,000 dead, closed schools": the noun after the measure is not counted
    population = _population(span_tokens, root, counted) if parsed else None
    if population is None:
        population = link.population
    if population is not None and is_animal(population):
        return None  # "108,780 deer had been killed": a hunting season, not a toll
    if (
        (link.weak or link.measure_tokens[-1].lower_ in WEAK_MEASURES)
        and population is not None
        and not is_people(population)
    ):
        return None  # "30,000 emails that are missing", "a few blocks from the church"
    if (
        match.text.lower() == "one"
        and counted is None
        and not (root.dep_ in ("dobj", "nsubj", "nsubjpass") and root.head in link.measure_tokens)
    ):
        return None  # "one captured by a camera": a pronoun, not a count

    count = match.quantity
    if parsed and counted is not None and count.hedge == "exact" and _at_least_after(counted):
        # "81 civilians at least were killed"
        count = msgspec.structs.replace(count, high=None, hedge="at_least")
    measure_token = link.measure_tokens[-1]
    negated = zero or _negated(measure_token)
    modality = _modality(measure_token, root) if parsed else None

    span = page_span(doc, match.start, match.end)
    measure_span = token_span(link.measure_tokens[0], link.measure_tokens[-1])
    population_span = None
    if population is not None:
        start_i, end_i = _population_phrase(population, span_tokens)
        # A phrase holding a measure word is a misparse ("Hundreds flee Sagme"), not a group.
        if not any(measure_of_token(t) and t.lower_ not in GROUP_NOUNS for t in doc[start_i:end_i]):
            population_span = token_span(doc[start_i], doc[end_i - 1])
    attribution = _innermost_attribution(span.start, span.end, attributions)
    figure_tokens = [t for t in (*link.measure_tokens, counted, root) if t is not None]
    stating = _stating_source(figure_tokens) if parsed else None
    stated_by = spoken_name(doc, stating, attributions) if stating else None
    voice = (
        figure_voice(doc, root, figure_tokens, attribution, attributions)
        if parsed and stated_by is None
        else None
    )
    if voice is not None:
        attribution = voice.attribution
    if stated_by is not None:
        source_name = stated_by
    elif voice is not None:
        source_name = voice.name
    elif attribution is not None:
        source_name = attribution.source_name
    else:
        source_name = default_source
    return Figure(
        # The segment's text hash keeps ids apart across documents with figures at one offset.
        id=record_id("figure", segment_id, span.start, span.end, span.text),
        span=span,
        count=count,
        measure=link.measure,
        measure_span=measure_span,
        population=population_span.text if population_span is not None else None,
        population_span=population_span,
        negated=negated,
        modality=modality,
        attribution_id=attribution.id if attribution is not None else None,
        source_name=source_name,
    )


_FROM_TO = re.compile(r"from\s+(?P<before>.+?)\s+to\s+(?P<after>.+)", re.IGNORECASE | re.DOTALL)


def _changes(doc: Doc, match: QuantityMatch) -> list[QuantityMatch]:
    """'the toll rose from 37 to 45' states two counts, the toll before and after; any other
    count stands as found."""
    parts = _FROM_TO.fullmatch(match.text) if match.quantity.hedge == "range" else None
    chars = doc.char_span(match.start, match.end, alignment_mode="expand") if parts else None
    if parts is None or chars is None or chars.start == 0:
        return [match]
    verb = doc[chars.start - 1]
    while verb.pos_ in ("ADV", "PART") and verb.i > 0 and verb.i > chars.start - 3:
        verb = doc[verb.i - 1]  # "rose sharply from", "went up from"
    if lexicons.lemma(verb) not in _CHANGE_VERBS:
        return [match]
    found: list[QuantityMatch] = []
    for name in ("before", "after"):
        quantity = parse_quantity(parts.group(name))
        if quantity is None:
            return [match]
        start = match.start + parts.start(name)
        found.append(
            QuantityMatch(start=start, end=match.start + parts.end(name),
                          text=parts.group(name), quantity=quantity)
        )  # fmt: skip
    return found


def find_figures(doc: Doc) -> list[Figure]:
    """The casualty figures in one parsed segment's Doc.

    A figure inside an attribution's content (the segment's attributions, found before it)
    takes that attribution's id and source; the innermost one where several nest. Others
    belong to the page's voice.
    """
    found = annotation(doc)
    figures: list[Figure] = []
    segment_id = segment_key(doc)
    for whole in find_quantities(doc_text(doc)):
        for match in _changes(doc, whole):
            figure = _figure_of(doc, match, found.attributions, found.context.voice, segment_id)
            if figure is not None:
                figures.append(figure)
    return figures
