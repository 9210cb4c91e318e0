"""The cue lexicon: words that introduce an attributed claim, each with its class (model.CueClass).

The pipeline runs without a lemmatizer, so each verb is listed by its base form and expanded to
its inflections here (irregular past forms given explicitly).
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimledger.model import CueClass

# base form -> class; a base may carry its irregular forms after a slash: "tell/told"
_CUE_VERBS: dict[CueClass, tuple[str, ...]] = {
    "say": (
        "say/said",
        "tell/told",
        "speak/spoke/spoken",
        "state",
        "declare",
        "remark",
        "mention",
        "explain",
        "describe",
        "write/wrote/written",
        "tweet",
        "post",
        "reply",
        "respond",
        "answer",
        "ask",
        "comment",
        "testify",
        "quip",
        "joke",
        "note",
        "observe",
        "recall",
        "continue",
        "call",
        "shout",
        "yell",
        "whisper",
        "exclaim",
        "announce",
        "tout",
        "boast",
        "brag",
        "proclaim",
        "vow",
        "promise",
        "pledge",
        "urge",
        "suggest",
        "propose",
        "emphasize",
        "stress",
        "predict",
        "recount",
        "quote",
        "cite",
        "refer",
        "reiterate",
        "repeat",
        "summarize",
        "conclude",
        "complain",
        "lament",
        "retort",
        "counter",
        "interject",
        "insinuate",
        "imply",
        "hint",
        "muse",
        "wonder",
        "question",
        "agree",
        "disagree",
        "signal",
        "indicate",
        "pledge",
        "demand",
        "plead",
        "beg",
        "implore",
        "mock",
        "joke",
        "praise",
        "hail",
        "applaud",
        "defend",
        "endorse",
        "support",
        "oppose",
    ),
    "report": (
        "report",
        "reveal",
        "disclose",
        "publish",
        "learn",
        "find/found",
        "show/showed/shown",
        "document",
        "detail",
        "find",
        "leak",
        "broadcast",
        "air",
        "print",
    ),
    "claim": (
        "claim",
        "allege",
        "assert",
        "insist",
        "contend",
        "maintain",
        "argue",
        "charge",
        "purport",
        "profess",
        "swear/swore/sworn",
    ),
    "warn": ("warn", "caution", "threaten", "alert", "forewarn"),
    "admit": ("admit", "concede", "confess", "grant"),
    "acknowledge": ("acknowledge", "recognize", "recognise", "accept"),
    "deny": ("deny", "reject", "dispute", "refute", "dismiss", "rebut", "disavow", "contradict"),
    "confirm": ("confirm", "verify", "affirm", "corroborate", "attest"),
    "estimate": ("estimate", "calculate", "project", "forecast", "count", "tally", "put/put"),
    "add": ("add",),
    "accuse": (
        "accuse",
        "blame",
        "criticize",
        "criticise",
        "condemn",
        "attack",
        "slam",
        "denounce",
        "lambaste",
        "blast",
        "decry",
        "fault",
        "scold",
        "rebuke",
    ),
    "believe": (
        "believe",
        "think/thought",
        "feel/felt",
        "fear",
        "hope",
        "expect",
        "doubt",
        "suspect",
        "worry",
        "want",
        "suppose",
        "reckon",
        "assume",
        "guess",
        "consider",
        "figure",
        "imagine",
        "know/knew/known",
        "understand/understood",
        "seem",
        "appear",
        "like",
        "dislike",
        "hate",
        "love",
    ),
}

# Multi-word cues that are not verbs; matched on the lower-cased cue text.
_CUE_PHRASES: dict[str, CueClass] = {
    "according to": "report",
    "in the words of": "say",
    "in a statement": "say",
    "points out": "say",
    "pointed out": "say",
    "pointing out": "say",
    "point out": "say",
    "put it": "say",
    "made clear": "say",
    "makes clear": "say",
}

# Classes checked first when a cue text holds words of several classes ("denied saying").
_CLASS_PRIORITY: tuple[CueClass, ...] = (
    "deny",
    "admit",
    "acknowledge",
    "confirm",
    "warn",
    "accuse",
    "claim",
    "estimate",
    "add",
    "report",
    "believe",
    "say",
)

_WORD = re.compile(r"[a-z]+")
_VOWELS = set("aeiou")


def inflections(base: str) -> set[str]:
    """Regular inflections of an English verb: say -> says, sayed, saying (irregulars aside)."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        # doubled final consonant of short verbs: "admit" -> "admitted", "plan" -> "planned"
        if (
            len(base) >= 3
            and base[-1] not in _VOWELS | {"w", "x", "y"}
            and base[-2] in _VOWELS
            and base[-3] not in _VOWELS
            and base in {"admit", "regret", "quip", "plan", "stop", "beg", "commit", "omit"}
        ):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_word_classes() -> dict[str, CueClass]:
    """Every inflected cue word -> its class (the first class listing a word keeps it)."""
    table: dict[str, CueClass] = {}
    for cue_class in _CLASS_PRIORITY:
        for entry in _CUE_VERBS[cue_class]:
            base, *irregular = entry.split("/")
            for form in inflections(base) | set(irregular):
                table.setdefault(form, cue_class)
    return table


def cue_word_class(word: str) -> CueClass | None:
    """The class of one word if it is a cue word ("warned" -> "warn"), else None."""
    return cue_word_classes().get(word.lower())


def classify_cue(text: str) -> CueClass:
    """The class of a cue as written ("has said" -> say, "denied" -> deny); "other" if unknown."""
    lowered = " ".join(_WORD.findall(text.lower()))
    for phrase, phrase_class in _CUE_PHRASES.items():
        if phrase in lowered:
            return phrase_class
    classes = {cue_word_class(word) for word in lowered.split()}
    for cue_class in _CLASS_PRIORITY:
        if cue_class in classes:
            return cue_class
    return "other"
