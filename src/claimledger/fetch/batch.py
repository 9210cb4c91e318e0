"""A list of URLs fetched into one WARC: URLs the archive already holds skipped, the rest fetched
one by one (politely, see polite.py) and appended as they arrive, and a summary of what became
of each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx
import msgspec

from claimledger.fetch.archive import FetchArchive, open_archive
from claimledger.fetch.polite import (
    FetchFailed,
    FetchOptions,
    Politeness,
    RobotsDisallowed,
    fetch_chain,
)

Outcome = Literal["fetched", "held", "robots", "failed"]


class FetchResult(msgspec.Struct, frozen=True):
    """What became of one URL: fetched, already held by the archive, disallowed by robots.txt,
    or failed (with the reason)."""

    url: str
    outcome: Outcome
    reason: str = ""


class FetchSummary(msgspec.Struct, frozen=True, kw_only=True):
    results: tuple[FetchResult, ...]
    dropped_bytes: int = 0  # a record cut short at the archive's end, removed before appending

    def count(self, outcome: Outcome) -> int:
        return sum(result.outcome == outcome for result in self.results)

    def of(self, outcome: Outcome) -> tuple[FetchResult, ...]:
        return tuple(result for result in self.results if result.outcome == outcome)


def read_url_list(path: Path) -> list[str]:
    """The URLs in a text file, one a line, in order and each once; blank lines and lines
    starting with '#' are skipped."""
    urls: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        url = line.strip()
        if url and not url.startswith("#"):
            urls.setdefault(url, None)
    return list(urls)


def fetch_urls(
    urls: Iterable[str],
    output: str | PathLike[str],
    *,
    options: FetchOptions | None = None,
    progress: Callable[[FetchResult], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchSummary:
    """Fetch each URL into the WARC at `output` (gzip where its name ends in `.gz`), appending
    to it where it exists; URLs it already holds are not fetched again."""
    options = options or FetchOptions()
    archive = open_archive(Path(output))
    politeness = Politeness(options)
    results: list[FetchResult] = []
    try:
        with httpx.Client(
            timeout=httpx.Timeout(options.timeout), transport=transport, trust_env=False
        ) as client:
            for url in urls:
                if url in archive.held:
                    result = FetchResult(url, "held")
                else:
                    result = _fetch_into(archive, client, url, politeness)
                results.append(result)
                if progress is not None:
                    progress(result)
    finally:
        archive.close()
    return FetchSummary(results=tuple(results), dropped_bytes=archive.dropped_bytes)


def _fetch_into(
    archive: FetchArchive, client: httpx.Client, url: str, politeness: Politeness
) -> FetchResult:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return FetchResult(url, "failed", "not an http(s) URL")
    try:
        chain = fetch_chain(client, url, politeness)
    except RobotsDisallowed:
        return FetchResult(url, "robots", "disallowed by robots.txt")
    except FetchFailed as error:
        return FetchResult(url, "failed", str(error))
    except (httpx.HTTPError, httpx.InvalidURL) as error:  # a bad port, a protocol error
        return FetchResult(url, "failed", f"{type(error).__name__}: {error}")
    archive.write(chain)
    return FetchResult(url, "fetched")
