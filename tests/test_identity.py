"""Document identity: a report is a text at a place. The same page read twice is one document;
one text at two places is two reports that share it, and the ledger counts it once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimledger.model import Analysis, content_id, document_id
from claimledger.pipeline import process
from claimledger.runner import run
from claimledger.store import open_store

WIRE = "lakeside-wire-goma.html"  # carries its canonical URL
SCRAPE = "great-lakes-daily-goma.txt"  # carries none: its input names it


def test_identity_is_the_text_at_its_url_or_input_name() -> None:
    text = "Twelve people were killed in Goma on Saturday."
    same = document_id(text, url=None, input="pages/a.html")
    assert same == document_id(text, url=None, input="elsewhere/a.html")
    assert same != document_id(text, url=None, input="pages/b.html")
    assert document_id(text, url="https://a.example/x", input="a.html") == document_id(
        text, url="https://a.example/x", input="b.html"
    )
    assert same != content_id(text)


@pytest.mark.model
def test_one_page_copied_under_two_names_is_one_document(
    examples_dir: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(examples_dir / WIRE, pages / "a.html")
    shutil.copy(examples_dir / WIRE, pages / "b.html")
    db = tmp_path / "ledger.db"
    summary = run([pages], db)
    assert (summary.inputs, summary.analysed, summary.skipped, summary.errors) == (2, 1, 1, 0)
    with open_store(db) as store:
        assert len(list(store.document_ids())) == 1


@pytest.mark.model
def test_one_text_at_two_places_is_two_reports_sharing_it(
    examples_dir: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(examples_dir / SCRAPE, pages / "a.txt")
    shutil.copy(examples_dir / SCRAPE, pages / "b.txt")
    analyses = [r for r in process([pages]) if isinstance(r, Analysis)]
    assert len(analyses) == 2
    first, second = analyses
    assert first.document.id != second.document.id
    assert first.document.text_id == second.document.text_id != ""
    ids = [{f.id for f in a.figures} for a in analyses]
    assert ids[0] and not ids[0] & ids[1]  # no record of one report stands for the other's


@pytest.mark.model
def test_run_stores_both_reports_and_a_rerun_skips_them(
    examples_dir: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(examples_dir / SCRAPE, pages / "a.txt")
    shutil.copy(examples_dir / SCRAPE, pages / "b.txt")
    db = tmp_path / "ledger.db"
    summary = run([pages], db)
    assert (summary.inputs, summary.analysed, summary.errors) == (2, 2, 0)
    again = run([pages], db)
    assert (again.analysed, again.skipped) == (0, 2)
    with open_store(db) as store:
        killed = [e for e in store.ledger(rule="ucdp.v1") if e.measure == "killed"]
    assert killed
    entry = max(killed, key=lambda e: len(e.rows))
    # each report lists its rows; the reprint's figures count once
    documents = {row.document_id for row in entry.rows}
    assert len(documents) == 2
    texts = {row.text_id for row in entry.rows}
    assert len(texts) == 1
    assert not entry.disputes or all(
        {a, b} <= {row.figure_id for row in entry.rows} for a, b in entry.disputes
    )
