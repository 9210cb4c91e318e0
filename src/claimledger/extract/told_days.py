"""The days a report tells its shooting on in so many words: the day of a sentence that says
when it happened ("It happened around 1 p.m. Sunday"), and a day given with a clock time in the
sentences of the shooting, of who was hurt, of the police's response, of the shots heard or of
the bodies found ("The boy was shot about 1:25 a.m. Tuesday", "Officers responded just after
4:30 p.m. Tuesday"). events.py dates an event by the first of them that fits it. Text scanning
only: the sentences of the shooting and of who was hurt come from the parse, the others are
found here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from claimledger.model import DateMention
from claimledger.taxonomy import date_range

# "It happened around 1 p.m. Sunday", "The shooting occurred at 9:45 p.m. on Friday", "at 4:30
# p.m. Saturday when the shooting occurred": a sentence that says when the event took place
_OCCURRED = re.compile(r"\b(?:happened|occurred|took place)\b")
_OCCURRED_SUBJECT = re.compile(
    r"(?<!another )(?<!other )(?<!separate )(?<!earlier )"
    r"\b(?:it|shooting|incident|attack|homicide|killing|gunfire|stabbing|shootout|violence)"
    r"(?:\s+that)?(?:\s+(?:reportedly|allegedly|apparently|all|also))?\s+$",
    re.IGNORECASE,
)
# "overnight Friday into Saturday": the night's first day is not the one it happened on
_INTO = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s+into\b")
OCCURRED_REACH = 60  # characters between the verb and the day it is told on
# a sentence's end: not the periods of "p.m.", of an initial or of an abbreviation ("Jan. 6",
# "Lt. Smith", "St. Louis"), nor one a lowercase word follows ("in Portland, Ind. just after")
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "St",
                  "Ave", "Blvd", "Rd", "Mt", "Ft", "Mr", "Mrs", "Ms", "Dr", "Lt", "Sgt", "Capt",
                  "Det", "Gov", "Sen", "Rep", "Jr", "Sr", "No")
_SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS)
    + r"(?<![ap]\.m)(?<!\b[A-Z])[.!?][\"”’]?\s(?!\s*[a-z])|\n"
)


def _day_beside(
    text: str, start: int, end: int, days: Sequence[DateMention], reach: int
) -> DateMention | None:
    """The day nearest the words at `start`..`end`, at most `reach` characters before or after
    them with no sentence's end between."""
    near = []
    for day in days:
        if end <= day.span.start <= end + reach:
            between = text[end : day.span.start]
        elif start - reach <= day.span.end <= start:
            between = text[day.span.end : start]
        else:
            continue
        if not _SENTENCE_END.search(between):
            near.append((len(between), day))
    return min(near, key=lambda pair: pair[0])[1] if near else None


def occurrence_days(text: str, dates: Sequence[DateMention]) -> list[DateMention]:
    """The days of sentences that say when it happened, in the text's order: the day nearest the
    verb within its sentence."""
    days = [
        d for d in dates
        if d.granularity == "day" and date_range(d) and not _INTO.match(text, d.span.end)
    ]
    found = {
        day
        for verb in _OCCURRED.finditer(text)
        if _OCCURRED_SUBJECT.search(text, max(0, verb.start() - 40), verb.start())
        and (day := _day_beside(text, verb.start(), verb.end(), days, OCCURRED_REACH))
    }
    return sorted(found, key=lambda d: d.span.start)


# a clock time; not "midnight", which may close the day named or open it ("called to the block
# around midnight Wednesday" of a girl shot "late Tuesday night")
CLOCK_TIME = r"\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b\.?"  # "10 p.m.", "1:25 a.m.", "3 P.M."
_CLOCK = re.compile(rf"(?:{CLOCK_TIME}|\bnoon)", re.IGNORECASE)
CLOCK_REACH = 25  # characters between a clock time and its day
# words before a clock time that tell of what followed the shooting ("pronounced dead at 12:33
# a.m. Monday", "received a call ... at 3:38 a.m. Thursday"), and a page's own stamp after it
# ("3:30 p.m. March 15, 2016 UPDATE")
_CLOCK_AFTERWARDS = re.compile(
    r"\b(?:pronounced|died|dead|update[ds]?|posted|published|surgery|court|calls?"
    r"|hearing(?! gun| shots| gunshots| gunfire))\b"  # a court's hearing, not hearing shots
    r"[^.!?\n]*$",
    re.IGNORECASE,
)
_STAMP_AFTER = re.compile(r"[^\n]{0,30}?\bupdate", re.IGNORECASE)


# a sentence of the police's answer to the call ("On August 20, 2015 at approximately 10 p.m.,
# Thomaston Police responded to ..."), of the shots ("the gun discharged accidentally shortly
# after 3 p.m. Thursday", "heard gunshots Monday around 8 p.m.") or of the bodies found ("made
# the horrific discovery about 10 p.m. Sunday"): its clock time is the shooting's
RESPONSE_WORDS = (
    "responded", "dispatched", "called to", "were called", "was called", "arrived",  # police
    "fired", "discharged", "erupted", "rang out", "went off", "heard", "shots", "gunshots",
    "was reported", "were reported", "was found", "were found", "discovered", "discovery",
)
_RESPONSE = re.compile(r"\b(?:" + "|".join(RESPONSE_WORDS) + r")\b")
RESPONSE_REACH = 300  # characters back to the start of a response's sentence, at most


def response_sentences(text: str) -> set[tuple[int, int]]:
    """The sentences (start, end) that tell of the police's response, the shots or the bodies
    found (`RESPONSE_WORDS`)."""
    found = set()
    for verb in _RESPONSE.finditer(text):
        reach = max(0, verb.start() - RESPONSE_REACH)
        start = max((end.end() for end in _SENTENCE_END.finditer(text, reach, verb.start())),
                    default=reach)
        after = _SENTENCE_END.search(text, verb.end())
        found.add((start, after.start() + 1 if after is not None else len(text)))
    return found


def clock_days(
    text: str, dates: Sequence[DateMention], sentences: Collection[tuple[int, int]]
) -> list[DateMention]:
    """The days told with a clock time ("shot about 1:25 a.m. Tuesday", "On Aug. 20 at
    approximately 10 p.m.") in the given sentences (start, end), in the text's order."""
    days = [d for d in dates if d.granularity == "day" and date_range(d)]
    found: set[DateMention] = set()
    for start, end in sentences:
        own = [d for d in days if start <= d.span.start < end]
        for clock in _CLOCK.finditer(text, start, end):
            if _CLOCK_AFTERWARDS.search(
                text, max(start, clock.start() - 60), clock.start()
            ) or _STAMP_AFTER.match(text, clock.end()):
                continue
            day = _day_beside(text, clock.start(), clock.end(), own, CLOCK_REACH)
            if day is not None:
                found.add(day)
    return sorted(found, key=lambda d: d.span.start)
