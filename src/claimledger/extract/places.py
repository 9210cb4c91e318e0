"""Place mentions: spaCy GPE/LOC/FAC entities and gazetteer names NER missed, matched offline.

A mention keeps every plausible gazetteer candidate; `resolved` is set only when one candidate
clearly wins (a single candidate, or one left after the document's own countries are applied).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import msgspec
from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from claimledger.extract import lexicons
from claimledger.extract.annotation import context as segment_context
from claimledger.extract.annotation import doc_span, page_span
from claimledger.extract.dates import MONTHS, WEEKDAYS
from claimledger.extract.doc_index import doc_ents, doc_lowers, doc_text
from claimledger.extract.gazetteer import (
    ADMIN1_WORDS,
    ADMIN2_WORDS,
    CITY_WORDS,
    DEMONYMS,
    Gazetteer,
    load_gazetteer,
    normalise_place_name,
)
from claimledger.extract.place_choice import (
    LARGE_CITY_POPULATION,
    TITLE_SEPARATOR,
    choose_candidate,
    country_codes,
    own_names_first,
)
from claimledger.extract.place_choice import (
    resolve_places as resolve_places,  # the document's step, re-exported beside find_places
)
from claimledger.extract.place_qualifiers import (
    STATE_ABBREVIATIONS,
    Dateline,
    StateName,
    find_dateline,
    state_after,
)
from claimledger.extract.triggers import classify_trigger
from claimledger.model import PlaceCandidate, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CONNECTORS = lexicons.words("name_connectors")
DAY_WORDS = frozenset(word for word, *_ in lexicons.rows("day_words"))
# Words that are a place's name somewhere ("Republic", Missouri; "Northeast", Iceland) but,
# standing alone in news text, are ordinary words or the first half of a longer name.
GENERIC_WORDS = lexicons.words("generic_place_words")
MAX_NGRAM_TOKENS = 5
MAX_NAME_CHARS = 80
LEADING_ARTICLE = ("the ", "The ")
POSSESSIVES = ("'s", "’s", "'", "’")
TRAILING_PUNCTUATION = ".,;:!?\"'“”‘’()[]"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    hint: str | None  # "admin1", "admin2" or "city" when a word says which kind of place it is
    from_entity: bool
    state: StateName | None = None  # "Elgin, Ill.": the US state written after the town
    dateline: bool = False  # the town of a body's dateline


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a name, and what follows a spaced
    dash or bar (TITLE_SEPARATOR: it parts a headline from the site's name, "shot in Graves
    County - WPSD Local 6", or a dateline from its story, and is never inside a place's name,
    "Winston-Salem")."""
    separator = TITLE_SEPARATOR.search(text, start, end)
    if separator is not None and separator.start() > start:
        end = separator.start()
    piece = text[start:end]
    for article in LEADING_ARTICLE:
        if piece.startswith(article) and len(piece) > len(article):
            start += len(article)
            piece = piece[len(article) :]
    for suffix in POSSESSIVES:
        if piece.endswith(suffix) and len(piece) > len(suffix) + 1:
            end -= len(suffix)
            break
    return start, end


NEIGHBOURHOOD_WORDS = frozenset(
    word for word, kind, *_ in lexicons.rows("place_kinds") if kind == "neighbourhood"
)


def _kind(word: str) -> str | None:
    word = word.strip(TRAILING_PUNCTUATION).lower()
    if word in ADMIN1_WORDS:
        return "admin1"
    if word in ADMIN2_WORDS:
        return "admin2"
    if word in NEIGHBOURHOOD_WORDS:
        return "neighbourhood"
    return "city" if word in CITY_WORDS else None


def _name_and_hint(
    text: str, start: int, end: int, gazetteer: Gazetteer
) -> tuple[int, int, str | None]:
    """ "Deir Ezzor region", "Idlib province": the kind word says admin-1 or city. It is split
    off the name unless the whole is itself a gazetteer name ("Oklahoma City")."""
    after = text[end : end + 20].split()
    hint = _kind(after[0]) if after else None
    words = text[start:end].split()
    if len(words) > 1 and _kind(words[-1]) and not gazetteer.lookup(text[start:end]):
        hint = _kind(words[-1])
        end = start + len(text[start:end].rstrip()[: -len(words[-1])].rstrip())
    return start, end, hint


# The small model often tags an unfamiliar town as a person ("in Goma"): after one of these
# words, a PERSON entity that is a gazetteer name is read as a place. So is a one-word
# organisation or product after "in" or "near" ("a shooting in Immokalee", "in Goleta", "in
# Winchester"), though not after "at" ("at Walmart"), where companies stand.
PLACE_PREPOSITIONS = frozenset(word for word, *_ in lexicons.rows("place_prepositions"))
MISTAKEN_LABELS = frozenset({"ORG", "PRODUCT", "DATE"})
# A DATE entity is a town only where it is no word of the calendar ("in Fellsmere", not "in May")
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | DAY_WORDS


def _mislabelled_place(ent: TokenSpan, gazetteer: Gazetteer) -> bool:
    doc = ent.doc
    if ent.start == 0:
        return False
    before = doc[ent.start - 1].lower_
    if ent.label_ == "PERSON":
        return before in PLACE_PREPOSITIONS and bool(gazetteer.lookup(ent.text))
    one_word = not any(c.isspace() for c in ent.text)  # "Goleta", "Wilkes-Barre"
    return (
        ent.label_ in MISTAKEN_LABELS
        and one_word
        and (ent.label_ != "DATE" or ent.text.lower() not in CALENDAR_WORDS)
        and before in LOCATION_PREPOSITIONS
        and before != "at"
        and bool(gazetteer.lookup(ent.text))
        and gazetteer.is_own_name(normalise_place_name(ent.text))  # not Bowie's "Bui"
    )


def _split_state(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Where the town of an entity "Elgin, Ill." ends: before the comma of a state after it."""
    comma = text.find(",", start, end)
    if comma > start:
        state = state_after(text, comma, gazetteer)
        if state is not None and state.end >= end - 1:
            return comma
    return end


def _entity_spans(doc: Doc, gazetteer: Gazetteer) -> Iterator[_Found]:
    text = doc_text(doc)
    for ent in doc_ents(doc):
        if len(ent.text) > MAX_NAME_CHARS:
            continue
        if ent.label_ not in PLACE_LABELS and not _mislabelled_place(ent, gazetteer):
            continue
        if len(ent) == 1 and ent.root.pos_ == "NOUN":
            continue  # "Five Are Shot at a Home in Newark": a common noun in a headline's capitals
        start, end = _clean_span(text, ent.start_char, ent.end_char)
        end = _split_state(text, start, end, gazetteer)
        start, end, hint = _name_and_hint(text, start, end, gazetteer)
        if end > start and normalise_place_name(text[start:end]):
            yield _Found(start, end, hint, True)


# A large US city's short name in local news ("KCK police", "a NYC subway"): the city and its
# state, by the name as written.
CITY_SHORT_NAMES = {
    short: (city, state) for short, city, state in lexicons.rows("city_short_names")
}
_SHORT_NAME = re.compile(r"\b(?:" + "|".join(map(re.escape, CITY_SHORT_NAMES)) + r")\b")


def _short_name_spans(doc: Doc) -> Iterator[_Found]:
    for match in _SHORT_NAME.finditer(doc_text(doc)):
        yield _Found(match.start(), match.end(), "city", True)


def _dateline_spans(doc: Doc, gazetteer: Gazetteer) -> Iterator[_Found]:
    """The town of a body's dateline ("HAMPTON, Va. –"), a town and so where the story is."""
    if segment_context(doc).kind != "body":
        return
    dateline = find_dateline(doc_text(doc), gazetteer)
    if dateline is not None:
        yield _Found(dateline.start, dateline.end, "city", True, dateline.state, dateline=True)


def _name_token(token: Token) -> bool:
    """A word written as a name: "Fresno", "FRESNO", and "DeLand", "McKeesport"."""
    text = token.text
    if token.is_title:
        return True
    capitals = token.is_alpha and len(text) > 1 and text[0].isupper()
    return capitals and (token.is_upper or any(c.isupper() for c in text[1:]))


SHOUTED_WORDS = 4  # a line with this many words, nearly all in capitals, is set in capitals


def _shouted(text: str) -> list[tuple[int, int]]:
    """Lines set wholly in capitals ("QUESTION OF THE VIOLATION OF HUMAN RIGHTS"): in them a
    word in capitals is no sign of a name."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        parts = line.group().split()
        if sum(map(str.isupper, parts)) < SHOUTED_WORDS:
            continue  # too few words in capitals, whatever the words of letters are
        words = [w for w in parts if any(ch.isalpha() for ch in w)]
        upper = [w for w in words if w.isupper()]
        if len(upper) >= SHOUTED_WORDS and len(upper) >= 0.8 * len(words):
            found.append((line.start(), line.end()))
    return found


_RUN_ATTRS = [IDX, ENT_TYPE, IS_TITLE, IS_UPPER, IS_ALPHA, LENGTH]


def _runs(doc: Doc) -> Iterator[list[Token]]:
    """Runs of capitalised tokens outside any entity, allowing "al-"/"ez-" connectors inside;
    none in a line set in capitals. (`_name_token` read from arrays: every token is read.)"""
    if not len(doc):
        return
    shouted = _shouted(doc_text(doc))
    lowers = doc_lowers(doc)
    starts, ents, title, upper, alpha, length = doc.to_array(_RUN_ATTRS).T.tolist()
    # an entity that runs on past a spaced dash ends there (`_clean_span`): its words after
    # it are free ("Superdome - WAFB 9 News Baton Rouge")
    for ent in doc_ents(doc):
        separator = TITLE_SEPARATOR.search(ent.text)
        if separator is not None:
            for token in ent:
                if token.idx >= ent.start_char + separator.end():
                    ents[token.i] = 0
    run: list[int] = []
    for i, start in enumerate(starts):
        if shouted and any(begin <= start < end for begin, end in shouted):
            if run:
                yield [doc[k] for k in run]
            run = []
            continue
        name = title[i] or (upper[i] and length[i] > 1 and alpha[i])
        if not ents[i] and (name or (run and lowers[i] in CONNECTORS)):
            run.append(i)
            continue
        if run:
            yield [doc[k] for k in run]
        run = []
    if run:
        yield [doc[k] for k in run]


# "Buckeye police", "Fresno County sheriff's deputies": a name before these words is a place.
AGENCY_WORDS = lexicons.words("local_agency_words")
# "Second Street", "Plano Rd", "Motel 6": an address or a building, never a town.
STREET_WORDS = lexicons.words("street_words")
MAX_AGENCY_NAME_TOKENS = 4


METRO_WORDS = frozenset({"metro", "metropolitan"})
# Between a state's name and its police: "Kentucky State Police", "Ohio State Highway Patrol".
STATE_AGENCY_WORDS = frozenset({"state", "highway"})


# "a Pleasantville woman", "two Brockton men": a name before these words is a town.
RESIDENT_WORDS = lexicons.words("resident_words")


def _agency_spans(
    doc: Doc, gazetteer: Gazetteer, words: frozenset[str] = AGENCY_WORDS
) -> Iterator[_Found]:
    """Towns and counties named by their own officials ("Buckeye police are investigating",
    "Memphis Police Department", "Fresno County sheriff's deputies", "the Las Vegas
    Metropolitan Police Department") or by their people (`words` = RESIDENT_WORDS: "a
    Pleasantville woman"), even where the model took the whole for an organisation or the town
    is small."""
    text = doc_text(doc)
    for at, lower in enumerate(doc_lowers(doc)):
        if lower not in words or at == 0:
            continue
        token = doc[at]
        first = token.i
        while (
            first > 0
            and token.i - first < MAX_AGENCY_NAME_TOKENS
            and _name_token(doc[first - 1])
            and doc[first - 1].lower_ not in words
        ):
            first -= 1
        # "Las Vegas Metropolitan Police": the town ends before "Metropolitan"; "Kentucky
        # State Police": the state before "State"
        last = token.i
        while last - 1 > first and doc[last - 1].lower_ in METRO_WORDS | STATE_AGENCY_WORDS:
            last -= 1
        for begin in range(first, last):  # the longest name first
            if doc[begin].like_num or doc[begin].pos_ in ("DET", "NUM"):
                continue  # "Four men", "An Evansville man", "The Memphis Police Department"
            start, end = doc[begin].idx, doc[last - 1].idx + len(doc[last - 1].text)
            key = normalise_place_name(text[start:end])
            if key in GENERIC_WORDS or not gazetteer.is_own_name(key):
                continue
            yield _Found(start, end, None, True)
            break


def _gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> Iterator[_Found]:
    """Names NER missed: the longest n-gram of a capitalised run that is a gazetteer name."""
    text = doc_text(doc)
    for run in _runs(doc):
        while run and run[-1].lower_ in CONNECTORS:
            run = run[:-1]
        index = 0
        while index < len(run):
            matched = 0
            for size in range(min(MAX_NGRAM_TOKENS, len(run) - index), 0, -1):
                tokens = run[index : index + size]
                if tokens[-1].lower_ in CONNECTORS or not _name_token(tokens[0]):
                    continue
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                if _plausible_name(text[start:end], tokens, gazetteer):
                    yield _Found(*_name_and_hint(text, start, end, gazetteer), False)
                    matched = size
                    break
            index += matched or 1


def _plausible_name(name: str, tokens: list[Token], gazetteer: Gazetteer) -> bool:
    """A bare capitalised word must be some place's own name and tagged a proper noun."""
    key = normalise_place_name(name)
    if not gazetteer.has_name(key):
        return False
    if len(tokens) > 1:
        return True
    token = tokens[0]
    tagged = token.has_morph() or token.tag_ != ""
    proper = token.pos_ == "PROPN" if tagged else True
    if not proper or token.is_sent_start or not gazetteer.is_own_name(key):
        return False
    # A lone capitalised word ("Green", "Davis") is a place only if it names a country, a
    # region or a large city: small towns share their names with too many words and people.
    return any(
        c.feature != "city" or (c.population or 0) >= LARGE_CITY_POPULATION
        for c in gazetteer.own_matches(key)
    )


def _filter_by_hint(
    candidates: tuple[PlaceCandidate, ...], hint: str | None
) -> tuple[PlaceCandidate, ...]:
    """Keep the hinted kind of place, unless that would drop a whole country: "Beni territory"
    (a DR Congo district) must not leave only Bolivia's El Beni department."""
    if hint is None:
        return candidates
    # An admin-2 word ("county", "district") names admin-1 units in some countries (Kenya).
    features = {"admin2": ("admin1", "admin2"), "neighbourhood": ("city",)}.get(hint, (hint,))
    kept = tuple(c for c in candidates if c.feature in features)
    if {c.country_code for c in kept} != {c.country_code for c in candidates}:
        return candidates
    return kept


def demonym_countries(doc: Doc) -> tuple[str, ...]:
    """Countries a segment points to by nationality words ("Lebanese", "Syrians"), in order of
    first mention: context for `find_places` and `resolve_places`, never place mentions."""
    codes: dict[str, None] = {}
    for ent in doc_ents(doc):
        if ent.label_ != "NORP":
            continue
        words = ent.text.lower().split()
        keys = [" ".join(words[-size:]) for size in (2, 1)]  # "South Sudanese" first
        found = [DEMONYMS[k] for key in keys for k in (key, key.removesuffix("s")) if k in DEMONYMS]
        if found:
            codes[found[0]] = None
    return tuple(codes)


def _surnames(doc: Doc, found: Sequence[_Found]) -> frozenset[str]:
    """The last words of people the segment names in full ("Megan Smith", "Gladys Garland ...
    Garland said") that it uses for people more often than for places: standing alone
    there, such a word is that person, whatever town carries it ("Salinas" stays a town in a
    report that names it ten times beside one photo credit that ends in it)."""
    full = {
        normalise_place_name(ent[-1].text)
        for ent in doc_ents(doc)
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title
    }
    people = Counter(
        key
        for ent in doc_ents(doc)
        if ent.label_ == "PERSON" and (key := normalise_place_name(ent[-1].text)) in full
    )
    text = doc_text(doc)
    places = Counter(normalise_place_name(text[f.start : f.end]) for f in found)
    return frozenset(key for key, count in people.items() if count > places[key])


def find_places(doc: Doc, *, context_countries: Sequence[str] = ()) -> list[PlaceMention]:
    """Place mentions in one segment's Doc.

    `context_countries` (codes or names) and the segment's nationality words ("the Lebanese
    army") settle ambiguous names; `resolve_places` adds the countries the document names.
    """
    gazetteer = load_gazetteer()
    context = country_codes([*context_countries, *demonym_countries(doc)], gazetteer)
    text = doc_text(doc)
    found = _with_states(
        [
            *_dateline_spans(doc, gazetteer),
            *_entity_spans(doc, gazetteer),
            *_agency_spans(doc, gazetteer),
            *_agency_spans(doc, gazetteer, RESIDENT_WORDS),
            *_gazetteer_spans(doc, gazetteer),
            *_short_name_spans(doc),
        ],
        text,
        gazetteer,
    )
    states = {(f.state.start, f.state.end): f.state for f in found if f.state is not None}
    surnames = _surnames(doc, found)
    mentions: list[PlaceMention] = []
    for item in found:
        name = text[item.start : item.end]
        if item.state is None and normalise_place_name(name) in surnames:
            continue  # "Gladys Garland ... Garland said": a person, not Garland, Texas
        if (item.start, item.end) in states or (
            name in STATE_ABBREVIATIONS and name not in DISTRICT_ABBREVIATIONS | SPELLED_OUT
        ):
            continue  # a state after a town is added below, with its state; "Ill." alone
        if _street(text, item.start, item.end) or _street_again(text, item.start, name) or (
            normalise_place_name(name) in GENERIC_WORDS and not item.dateline
        ):
            continue  # "the city", "Main Street"; a dateline's "ORANGE -" is a town
        if _HOSPITAL_AFTER.match(text, item.end):
            continue  # "Grant Medical Center": a hospital's name, not where anyone was hurt
        candidates = _filter_by_hint(_looked_up(name, gazetteer), item.hint)
        if item.state is not None:
            candidates = _in_state(candidates, item.state.name, name, gazetteer)
        if not candidates and not item.from_entity:
            continue
        label = doc.char_span(item.start, item.end, alignment_mode="expand")
        if not candidates and label is not None and label.root.ent_type_ == "FAC":
            continue  # a building or road with no gazetteer entry says nothing about place
        mentions.append(
            PlaceMention(
                span=page_span(doc, item.start, item.end),
                name=name,
                candidates=candidates,
                resolved=choose_candidate(candidates, context, capitals=gazetteer.capitals),
            )
        )
    for (start, end), state in states.items():
        candidate = gazetteer.us_state(state.postal_code)
        if candidate is not None:
            mentions.append(
                PlaceMention(
                    span=page_span(doc, start, end),
                    name=text[start:end],
                    candidates=(candidate,),
                    resolved=candidate,
                )
            )
    mentions.sort(key=lambda m: m.span.start)
    neighbourhoods = {f.start for f in found if f.hint == "neighbourhood"}
    return [
        _in_town(m, mentions) if m.span.start - segment_context(doc).start in neighbourhoods else m
        for m in mentions
    ]


# A quarter of a large town named by its direction from the centre ("Southwest
# Philadelphia", "North Austin", "East Oakland"): local news names the quarter, the gazetteer
# knows the town.
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest"})
# A part of a US state named by its direction ("North Alabama", "Central Florida", "Southern
# Illinois"): the state, where the whole is no place's own name ("West Virginia" is one).
REGION_WORDS = frozenset({"central", "northern", "southern", "eastern", "western"})


# States AP never abbreviates ("Elgin, Texas"): their names in the abbreviations' table are
# the states' own, a place wherever they stand ("a shooting in Texas").
SPELLED_OUT = frozenset(
    name for name in STATE_ABBREVIATIONS if name.isalpha() and not name.isupper()
)


# The District of Columbia's abbreviation is the one that stands alone in prose ("D.C. police",
# "in Southeast D.C."): it names the city of Washington, which the District is.
DISTRICT_ABBREVIATIONS = frozenset(
    name for name, code in STATE_ABBREVIATIONS.items() if code == "DC"
)


def _district_city(gazetteer: Gazetteer) -> tuple[PlaceCandidate, ...]:
    return tuple(
        c for c in gazetteer.lookup("Washington")
        if c.feature == "city" and c.country_code == "US" and c.admin1 == "District of Columbia"
    )


def _looked_up(name: str, gazetteer: Gazetteer) -> tuple[PlaceCandidate, ...]:
    """The gazetteer's candidates for a name, own names first. A direction before the name of
    a town of LARGE_CITY_POPULATION or more, the whole being no place's own name, is that town
    ("North Austin" is Austin, Texas, not the village in England GeoNames also calls so; "North
    Las Vegas" stays a city of its own; "West Ward" is no town called Ward). "D.C." alone, or
    after a direction, is Washington (DISTRICT_ABBREVIATIONS); a city's short name is that city
    ("KCK": Kansas City, Kansas; CITY_SHORT_NAMES); a US state after a direction is the state
    ("North Alabama")."""
    if name in CITY_SHORT_NAMES:
        return gazetteer.us_towns(*CITY_SHORT_NAMES[name])
    first, _, rest = name.partition(" ")
    if name in DISTRICT_ABBREVIATIONS or (
        first.lower() in COMPASS_WORDS and rest in DISTRICT_ABBREVIATIONS
    ):
        return _district_city(gazetteer)
    if rest and first.lower() in COMPASS_WORDS | REGION_WORDS and not gazetteer.is_own_name(
        normalise_place_name(name)
    ):
        whole = gazetteer.admin1("US", rest)
        if whole is not None and normalise_place_name(whole.name) == normalise_place_name(rest):
            return (whole,)  # "North Alabama", "Central Florida": a part of the state
    if rest and first.lower() in COMPASS_WORDS and not gazetteer.is_own_name(
        normalise_place_name(name)
    ):
        towns = tuple(
            c for c in own_names_first(gazetteer.lookup(rest), rest)
            if c.feature == "city" and (c.population or 0) >= LARGE_CITY_POPULATION
        )
        if towns:
            return towns
    return own_names_first(gazetteer.lookup(name), name)


# The words after a name that make it part of a street's: "Colorado Avenue", "near Thompson
# and Colorado avenues"; a street word in lower case after a town is the town's ("a Brooklyn
# street", "the Myrtle Beach hospital").
_STREET_AFTER = re.compile(
    r"[ \t]+(?P<other>and[ \t]+[A-Z][\w.'’-]*[ \t]+)?(?P<word>[A-Za-z]+)(?![\w-])"
)
_NAME_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]+$")
_NAME_AND_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]+and[ \t]+$")


def _ends_with(pattern: re.Pattern[str], text: str, start: int) -> bool:
    """Whether `pattern` (ending in "$", never matching a line break) matches text[:start] at
    its end: only its last line is searched (the one before a line break ending it, where "$"
    also matches), not the whole text before it."""
    line = text.rfind("\n", 0, max(0, start - 1)) + 1
    return pattern.search(text, line, start) is not None


_HIGHWAY_PATROL = re.compile(r"\s+(?:State\s+)?Highway\s+Patrol\b")


# A town this large whose name ends in a word of a way or a building other than a road's is
# the town ("Federal Way", "Brooklyn Center", "Temple Terrace"); a road's name is a road even
# where a quarter bears it ("Grand Boulevard" in Chicago and in Kansas City).
STREET_NAMED_TOWN_POPULATION = 15_000
ROAD_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "ln", "boulevard",
    "blvd", "highway", "hwy", "parkway", "pkwy", "freeway", "expressway", "interstate", "pike",
    "turnpike", "alley",
})


def _town_name(name: str) -> bool:
    """Whether a name is the own name of a town of STREET_NAMED_TOWN_POPULATION or more whose
    last word is no road's."""
    if name.split()[-1].lower().strip(".") in ROAD_WORDS:
        return False
    return any(
        c.feature == "city" and (c.population or 0) >= STREET_NAMED_TOWN_POPULATION
        for c in load_gazetteer().own_matches(normalise_place_name(name))
    )


def _street(text: str, start: int, end: int) -> bool:
    """Whether a name is (part of) a street's or a building's name rather than a town's: its last
    word is a street word ("Plano Rd"), a street word follows it ("Colorado Avenue"), two names
    share a plural one ("Thompson and Colorado avenues"), or it is a street word after another
    name ("South Maryland Parkway")."""
    words = text[start:end].split()
    if not words:
        return False
    if words[-1].lower().strip(".") in STREET_WORDS:
        if _town_name(text[start:end]):
            return False  # "Federal Way", "Brooklyn Center": towns, not a road or a mall
        return len(words) > 1 or _ends_with(_NAME_BEFORE, text, start)
    if _HIGHWAY_PATROL.match(text, end):
        return False  # "Ohio State Highway Patrol": a state's police, not a road
    after = _STREET_AFTER.match(text, end)
    if after is None:
        return False
    word = after["word"]
    if word[0].isupper() and word.lower() in STREET_WORDS:
        return True
    paired = after["other"] is not None or _ends_with(_NAME_AND_BEFORE, text, start)
    return paired and word.endswith("s") and word[:-1].lower() in STREET_WORDS


def _street_again(text: str, start: int, name: str) -> bool:
    """Whether a name after "on" is a street the text names in full elsewhere ("in the 5000
    block of Kensington Avenue ... victims of the shooting on Kensington")."""
    if text[max(0, start - 3) : start].lower() != "on ":
        return False
    return any(
        word[0].isupper() and word.lower() in STREET_WORDS
        for word in re.findall(r"\b" + re.escape(name) + r"[ \t]+([A-Za-z]+)", text)
    )


def _in_town(neighbourhood: PlaceMention, mentions: Sequence[PlaceMention]) -> PlaceMention:
    """A neighbourhood ("Chicago's Englewood neighborhood", "the Shawnee neighborhood") as the
    large town the segment names that holds it: the town is what a gazetteer can place. A town
    in whose county one of the name's candidates lies comes first; where none does, the name's
    candidates are namesakes elsewhere ("the Austin neighborhood ... Chicago police": not Austin,
    Texas) and the one large town the segment names holds it."""
    named = [
        m.resolved
        for m in mentions
        if m.resolved is not None
        and normalise_place_name(m.name) != normalise_place_name(neighbourhood.name)
        and m.resolved.feature == "city"
        and (m.resolved.population or 0) >= LARGE_CITY_POPULATION
    ]
    towns = [
        town
        for town in named
        if any(
            (c.country_code, c.admin1, c.admin2) == (town.country_code, town.admin1, town.admin2)
            for c in neighbourhood.candidates
        )
    ]
    if not towns and (not neighbourhood.candidates or len({t.geonameid for t in named}) == 1):
        towns = named
    if not towns:
        return neighbourhood
    town = max(towns, key=lambda c: c.population or 0)
    return msgspec.structs.replace(neighbourhood, candidates=(town,), resolved=town)


def _with_states(found: list[_Found], text: str, gazetteer: Gazetteer) -> list[_Found]:
    """Each span once (a dateline's town over the entity of the same words), in text order,
    with the state written after it ("Elgin, Ill.")."""
    kept: dict[tuple[int, int], _Found] = {}
    for item in found:
        kept.setdefault((item.start, item.end), item)
    out = []
    for item in sorted(kept.values(), key=lambda f: (f.start, f.end)):
        if item.state is None:
            state = state_after(text, item.end, gazetteer)
            if state is not None:
                item = replace(item, state=state)
        out.append(item)
    return out


def _in_state(
    candidates: tuple[PlaceCandidate, ...], state: str, name: str, gazetteer: Gazetteer
) -> tuple[PlaceCandidate, ...]:
    """The candidates in the US state written after the name: a town that bears a country's
    name counts too ("LEBANON, Tenn.": the lookup alone gives the country). Where the
    gazetteer has no place of that name there, the name is a town it lacks (a village under
    500 people: "SANBORN, N.D.", "Elmo, Missouri"), known by its name and state alone."""

    def inside(pool: Iterable[PlaceCandidate]) -> tuple[PlaceCandidate, ...]:
        return tuple(
            c for c in pool
            if c.country_code == "US" and c.admin1 == state and c.feature != "admin1"
        )

    found = inside(candidates) or inside(gazetteer.own_matches(normalise_place_name(name)))
    if found:
        return found
    home = gazetteer.admin1("US", state)
    if home is None:
        return candidates
    town = name.title() if name.isupper() else name
    return (PlaceCandidate(name=town, feature="city", country_code="US", country=home.country,
                           admin1=state),)


# Prepositions of where something happens: all but those of where it comes from or goes to.
LOCATION_PREPOSITIONS = frozenset(
    word for word, *use in lexicons.rows("place_prepositions") if use != ["direction"]
)
# Heads that make a place name where something happens: "the Deir Ezzor region".
PLACE_HEADS = frozenset(word for word, _, *head in lexicons.rows("place_kinds") if head)



def _in_site_name(doc: Doc, offset: int) -> bool:
    """Whether a title's words at `offset` stand after a separator that parts the headline from
    the site's name and market ("Suspect identified in shooting at Trigg County home - WFSB 3
    Connecticut"), where no verb follows the separator: the site's home, not the story's place."""
    if segment_context(doc).kind != "title":
        return False
    separators = [m for m in TITLE_SEPARATOR.finditer(doc_text(doc)) if m.end() <= offset]
    if not separators:
        return False
    tail = doc.char_span(separators[0].end(), len(doc_text(doc)), alignment_mode="expand")
    return tail is not None and not any(t.pos_ in ("VERB", "AUX") for t in tail)


DATELINE_KEY = "claimledger.dateline"


def _segment_dateline(doc: Doc) -> Dateline | None:
    """`find_dateline` of the segment's text, found once per Doc (each of its places is
    checked against it)."""
    if DATELINE_KEY not in doc.user_data:
        doc.user_data[DATELINE_KEY] = find_dateline(doc_text(doc), load_gazetteer())
    found: Dateline | None = doc.user_data[DATELINE_KEY]
    return found


def is_location(place: PlaceMention, doc: Doc) -> bool:
    """Whether a place is named as where something happens ("in Deir Ezzor", "the Syria
    battle", a dateline's "GOMA, March 10") rather than as a party ("U.S.-backed forces")."""
    span = doc_span(doc, place.span)
    if span is None or _in_site_name(doc, span.start_char):
        return False
    dateline = _segment_dateline(doc)
    if dateline is not None and span.start_char == dateline.start:
        return True  # "HOUSTON –"
    if span.end < len(doc) and doc[span.end].lower_ in AGENCY_WORDS:
        return True  # "Buckeye police are investigating": the town's police, the town's story
    token = span.root
    if TITLE_SEPARATOR.match(doc_text(doc), span.end_char):
        # "shot in Graves County - WPSD Local 6": the parser joined the name to the site's
        # name after the dash, which stands where the name does
        while token.head.i >= span.end and token.head.i != token.i:
            token = token.head
    if token.dep_ in ("compound", "amod", "poss", "nmod"):
        if classify_trigger(token.head) is not None:
            return True  # "the February 7 Syria battle"
        if token.head.lemma_.lower() not in PLACE_HEADS:
            return False  # "U.S. forces", "the Russian Foreign Ministry"
        token = token.head  # "the Deir Ezzor region"
    if token.dep_ == "pobj":
        return token.head.lower_ in LOCATION_PREPOSITIONS and not _hospital_town(token.head)
    return token.dep_ in ("ROOT", "appos") or token.i == span.sent.start


# "a hospital in Spartanburg", "Advocate Christ Medical Center in Oak Lawn": the town where the
# wounded were taken.
HOSPITAL_WORDS = lexicons.words("hospital_words")
# "Grant Medical Center", "Floyd Regional Medical Center", "Miami Valley Hospital": a name that a
# hospital's word follows, after at most two more capitalised words, names the hospital
_HOSPITAL_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’.-]*){0,2}[ \t]+(?:"
    + "|".join(sorted((w.capitalize() for w in HOSPITAL_WORDS), key=len, reverse=True))
    + r")\b"
)


def _hospital_town(preposition: Token) -> bool:
    """Whether a preposition before a town hangs on a hospital's name ("taken to a hospital in
    Spartanburg", "John Muir Medical Center in Walnut Creek"): the town is the hospital's."""
    head = preposition.head
    words = [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]
    return preposition.dep_ == "prep" and any(w.lower_ in HOSPITAL_WORDS for w in words)
