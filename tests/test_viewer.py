"""The viewer through Datasette's own client: the article, event and map pages, the metadata,
read-only access, and hostile page text that must reach the reader as text, never as markup."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from datasette.app import Datasette
from hypothesis import given
from hypothesis import strategies as st

from battle_records import battle_link, first_analysis, numbered_analysis, second_analysis
from claimledger.derived import write_derived
from claimledger.ledger import ledger_from_analyses
from claimledger.model import Analysis
from claimledger.store import NotAStoreError, open_store
from claimledger.viewer import make_datasette, plugin
from claimledger.viewer.page_context import json_for_script, safe_http_url
from claimledger.viewer.serve import register_plugin
from claimledger.viewer.svg import format_count
from test_store import downgrade
from viewer_stores import HOSTILE_NAME, HOSTILE_URL, SCRIPT, battle_store, hostile_store


def fetch(datasette: Datasette, path: str) -> httpx.Response:
    response: httpx.Response = asyncio.run(datasette.client.get(path))
    return response


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each <mark>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[tuple[set[str], list[str], str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._mark: tuple[set[str], list[str]] | None = None
        self._text: list[str] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._script = values
            self._text = []
        if tag == "mark" and "data-records" in values:
            self._mark = (set(values["class"].split()), values["data-records"].split())
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._mark is not None or self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None
        if tag == "mark" and self._mark is not None:
            self.marks.append((*self._mark, "".join(self._text)))
            self._mark = None


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def live_markup(html: str) -> list[str]:
    """What in a page could run hostile script: event-handler attributes, javascript: URLs,
    scripts from elsewhere or carrying the corpus's payloads, and embedded images or frames.
    (Datasette's own pages carry inline scripts of their own; the viewer's carry none.)"""
    found = []
    parsed = parse(html)
    for attrs, body in parsed.scripts:
        src = attrs.get("src", "")
        if src and not src.startswith("/"):
            found.append(f"<script src={src!r}>")
        # A JSON data block never runs; its contents are checked by the records tests.
        if attrs.get("type") != "application/json" and ("pwned" in body or "alert(" in body):
            found.append(f"<script>{body[:80]}")
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "xlink:href", "formaction") and re.match(
                r"\s*(javascript|vbscript|data):", value, re.IGNORECASE
            ):
                found.append(f"<{tag} {name}={value}>")
        if tag in ("img", "iframe", "object", "embed", "base"):
            found.append(f"<{tag}>")
    return found


def page_records(html: str) -> dict[str, dict[str, str]]:
    match = re.search(r'<script type="application/json" id="claimledger-records">(.*?)</script>',
                      html, re.DOTALL)
    assert match, "the article page carries its records as JSON"
    records: dict[str, dict[str, str]] = json.loads(match.group(1))
    return records


@pytest.fixture(scope="module")
def battle(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    return make_datasette(battle_store(tmp_path_factory.mktemp("battle") / "ledger.db"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Datasette, list[Analysis]]:
    path, analyses = hostile_store(tmp_path_factory.mktemp("hostile"))
    return make_datasette(path), analyses


def article(datasette: Datasette, analysis: Analysis) -> str:
    response = fetch(datasette, f"/-/claimledger/article/{analysis.document.id}")
    assert response.status_code == 200
    return response.text


def cluster_id() -> str:
    """The battle's cluster, named (as the ledger names clusters) by its smallest event id."""
    return str(min(first_analysis().events[0].id, second_analysis().events[0].id))


# --- article page ---------------------------------------------------------------------------


def test_article_page_highlights_source_cue_and_content_of_each_attribution(
    battle: Datasette,
) -> None:
    analysis = first_analysis()
    marks = parse(article(battle, analysis)).marks
    for attribution in analysis.attributions:
        def text_of(kind: str, record: str = attribution.id) -> str:
            return "".join(t for classes, ids, t in marks if f"hl-{kind}" in classes
                           and record in ids)

        assert text_of("content") == attribution.content.text
        assert attribution.cue and text_of("cue") == attribution.cue.text
        assert attribution.source and text_of("source") == attribution.source.text


def test_article_page_marks_figures_dates_places_and_event_triggers(battle: Datasette) -> None:
    analysis = first_analysis()
    marks = parse(article(battle, analysis)).marks
    figure_texts = {"".join(t for classes, ids, t in marks if "hl-figure" in classes
                            and f.id in ids) for f in analysis.figures}
    assert figure_texts == {f.span.text for f in analysis.figures}
    kinds = {(kind, text) for classes, _, text in marks for kind in classes}
    assert ("hl-date", "February 7") in kinds
    assert ("hl-place", "Deir Ezzor") in kinds
    assert ("hl-trigger", "attack") in kinds


def test_comments_are_folded_greyed_and_carry_no_highlights(battle: Datasette) -> None:
    html = article(battle, first_analysis())
    match = re.search(r'(<details class="segment segment-comments folded"[^>]*>)(.*?)</details>',
                      html, re.DOTALL)
    assert match, "the comments segment is a <details> element"
    opening, inside = match.groups()
    assert " open" not in opening
    assert "They lie." in inside
    assert "<mark" not in inside


def test_side_panel_lists_every_claim_with_its_source(battle: Datasette) -> None:
    analysis = first_analysis()
    tags = parse(article(battle, analysis)).tags
    panel_ids = {attrs.get("id") for tag, attrs in tags if tag == "li"}
    assert {f"rec-{a.id}" for a in analysis.attributions} <= panel_ids


def test_every_highlighted_record_reaches_the_page_as_json(battle: Datasette) -> None:
    analysis = first_analysis()
    html = article(battle, analysis)
    records = page_records(html)
    highlighted = {record for _, ids, _ in parse(html).marks for record in ids}
    assert highlighted <= set(records)
    assert records[analysis.attributions[0].id]["source"] == "Bloomberg"
    assert records[analysis.figures[0].id]["interval"] == "(200, ∞)"


def test_article_links_its_event_to_the_cluster_page(battle: Datasette) -> None:
    tags = parse(article(battle, first_analysis())).tags
    hrefs = {attrs.get("href") for tag, attrs in tags if tag == "a"}
    assert f"/-/claimledger/event/{cluster_id()}" in hrefs


# --- event page ---------------------------------------------------------------------------


def entry_sections(html: str) -> dict[str, str]:
    sections = re.findall(r'<section class="ledger-entry"[^>]*data-measure="([a-z]+)">(.*?)'
                          r"</section>", html, re.DOTALL)
    return dict(sections)


def test_event_page_shows_each_measure_with_low_best_high_and_disputed_flag(
    battle: Datasette,
) -> None:
    response = fetch(battle, f"/-/claimledger/event/{cluster_id()}")
    assert response.status_code == 200
    sections = entry_sections(response.text)
    entries = ledger_from_analyses([first_analysis(), second_analysis()], [battle_link()])
    assert set(sections) == {entry.measure for entry in entries}
    for entry in entries:
        section = sections[entry.measure]
        for name in ("low", "best", "high"):
            shown = re.search(rf'class="estimate-{name}">([^<]*)<', section)
            assert shown and shown.group(1) == format_count(getattr(entry, name))
        assert ("badge-disputed" in section) == entry.disputed
        assert section.count('<tr class="ledger-row') == len(entry.rows)
        for row in entry.rows:
            assert f'data-figure="{row.figure_id}"' in section


def test_event_page_draws_each_sources_interval_and_the_timeline(battle: Datasette) -> None:
    html = fetch(battle, f"/-/claimledger/event/{cluster_id()}").text
    entries = ledger_from_analyses([first_analysis(), second_analysis()], [battle_link()])
    sections = entry_sections(html)
    for entry in entries:
        section = sections[entry.measure]
        assert section.count('class="interval-chart"') == 1
        assert section.count('<g class="chart-row"') == len(entry.rows)
        assert section.count('<g class="timeline-point"') == len(entry.rows)


def test_event_page_links_every_page_of_the_cluster(battle: Datasette) -> None:
    tags = parse(fetch(battle, f"/-/claimledger/event/{cluster_id()}").text).tags
    hrefs = {attrs.get("href", "").split("#")[0] for tag, attrs in tags if tag == "a"}
    for analysis in (first_analysis(), second_analysis()):
        assert f"/-/claimledger/article/{analysis.document.id}" in hrefs
    assert "https://example.org/battle" in hrefs


def test_event_page_switches_between_the_stored_ledger_rules(tmp_path: Path) -> None:
    path = battle_store(tmp_path / "rules.db")
    analyses = [first_analysis(), second_analysis()]
    acled = ledger_from_analyses(analyses, [battle_link()], rule="acled")
    with open_store(path) as store:
        store.write_ledger(acled)
    datasette = make_datasette(path)
    default = fetch(datasette, f"/-/claimledger/event/{cluster_id()}").text
    assert "<strong>ucdp.v1</strong>" in default
    assert f'href="/-/claimledger/event/{cluster_id()}?rule=acled.v1"' in default
    chosen = fetch(datasette, f"/-/claimledger/event/{cluster_id()}?rule=acled.v1").text
    assert "<strong>acled.v1</strong>" in chosen
    killed = next(e for e in acled if e.measure == "killed")
    section = entry_sections(chosen)["killed"]
    assert f'class="estimate-best">{format_count(killed.best)}<' in section


def event_title(html: str) -> str:
    match = re.search(r'<h1 class="event-title">(.*?)</h1>', html, re.DOTALL)
    assert match, "the event page has a title"
    return match.group(1)


def test_event_page_is_titled_with_the_day_its_reports_give(tmp_path: Path) -> None:
    # the first page dates the attack February 7, the later one February 6: a tie between
    # one page each goes to the earlier day, as the exports date the cluster
    first, second = first_analysis(), second_analysis()
    earlier = msgspec.structs.replace(second.events[0].date, value="2018-02-06")
    second = msgspec.structs.replace(
        second, events=(msgspec.structs.replace(second.events[0], date=earlier),))
    path = tmp_path / "days.db"
    with open_store(path) as store:
        store.write_analyses([first, second])
        store.write_links([battle_link()])
        write_derived(store, [first.events[0], second.events[0]], [battle_link()])
    title = event_title(fetch(make_datasette(path), f"/-/claimledger/event/{cluster_id()}").text)
    assert "2018-02-06" in title and "2018-02-07" not in title


def test_an_event_id_that_does_not_name_its_cluster_redirects_to_the_cluster(
    battle: Datasette,
) -> None:
    other = max(first_analysis().events[0].id, second_analysis().events[0].id)
    response = fetch(battle, f"/-/claimledger/event/{other}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/-/claimledger/event/{cluster_id()}"


@pytest.mark.parametrize("path", ["/-/claimledger/article/0000", "/-/claimledger/event/0000",
                                  "/-/claimledger/article/%3Cscript%3E"])
def test_unknown_ids_give_a_404_page(battle: Datasette, path: str) -> None:
    response = fetch(battle, path)
    assert response.status_code == 404
    assert "No stored" in response.text
    assert live_markup(response.text) == []


# --- map and events list ------------------------------------------------------------------


def map_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="claimledger-map-data">(.*?)</script>',
                      html, re.DOTALL)
    assert match, "the map page carries its points as JSON"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_map_draws_one_point_per_cluster_linking_to_its_event_page(battle: Datasette) -> None:
    html = fetch(battle, "/-/claimledger/map").text
    data = map_data(html)
    assert [p["href"] for p in data["points"]] == [f"/-/claimledger/event/{cluster_id()}"]
    assert data["tiles"] == "/-/claimledger/tiles/{z}/{x}/{y}.png"
    assert html.count('<tr class="event-row">') == 1
    scripts = {attrs.get("src") for tag, attrs in parse(html).tags if tag == "script"}
    assert "/-/static-plugins/datasette-leaflet/leaflet-v1.7.1.min.js" in scripts
    for src in scripts - {None}:
        assert fetch(battle, str(src)).status_code == 200, src


def test_map_tiles_come_from_the_bundled_basemap(battle: Datasette) -> None:
    world = fetch(battle, "/-/claimledger/tiles/0/0/0.png")
    assert world.status_code == 200
    assert world.headers["content-type"] == "image/png"
    assert world.content.startswith(b"\x89PNG")
    # Leaflet counts rows from the north, MBTiles from the south: the two rows differ.
    north, south = (fetch(battle, f"/-/claimledger/tiles/1/0/{y}.png") for y in (0, 1))
    assert north.status_code == south.status_code == 200
    assert north.content != south.content
    for missing in ("7/0/0", "1/2/0", "1/0/2"):
        assert fetch(battle, f"/-/claimledger/tiles/{missing}.png").status_code == 404


def test_map_points_keep_hostile_labels_as_data(
    hostile: tuple[Datasette, list[Analysis]],
) -> None:
    html = fetch(hostile[0], "/-/claimledger/map").text
    match = re.search(r'id="claimledger-map-data">(.*?)</script>', html, re.DOTALL)
    assert match and "<" not in match.group(1)
    points = map_data(html)["points"]
    assert points and all(SCRIPT in p["label"] for p in points)
    assert all(p["href"].startswith("/-/claimledger/event/") for p in points)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", 1),
        ("event_type=Battles", 1),
        ("event_type=Protests", 0),
        ("country=Syria", 1),
        ("country=France", 0),
        ("outlet=Example+Wire", 1),
        ("date_from=2018-02-07&date_to=2018-02-07", 1),
        ("date_from=2018-02-08", 0),
        ("date_to=2018-02-06", 0),
    ],
)
def test_events_list_filters(battle: Datasette, query: str, shown: int) -> None:
    html = fetch(battle, f"/-/claimledger/map?{query}").text
    assert html.count('<tr class="event-row">') == shown
    assert len(map_data(html)["points"]) == shown


def test_events_list_stops_at_its_limit_and_says_so(
    battle: Datasette, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plugin, "MAX_LISTED", 0)
    html = fetch(battle, "/-/claimledger/map").text
    assert html.count('<tr class="event-row">') == 0
    assert "1 event, the newest 0 shown: filter to see others." in html


# --- Datasette integration ----------------------------------------------------------------


def test_metadata_facets_events_by_type_and_country_and_claims_by_source(
    battle: Datasette,
) -> None:
    events = fetch(battle, "/ledger/events.json").json()
    assert {"event_type", "country", "outlet"} <= set(events["facet_results"])
    claims = fetch(battle, "/ledger/attributions.json").json()
    assert "source_name" in claims["facet_results"]
    documents = fetch(battle, "/ledger/documents.json").json()
    assert "outlet" in documents["facet_results"]


def test_datasette_home_is_titled_and_its_menu_leads_to_the_events_map(
    battle: Datasette,
) -> None:
    html = fetch(battle, "/").text
    assert "<h1>claimledger</h1>" in html
    assert '<a href="/-/claimledger/map">Events map</a>' in html


def test_datasette_tables_link_ids_to_the_viewer_pages(battle: Datasette) -> None:
    html = fetch(battle, "/ledger/documents").text
    assert f'href="/-/claimledger/article/{first_analysis().document.id}"' in html
    html = fetch(battle, "/ledger/ledger").text
    assert f'href="/-/claimledger/event/{cluster_id()}"' in html


def test_the_store_cannot_be_written_through_datasette(tmp_path: Path) -> None:
    # Even with the visitors' own SQL allowed (off by default), only reads run.
    battle = make_datasette(battle_store(tmp_path / "ledger.db"), allow_sql=True)
    before = fetch(battle, "/ledger.json?sql=select+count(*)+as+n+from+documents").json()
    response = fetch(battle, "/ledger.json?sql=delete+from+documents")
    assert response.status_code >= 400
    after = fetch(battle, "/ledger.json?sql=select+count(*)+as+n+from+documents").json()
    assert before["rows"] == after["rows"] == [[2]]


def test_browsing_every_page_leaves_the_store_file_unchanged(tmp_path: Path) -> None:
    path = battle_store(tmp_path / "untouched.db")
    before = path.read_bytes()
    datasette = make_datasette(path)
    for page in (f"/-/claimledger/article/{first_analysis().document.id}",
                 f"/-/claimledger/event/{cluster_id()}", "/-/claimledger/map", "/untouched",
                 "/untouched/documents", "/untouched/ledger", "/untouched/events.json"):
        assert fetch(datasette, page).status_code == 200, page
    assert path.read_bytes() == before


@pytest.mark.parametrize("path", ["/-/claimledger/map",
                                  f"/-/claimledger/article/{first_analysis().document.id}"])
def test_viewer_pages_forbid_inline_script(battle: Datasette, path: str) -> None:
    policy = fetch(battle, path).headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_static_files_are_served_and_other_names_are_not(battle: Datasette) -> None:
    assert fetch(battle, "/-/claimledger/static/claimledger.js").status_code == 200
    assert fetch(battle, "/-/claimledger/static/claimledger.css").status_code == 200
    assert fetch(battle, "/-/claimledger/static/plugin.py").status_code == 404


def test_a_database_that_is_not_a_store_gets_a_clear_404(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (id INTEGER)")
    with pytest.raises(NotAStoreError):
        make_datasette(path)  # the viewer refuses it; a Datasette given it has no store pages
    register_plugin()
    response = fetch(Datasette(files=[str(path)]), "/-/claimledger/map")
    assert response.status_code == 404
    assert "No claimledger store" in response.text


def test_a_store_from_before_clusters_were_stored_gets_a_clear_404(tmp_path: Path) -> None:
    path = battle_store(tmp_path / "v4.db")
    downgrade(path, 4, [])
    datasette = make_datasette(path)
    for page in ("/-/claimledger/map", f"/-/claimledger/event/{cluster_id()}",
                 f"/-/claimledger/article/{first_analysis().document.id}"):
        response = fetch(datasette, page)
        assert response.status_code == 404
        assert "before event clusters were stored" in response.text
    assert fetch(datasette, "/v4/documents").status_code == 200


def test_a_page_stored_after_the_last_relink_shows_its_event_on_its_own(tmp_path: Path) -> None:
    path = battle_store(tmp_path / "late.db")
    late = numbered_analysis(1)
    with open_store(path) as store:
        store.write_analysis(late)
    datasette = make_datasette(path)
    event = late.events[0].id
    tags = parse(article(datasette, late)).tags
    assert f"/-/claimledger/event/{event}" in {attrs.get("href") for tag, attrs in tags}
    assert fetch(datasette, f"/-/claimledger/event/{event}").status_code == 200
    html = fetch(datasette, "/-/claimledger/map").text
    assert html.count('<tr class="event-row">') == 2


def test_a_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no claimledger store"):
        make_datasette(tmp_path / "absent.db")


# --- hostile pages ------------------------------------------------------------------------


def hostile_paths(analyses: list[Analysis]) -> list[str]:
    cluster = min(a.events[0].id for a in analyses)
    paths = [f"/-/claimledger/article/{a.document.id}" for a in analyses]
    paths += [f"/-/claimledger/event/{cluster}", "/-/claimledger/map",
              "/-/claimledger/map?country=%3Cscript%3E", "/hostile/documents",
              "/hostile/attributions", "/hostile/events", "/hostile/ledger_rows",
              f"/hostile/documents/{analyses[0].document.id}"]
    return paths


def test_hostile_pages_render_no_live_markup(hostile: tuple[Datasette, list[Analysis]]) -> None:
    datasette, analyses = hostile
    assert len(analyses) == 3
    for path in hostile_paths(analyses):
        response = fetch(datasette, path)
        assert response.status_code == 200, path
        assert live_markup(response.text) == [], path


def test_hostile_text_is_shown_as_text(hostile: tuple[Datasette, list[Analysis]]) -> None:
    datasette, analyses = hostile
    html = article(datasette, analyses[0])
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=" in html or "&quot;&gt;&lt;img" in html


def test_records_json_survives_script_breakouts_intact(
    hostile: tuple[Datasette, list[Analysis]],
) -> None:
    datasette, analyses = hostile
    html = article(datasette, analyses[0])
    raw = re.search(r'id="claimledger-records">(.*?)</script>', html, re.DOTALL)
    assert raw and "<" not in raw.group(1)
    records = page_records(html)
    attribution = analyses[0].attributions[0]
    assert records[attribution.id]["source"] == HOSTILE_NAME
    assert records[attribution.id]["content"] == attribution.content.text


def test_javascript_urls_are_shown_but_never_linked(
    hostile: tuple[Datasette, list[Analysis]],
) -> None:
    datasette, analyses = hostile
    dumped = next(a for a in analyses if a.document.url == HOSTILE_URL)
    html = article(datasette, dumped)
    assert 'class="unsafe-url">javascript:window.__pwned=8;alert(8)<' in html
    assert all(attrs.get("href") != HOSTILE_URL for _, attrs in parse(html).tags)


def test_hostile_ledger_names_stay_text_in_the_charts(
    hostile: tuple[Datasette, list[Analysis]],
) -> None:
    datasette, analyses = hostile
    cluster = min(a.events[0].id for a in analyses)
    html = fetch(datasette, f"/-/claimledger/event/{cluster}").text
    assert SCRIPT not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


# --- building blocks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("  https://example.org/x  ", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("http:///no-host", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_are_linked(url: str | None, kept: bool) -> None:
    assert (safe_http_url(url) is not None) == kept


@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20))
def test_json_for_script_never_closes_the_element_and_round_trips(value: object) -> None:
    encoded = str(json_for_script(value))
    assert not set("<>&") & set(encoded)
    assert json.loads(encoded) == value


def test_an_event_card_says_where_a_site_s_home_state_stands_in_for_its_place() -> None:
    from claimledger.model import Event, PlaceCandidate, PlaceMention, Span
    from claimledger.viewer.page_context import event_card

    ohio = PlaceCandidate(name="Ohio", feature="admin1", country_code="US",
                          country="United States")
    placeless = PlaceMention(span=Span(0, 0, ""), name="Ohio", candidates=(ohio,),
                             resolved=ohio, rule="site-home")
    unsettled = PlaceMention(span=Span(20, 28, "Westwood"), name="Westwood", resolved=ohio,
                             rule="site-home")
    cincinnati = PlaceCandidate(name="Cincinnati", feature="city", country_code="US",
                                country="United States", admin1="Ohio")
    in_town = msgspec.structs.replace(unsettled, resolved=cincinnati)
    cards = [
        event_card(Event(id="e", document_id="d", trigger=Span(0, 4, "shot"),
                         event_type="Violence against civilians", place=place), "/e")["place"]
        for place in (placeless, unsettled, msgspec.structs.replace(placeless, rule=None),
                      in_town)
    ]
    assert cards == ["Ohio (the site's home state)", "Westwood (Ohio, the site's home state)",
                     "Ohio", "Westwood (Cincinnati, the site's home town)"]
    # a telephone number on the page standing in: the card names the number
    rung = PlaceMention(span=Span(40, 52, "513-352-3040"), name="Cincinnati",
                        candidates=(cincinnati,), resolved=cincinnati, rule="phone")
    card = event_card(Event(id="e", document_id="d", trigger=Span(0, 4, "shot"),
                            event_type="Violence against civilians", place=rung), "/e")
    assert card["place"] == "Cincinnati (where the page's telephone number 513-352-3040 lies)"


def test_a_place_card_gives_coordinates_only_where_the_place_has_them() -> None:
    from claimledger.model import PlaceCandidate, PlaceMention, Span
    from claimledger.viewer.page_context import place_card

    # a village the gazetteer lacks, known by its name and state ("SANBORN, N.D.")
    village = PlaceCandidate(name="Sanborn", feature="city", country_code="US",
                             country="United States", admin1="North Dakota")
    card = place_card(PlaceMention(span=Span(0, 7, "SANBORN"), name="SANBORN",
                                   candidates=(village,), resolved=village))
    assert card["match"] == "Sanborn" and "coordinates" not in card
    located = msgspec.structs.replace(village, latitude=46.9, longitude=-98.2)
    card = place_card(PlaceMention(span=Span(0, 7, "SANBORN"), name="SANBORN",
                                   candidates=(located,), resolved=located))
    assert card["coordinates"] == "46.9, -98.2"
