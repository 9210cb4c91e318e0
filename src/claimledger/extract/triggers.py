"""Event triggers: the words that name a conflict or protest event, typed in ACLED's taxonomy.

A trigger is a token (noun or verb) whose lemma is in the lexicon below, checked against its
neighbours where the word has a common non-conflict sense ("legal battle", "heart attack", a
labour "strike"). Each trigger carries ACLED's event type and sub-event type.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

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
    EXCESSIVE_FORCE,
    EXPLOSIONS,
    GRENADE,
    IED,
    MOB_VIOLENCE,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    RIOTS,
    SHELLING,
    STRATEGIC,
    SUICIDE_BOMB,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)

# lemma -> (event type, sub-event type); nouns and verbs alike unless listed in VERB_ONLY/NOUN_ONLY.
LEXICON: dict[str, tuple[str, str]] = {
    "battle": (BATTLES, ARMED_CLASH),
    "clash": (BATTLES, ARMED_CLASH),
    "fighting": (BATTLES, ARMED_CLASH),
    "firefight": (BATTLES, ARMED_CLASH),
    "gunfight": (BATTLES, ARMED_CLASH),
    "gunbattle": (BATTLES, ARMED_CLASH),
    "skirmish": (BATTLES, ARMED_CLASH),
    "offensive": (BATTLES, ARMED_CLASH),
    "assault": (BATTLES, ARMED_CLASH),
    "attack": (BATTLES, ARMED_CLASH),
    "ambush": (BATTLES, ARMED_CLASH),
    "raid": (BATTLES, ARMED_CLASH),
    "storm": (BATTLES, ARMED_CLASH),
    "airstrike": (EXPLOSIONS, AIR_STRIKE),
    "bombardment": (EXPLOSIONS, AIR_STRIKE),
    "bombing": (EXPLOSIONS, AIR_STRIKE),
    "bomb": (EXPLOSIONS, AIR_STRIKE),
    "bombard": (EXPLOSIONS, AIR_STRIKE),
    "strike": (EXPLOSIONS, AIR_STRIKE),
    "shelling": (EXPLOSIONS, SHELLING),
    "shell": (EXPLOSIONS, SHELLING),
    "artillery": (EXPLOSIONS, SHELLING),
    "mortar": (EXPLOSIONS, SHELLING),
    "rocket": (EXPLOSIONS, SHELLING),
    "missile": (EXPLOSIONS, SHELLING),
    "barrage": (EXPLOSIONS, SHELLING),
    "explosion": (EXPLOSIONS, IED),
    "blast": (EXPLOSIONS, IED),
    "ied": (EXPLOSIONS, IED),
    "landmine": (EXPLOSIONS, IED),
    "grenade": (EXPLOSIONS, GRENADE),
    "massacre": (VIOLENCE_AGAINST_CIVILIANS, CIVILIAN_ATTACK),
    "execute": (VIOLENCE_AGAINST_CIVILIANS, CIVILIAN_ATTACK),
    "abduct": (VIOLENCE_AGAINST_CIVILIANS, ABDUCTION),
    "abduction": (VIOLENCE_AGAINST_CIVILIANS, ABDUCTION),
    "kidnap": (VIOLENCE_AGAINST_CIVILIANS, ABDUCTION),
    "kidnapping": (VIOLENCE_AGAINST_CIVILIANS, ABDUCTION),
    "protest": (PROTESTS, PEACEFUL_PROTEST),
    "protester": (PROTESTS, PEACEFUL_PROTEST),
    "protestor": (PROTESTS, PEACEFUL_PROTEST),
    "demonstration": (PROTESTS, PEACEFUL_PROTEST),
    "demonstrator": (PROTESTS, PEACEFUL_PROTEST),
    "rally": (PROTESTS, PEACEFUL_PROTEST),
    "sit-in": (PROTESTS, PEACEFUL_PROTEST),
    "riot": (RIOTS, VIOLENT_DEMONSTRATION),
    "rioter": (RIOTS, VIOLENT_DEMONSTRATION),
    "looting": (RIOTS, VIOLENT_DEMONSTRATION),
    "loot": (RIOTS, VIOLENT_DEMONSTRATION),
    "mob": (RIOTS, MOB_VIOLENCE),
    "lynching": (RIOTS, MOB_VIOLENCE),
    "arrest": (STRATEGIC, ARRESTS),
    "detain": (STRATEGIC, ARRESTS),
    "ceasefire": (STRATEGIC, AGREEMENT),
    "truce": (STRATEGIC, AGREEMENT),
}
VERB_ONLY = frozenset({"storm", "execute", "bombard", "detain"})
NOUN_ONLY = frozenset(
    {"offensive", "artillery", "mortar", "rocket", "missile", "barrage", "mob", "rally"}
)

# Modifiers that turn a trigger word into something other than a physical event.
FIGURATIVE = frozenset(
    {
        "legal",
        "political",
        "court",
        "election",
        "electoral",
        "uphill",
        "verbal",
        "heart",
        "panic",
        "cyber",
        "personal",
        "charm",
        "media",
        "diplomatic",
        "rhetorical",
        "ad",
        "campaign",
        "budget",
        "custody",
        "hunger",
        "lucky",
        "price",
    }
)
# A "strike" is military only with one of these beside it (else it may be a labour strike).
MILITARY_STRIKE = frozenset(
    {"air", "drone", "missile", "military", "coalition", "airstrike", "precision", "rocket", "u.s."}
)
AIR_WORDS = frozenset({"air", "drone", "aerial", "plane", "jet", "warplane", "helicopter"})
SUICIDE_WORDS = frozenset({"suicide"})
ROADSIDE_WORDS = frozenset({"roadside", "car", "truck", "landmine", "improvised", "parcel"})
CIVILIAN_TARGETS = frozenset(
    {
        "civilian",
        "villager",
        "worshipper",
        "market",
        "school",
        "church",
        "mosque",
        "hospital",
        "wedding",
        "funeral",
        "bus",
        "passenger",
        "student",
        "pupil",
        "child",
        "family",
        "farmer",
        "resident",
        "camp",
        "home",
        "house",
    }
)
ARMED_TARGETS = frozenset(
    {
        "base",
        "soldier",
        "troop",
        "force",
        "position",
        "checkpoint",
        "army",
        "police",
        "convoy",
        "patrol",
        "militant",
        "rebel",
        "fighter",
        "outpost",
        "barracks",
        "garrison",
        "refinery",
    }
)
COMPOUND_FIRST_WORDS = frozenset({"air", "drone", "suicide", "car", "roadside"})
KILLING_VERBS = frozenset({"kill", "shoot", "behead", "slaughter", "murder", "gun"})
ARMED_VICTIMS = frozenset(
    {
        "soldier",
        "troop",
        "militant",
        "rebel",
        "fighter",
        "insurgent",
        "terrorist",
        "jihadist",
        "policeman",
        "officer",
        "police",
        "commander",
        "guerrilla",
        "militiaman",
        "combatant",
        "gunman",
        "attacker",
        "mercenary",
        "taliban",
        "army",
        "serviceman",
        "personnel",
    }
)
PERSON_VICTIMS = frozenset(
    {
        "civilian",
        "people",
        "person",
        "man",
        "woman",
        "child",
        "villager",
        "resident",
        "farmer",
        "student",
        "worshipper",
        "passenger",
        "family",
        "member",
        "herder",
        "journalist",
        "teacher",
        "boy",
        "girl",
        "protester",
        "demonstrator",
        "one",
        "dozen",
    }
)
INTERVENTION_WORDS = frozenset({"tear", "disperse", "arrest", "detain", "baton", "water"})


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
    if token.lower_ in ("fighting", "shelling", "bombing", "looting", "kidnapping", "lynching"):
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
        if sentence & {"kill", "shoot", "dead"}:
            sub_type = EXCESSIVE_FORCE
        elif sentence & INTERVENTION_WORDS:
            sub_type = PROTEST_WITH_INTERVENTION
    return event_type, sub_type


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every event trigger in one segment's Doc (its actors are the actors component's)."""
    triggers: list[Trigger] = []
    for token in doc:
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
