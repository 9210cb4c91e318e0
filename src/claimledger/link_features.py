"""What linking compares. Per document: its words (TF-IDF over the title and the body, site chrome
and lines shared by unrelated pages left out), its title, the capitalised names it uses (people,
streets, towns), the ages it gives, its outlet and day, and the calendar days it writes. Per
event: its own day, place, people harmed, counts and family. Per pair of events: the signals the
scorer weighs (`FEATURES`).

Profiles are sparse rows and numpy arrays built in two streaming passes over the documents (the
first counts words, names and repeated lines over the corpus, the second keeps each page's
strongest terms), so a corpus of 100,000 pages is never held as text, and pairs are compared
in numpy, a batch at a time.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import msgspec
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from claimledger.extract import lexicons
from claimledger.extract.phones import PHONE_RULE
from claimledger.model import Document, Event, Figure, Person, PlaceMention
from claimledger.taxonomy import FAMILY, STAND_IN_RULES, date_range

# How much of a page's body is read: the lead says who, where and when.
BODY_CHARS = 6000
# Terms kept per page (the highest TF-IDF weights): the cosine of pruned vectors is close to
# the full one, and memory stays at TERMS entries a page.
TERMS = 48
# A line (of at least LINE_CHARS) found on pages with this many different titles is site chrome
# or a paywall notice, not reporting.
LINE_CHARS = 12
BOILERPLATE_TITLES = 3
# A token is a name when it is capitalised (not at a sentence's start) at least this many times
# for each lowercase use.
NAME_RATIO = 4.0
MAX_AGE = 110
# A corpus this large tells how rare a word is; a smaller one is shrunk toward PRIOR_RARITY
# (see CorpusCounts.rarity).
FULL_STATISTICS = 200
PRIOR_RARITY = 0.5
SKIPPED_SEGMENTS = frozenset({"chrome", "comments", "related"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# The date rules (extract/dates.py) of calendar dates a text writes: "March 9, 2016", and "the
# Nov. 22 shooting" read as the last Nov. 22 before the page's date. A weekday ("Sunday") is
# read against the page's date, which for a follow-up is weeks after the event.
STATED_RULES = frozenset({"absolute", "partial-year-from-publication"})
# Day ordinals are below this (the year 2870), so (document row, day) is one int64 code.
DAY_CODES = 1 << 20
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "s"}
# Words of the news that follows an attack: the arrest, the charge, the plea, the funeral.
FOLLOW_UP_NEWS = lexicons.words("follow_up_news")

FEATURES: tuple[str, ...] = (
    "text",  # cosine of the pages' TF-IDF vectors
    "title",  # cosine of the titles' TF-IDF vectors
    "names",  # cosine of the capitalised names the pages use, weighted by rarity
    "shared_names",  # the rarity of the names both pages use, summed, at most 3, over 3
    "person",  # a person harmed in one event is named in the other page: 1 by first name and
    # surname, else half the surname's rarity (CorpusCounts.rarity)
    "person_conflict",  # both events name people harmed, and neither page names the other's
    "same_person",  # both events name a person harmed by the same surname (not a page that
    # recalls another's victim: "weeks after 3-year-old Kaleah Jones was shot")
    "ages",  # ages both pages give (0, 1 for one, 2 for two or more, halved)
    "ages_conflict",  # both pages give ages, none the same
    "same_day",  # the events' days (event date, else publication date) at most a day apart
    "gap",  # log of the days between them, 0 to 1 (a year); 0 where it is only a bound
    "far",  # more than 30 days apart; 0 where the gap is only a bound
    "dated_apart",  # both events dated by their text, more than 3 days apart
    "place",  # the events' places name the same place
    "place_conflict",  # both places resolved, to different places, neither inside the other
    "killed_agree",
    "killed_conflict",
    "killed_many",  # both count the same dead, two or more (one dead agrees in most shootings)
    "injured_agree",
    "injured_conflict",
    "family",  # both events of one family (violence, demonstration, strategic)
    "outlet",  # both pages from one outlet
    "follow_up",  # either page's headline tells what followed an attack ("Man charged in ...")
    "follow_up_gap",  # the gap, where either page is such a follow-up (its news comes later)
    "page_day_later",  # one event has only its page's day, later than the day the other's text
    # gives: a report that names no day of the attack, as follow-ups do, so the gap is only a
    # bound ("gap" and "far" are 0)
    "page_day_gap",  # that bound, as "gap" measures days
    "recalls_day",  # one page writes as a calendar date the day the other's text dates its
    # event on, their own events' days being further apart: a follow-up recalling "the July 17
    # ambush" from its news of an arrest
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d{3,}")
_AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|\b[A-Z][A-Za-z'’-]+,? (\d{1,2}),")
_SENTENCE_END = frozenset(".!?:;\n\"“”'‘’(")
_URL_HOST = re.compile(r"https?://(?:www\d?\.)?([^/:?#]+)")
# Where a title joins its headline to the site's name: "... - WBRC FOX6 News - Birmingham, AL".
_TITLE_PARTS = re.compile(r"\s+[-|–—:]{1,2}\s+|\s*\|\s*")


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little", signed=True)


@lru_cache(maxsize=1 << 17)
def _normal(token: str) -> str:
    """A word as the vocabulary keeps it (words repeat: kept, up to a bound)."""
    token = token.lower().replace("’", "'")
    return token[:-2] if token.endswith("'s") else token.strip("'-")


def body_lines(document: Document) -> list[str]:
    """The lines of the page's reporting: its text without chrome, comments and related links,
    cut at BODY_CHARS."""
    if document.segments:
        parts = [document.segment_text(s) for s in document.segments
                 if s.kind not in SKIPPED_SEGMENTS and s.kind != "title"]
        text = "\n".join(parts)
    else:
        text = document.text
    return text[:BODY_CHARS].splitlines()


def _tokens(text: str) -> Iterable[tuple[str, bool]]:
    """(normalised token, capitalised away from a sentence's start) for each word."""
    for match in _WORD.finditer(text):
        word = match.group()
        before = match.start() - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        initial = before < 0 or text[before] in _SENTENCE_END
        yield _normal(word), word[0].isupper() and not initial


def outlet_of(document: Document) -> str | None:
    """The outlet's name, else the host of its (archived) address."""
    if document.outlet:
        return document.outlet.lower()
    if document.url:
        hosts = _URL_HOST.findall(document.url)
        if hosts:
            return str(hosts[-1]).lower()
    return None


def _day(value: str | None) -> int:
    if not value:
        return -1
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return -1


@dataclass
class CorpusCounts:
    """What the first pass learns: document frequencies, how often each word is capitalised,
    and which lines are chrome."""

    documents: int
    vocabulary: dict[str, int]
    df: np.ndarray[Any, Any]
    names: np.ndarray[Any, np.dtype[np.bool_]]
    boilerplate: frozenset[int]
    title_chrome: frozenset[int]  # parts of titles found in BOILERPLATE_TITLES titles or more

    def headline(self, document: Document) -> str:
        """The title without the parts titles share: the site's name, its city, its slogan."""
        return " ".join(p for p in title_parts(document.title)
                        if _stable_hash(p) not in self.title_chrome)

    def idf(self) -> np.ndarray[Any, Any]:
        return np.log((1 + self.documents) / (1 + self.df)) + 1.0

    def rarity(self) -> np.ndarray[Any, Any]:
        """How surprising it is that two pages share a word: 1 - log(df) / log(pages), so 1 for
        a word on one page, 0 for a word on all. A corpus under FULL_STATISTICS pages cannot
        tell (five reports of one attack all name its town): there the value is drawn toward
        PRIOR_RARITY in proportion to how few pages there are."""
        weight = min(1.0, self.documents / FULL_STATISTICS)
        measured = np.zeros_like(self.df)
        if self.documents > 1:
            measured = np.clip(
                1.0 - np.log(np.maximum(self.df, 1.0)) / math.log(self.documents), 0.0, 1.0)
        rarity: np.ndarray[Any, Any] = weight * measured + (1.0 - weight) * PRIOR_RARITY
        return rarity


def count_corpus(documents: Iterable[Document]) -> CorpusCounts:
    """The first pass: word document frequencies, capitalisation and repeated lines."""
    vocabulary: dict[str, int] = {}
    df: Counter[int] = Counter()
    capitalised: Counter[int] = Counter()
    lowercase: Counter[int] = Counter()
    line_hashes = array("q")
    title_hashes = array("q")
    part_hashes = array("q")
    part_titles = array("q")
    count = 0
    for document in documents:
        count += 1
        lines = body_lines(document)
        title_hash = _stable_hash(document.title or document.id)
        for part in set(title_parts(document.title)):
            part_hashes.append(_stable_hash(part))
            part_titles.append(title_hash)
        for line in {line.strip() for line in lines}:
            if len(line) >= LINE_CHARS:
                line_hashes.append(_stable_hash(line))
                title_hashes.append(title_hash)
        seen: set[int] = set()
        for text, counted in ((document.title or "", False), ("\n".join(lines), True)):
            for token, capital in _tokens(text):
                if token in STOP_WORDS:
                    continue
                index = vocabulary.setdefault(token, len(vocabulary))
                seen.add(index)
                if counted:
                    if capital:
                        capitalised[index] += 1
                    elif not token[0].isdigit():
                        lowercase[index] += 1
        df.update(seen)
    size = len(vocabulary)
    frequencies = np.zeros(size, dtype=np.float64)
    caps = np.zeros(size, dtype=np.float64)
    lows = np.zeros(size, dtype=np.float64)
    for table, counter in ((frequencies, df), (caps, capitalised), (lows, lowercase)):
        if counter:
            keys = np.fromiter(counter.keys(), dtype=np.int64, count=len(counter))
            table[keys] = np.fromiter(counter.values(), dtype=np.float64, count=len(counter))
    names = (caps > 0) & (caps >= NAME_RATIO * lows)
    return CorpusCounts(
        documents=count,
        vocabulary=vocabulary,
        df=frequencies,
        names=names,
        boilerplate=_boilerplate(line_hashes, title_hashes),
        title_chrome=_boilerplate(part_hashes, part_titles),
    )


def title_parts(title: str | None) -> list[str]:
    """A title cut where a site joins its name to the headline."""
    return [p.strip() for p in _TITLE_PARTS.split(title or "") if p.strip()]


def _boilerplate(lines: array[int], titles: array[int]) -> frozenset[int]:
    """Lines found on pages with BOILERPLATE_TITLES or more different titles."""
    if not lines:
        return frozenset()
    pairs = np.unique(np.stack([np.asarray(lines), np.asarray(titles)], axis=1), axis=0)
    hashes, counts = np.unique(pairs[:, 0], return_counts=True)
    return frozenset(int(h) for h in hashes[counts >= BOILERPLATE_TITLES])


@dataclass
class DocumentTable:
    """Per document (row i of each matrix): L2-normalised term, title and name vectors, a
    binary row of the capitalised words it uses and of the ages it gives, its day (ordinal,
    -1: none), its outlet (-1: none), whether its headline is a follow-up's and its blocking
    keys."""

    index: dict[str, int]
    words: Any  # scipy CSR, documents x vocabulary
    titles: Any
    names: Any
    capitals: Any
    name_rarity: Any  # each name's rarity (CorpusCounts.rarity)
    ages: Any  # documents x (MAX_AGE + 1)
    day: np.ndarray[Any, Any]
    outlet: np.ndarray[Any, Any]
    follow_up: np.ndarray[Any, Any]  # the headline tells what followed an attack
    keys: list[np.ndarray[Any, Any]]
    # the calendar days each page writes (profile_documents' `stated_days`), as sorted codes
    # row * DAY_CODES + day
    stated: np.ndarray[Any, Any]


class _Rows:
    """Sparse rows collected one document at a time."""

    def __init__(self) -> None:
        self.indptr = array("q", [0])
        self.indices = array("q")
        self.data = array("d")

    def add(self, weights: Mapping[int, float], *, normalise: bool = True) -> None:
        norm = math.sqrt(sum(w * w for w in weights.values())) if normalise else 1.0
        for index, weight in weights.items():
            self.indices.append(index)
            self.data.append(weight / norm if norm else 0.0)
        self.indptr.append(len(self.indices))

    def matrix(self, columns: int) -> Any:
        rows = len(self.indptr) - 1
        return sparse.csr_matrix(
            (np.frombuffer(self.data, dtype=np.float64),
             np.frombuffer(self.indices, dtype=np.int64),
             np.frombuffer(self.indptr, dtype=np.int64)),
            shape=(rows, columns),
        )


def profile_documents(
    documents: Iterable[Document],
    counts: CorpusCounts,
    *,
    stated_days: Mapping[str, Iterable[str]] | None = None,
    keys_per_document: int = 16,
) -> DocumentTable:
    """The second pass: each document's vectors, ages, day, outlet and blocking keys, and the
    calendar days it writes (`stated_days`: ISO days by document id, as
    `Store.stated_days(STATED_RULES)` reads them; other values are left out)."""
    stated_days = stated_days or {}
    stated = array("q")
    idf = counts.idf()
    vocabulary = counts.vocabulary
    names_mask = counts.names
    words, titles, names, capitals, ages, name_rarity = (_Rows() for _ in range(6))
    rarity = counts.rarity()
    index: dict[str, int] = {}
    days = array("q")
    outlets = array("q")
    follow_ups = array("b")
    outlet_ids: dict[str, int] = {}
    keys: list[np.ndarray[Any, Any]] = []
    for document in documents:
        index[document.id] = len(index)
        lines = [line for line in body_lines(document)
                 if _stable_hash(line.strip()) not in counts.boilerplate]
        body = "\n".join(lines)
        title_terms: Counter[int] = Counter()
        follow_up = False
        for token, _ in _tokens(counts.headline(document)):
            follow_up = follow_up or token in FOLLOW_UP_NEWS
            if token in vocabulary and token not in STOP_WORDS:
                title_terms[vocabulary[token]] += 1
        follow_ups.append(follow_up)
        terms: Counter[int] = Counter({k: 2 * v for k, v in title_terms.items()})
        capital: set[int] = set()
        for token, capitalised in _tokens(body):
            found = vocabulary.get(token)
            if found is None:
                continue
            terms[found] += 1
            if capitalised:
                capital.add(found)
        weighted = {k: (1 + math.log(v)) * float(idf[k]) for k, v in terms.items()}
        top = dict(sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS])
        words.add(top)
        titles.add({k: (1 + math.log(v)) * float(idf[k]) for k, v in title_terms.items()})
        proper = {k: float(idf[k]) for k in capital | set(top) if names_mask[k]}
        names.add(proper)
        name_rarity.add({k: float(rarity[k]) for k in proper}, normalise=False)
        capitals.add(dict.fromkeys(capital, 1.0), normalise=False)
        ages.add(dict.fromkeys(ages_in(body), 1.0), normalise=False)
        days.append(_day(document.published))
        row = len(index) - 1
        stated.extend(sorted({row * DAY_CODES + d for value in stated_days.get(document.id, ())
                              if 0 <= (d := _day(value)) < DAY_CODES}))
        outlet = outlet_of(document)
        outlets.append(outlet_ids.setdefault(outlet, len(outlet_ids)) if outlet else -1)
        keys.append(_keys(top, proper, counts.df, keys_per_document))
    size = len(vocabulary)
    return DocumentTable(
        index=index,
        words=words.matrix(size),
        titles=titles.matrix(size),
        names=names.matrix(size),
        capitals=capitals.matrix(size),
        name_rarity=name_rarity.matrix(size),
        ages=ages.matrix(MAX_AGE + 1),
        day=np.asarray(days, dtype=np.int64),
        outlet=np.asarray(outlets, dtype=np.int64),
        follow_up=np.asarray(follow_ups, dtype=bool),
        keys=keys,
        stated=np.asarray(stated, dtype=np.int64),
    )


def _keys(
    terms: Mapping[int, float], names: Mapping[int, float], df: np.ndarray[Any, Any], limit: int
) -> np.ndarray[Any, Any]:
    """A page's blocking keys: its strongest terms and its rarest names that some other page
    shares (a key found once leads nowhere)."""
    shared = [k for k in terms if df[k] >= 2][:limit]
    rare_names = sorted((k for k in names if df[k] >= 2), key=lambda k: (df[k], k))
    return np.asarray(sorted(set(shared) | set(rare_names[: limit // 2])), dtype=np.int64)


def ages_in(text: str) -> set[int]:
    """Ages a text gives: "a 17-year-old", "Malik McMillian, 17,"."""
    found = set()
    for match in _AGE.finditer(text):
        value = int(match.group(1) or match.group(2))
        if 0 < value <= MAX_AGE:
            found.add(value)
    return found


@dataclass
class EventTable:
    """Per event (row k): its document's row, its day (-1: none of its own) and that day again
    where the text writes it as a calendar date (STATED_RULES: "March 9", not "Sunday"), its
    country, place, resolved place and that place's admin units as ids (-1: none), its family,
    killed and injured (nan: none), and a row of its people's surnames over the vocabulary
    (each the surname's IDF), and each person's (first name, surname) as vocabulary ids (-1:
    not in it)."""

    events: list[Event]
    document: np.ndarray[Any, Any]
    day: np.ndarray[Any, Any]
    stated_day: np.ndarray[Any, Any]  # the day when the text states it as a calendar date
    page_day: np.ndarray[Any, Any]  # 1 where the day is its page's, standing in (STAND_IN_RULES)
    country: np.ndarray[Any, Any]
    firm_country: np.ndarray[Any, Any]  # the country is firmly held (`_firm_country`)
    place: np.ndarray[Any, Any]
    resolved: np.ndarray[Any, Any]
    region: np.ndarray[Any, Any]  # the resolved place's admin-1 unit (-1: none)
    county: np.ndarray[Any, Any]  # its admin-2 unit (-1: none)
    level: np.ndarray[Any, Any]  # UNIT_LEVELS of its feature: 1 admin-1, 2 admin-2, else 0
    kind: np.ndarray[Any, Any]  # KINDS of its family: an attack or a protest (-1: neither)
    family: np.ndarray[Any, Any]
    killed: np.ndarray[Any, Any]
    injured: np.ndarray[Any, Any]
    surnames: Any
    # each person's (first name, surname) as vocabulary ids, event k's people at positions
    # name_starts[k]:name_starts[k + 1]
    name_starts: np.ndarray[Any, Any]
    first_names: np.ndarray[Any, Any]
    last_names: np.ndarray[Any, Any]


UNIT_LEVELS = {"admin1": 1, "admin2": 2}
# The families of events that happen, each its own kind: a protest is never the battle of the
# same day. (What follows an event, an arrest or a truce, is of no kind: it links to either.)
KINDS = {"violence": 0, "demonstration": 1}


def _nested(events: EventTable, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> Any:
    """Where one event's place lies in the other's: a town and its county ("Chowchilla" and
    "Madera County"), a town or a county and its state."""
    region = (events.region[a] >= 0) & (events.region[a] == events.region[b])
    state = (events.level[a] == 1) | (events.level[b] == 1)
    county = ((events.level[a] == 2) | (events.level[b] == 2)) & (events.county[a] >= 0) & (
        events.county[a] == events.county[b])
    return region & (state | county)


def _place_name(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", name.lower()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# A town of fewer people whose country is the only one a name tells may be a namesake abroad of
# a place the gazetteer lacks ("Pinetown" in North Carolina read as Pinetown, South Africa).
FIRM_TOWN_POPULATION = 500_000


def _firm_country(place: PlaceMention | None) -> bool:
    """Whether an event's country is firmly held: its place resolved to a country, a region,
    or a city of FIRM_TOWN_POPULATION people or more (or of unknown size); not a name left
    ambiguous between namesakes of one country ("Side": two Turkish towns, in "on the
    Northwest Side"), nor a small town abroad that may be a namesake at home."""
    resolved = place.resolved if place else None
    if resolved is None:
        return False
    if resolved.feature != "city" or resolved.population is None:
        return True
    return resolved.population >= FIRM_TOWN_POPULATION


def _count(event: Event, figures: Mapping[str, Figure], measure: str) -> float:
    """The largest count of `measure` among the event's figures (nan: none)."""
    best = math.nan
    for figure_id in event.figure_ids:
        figure = figures.get(figure_id)
        if figure is None or figure.measure != measure or figure.negated:
            continue
        reading = figure.count.reading()
        if reading is not None and not math.isinf(reading):
            best = reading if math.isnan(best) else max(best, reading)
    return best


def _first_and_last(name: str, vocabulary: Mapping[str, int]) -> tuple[int, int]:
    """A person's first name and surname as vocabulary ids (-1: not in it); "Vincent Holt
    Jr." is (vincent, holt)."""
    words = [_normal(w) for w in name.replace(",", " ").split()]
    words = [w for w in words if w and w.rstrip(".") not in SUFFIXES]
    if not words:
        return -1, -1
    first = vocabulary.get(words[0], -1) if len(words) > 1 else -1
    return first, vocabulary.get(words[-1], -1)


def profile_events(
    events: Sequence[Event],
    table: DocumentTable,
    counts: CorpusCounts,
    *,
    figures: Mapping[str, Figure],
    people: Mapping[str, Person],
) -> EventTable:
    """The event-level arrays of the events whose documents `table` holds."""
    ids: dict[str, int] = {}
    columns: dict[str, array[Any]] = {name: array("q") for name in
                                      ("document", "day", "stated_day", "page_day", "country",
                                       "firm_country", "place", "resolved", "family", "region",
                                       "county", "level", "kind")}
    killed, injured = array("d"), array("d")
    surnames = _Rows()
    name_starts, first_names, last_names = array("q", [0]), array("q"), array("q")
    # a surname outside the corpus statistics (a small corpus) still shows
    rarity = np.maximum(counts.rarity(), 1e-3)
    kept: list[Event] = []
    for event in events:
        row = table.index.get(event.document_id)
        if row is None:
            continue
        kept.append(event)
        days = date_range(event.date) if event.date else None
        day = days[0].toordinal() if days and (days[1] - days[0]).days <= 1 else -1
        # a site's home state standing in for a place (site_homes.settled_at_homes) is no
        # evidence of where the event was: linking weighs the page's own words alone
        place = event.place
        if place is not None and place.rule is not None:
            # a name the page writes stays, unsettled; a state, town or telephone number
            # standing in for none is no place
            written = place.span.end > place.span.start and place.rule != PHONE_RULE
            place = msgspec.structs.replace(place, resolved=None) if written else None
        resolved = place.resolved if place else None
        countries = {c.country_code for c in place.candidates} if place else set()
        country = resolved.country_code if resolved else (
            countries.pop() if len(countries) == 1 else None)
        values = {
            "document": row,
            "day": day,
            "stated_day": day if event.date and event.date.rule in STATED_RULES else -1,
            "page_day": int(event.date is not None and event.date.rule in STAND_IN_RULES),
            "country": ids.setdefault(f"c:{country}", len(ids)) if country else -1,
            "firm_country": int(_firm_country(place)),
            "place": ids.setdefault(f"p:{_place_name(place.name)}", len(ids)) if place else -1,
            "resolved": ids.setdefault(
                f"r:{resolved.geonameid or resolved.name}:{resolved.admin1}", len(ids)
            ) if resolved else -1,
            "family": ids.setdefault(f"f:{FAMILY.get(event.event_type)}", len(ids)),
            "region": ids.setdefault(f"s:{resolved.country_code}|{resolved.admin1}", len(ids))
            if resolved and resolved.admin1 else -1,
            "county": ids.setdefault(
                f"u:{resolved.country_code}|{resolved.admin1}|{resolved.admin2}", len(ids)
            ) if resolved and resolved.admin1 and resolved.admin2 else -1,
            "level": UNIT_LEVELS.get(resolved.feature, 0) if resolved else 0,
            "kind": KINDS.get(FAMILY.get(event.event_type) or "", -1),
        }
        for name, value in values.items():
            columns[name].append(value)
        killed.append(_count(event, figures, "killed"))
        injured.append(_count(event, figures, "injured"))
        named = [_first_and_last(p.name, counts.vocabulary) for i in event.person_ids
                 if (p := people.get(i)) and p.name]
        named = [n for n in named if n[1] >= 0]
        first_names.extend(first for first, _ in named)
        last_names.extend(last for _, last in named)
        name_starts.append(len(last_names))
        surnames.add({last: float(rarity[last]) for _, last in named}, normalise=False)
    return EventTable(
        events=kept,
        **{name: np.asarray(values, dtype=np.int64) for name, values in columns.items()},
        killed=np.asarray(killed, dtype=np.float64),
        injured=np.asarray(injured, dtype=np.float64),
        surnames=surnames.matrix(len(counts.vocabulary)),
        name_starts=np.asarray(name_starts, dtype=np.int64),
        first_names=np.asarray(first_names, dtype=np.int64),
        last_names=np.asarray(last_names, dtype=np.int64),
    )


def _person(
    documents: DocumentTable, events: EventTable, a: np.ndarray[Any, Any],
    b: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """1 where a person harmed in one event is named by first name and surname in the other
    event's page, else the rarity of a surname found there (0: none)."""
    da, db = events.document[a], events.document[b]
    result = np.zeros(len(a), dtype=np.float64)
    for people, pages in ((a, db), (b, da)):
        found = events.surnames[people].multiply(documents.capitals[pages])
        rarity = np.asarray(found.max(axis=1).todense()).ravel()
        result = np.maximum(result, rarity / 2)
        # where a surname is found, is some person's first name found beside it?
        found_at = np.flatnonzero(rarity > 0)
        starts = events.name_starts[people[found_at]]
        many = events.name_starts[people[found_at] + 1] - starts
        pair = np.repeat(found_at, many)
        name = np.repeat(starts - np.cumsum(many) + many, many) + np.arange(int(many.sum()))
        first, last = events.first_names[name], events.last_names[name]
        capitals = documents.capitals
        both = (first >= 0) & _has(capitals, pages[pair], np.maximum(first, 0)) & _has(
            capitals, pages[pair], last)
        result[pair[both]] = 1.0
    return result


def _has(matrix: Any, rows: np.ndarray[Any, Any], columns: np.ndarray[Any, Any]) -> Any:
    """Whether matrix[rows[k], columns[k]] is stored (a binary matrix: is 1), for every k."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    return np.asarray(matrix[rows, columns]).ravel() > 0


def _rowwise(matrix: Any, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> Any:
    """Row a[k] of `matrix` dotted with row b[k], for every k."""
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()


def pair_features(
    documents: DocumentTable, events: EventTable, a: np.ndarray[Any, Any],
    b: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """The FEATURES of event pairs (a[k], b[k]), one row per pair."""
    da, db = events.document[a], events.document[b]
    out = np.zeros((len(a), len(FEATURES)), dtype=np.float64)
    if not len(a):
        return out
    column = {name: i for i, name in enumerate(FEATURES)}
    out[:, column["text"]] = _rowwise(documents.words, da, db)
    out[:, column["title"]] = _rowwise(documents.titles, da, db)
    out[:, column["names"]] = _rowwise(documents.names, da, db)
    shared = documents.name_rarity[da].multiply(documents.name_rarity[db] > 0)
    out[:, column["shared_names"]] = np.minimum(np.asarray(shared.sum(axis=1)).ravel(), 3) / 3
    person = _person(documents, events, a, b)
    out[:, column["person"]] = person
    named = np.diff(events.surnames.indptr) > 0
    out[:, column["person_conflict"]] = named[a] & named[b] & (person == 0)
    out[:, column["same_person"]] = _rowwise(events.surnames, a, b) > 0  # rarities are > 0
    shared_ages = _rowwise(documents.ages, da, db)
    out[:, column["ages"]] = np.minimum(shared_ages, 2) / 2
    aged = np.diff(documents.ages.indptr) > 0
    out[:, column["ages_conflict"]] = aged[da] & aged[db] & (shared_ages == 0)
    day_a = np.where(events.day[a] >= 0, events.day[a], documents.day[da])
    day_b = np.where(events.day[b] >= 0, events.day[b], documents.day[db])
    known = (day_a >= 0) & (day_b >= 0)
    gap = np.abs(day_a - day_b)
    spread = np.where(known, np.log1p(np.minimum(gap, 365)) / math.log(366), 0)
    page_day = events.page_day.astype(bool)
    told = (events.day >= 0) & ~page_day  # a day the event's text gives
    bound = known & (
        (page_day[a] & told[b] & (day_a > day_b)) | (page_day[b] & told[a] & (day_b > day_a))
    )
    out[:, column["same_day"]] = known & (gap <= 1)
    out[:, column["gap"]] = np.where(bound, 0, spread)
    out[:, column["far"]] = known & ~bound & (gap > 30)
    out[:, column["page_day_later"]] = bound
    out[:, column["page_day_gap"]] = np.where(bound, spread, 0)
    dated = (events.day[a] >= 0) & (events.day[b] >= 0)
    out[:, column["dated_apart"]] = dated & (np.abs(events.day[a] - events.day[b]) > 3)
    pa, pb = events.place[a], events.place[b]
    ra, rb = events.resolved[a], events.resolved[b]
    out[:, column["place"]] = ((pa >= 0) & (pa == pb)) | ((ra >= 0) & (ra == rb))
    out[:, column["place_conflict"]] = (
        (ra >= 0) & (rb >= 0) & (ra != rb) & (pa != pb) & ~_nested(events, a, b)
    )
    for measure in ("killed", "injured"):
        values: np.ndarray[Any, Any] = getattr(events, measure)
        both = ~np.isnan(values[a]) & ~np.isnan(values[b])
        same = both & (values[a] == values[b])
        out[:, column[f"{measure}_agree"]] = same
        out[:, column[f"{measure}_conflict"]] = both & ~same
    out[:, column["killed_many"]] = out[:, column["killed_agree"]] * (events.killed[a] >= 2)
    out[:, column["family"]] = events.family[a] == events.family[b]
    oa, ob = documents.outlet[da], documents.outlet[db]
    out[:, column["outlet"]] = (oa >= 0) & (oa == ob)
    follow_up = documents.follow_up[da] | documents.follow_up[db]
    out[:, column["follow_up"]] = follow_up
    out[:, column["follow_up_gap"]] = follow_up * spread
    # a day of the other's text, not its page's stand-in, written on this page
    apart = (events.day[a] < 0) | (events.day[b] < 0) | (np.abs(events.day[a] - events.day[b]) > 1)
    out[:, column["recalls_day"]] = apart & (
        (told[b] & _writes(documents, da, events.day[b]))
        | (told[a] & _writes(documents, db, events.day[a])))
    return out


def _writes(
    documents: DocumentTable, rows: np.ndarray[Any, Any], days: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Whether page rows[k] writes the calendar day days[k] (-1: no day), for every k."""
    stated = documents.stated
    if not len(stated):
        return np.zeros(len(rows), dtype=bool)
    codes = rows * DAY_CODES + days
    at = np.minimum(np.searchsorted(stated, codes), len(stated) - 1)
    found: np.ndarray[Any, Any] = (days >= 0) & (stated[at] == codes)
    return found
