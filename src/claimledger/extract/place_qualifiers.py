"""How local news says which town it means: a dateline ("HOUSTON –", "DENVER (CBS4) –",
"ELGIN, Ill. (AP) —") and a town followed by its state ("Elgin, Ill.", "Elgin, Illinois",
"Elgin, IL"). Plain text in, offsets in the same text out; the gazetteer says what a full state
name is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.extract import lexicons
from claimledger.extract.gazetteer import Gazetteer

# A state as written after a town -> its postal code ("Ill." -> "IL", "IL" -> "IL").
STATE_ABBREVIATIONS = lexicons.table("us_state_abbreviations")
_ABBREVIATION = "|".join(
    re.escape(name) for name in sorted(STATE_ABBREVIATIONS, key=lambda n: (-len(n), n))
)
# ", Ill." / ", Illinois" / ", IL" right after a town (the comma is the writer's sign).
_AFTER_TOWN = re.compile(
    rf",[ \t]{{0,2}}(?:(?P<abbreviation>(?-i:{_ABBREVIATION}))(?![A-Za-z])"
    r"|(?P<full>(?-i:[A-Z][a-z]+)(?:[ \t](?-i:[A-Z][a-z]+))?))"
)
# A county's word after a state's name makes the name the county's ("Delaware County").
_COUNTY_AFTER = re.compile(r"[ \t]+(?:County|Parish)\b")
# A dateline: a town in capitals at the start of a line, its state, the outlet in brackets, a
# dash ("DENVER (CBS4) –", "HAMPTON, Va. –", "LOUISVILLE, Ky. (WHAS11) -"); after a state and
# the outlet the dash may be left out ("BLUFFTON, Ind. (WANE) A man was killed").
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<town>[A-Z][A-Z'’.\-]*[A-Z.](?:[ \t][A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    r"(?:(?P<state>,[ \t]*[A-Z][A-Za-z. ]{1,18}?)[ \t]*\([^)\n]{1,40}\)[ \t]+(?=[A-Z])"
    r"|(?P<dashed>,[ \t]*[A-Z][A-Za-z. ]{1,18}?)?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:--|[-–—]))"
)
DATELINE_REACH = 600  # characters from the start of the body a dateline may stand at


@dataclass(frozen=True)
class StateName:
    """A US state as written after a town: where it stands and which state it is."""

    start: int
    end: int
    postal_code: str
    name: str


def state_after(text: str, end: int, gazetteer: Gazetteer) -> StateName | None:
    """The state written right after a town that ends at `end` (", Ill.", ", Illinois", ", IL");
    None when what follows the comma is no state ("Elgin, police said")."""
    match = _AFTER_TOWN.match(text, end)
    if match is None:
        return None
    if match["abbreviation"]:
        code = STATE_ABBREVIATIONS[match["abbreviation"]]
        name = gazetteer.us_states.get(code)
        if name is None:
            return None
        return StateName(match.start("abbreviation"), match.end("abbreviation"), code, name)
    words = match["full"].split()
    for size in range(len(words), 0, -1):  # "New York" before "New"
        written = " ".join(words[:size])
        state = gazetteer.admin1("US", written)
        if state is not None:
            code = next((c for c, n in gazetteer.us_states.items() if n == state.name), "")
            start = match.start("full")
            if _COUNTY_AFTER.match(text, start + len(written)):
                return None  # "Chester, Delaware County": a county, not the state
            return StateName(start, start + len(written), code, state.name)
    return None


@dataclass(frozen=True)
class Dateline:
    """The town a dateline names, and its state when the dateline gives one."""

    start: int
    end: int
    state: StateName | None


def find_dateline(text: str, gazetteer: Gazetteer) -> Dateline | None:
    """The dateline near the start of a body ("DALLAS (CBSDFW.COM/AP) – Police in Dallas
    said ..."), when its town in capitals is a gazetteer name."""
    for match in _DATELINE.finditer(text, 0, min(len(text), DATELINE_REACH)):
        town = match["town"]
        if len(town.replace(" ", "")) < 3 or not gazetteer.lookup(town):
            continue
        written = match["state"] or match["dashed"]
        state = state_after(text, match.end("town"), gazetteer) if written else None
        return Dateline(match.start("town"), match.end("town"), state)
    return None
