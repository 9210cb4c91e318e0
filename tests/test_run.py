"""The `run` pipeline end to end on real files: the examples' ledger, the reference page's battle,
idempotent reruns, and a run killed with SIGKILL that resumes to the same store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.read.options import ReadOptions
from claimledger.runner import RunOptions, run
from claimledger.store import open_store
from test_store import dump

pytestmark = [pytest.mark.model, pytest.mark.slow]

def test_examples_give_one_linked_attack_with_a_disputed_death_toll(
    examples_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ledger.db"
    summary = run([examples_dir], db)
    assert (summary.inputs, summary.analysed, summary.errors) == (5, 5, 0)
    with open_store(db) as store:
        events = list(store.events())
        killed = store.ledger(rule="ucdp.v1", measure="killed")
        clusters = {m.event_id: m.cluster_id for m in store.cluster_members()}
    goma = [e for e in events if e.place and e.place.resolved and e.place.resolved.name == "Goma"]
    assert len({e.document_id for e in goma}) == 4  # every outlet's report of the attack
    [entry] = [e for e in killed if len(e.rows) > 3]
    assert entry.disputed
    assert {clusters[e.id] for e in goma} == {entry.cluster_id}
    outlets = {row.outlet for row in entry.rows}
    assert {"Kivu Observer", "Lakeside Wire", "Great Lakes Daily", "Continental Times"} <= outlets
    assert entry.low is not None and entry.high is not None and entry.low < entry.high
    # the toll the outlets state rose over three days (20, 40, then the ministry's 62): the
    # latest of the first days, not the lowest
    assert (entry.low, entry.best, entry.high) == (20, 62, 100)


def test_rerunning_changes_nothing(examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    run([examples_dir], db)
    before = dump(db)
    again = run([examples_dir], db)
    assert (again.analysed, again.skipped) == (0, 5)
    assert dump(db) == before


def test_reference_page_battle_and_its_ledger(reference_page_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    run([reference_page_path], db, options=RunOptions(read=ReadOptions(published="2018-02-21")))
    with open_store(db) as store:
        [analysis] = list(store.analyses())
        ledger = {e.measure: e for e in store.ledger(rule="ucdp.v1")}
    main = analysis.events[0]
    assert main.event_type == "Battles"
    assert any(s.startswith("Explosions/Remote violence") for s in main.sub_events)
    assert main.date is not None and main.date.value == "2018-02-07"
    assert main.place is not None and main.place.resolved is not None
    assert main.place.resolved.country == "Syria"
    assert "Deir" in main.place.name
    killed = ledger["killed"]
    assert killed.disputed
    stated = {(row.text, row.count.low, row.count.high) for row in killed.rows}
    assert ("more than 200", 200, None) in stated or ("more than 200", 200, float("inf")) in stated
    assert any(row.text == "about 100" for row in killed.rows)
    assert any(row.count.low == row.count.high == 5 for row in killed.rows)
    injured = ledger["injured"]
    assert [(row.count.low, row.count.high) for row in injured.rows] == [(200, 300)]
    assert "official" in injured.rows[0].source_name


def test_both_rules_are_stored_and_the_rule_option_names_the_one_counted(
    examples_dir: Path, tmp_path: Path
) -> None:
    ucdp = run([examples_dir], tmp_path / "ucdp.db")
    acled = run([examples_dir], tmp_path / "acled.db", options=RunOptions(rule="acled"))
    assert dump(tmp_path / "ucdp.db") == dump(tmp_path / "acled.db")
    with open_store(tmp_path / "acled.db") as store:
        by_rule = {rule: store.ledger(rule=rule) for rule in ("ucdp.v1", "acled.v1")}
    assert ucdp.ledger_entries == len(by_rule["ucdp.v1"])
    assert acled.ledger_entries == len(by_rule["acled.v1"])
    assert acled.disputed == sum(e.disputed for e in by_rule["acled.v1"])


def write_corpus(folder: Path, pages: int) -> None:
    folder.mkdir()
    for i in range(pages):
        (folder / f"page-{i:03}.txt").write_text(
            f"Clashes near town {i} leave {i + 3} dead\n\n"
            f"At least {i + 3} people were killed on Saturday when gunmen attacked an army post "
            f"near the town, police spokesman John Doe {i} said. Residents said {i + 10} houses "
            "were burned.\n\nBy A. Reporter\n",
            encoding="utf-8",
        )


def stored_documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_a_run_killed_mid_way_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60)
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    options = RunOptions(read=ReadOptions(published="2024-03-10"), batch_size=4)
    run([corpus], reference, options=options)

    command = [
        str(Path(sys.executable).parent / "claimledger"), "run", str(corpus), "--db", str(killed),
        "--published", "2024-03-10",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored_documents(killed) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted_at = stored_documents(killed)
    assert 0 < interrupted_at < 60, "the kill should land in the middle of the run"

    resumed = run([corpus], killed, options=options)
    assert resumed.skipped == interrupted_at and resumed.analysed == 60 - interrupted_at
    assert dump(killed) == dump(reference)


def test_the_ledger_of_confident_figures_only(examples_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimledger.cli import main

    db = tmp_path / "ledger.db"
    run([examples_dir], db)

    def entries(*extra: str) -> dict[tuple[str, str], dict[str, object]]:
        result = CliRunner().invoke(main, ["ledger", "--db", str(db), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return {(e["cluster_id"], e["measure"]): e for e in json.loads(result.output)}

    stored = entries()
    # no bar: the same ledger as stored, built again
    assert entries("--min-confidence", "0") == stored
    # a high bar keeps the figures pages state in their own voice and the surest attributions
    sure = entries("--min-confidence", "0.9")
    assert sum(len(e["rows"]) for e in sure.values()) < sum(len(e["rows"]) for e in stored.values())
    with open_store(db) as store:
        voiced = {
            attribution.id
            for analysis in store.analyses()
            for attribution in analysis.attributions
            if attribution.confidence is not None and attribution.confidence.whole >= 0.9
        }
        kept = {
            f.id for f in store.figures() if f.attribution_id is None or f.attribution_id in voiced
        }
    assert {row["figure_id"] for e in sure.values() for row in e["rows"]} <= kept
