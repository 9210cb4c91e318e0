"""Which gazetteer candidate a place name means: alone (`choose_candidate`), and in its document
(`resolve_places`), where the other names the text settles or implies are the context.

Ambiguity is kept, never guessed away: a name stays unresolved unless its context or its size
settles it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

import msgspec

from claimledger.extract import lexicons
from claimledger.extract.gazetteer import (
    FEATURES,
    Gazetteer,
    load_gazetteer,
    normalise_place_name,
    unit_stem,
)
from claimledger.extract.place_qualifiers import state_after
from claimledger.model import PlaceCandidate, PlaceMention

LARGE_CITY_POPULATION = 100_000
WORLD_CITY_POPULATION = 500_000
# A town wins over its namesakes without context when it has this many people and ten times
# as many as each of them.
DOMINANT_POPULATION = 50_000
# A city this large keeps a name it carries only as a spelling ("Bombay", "Canton") beside the
# small towns whose own name it is.
FAMOUS_OLD_NAME_POPULATION = 1_000_000
DOMINANCE = 10
# US cities that stand alone in a dateline and in a story (AP style): "CLEVELAND –" is the
# city in Ohio, not its namesakes in Tennessee or Queensland.
STANDALONE_CITIES = frozenset(
    (normalise_place_name(name), state) for name, state in lexicons.rows("us_dateline_cities")
)


def country_codes(names_or_codes: Iterable[str], gazetteer: Gazetteer) -> frozenset[str]:
    """ISO codes for context given as codes ("SY") or country names ("Syria", "U.S.")."""
    codes: set[str] = set()
    for item in names_or_codes:
        country = gazetteer.country(item)
        if country is not None:
            codes.add(country.country_code)
    return frozenset(codes)


def region_of(candidate: PlaceCandidate) -> str | None:
    """ "US|Illinois": the admin-1 unit a place is in (or is); None for a country."""
    if candidate.feature == "country":
        return None
    return f"{candidate.country_code}|{candidate.admin1 or candidate.name}"


def own_names_first(
    candidates: tuple[PlaceCandidate, ...], name: str
) -> tuple[PlaceCandidate, ...]:
    """Towns that carry a name only as one of their spellings give way to the places whose own
    name it is ("Stockton": Stockton, California, not Camden, New Jersey, which GeoNames also
    calls so), unless they are larger than all of those: than villages ("Lake Worth": Lake
    Worth Beach, Florida, renamed, beside a village in Texas), or, where a town of 50,000 bears
    the name, by being a city of a million ("Canton": Guangzhou stays beside Canton, Ohio;
    "St. Charles", Missouri, is not Denver's old name)."""
    key = normalise_place_name(name)
    own = [c for c in candidates if normalise_place_name(c.name) == key]
    if not own:
        return candidates
    largest = max((c.population or 0 for c in own if c.feature == "city"), default=0)
    if largest >= DOMINANT_POPULATION:
        largest = max(largest, FAMOUS_OLD_NAME_POPULATION - 1)
    return tuple(
        c for c in candidates if c.feature != "city" or c in own or (c.population or 0) > largest
    )


def _world_city_left_out(
    candidates: Sequence[PlaceCandidate], kept: Sequence[PlaceCandidate], capitals: frozenset[int]
) -> bool:
    """Context must not turn Paris into Paris, Texas: a capital or a city of a million, ten
    times larger than every city context kept, keeps the name ambiguous."""
    largest_kept = max((c.population or 0 for c in kept if c.feature == "city"), default=0)
    return any(
        c.feature == "city"
        and c not in kept
        and (c.geonameid in capitals or (c.population or 0) >= WORLD_CITY_POPULATION)
        and (c.population or 0) >= 10 * largest_kept
        for c in candidates
    )


def _dominant(pool: Sequence[PlaceCandidate]) -> PlaceCandidate | None:
    """A town ten times larger than every namesake ("Dallas": Dallas, Texas, not Dallas,
    Georgia or Victoria), when no unit elsewhere shares the name (Portland parish, Jamaica)."""
    towns = [c for c in pool if c.feature == "city"]
    if not towns:
        return None
    largest = max(towns, key=lambda c: c.population or 0)
    size = largest.population or 0
    if size < DOMINANT_POPULATION:
        return None
    for other in pool:
        if other is largest:
            continue
        if other.feature == "city":
            if (other.population or 0) * DOMINANCE > size:
                return None
        elif (other.country_code, other.admin1) != (largest.country_code, largest.admin1):
            return None
    return largest


def _standalone(pool: Sequence[PlaceCandidate]) -> PlaceCandidate | None:
    """The one US city of the pool that AP style lets stand alone ("Cleveland", "St. Louis")."""
    found = [
        c
        for c in pool
        if c.feature == "city"
        and c.country_code == "US"
        and (normalise_place_name(c.name), c.admin1) in STANDALONE_CITIES
    ]
    return found[0] if len(found) == 1 else None


def _state_over_villages(pool: Sequence[PlaceCandidate]) -> PlaceCandidate | None:
    """The one admin-1 unit of the pool when everything else is a small town ("Texas": the
    state, not the villages of that name in Mexico)."""
    states = [c for c in pool if c.feature == "admin1"]
    if len(states) != 1:
        return None
    others = [c for c in pool if c is not states[0]]
    small = all(
        c.feature == "city" and (c.population or 0) < LARGE_CITY_POPULATION for c in others
    )
    return states[0] if small else None


def choose_candidate(
    candidates: Sequence[PlaceCandidate],
    context: frozenset[str] = frozenset(),
    *,
    capitals: frozenset[int] = frozenset(),
    regions: frozenset[str] = frozenset(),
    weights: Mapping[str, int] | None = None,
) -> PlaceCandidate | None:
    """The candidate that clearly wins, or None: ambiguity is kept, never guessed away.

    Context countries narrow the candidates; when several context countries remain ("Moscow"
    in a text naming Russia and the U.S.), a national capital among them wins. Context regions
    ("US|North Carolina", the admin-1 units the document names or settles) narrow namesakes
    within a country ("Lumberton" in a text naming Robeson County); `weights` (how many of the
    document's names vouch for each region) break a tie between regions. A US city that stands
    alone in AP datelines wins its namesakes ("Cleveland"), and so does a town ten times larger
    than every namesake ("Dallas").
    """
    pool = list(candidates)
    countries = [c for c in pool if c.feature == "country"]
    if len(countries) == 1 and not any(
        c.feature == "admin1" and c.country_code != countries[0].country_code for c in pool
    ):
        # "Lebanon" is the country, not Lebanon, Tennessee; but "Georgia" the US state
        # is a peer of Georgia the country, and stays ambiguous.
        return countries[0]
    if len({c.country_code for c in pool}) > 1 and context:
        pool = [c for c in pool if c.country_code in context] or pool
        if _world_city_left_out(candidates, pool, capitals):
            return None
        capital = [c for c in pool if c.geonameid in capitals and c.feature == "city"]
        if len({c.country_code for c in pool}) > 1 and len(capital) == 1:
            pool = [c for c in pool if c.country_code == capital[0].country_code]
    if regions and len(pool) > 1:
        inside = [c for c in pool if c.feature != "admin1" and region_of(c) in regions]
        if weights and inside:
            top = max(weights.get(region_of(c) or "", 0) for c in inside)
            heaviest = [c for c in inside if weights.get(region_of(c) or "", 0) == top]
            if len({region_of(c) for c in heaviest}) == 1:
                inside = heaviest
            states = [c for c in pool if c.feature == "admin1"]
            state = states[0] if len(states) == 1 else None
            larger = _standalone(pool) or _dominant(pool) or state
            if top < STRONG_REGION and larger is not None and larger not in inside:
                # another town's state does not move "Memphis", nor "Florida" the state, to a
                # namesake village there
                inside = [larger]
        pool = inside or pool
    if not pool:
        return None
    if (not context or "US" in context) and (standalone := _standalone(pool)) is not None:
        return standalone
    if (state := _state_over_villages(pool)) is not None:
        return state
    if len({c.country_code for c in pool}) > 1:
        return _dominant(pool)
    if len(pool) == 1:
        return pool[0]
    countries = [c for c in pool if c.feature == "country"]
    if len(countries) == 1:
        return countries[0]
    capital = [c for c in pool if c.geonameid in capitals and c.feature == "city"]
    if len(capital) == 1:
        return capital[0]  # "Washington" in a U.S. text: the capital, not the state
    cities = [c for c in pool if c.feature == "city"]
    admin1 = [c for c in pool if c.feature == "admin1"]
    admin2 = [c for c in pool if c.feature == "admin2"]
    if (
        len(cities) == 1
        and all(r.name == cities[0].admin1 for r in admin1)
        and all(u.admin1 == cities[0].admin1 for u in admin2)
    ):
        return cities[0]  # "Deir ez-Zor": the city, seat of the region named after it
    if len(admin1) == 1 and not cities:
        return admin1[0]
    if len(admin2) == 1 and not cities and not admin1:
        return admin2[0]
    return _dominant(pool)


# --- a document's places settle each other --------------------------------------------------------


def document_countries(mentions: Iterable[PlaceMention]) -> frozenset[str]:
    """Countries a document establishes through the places it has settled."""
    return frozenset(m.resolved.country_code for m in mentions if m.resolved is not None)


def told_abroad(mentions: Iterable[PlaceMention]) -> frozenset[str]:
    """The countries outside the US a page tells of: where it settles a country, a region or
    a town of LARGE_CITY_POPULATION there. A village abroad alone is more often a word some
    village bears ("Olm", a surname; "MARTA", Atlanta's trains; "THE BOTTOM") than world news,
    which names its country."""
    return frozenset(
        m.resolved.country_code
        for m in mentions
        if m.resolved is not None
        and m.resolved.country_code != "US"
        and (m.resolved.feature != "city"
             or (m.resolved.population or 0) >= LARGE_CITY_POPULATION)
    )


def document_regions(mentions: Iterable[PlaceMention]) -> frozenset[str]:
    """Admin-1 units ("US|Illinois") a document names or settles places in: context that
    settles namesakes within a country."""
    return frozenset(
        region
        for m in mentions
        if m.resolved is not None and (region := region_of(m.resolved)) is not None
    )


def named_countries(mentions: Iterable[PlaceMention]) -> frozenset[str]:
    """Countries the document names as countries ("Syria", "the U.S.")."""
    return frozenset(
        m.resolved.country_code
        for m in mentions
        if m.resolved is not None and m.resolved.feature == "country"
    )


def small_town_abroad(candidate: PlaceCandidate, named: frozenset[str]) -> bool:
    """A small town in a country the document never names or places anything else in, while it
    does others ("Madaya" in a text about Syria is the Syrian village the gazetteer lacks, not
    the town in Myanmar; "Mansion" in a story from Sacramento is no village in Saint Kitts)."""
    return (
        bool(named)
        and candidate.feature == "city"
        and candidate.country_code not in named
        and (candidate.population or 0) < LARGE_CITY_POPULATION
    )


# How much a name vouches for the admin-1 unit it is in: a state named outright, a county (in
# one state whichever it is) or a large city, a town.
REGION_STRENGTH = {"admin1": 3, "admin2": 2, "city": 1}
STRONG_REGION = 2  # a state or a county: enough to move a name off its much larger namesake


class _Evidence(msgspec.Struct, frozen=True):
    """What one name of a document vouches for: the countries and admin-1 units (with their
    strength) it settles, or that all its candidates share ("DeKalb County" is in the US,
    whichever it is; "Harris County", Texas or Georgia, is in no one state)."""

    countries: frozenset[str]
    regions: dict[str, int]


def _evidence(mention: PlaceMention) -> _Evidence:
    resolved = mention.resolved
    if resolved is not None:
        region = region_of(resolved)
        strength = REGION_STRENGTH.get(resolved.feature, 1)
        if (resolved.population or 0) >= LARGE_CITY_POPULATION:
            strength = max(strength, STRONG_REGION)  # "Baltimore police": the story's state
        return _Evidence(frozenset({resolved.country_code}), {region: strength} if region else {})
    if len(mention.candidates) < 2:
        return _Evidence(frozenset(), {})  # a lone candidate left unsettled on purpose
    countries = {c.country_code for c in mention.candidates}
    regions = {region_of(c) for c in mention.candidates}
    units = all(c.feature in ("admin1", "admin2") for c in mention.candidates)
    region = next(iter(regions)) if len(regions) == 1 and units else None
    return _Evidence(
        frozenset(countries) if len(countries) == 1 else frozenset(),
        {region: STRONG_REGION} if region else {},
    )


class _Context(msgspec.Struct, frozen=True):
    """The document's settled and implied places, each name counted once."""

    by_name: dict[str, _Evidence]
    countries: Counter[str]
    regions: Counter[str]  # region -> summed strength
    strong: Counter[str]  # region -> how many names vouch for it strongly
    named: frozenset[str]  # countries named as countries or given

    def without(self, key: str) -> tuple[frozenset[str], Counter[str], frozenset[str]]:
        """Countries, region weights and strongly held regions of every name but `key`: a name
        never settles itself."""
        own = self.by_name.get(key, _Evidence(frozenset(), {}))
        countries = Counter(self.countries)
        countries.subtract(own.countries)
        regions = Counter(self.regions)
        regions.subtract(own.regions)
        strong = Counter(self.strong)
        strong.subtract(r for r, n in own.regions.items() if n >= STRONG_REGION)
        return (
            frozenset(c for c, n in countries.items() if n > 0),
            Counter({r: n for r, n in regions.items() if n > 0}),
            frozenset(r for r, n in strong.items() if n > 0),
        )


def _context(mentions: Sequence[PlaceMention], given: frozenset[str]) -> _Context:
    countries_by_name: dict[str, set[str]] = defaultdict(set)
    regions_by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for mention in mentions:
        found = _evidence(mention)
        key = normalise_place_name(mention.name)
        countries_by_name[key] |= found.countries
        for region, strength in found.regions.items():
            regions_by_name[key][region] = max(strength, regions_by_name[key].get(region, 0))
    evidence = {
        key: _Evidence(frozenset(countries_by_name[key]), regions_by_name[key])
        for key in countries_by_name
    }
    countries: Counter[str] = Counter(given)
    regions: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    for found in evidence.values():
        countries.update(found.countries)
        regions.update(found.regions)
        strong.update(r for r, n in found.regions.items() if n >= STRONG_REGION)
    return _Context(evidence, countries, regions, strong, named_countries(mentions) | given)


def _stray_town(
    chosen: PlaceCandidate,
    countries: frozenset[str],
    regions: Counter[str],
    strong: frozenset[str],
    named: frozenset[str],
) -> bool:
    """A small town the document would place where none of its other names is: in a country it
    never names or places anything in (`small_town_abroad`), or in a state of that country
    while its other names are in another ("Lackawanna", New York, in a story from Jacksonville,
    Florida, is a neighbourhood of Jacksonville) while the document names that other state or
    one of its counties."""
    if small_town_abroad(chosen, named | countries):
        return True
    if chosen.feature != "city" or (chosen.population or 0) >= LARGE_CITY_POPULATION:
        return False
    own_region = region_of(chosen)
    named_states = [r for r in strong if r.split("|", 1)[0] == chosen.country_code]
    return bool(named_states) and own_region not in regions


def resolve_places(
    mentions: Sequence[PlaceMention], *, context_countries: Sequence[str] = ()
) -> list[PlaceMention]:
    """Settle ambiguous mentions with the countries and admin-1 units the document's other names
    settle or imply, a name never by itself.

    A name with several candidates is decided afresh in the document's context (a reading made
    without it, "Canton" as Guangzhou, does not outlive a verdict of "ambiguous here"; a town
    and a county it names settle each other first, `_towns_in_named_counties`, and hold
    whatever the rest of the page implies: "Canton" and "Madison County" on a Columbus, Georgia
    station's page are Mississippi's), and again
    until nothing changes: a name settled by context can itself settle another. Then a
    mention settled on a small town where none of the document's other names is (another
    country, or another state of the same country) is unsettled. Last, a name the text narrows
    to one place once is that place everywhere (`_as_written_out`).
    """
    gazetteer = load_gazetteer()
    given = country_codes(context_countries, gazetteer)
    current = _towns_in_named_counties([
        m if len(m.candidates) <= 1 else msgspec.structs.replace(m, resolved=None)
        for m in mentions
    ])
    # a town and its county settle each other whatever the rest of the page implies
    paired = {i for i, m in enumerate(current) if len(m.candidates) > 1 and m.resolved}
    for _ in range(len(current) + 1):
        context = _context(current, given)
        updated = []
        for index, mention in enumerate(current):
            if len(mention.candidates) > 1 and index not in paired:
                countries, weights, _strong = context.without(normalise_place_name(mention.name))
                chosen = choose_candidate(
                    mention.candidates,
                    countries | given,
                    capitals=gazetteer.capitals,
                    regions=frozenset(weights),
                    weights=weights,
                )
                mention = msgspec.structs.replace(mention, resolved=chosen or mention.resolved)
            updated.append(mention)
        if updated == current:
            break
        current = updated
    context = _context(current, given)
    settled = []
    for index, mention in enumerate(current):
        countries, weights, strong = context.without(normalise_place_name(mention.name))
        chosen = mention.resolved
        dateline = mention.name.isupper()  # "IDAHO FALLS --": where the reporter is
        if (
            chosen is not None
            and not dateline
            and index not in paired
            and _stray_town(chosen, countries | given, weights, strong, context.named)
        ):
            mention = msgspec.structs.replace(mention, resolved=None)
        settled.append(mention)
    return _as_written_out(_county_shorthand(settled))


def _towns_in_named_counties(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """A town and a county the document both names, each ambiguous, settle each other where
    exactly one of the town's namesakes lies in one of the county's ("Allison" and "Butler
    County": Allison, Iowa, in Butler County, Iowa; "Augusta" and "Richmond County": Georgia).
    Two such pairs settle nothing ("Princeton" and "Mercer County": New Jersey or West
    Virginia), nor does a county that towns would place in different states."""
    counties = {
        (c.country_code, c.admin1, normalise_place_name(c.name)): c
        for m in mentions
        if len(m.candidates) > 1 and all(c.feature == "admin2" for c in m.candidates)
        for c in m.candidates
    }
    if not counties:
        return list(mentions)
    towns: dict[int, PlaceCandidate] = {}
    units: dict[str, set[PlaceCandidate]] = defaultdict(set)
    for index, mention in enumerate(mentions):
        if len(mention.candidates) < 2 or mention.resolved is not None:
            continue
        pairs = [
            (town, county)
            for town in mention.candidates
            if town.feature == "city"
            and town.admin2
            and (county := counties.get((town.country_code, town.admin1,
                                         normalise_place_name(town.admin2)))) is not None
        ]
        if len(pairs) == 1:
            towns[index] = pairs[0][0]
            units[normalise_place_name(pairs[0][1].name)].add(pairs[0][1])
    settled = []
    for index, mention in enumerate(mentions):
        chosen = towns.get(index)
        named = units.get(normalise_place_name(mention.name), set())
        if chosen is None and len(named) == 1 and mention.resolved is None:
            chosen = next(iter(named))
        if chosen is not None and chosen in mention.candidates:
            mention = msgspec.structs.replace(mention, resolved=chosen)
        settled.append(mention)
    return settled


def _county_shorthand(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """A bare name the page also writes as a US county's, none of whose namesakes lies in a
    county of that name, is that county ("Putnam sheriff's deputies" beside "Putnam County":
    not Putnam, Connecticut; "Terrebonne deputies", "the Pasco sheriff"). A name that may be a
    state, a country or a large town keeps its own reading ("Baltimore" beside "Baltimore
    County", "Texas" beside "Texas County"), and so does a town that lies in the county
    ("Fresno" beside "Fresno County")."""
    counties: dict[str, PlaceMention] = {}
    for mention in mentions:
        if mention.candidates and all(
            c.feature == "admin2" and c.country_code == "US" for c in mention.candidates
        ) and (stem := unit_stem(normalise_place_name(mention.name))) is not None:
            counties.setdefault(stem, mention)
    if not counties:
        return list(mentions)
    result = []
    for mention in mentions:
        county = counties.get(normalise_place_name(mention.name))
        if county is not None and not any(
            c.feature in ("country", "admin1")
            or (c.feature == "city" and (c.population or 0) >= LARGE_CITY_POPULATION)
            or (c.admin2 is not None
                and normalise_place_name(c.admin2) == normalise_place_name(county.name))
            for c in mention.candidates
        ):
            mention = msgspec.structs.replace(
                mention, candidates=county.candidates, resolved=county.resolved
            )
        result.append(mention)
    return result


def _as_written_out(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """A name the text once narrows to one place ("PUEBLO, Colo. -": the state after it leaves
    one candidate) is that place wherever else the document writes it ("Pueblo police say"),
    rather than a namesake abroad or left ambiguous: the writer means one place by one name. So
    is a neighbourhood placed in its town ("the Austin neighborhood" of Chicago): "shot to death
    in Austin" in the headline is Chicago too, not Austin, Texas. Where the text narrows one name
    two ways (the headline's "South Austin" read as Austin, Texas, the body's "the South Austin
    neighborhood" placed in Chicago), the place the document also names by its own name
    ("Chicago police") is the one meant, everywhere."""
    readings: dict[str, list[PlaceCandidate]] = defaultdict(list)
    for mention in mentions:
        key = normalise_place_name(mention.name)
        place = mention.resolved
        if len(mention.candidates) == 1 and place is not None and place not in readings[key]:
            readings[key].append(place)
    if not any(readings.values()):
        return list(mentions)
    # the places the document names by their own names
    named = {m.resolved for m in mentions if m.resolved is not None
             and normalise_place_name(m.resolved.name) == normalise_place_name(m.name)}
    result = []
    for mention in mentions:
        key = normalise_place_name(mention.name)
        found = readings.get(key) or []
        own = [p for p in found if p in named and normalise_place_name(p.name) != key]
        if len(found) > 1 and len(own) == 1:
            if mention.resolved != own[0]:
                mention = msgspec.structs.replace(mention, candidates=(own[0],), resolved=own[0])
        elif found and len(mention.candidates) > 1:
            mention = msgspec.structs.replace(mention, resolved=found[0])
        result.append(mention)
    return result


# --- the weakest reading, for an event's place ------------------------------------------------

NAMESAKE_MARGIN = 2  # the largest namesake has this many times the people of every other


def largest_us_namesake(
    mention: PlaceMention, settled: frozenset[str] = frozenset(), *, us_only: bool = False
) -> PlaceMention:
    """An event's place that neither the text nor the site's home settles, read as its most
    populous namesake where that is a US town with NAMESAKE_MARGIN times the people of every
    other ("COLUMBUS (WCMH) --": Columbus, Ohio, not Georgia; "shot in Brooksville": Florida's,
    not Mississippi's); names shared by towns of like size ("Springfield", "Monroe") or by a
    county or a region of that very name stay unsettled. A county that only shares the stem
    ("Charlotte" beside Charlotte County, Florida) is no namesake of a town written without
    "County"; nor, for a town of LARGE_CITY_POPULATION, is a unit abroad in a country where the
    document settles nothing (`settled`: the countries it does): "Savannah" is Savannah,
    Georgia, not the Savannah Region of Ghana, unless the text places something in Ghana. For
    the event only: a guess the document's other names never rest on. With `us_only` (a report
    that reads as US local news, events.py `_us_local`), namesakes outside the US are left out
    first ("Lodi police said": Lodi, California, not Lodi in Lombardy; "Birmingham police":
    Alabama's, ten times Michigan's). A name only US counties share is read by the people of
    their towns (`_largest_us_county`). Towns whose own name it is rank alone where there
    are any ("Silver City": New Mexico's, not Meriden, Connecticut, which is called so)."""
    if mention.resolved is not None or len(mention.candidates) < 2:
        return mention
    written = normalise_place_name(mention.name)
    candidates = mention.candidates
    if us_only:
        candidates = tuple(c for c in candidates if c.country_code == "US")
        if len(candidates) == 1:
            return msgspec.structs.replace(mention, resolved=candidates[0])
    if all(c.feature == "admin2" and c.country_code == "US" for c in candidates):
        return _largest_us_county(mention, candidates)
    towns = [c for c in candidates if c.feature == "city"]
    # a town that carries the name only as another spelling ("Silver City": Meriden,
    # Connecticut's nickname) gives way to the towns whose own name it is
    own = [
        c for c in towns
        if normalise_place_name(c.name) == written
        or (c.population or 0) >= FAMOUS_OLD_NAME_POPULATION
    ]
    if own:
        towns = own
    if len(towns) < 2:
        return mention
    ranked = sorted(towns, key=lambda c: c.population or 0, reverse=True)
    large = (ranked[0].population or 0) >= LARGE_CITY_POPULATION
    if any(
        c.feature != "city"
        and normalise_place_name(c.name) == written
        and not (large and c.country_code != ranked[0].country_code
                 and c.country_code not in settled)
        for c in candidates
    ):
        return mention
    largest, runner_up = ranked[0], ranked[1]
    if largest.country_code != "US" or (largest.population or 0) < NAMESAKE_MARGIN * (
        runner_up.population or 0
    ):
        return mention
    return msgspec.structs.replace(mention, resolved=largest)


def _largest_us_county(
    mention: PlaceMention, counties: Sequence[PlaceCandidate]
) -> PlaceMention:
    """A county name shared by US counties alone ("Harris County": Texas or Georgia), read as
    the one whose towns hold DOMINANCE times the people of every other's (Harris County, Texas,
    with Houston); counties of like size ("Franklin County", "Marion County") stay apart."""
    sizes = _county_people()
    ranked = sorted(counties, key=lambda c: sizes.get((c.admin1, c.name), 0), reverse=True)
    largest, runner_up = (sizes.get((c.admin1, c.name), 0) for c in ranked[:2])
    if largest < DOMINANCE * runner_up:
        return mention
    return msgspec.structs.replace(mention, resolved=ranked[0])


@lru_cache(maxsize=1)
def _county_people() -> dict[tuple[str | None, str], int]:
    """The people of the towns GeoNames places in each US county (by state and county name),
    summed: how large a county is, where GeoNames gives counties no population."""
    gazetteer = load_gazetteer()
    columns = gazetteer.columns
    us = columns.text_ids.get("US")
    city = FEATURES.index("city")
    sizes: dict[tuple[str | None, str], int] = defaultdict(int)
    for row, country in enumerate(columns.countries):
        if country == us and columns.features[row] == city and columns.admin2[row] >= 0:
            key = (columns.text(columns.admin1[row]), columns.text(columns.admin2[row]) or "")
            sizes[key] += max(columns.populations[row], 0)
    return dict(sizes)


# --- a news site's home -------------------------------------------------------------------------

HOME_NAME_CHARS = 5  # shorter names turn up inside other words of a site's address
SITE_LABELS = frozenset({"www", "m", "mobile", "amp", "web", "archive", "org", "com", "net"})


@lru_cache(maxsize=1)
def _home_names() -> dict[str, frozenset[str]]:
    """US states and the large US cities that no other US town or county shares a name with
    (AP's dateline cities whatever shares theirs), by their name without spaces ("kansascity"),
    each with the states it may mean ("" among them: a namesake elsewhere)."""
    gazetteer = load_gazetteer()
    columns = gazetteer.columns
    us = columns.text_ids.get("US")
    towns: dict[str, list[tuple[int, str]]] = defaultdict(list)  # key -> (population, state)
    counties: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for row, country in enumerate(columns.countries):
        if country != us:
            continue
        feature = FEATURES[columns.features[row]]
        name = normalise_place_name(columns.names[row])
        state = columns.text(columns.admin1[row]) or ""
        if feature == "admin1":
            names[name.replace(" ", "")].add(columns.names[row])
        elif feature == "city":
            towns[name.replace(" ", "")].append((columns.populations[row], state))
        elif feature == "admin2":
            counties[(unit_stem(name) or name).replace(" ", "")].add(state)
    for key, found in towns.items():
        size, state = max(found)
        if size < LARGE_CITY_POPULATION:
            continue
        names[key].add(state)
        standalone = (normalise_place_name(key), state) in STANDALONE_CITIES or any(
            city.replace(" ", "") == key and home == state for city, home in STANDALONE_CITIES
        )
        rivals = sum(1 for population, _ in found if population * DOMINANCE > size) > 1
        if not standalone and (rivals or counties.get(key, set()) - {state}):
            names[key].add("")
    return {key: frozenset(states) for key, states in names.items() if len(key) >= HOME_NAME_CHARS}


@lru_cache(maxsize=1)
def _state_keys() -> tuple[str, ...]:
    """The US states' names without spaces ("northcarolina"): a site's address may hold one
    inside its words as well ("northwestgeorgianews.com"), not only at either end."""
    return tuple(
        key for name in load_gazetteer().us_states.values()
        if len(key := normalise_place_name(name).replace(" ", "")) >= HOME_NAME_CHARS
    )


def _address_words(url: str) -> list[str]:
    """The labels of a page's host that may name a place, letters only ("fox13memphis.com":
    ["foxmemphis"])."""
    labels = [label for label in _site_host(url).split(".")[:-1] if label not in SITE_LABELS]
    return [re.sub(r"[^a-z]", "", label) for label in labels]


def _site_host(url: str) -> str:
    """The host of a page's address, or of the page an archive's address holds."""
    archived = re.search(r"/web/\d+[a-z_]*/(?:https?://)?([^/]+)", url)
    host = archived.group(1) if archived else urlsplit(url).hostname or ""
    return host.split(":")[0].lower()


def home_region(url: str | None) -> str | None:
    """The US state a local news site's address names ("fox13memphis.com": Tennessee,
    "nbcconnecticut.com": Connecticut, "detroitnews.com": Michigan): where its stories mostly
    happen; a state's name may stand inside the address too ("northwestgeorgianews.com").
    A weak hint, for names the text leaves unsettled; None when the address names no state, or
    one whose name others share ("springfieldnews")."""
    if not url:
        return None
    names = _home_names()
    found: list[tuple[int, frozenset[str]]] = []
    for flat in _address_words(url):
        for size in range(len(flat), HOME_NAME_CHARS - 1, -1):
            for piece in {flat[:size], flat[-size:]}:
                if piece in names:
                    found.append((size, names[piece]))
        found += [(len(key), names[key]) for key in _state_keys() if key in flat[1:-1]]
    if not found:
        return None
    longest = max(size for size, _ in found)
    states = frozenset().union(*(s for size, s in found if size == longest))
    if len(states) != 1 or "" in states:
        return None
    return f"US|{next(iter(states))}"


# What parts a headline from the site's name: "... home - WFSB 3 Connecticut", "... | KTBS.com".
TITLE_SEPARATOR = re.compile(r"\s+[-–—|]\s")
# Words in lower case a site's name may hold ("News, Weather and Sports for Huntsville, AL"); any
# other makes the words after the separator part of the headline ("- man shot on Main street").
SITE_NAME_WORDS = frozenset({"and", "for", "of", "the", "in", "on", "your", "news", "weather"})


def site_name_start(title: str) -> int | None:
    """Where the site's name starts after a headline's last separator ("... - WDAM-TV
    7-News, Weather, Sports-Hattiesburg, MS"): words in title case, or None."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    if not separators:
        return None
    tail = separators[-1].end()
    words = re.findall(r"[A-Za-z][\w'’.]*", title[tail:])
    if any(w[0].islower() and w not in SITE_NAME_WORDS for w in words):
        return None
    return tail


def title_home(title: str, start: int, mentions: Sequence[PlaceMention]) -> str | None:
    """The US state a headline's site name places the site in ("Child accidentally shot in
    Marion County - WDAM-TV 7-News, Weather, Sports-Hattiesburg, MS": Mississippi; "... -
    WAFB 9 News Baton Rouge, Louisiana News"; "... - WALB.com, South Georgia News"): after the
    headline's last separator, words in title case, the one state written after a comma there,
    named there or of the places settled there.
    `start` is the title's offset in the page, `mentions` the document's places. A weak hint,
    as `home_region` is; None where the name holds no state or more than one."""
    tail = site_name_start(title)
    if tail is None:
        return None
    gazetteer = load_gazetteer()
    states = {
        region
        for m in mentions
        if m.resolved is not None
        and m.resolved.country_code == "US"
        and start + tail <= m.span.start < start + len(title)
        and (region := region_of(m.resolved)) is not None
    }
    for comma in (i for i in range(tail, len(title)) if title[i] == ","):
        state = state_after(title, comma, gazetteer)
        if state is not None:
            states.add(f"US|{state.name}")
    states.update(f"US|{m['state']}" for m in _state_words().finditer(title, tail))
    return next(iter(states)) if len(states) == 1 else None


@lru_cache(maxsize=1)
def _state_words() -> re.Pattern[str]:
    """A US state's name as words of a site's name ("South Georgia News", "KiiiTV.com South
    Texas"), not a city's ("Kansas City", "Oklahoma City") nor Washington, which is also the
    capital's."""
    names = sorted(
        (name for name in load_gazetteer().us_states.values()
         if name not in ("Washington", "District of Columbia")),
        key=len, reverse=True,
    )
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\b(?P<state>{alternatives})\b(?![ \t]+City\b)")


def shared_state(mentions: Sequence[PlaceMention]) -> str | None:
    """The one US state that more of the names a document leaves unsettled have a namesake in
    than any other, and at least two of them ("Beaufort" and "Bluffton": South Carolina); a
    name whose largest US namesake dwarfs the others (`largest_us_namesake`: "Savannah") counts
    for that one's state only. None where no state is shared so, or where the document settles
    a place itself."""
    if any(m.resolved is not None for m in mentions):
        return None
    states: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        largest = largest_us_namesake(mention).resolved
        for candidate in (largest,) if largest is not None else mention.candidates:
            region = region_of(candidate) if candidate.country_code == "US" else None
            if region is not None:
                states[region].add(normalise_place_name(mention.name))
    ranked = sorted((len(names), region) for region, names in states.items())
    if not ranked or ranked[-1][0] < 2 or (len(ranked) > 1 and ranked[-2][0] == ranked[-1][0]):
        return None
    return ranked[-1][1]


def settle_at_home(mentions: Sequence[PlaceMention], home: str | None) -> list[PlaceMention]:
    """Names the document leaves unsettled, settled in the site's home state where exactly one
    of their candidates is there ("Lansing" on detroitnews.com: Lansing, Michigan)."""
    if home is None:
        return list(mentions)
    settled = []
    for mention in mentions:
        if mention.resolved is None:
            inside = [c for c in mention.candidates if region_of(c) == home]
            if len(inside) == 1:
                mention = msgspec.structs.replace(mention, resolved=inside[0])
        settled.append(mention)
    return settled


def settle_at_address_town(
    mentions: Sequence[PlaceMention], url: str | None
) -> list[PlaceMention]:
    """A name the text leaves unsettled that the site's address carries ("Ponca City" on
    poncacitynews.com) is the site's own town where exactly one US town bears it: a local
    paper named after its town tells of that town, whatever else the page names."""
    if not url:
        return list(mentions)
    flat = "".join(_address_words(url))
    settled = []
    for mention in mentions:
        key = normalise_place_name(mention.name).replace(" ", "")
        if mention.resolved is None and len(key) >= HOME_NAME_CHARS and key in flat:
            towns = [c for c in mention.candidates
                     if c.country_code == "US" and c.feature == "city"]
            if len(towns) == 1:
                mention = msgspec.structs.replace(mention, resolved=towns[0])
        settled.append(mention)
    return settled
