"""Sentences that count over many incidents or a span of time, not one incident: "45 homicides
so far this year", "17 dead in weekend shootings", "3,290 people have been injured this year",
"the past four days". Their numbers and the people they name are no count of one event: the
ledger leaves out the figures stated in them (report_count.py) and harm the people they name.
Headlines of several shootings ("17 dead, 41 wounded in Chicago weekend shootings") too: the
ledger leaves such a report out beside a report of one."""

from __future__ import annotations

import re

_ROUNDUP = re.compile(
    r"\b(?:shootings|homicides|murders|killings|incidents|separate)\b"
    r"|\b(?:this|last|so far this|the past|the previous|a|per|each|every) "
    r"(?:year|month|summer|decade)\b"
    r"|\bso far\b|\bannually\b"
    r"|\b(?:in|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years)\b"
    r"|\b(?:citywide|nationwide|statewide)\b|\bacross the (?:city|country|state|nation)\b"
    r"|\b(?:push|pushes|pushing|bring|brings|bringing|raise|raises|raising) "
    r"(?:the )?(?:\w+(?:'s|’s) )?"
    r"(?:death toll|homicide (?:count|total|toll)|murder (?:count|total))\b"
    r"|\b(?:homicide|murder) (?:count|total|tally)\b",
    re.IGNORECASE,
)


# "since 2008", "in 2015": a year the sentence counts in (harm reads years against the page's
# own, harm._earlier_year)
_IN_A_YEAR = re.compile(r"\bsince (?:19|20)\d\d\b|\bin (?:19|20)\d\d\b", re.IGNORECASE)


def roundup(sentence: str, *, years: bool = True) -> bool:
    """Whether a sentence counts over many incidents or a span of time, not one incident;
    without `years`, a year it names is no sign."""
    return _ROUNDUP.search(sentence) is not None or (
        years and _IN_A_YEAR.search(sentence) is not None
    )


# A headline telling of several shootings: "17 dead, 41 wounded in Chicago weekend shootings",
# "1 Man Killed, Boy, 2 Others Wounded in Shootings Since Tuesday Morning", "Two boys shot in
# separate accidental shootings".
_ROUNDUP_TITLE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|several|multiple|separate|weekend|overnight|night's"
    r"|series of|spate of|string of|city|recent)\b[\w\s,'-]{0,25}\bshootings\b"
    r"|\bshootings\s+(?:across|since|within|in \d+ days)\b",
    re.IGNORECASE,
)


def roundup_title(title: str | None) -> bool:
    """Whether a headline tells of several shootings, not one."""
    return title is not None and _ROUNDUP_TITLE.search(title) is not None
