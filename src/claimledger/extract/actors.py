"""Actors of an event: who initiates it and who is targeted, read off the trigger's parse."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons
from claimledger.extract.annotation import page_span
from claimledger.model import Actor, Role, Span

MAX_ACTOR_WORDS = 8
# A target that is a place or a thing: its holder ("a base held by X") is the actor targeted.
FACILITIES = lexicons.words("facilities")
HOLDER_VERBS = lexicons.words("holder_verbs")
# "Saturday's attack", "the Munigi base": times, sites and landmarks are not parties.
NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC"}
)
LEADING_WORDS = lexicons.words("actor_leading_words")


def _phrase(head: Token) -> Span:
    """The head noun with its left modifiers and an 'of'-phrase ("fighters of the NRM")."""
    left = head.left_edge
    # "the", "at least 20": determiners and counts are not part of a party's name
    while left.i < head.i and (
        left.lower_ in LEADING_WORDS
        or left.like_num
        or left.dep_ in ("nummod", "quantmod", "advmod", "predet")
    ):
        left = left.doc[left.i + 1]
    right = head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = child.right_edge
            break
    if right.i - left.i + 1 > MAX_ACTOR_WORDS:
        right = head
        left = max(left, head.doc[max(head.i - MAX_ACTOR_WORDS + 1, 0)], key=lambda t: t.i)
    words = head.doc[left.i : right.i + 1]
    return page_span(head.doc, words.start_char, words.end_char)


def _holder(head: Token) -> Token | None:
    """For "a base held by U.S.-backed forces", the forces."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in HOLDER_VERBS:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return pobj
    return None


def _owner_modifier(head: Token) -> Token | None:
    """For "an army base" or "a police station", the army or the police."""
    for child in head.children:
        if child.dep_ in ("compound", "poss") and (
            child.pos_ == "NOUN" or child.ent_type_ in ("ORG", "NORP")
        ):
            return child
    return None


def _with_conjuncts(head: Token) -> list[Token]:
    return [head, *[c for c in head.conjuncts if c.pos_ in ("NOUN", "PROPN")]]


def _actor(head: Token, role: Role) -> list[Actor]:
    if head.pos_ == "PRON" or head.ent_type_ in NOT_ACTOR_ENTITIES:
        return []
    if role == "target" and head.lemma_.lower() in FACILITIES:
        holder = _holder(head) or _owner_modifier(head)
        if holder is None:
            return []
        head = holder
    return [
        Actor(name=span.text, role=role, span=span)
        for span in (_phrase(token) for token in _with_conjuncts(head))
    ]


def find_actors(trigger: Token) -> list[Actor]:
    """Initiators and targets of the event a trigger names, from its dependents."""
    actors: list[Actor] = []
    if trigger.pos_ == "VERB":
        for child in trigger.children:
            if child.dep_ == "nsubj":
                actors += _actor(child, "initiator")
            elif child.dep_ in ("dobj", "nsubjpass"):
                actors += _actor(child, "target")
            elif child.dep_ == "agent":
                actors += [a for p in child.children for a in _actor(p, "initiator")]
        if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
            actors += _actor(trigger.head, "initiator")
    else:
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                actors += [a for p in child.children for a in _actor(p, "initiator")]
            elif child.dep_ == "prep" and child.lower_ in ("on", "against"):
                actors += [a for p in child.children for a in _actor(p, "target")]
            elif child.dep_ == "poss" or (child.dep_ == "amod" and child.ent_type_ == "NORP"):
                actors += _actor(child, "initiator")
            elif child.dep_ == "prep" and child.lower_ == "between":
                for pobj in child.children:
                    actors += _actor(pobj, "initiator")
    seen: set[tuple[str, str]] = set()
    unique: list[Actor] = []
    for actor in actors:
        key = (actor.name.lower(), actor.role)
        if key not in seen:
            seen.add(key)
            unique.append(actor)
    return unique
