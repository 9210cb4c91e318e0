"""One polite GET: the host's robots.txt asked first, its requests spaced out, a failure that may
pass (429, 5xx, a lost connection, a timeout) tried again after a growing wait, a body held to a
byte limit, redirects followed a hop at a time under the same rules.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
import msgspec

from claimledger._version import __version__
from claimledger.fetch.archive import Exchange

USER_AGENT = f"claimledger/{__version__} (news page archiver; obeys robots.txt)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
FRACTIONAL_CRAWL_DELAY = re.compile(r"\s*crawl-delay\s*:\s*(\d*\.\d+)\s*(?:#.*)?$", re.IGNORECASE)
# Only the encodings the WARC reader undoes (no brotli, no zstd); a server that sends another
# anyway has its page refused, since it could not be read back.
ACCEPT_ENCODING = "gzip, deflate"
READABLE_ENCODINGS = frozenset({"", "identity", "gzip", "x-gzip", "deflate"})


class FetchOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How politely and how patiently `fetch` fetches."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host (more where robots.txt asks)
    retries: int = 3  # further tries after a 429, a 5xx, a lost connection or a timeout
    backoff: float = 2.0  # seconds before the first retry, doubled before each next one
    max_wait: float = 60.0  # no wait (backoff, Retry-After, Crawl-delay) longer than this
    timeout: float = 30.0  # seconds to connect, and between two pieces of a response
    max_seconds: float = 120.0  # for one whole response, however steadily it trickles in
    max_bytes: int = 64 * 1024 * 1024  # the readers' limit: a larger page is not fetched
    max_redirects: int = 5


class FetchFailed(Exception):
    """A URL that gave no page; the message says why."""


class RobotsDisallowed(Exception):
    """A URL its host's robots.txt keeps this user agent from."""


@dataclass
class Politeness:
    """Per host: when the last response ended, the robots.txt rules and the delay to keep."""

    options: FetchOptions
    sleep: Callable[[float], None] = time.sleep
    last_response: dict[str, float] = field(default_factory=dict)
    rules: dict[str, RobotFileParser | str] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)

    def wait_for(self, host: str) -> None:
        """Sleep until the host's delay has passed since its last response ended."""
        last = self.last_response.get(host)
        if last is not None:
            pause = last + self.delays.get(host, self.options.delay) - time.monotonic()
            if pause > 0:
                self.sleep(pause)

    def answered(self, host: str) -> None:
        self.last_response[host] = time.monotonic()


def fetch_chain(client: httpx.Client, url: str, politeness: Politeness) -> list[Exchange]:
    """The exchanges that lead from `url` to its page: the redirects, then the 2xx response.
    Raises RobotsDisallowed or FetchFailed."""
    chain = _follow(client, url, politeness, obey_robots=True)
    last = chain[-1]
    if not 200 <= last.status < 300:
        raise FetchFailed(f"HTTP {last.status} {last.reason}".strip())
    return chain


def _follow(
    client: httpx.Client, url: str, politeness: Politeness, *, obey_robots: bool
) -> list[Exchange]:
    """The exchanges from `url` up to the first response that is no redirect."""
    chain: list[Exchange] = []
    for _ in range(politeness.options.max_redirects + 1):
        if obey_robots:
            _check_robots(client, url, politeness)
        exchange = _get_with_retries(client, url, politeness)
        chain.append(exchange)
        location = _header(exchange, "location")
        if exchange.status not in REDIRECT_STATUSES or not location:
            return chain
        url = urljoin(url, location)
    raise FetchFailed(f"more than {politeness.options.max_redirects} redirects")


def _header(exchange: Exchange, name: str) -> str:
    return next((v for k, v in exchange.response_headers if k.lower() == name), "")


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _check_robots(client: httpx.Client, url: str, politeness: Politeness) -> None:
    host = _host(url)
    if host not in politeness.rules:
        politeness.rules[host] = _robots_rules(client, host, politeness)
    rules = politeness.rules[host]
    if isinstance(rules, str):
        raise FetchFailed(rules)
    if not rules.can_fetch(politeness.options.user_agent, url):
        raise RobotsDisallowed(url)


def _robots_rules(
    client: httpx.Client, host: str, politeness: Politeness
) -> RobotFileParser | str:
    """The host's rules (RFC 9309: none to obey where robots.txt is 4xx), or why the host is
    not fetched at all (robots.txt unreachable or 5xx: everything is taken as disallowed)."""
    rules = RobotFileParser(f"{host}/robots.txt")
    try:
        last = _follow(client, f"{host}/robots.txt", politeness, obey_robots=False)[-1]
    except FetchFailed as error:
        return f"robots.txt could not be read ({error}), so nothing on this host is fetched"
    if 400 <= last.status < 500:
        rules.parse([])
        return rules
    if not 200 <= last.status < 300:
        return f"robots.txt gave HTTP {last.status}, so nothing on this host is fetched"
    lines = last.body.decode("utf-8-sig", errors="replace").splitlines()
    rules.parse([_whole_crawl_delay(line) for line in lines])
    delay = rules.crawl_delay(politeness.options.user_agent)
    if delay is not None:
        politeness.delays[host] = min(
            max(float(delay), politeness.options.delay), politeness.options.max_wait
        )
    return rules


def _whole_crawl_delay(line: str) -> str:
    """A fractional Crawl-delay ("0.5", which urllib.robotparser ignores) rounded up to whole
    seconds; any other line as it is."""
    found = FRACTIONAL_CRAWL_DELAY.match(line)
    return f"Crawl-delay: {math.ceil(float(found[1]))}" if found else line


def _get_with_retries(client: httpx.Client, url: str, politeness: Politeness) -> Exchange:
    """One GET, tried again after a 429, a 5xx, a lost connection or a timeout; the last
    response (whatever its status) or FetchFailed."""
    options = politeness.options
    for attempt in range(options.retries + 1):
        last_try = attempt == options.retries
        host = _host(url)
        politeness.wait_for(host)
        try:
            exchange = _get(client, url, options)
        except httpx.TransportError as error:
            if last_try:
                raise FetchFailed(_transport_reason(error, attempt + 1)) from error
            politeness.sleep(min(options.backoff * 2**attempt, options.max_wait))
            continue
        finally:
            politeness.answered(host)
        if exchange.status not in RETRY_STATUSES or last_try:
            return exchange
        politeness.sleep(_retry_wait(exchange, attempt, options))
    raise AssertionError("unreachable")  # the last try always returns or raises


def _transport_reason(error: httpx.TransportError, tries: int) -> str:
    detail = str(error) or type(error).__name__
    kind = "timed out" if isinstance(error, httpx.TimeoutException) else type(error).__name__
    return f"{kind} ({detail}) after {tries} tries" if tries > 1 else f"{kind} ({detail})"


def _retry_wait(exchange: Exchange, attempt: int, options: FetchOptions) -> float:
    """The server's Retry-After in seconds where it gives one, else the backoff."""
    after = _header(exchange, "retry-after").strip()
    wait = float(after) if after.isdigit() else options.backoff * 2**attempt
    return min(wait, options.max_wait)


def _get(client: httpx.Client, url: str, options: FetchOptions) -> Exchange:
    """The response to one GET, its body as sent (content encoding kept), or FetchFailed for a
    body over the byte limit or the time limit."""
    started = time.monotonic()
    headers = {"User-Agent": options.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
    with client.stream("GET", url, headers=headers) as response:
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in READABLE_ENCODINGS:
            raise FetchFailed(f"sent in content encoding {encoding!r}, which the WARC reader "
                              "cannot undo")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchFailed(f"larger than {options.max_bytes} bytes ({declared} declared)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > options.max_bytes:
                raise FetchFailed(f"larger than {options.max_bytes} bytes")
            if time.monotonic() - started > options.max_seconds:
                raise FetchFailed(f"took longer than {options.max_seconds:g} s")
            chunks.append(chunk)
        request = response.request
        return Exchange(
            url=url,
            request_headers=tuple(
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
            ),
            http_version=response.http_version,
            status=response.status_code,
            reason=response.reason_phrase,
            response_headers=tuple(
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
            ),
            body=b"".join(chunks),
        )
