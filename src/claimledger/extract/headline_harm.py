"""Counts a headline states in its own shorthand: "5 shot, 1 killed on Auburn Avenue", "Four Shot
Outside Jazz Club", "Boy, 7, shot in Sandusky", "Teen Killed, Five Others Injured".

Headlines are parsed badly (title case makes names of "Dead" and "Injured", a bare participle
reads as an active verb), so besides the parse a headline is read as a row of clauses, each a
count or a person and the harm words that follow it. A count is a number ("5", "Five", "Five
Others"); a person is a noun that names one ("Man", "Teen", "9-Year-Old Girl", "Boy, 7,"). The
harm words give the status: "killed", "dead", "slain", "fatally shot", "shot dead", "dies" are
deaths; "wounded", "injured", "hurt" are injuries; "shot" alone is a shooting.

A killer's headline lists everyone killed, the killer last ("Man kills wife, 2 sons, then
himself", "Gunman fatally shoots 3 musicians, self"), and a murder-suicide's headline everyone
dead ("Parents, 2 children dead in murder-suicide"): `listed_dead` reads that list as the whole
count of the dead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimledger.extract.annotation import context, page_offset, page_span, token_span
from claimledger.model import HarmMention, HarmStatus

KILLED_WORDS = frozenset(
    {"killed", "dead", "slain", "dies", "died", "murdered", "kills", "deceased"}
)  # fmt: skip
INJURED_WORDS = frozenset({"wounded", "injured", "hurt", "hospitalized"})
FATAL_ADVERBS = frozenset({"fatally", "mortally"})
# Verbs a headline gives a count as their object: "Kills 1, Wounds 12", "injures five".
ACTIVE_VERBS: dict[str, HarmStatus] = {
    "kills": "killed", "killed": "killed", "killing": "killed", "kill": "killed",
    "wounds": "injured", "wounded": "injured", "wounding": "injured", "wound": "injured",
    "injures": "injured", "injured": "injured", "injuring": "injured", "injure": "injured",
    "hurts": "injured",
}  # fmt: skip
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ONE_PERSON = frozenset(
    {"man", "woman", "boy", "girl", "teen", "teenager", "toddler", "child", "baby", "infant",
     "officer", "deputy", "trooper", "student", "father", "mother", "dad", "mom", "son",
     "daughter", "wife", "husband", "victim", "suspect", "gunman", "person", "youth", "juvenile"}
)  # fmt: skip
OTHERS = frozenset({"others", "other", "more"})
# where one clause of a headline ends: "5 shot, 1 killed", "Man killed; woman hurt"
CLAUSE_ENDS = frozenset({",", ";", ":", "|", "-", "–", "—", "and", "&"})


def _number(word: str) -> int | None:
    """A headline's small count, as digits or a word ("5", "five"); None for other words."""
    return NUMBERS.get(word) or (int(word) if word.isdigit() and len(word) <= 2 else None)


def _status(words: list[Token], at: int) -> tuple[HarmStatus, int] | None:
    """The status the harm words at `at` give, and the index after them."""
    word = words[at].lower_
    after = words[at + 1].lower_ if at + 1 < len(words) else ""
    before = words[at - 1].lower_ if at > 0 else ""
    if word in KILLED_WORDS or (word in FATAL_ADVERBS and after != "shot"):
        return "killed", at + 1  # "4 shot, one fatally"
    if word in INJURED_WORDS:
        return "injured", at + 1
    if word == "shot":
        if before in FATAL_ADVERBS or after in ("dead", "killed"):
            return "killed", at + 2 if after in ("dead", "killed") else at + 1
        if after == "to" and at + 2 < len(words) and words[at + 2].lower_ == "death":
            return "killed", at + 3
        if after in (",", "and", "&") and at + 2 < len(words) and (
            words[at + 2].lower_ in KILLED_WORDS
        ):
            return "killed", at + 3  # "Man shot, killed in Dayton", "Shot and Killed"
        return "shot", at + 1
    return None


def _who(words: list[Token], start: int, end: int) -> tuple[str, int, int] | None:
    """The count or person of words[start:end] nearest its end: ("group", n, first index) or
    ("person", 1, first index)."""
    for i in range(end - 1, start - 1, -1):
        word = words[i].lower_
        if word in ("no", "not", "none", "nobody"):
            return None
        value = _number(word)
        if value is not None:
            if i > start and words[i - 1].lower_ == "no":
                return None  # "No one hurt"
            if _age_at(words, i) or (i + 1 < len(words) and words[i + 1].text == "-"):
                continue  # "Boy, 7, shot", "9-Year-Old": an age, not a count
            return "group", value, i
        if word == "old" and i >= 2 and words[i - 1].text == "-":
            return "person", 1, i  # "9-Year-Old Girl" before its noun, or alone
        plural = word.endswith("s") and word[:-1] in ONE_PERSON
        if plural:
            return None  # "Teens shot": how many, the headline does not say
        if word in ONE_PERSON:
            return "person", 1, i
    return None


def headline_mentions(doc: Doc) -> list[HarmMention]:
    """The people a headline's clauses say were killed, injured or shot."""
    words = [t for t in doc if not t.is_space]
    found: list[HarmMention] = []
    clause_start = 0
    i = 0
    while i < len(words):
        if words[i].lower_ in CLAUSE_ENDS and not _around_age(words, i):
            clause_start = i + 1
            i += 1
            continue
        active = ACTIVE_VERBS.get(words[i].lower_)
        counted = _object_count(words, i + 1) if active else None
        if active and counted is not None:
            # "Gunfight At Biker Club Kills 1, Wounds 12", "Shooting injures 4 at hall": the
            # count the verb takes as its object
            found.append(_mention(doc, words[i], words[i + 1], active, "group", counted))
            clause_start = i = i + 2
            continue
        read = _status(words, i)
        if read is None:
            i += 1
            continue
        status, after = read
        who = _who(words, clause_start, i)
        if who is not None:
            kind, number, first = who
            found.append(_mention(doc, words[first], words[after - 1], status, kind, number))
        clause_start = after
        i = after
    return found


def _object_count(words: list[Token], at: int) -> int | None:
    """The count an active headline verb takes as its object ("Kills 1", "Wounds 12"), not an
    age ("kills 4-year-old")."""
    if at >= len(words):
        return None
    value = _number(words[at].lower_)
    if value is None or (at + 1 < len(words) and words[at + 1].text in ("-", "–")):
        return None
    return value


def _age_at(words: list[Token], i: int) -> bool:
    """A number after a person and a comma: 'Boy, 7, shot', 'kills man, 18'."""
    return (
        1 < i < len(words)
        and words[i - 1].text == ","
        and words[i].text.isdigit()
        and (words[i - 2].lower_ in ONE_PERSON or words[i - 2].pos_ == "PROPN")
        and (i + 1 == len(words) or words[i + 1].text in (",", ";", ":"))
    )


def _around_age(words: list[Token], i: int) -> bool:
    """One of the commas around an age."""
    return words[i].text == "," and (_age_at(words, i + 1) or _age_at(words, i - 1))


def _mention(
    doc: Doc, first: Token, last: Token, status: HarmStatus, kind: str, number: int
) -> HarmMention:
    page = context(doc)
    return HarmMention(
        span=token_span(first, last),
        evidence=token_span(first, last),
        status=status,
        kind="group" if kind == "group" else "person",
        number=number,
        sentence_start=page_offset(doc, 0),
        sentence_end=page_offset(doc, len(doc.text)),
        headline=page.kind == "title",
    )


def stated_total(mentions: list[HarmMention]) -> int:
    """How many people a headline's mentions count at least: the dead and the injured, or
    everyone shot."""
    def most(status: str) -> int:
        chosen = [m for m in mentions if m.status == status and m.kind in ("group", "person")]
        groups = [m.number or 0 for m in chosen if m.kind == "group"]
        return max([*groups, sum(m.kind == "person" for m in chosen)])

    return max(most("killed") + most("injured"), most("shot"))


# A killing verb a list of its dead follows ("killed his wife, 2 sons, then himself").
KILLING = re.compile(
    r"\b(?:(?:shoots|shot)(?:,| and) (?:kills|killed)|fatally (?:shoots|shot|shooting)"
    r"|kills|killed|killing|slays|slew)\s+",
    re.IGNORECASE,
)
# Between the list's items: ", ", " and ", " then ", " before shooting ", "before turning the
# gun on".
LIST_SEPARATOR = re.compile(
    r"\s*,?\s+(?:before|then)\s+(?:shooting|killing|turning\s+(?:the\s+)?(?:gun|weapon)\s+on)\s+"
    r"|\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then|&)\s+(?:then\s+)?",
    re.IGNORECASE,
)
# Where the list ends: a place, a time or another clause ("in Myrtle Creek", "; 1 of 2 ...").
LIST_END = re.compile(
    r"\s+(?:after|in|at|with|during|amid|as|inside|near|while|over|because|following|"
    r"from|for|by|who|had|has|is|was|says?|said|police|officials)\b"
    r"|(?<!gun)(?<!weapon)\s+on\b|\s*[;:|–—(]|\s-\s",
    re.IGNORECASE,
)
SELF_WORDS = frozenset({"self", "himself", "herself"})
KILLER = re.compile(r"\b(?:murderer|gunman|gunmen|shooter|killer|sniper)\b", re.IGNORECASE)
DETERMINERS = frozenset({"his", "her", "their", "the", "a", "an", "own"})
PLURAL_PEOPLE = frozenset({"children", "people", "men", "women", "twins"})
PAIRS = frozenset({"twins", "parents", "couple"})


def _plural(word: str) -> bool:
    return word in PLURAL_PEOPLE or (word.endswith("s") and not word.endswith(("ss", "'s", "’s")))


def _list_count(items: list[str], *, killer: bool = True) -> int | None:
    """How many people a list names ("wife, 2 sons, then himself", "2 adults, 3 children");
    None where an item's count is not told ("teen daughters"), or, for a killer's list
    (`killer`), where the killer is not in it before such an item."""
    total = 0
    himself = False
    for n, item in enumerate(items):
        words = [w for w in item.lower().split() if w not in DETERMINERS]
        value = _number(words[0]) if words else None
        if not words:
            count = None
        elif words[0] in SELF_WORDS:
            himself, count = True, 1
        elif value is not None and (n == 0 or len(words) > 1):
            count = value  # "3 bandmates", "his 2 children"; "killing 2, then himself"
        elif len(words) > 2 and words[-2] == "of" and _number(words[-1]) is not None:
            count = _number(words[-1])  # "family of five"
        elif "twin" in words or words[-1] in PAIRS:
            count = 2
        elif len(words) == 1 and _number(words[0]) is not None:
            count = 0  # an age after a plural: "sons, 10 and 12" (counted with the plural)
        elif _plural(words[-1]):
            ages = 0
            for after in items[n + 1:]:
                if _number(after.strip().lower()) is None:
                    break
                ages += 1
            count = ages or None
        else:
            count = 1 if len(words) <= 4 else None  # "wife", "infant daughter", "4-month-old"
        if count is None:
            if killer:
                break
            return None
        total += count
    return total if himself or not killer else None


def _clause_before(text: str, end: int, verb: int) -> bool:
    """Whether words stand between a count ending at `end` and the killing verb ("7 slain by
    Missouri gunman who then killed"), not only a comma ("Boy, 9, fatally shoots": an age)."""
    return end <= verb and re.search(r"[^\W\d]{3}", text[end:verb]) is not None


# The dead a headline lists before its death word ("2 Adults, 3 Children Dead", "Wallkill man,
# two children dead in murder-suicide", "Mother, Father, Toddler Dead").
DEAD_LIST = re.compile(
    r"(?:^|[:|–—]\s*|\s-\s)(?P<list>[^:|–—]+?)\s+(?:are\s+|were\s+)?(?:found\s+)?"
    r"(?:dead|killed|slain|shot\s+dead|shot\s+to\s+death|die|died)\b",
    re.IGNORECASE,
)
MURDER_SUICIDE = re.compile(r"\bmurder[- /]?suicide\b", re.IGNORECASE)


def _passive_list(doc: Doc) -> HarmMention | None:
    """The dead a murder-suicide's headline lists: all of them, the killer too ("Parents, 2
    children dead in murder-suicide"). Not other headlines: "Father, two daughters shot to
    death" is as often the victims alone (events-gva dev articles' tallies: reading every
    headline's list so moved more articles wrong than right; murder-suicides only, 5 right,
    none wrong)."""
    text = doc.text
    if not MURDER_SUICIDE.search(text):
        return None
    for found in DEAD_LIST.finditer(text):
        if re.match(r"\s+by\b", text[found.end():]):
            continue  # "Boy, 3, killed by father": the killer is not in the list
        listed = re.split(r"\s+among\s+", found.group("list"))[-1]  # "3 juveniles among 5"
        items = [item for item in LIST_SEPARATOR.split(listed) if item.strip()]
        count = _list_count(items, killer=False)
        if not count:
            continue
        start, end = found.start("list"), found.end()
        return HarmMention(
            span=page_span(doc, start, end),
            evidence=page_span(doc, found.end("list"), end),
            status="killed",
            kind="group",
            number=count,
            sentence_start=page_offset(doc, 0),
            sentence_end=page_offset(doc, len(text)),
            headline=True,
            listed=True,
        )
    return None


def listed_dead(doc: Doc, found: Sequence[HarmMention] = ()) -> HarmMention | None:
    """A headline's list of everyone a killer killed, himself included ("Man killed wife, 4
    kids then himself", "Officer kills himself, 2 children", "father kills sons, 10 and 12,
    before turning the gun on himself"), with the dead its other clauses count ("7 slain by
    gunman who then killed himself", "Man kills wife then himself; 1 of 2 students wounded
    has died", among the headline's mentions `found`): the whole count of the dead, as a
    group mention marked `listed`."""
    text = doc.text
    if re.search(r"\b(?:them|others)\b", text, re.IGNORECASE):
        return None  # "shooting them, killing herself": how many, the headline does not say
    for verb in KILLING.finditer(text):
        end = LIST_END.search(text, verb.end())
        stop = end.start() if end else len(text)
        items = LIST_SEPARATOR.split(text[verb.end():stop])
        count = _list_count([item for item in items if item.strip()])
        if count is None:
            continue
        base = context(doc).start
        others = max(
            (m.number or 0 for m in found
             if m.status == "killed" and m.kind == "group"
             and (_clause_before(text, m.span.end - base, verb.start())
                  or m.span.start - base >= stop)),
            default=0,
        )
        if count == 1 and not others and KILLER.search(text[: verb.start()]):
            continue  # "Courthouse murderer killed himself": his victims go untold
        return HarmMention(
            span=page_span(doc, verb.start(), stop),
            evidence=page_span(doc, verb.start(), verb.end()),
            status="killed",
            kind="group",
            number=count + others,
            sentence_start=page_offset(doc, 0),
            sentence_end=page_offset(doc, len(text)),
            headline=True,
            listed=True,
        )
    return _passive_list(doc)
