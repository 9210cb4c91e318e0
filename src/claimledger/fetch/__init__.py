"""Fetching pages into a WARC the readers take: `claimledger fetch URLS.txt -o pages.warc.gz`.
The only part of claimledger that uses the network, and only when asked to."""

from claimledger.fetch.archive import NotAnArchive
from claimledger.fetch.batch import FetchResult, FetchSummary, fetch_urls, read_url_list
from claimledger.fetch.polite import USER_AGENT, FetchOptions

__all__ = [
    "USER_AGENT",
    "FetchOptions",
    "FetchResult",
    "FetchSummary",
    "NotAnArchive",
    "fetch_urls",
    "read_url_list",
]
