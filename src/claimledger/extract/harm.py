"""Mentions of people harmed: who was killed, injured or shot, read off the parse.

Most tolls in local reporting are not numerals: "a teenager was killed", "Durham was one of five
people shot", "the others suffered injuries", "a woman and her daughter were found dead". Each
harm word (a verb, adjective or noun with its sense fixed by its neighbours: "shot" alone is a
shooting, "shot and killed" or "fatally shot" a death) is paired with the people it happened
to, taken from its grammatical patient: the passive subject, the object, the subject of "died"
or "is dead", the noun a participle modifies, "the death of X". Each patient phrase becomes a
mention of one person (with the name, age and gender it gives), of a group of a stated size, of
"the others", or of nobody. Turning mentions into people (who is the same person as whom) is
the document-level step in people.py.

Left out on purpose: harm that did not happen ("was not injured" is a mention of nobody, "could
have killed", "tried to kill", "threatened to shoot"), and harm in sentences about another time
("last year 40 people were killed in the city").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import msgspec
from spacy.tokens import Doc, Token
from spacy.tokens import Span as Span_

from claimledger.extract import lexicons
from claimledger.extract.annotation import context, page_offset, page_span, token_span
from claimledger.extract.dates import MONTHS
from claimledger.extract.doc_index import doc_children, doc_ents, doc_lowers
from claimledger.extract.headline_harm import headline_mentions, listed_dead, stated_total
from claimledger.extract.measures import is_animal
from claimledger.extract.place_choice import site_name_start
from claimledger.extract.roundups import roundup
from claimledger.model import Gender, HarmMention, HarmStatus, PersonRole, Span

KILLING_VERBS = frozenset(
    {"kill", "murder", "slay", "execute", "assassinate", "behead", "massacre", "slaughter"}
)
DYING_VERBS = frozenset({"die", "perish", "succumb"})
WOUNDING_VERBS = frozenset({"wound", "injure", "hurt", "hospitalize", "hospitalise", "graze"})
SHOOTING_VERBS = frozenset({"shoot", "gun"})
FATAL_WORDS = frozenset({"fatally", "mortally", "dead", "death", "deadly", "lethally"})
DEAD_WORDS = frozenset({"dead", "deceased"})
NOT_FATAL_WORDS = frozenset({"non-fatally", "nonfatally", "non-fatal", "nonfatal"})
# Verbs that make what follows not happen: "tried to kill", "threatened to shoot".
UNREAL_HEADS = frozenset(
    {"try", "attempt", "threaten", "plan", "want", "intend", "vow", "plot", "conspire", "seek",
     "aim", "mean", "refuse", "fear", "avoid", "prevent", "help", "could", "would"}
)  # fmt: skip
MODAL_WORDS = frozenset({"could", "would", "might", "may", "should", "must", "can"})
HARM_NOUNS: dict[str, HarmStatus] = {
    "death": "killed", "killing": "killed", "murder": "killed", "slaying": "killed",
    "homicide": "killed", "shooting": "shot", "wounding": "injured",
}  # fmt: skip
GUNFIRE_WORDS = frozenset(
    {"bullet", "bullets", "gunfire", "round", "rounds", "shot", "shots", "gunshot", "gunshots",
     "shooting", "shooter", "gunman", "fire", "fired", "gun", "victim", "victims"}
)  # fmt: skip


class _AllWords(frozenset[str]):
    """Every word: `_has_child(token, deps, ALL_WORDS)` asks for any child with those deps."""

    def __contains__(self, word: object) -> bool:
        return True


ALL_WORDS = _AllWords()
CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "good", "grave"})

# Head nouns that name people, with what they say about a person's role and gender.
MALE_NOUNS = frozenset(
    {"man", "boy", "father", "son", "brother", "husband", "boyfriend", "uncle", "nephew",
     "grandfather", "grandson", "gentleman", "male", "dad", "stepfather", "stepson", "guy"}
)  # fmt: skip
FEMALE_NOUNS = frozenset(
    {"woman", "girl", "mother", "daughter", "sister", "wife", "girlfriend", "aunt", "niece",
     "grandmother", "granddaughter", "lady", "female", "mom", "stepmother", "stepdaughter"}
)  # fmt: skip
OFFICER_NOUNS = frozenset(
    {"officer", "deputy", "trooper", "cop", "policeman", "patrolman", "sergeant", "agent",
     "detective", "marshal", "constable", "lieutenant", "sheriff"}
)  # fmt: skip
SUSPECT_NOUNS = frozenset(
    {"suspect", "gunman", "shooter", "assailant", "attacker", "robber", "intruder", "burglar",
     "perpetrator", "killer", "carjacker", "gunmen", "shooters"}
)  # fmt: skip
PEOPLE_NOUNS = frozenset(
    {"acquaintance", "adult", "athlete", "attendant", "baby", "barber", "bartender", "bicyclist",
     "boss", "bouncer", "boy", "brother-in-law", "bystander", "cabbie", "cashier", "child",
     "classmate", "clerk", "co-worker", "coach", "colleague", "courier", "cousin", "coworker",
     "customer", "cyclist", "dad", "dealer", "deliveryman", "doctor", "doorman", "driver",
     "employee", "employer", "ex-boyfriend", "ex-girlfriend", "ex-husband", "ex-wife", "family",
     "fan", "father-in-law", "female", "fiance", "fiancee", "fiancé", "fiancée", "firefighter",
     "freshman", "friend", "gangster", "girl", "grader", "grandchild", "granddaughter",
     "grandma", "grandpa", "guard", "guest", "hiker", "homeless", "homeowner", "hunter",
     "husband", "individual", "infant", "informant", "inmate", "jailer", "jogger", "junior",
     "juvenile", "kid", "kindergartner", "landlord", "male", "man", "manager", "member", "minor",
     "mom", "mother-in-law", "motorcyclist", "motorist", "mourner", "neighbor", "neighbour",
     "nephew", "niece", "nurse", "occupant", "one", "other", "owner", "paramedic", "parent",
     "partner", "partygoer", "passenger", "pastor", "patron", "pedestrian", "people", "person",
     "player", "preacher", "preschooler", "priest", "prisoner", "ranger", "rapper", "relative",
     "resident", "retiree", "reveler", "rider", "roommate", "runner", "security", "senior",
     "shopper", "sibling", "sister-in-law", "soldier", "sophomore", "spouse", "stepson",
     "stranger", "student", "stylist", "teacher", "teammate", "teen", "teenager", "tenant",
     "toddler", "trucker", "twin", "vendor", "veteran", "victim", "warden", "witness", "woman",
     "worker", "year-old", "youth"}
)  # fmt: skip
PERSON_NOUNS = MALE_NOUNS | FEMALE_NOUNS | OFFICER_NOUNS | SUSPECT_NOUNS | PEOPLE_NOUNS
GROUP_SIZES = {"both": 2, "couple": 2, "pair": 2, "trio": 3, "double": 2, "triple": 3,
               "quadruple": 4, "quintuple": 5}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
PRONOUN_GENDER: dict[str, Gender | None] = {
    "he": "male", "him": "male", "she": "female", "her": "female", "who": None, "whom": None,
    "that": None,
}  # fmt: skip
PLURAL_PRONOUNS = frozenset({"they", "them", "those"})
NOBODY = frozenset({"nobody", "noone"})
OTHERS = frozenset({"other", "others", "rest", "remaining"})
AGE = re.compile(r"^(\d{1,3})(?:-|\s)?(?:years?|yrs?)(?:-|\s)?old$")
MAX_GROUP = 60  # a larger number in a shooting story is a statistic, not this event's toll


def number_of(token: Token) -> int | None:
    """A small whole number written as digits or a word."""
    word = token.lower_
    if word.isdigit() and len(word) <= 3:
        return int(word)
    return NUMBER_WORDS.get(word)


def _children(token: Token) -> list[Token]:
    doc = token.doc
    return [doc[i] for i in doc_children(doc)[token.i]]


def _has_child(token: Token, deps: frozenset[str] | set[str], words: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for c in _children(token))


# --- what happened ---------------------------------------------------------------------------


def _others_between(verb: Token, later: Token) -> bool:
    """Whether other people or acts stand between two coordinated verbs ('2 cops shot, suspect
    and bystander killed': the killed are others than the shot)."""
    return any(
        t.dep_ in ("conj", "nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "VERB")
        for t in verb.doc[verb.i + 1 : later.i]
    )


def _fatal(verb: Token) -> bool:
    """'fatally shot', 'shot dead', 'shot to death', 'shot and killed', 'deadly shooting'."""
    for child in _children(verb):
        word = child.lower_
        if word in NOT_FATAL_WORDS:
            return False
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp", "amod") and word in FATAL_WORDS:
            return True
        if (
            child.dep_ == "prep"
            and word == "to"
            and any(g.lemma_ == "death" for g in _children(child))
        ):
            return True
        if (
            child.dep_ == "conj"
            and child.lemma_ in KILLING_VERBS
            and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in _children(child))
            and not _others_between(verb, child)
        ):
            # "shot and killed"; not "four were shot and one was killed", "shot him, killed
            # his sister"; "shot ... and died" is the dying verb's own
            return True
        if (
            child.dep_ == "advcl"
            and child.lemma_ in KILLING_VERBS
            and child.i == verb.i + 2
            and verb.doc[verb.i + 1].text == ","
        ):
            return True  # a headline's "shot, killed"
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.lower_ == "dead"


def _dies(verb: Token) -> bool:
    """'died', 'succumbed', 'passed away'."""
    lemma = verb.lemma_.lower()
    return lemma in DYING_VERBS or (
        lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in _children(verb))
    )


def status_of(token: Token) -> HarmStatus | None:
    """What a harm word says happened to its patient, or None for a word that is not one."""
    lemma = token.lemma_.lower()
    if lemma not in HARM_WORDS and token.lower_ not in HARM_WORDS:
        return None  # most words: no need to look further
    pos = token.pos_
    if _found_shot(token):
        return "shot"
    if pos in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG"):
        if lemma in KILLING_VERBS:
            return "killed"
        if _dies(token):
            return "killed"
        if lemma in SHOOTING_VERBS:
            return "killed" if _fatal(token) else "shot"
        if lemma in WOUNDING_VERBS or token.lower_ in ("wounded", "injured", "hurt"):
            return "killed" if _has_child(token, {"advmod"}, FATAL_WORDS) else "injured"
        if lemma in ("pronounce", "declare", "find", "leave", "lie") and _has_child(
            token, {"oprd", "acomp", "xcomp", "ccomp", "advmod"}, DEAD_WORDS
        ):
            return "killed"
        if lemma == "recover" and not any(c.dep_ in ("dobj", "auxpass") for c in _children(token)):
            return "injured"  # "four people are recovering after a shooting"
        if lemma in ("strike", "hit"):
            # "all four victims were struck", "a bullet struck a girl", "fired, hitting the boy"
            passive = any(c.dep_ == "auxpass" for c in _children(token))
            words = {t.lower_ for t in token.sent}
            if (passive or _has_child(token, {"dobj"}, ALL_WORDS)) and words & GUNFIRE_WORDS:
                return "shot"
        return None
    if (
        pos == "NOUN"
        and not any(c.lower_ in ("attempted", "attempt") for c in _children(token))
        and lemma in HARM_NOUNS
        and any(
            (c.dep_ == "poss" and lemma != "shooting") or (c.dep_ == "prep" and c.lower_ == "of")
            for c in _children(token)
        )
    ):
        return HARM_NOUNS[lemma]  # "the death of X", "X's killing", "the shooting of four"
    if (pos == "ADJ" or _headline_word(token)) and token.lower_ in DEAD_WORDS:
        return "killed"
    if pos == "ADJ" and token.lower_ in ("injured", "wounded", "hurt"):
        return "injured"
    return None


FINDING_VERBS = frozenset({"find", "discover", "locate", "leave"})
CARRYING_VERBS = frozenset({"take", "transport", "rush", "carry", "fly", "airlift", "drive"})
# every word status_of reads as harm, by lemma or lower case
HARM_WORDS = (
    KILLING_VERBS | DYING_VERBS | SHOOTING_VERBS | WOUNDING_VERBS | DEAD_WORDS | set(HARM_NOUNS)
    | {"pass", "shot", "wounded", "injured", "hurt", "recover", "strike", "hit"}
    | {"pronounce", "declare", "find", "leave", "lie"}
)



def _headline_word(token: Token) -> bool:
    """A headline's capitalised word the parse takes for a name ('2 Dead, 3 Wounded')."""
    return token.pos_ == "PROPN" and context(token.doc).kind == "title"


def _found_shot(token: Token) -> bool:
    """'a boy was found shot': the parse makes 'shot' a noun, the complement of 'found'."""
    return (
        token.lower_ == "shot"
        and token.pos_ != "VERB"
        and token.dep_ in ("oprd", "xcomp", "acomp", "ccomp")
        and token.head.lemma_.lower() in FINDING_VERBS
    )


def _unreal(verb: Token) -> bool:
    """'could have killed', 'tried to shoot', 'threatened to kill', 'if he had died', 'nearly
    killed'."""
    for child in _children(verb):
        if child.dep_ == "advmod" and child.lower_ in ("nearly", "almost"):
            return True
        if child.dep_ == "aux" and child.lower_ in MODAL_WORDS:
            return True
        if child.dep_ in ("aux", "auxpass") and child.lower_ == "to" and verb.dep_ != "advcl":
            return True  # "for a child to get hurt", "expected to die": not (yet) so
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return True
        if child.dep_ in ("advmod", "mark") and child.lower_ in ("whenever", "anytime"):
            return True  # "whenever a child is shot": any child, no one in particular
    head = verb.head
    if verb.dep_ == "relcl" and head.lower_ == "time":
        # "any time one of our students is hurt", "every time someone is shot"
        return any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in _children(head))
    return verb.dep_ == "xcomp" and head.lemma_.lower() in UNREAL_HEADS


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in _children(verb))


# --- to whom -------------------------------------------------------------------------------


def _patients(word: Token) -> list[Token]:
    """The people a harm word is about, as head tokens of their phrases."""
    deps = {c.dep_: c for c in _children(word)}
    found: list[Token] = []
    lemma = word.lemma_.lower()
    if _found_shot(word):
        return [c for c in _children(word.head) if c.dep_ in ("nsubjpass", "dobj")]
    if word.pos_ == "NOUN":
        # "the death of X", "X's death"
        found += [c for c in _children(word) if c.dep_ == "poss" and lemma != "shooting"]
        found += [
            g
            for c in _children(word)
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in _children(c)
            if g.dep_ == "pobj"
        ]
        return found
    if word.pos_ == "ADJ" or _dies(word) or _headline_word(word):
        if _headline_word(word):
            found += [c for c in _children(word) if c.dep_ == "nummod"]
        # "two boys dead" (left ... dead), "X is dead", "X died", "dead: a man"
        if word.dep_ in ("oprd", "xcomp", "ccomp") and word.head.lemma_ in ("leave", "find"):
            found += [c for c in _children(word.head) if c.dep_ in ("dobj", "nsubjpass")]
            # "found a man dead and a woman wounded": the parse gives 'dead' its own subject
            found += [c for c in _children(word) if c.dep_ == "nsubj"]
        elif word.dep_ == "amod" and word.head.pos_ in ("NOUN", "PROPN", "NUM"):
            found.append(word.head)  # "the dead man", "the injured woman"
        else:
            found += [c for c in _children(word) if c.dep_ in ("nsubj", "nsubjpass")]
            if word.dep_ in ("acomp", "attr") or word.head.lemma_ == "be":
                found += [c for c in _children(word.head) if c.dep_ == "nsubj"]
        if not found and word.dep_ == "conj" and _dies(word):
            first = word.head
            if first.dep_ == "acl":
                # "X was one of five people shot ... and died": the sentence's subject
                root = word.sent.root
                found += [c for c in _children(root) if c.dep_ in ("nsubj", "nsubjpass")]
            elif status_of(first) is not None:
                # "a man was shot and died"; "he shot himself and died": the subject
                patients = [p for p in _patients(first) if p.lower_ not in SUICIDE_OBJECTS]
                found += patients or [c for c in _children(first) if c.dep_ == "nsubj"]
            else:  # "a boy believed to have shot himself ... has died": the shared subject
                found += [c for c in _children(first) if c.dep_ in ("nsubj", "nsubjpass")]
        return found
    if "nsubjpass" in deps:
        found.append(deps["nsubjpass"])
    if "dobj" in deps and lemma not in ("pronounce", "declare", "lie"):
        found.append(deps["dobj"])
    if lemma in ("pronounce", "declare", "find", "leave") and "dobj" in deps:
        found.append(deps["dobj"])
    if not found and word.dep_ in ("acl", "relcl") and word.tag_ in ("VBN", "VBD") and not any(
        c.dep_ in ("nsubj", "dobj") for c in _children(word)
    ):
        found.append(word.head)  # "five people shot Saturday", "a man killed in ..."
    if (
        not found
        and word.dep_ == "amod"
        and word.head.pos_ in ("NOUN", "PROPN", "NUM")
        and lemma in WOUNDING_VERBS
    ):
        found.append(word.head)  # "three wounded people", "the injured man"
    if (
        not found
        and word.dep_ in ("xcomp", "oprd", "ccomp", "acomp")
        and word.head.lemma_ in FINDING_VERBS | {"report"}
    ):
        # "were found shot dead": who was found
        found += [c for c in _children(word.head) if c.dep_ in ("nsubjpass", "dobj")]
    if not found and word.dep_ == "relcl":
        # "a man who was shot", "a boy who died": the relative pronoun is who suffered it
        relative = [
            c
            for c in _children(word)
            if c.lower_ in ("who", "that", "whom")
            and (c.dep_ == "nsubjpass" or _dies(word) or c.dep_ == "dobj")
        ]
        if relative:
            found.append(word.head)
    if not found and lemma in SHOOTING_VERBS | KILLING_VERBS | WOUNDING_VERBS:
        # "shot and killed his girlfriend": the verbs share the object
        for child in _children(word):
            if child.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in _children(child)):
                found += [c for c in _children(child) if c.dep_ == "dobj"]
    if not found and "nsubj" in deps and _subject_suffers(word, deps):
        found.append(deps["nsubj"])  # headlines: "Man shot in Elgin", "4 wounded"
    if (
        not found
        and word.dep_ == "conj"
        and word.head.pos_ in ("VERB", "ADJ")
        and not _others_between(word.head, word)
    ):
        # "was shot and killed", "killing five and wounding others": the first verb's patient
        # (not in "2 cops shot, suspect and bystander killed")
        first = word.head
        if status_of(first) is not None or first.lemma_ in ("find", "take", "rush"):
            found = _patients(first)
        elif not any(c.dep_ in ("nsubj", "nsubjpass") for c in _children(word)):
            # "He was transported ... but was pronounced dead": the passive subject both verbs
            # share (an active first verb's subject is as often the one who did it)
            found = [c for c in _children(first) if c.dep_ == "nsubjpass"]
    return found


def _subject_suffers(word: Token, deps: dict[str, Token]) -> bool:
    """A subject is who was harmed when the harm word is a bare participle ("Man shot in
    Elgin", "two others wounded"); 'the gunman shot at officers' has an agent."""
    if "dobj" in deps or any(c.dep_ == "prep" and c.lower_ == "at" for c in _children(word)):
        return False
    if word.tag_ == "VBN":
        return True
    lemma = word.lemma_.lower()
    if lemma == "recover":
        return True  # "four people are recovering"
    headline = context(word.doc).kind == "title" and lemma in SHOOTING_VERBS
    return (
        word.tag_ == "VBD"
        and (lemma in WOUNDING_VERBS or lemma in KILLING_VERBS or headline)
        and not any(c.dep_ in ("aux",) for c in _children(word))
    )  # a headline's "Man shot, killed": the man was shot


def _conjuncts(head: Token) -> list[Token]:
    """'a woman and her daughter', 'Smith, 24, and Jones, 30': each person of a list. An
    apposition that is itself a list ('the man, his boss and a coworker') lists people too; one
    that is not ('the victim, a 24-year-old man') is the same person."""
    people = [head]
    for child in _children(head):
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            people += [c for c in _conjuncts(child) if c.pos_ != "PROPN" or _is_person_phrase(head)]
        elif (
            child.dep_ == "appos"
            and child.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in _children(child))
            and not head.like_num
            and _group_size(head) is None
        ):
            # (a counted group's apposition names its members: "two of those men, Todd
            # Thompson and Vincent Dipina" is two people, not four)
            people += _conjuncts(child)
        elif (
            child.dep_ == "appos"
            and head.pos_ == "PROPN"
            and child.pos_ == "PROPN"
            and child.ent_type_ == "PERSON"
            and (_name(head) or "") != (_name(child) or "")
        ):
            # "Mayo, 24, Justin King, 24, and ...": a list of names with ages the parse hung
            # on one another
            people += _conjuncts(child)
        elif (
            child.dep_ == "appos"
            and context(head.doc).kind == "title"
            and head.pos_ == "NOUN"
            and (child.pos_ == "NOUN" or child.lower_ in SUICIDE_OBJECTS)
            and not any(c.dep_ == "nummod" for c in (*_children(head), *_children(child)))
        ):
            # a headline's list without "and": "killed 6-year-old boy, wife, himself"
            people += _conjuncts(child)
    return people


AGED = re.compile(r"(\d{1,3})-?(year|month|week)s?-?old")


def _in_years(aged: re.Match[str]) -> int:
    """'17-year-old': 17; '15-month-old': 1; '3-week-old': 0."""
    number, unit = int(aged.group(1)), aged.group(2)
    return number if unit == "year" else (number // 12 if unit == "month" else 0)


def _age(head: Token) -> int | None:
    """'a 17-year-old', 'Kevie Durham, 24', 'a man, 30,'."""
    doc = head.doc
    low = max(0, head.i - 6)
    if head.like_num:
        aged = AGED.match("".join(t.lower_ for t in doc[head.i : head.i + 5]))
        if aged:
            return _in_years(aged)
    found = AGED.search("".join(t.lower_ for t in doc[low : head.i + 1]))
    if found:
        return _in_years(found)
    for child in _children(head):
        if child.dep_ in ("appos", "npadvmod", "amod", "nummod") and child.i > head.i:
            value = number_of(child) if child.like_num else None
            if value is not None and 0 < value < 110 and child.lower_.isdigit():
                return value
    following = doc[head.i + 1 : head.i + 4]
    if len(following) >= 2 and following[0].text == "," and following[1].like_num:
        digits = following[1].text
        if digits.isdigit() and 0 < int(digits) < 110:
            return int(digits)
    return None


# "a Pleasantville woman": words for people after the town they come from
RESIDENT_WORDS = lexicons.words("resident_words")


def _name(head: Token) -> str | None:
    """The person's name when the phrase gives one (a PERSON entity at or around the head)."""
    if head.ent_type_ == "PERSON":
        start = head.i
        while start > 0 and head.doc[start - 1].ent_type_ == "PERSON":
            start -= 1
            if head.doc[start].ent_iob_ == "B":
                break
        return head.doc[start : _entity_end(head)].text
    if _untagged_name(head):
        first = head
        while first.i > 0 and first.doc[first.i - 1].dep_ == "compound" and (
            first.doc[first.i - 1].pos_ == "PROPN"
        ):
            first = first.doc[first.i - 1]
        return head.doc[first.i : head.i + 1].text
    for child in _children(head):
        if child.dep_ == "compound" and head.lower_ in RESIDENT_WORDS:
            continue  # "a Larose teenager", "the Hutchinson man": the town they come from
        if child.dep_ in ("appos", "compound") and child.ent_type_ == "PERSON":
            return _name(child)
    if head.lower_ == "old" and head.head.ent_type_ == "PERSON" and head.dep_ == "amod":
        return _name(head.head)  # "34-year-old Annarae Ponce"
    return None


def _gender(head: Token) -> Gender | None:
    lemma = head.lemma_.lower()
    words = {lemma} | {c.lemma_.lower() for c in _children(head) if c.dep_ in ("amod", "compound")}
    if words & MALE_NOUNS or head.lower_ in ("he", "him"):
        return "male"
    if words & FEMALE_NOUNS or head.lower_ in ("she", "her"):
        return "female"
    return None


def _role(head: Token) -> PersonRole:
    words = {head.lemma_.lower()} | {
        c.lemma_.lower() for c in _children(head) if c.dep_ in ("compound", "amod")
    }
    if words & SUSPECT_NOUNS:
        return "suspect"
    if words & OFFICER_NOUNS or (head.lower_ == "police" and head.dep_ != "compound"):
        return "officer"
    return "victim"


def _group_size(head: Token) -> int | None:
    """The number of people a plural phrase counts: 'five people', 'both', 'all four'."""
    if head.like_num:
        return number_of(head)
    # the modifier nearest the noun first: "13 News two people" counts two
    for child in sorted(_children(head), key=lambda c: abs(head.i - c.i)):
        if child.dep_ in ("nummod", "quantmod", "amod", "det", "predet", "appos") and (
            child.i < head.i or child.dep_ == "appos"
        ):
            value = number_of(child) if child.dep_ != "appos" and not _years_old(child) else None
            if value is None and child.dep_ != "appos":
                value = GROUP_SIZES.get(child.lower_)
            if value is not None:
                return value
    if head.lower_ in GROUP_SIZES:
        return GROUP_SIZES[head.lower_]
    if head.tag_ in ("NNS", "NNPS"):
        # "two sheriff's deputies": the parse gives the number to the possessor
        for owner in (c for c in _children(head) if c.dep_ == "poss" and c.tag_ == "NN"):
            numbers = [number_of(c) for c in _children(owner) if c.dep_ == "nummod"]
            if numbers and numbers[0] is not None:
                return numbers[0]
    ages = [c for c in _children(head) if c.dep_ == "appos" and c.like_num]
    if ages and head.tag_ in ("NNS", "NNPS"):
        # "her sons, 7 and 8": one age a person
        listed = [c for age in ages for c in _children(age) if c.dep_ == "conj" and c.like_num]
        return len(ages) + len(listed)
    return None


def _years_old(number: Token) -> bool:
    """Whether a number is an age written short: "a 43 y/o man", "25 yo", "30 yrs old"."""
    after = [t.lower_ for t in number.doc[number.i + 1 : number.i + 4]]
    return bool(after) and (
        after[0] in ("yo", "y/o", "y.o.", "yrs", "yr") or after[:3] == ["y", "/", "o"]
    )


# A gallery's caption chrome ("Image 2 of 8 An 11-year-old boy accidentally shot himself"),
# parsed as the subject: no one.
MEDIA_WORDS = frozenset({"image", "photo", "video", "slide", "gallery"})


def _of_animals(head: Token) -> bool:
    """'one of the family dogs': no one."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and is_animal(g) for g in _children(c))
        for c in _children(head)
    )


def _is_person_phrase(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if head.lower_ in MEDIA_WORDS:
        return False
    if head.pos_ == "PRON":
        return (
            head.lower_ in PRONOUN_GENDER
            or head.lower_ in PLURAL_PRONOUNS
            or head.lower_ in ("one", "nobody", "someone", "anyone", "everyone", "another")
            or head.lower_ in GROUP_SIZES  # "both were fatally shot"
        )
    if head.ent_type_ == "PERSON" and _street_name(head):
        return False  # "Rosa Parks Boulevard", a street tagged as a person
    if head.ent_type_ == "PERSON" or lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        return True
    if head.lower_ in OTHERS or head.lower_ in GROUP_SIZES or head.lower_ in NOBODY:
        return True
    if head.like_num and number_of(head) is not None:
        return head.ent_type_ not in ("ORG", "FAC")  # "4 wounded"; not "13 News"
    if head.pos_ == "PROPN" and _age(head) is not None:
        return True  # "Kincaid-Hill, 57": a name the model did not tag, with an age
    if _untagged_name(head):
        return True  # "Hicks died": a surname the model did not tag
    # "a 17-year-old", "the 16-year-old"
    return bool(re.search(r"(year|month|week)-?old", head.text.lower())) or head.lower_ == "old"


STREET_WORDS = lexicons.words("street_words")


def _entity_end(head: Token) -> int:
    """The index after the last token of the entity the head stands in (the head's own when
    it begins none)."""
    end = head.i + 1
    while end < len(head.doc) and head.doc[end].ent_iob_ == "I":
        end += 1
    return end


def _street_name(head: Token) -> bool:
    """Whether a name runs on into a street word: "Rosa Parks Boulevard", "Martin Luther King
    Jr. Drive"."""
    end = _entity_end(head)
    last = head.doc[end - 1] if end - 1 > head.i else head
    after = head.doc[end] if end < len(head.doc) else None
    return any(
        token is not None and token.is_title and token.lower_.rstrip(".") in STREET_WORDS
        for token in (last, after)
    )


def _shooting_suspect(word: Token, head: Token) -> bool:
    """Whether 'shooting' names the suspect's shooting, not a shooting of the suspect: the
    words run on without an article ("shooting suspect Kurt Meyers", "Maryland shooting
    suspect"; not "after shooting the suspect")."""
    if word.lower_ != "shooting":
        return False
    first = head.left_edge
    return first.i == word.i + 1 and not (first.dep_ == "det" and first.is_lower)


def _untagged_name(head: Token) -> bool:
    """A capitalised word of the body, tagged as no entity, the subject of a harm word, that
    the page also writes within a person's name ('Owen Hicks' ... 'Hicks died')."""
    return (
        head.pos_ == "PROPN"
        and head.ent_type_ == ""
        and head.dep_ in ("nsubj", "nsubjpass")
        and head.text[:1].isupper()
        and head.text[1:].islower()
        and head.lemma_.lower() not in PERSON_NOUNS
        and context(head.doc).kind != "title"
        and any(
            t.text == head.text and t.i != head.i and t.ent_type_ == "PERSON" for t in head.doc
        )
    )


def _nobody(head: Token) -> bool:
    """Whether the phrase names nobody: 'no one', 'nobody', 'none', 'no other student',
    'neither the driver nor his passenger', 'neither of the brothers or their mother'."""
    if head.lower_ in NOBODY or head.lower_ == "none":
        return True
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if any(c.lower_ == "neither" for c in (*_children(head), *_children(first))):
        return True
    return any(c.lower_ == "no" and c.dep_ == "det" for c in _children(head)) or (
        head.lower_ == "one" and any(c.lower_ == "no" for c in _children(head))
    )


def _mentions_of(
    head: Token, status: HarmStatus, evidence: Span, negated: bool
) -> Iterator[HarmMention]:
    """The mentions of the people a patient phrase names; a list that holds a group ("he and
    four others", "three adults and a child") is also one group of everyone it lists."""
    if any(c.dep_ == "det" and c.lower_ in ("each", "every") for c in _children(head)):
        return  # "each victim suffered more than one wound": the people counted elsewhere
    found = list(_listed_mentions(head, status, evidence, negated))
    yield from found
    counted = [
        m for m in found if m.kind in ("person", "group") and m.span.text not in SUICIDE_OBJECTS
    ]
    # (names after a count enumerate it: "two of those men, Todd Thompson and Vincent Dipina")
    listing_a_group = (
        len(counted) > 1
        and any(m.kind == "group" for m in counted)
        and not any(m.name for m in counted)
    )
    if listing_a_group and all(m.number is not None for m in counted):
        total = sum(m.number or 0 for m in counted)
        first = min(counted, key=lambda m: m.span.start)
        last = max(counted, key=lambda m: m.span.end)
        base = context(head.doc).start
        yield msgspec.structs.replace(
            first,
            span=page_span(head.doc, first.span.start - base, last.span.end - base),
            kind="group",
            number=total,
            name=None,
            age=None,
            gender=None,
            ordinal=None,
        )


def _listed_mentions(
    head: Token, status: HarmStatus, evidence: Span, negated: bool
) -> Iterator[HarmMention]:
    doc = head.doc
    page = context(doc)
    sentence = head.sent
    common = {
        "evidence": evidence,
        "status": status,
        "sentence_start": page_offset(doc, sentence.start_char),
        "sentence_end": page_offset(doc, sentence.end_char),
        "headline": page.kind == "title",
    }
    if _of_animals(head):
        return
    if head.lower_ in ("who", "that", "whom") and head.head.dep_ == "relcl":
        head = head.head.head  # "a female who was shot": the female
    if head.lower_ == "those":
        # "identified those killed as X, 14; Y, 17": the people named after "as"
        named = [
            g
            for verb in _children(head)
            if verb.dep_ == "acl"
            for c in _children(verb)
            if c.dep_ == "prep" and c.lower_ == "as"
            for g in _children(c)
            if g.dep_ == "pobj"
        ]
        if named:
            head = named[0]
    if not _is_person_phrase(head):
        # "AUSTIN - A 15-year-old was shot": the dateline parsed as the subject
        inner = [
            t
            for t in head.subtree
            if t.i != head.i
            and not t.like_num
            and _is_person_phrase(t)
            and t.dep_ in ("amod", "appos", "compound")
        ]
        if inner:
            head = inner[0]
    if head.lower_ in SUICIDE_OBJECTS:
        return  # "shot herself": the subject, counted by _special_mentions
    listed = _conjuncts(head)
    for person in listed:
        if person.lower_ in ("himself", "herself") and person is not head:
            if status != "killed":
                continue
            # "killed four classmates and himself": the killer, dead by his own hand
            gender: Gender = "male" if person.lower_ == "himself" else "female"
            yield HarmMention(
                span=token_span(person, person), kind="person", number=1, gender=gender,
                role="suspect", definite=True, **common,  # type: ignore[arg-type]
            )
            continue
        if not (
            _is_person_phrase(person)
            or (person.pos_ == "PROPN" and person is not head and _is_person_phrase(head))
        ):
            continue
        if _own_status(person) not in (None, status):
            continue  # "left one dead and three injured": three injured, not dead
        if _age_after_name(person):
            continue  # "Tobiasz Cudnik, 32": the age of the name before it, no group of 32
        span = _phrase_span(person)
        nobody = _nobody(person)
        if nobody or negated:
            yield HarmMention(span=span, kind="none", number=0, **common)  # type: ignore[arg-type]
            continue
        is_others = person.lower_ in OTHERS or (
            any(c.lower_ in OTHERS and c.dep_ == "amod" for c in _children(person))
            and person.tag_ in ("NNS", "NNPS")
        )
        if is_others and _group_size(person) is None:
            # "the others suffered injuries": the rest of a group counted elsewhere
            yield HarmMention(span=span, kind="others", **common)  # type: ignore[arg-type]
            continue
        ordinal = next(
            (ORDINALS[c.lower_] for c in _children(person) if c.lower_ in ORDINALS), None
        )
        if ordinal is not None and _definite(person):
            ordinal = None  # "the fifth man was pronounced dead": one man, not five
        if ordinal is None and (
            person.lower_ == "another"
            or any(c.lower_ in ("another", "other") for c in _children(person))
        ):
            ordinal = 1  # "another man", "one was killed and another injured": someone new
        size = _group_size(person)
        part = _part_of(person)
        if size is not None and part is not None and part < size:
            # "one of three people hit ... has died": one person, of three shot
            shot = {**common, "status": "shot"}
            yield HarmMention(span=span, kind="group", number=size, **shot)  # type: ignore[arg-type]
            yield HarmMention(span=span, kind="group", number=part, **common)  # type: ignore[arg-type]
            continue
        if person.pos_ == "PROPN" and person.tag_ == "NNP" and _name(person):
            size = None  # a named person is one ("25 and Tobiasz Cudnik": an age before)
        if person.like_num and _age(person) is not None:
            size = None  # "the 57-year-old": an age, one person
        plural = person.tag_ in ("NNS", "NNPS") or person.lower_ in PLURAL_PRONOUNS
        if person.like_num and size is not None:
            plural = size != 1
        if person.like_num and size is None and _age(person) is not None:
            plural = False
        if size == 1 and _bare_one(person):
            plural = True  # "one person was killed": a count, no one in particular
        if plural or (size is not None and size > 1):
            if size is not None and size > MAX_GROUP:
                continue
            yield HarmMention(
                span=span,
                kind="group",
                number=size,
                role=_role(person),
                definite=_definite(person),
                **common,  # type: ignore[arg-type]
            )
            continue
        yield HarmMention(
            span=span,
            kind="person",
            number=1,
            name=_name(person),
            age=_age(person),
            gender=_gender(person),
            role=_role(person),
            definite=_definite(person),
            ordinal=ordinal,
            **common,  # type: ignore[arg-type]
        )


def _part_of(head: Token) -> int | None:
    """'one of three people', 'three of four members': the part, from the quantifiers the parse
    hangs on the group's noun or its number."""
    words = [c for c in _children(head) if c.dep_ == "quantmod"]
    if not words:
        words = [
            c
            for n in _children(head)
            if n.dep_ == "nummod"
            for c in _children(n)
            if c.dep_ == "quantmod"
        ]
    if not any(w.lower_ == "of" for w in words):
        return None
    return next((n for w in words if w.like_num and (n := number_of(w)) is not None), None)


GENERIC_PEOPLE = frozenset({"person", "people", "victim", "individual", "one"})


def _bare_one(head: Token) -> bool:
    """'one', '1 person', 'one victim': a count of one that describes nobody (several of them
    in one report are one person counted again, not several people)."""
    counted_one = any(c.dep_ == "nummod" and c.lower_ in ("one", "1") for c in _children(head))
    if head.lower_ not in ("one", "1") and head.lemma_.lower() not in GENERIC_PEOPLE:
        return counted_one and not (_definite(head) or _age(head) is not None or _name(head))
    if _definite(head) or _age(head) is not None or _name(head):
        return False
    return all(
        c.dep_ in ("nummod", "prep", "punct", "advmod", "quantmod") or c.lower_ in ("one", "1")
        for c in _children(head)
        if c.i < head.i or c.dep_ not in ("prep", "acl", "relcl")
    )


def _own_status(person: Token) -> HarmStatus | None:
    """The status a harm word right after a count gives it ('one dead', 'three injured')."""
    if not person.like_num or person.i + 1 >= len(person.doc):
        return None
    following = person.doc[person.i + 1]
    if following.pos_ not in ("ADJ", "VERB"):
        return None
    return status_of(following)


def _age_after_name(token: Token) -> bool:
    doc = token.doc
    return (
        token.text.isdigit()
        and token.i >= 2
        and doc[token.i - 1].text == ","
        and (
            doc[token.i - 2].ent_type_ == "PERSON"
            or (doc[token.i - 2].pos_ == "PROPN" and context(doc).kind != "title")
        )
        and _age(token) is None
        and not any(c.pos_ in ("NOUN", "PROPN") for c in _children(token))
        and status_of(doc[token.i - 2]) is None  # "2 Dead, 3 Wounded": no name before
    )


def _definite(head: Token) -> bool:
    if head.pos_ == "PRON" or head.ent_type_ == "PERSON" or _untagged_name(head):
        return True
    for child in _children(head):
        if child.dep_ in ("det", "poss") and child.lower_ not in ("a", "an", "another", "some"):
            return True
    return False


def _phrase_span(head: Token) -> Span:
    """The patient phrase: the head with its left modifiers (and an age after a name)."""
    doc = head.doc
    start = head.left_edge.i
    if head.i - start > 8:
        start = head.i
    while start < head.i and (doc[start].text == "," or doc[start].dep_ == "cc"):
        start += 1
    for token in doc[start : head.i]:
        if token.text == "," or token.dep_ == "cc":
            start = token.i + 1  # "25 and Tobiasz Cudnik": the name, not the age before it
    end = head.i
    for child in _children(head):
        listed = any(c.dep_ == "conj" for c in _children(child))
        if child.dep_ == "appos" and child.i > head.i and child.i - head.i <= 4 and not listed:
            end = max(end, child.i)
    return token_span(doc[start], doc[end])


def _evidence(word: Token) -> Span:
    """The harm words with their auxiliaries and particles: 'was shot and killed'."""
    doc = word.doc
    parts = [word] + [
        c
        for c in _children(word)
        if c.dep_ in ("auxpass", "aux", "neg", "advmod", "acomp", "oprd", "prt")
        and abs(c.i - word.i) <= 3
    ]
    start = min(t.i for t in parts)
    end = max(t.i for t in parts)
    return token_span(doc[start], doc[end])


POLICE_AGENTS = OFFICER_NOUNS | {"police", "deputies", "officers", "troopers", "swat"}


def _by_police(verb: Token) -> bool:
    """'shot and killed by police', 'was shot by a deputy': the agent is the police."""
    harming = SHOOTING_VERBS | KILLING_VERBS | WOUNDING_VERBS
    if verb.lemma_.lower() not in harming:
        return False
    verbs = [verb] + [c for c in _children(verb) if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        verbs.append(verb.head)
    return any(
        g.lemma_.lower() in POLICE_AGENTS or g.lower_ in POLICE_AGENTS
        for v in verbs
        for a in _children(v)
        if a.dep_ == "agent"
        for g in _children(a)
        if g.dep_ == "pobj"
    )


def _in_age(token: Token) -> bool:
    """'year' in '22-year-old': an age, no year of statistics."""
    if token.lower_ not in ("year", "years"):
        return False
    return any(t.lower_ == "old" for t in token.doc[token.i + 1 : token.i + 3])


def _other_time(sentence_words: set[str]) -> bool:
    """Sentences about the year's violence or another incident: 'so far this year', 'so far in
    2017', 'so far this month'."""
    so_far = {"so", "far"} <= sentence_words and any(
        word == "month" or (len(word) == 4 and word.isdigit()) for word in sentence_words
    )
    return so_far or bool(
        {"year", "years", "homicides", "since", "annually", "statistics"} & sentence_words
        and {"this", "so", "last", "since", "far", "per", "each", "every"} & sentence_words
    )


def _separate_incidents(sentence_words: set[str]) -> bool:
    """A sentence of several incidents at once ('two women and a boy were killed in separate
    shootings'): its count is no toll of one event."""
    return "separate" in sentence_words and bool(
        {"shootings", "attacks"} & sentence_words
    )


DAY_OF_MONTH = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def _earlier_year(sentence: Span_, published: str | None) -> bool:
    """A sentence dated only to a year before the page's, or a month of it ('In December 2012, 20
    children were killed', 'a gunman killed 13 people in 2009'): another incident, told for
    comparison. A date to the day ('On May 26, 2013, two men were shot') is the page's own
    incident told again at a trial; a sentence naming the page's year too tells of it as well."""
    if not published or not published[:4].isdigit():
        return False
    year = int(published[:4])
    earlier = False
    for entity in sentence.ents:
        years = [int(t.text) for t in entity if len(t.text) == 4 and t.text.isdigit()]
        if any(y >= year for y in years):
            return False
        day = any(DAY_OF_MONTH.fullmatch(t.lower_) for t in entity)
        if entity.label_ == "DATE" and years and not day and not _in_clause(entity.root):
            earlier = earlier or any(1900 <= y < year for y in years)
    return earlier


def _last_month(sentence: Span_, published: str | None) -> bool:
    """'last November' on a page of March: another incident, told for comparison."""
    month = int(published[5:7]) if published and published[5:7].isdigit() else None
    return any(
        word.lower_ == "last"
        and word.i + 1 < sentence.end
        and (named := MONTHS.get(word.doc[word.i + 1].lower_.rstrip("."))) is not None
        and word.doc[word.i + 1].is_title
        and named != month
        for word in sentence
    )


BACK_REFERENCES = frozenset({"shooting", "incident", "case", "attack", "crash", "killing"})


OTHER_INCIDENT_WORDS = frozenset({"another", "previous", "earlier", "similar", "unrelated"})
INCIDENT_NOUNS = BACK_REFERENCES | {"suicide", "homicide", "murder", "shootings", "incidents"}


def _another_incident(sentence: Span_) -> bool:
    """'In another murder-suicide last week, ...', 'an unrelated shooting': a sentence of
    another incident than the page's."""
    return any(
        word.lower_ in OTHER_INCIDENT_WORDS
        and word.dep_ in ("det", "amod")
        and word.head.lower_ in INCIDENT_NOUNS
        for word in sentence
    )


def _refers_back(sentence: Span_) -> bool:
    """'in that shooting', 'in that case': a sentence telling more of the one before it."""
    return any(
        word.lower_ == "that" and word.dep_ == "det" and word.head.lower_ in BACK_REFERENCES
        for word in sentence
    )


def _in_clause(token: Token) -> bool:
    """Whether the word stands in a clause on a noun ('a vigil for a man slain in 2014'), which
    dates that noun, not what the sentence tells."""
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return False


SUICIDE_OBJECTS = frozenset({"himself", "herself", "themselves", "self"})  # "shoots self"
SELF_HARM_VERBS = frozenset({"turn", "take", "shoot"})
MULTIPLE_HARM = {"shooting": "shot", "homicide": "killed", "murder": "killed",
                 "killing": "killed", "slaying": "killed"}  # fmt: skip


def _special_mentions(
    sentence: Sequence[Token], seen: set[tuple[int, int, str]]
) -> list[HarmMention]:
    """Wordings the patient rules miss: "five were shot, one fatally"; "a quadruple shooting";
    "a double homicide"; "a murder-suicide"; "turned the gun on himself", "killed himself"."""
    found: list[HarmMention] = []
    for word in sentence:
        lower = word.lower_
        # "one fatally", "two critically": a count the adverb gives a status
        if word.like_num and number_of(word) is not None:
            adverbs = {c.lower_ for c in _children(word) if c.dep_ == "advmod"}
            status: HarmStatus | None = "killed" if adverbs & {"fatally", "mortally"} else None
            if status is not None:
                found += _mentions_of(word, status, token_span(word, word), False)
        # "a quadruple shooting", "a double homicide"
        if lower in MULTIPLE_HARM and word.pos_ == "NOUN":
            sizes = [GROUP_SIZES[c.lower_] for c in _children(word) if c.lower_ in GROUP_SIZES]
            head = word.head
            if not sizes and head.i == word.i - 1 and head.lower_ in GROUP_SIZES:
                # "investigating a quadruple shooting", parsed as a noun 'quadruple' the
                # shooting qualifies
                sizes = [GROUP_SIZES[head.lower_]]
            if sizes:
                found.append(_group(word, MULTIPLE_HARM[lower], sizes[0]))  # type: ignore[arg-type]
            elif lower == "shooting" and any(_fatal_word(c) for c in _children(word)):
                found.append(_group(word, "killed", 1))  # "a fatal shooting": someone died
        if (
            lower == "death"
            and word.pos_ == "NOUN"
            and any(c.dep_ == "compound" and c.lower_ == "shooting" for c in _children(word))
            and not _patients(word)
        ):
            found.append(_group(word, "killed", 1))  # "an accidental shooting death": someone
        if (
            lower == "suicide"
            and word.i >= 2
            and word.doc[word.i - 2].lower_ == "murder"
            and not any(c.lower_ in ("attempted", "attempt") for c in _children(word))
        ):
            found.append(_group(word, "killed", 2))  # a murder-suicide: the victim and the killer
        for patient in _lives_claimed(word):
            # "the shooting claimed the life of a 9-year-old", "took the lives of two men",
            # "Accidental Shooting Claims St. Marie Youth"
            found += _mentions_of(patient, "killed", token_span(word, word), _negated(word))
        own_lemma = lexicons.lemma(word)
        saved = own_lemma == "save" and _could_not(word)
        # "did not survive"; not "is not expected to survive": in critical condition
        survived = own_lemma == "survive" and _negated(word)
        if saved or survived:
            # "doctors could not save her", "were unable to save him", "did not survive": died
            evidence = token_span(word, word)
            role = "dobj" if own_lemma == "save" else "nsubj"
            for patient in (c for c in _children(word) if c.dep_ == role):
                found += _mentions_of(patient, "killed", evidence, False)
        # "turned the gun on himself", "killed himself", "took his own life"
        lemma = word.lemma_
        if lemma not in SELF_HARM_VERBS and lemma.lower() not in KILLING_VERBS:
            continue
        reflexive = [c for c in _children(word) if c.lower_ in SUICIDE_OBJECTS] + [
            g
            for c in _children(word)
            if c.dep_ == "prep" and c.lower_ == "on"
            for g in _children(c)
            if g.lower_ in SUICIDE_OBJECTS
        ]
        turned = word.lemma_ == "turn" and any(c.lemma_ == "gun" for c in _children(word))
        own_life = word.lemma_ == "take" and any(
            c.lemma_ == "life" and any(g.lower_ == "own" for g in _children(c))
            for c in _children(word)
        )
        killing = word.lemma_.lower() in KILLING_VERBS or word.lemma_ == "shoot"
        if (reflexive and (turned or killing)) or own_life:
            fatal = turned or own_life or word.lemma_ != "shoot" or _fatal(word)
            status = "killed" if fatal else "shot"
            subjects = [c for c in _children(word) if c.dep_ == "nsubj"]
            if not subjects and word.dep_ == "conj":
                subjects = [c for c in _children(word.head) if c.dep_ == "nsubj"]
            evidence = token_span(word, reflexive[-1] if reflexive else word)
            for subject in subjects:
                for mention in _mentions_of(subject, status, evidence, False):
                    # who turns the gun on themselves after shooting others is the shooter
                    role = "suspect" if turned or own_life else mention.role
                    found.append(msgspec.structs.replace(mention, role=role))
            if not subjects and reflexive and (turned or own_life or fatal):
                # "... then turned the gun on herself", "before shooting and killing himself"
                gender: Gender | None = (
                    "female"
                    if reflexive[0].lower_ == "herself"
                    else ("male" if reflexive[0].lower_ == "himself" else None)
                )
                found.append(
                    msgspec.structs.replace(
                        _group(reflexive[0], status, 1),
                        kind="person",
                        gender=gender,
                        role="suspect",
                        definite=True,
                        evidence=evidence,
                    )
                )
    kept = []
    for mention in found:
        key = (mention.span.start, mention.span.end, mention.status)
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept


def _alternative(word: Token) -> Token | None:
    """The harm word that `word` is the alternative of ('killed' in 'wounded or killed'), or
    None."""
    head = word.head
    if word.dep_ != "conj" or head is word or status_of(head) is None:
        return None
    between = word.doc[head.i + 1 : word.i]
    return head if any(t.lower_ == "or" and t.dep_ == "cc" for t in between) else None


LIFE_TAKING_VERBS = frozenset({"claim", "take"})
# What claims a life without a killer: "the shooting claimed the life of", "gunfire claims".
HARM_CAUSES = frozenset({"shooting", "accident", "gunfire", "bullet", "discharge", "gunshot",
                         "violence", "crossfire"})  # fmt: skip


def _lives_claimed(verb: Token) -> list[Token]:
    """Whose life a verb says was claimed or taken: the 'of' of 'the life of X', the owner of
    'one man's life', or what a shooting 'claims' ('Shooting Claims St. Marie Youth'); not
    'took his own life' (a suicide, read elsewhere)."""
    if verb.pos_ != "VERB" or lexicons.lemma(verb) not in LIFE_TAKING_VERBS:
        return []
    found: list[Token] = []
    for obj in (c for c in _children(verb) if c.dep_ == "dobj"):
        if obj.lemma_.lower() in ("life", "live"):
            if any(c.lower_ == "own" for c in _children(obj)):
                continue
            found += [c for c in _children(obj) if c.dep_ == "poss"]
            found += [
                g for c in _children(obj) if c.dep_ == "prep" and c.lower_ == "of"
                for g in _children(c) if g.dep_ == "pobj"
            ]
        elif lexicons.lemma(verb) == "claim" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in HARM_CAUSES for c in _children(verb)
        ):
            found.append(obj)
    return found


def _could_not(verb: Token) -> bool:
    """'could not save', 'were not able to save', 'unable to save'."""
    if _negated(verb):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (
        head.lower_ == "unable" or (head.lower_ == "able" and _negated(head.head))
        or _negated(head)
    )


def _fatal_word(token: Token) -> bool:
    """'fatal', 'deadly'; not the 'fatal' of 'non-fatal' ('non', '-', 'fatal')."""
    doc = token.doc
    negated = token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "non"
    return token.lower_ in ("fatal", "deadly") and not negated


def _group(word: Token, status: HarmStatus, size: int) -> HarmMention:
    doc = word.doc
    sentence = word.sent
    start = (
        min(c.i for c in _children(word) if c.lower_ in GROUP_SIZES or c.i < word.i)
        if any(c.i < word.i for c in _children(word))
        else word.i
    )
    return HarmMention(
        span=token_span(doc[start], word),
        evidence=token_span(doc[start], word),
        status=status,
        kind="group",
        number=size,
        sentence_start=page_offset(doc, sentence.start_char),
        sentence_end=page_offset(doc, sentence.end_char),
        headline=context(doc).kind == "title",
    )


def find_harm(doc: Doc) -> list[HarmMention]:
    """Every mention of people killed, injured or shot in one parsed segment."""
    if not doc.has_annotation("DEP"):
        return []
    found: list[HarmMention] = []
    seen: set[tuple[int, int, str]] = set()
    said: set[str] = set()
    elsewhere = False  # whether the sentence before told of another incident
    published = context(doc).published
    lowers = doc_lowers(doc)
    for sentence in doc.sents:
        tokens = list(sentence)  # read by each rule below: Token objects made once
        words = {
            word
            for word, token in zip(lowers[sentence.start : sentence.end], tokens, strict=True)
            if not _in_age(token)
        }
        # (a rule reading a sentence for some word is tried only where the word is in it)
        elsewhere = (
            _other_time(words)
            or _earlier_year(sentence, published)
            or ("last" in words and _last_month(sentence, published))
            or _separate_incidents(words)
            or (not words.isdisjoint(OTHER_INCIDENT_WORDS) and _another_incident(sentence))
            or (elsewhere and "that" in words and _refers_back(sentence))
            or roundup(sentence.text, years=False)
        )
        if elsewhere:
            continue
        text = " ".join(sentence.text.split()).lower()
        if text in said:
            continue  # a caption or a paragraph the page repeats says it once
        said.add(text)
        for word in tokens:
            status = status_of(word)
            if status is None or _unreal(word) or _alternative(word) is not None:
                continue
            if any(_alternative(c) is word for c in _children(word)):
                status = "shot"  # "four people were wounded or killed": hurt, one way or another
            evidence = _evidence(word)
            negated = _negated(word)
            by_police = _by_police(word)
            for head in _patients(word):
                if head.lower_ in MULTIPLE_HARM:
                    continue  # "Teen killed in triple shooting" parsed as killing the shooting
                for mention in _mentions_of(head, status, evidence, negated):
                    if mention.role == "suspect" and _shooting_suspect(word, head):
                        continue  # "search for shooting suspect": who shot, not who was shot
                    if by_police and mention.role == "victim":
                        # "he was shot and killed by police": the suspect
                        mention = msgspec.structs.replace(mention, role="suspect")
                    key = (mention.span.start, mention.span.end, mention.status)
                    if key not in seen:
                        seen.add(key)
                        found.append(mention)
        found += _condition_mentions(tokens, seen)
        found += _special_mentions(tokens, seen)
    if context(doc).kind == "title":
        site = site_name_start(doc.text)
        if site is not None and not any(
            t.idx >= site and status_of(t) is not None for t in doc
        ):
            # "... accidentally shooting self - FOX Carolina 21": the site's name is no one
            # (not "... - 3 Injured In Overnight Shooting", a headline's second half)
            cut = context(doc).start + site
            found = [m for m in found if m.span.end <= cut]
        # a headline's shorthand, where it counts more people than the parse found
        shorthand = headline_mentions(doc)
        if stated_total(shorthand) > stated_total(found):
            found = shorthand
        listed = listed_dead(doc, found)
        if listed is not None:
            found.append(listed)
    found = _full_names(doc, found)
    # In text order: who is mentioned first in a sentence is introduced first ("A teenager was
    # injured when she was shot": the teenager, then she).
    return sorted(found, key=lambda m: (m.sentence_start, m.span.start))


def _full_names(doc: Doc, mentions: list[HarmMention]) -> list[HarmMention]:
    """A one-word name is the full name of the one person the text names with it first or last
    ("The victim has been identified as Dnomyar Russell ... Dnomyar was shot ... Russell
    died": one person, not two); a word two full names share ("Michelle Stone", "Richard
    Stone") stays as written."""
    if not any(m.name and " " not in m.name for m in mentions):
        return mentions
    owners: dict[str, set[str]] = {}
    for entity in doc_ents(doc):
        words = entity.text.replace("’s", "").replace("'s", "").split()
        if entity.label_ == "PERSON" and len(words) >= 2:
            for word in (words[0], words[-1]):
                owners.setdefault(word, set()).add(" ".join(words))
    named = []
    for mention in mentions:
        full = owners.get(mention.name or "", set())
        if len(full) == 1:
            mention = msgspec.structs.replace(mention, name=next(iter(full)))
        named.append(mention)
    return named


def _condition_mentions(
    sentence: Sequence[Token], seen: set[tuple[int, int, str]]
) -> list[HarmMention]:
    """'X is in critical condition', 'X suffered a gunshot wound', 'X was treated for wounds':
    injured, unless the same sentence says X died."""
    found: list[HarmMention] = []
    for word in sentence:
        lemma = word.lemma_.lower()
        condition = lemma == "condition" and any(c.lower_ in CONDITIONS for c in _children(word))
        wounds = (
            lemma in ("wound", "injury")
            and word.dep_ in ("dobj", "pobj")
            and word.head.lemma_.lower()
            in ("suffer", "sustain", "treat", "receive", "for", "have", "with")
        )
        # "the other victim, a 16-year-old girl, is in an area hospital"
        in_hospital = (
            lemma == "hospital"
            and word.dep_ == "pobj"
            and word.head.lower_ == "in"
            and word.head.head.lemma_.lower() in ("be", "remain", "stay")
        )
        condition = condition or in_hospital
        if not (condition or wounds) or any(_fatal_word(c) for c in _children(word)):
            continue
        # "in critical condition", "suffered wounds": alive; "found with gunshot wounds", "had
        # gunshot wounds": shot, whether they lived is told elsewhere
        status: HarmStatus = "shot" if word.head.lemma_.lower() in ("have", "with") else "injured"
        verb = word.head
        while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in _children(verb) if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.lemma_.lower() in CARRYING_VERBS:
            # "Paramedics took the man, with a gunshot wound, to a hospital": the man
            subjects = [c for c in _children(verb) if c.dep_ in ("dobj", "nsubjpass")]
        if verb.lemma_.lower() == "leave":
            # "leaving the teen in critical condition"
            subjects += [c for c in _children(verb) if c.dep_ == "dobj"]
        evidence = token_span(verb, word) if verb.i < word.i else token_span(word, word)
        for head in subjects:
            for mention in _mentions_of(head, status, evidence, _negated(verb)):
                key = (mention.span.start, mention.span.end, status)
                if key not in seen:
                    seen.add(key)
                    found.append(mention)
    return found
