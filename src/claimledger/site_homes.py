"""A news site's home state learned from the corpus: where the places its pages settle lie.

A local site's pages mostly tell of its own state, but its address rarely says which
(`place_choice.home_region` reads "fox13memphis.com", not "wlwt.com"). Across a corpus, the
places its pages settle by their own words ("Cincinnati, Ohio", "Hamilton County") show it: a
site with at least MIN_PAGES pages that settle a US state, HOME_SHARE of them in one state, is at
home there. An event whose place the page leaves unsettled ("Westwood", "Columbia") is then
read in that state where exactly one of the place's candidates lies there, as
`place_choice.settle_at_home` reads a home the address names (events-gva dev, the whole folder:
state 1518 -> 1531 of 1,690 incidents, both halves gaining, none lost).

The votes are the documents' own places, which this never changes, so settling again gives
the same events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import msgspec

from claimledger.extract.place_choice import region_of, site_host
from claimledger.model import Event, PlaceMention

MIN_PAGES = 2
HOME_SHARE = 2 / 3
# Labels in front of a site's own name: "www.wlwt.com", "m.wsbtv.com" are wlwt.com, wsbtv.com.
SITE_PREFIXES = ("www.", "m.", "mobile.", "amp.")


def site_of(url: str) -> str:
    """The site a page is on: its address's host (the archived page's host for an archive's
    address), less "www." and the like."""
    host = site_host(url)
    for prefix in SITE_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def site_homes(pages: Iterable[tuple[str | None, Iterable[PlaceMention]]]) -> dict[str, str]:
    """Each site's home region ("US|Ohio") from its pages, given as (address, places): the US
    state most of its pages settle a place in, where it is clear (see the module notes)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for url, places in pages:
        if not url:
            continue
        regions = {
            region
            for place in places
            if place.resolved is not None
            and place.resolved.country_code == "US"
            and (region := region_of(place.resolved)) is not None
        }
        if regions:
            votes[site_of(url)].update(regions)
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
    """The events whose unsettled place one candidate in their site's home settles, settled
    (`url_of`: document id -> address); the others are left out."""
    settled = []
    for event in events:
        place, url = event.place, url_of.get(event.document_id)
        if place is None or place.resolved is not None or not url:
            continue
        home = homes.get(site_of(url))
        inside = [c for c in place.candidates if region_of(c) == home] if home else []
        if len(inside) == 1:
            resolved = msgspec.structs.replace(place, resolved=inside[0])
            settled.append(msgspec.structs.replace(event, place=resolved))
    return settled
