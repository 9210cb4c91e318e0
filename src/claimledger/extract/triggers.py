"""Event triggers: the words that name a conflict or protest event, typed in ACLED's taxonomy.

A trigger is a token (noun or verb) whose lemma is in the lexicon (lexicons/event_triggers.txt),
checked against its neighbours where the word has a common non-conflict sense ("legal battle",
"heart attack", a labour "strike"). Each trigger carries ACLED's event type and sub-event type.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from claimledger.extract import lexicons
from claimledger.extract.annotation import page_offset, page_span
from claimledger.model import Trigger
from claimledger.taxonomy import (
    ABDUCTION,
    AGREEMENT,
    AIR_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    BATTLES,
    CIVILIAN_ATTACK,
    EVENT_TYPES,
    EXCESSIVE_FORCE,
    EXPLOSIONS,
    GRENADE,
    IED,
    MOB_VIOLENCE,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    SHELLING,
    SUICIDE_BOMB,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)

SUB_EVENT_TYPES = (
    ARMED_CLASH, AIR_STRIKE, SHELLING, IED, SUICIDE_BOMB, GRENADE, CIVILIAN_ATTACK, ABDUCTION,
    PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE, VIOLENT_DEMONSTRATION,
    MOB_VIOLENCE, ARRESTS, AGREEMENT,
)  # fmt: skip


def _read_triggers() -> tuple[dict[str, tuple[str, str]], frozenset[str], frozenset[str]]:
    """lemma -> (event type, sub-event type), and the lemmas that are triggers only as verbs,
    or only as nouns."""
    lexicon: dict[str, tuple[str, str]] = {}
    verbs: set[str] = set()
    nouns: set[str] = set()
    for lemma, event_type, sub_type, pos in lexicons.rows("event_triggers"):
        lexicon[lemma] = (
            lexicons.one_of(event_type, EVENT_TYPES, "event_triggers"),
            lexicons.one_of(sub_type, SUB_EVENT_TYPES, "event_triggers"),
        )
        {"verb": verbs, "noun": nouns, "any": set()}[pos].add(lemma)
    return lexicon, frozenset(verbs), frozenset(nouns)


LEXICON, VERB_ONLY, NOUN_ONLY = _read_triggers()
# The "-ing" triggers are matched as written: tagged as verbs, their lemma is the verb ("fight").
_ING_TRIGGERS = frozenset(word for word in LEXICON if word.endswith("ing"))

# Modifiers that turn a trigger word into something other than a physical event.
FIGURATIVE = lexicons.words("figurative_modifiers")
# A "strike" is military only with one of these beside it (else it may be a labour strike).
MILITARY_STRIKE = lexicons.words("military_strike_words")
_BOMBING_KINDS = lexicons.table("bombing_kinds")
AIR_WORDS = frozenset(w for w, kind in _BOMBING_KINDS.items() if kind == "air")
SUICIDE_WORDS = frozenset(w for w, kind in _BOMBING_KINDS.items() if kind == "suicide")
ROADSIDE_WORDS = frozenset(w for w, kind in _BOMBING_KINDS.items() if kind == "roadside")
# A word naming the kind of bombing right before the trigger is part of its span ("car bomb").
COMPOUND_FIRST_WORDS = frozenset(_BOMBING_KINDS)
_TARGETS = lexicons.table("attack_targets")
CIVILIAN_TARGETS = frozenset(w for w, kind in _TARGETS.items() if kind == "civilian")
ARMED_TARGETS = frozenset(w for w, kind in _TARGETS.items() if kind == "armed")
KILLING_VERBS = lexicons.words("killing_verbs")
_VICTIMS = lexicons.table("killing_victims")
ARMED_VICTIMS = frozenset(w for w, kind in _VICTIMS.items() if kind == "armed")
PERSON_VICTIMS = frozenset(w for w, kind in _VICTIMS.items() if kind == "person")
INTERVENTION_WORDS = lexicons.words("intervention_words")


def _neighbour_lemmas(token: Token) -> set[str]:
    words = {child.lower_ for child in token.children}
    words |= {child.lemma_.lower() for child in token.children}
    if token.i > 0:
        previous = token.doc[token.i - 1]
        words |= {previous.lower_, previous.lemma_.lower()}
    return words


def _subtree_lemmas(token: Token) -> set[str]:
    return {t.lemma_.lower() for t in token.subtree if t.i != token.i}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.lower_ in _ING_TRIGGERS:
        return token.lower_
    if (
        lemma == "air"
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].lemma_
        in (
            "strike",
            "raid",
        )
    ):
        return ""  # the next token carries the trigger
    return lemma


def _victims(token: Token) -> list[Token]:
    """Who a killing verb's victims are: its object, or its subject when passive ("were
    killed") or when a participle heads a headline ("Two militants shot dead")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    shot_dead = any(c.lower_ == "dead" for c in token.children)
    if not found and (token.tag_ == "VBN" or shot_dead):
        found = [c for c in token.children if c.dep_ == "nsubj"]
    if not found and token.dep_ == "acl" and token.tag_ == "VBN":
        found = [token.head]
    return found


def classify_killing(token: Token) -> tuple[str, str] | None:
    """A killing verb names an event when its victims are people: armed ones make it a clash,
    others violence against civilians ("Gunmen kill 5 villagers")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in KILLING_VERBS:
        return None
    victims = _victims(token)
    if not victims:
        return None
    words = {t.lemma_.lower() for v in victims for t in v.subtree}
    if words & ARMED_VICTIMS or any(t.ent_type_ == "NORP" for v in victims for t in v.subtree):
        return BATTLES, ARMED_CLASH
    people = any(v.ent_type_ in ("PERSON", "CARDINAL") or v.like_num for v in victims)
    if words & PERSON_VICTIMS or people:
        return VIOLENCE_AGAINST_CIVILIANS, CIVILIAN_ATTACK
    return None


NO_ONE = frozenset({"nobody", "none"})


def _denied(token: Token) -> bool:
    """Whether the words say the event did not happen: the word negated ("not arrested"), its
    noun under "no" ("no arrests"), its subject "no one" or "no suspects", or the verb it is
    the object or subject of negated ("have not made any arrests")."""
    def no(word: Token) -> bool:
        return word.lower_ in NO_ONE or any(
            c.dep_ == "det" and c.lower_ == "no" for c in word.children)

    if no(token) or any(c.dep_ == "neg" for c in token.children):
        return True
    if any(no(c) for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
        return True
    return token.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
        c.dep_ == "neg" for c in token.head.children)


def classify_trigger(token: Token) -> tuple[str, str] | None:
    """ACLED (type, sub-type) for a token, or None when it names no event here."""
    if token.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    killing = classify_killing(token)
    if killing is not None:
        return killing
    lemma = _lemma(token)
    entry = LEXICON.get(lemma)
    if entry is None:
        return None
    if lemma in VERB_ONLY and token.pos_ != "VERB":
        return None
    if lemma in NOUN_ONLY and token.pos_ == "VERB":
        return None
    near = _neighbour_lemmas(token)
    if near & FIGURATIVE:
        return None
    event_type, sub_type = entry
    if sub_type == ARRESTS and _denied(token):
        return None  # "no arrests have been made", "no one has been arrested"
    national = any(c.ent_type_ in ("GPE", "NORP") for c in token.children)
    if lemma == "strike" and not (near & MILITARY_STRIKE or national):
        return None
    if lemma in ("raid", "bombing", "bomb") and near & AIR_WORDS:
        event_type, sub_type = EXPLOSIONS, AIR_STRIKE
    elif lemma in ("bombing", "bomb", "attack", "blast", "explosion") and near & SUICIDE_WORDS:
        event_type, sub_type = EXPLOSIONS, SUICIDE_BOMB
    elif lemma in ("bombing", "bomb") and near & ROADSIDE_WORDS:
        event_type, sub_type = EXPLOSIONS, IED
    elif lemma == "raid" and "police" in near:
        return None  # police raids are arrests or searches, coded elsewhere
    if lemma in ("attack", "assault"):
        around = _subtree_lemmas(token) | near
        if around & CIVILIAN_TARGETS and not around & ARMED_TARGETS:
            event_type, sub_type = VIOLENCE_AGAINST_CIVILIANS, CIVILIAN_ATTACK
    if event_type == PROTESTS:
        sentence = {t.lemma_.lower() for t in token.sent}
        if sentence & KILLING_VERBS or "dead" in sentence:
            sub_type = EXCESSIVE_FORCE
        elif sentence & INTERVENTION_WORDS:
            sub_type = PROTEST_WITH_INTERVENTION
    return event_type, sub_type


_TRIGGER_POS = np.array([POS_IDS[pos] for pos in ("NOUN", "VERB", "PROPN")], dtype=np.uint64)
# Whether a string key (a lemma's, a word's) names a trigger word, by key: the string of a key
# is the same in every Doc. Emptied past MAX_KEPT_KEYS (memory bounded on long runs).
_TRIGGER_KEYS: dict[int, bool] = {}
MAX_KEPT_KEYS = 200_000


def _candidates(doc: Doc) -> list[int]:
    """The tokens `classify_trigger` may take, read from arrays (a Token object for each token
    of a page costs more than the test): a noun or verb whose lemma is a killing verb or in the
    lexicon, or whose word is one of the lexicon's "-ing" words."""
    if not len(doc):
        return []
    columns = doc.to_array([POS, LEMMA, LOWER])
    nouns_and_verbs = np.flatnonzero(np.isin(columns[:, 0], _TRIGGER_POS))
    if len(_TRIGGER_KEYS) > MAX_KEPT_KEYS:
        _TRIGGER_KEYS.clear()
    strings = doc.vocab.strings
    found = []
    for i, lemma, lower in zip(
        nouns_and_verbs.tolist(),
        columns[nouns_and_verbs, 1].tolist(),
        columns[nouns_and_verbs, 2].tolist(),
        strict=True,
    ):
        for key in (lemma, lower):
            wanted = _TRIGGER_KEYS.get(key)
            if wanted is None:
                name = strings[key].lower()
                wanted = _TRIGGER_KEYS[key] = name in LEXICON or name in KILLING_VERBS
            if wanted:
                found.append(i)
                break
    return found


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every event trigger in one segment's Doc (its actors are the actors component's)."""
    triggers: list[Trigger] = []
    for i in _candidates(doc):
        token = doc[i]
        typed = classify_trigger(token)
        if typed is None:
            continue
        first = token.i
        if token.i > 0 and doc[token.i - 1].lower_ in COMPOUND_FIRST_WORDS:
            first = token.i - 1
        words = doc[first : token.i + 1]
        sentence = token.sent
        triggers.append(
            Trigger(
                span=page_span(doc, words.start_char, words.end_char),
                sentence_start=page_offset(doc, sentence.start_char),
                sentence_end=page_offset(doc, sentence.end_char),
                event_type=typed[0],
                sub_event_type=typed[1],
                weak=classify_killing(token) is not None,
            )
        )
    return triggers
