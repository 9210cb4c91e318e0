"""What relink derives, stored: each event's cluster and the ledger under both rules, read back by
the store; and a store whose derived records lag its events brought up to date."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from battle_records import battle_link, first_analysis, numbered_analysis, second_analysis
from claimledger.derived import RULES, STORED_RULES, bring_up_to_date, write_derived
from claimledger.ledger import RULE_NAMES, cluster_events, ledger_from_analyses
from claimledger.model import ClusterMember, EventLink
from claimledger.store import Store, open_store
from test_store import dump


def first_event() -> str:
    return first_analysis().events[0].id


def second_event() -> str:
    return second_analysis().events[0].id


def battle() -> str:
    """The battle's cluster: named by its smallest event id."""
    return min(first_event(), second_event())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "ledger.db")
    store.write_analyses([first_analysis(), second_analysis()])
    store.write_links([battle_link()])
    return store


def derive(store: Store) -> None:
    write_derived(store, list(store.events()), store.links())


def test_clusters_are_stored_as_cluster_events_computes_them(store: Store) -> None:
    derive(store)
    expected = cluster_events(store.events(), store.links())
    assert {m.event_id: m.cluster_id for m in store.cluster_members()} == expected
    assert set(expected.values()) == {battle()}
    documents = {a.events[0].id: a.document.id for a in (first_analysis(), second_analysis())}
    assert {m.event_id: m.document_id for m in store.cluster_members()} == documents


def test_both_rules_ledgers_are_stored(store: Store) -> None:
    ledgers = write_derived(store, list(store.events()), store.links())
    analyses = [first_analysis(), second_analysis()]
    for rule in RULES:
        expected = ledger_from_analyses(analyses, [battle_link()], rule=rule)
        assert ledgers[rule] == expected
        assert store.ledger(rule=RULE_NAMES[rule]) == expected
    killed = {e.rule: e.best for e in store.ledger(measure="killed")}
    assert killed == {"ucdp.v1": 100, "acled.v1": 100}


def test_a_relink_replaces_every_cluster(store: Store) -> None:
    derive(store)
    store.write_links([], replace=True)
    derive(store)
    assert {m.event_id: m.cluster_id for m in store.cluster_members()} == {
        first_event(): first_event(), second_event(): second_event()}
    assert {e.cluster_id for e in store.ledger()} == {first_event(), second_event()}


def test_deriving_again_changes_nothing(store: Store) -> None:
    derive(store)
    before = dump(store.path)
    derive(store)
    assert dump(store.path) == before


def test_an_event_finds_its_cluster(store: Store) -> None:
    derive(store)
    assert store.cluster_of(first_event()) == battle()
    assert store.cluster_of(second_event()) == battle()
    assert store.cluster_of("no-such-event") is None


def test_a_clusters_events_run_earliest_page_first(store: Store) -> None:
    derive(store)
    members = list(store.clustered_events(battle()))
    # Zero Hedge's page is from 21 February, Example Wire's from the 23rd.
    assert [m.event.id for m in members] == [first_event(), second_event()]
    assert [(m.outlet, m.published) for m in members] == [
        ("Zero Hedge", "2018-02-21"), ("Example Wire", "2018-02-23")]
    assert {m.cluster_id for m in members} == {battle()}
    assert list(store.clustered_events("no-such-cluster")) == []


def test_undated_pages_come_last_in_a_cluster(tmp_path: Path) -> None:
    first = first_analysis()
    undated = msgspec.structs.replace(
        second_analysis(),
        document=msgspec.structs.replace(second_analysis().document, published=None),
    )
    with open_store(tmp_path / "undated.db") as store:
        store.write_analyses([undated, first])
        store.write_links([battle_link()])
        derive(store)
        order = [m.event.document_id for m in store.clustered_events()]
    assert order == [first.document.id, undated.document.id]


def test_stored_order_lists_events_by_document_and_place(store: Store) -> None:
    derive(store)
    assert [m.event for m in store.clustered_events(order="stored")] == list(store.events())


def test_an_event_stored_after_the_relink_is_a_cluster_of_its_own(store: Store) -> None:
    derive(store)
    late = numbered_analysis(1)
    store.write_analysis(late)
    event = late.events[0].id
    assert store.cluster_of(event) == event
    assert [m.event.id for m in store.clustered_events(event)] == [event]


def test_ledger_entries_run_by_cluster_then_measure_then_rule(store: Store) -> None:
    store.write_links([], replace=True)
    derive(store)
    keys = [(e.cluster_id, e.measure, e.rule) for e in store.ledger_entries()]
    measure_rank = {"killed": 0, "injured": 1}
    assert keys == sorted(keys, key=lambda k: (k[0], measure_rank[k[1]], k[2]))
    assert ("killed", "acled.v1") in {(m, r) for _, m, r in keys}
    assert len(keys) == 6  # the first page: killed and injured, the second: killed; two rules


@pytest.mark.parametrize(
    "change",
    [
        "nothing derived",
        "an analysis added",
        "a link added",
        "one rule cleared",
        "an analysis replaced",
    ],
)
def test_derived_records_that_lag_the_store_are_noticed(store: Store, change: str) -> None:
    if change != "nothing derived":
        derive(store)
        assert store.derived_is_current(STORED_RULES)
    if change == "an analysis added":
        store.write_analysis(numbered_analysis(1))
    elif change == "a link added":
        store.write_links([], replace=True)
        derive(store)
        store.write_links([battle_link()])
    elif change == "one rule cleared":
        store.write_ledger([], rules=["acled.v1"])
    elif change == "an analysis replaced":
        first = first_analysis()
        renamed = msgspec.structs.replace(first.events[0], id="renamed-event")
        store.write_analysis(msgspec.structs.replace(first, events=(renamed,)), replace=True)
    assert not store.derived_is_current(STORED_RULES)


def test_bringing_a_lagging_store_up_to_date_derives_what_a_relink_would(
    store: Store, tmp_path: Path
) -> None:
    assert bring_up_to_date(store)
    assert store.derived_is_current(STORED_RULES)
    assert not bring_up_to_date(store)
    with open_store(tmp_path / "relinked.db") as relinked:
        relinked.write_analyses([first_analysis(), second_analysis()])
        relinked.write_links([battle_link()])
        derive(relinked)
        assert relinked.ledger() == store.ledger()
        assert relinked.cluster_members() == store.cluster_members()


def test_an_empty_store_is_up_to_date(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        assert store.derived_is_current(STORED_RULES)
        assert not bring_up_to_date(store)


def test_links_to_events_that_are_not_stored_are_ignored(store: Store) -> None:
    store.write_links([EventLink(a=first_event(), b="gone-event", score=1.0)])
    derive(store)
    assert store.derived_is_current(STORED_RULES)
    assert ClusterMember(event_id=first_event(), cluster_id=battle(),
                         document_id=first_analysis().document.id) in store.cluster_members()
