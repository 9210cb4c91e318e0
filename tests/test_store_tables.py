"""Table specs: each record table's columns are written once, in store_tables.py, and they are
the columns the migrations create, in the same order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from battle_records import battle_link, first_analysis
from claimledger.model import ClusterMember, Count, EventLink, LedgerEntry, LedgerRow
from claimledger.store import open_store, open_store_read_only
from claimledger.store_tables import CLUSTERS, LEDGER, LINKS, RECORD_TABLES, TableSpec

# Written by the store itself, not from a record (a run's row at its start, its counts at its
# end), and SQLite's own bookkeeping for AUTOINCREMENT.
NOT_RECORD_TABLES = {"runs", "sqlite_sequence"}


@pytest.fixture(scope="module")
def created(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    with open_store(tmp_path_factory.mktemp("fresh") / "fresh.db") as store:
        return store.table_columns()


@pytest.mark.parametrize("spec", RECORD_TABLES, ids=lambda spec: spec.name)
def test_a_fresh_store_has_each_specs_columns_in_order(
    created: dict[str, list[str]], spec: TableSpec[object]
) -> None:
    assert created[spec.name] == list(spec.columns)


def test_every_record_table_has_one_spec(created: dict[str, list[str]]) -> None:
    names = [spec.name for spec in RECORD_TABLES]
    assert len(names) == len(set(names))
    assert set(names) == set(created) - NOT_RECORD_TABLES


def test_the_insert_names_every_column_once() -> None:
    for spec in RECORD_TABLES:
        listed = spec.insert.split("(", 1)[1].split(")", 1)[0]
        assert [c.strip().strip('"') for c in listed.split(",")] == list(spec.columns)
        assert spec.insert.count("?") == len(spec.columns)


def test_values_follow_the_columns() -> None:
    member = ClusterMember(event_id="e2", cluster_id="e1", document_id="d2")
    assert dict(zip(CLUSTERS.columns, CLUSTERS.values(member), strict=True)) == {
        "cluster_id": "e1", "event_id": "e2", "document_id": "d2"}
    link = EventLink(a="e9", b="e1", score=0.5)
    assert LINKS.values(link)[:2] == ("e1", "e9")  # a pair is stored smaller id first


def test_ledger_sources_count_names_without_case() -> None:
    rows = tuple(
        LedgerRow(figure_id=f"f{i}", document_id="d", source_name=name, outlet=None,
                  published=None, count=Count(low=5, high=5), text="five")
        for i, name in enumerate(["Reuters", "reuters", "AP"])
    )
    entry = LedgerEntry(cluster_id="e1", measure="killed", rows=rows, low=5, best=5, high=5,
                        disputed=False, rule="ucdp.v1")
    values = dict(zip(LEDGER.columns, LEDGER.values(entry), strict=True))
    assert values["sources"] == 2


def test_a_read_only_store_reads_and_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        store.write_analysis(first_analysis())
    with open_store_read_only(path) as store:
        assert list(store.document_ids()) == [first_analysis().document.id]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.write_links([battle_link()])
