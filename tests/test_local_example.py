"""The bundled local-news example: two reports of one shooting, the toll rising between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.runner import run
from claimledger.store import open_store
from conftest import REPO

pytestmark = [pytest.mark.model, pytest.mark.slow]
LOCAL = REPO / "examples" / "local"


def test_two_reports_of_one_shooting_make_one_ledger_whose_toll_rose(tmp_path: Path) -> None:
    db = tmp_path / "local.db"
    summary = run([LOCAL], db)
    assert (summary.inputs, summary.analysed, summary.errors) == (2, 2, 0)
    with open_store(db) as store:
        analyses = list(store.analyses())
        entries = store.ledger(rule="ucdp.v1")
    clusters = {entry.cluster_id for entry in entries}
    assert len(clusters) == 1  # the two reports are linked
    killed = next(e for e in entries if e.measure == "killed")
    assert (killed.low, killed.best) == (1, 2)
    assert not killed.disputed  # the toll rose from one report to the next
    assert [row.published for row in killed.rows] == ["2024-05-05", "2024-05-07"]
    named = {p.name for a in analyses for p in a.people if p.status == "killed"}
    assert {"Marcus Hill", "Reginald Moore"} <= named
    counted = [f for a in analyses for f in a.figures if f.rule == "people.v1"]
    assert counted and all(f.evidence for f in counted)
