"""The viewer in a real headless Chromium: highlights, folded comments, the click through to an
event's ledger and charts, the events map drawn offline, and an injection corpus under which
nothing may execute. The viewer runs both ways a user starts it, `claimledger serve` and plain
`datasette`; every request the browser makes to a host other than the loopback one is blocked
and recorded.

Screenshots go to test-artifacts/. Chromium is Debian's (/usr/bin/chromium); the tests skip
where it is absent.
"""

from __future__ import annotations

import socket
import sqlite3
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

import pytest

from battle_records import battle_link, first_analysis, second_analysis
from claimledger.ledger import ledger_from_analyses
from claimledger.model import Analysis
from test_store import downgrade
from viewer_stores import SCRIPT, battle_store, hostile_store, write_injection_corpus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "pages"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags an offline Chromium keeps dialling out.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BIN = Path(sys.executable).parent
LOOPBACK = ("127.0.0.1", "localhost")
NO_HANDLER_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(
    e => [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
         .map(a => e.tagName + ' ' + a.name))"""
JAVASCRIPT_LINKS = """() => [...document.querySelectorAll('[href], [src], [action]')].map(
    e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
    .filter(v => /^\\s*javascript:/i.test(v))"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def viewer_command(how: str, db: Path, port: int) -> list[str]:
    """The command line that starts the viewer: `claimledger serve` or plain `datasette`."""
    if how == "serve":
        return [str(BIN / "claimledger"), "serve", "--db", str(db), "--port", str(port)]
    return [str(BIN / "datasette"), str(db), "--port", str(port)]


@contextmanager
def running_viewer(db: Path, how: str = "serve") -> Iterator[str]:
    """The viewer in its own process, as the command line starts it; its base URL once it
    answers. Its log goes to a file (Datasette logs every request)."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(viewer_command(how, db, port), stdout=log,
                                   stderr=subprocess.STDOUT)
        yield from _answering(process, f"http://127.0.0.1:{port}", log)


def _answering(process: subprocess.Popen[bytes], base: str, log: Any) -> Iterator[str]:
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"the viewer exited: {log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{base}/-/claimledger/static/claimledger.css"):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail("the viewer did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (.ci/run does) to run "
                    "the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page that records every dialog (and dismisses it), every script error and policy
    violation, and every request for another host than the loopback one, which it blocks."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module", params=["serve", "datasette"])
def battle_viewer(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    db = battle_store(tmp_path_factory.mktemp("battle") / "ledger.db")
    with running_viewer(db, request.param) as base:
        yield base


@pytest.fixture(scope="module", params=["serve", "datasette"])
def hostile_viewer(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[tuple[str, list[Analysis]]]:
    path, analyses = hostile_store(tmp_path_factory.mktemp("hostile"))
    with running_viewer(path, request.param) as base:
        yield base, analyses


def check_article_then_event(watched: Watched, base: str, document_id: str, name: str) -> None:
    """Open an article: highlights present, comments folded, a highlight's record shown on
    click; then click through to its event and check the ledger and its charts render."""
    page = watched.page
    page.goto(f"{base}/-/claimledger/article/{document_id}")
    page.wait_for_selector("body[data-claimledger-ready='1']")
    for kind in ("source", "cue", "content", "figure"):
        assert page.locator(f"#document-text mark.hl-{kind}").count() > 0, kind
    comments = page.locator("details.segment-comments")
    assert comments.count() == 1
    assert comments.evaluate("node => node.open") is False
    assert not page.locator("details.segment-comments .segment-text").is_visible()
    assert page.locator("details.segment-comments summary").is_visible()

    source = page.locator("#document-text mark.hl-source").first
    source.click()
    card = page.locator("#record-card")
    assert card.is_visible()
    assert page.locator("#record-card .record-card-title").text_content() == "claim"
    assert page.locator("#document-text mark.hl.active").count() > 0
    watched.screenshot(f"{name}-article")

    page.locator("ul.events a.event-link").first.click()
    page.wait_for_url("**/-/claimledger/event/**")
    entries = page.locator("section.ledger-entry")
    assert entries.count() > 0
    first = entries.first
    rows = first.locator("tr.ledger-row").count()
    assert rows > 0
    chart = first.locator("svg.interval-chart")
    assert chart.is_visible()
    assert chart.locator("g.chart-row").count() == rows
    box = chart.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 40
    assert first.locator("svg.timeline-chart").is_visible()
    watched.screenshot(f"{name}-event")
    assert watched.errors == []


def test_battle_article_highlights_folds_comments_and_leads_to_the_ledger(
    watched: Watched, battle_viewer: str
) -> None:
    check_article_then_event(watched, battle_viewer, first_analysis().document.id, "battle")
    page = watched.page
    killed = page.locator("section.ledger-entry[data-measure='killed']")
    entries = ledger_from_analyses([first_analysis(), second_analysis()], [battle_link()])
    expected = next(e for e in entries if e.measure == "killed")
    assert killed.locator("tr.ledger-row").count() == len(expected.rows)
    assert killed.locator(".badge-disputed").is_visible() == expected.disputed
    assert killed.locator("dd.estimate-best").inner_text() == f"{expected.best:g}"

    # Back from a ledger row to its page: the figure is lit up in the text.
    figure = expected.rows[0].figure_id
    killed.locator(f"tr[data-figure='{figure}'] a.page-link").click()
    page.wait_for_selector("body[data-claimledger-ready='1']")
    lit = page.locator("#document-text mark.hl.active")
    assert lit.count() > 0
    assert all(figure in (m.get_attribute("data-records") or "").split() for m in lit.all())
    assert page.locator("#record-card .record-card-title").text_content() == "figure"

    page.locator("header a", has_text="events map").click()
    page.wait_for_url("**/-/claimledger/map")
    page.wait_for_selector("#events-map[data-map-ready='1']")
    assert page.locator("#events-map path.map-point").count() == 1
    assert watched.blocked == []


TILES_OF_ZOOM = """zoom => [...document.querySelectorAll('#events-map img.leaflet-tile-loaded')]
    .filter(img => img.src.includes(`/tiles/${zoom}/`) && img.naturalWidth === 256).length"""


def loaded_tiles(page: Any, zoom: int) -> int:
    """How many base map tiles of zoom level `zoom` the page shows, loaded as 256 px images."""
    count: int = page.evaluate(TILES_OF_ZOOM, zoom)
    return count


def test_events_map_draws_tiles_and_markers_and_zooms_offline(
    watched: Watched, battle_viewer: str
) -> None:
    page = watched.page
    page.goto(f"{battle_viewer}/-/claimledger/map")
    element = page.locator("#events-map")
    page.wait_for_selector("#events-map[data-map-ready='1']")
    zoom = int(element.get_attribute("data-zoom") or "-1")
    assert 1 <= zoom <= 6
    page.wait_for_function("() => document.querySelectorAll("
                           "'#events-map img.leaflet-tile-loaded').length >= 4")
    assert loaded_tiles(page, zoom) >= 4
    marker = page.locator("#events-map path.map-point")
    assert marker.count() == 1 and marker.is_visible()
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    watched.screenshot("battle-map")

    page.locator(".leaflet-control-zoom-out").click()
    page.wait_for_function(f"() => document.getElementById('events-map').dataset.zoom "
                           f"=== '{zoom - 1}'")
    page.wait_for_function(TILES_OF_ZOOM, arg=zoom - 1)
    assert loaded_tiles(page, zoom - 1) >= 1
    for _ in range(3):  # past the bundled zooms: the deepest tiles drawn larger
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
    page.wait_for_function(f"() => document.getElementById('events-map').dataset.zoom "
                           f"=== '{zoom + 2}'")
    assert marker.is_visible()
    assert page.locator("#events-map img.leaflet-tile-loaded").count() > 0

    marker.click()
    link = page.locator(".leaflet-popup a.map-popup-link")
    link.click()
    page.wait_for_url("**/-/claimledger/event/**")
    assert page.locator("section.ledger-entry").count() > 0
    assert watched.blocked == [] and watched.errors == [] and watched.dialogs == []


def test_serving_a_store_from_before_clusters_were_stored_brings_it_up_to_date(
    tmp_path: Path,
) -> None:
    db = battle_store(tmp_path / "v4.db")
    downgrade(db, 4, [])
    cluster = min(first_analysis().events[0].id, second_analysis().events[0].id)
    with running_viewer(db) as base, \
            urllib.request.urlopen(f"{base}/-/claimledger/event/{cluster}") as response:
        html = response.read().decode("utf-8")
    for analysis in (first_analysis(), second_analysis()):
        assert f"/-/claimledger/article/{analysis.document.id}" in html
    assert "acled.v1" in html


def test_side_panel_claim_highlights_its_spans(watched: Watched, battle_viewer: str) -> None:
    analysis = first_analysis()
    page = watched.page
    page.goto(f"{battle_viewer}/-/claimledger/article/{analysis.document.id}")
    page.wait_for_selector("body[data-claimledger-ready='1']")
    official = analysis.attributions[1]
    page.locator(f"li.claim[data-record='{official.id}'] .claim-source").click()
    active = page.locator("#document-text mark.hl.active")
    spans = page.locator(f"#document-text mark.hl[data-records~='{official.id}']")
    assert active.count() == spans.count() > 0
    assert active.all_inner_texts() == spans.all_inner_texts()
    assert official.source is not None and official.source.text in active.all_inner_texts()
    assert "a U.S. official" in page.locator("#record-card").inner_text()


@pytest.fixture(scope="module")
def pipeline_viewer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The bundled examples and the injection corpus through the real pipeline, served."""
    from claimledger.runner import run

    directory = tmp_path_factory.mktemp("pipeline")
    corpus = write_injection_corpus(directory / "corpus")
    db = directory / "pipeline.db"
    run([EXAMPLES, *corpus], db)
    with running_viewer(db) as base:
        yield base, db


def stored_ids(db: Path, sql: str, *params: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(sql, params)]


@pytest.mark.model
@pytest.mark.slow
def test_bundled_example_through_the_pipeline(
    watched: Watched, pipeline_viewer: tuple[str, Path]
) -> None:
    base, db = pipeline_viewer
    found = stored_ids(db, "SELECT id FROM documents WHERE input LIKE ?",
                       "%great-lakes-daily-goma.txt")
    assert found, "the bundled text scrape is stored"
    check_article_then_event(watched, base, found[0], "example")


@pytest.mark.model
@pytest.mark.slow
def test_injection_corpus_through_the_pipeline_executes_nothing(
    watched: Watched, pipeline_viewer: tuple[str, Path]
) -> None:
    base, db = pipeline_viewer
    hostile = stored_ids(db, "SELECT id FROM documents WHERE input LIKE ?", "%hostile-%")
    assert len(hostile) == 3
    clusters = stored_ids(db, "SELECT DISTINCT cluster_id FROM ledger")
    page = watched.page
    for document_id in hostile:
        page.goto(f"{base}/-/claimledger/article/{document_id}")
        page.wait_for_selector("body[data-claimledger-ready='1']")
        for mark in page.locator("#document-text mark.hl").all()[:40]:
            mark.click()
        assert_nothing_ran(watched)
    for path in [*(f"/-/claimledger/event/{c}" for c in clusters), "/-/claimledger/map",
                 "/pipeline/documents", "/pipeline/attributions", "/pipeline/figures"]:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        assert_nothing_ran(watched)


def assert_nothing_ran(watched: Watched) -> None:
    page = watched.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watched.dialogs == []
    assert page.evaluate(NO_HANDLER_ATTRIBUTES) == []
    assert page.evaluate(JAVASCRIPT_LINKS) == []


def test_injection_corpus_executes_nothing(
    watched: Watched, hostile_viewer: tuple[str, list[Analysis]]
) -> None:
    base, analyses = hostile_viewer
    page = watched.page
    for number, analysis in enumerate(analyses):
        page.goto(f"{base}/-/claimledger/article/{analysis.document.id}")
        page.wait_for_selector("body[data-claimledger-ready='1']")
        # Open the folded parts and touch every highlight and claim: record cards are drawn
        # from the hostile records.
        for summary in page.locator("details summary").all():
            summary.click()
        for mark in page.locator("#document-text mark.hl").all()[:40]:
            mark.hover()
            mark.click()
        for claim in page.locator("#side-panel li.claim, #side-panel .claim-figure").all():
            claim.click(position={"x": 2, "y": 2})
        assert_nothing_ran(watched)
        assert page.locator("#document-text img, #document-text script").count() == 0
        watched.screenshot(f"injection-article-{number}")
    text = page.locator("#document-text").inner_text()
    assert SCRIPT in text or "window.__pwned" in text

    first_text = analyses[0]
    page.goto(f"{base}/-/claimledger/article/{first_text.document.id}")
    assert SCRIPT in page.locator("#document-text").inner_text()

    cluster = min(a.events[0].id for a in analyses)
    for path in (f"/-/claimledger/event/{cluster}", "/-/claimledger/map",
                 "/hostile/documents", "/hostile/attributions", "/hostile/ledger_rows",
                 f"/hostile/documents/{analyses[0].document.id}"):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        assert_nothing_ran(watched)
    page.goto(f"{base}/-/claimledger/event/{cluster}")
    for label in page.locator("svg.interval-chart g.chart-row text").all():
        label.hover()
    assert_nothing_ran(watched)
    watched.screenshot("injection-event")

    # The map's tooltips and popups are drawn from the same hostile place names.
    page.goto(f"{base}/-/claimledger/map")
    page.wait_for_selector("#events-map[data-map-ready='1']")
    markers = page.locator("#events-map path.map-point")
    assert markers.count() > 0
    for marker in markers.all():
        marker.hover()
        assert SCRIPT in page.locator(".leaflet-tooltip").inner_text()
        marker.click()
        assert SCRIPT in page.locator(".leaflet-popup-content").inner_text()
    assert page.locator("#events-map script").count() == 0
    assert_nothing_ran(watched)
    assert watched.blocked == []


def test_the_network_guard_blocks_and_records_other_hosts(
    watched: Watched, battle_viewer: str
) -> None:
    """The check the map test relies on: a page that asks another host for a tile gets nothing,
    and the request is recorded."""
    page = watched.page
    page.goto(f"{battle_viewer}/-/claimledger/static/claimledger.css")
    outside = "http://tile.openstreetmap.org/0/0/0.png"
    loaded = page.evaluate("""url => new Promise(done => { const img = new Image();
        img.onload = () => done(true); img.onerror = () => done(false); img.src = url; })""",
        outside)
    assert loaded is False
    assert watched.blocked == [outside]


def test_the_injection_check_catches_live_markup(watched: Watched) -> None:
    """The same checks on a page that does run the payloads: they must fail there."""
    page = watched.page
    page.set_content('<img src="x" onerror="window.__pwned=1;alert(1)">'
                     '<a href="javascript:1">x</a>')
    page.wait_for_function("() => window.__pwned === 1")
    with pytest.raises(AssertionError):
        assert_nothing_ran(watched)
    assert watched.dialogs == ["1"]


@pytest.fixture(scope="module")
def local_viewer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The local-news example (two reports of one shooting) through the pipeline, served."""
    from claimledger.runner import run

    db = tmp_path_factory.mktemp("local") / "local.db"
    run([REPO / "examples" / "local"], db)
    with running_viewer(db) as base:
        yield base, db


@pytest.mark.model
@pytest.mark.slow
def test_a_linked_local_incident_shows_each_report_in_time_order(
    watched: Watched, local_viewer: tuple[str, Path]
) -> None:
    base, db = local_viewer
    (cluster,) = stored_ids(db, "SELECT DISTINCT cluster_id FROM clusters")
    page = watched.page
    page.goto(f"{base}/-/claimledger/event/{cluster}")
    rows = page.locator("table.reports tr.report")
    assert rows.count() == 2
    published = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(2)]
    outlets = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(2)]
    assert published == ["2024-05-05", "2024-05-07"]
    assert outlets == ["Miami Valley Ledger", "Gem City Courier"]
    # the day both reports give the shooting ("early Sunday"), not the second one's news
    assert page.locator("h1.event-title").inner_text().endswith("2024-05-05")
    killed = page.locator("#measure-killed")
    assert killed.locator("dd.estimate-best").inner_text() == "2"
    assert "not disputed" in killed.inner_text()
    watched.screenshot("local-event")
    assert watched.errors == [] and watched.dialogs == []
