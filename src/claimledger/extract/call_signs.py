"""A broadcast station's side of the Mississippi, from the call sign its site's address carries.

US stations get call signs beginning with K west of the Mississippi and with W east of it
("wral.com": WRAL, Raleigh; "kmbc.com": KMBC, Kansas City), so a station's site names the half
of the country its market lies in. Stations licensed before the line was drawn keep the other
letter (WFAA in Dallas, KDKA in Pittsburgh: OTHER_SIDE); the river runs through Minnesota and
Louisiana, which have stations of both letters. A weak hint, for a namesake the page leaves
open ("Meridian" on wtok.com is in Mississippi, not Idaho's larger one).
"""

from __future__ import annotations

import re

from claimledger.read.text import host_name

EAST = frozenset({
    "Alabama", "Connecticut", "Delaware", "District of Columbia", "Florida", "Georgia",
    "Illinois", "Indiana", "Kentucky", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Mississippi", "New Hampshire", "New Jersey", "New York", "North Carolina", "Ohio",
    "Pennsylvania", "Rhode Island", "South Carolina", "Tennessee", "Vermont", "Virginia",
    "West Virginia", "Wisconsin",
})
WEST = frozenset({
    "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Hawaii", "Idaho", "Iowa",
    "Kansas", "Missouri", "Montana", "Nebraska", "Nevada", "New Mexico", "North Dakota",
    "Oklahoma", "Oregon", "South Dakota", "Texas", "Utah", "Washington", "Wyoming",
})
ON_THE_RIVER = frozenset({"Minnesota", "Louisiana"})
# Stations on the other side from their first letter, licensed before the line was drawn.
OTHER_SIDE = frozenset({
    "kdka", "kqv", "kyw",  # Pittsburgh, Philadelphia
    "waco", "wbap", "wday", "wdaf", "wfaa", "who", "wibw", "wjag", "wky", "wnax", "woai", "woi",
    "wow", "wowt", "wrr", "wtaw",  # Texas, the Dakotas, Missouri, Kansas, Oklahoma, Iowa, Nebraska
})
# Sites whose address reads as a call sign but that are no local station.
NOT_STATIONS = frozenset({"wsj"})
# The first label of a station's site: the letters, then "tv", "fm", "am" and a channel number
# in any of the ways sites write them ("whotv", "kctv5", "wyff4", "wsoctv").
SITE_LABEL = re.compile(r"([kw][a-z]{2,3})(?:tv|fm|am)?\d*(?:tv)?")
TOP_LEVELS = frozenset({"com", "net", "org", "tv", "us"})


def call_sign(url: str | None) -> str | None:
    """The call sign a station's address carries ("wral" for www.wral.com/news/...), else
    None."""
    host = host_name(url)
    if host is None:
        return None
    labels = host.split(".")
    if len(labels) != 2 or labels[1] not in TOP_LEVELS:
        return None
    match = SITE_LABEL.fullmatch(labels[0])
    if match is None or match.group(1) in NOT_STATIONS:
        return None
    return match.group(1)


def station_states(url: str | None) -> frozenset[str] | None:
    """The US states on the station's side of the Mississippi (both river states on either
    side), or None where the address carries no call sign."""
    sign = call_sign(url)
    if sign is None:
        return None
    east = (sign[0] == "w") != (sign in OTHER_SIDE)
    return (EAST if east else WEST) | ON_THE_RIVER

