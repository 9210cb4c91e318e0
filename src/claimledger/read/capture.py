"""When an archived page was captured, and the publication date that bounds.

A web archive's address says when it captured the page: the Wayback Machine's and pywb's
`https://web.archive.org/web/20160531150737/http://...`. That is the page's `fetched` time where
no WARC record gave one. A page cannot have been published after it was captured, yet dumps of
archived news often carry the day the pages were collected as their date (events-gva: 28 of
2,985 archived pages dated months or years after their capture, "2017-01-28" on a page captured
on 2016-05-31 about a shooting of 2016-05-27). Every weekday the text writes is then read
against the wrong week. Where the date given is later than the capture (by more than a day: a
page dated in a time zone ahead of the archive's clock), the date the page's own dateline
states ("Created: 08/09/2014 5:14 AM") stands in if it is no later than the capture, else the
capture's day, and `published_from` says which ("page", "capture").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import msgspec

from claimledger.model import Document
from claimledger.read.text import dateline_date
from claimledger.taxonomy import parse_published

# ".../web/20160531150737/http://...", ".../web/20160531150737id_/https://..."
_ARCHIVED = re.compile(r"/(\d{14})(?:[a-z]{2}_)?/(?:https?:|www\.)", re.IGNORECASE)
# A page's date may run this far ahead of the archive's clock (time zones).
SLACK = timedelta(days=1)


def capture_time(url: str | None) -> str | None:
    """The capture time an archive's address carries, as ISO 8601 in UTC; None for any other
    address or an impossible time."""
    if not url:
        return None
    found = _ARCHIVED.search(url)
    if found is None:
        return None
    try:
        captured = datetime.strptime(found.group(1), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return captured.isoformat() + "Z"


def bounded_by_capture(document: Document) -> Document:
    """The document with its capture time (`fetched`) from its address where none was given,
    and its publication date no later than that capture (see the module notes)."""
    fetched = document.fetched or capture_time(document.url)
    if fetched is None:
        return document
    if fetched != document.fetched:
        document = msgspec.structs.replace(document, fetched=fetched)
    captured, published = parse_published(fetched), parse_published(document.published)
    if captured is None or published is None or published <= captured + SLACK:
        return document
    try:
        stamped = parse_published(dateline_date(document.text, document.segments))
    except Exception:  # a stamp the date parser cannot read is no stamp; the page is kept
        stamped = None
    if stamped is not None and stamped <= captured + SLACK:
        return msgspec.structs.replace(
            document, published=stamped.isoformat(), published_from="page")
    return msgspec.structs.replace(
        document, published=captured.isoformat(), published_from="capture")
