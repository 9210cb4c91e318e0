"""The ground floor every stage shares: ACLED's event types and their families, the measures a
figure counts, the kinds of place and the days a date mention covers. It imports nothing of
the project, so the model, extraction, events, linking, the ledger and the exports can all use it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, Protocol, get_args

# What a figure counts.
Measure = Literal[
    "killed",
    "injured",
    "missing",
    "displaced",
    "arrested",
    "detained",
    "kidnapped",
    "evacuated",
    "affected",
    "other",
]

Family = Literal["violence", "demonstration", "strategic"]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ARMED_CLASH = "Armed clash"
AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
SUICIDE_BOMB = "Suicide bomb"
GRENADE = "Grenade"
CIVILIAN_ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
ARRESTS = "Arrests"
AGREEMENT = "Agreement"

FAMILY: dict[str, Family] = {
    BATTLES: "violence",
    EXPLOSIONS: "violence",
    VIOLENCE_AGAINST_CIVILIANS: "violence",
    PROTESTS: "demonstration",
    RIOTS: "demonstration",
    STRATEGIC: "strategic",
}
# The most specific violent type first: an event with several takes the first one present.
TYPE_ORDER = (BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS, RIOTS, PROTESTS, STRATEGIC)
EVENT_TYPES: tuple[str, ...] = TYPE_ORDER

# The measures in the order ledgers and exports list them.
MEASURE_ORDER: tuple[Measure, ...] = get_args(Measure)
# Which family of event a measure's figures belong to (arrests and displacement have none).
MEASURE_FAMILY: dict[str, Family] = {
    "killed": "violence",
    "injured": "violence",
    "missing": "violence",
    "kidnapped": "violence",
}

# How a ledger picks its estimates (ledger.py), and what a store exports to (export.py).
Rule = Literal["ucdp", "acled"]
ExportFormat = Literal["jsonl", "csv-acled", "csv-ucdp", "parquet"]

PlaceFeature = Literal["city", "admin2", "admin1", "region", "country"]
# Kinds of place, the most specific first.
PLACE_FEATURES: tuple[PlaceFeature, ...] = get_args(PlaceFeature)

WEEK_DAYS = 7


class Dated(Protocol):
    """What date_range reads of a date mention (model.DateMention)."""

    @property
    def value(self) -> str | None: ...

    @property
    def granularity(self) -> str: ...


# Years a publication date may carry: arithmetic of up to 999 units either way must stay inside
# what datetime can represent.
PLAUSIBLE_YEARS = (1000, 8000)


def parse_published(published: str | None) -> date | None:
    """The publication day from an ISO date or datetime; None when missing or malformed."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None
    return day if PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1] else None


# A day the text does not give: the event takes its report's publication day, or the day before
# it (events.py's stand-in days).
STAND_IN_RULES = frozenset({"publication-date", "publication-date-day-before"})
# A page's headline and first sentences: where a report tells the day of its own event (read by
# the event dates, events.py, and by a cluster's likeliest day, exports/clusters.py).
LEDE_CHARS = 600


def date_range(mention: Dated) -> tuple[date, date] | None:
    """The days a resolved date mention covers; None for unresolved or partial dates."""
    if not mention.value or "X" in mention.value:
        return None
    try:
        if mention.granularity == "day":
            day = date.fromisoformat(mention.value[:10])
            return day, day
        if mention.granularity == "week":
            start = date.fromisoformat(mention.value[:10])
            return start, start + timedelta(days=WEEK_DAYS - 1)
        if mention.granularity == "month":
            first = date.fromisoformat(mention.value[:7] + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
    except ValueError:
        return None
    return None
