"""The cue lexicon: words that introduce an attributed claim, each with its class (model.CueClass).

The verbs are listed by base form (lexicons/cue_verbs.txt) and expanded to their inflections
here, irregular forms given in the list: cue words are matched as written, not by lemma, since
the attribution tagger's features read word forms (it was trained on them).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import get_args

from claimledger.extract import lexicons
from claimledger.model import CueClass

_CUE_CLASSES: tuple[CueClass, ...] = get_args(CueClass)

# base form -> (class, irregular forms): "tell" -> (say, ("told",))
_CUE_VERBS: dict[str, tuple[CueClass, tuple[str, ...]]] = {
    base: (
        lexicons.one_of(cue_class, _CUE_CLASSES, "cue_verbs"),
        tuple(" ".join(irregular).split()),
    )
    for base, cue_class, *irregular in lexicons.rows("cue_verbs")
}
# Multi-word cues that are not verbs; matched on the lower-cased cue text, first listed first.
_CUE_PHRASES: dict[str, CueClass] = {
    phrase: lexicons.one_of(cue_class, _CUE_CLASSES, "cue_phrases")
    for phrase, cue_class in lexicons.rows("cue_phrases")
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
        for base, (verb_class, irregular) in _CUE_VERBS.items():
            if verb_class == cue_class:
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
