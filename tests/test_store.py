"""The SQLite store: round trips, idempotence, migrations, and a writer killed mid-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from battle_records import battle_link, first_analysis, numbered_analysis, second_analysis
from claimledger.derived import write_derived
from claimledger.ledger import ledger_from_analyses
from claimledger.model import Analysis, Document, EventLink, ReadError, Segment, content_id
from claimledger.store import SchemaTooNewError, Store, open_store
from claimledger.store_schema import SCHEMA_VERSION

TESTS = Path(__file__).resolve().parent
DERIVED_TABLES = {"runs", "sqlite_sequence"}


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every record table's rows, sorted: what must not change when inputs are written again."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in sorted(tables)
            if table not in DERIVED_TABLES
        }
    finally:
        conn.close()


def fill(store: Store) -> None:
    """The battle's two pages, linked, with what relink derives (clusters, both ledgers)."""
    analyses = [first_analysis(), second_analysis()]
    store.write_analyses(analyses)
    store.write_links([battle_link()])
    write_derived(store, list(store.events()), store.links())
    store.write_error(ReadError(input="pages/empty.html", reason="no text"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "ledger.db")


def test_analyses_read_back_exactly_as_written(store: Store) -> None:
    first, second = first_analysis(), second_analysis()
    assert store.write_analysis(first)
    assert store.write_analysis(second)
    assert list(store.analyses()) == sorted([first, second], key=lambda a: a.document.id)
    assert store.analysis(first.document.id) == first
    assert store.has_document(first.document.id)
    assert not store.has_document("0" * 16)


def test_writing_the_same_inputs_again_changes_nothing(store: Store) -> None:
    fill(store)
    before = dump(store.path)
    assert not store.write_analysis(first_analysis())
    assert store.write_analyses([first_analysis(), second_analysis()]) == 0
    assert store.write_links([battle_link()]) == 0
    assert not store.write_error(ReadError(input="pages/empty.html", reason="no text"))
    fill(store)
    after = dump(store.path)
    assert after == before
    assert {t: len(rows) for t, rows in after.items()} == {t: len(r) for t, r in before.items()}
    assert len(after["documents"]) == 2
    assert len(after["figures"]) == 6


def test_replace_swaps_a_stored_analysis_and_leaves_no_orphans(store: Store) -> None:
    first = first_analysis()
    store.write_analysis(first)
    fewer = msgspec.structs.replace(first, figures=first.figures[:1], places=(), version="0.2.0")
    assert store.write_analysis(fewer, replace=True)
    assert store.analysis(first.document.id) == fewer
    counts = dump(store.path)
    assert len(counts["figures"]) == 1
    assert len(counts["places"]) == 0


def test_events_links_and_ledger_read_back(store: Store) -> None:
    fill(store)
    first, second = first_analysis(), second_analysis()
    assert sorted(e.id for e in store.events()) == sorted(
        [first.events[0].id, second.events[0].id]
    )
    assert store.links() == [battle_link()]
    cluster = min(first.events[0].id, second.events[0].id)
    ucdp = store.ledger(cluster, rule="ucdp.v1")
    assert [e.measure for e in ucdp] == ["killed", "injured"]
    assert ucdp == ledger_from_analyses([first, second], [battle_link()])
    assert {e.rule for e in store.ledger()} == {"ucdp.v1", "acled.v1"}
    assert store.ledger("no-such-cluster") == []


def test_a_recomputed_ledger_replaces_the_old_one(store: Store) -> None:
    analyses = [first_analysis(), second_analysis()]
    store.write_analyses(analyses)
    store.write_ledger(ledger_from_analyses(analyses, []))
    assert len({e.cluster_id for e in store.ledger()}) == 2
    store.write_ledger(ledger_from_analyses(analyses, [battle_link()]))
    assert len({e.cluster_id for e in store.ledger()}) == 1
    rows = dump(store.path)["ledger_rows"]
    assert len({r[0] for r in rows}) == 1


def test_an_empty_ledger_clears_its_rule_when_named(store: Store) -> None:
    store.write_analyses([first_analysis()])
    store.write_ledger(ledger_from_analyses(store.analyses(), []))
    store.write_ledger([], rules={"ucdp.v1"})
    assert store.ledger() == []


def test_replacing_links_drops_the_ones_a_relink_no_longer_finds(store: Store) -> None:
    link = battle_link()
    other = EventLink(a="x-e1", b="y-e1", score=0.5)
    store.write_links([link, other])
    assert store.write_links([link], replace=True) == 0
    assert store.links() == [link]
    assert store.write_links([other], replace=True) == 1
    assert store.links() == [other]


def test_read_errors_are_recorded_once(store: Store) -> None:
    error = ReadError(input="pages/broken.html", reason="no text")
    assert store.write_error(error)
    assert not store.write_error(error)
    later = ReadError(input="pages/broken.html", reason="not HTML")
    assert store.write_error(later)
    assert store.errors() == [later]


def test_figures_read_back_in_document_order(store: Store) -> None:
    first = first_analysis()
    store.write_analysis(first)
    assert list(store.figures()) == list(first.figures)


def test_a_link_given_the_other_way_round_is_the_same_pair(store: Store) -> None:
    link = battle_link()
    store.write_links([link])
    flipped = msgspec.structs.replace(link, a=link.b, b=link.a, score=0.7)
    assert store.write_links([flipped]) == 0
    assert store.links() == [flipped]


def test_the_document_map_reads_documents_when_asked_and_keeps_few(store: Store) -> None:
    analyses = [numbered_analysis(n) for n in range(6)]
    store.write_analyses(analyses)
    documents = store.document_map(keep=2)
    by_id = {a.document.id: a.document for a in analyses}
    assert len(documents) == 6
    assert list(documents) == sorted(by_id)
    for document_id, document in by_id.items():
        assert document_id in documents
        assert documents[document_id] == document
        assert documents.kept() <= 2
    assert "no-such-document" not in documents
    assert documents.get("no-such-document") is None
    with pytest.raises(KeyError):
        documents["no-such-document"]


def test_flat_columns_carry_what_people_facet_on(store: Store) -> None:
    fill(store)
    conn = store.conn
    assert {r[0] for r in conn.execute("SELECT outlet FROM documents")} == {
        "Zero Hedge", "Example Wire"}
    assert ("Bloomberg", "killed") in set(conn.execute("SELECT source_name, measure FROM figures"))
    assert set(conn.execute("SELECT event_type, country FROM events")) == {("Battles", "Syria")}
    assert set(conn.execute("SELECT role FROM event_actors")) == {("initiator",), ("target",)}
    disputed = conn.execute("SELECT disputed FROM ledger WHERE measure = 'killed'").fetchall()
    assert disputed == [(1,), (1,)]


def test_runs_are_recorded(store: Store) -> None:
    run = store.start_run(version="0.1.0", model="en_core_web_sm-3.8.0")
    store.finish_run(run, written=2, skipped=1)
    [recorded] = store.runs()
    assert recorded["id"] == run
    assert (recorded["written"], recorded["skipped"], recorded["errors"]) == (2, 1, 0)
    assert recorded["finished"] is not None


def test_a_new_store_is_at_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "segments", "attributions", "figures", "dates", "places", "events",
            "event_actors", "event_figures", "links", "ledger", "ledger_rows", "runs",
            "errors", "clusters"} <= tables


def downgrade(path: Path, version: int, drop: list[str]) -> None:
    """Make a current file what an older claimledger wrote: without `drop`, at `version`."""
    conn = sqlite3.connect(path)
    for table in drop:
        conn.execute(f"DROP TABLE {table}")
    if version < 2:
        indexes = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'idx_%'").fetchall()
        for (name,) in indexes:
            conn.execute(f"DROP INDEX {name}")
    if version < 4:
        conn.execute("DROP INDEX IF EXISTS idx_figures_id")
    if version < 5:
        conn.execute("DROP TABLE clusters")
    if version < 6:
        conn.execute("DROP TABLE people")
        conn.execute("DROP INDEX IF EXISTS idx_documents_text_id")
        conn.execute("ALTER TABLE figures DROP COLUMN rule")
        conn.execute("ALTER TABLE documents DROP COLUMN text_id")
    if version < 7:
        conn.execute("DROP INDEX IF EXISTS idx_documents_language")
        conn.execute("ALTER TABLE documents DROP COLUMN language")
    if version < 8:
        conn.execute("DROP INDEX IF EXISTS idx_attributions_confidence")
        conn.execute("ALTER TABLE attributions DROP COLUMN confidence")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()


def test_a_version_3_store_gains_the_figure_id_index(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with open_store(path) as store:
        fill(store)
    expected = dump(path)
    downgrade(path, 3, [])
    assert "idx_figures_id" not in indexes(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        figures = list(store.figures())
        assert figures and all(store.figure_map()[f.id] == f for f in figures)
    assert "idx_figures_id" in indexes(path)
    assert dump(path) == {**expected, "clusters": []}


def test_a_version_2_store_gains_the_errors_table(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    with open_store(path) as store:
        fill(store)
    expected = dump(path)
    downgrade(path, 2, ["errors"])
    assert "errors" not in dump(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.errors() == []
    assert dump(path) == {**expected, "errors": [], "clusters": []}


def test_a_version_1_store_is_migrated_and_its_event_figures_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    with open_store(path) as store:
        fill(store)
    expected = dump(path)
    downgrade(path, 1, ["event_figures", "errors"])
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert dump(path) == {**expected, "errors": [], "clusters": []}
    assert len(expected["event_figures"]) == 6


def test_a_version_4_store_gains_an_empty_clusters_table(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with open_store(path) as store:
        fill(store)
    expected = dump(path)
    downgrade(path, 4, [])
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.cluster_members() == []
        # Its events have no clusters now, which the store tells (export then derives them).
        assert not store.derived_is_current(["ucdp.v1", "acled.v1"])
    assert dump(path) == {**expected, "clusters": []}
    assert len(expected["clusters"]) == 2


def test_a_version_5_store_gains_people_rules_and_shared_texts(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    with open_store(path) as store:
        fill(store)
        analyses = list(store.analyses())
    expected = dump(path)
    downgrade(path, 5, [])
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert list(store.analyses()) == analyses
    assert dump(path) == expected


def test_a_version_6_store_gains_each_documents_language(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    with open_store(path) as store:
        fill(store)
        first = next(store.analyses())
        french = msgspec.structs.replace(
            first.document, id="fr-page", language="fr", input="page-fr.html"
        )
        store.write_analysis(Analysis(document=french))
    expected = dump(path)
    downgrade(path, 6, [])
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        stored = store.analysis("fr-page")
        assert stored is not None and stored.skipped == "language fr"
        assert store.analysis(first.document.id) == first
    assert dump(path) == expected
    conn = sqlite3.connect(path)
    languages = dict(conn.execute("SELECT id, language FROM documents"))
    conn.close()
    assert languages["fr-page"] == "fr" and languages[first.document.id] is None


def test_a_store_from_a_newer_claimledger_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        open_store(path)


WRITER = """
import sys
from battle_records import numbered_analysis
from claimledger.store import open_store
store = open_store(sys.argv[1])
for number in range(int(sys.argv[2])):
    store.write_analysis(numbered_analysis(number))
"""


def stored_documents(path: Path) -> int:
    conn = sqlite3.connect(path, timeout=10)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the writer has not created the tables yet
        return 0
    finally:
        conn.close()


def kill_writer_midway(path: Path, total: int, at_least: int) -> None:
    """Start a writer of `total` analyses and kill -9 it once `at_least` documents are in."""
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(total)], env=env)
    try:
        deadline = time.monotonic() + 60
        while stored_documents(path) < at_least and writer.poll() is None:
            assert time.monotonic() < deadline, "the writer stored too little within a minute"
            time.sleep(0.005)
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it could be killed"


@pytest.mark.slow
def test_a_writer_killed_mid_run_leaves_whole_documents_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    total = 1000
    killed_path, clean_path = tmp_path / "killed.db", tmp_path / "clean.db"
    expected = {a.document.id: a for a in map(numbered_analysis, range(total))}
    # Killed three times, each writer resuming where the last stopped.
    for at_least in (50, 150, 250):
        kill_writer_midway(killed_path, total, at_least)
        with open_store(killed_path) as store:
            survived = list(store.analyses())
        assert at_least <= len(survived) < total
        # Each document is whole: exactly the analysis that was written, children included.
        assert all(analysis == expected[analysis.document.id] for analysis in survived)
    with open_store(killed_path) as store:
        assert store.write_analyses(expected.values()) == total - len(survived)
    with open_store(clean_path) as store:
        store.write_analyses(expected.values())
    assert dump(killed_path) == dump(clean_path)


texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, outlet=st.none() | texts, published=st.none() | texts)
def test_any_document_text_round_trips(
    store: Store, text: str, outlet: str | None, published: str | None
) -> None:
    document = Document(id=content_id(text), text=text, outlet=outlet, published=published,
                        segments=(Segment("body", 0, len(text)),))
    analysis = Analysis(document=document)
    store.write_analysis(analysis, replace=True)
    assert store.analysis(document.id) == analysis


def test_the_days_a_page_writes_are_read_by_rule_and_day_granularity(store: Store) -> None:
    from claimledger.model import DateMention, Span

    page = first_analysis()
    at = Span(0, 6, "Battle")
    dates = (
        DateMention(span=at, value="2018-02-07", rule="absolute"),
        DateMention(span=at, value="2018-02-20", rule="weekday-before-publication"),
        DateMention(span=at, value="2018-02", granularity="month", rule="absolute"),
        DateMention(span=at, value="2018-02-09", rule="partial-year-from-publication"),
        DateMention(span=at, value=None, rule="absolute"),
    )
    store.write_analysis(msgspec.structs.replace(page, dates=dates))
    store.write_analysis(second_analysis())
    days = store.stated_days({"absolute", "partial-year-from-publication"})
    assert days == {page.document.id: ["2018-02-07", "2018-02-09"]}
    assert store.stated_days({"weekday-before-publication"}) == {
        page.document.id: ["2018-02-20"]}
