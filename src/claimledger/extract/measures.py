"""What counts are counts of: the words naming each measure (killed, injured, displaced...),
the nouns naming people, and the verbs and adverbs around a figure that matter to it.

Word forms, not lemmas: the pipeline runs without a lemmatizer.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.model import Measure

__all__ = [
    "GROUP_NOUNS",
    "MEASURE_WORDS",
    "MODAL_ADVERBS",
    "MODAL_AUX",
    "MODAL_HEADS",
    "POPULATION_QUALIFIERS",
    "STATING_VERBS",
    "SUBJECT_SUFFERS",
    "TOLL_NOUNS",
    "WEAK_MEASURES",
    "is_people",
    "measure_of_token",
    "measure_of_word",
]

_KILLED = frozenset(
    {"kill", "kills", "killed", "killing", "dead", "die", "dies", "died", "dying", "death",
     "deaths", "fatalities", "fatality", "lives", "slain", "perished", "murdered", "executed",
     "massacred", "bodies", "corpses", "martyred", "beheaded", "drowned", "toll", "killings",
     "assassinated", "assassinate", "assassinates", "assassinating", "murders", "homicides"}
)  # fmt: skip
_INJURED = frozenset(
    {"injure", "injured", "injures", "injuring", "injuries", "wounded", "wounding", "wound",
     "wounds", "hurt", "hospitalized", "hospitalised", "maimed", "harmed"}
)  # fmt: skip
_DISPLACED = frozenset(
    {"displaced", "displacing", "fled", "flee", "flees", "fleeing", "refugees", "homeless",
     "uprooted"}
)  # fmt: skip
_DETAINED = frozenset(
    {"detain", "detained", "detaining", "detentions", "detainees", "jailed", "imprisoned"}
)  # fmt: skip
_KIDNAPPED = frozenset(
    {"kidnap", "kidnapped", "kidnapping", "abduct", "abducted", "abducting", "abductions",
     "hostages", "hostage"}
)  # fmt: skip
MEASURE_WORDS: dict[Measure, frozenset[str]] = {
    "killed": _KILLED,
    "injured": _INJURED,
    "missing": frozenset({"missing", "unaccounted", "disappeared"}),
    "displaced": _DISPLACED,
    "arrested": frozenset({"arrest", "arrests", "arrested", "arresting"}),
    "detained": _DETAINED,
    "kidnapped": _KIDNAPPED,
    "evacuated": frozenset({"evacuate", "evacuated", "evacuating", "evacuees"}),
    "affected": frozenset({"affected"}),
    # "casualties" mixes the killed and the injured: kept, but under neither.
    "other": frozenset({"casualties", "casualty"}),
}
_MEASURE_BY_WORD: dict[str, Measure] = {
    word: measure for measure, words in MEASURE_WORDS.items() for word in words
}
# Verbs that state a figure: their subject is the figure's own source ("the U.S. official put
# the death toll at about 100", "police reported 12 deaths").
STATING_VERBS = frozenset(
    {"put", "puts", "putting", "estimated", "estimate", "estimates", "estimating", "placed",
     "place", "places", "gave", "give", "gives", "reported", "reports", "confirmed", "confirms",
     "recorded", "records", "counted", "counts", "tallied", "registered", "documented"}
)  # fmt: skip
# Nouns naming a count of something else: the measure is in their modifiers or the sentence.
TOLL_NOUNS = frozenset({"toll", "number", "figure", "tally", "count", "total"})
MODAL_AUX = frozenset({"may", "might", "could", "would", "must"})
MODAL_ADVERBS = frozenset(
    {"reportedly", "allegedly", "possibly", "probably", "apparently", "likely", "presumably",
     "purportedly", "supposedly", "perhaps", "potentially", "unconfirmed"}
)  # fmt: skip
MODAL_HEADS = frozenset({"feared", "believed", "presumed", "thought", "suspected", "expected"})
POPULATION_QUALIFIERS = frozenset(
    {"mostly", "mainly", "largely", "primarily", "predominantly", "most", "many", "all",
     "including", "among", "chiefly"}
)  # fmt: skip
# "lives" counts the dead only as what was lost or taken: not "saved 40 lives", "put lives at risk".
_LIVES_LOST_HEADS = frozenset(
    {"claimed", "claim", "claims", "claiming", "lost", "lose", "loses", "losing", "took", "take",
     "takes", "taking", "cost", "costs", "costing", "ended", "snuffed"}
)  # fmt: skip
# Verbs whose subject is who it happened to, even with an object: "fled their homes".
SUBJECT_SUFFERS = frozenset({"fled", "flee", "flees", "fleeing", "died", "die", "dies", "dying"})
# Nouns naming people by what happened to them; a verb about them says more.
GROUP_NOUNS = frozenset({"refugees", "hostages", "detainees", "evacuees"})
# Measures that also describe things ("missing emails", "jobs disappeared", "crisis hurt"):
# they count only people, or a count with no noun at all.
WEAK_MEASURES = frozenset({"missing", "disappeared", "hurt", "harmed", "affected", "unaccounted"})
_PEOPLE_NOUNS = frozenset(
    {"people", "persons", "person", "civilians", "civilian", "soldiers", "soldier", "troops",
     "children", "child", "women", "woman", "men", "man", "boys", "girls", "babies", "infants",
     "residents", "villagers", "students", "officers", "police", "policemen", "fighters",
     "militants", "rebels", "insurgents", "protesters", "demonstrators", "migrants", "workers",
     "journalists", "passengers", "pilgrims", "worshippers", "tourists", "miners", "sailors",
     "prisoners", "inmates", "hostages", "patients", "members", "others", "family", "families",
     "farmers", "herders", "fishermen", "crew", "guards", "officials", "victims", "individuals",
     "personnel", "servicemen", "marines", "teenagers", "adults", "citizens", "climbers",
     "hikers", "swimmers", "divers", "seafarers", "staff", "volunteers", "mercenaries",
     "gunmen", "attackers", "suspects", "captives", "recruits", "cadets", "pupils", "schoolgirls",
     "schoolchildren", "teachers", "nurses", "doctors", "medics", "aid", "kids", "youths",
     "teens", "muslims", "jews", "monks", "nuns", "fans", "worshipers", "immigrants",
     "parents", "elderly", "dead", "wounded", "injured", "survivors", "bodies",
     "casualties", "crewmen", "agents", "opponents", "combatants", "detainees",
     "evacuees", "refugees", "infantrymen", "peacekeepers", "clerics", "priests"}
)  # fmt: skip
_NOT_AFTER_DEATH = frozenset(
    {"row", "penalty", "sentence", "sentences", "threat", "threats", "squad", "squads", "star",
     "certificate", "metal", "wish"}
)  # fmt: skip


def measure_of_word(word: str) -> Measure | None:
    """The measure a word names ("wounded" -> injured), or None."""
    return _MEASURE_BY_WORD.get(word.lower())


def measure_of_token(token: Token) -> Measure | None:
    """The measure a token names in its context: not "saved 40 lives", "death row"."""
    word = token.lower_
    doc = token.doc
    if word == "lives" and token.head.lower_ not in _LIVES_LOST_HEADS:
        return None  # "saved 40 lives", "the lives of millions on the line"
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if word == "drowned" and following is not None and following.lower_ == "out":
        return None  # "drowned out"
    if word == "death" and following is not None and following.lower_ in _NOT_AFTER_DEATH:
        return None  # "death row", "death penalty"
    return _MEASURE_BY_WORD.get(word)


def is_people(noun: Token) -> bool:
    """A noun that counts people: a known word, a nationality or group, or an -ers/-ians noun."""
    word = noun.lower_
    return (
        word in _PEOPLE_NOUNS
        or noun.ent_type_ in ("NORP", "PERSON")
        or word.endswith(("ers", "ors", "ians", "ists", "ans", "ees", "ites", "men", "folk"))
    )
