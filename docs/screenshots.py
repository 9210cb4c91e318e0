"""Screenshots of the viewer for the README, from the ledger `make run` builds.

    make run && .venv/bin/python docs/screenshots.py [--db examples-ledger.db]

Starts `claimledger serve` on a free port, opens the article page of the text-scrape example,
the event page of the Goma attack and the events map in Debian's headless Chromium, and writes
docs/article.png, docs/event.png and docs/map.png.
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url):
                return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("examples-ledger.db"))
    args = parser.parse_args()
    with sqlite3.connect(args.db) as conn:
        (document_id,) = conn.execute(
            "SELECT id FROM documents WHERE input LIKE '%great-lakes-daily%'"
        ).fetchone()
        (event_id,) = conn.execute(
            "SELECT id FROM events WHERE document_id = ? ORDER BY id LIMIT 1", (document_id,)
        ).fetchone()
    port = free_port()
    server = subprocess.Popen(
        [Path(sys.executable).parent / "claimledger", "serve", "--db", str(args.db), "--port",
         str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/claimledger/static/claimledger.css")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/-/claimledger/article/{document_id}")
            page.screenshot(path=str(HERE / "article.png"), full_page=True)
            page.goto(f"{base}/-/claimledger/event/{event_id}")
            page.screenshot(path=str(HERE / "event.png"), full_page=True)
            page.goto(f"{base}/-/claimledger/map")
            page.wait_for_selector("#events-map[data-map-ready='1']")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(HERE / "map.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"wrote {HERE / 'article.png'}, {HERE / 'event.png'} and {HERE / 'map.png'}")


if __name__ == "__main__":
    main()
