"""Where a page's telephone numbers ring: US local news prints them (a tip line, "call Crime
Stoppers at (817) 469-8477", a station's own number), and a US number's area code and exchange
lie in one town or state.

The numbers are found by a pattern of ten digits written as US numbers are ("(817) 469-8477",
"817-469-8477", "817.469.8477"), then read by `phonenumbers` (libphonenumber's offline tables),
which says whether such a number can exist and where it lies ("Arlington, TX", "Connecticut").
Toll-free and non-geographic numbers lie nowhere and are skipped.

On the events-gva folder a page's numbers lie in its incident's state for 361 of the 366
incidents with any (the misses: a national desk's number, a paper across a state line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import geocoder

from claimledger.extract.gazetteer import load_gazetteer
from claimledger.model import PlaceCandidate, Span

# The rule of an event's place that a telephone number on its page stands in for.
PHONE_RULE = "phone"
# Ten digits as a US number is written; not inside a longer run of digits, dashes or a
# figure's separators ("4,817 469 8477").
NUMBER = re.compile(
    r"(?<![\d,.-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\d-])"
)


@dataclass(frozen=True)
class PhonePlace:
    """A number in the page (`span`) and the place it lies in: a town where its exchange says
    one, else its state."""

    span: Span
    place: PlaceCandidate


def phone_places(text: str, start: int = 0) -> list[PhonePlace]:
    """The US numbers written in `text` (offsets from `start`) that lie in a known place."""
    found = []
    for match in NUMBER.finditer(text):
        place = _place_of(match.group())
        if place is not None:
            span = Span(start + match.start(), start + match.end(), match.group())
            found.append(PhonePlace(span, place))
    return found


def _place_of(number: str) -> PlaceCandidate | None:
    try:
        parsed = phonenumbers.parse(number, "US")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.region_code_for_number(parsed) != "US" or not phonenumbers.is_valid_number(
        parsed
    ):
        return None
    return _placed(geocoder.description_for_number(parsed, "en"))


def _placed(description: str) -> PlaceCandidate | None:
    """The gazetteer's place for libphonenumber's description: "Fort Worth, TX" (the town in
    that state, or the state where the gazetteer has no such town), "Connecticut"."""
    gazetteer = load_gazetteer()
    town, _, postal = description.rpartition(", ")
    if not town:
        return gazetteer.admin1("US", description) if description else None
    state = gazetteer.us_state(postal)
    if state is None:
        return None
    towns = gazetteer.us_towns(town, state.name)
    return max(towns, key=lambda c: c.population or 0) if towns else state


def phone_home(found: Sequence[PhonePlace]) -> PhonePlace | None:
    """The number that stands for the page's numbers, where more than half of them lie in one
    state: the first of those in the town most of them name (a town before a state); None
    where the numbers disagree or there are none."""
    states = Counter(p.place.admin1 or p.place.name for p in found)
    if not states:
        return None
    state, count = states.most_common(1)[0]
    if count * 2 <= len(found):
        return None
    inside = [p for p in found if (p.place.admin1 or p.place.name) == state]
    towns = Counter(p.place.name for p in inside if p.place.feature == "city")
    if towns:
        town = towns.most_common(1)[0][0]
        return next(p for p in inside if p.place.name == town)
    return inside[0]
