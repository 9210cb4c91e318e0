"""A news site's home state learned from the corpus: where the places its pages settle lie.

A local site's pages mostly tell of its own state, but its address rarely says which
(`place_choice.home_region` reads "fox13memphis.com", not "wlwt.com"). Across a corpus, the
places its pages settle by their own words ("Cincinnati, Ohio", "Hamilton County") show it: a
site with at least MIN_PAGES pages that settle a US state, HOME_SHARE of them in one state, is at
home there. An event whose place the page leaves unsettled ("Westwood", "Columbia") is then
read in that state where exactly one of the place's candidates lies there, as
`place_choice.settle_at_home` reads a home the address names (events-gva dev, the whole folder:
state 1518 -> 1531 of 1,690 incidents, both halves gaining, none lost). An event its page places
nowhere is placed in the home state itself, a hint with an empty span (rule "site-home") that
linking weighs as no place (1532 -> 1556, both halves gaining, none lost; 63 of the 64 events
so placed in the store lie in their incident's state). A single page that settles a state is
enough (MIN_PAGES): against two, 25 more events settled, 22 of them in their incident's state
(state 1556 -> 1564, +3 / +5 on the halves, linking unchanged).

The votes are the documents' own places, which this never changes, so settling again gives
the same events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import msgspec

from claimledger.extract.gazetteer import load_gazetteer
from claimledger.extract.place_choice import home_region, region_of
from claimledger.model import Event, PlaceMention, Span
from claimledger.read.text import host_name

MIN_PAGES = 1
HOME_SHARE = 2 / 3
SITE_HOME = "site-home"  # the rule of a place that is a site's home, not words of the page


def site_homes(pages: Iterable[tuple[str | None, Iterable[PlaceMention]]]) -> dict[str, str]:
    """Each site's home region ("US|Ohio") from its pages, given as (address, places): the US
    state most of its pages settle a place in, where it is clear (see the module notes)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for url, places in pages:
        site = host_name(url)
        if site is None:
            continue
        regions = {
            region
            for place in places
            if place.resolved is not None
            and place.resolved.country_code == "US"
            and (region := region_of(place.resolved)) is not None
        }
        if regions:
            votes[site].update(regions)
    homes = {}
    for host, counted in votes.items():
        pages_with_state = sum(counted.values())
        region, pages_there = counted.most_common(1)[0]
        if pages_with_state >= MIN_PAGES and pages_there >= HOME_SHARE * pages_with_state:
            homes[host] = region
    return homes


def settled_at_homes(
    events: Iterable[Event], url_of: Mapping[str, str | None], homes: Mapping[str, str]
) -> list[Event]:
    """The events whose place their site's home settles, settled (`url_of`: document id ->
    address); the others are left out. The home is the corpus' (`homes`, from `site_homes`),
    else the state the address names (`place_choice.home_region`). An unsettled place is
    settled where exactly one of its candidates lies at home; an event whose page names no
    place for it is placed in the home state itself, as a hint (rule "site-home")."""
    settled = []
    for event in events:
        place = event.place
        if place is not None and place.resolved is not None:
            continue
        url = url_of.get(event.document_id)
        home = homes.get(host_name(url) or "") or home_region(url)
        if home is None:
            continue
        if place is None:
            hint = home_state(home)
            if hint is not None:
                settled.append(msgspec.structs.replace(event, place=hint))
            continue
        inside = [c for c in place.candidates if region_of(c) == home]
        if len(inside) == 1:
            resolved = msgspec.structs.replace(place, resolved=inside[0])
            settled.append(msgspec.structs.replace(event, place=resolved))
    return settled


def home_state(home: str) -> PlaceMention | None:
    """A home region ("US|Ohio") as the place of an event its page leaves without one: the
    state, found by no words of the text (an empty span, rule "site-home")."""
    country, _, name = home.partition("|")
    state = load_gazetteer().admin1(country, name)
    if state is None:
        return None
    return PlaceMention(span=Span(0, 0, ""), name=state.name, candidates=(state,),
                        resolved=state, rule=SITE_HOME)
