"""A news site's home state learned from the corpus: where the places its pages settle lie.

A local site's pages mostly tell of its own state, but its address rarely says which
(`place_choice.home_region` reads "fox13memphis.com", not "wlwt.com"). Across a corpus, the
places its pages settle by their own words ("Cincinnati, Ohio", "Hamilton County") show it: a
site with at least MIN_PAGES pages that settle a US state, HOME_SHARE of them in one state, is
at home there (the share is of pages: one that tells of Ohio and of Kentucky besides counts for
each, and a state as many pages tell of as the first leaves no home; counted before over the
states the pages name, which a station's pages about a neighbouring state's incidents split:
state 1600 -> 1601 on events-gva, none lost). An event whose place the page leaves unsettled
("Westwood", "Columbia") is then read in that state where exactly one of the place's candidates
lies there, as `place_choice.settle_at_home` reads a home the address names (events-gva dev, the
whole folder: state 1518 -> 1531 of 1,690 incidents, both halves gaining, none lost). An event
its page places nowhere is placed in the home state itself, a hint with an empty span (rule
"site-home") that linking weighs as no place (1532 -> 1556, both halves gaining, none lost; 63
of the 64 events so placed in the store lie in their incident's state); so does a name the home
state holds several of or the US none of (3 events, all right: state +2). A single page that
settles a state is enough (MIN_PAGES): against two, 25 more events settled, 22 of them in their
incident's state (state 1556 -> 1564, +3 / +5 on the halves, linking unchanged).

An event's place that only its own reading settled (the largest namesake: "Meridian",
Idaho) gives way to the one candidate at the site's home (10 events, all in their incident's
state: +3).

A page that settles a place outside the US (a local site's world news) has nothing settled
(state 1568 -> 1567: a local page whose stray "As" reads as a town abroad). Such pages do not
vote against a home: local sites' stray namesakes abroad ("Algiers" on a New Orleans site)
cost 3 incidents when they did.

Where the pages of a site mostly tell of one town (at least MIN_TOWN_PAGES of them, HOME_SHARE
of those that settle a town), that town in the home state stands in instead of the state: for
a page that names no place for its event, and for a quarter the gazetteer lacks ("Mount
Auburn" on wlwt.com: Cincinnati). On the events-gva folder, 35 events were so placed, 23 in
their incident's city (a metro paper's suburbs are the rest: ajc.com's Lithonia and Winder
read as Atlanta); city 1406 -> 1419 of 1,690 incidents (+6 / +7 on the halves, none lost).

A site none of whose pages settles a US state is at home in the one state the names its pages
leave open share, as `place_choice.shared_state` reads them on one page: "Beaufort" on one
islandpacket.com page and "Bluffton" on another lie together only in South Carolina (events-gva:
7 sites so placed, each in its incidents' state; state 1603 -> 1605, none lost).

A site with no home whose address is a station's call sign ("wtok.com") settles a namesake on
the station's side of the Mississippi (extract/call_signs.py): state 1577 -> 1579 (0 / +2,
none lost).

The votes are the documents' own places, which this never changes, so settling again gives
the same events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import msgspec

from claimledger.extract.call_signs import station_states
from claimledger.extract.gazetteer import load_gazetteer, normalise_place_name
from claimledger.extract.place_choice import (
    home_region,
    region_of,
    shared_state,
    told_abroad,
)
from claimledger.model import Event, PlaceCandidate, PlaceMention, Span
from claimledger.read.text import host_name

MIN_PAGES = 1
HOME_SHARE = 2 / 3
MIN_TOWN_PAGES = 2
NOT_TOWNS = frozenset({"country", "admin1", "admin2"})
SITE_HOME = "site-home"  # the rule of a place that is a site's home, not words of the page


def settles_abroad(places: Iterable[PlaceMention]) -> bool:
    """Whether a page tells of a place outside the US (`place_choice.told_abroad`)."""
    return bool(told_abroad(places))


@dataclass
class SiteHomes:
    """What the corpus shows of each site (by host): its home region ("US|Ohio") and, where
    its pages mostly tell of one town, that town."""

    regions: dict[str, str]
    towns: dict[str, PlaceCandidate]


def site_homes(pages: Iterable[tuple[str | None, Iterable[PlaceMention]]]) -> SiteHomes:
    """Each site's home from its pages, given as (address, places): the US state most of its
    pages settle a place in, where it is clear, else the one state the names its pages leave
    open share; and the US town most of them settle, where at least MIN_TOWN_PAGES do (see the
    module notes)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    state_pages: Counter[str] = Counter()
    town_votes: dict[str, Counter[PlaceCandidate]] = defaultdict(Counter)
    town_pages: Counter[str] = Counter()
    open_names: dict[str, dict[str, PlaceMention]] = defaultdict(dict)
    for url, page_places in pages:
        site = host_name(url)
        if site is None:
            continue
        places = list(page_places)
        if not told_abroad(places):
            for place in places:
                if place.resolved is None and len(place.candidates) > 1:
                    open_names[site].setdefault(normalise_place_name(place.name), place)
        settled = [p.resolved for p in places
                   if p.resolved is not None and p.resolved.country_code == "US"]
        regions = {region for place in settled if (region := region_of(place)) is not None}
        if regions:
            votes[site].update(regions)
            state_pages[site] += 1
        named = {place for place in settled if place.feature not in NOT_TOWNS}
        if named:
            town_votes[site].update(named)
            town_pages[site] += 1
    homes = {}
    for host, counted in votes.items():
        pages_with_state = state_pages[host]
        ranked = counted.most_common(2)
        region, pages_there = ranked[0]
        if len(ranked) > 1 and ranked[1][1] == pages_there:
            continue  # as many pages tell of another state
        if pages_with_state >= MIN_PAGES and pages_there >= HOME_SHARE * pages_with_state:
            homes[host] = region
    for host, names in open_names.items():
        if host not in votes and (shared := shared_state(list(names.values()))) is not None:
            homes[host] = shared  # its pages' open names ("Beaufort", "Bluffton") share it
    towns: dict[str, PlaceCandidate] = {}
    for host, counted_towns in town_votes.items():
        town, pages_there = counted_towns.most_common(1)[0]
        if pages_there >= MIN_TOWN_PAGES and pages_there >= HOME_SHARE * town_pages[host]:
            towns[host] = town
    return SiteHomes(regions=homes, towns=towns)


def settled_at_homes(
    events: Iterable[Event],
    url_of: Mapping[str, str | None],
    homes: Mapping[str, str],
    abroad: Collection[str] = (),
    guessed: Collection[tuple[str, int]] = (),
    towns: Mapping[str, PlaceCandidate] | None = None,
) -> list[Event]:
    """The events whose place their site's home settles, settled (`url_of`: document id ->
    address); the others are left out. The home is the corpus' (`homes`, from `site_homes`),
    else the state the address names (`place_choice.home_region`). An unsettled place is
    settled where exactly one of its candidates lies at home; where several do, or the name has
    no namesake in the US (a quarter the gazetteer lacks), its name stays as written and the
    home state stands in as its resolution; an event whose page names no place for it is placed
    in the home state itself. Both are hints (rule "site-home"). A name whose US namesakes all
    lie in other states stays unsettled: on a Memphis site, "Southaven" is in Mississippi.
    Nothing is settled on a page that settles a place abroad (`abroad`, their document ids):
    a local site's world news. A name the page's words leave open but its event took as the
    largest namesake (`guessed`: (document id, offset) of the names the page leaves unsettled)
    is settled at home too, where exactly one candidate lies there ("Meridian" on a Meridian,
    Mississippi site, not Idaho's larger one). Where the site has a town in its home state
    (`towns`, from `site_homes`), that town stands in for the state for a placeless event and
    for a quarter the gazetteer lacks. A site with no home whose address is a station's call
    sign settles an open name on the station's side of the Mississippi (`_on_station_side`)."""
    settled = []
    for event in events:
        place = event.place
        if event.document_id in abroad or (place is not None and place.rule is not None):
            continue  # world news; a hint settled before
        guess = (
            place is not None
            and place.resolved is not None
            and (event.document_id, place.span.start) in guessed
        )
        if place is not None and place.resolved is not None and not guess:
            continue  # settled by the page's words
        url = url_of.get(event.document_id)
        host = host_name(url) or ""
        home = homes.get(host) or home_region(url)
        state = home_state(home) if home is not None else None
        if home is None or state is None:
            sided = _on_station_side(place, station_states(url), guess) if place else None
            if sided is not None:
                settled.append(msgspec.structs.replace(event, place=sided))
            continue
        town = (towns or {}).get(host)
        if town is not None and region_of(town) != home:
            town = None
        if place is None:
            where = town or state
            hint = PlaceMention(span=Span(0, 0, ""), name=where.name, candidates=(where,),
                                resolved=where, rule=SITE_HOME)
            settled.append(msgspec.structs.replace(event, place=hint))
            continue
        inside = [c for c in place.candidates if region_of(c) == home]
        if len(inside) == 1:
            if place.resolved == inside[0]:
                continue
            place = msgspec.structs.replace(place, resolved=inside[0])
        elif guess:
            continue
        elif inside or not any(c.country_code == "US" for c in place.candidates):
            # a quarter the gazetteer lacks is taken to lie in the site's town
            here = town if town is not None and (town in inside or not inside) else state
            place = msgspec.structs.replace(place, resolved=here, rule=SITE_HOME)
        else:
            continue  # namesakes in other states only: "Southaven" on a Memphis site
        settled.append(msgspec.structs.replace(event, place=place))
    return settled


def _on_station_side(
    place: PlaceMention, side: frozenset[str] | None, guess: bool
) -> PlaceMention | None:
    """A place its page leaves open, settled on the side of the Mississippi the site's station
    broadcasts from (extract/call_signs.py): where exactly one US candidate lies there, or,
    for the largest namesake its event took that lies on the other side, the largest one there
    ("Meridian" on wtok.com: Mississippi, not Idaho). None: nothing to change."""
    if side is None:
        return None
    inside = [c for c in place.candidates if c.country_code == "US" and c.admin1 in side]
    if not inside or (place.resolved is not None and place.resolved in inside):
        return None
    if guess:
        largest = max(inside, key=lambda c: c.population or 0)
        return msgspec.structs.replace(place, resolved=largest)
    if len(inside) == 1:
        return msgspec.structs.replace(place, resolved=inside[0])
    return None


def home_state(home: str) -> PlaceCandidate | None:
    """A home region ("US|Ohio") as the gazetteer's state."""
    country, _, name = home.partition("|")
    return load_gazetteer().admin1(country, name)
