"""What the events map page costs the browser: bytes transferred for the page, its scripts and
style sheets and its base map tiles, in Debian's headless Chromium with every request to
another host than the loopback one blocked (none is made).

    python benchmarks/viewer_map_weight.py [--documents 200] [--how serve|datasette]

The store holds synthetic pages (viewer_pages.py's), their events spread over eastern Congo.
Bytes are the Resource Timing API's transferSize (headers and body, no compression: Datasette
sends none), on first load with an empty cache, then for one zoom step out.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from viewer_pages import build_store

BIN = Path(sys.executable).parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
RESOURCES = """() => [performance.getEntriesByType('navigation')[0],
    ...performance.getEntriesByType('resource')].map(e => [e.name, e.transferSize])"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def viewer(db: Path, how: str) -> Iterator[str]:
    port = free_port()
    command = ([str(BIN / "claimledger"), "serve", "--db", str(db), "--port", str(port)]
               if how == "serve" else [str(BIN / "datasette"), str(db), "--port", str(port)])
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/claimledger/static/claimledger.css"):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def kind(url: str) -> str:
    path = urlsplit(url).path
    if "/tiles/" in path:
        return "tiles"
    if path.endswith(".js"):
        return "scripts"
    if path.endswith(".css"):
        return "style sheets"
    if path.endswith(".ico"):
        return "icon"
    return "page"


def weigh(entries: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Kind -> (requests, bytes)."""
    totals: dict[str, tuple[int, int]] = {}
    for url, size in entries:
        count, total = totals.get(kind(url), (0, 0))
        totals[kind(url)] = (count + 1, total + size)
    return totals


def measure(base: str) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]], list[str]]:
    blocked: list[str] = []

    def route(request: Any) -> None:
        if urlsplit(request.request.url).hostname in ("127.0.0.1", "localhost"):
            request.continue_()
        else:
            blocked.append(request.request.url)
            request.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", route)
        page = context.new_page()
        page.goto(f"{base}/-/claimledger/map")
        page.wait_for_selector("#events-map[data-map-ready='1']")
        page.wait_for_load_state("networkidle")
        first: list[tuple[str, int]] = page.evaluate(RESOURCES)
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        after: list[tuple[str, int]] = page.evaluate(RESOURCES)
        browser.close()
    return weigh(first), weigh(after[len(first):]), blocked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--how", choices=["serve", "datasette"], default="serve")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "viewer.db"
        build_store(db, args.documents)
        with viewer(db, args.how) as base:
            first, zoomed, blocked = measure(base)
    print("| load | resources | requests | bytes |")
    print("| --- | --- | ---: | ---: |")
    for name, totals in (("first", first), ("one zoom out", zoomed)):
        for resource, (count, size) in sorted(totals.items()):
            print(f"| {name} | {resource} | {count} | {size:,} |")
        print(f"| {name} | all | {sum(c for c, _ in totals.values())} | "
              f"{sum(s for _, s in totals.values()):,} |")
    print(f"requests to other hosts: {len(blocked)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
