"""What relink derives from the stored events and links, written whole into the store: each
event's cluster and the ledger under every rule. Readers (the exports, the viewer) read them
back rather than recomputing them.

A store may hold events its clusters do not cover: one written before clusters were stored
(schema version 4 or older, with one rule's ledger), or one whose run stopped between its
analyses and its relink. `bring_up_to_date` derives them again there, from the links as stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import get_args

from claimledger.ledger import RULE_NAMES, build_ledger, cluster_events
from claimledger.model import ClusterMember, Document, Event, EventLink, Figure, LedgerEntry
from claimledger.store import Store
from claimledger.taxonomy import Rule

RULES: tuple[Rule, ...] = get_args(Rule)
STORED_RULES = tuple(RULE_NAMES[rule] for rule in RULES)


def write_derived(
    store: Store,
    events: Sequence[Event],
    links: Sequence[EventLink],
    *,
    documents: Mapping[str, Document] | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> dict[Rule, list[LedgerEntry]]:
    """Cluster `events` by `links` (once), build the ledger under every rule, and store both in
    place of what was stored; the ledger of each rule. Documents and figures are read from the
    store when not given."""
    documents = documents if documents is not None else store.document_map()
    figures = figures if figures is not None else store.figure_map()
    cluster_of = cluster_events(events, links)
    # One record per event id, as cluster_events and the table key them.
    members = {
        event.id: ClusterMember(event_id=event.id, cluster_id=cluster_of[event.id],
                                document_id=event.document_id)
        for event in events
    }
    ledgers = {
        rule: build_ledger(events, figures, documents, links, rule=rule, clusters=cluster_of)
        for rule in RULES
    }
    store.write_clusters_and_ledger(
        members.values(), [entry for rule in RULES for entry in ledgers[rule]], rules=STORED_RULES
    )
    return ledgers


def bring_up_to_date(store: Store) -> bool:
    """Derive the clusters and ledgers again where the stored ones do not cover the stored
    events and links; whether anything was written."""
    if store.derived_is_current(STORED_RULES):
        return False
    write_derived(store, list(store.events()), store.links())
    return True


def confident_ledger(
    store: Store, minimum: float, rule: Rule, cluster_id: str | None = None
) -> list[LedgerEntry]:
    """The ledger built again from the figures a reader can be at least `minimum` sure of: a
    figure the page states in its own voice, or one whose attribution is at least that likely
    right as a whole (one stored without a confidence is not known to be). Clusters stay as the
    links make them."""
    sure = {
        attribution.id
        for analysis in store.analyses()
        for attribution in analysis.attributions
        if attribution.confidence is not None and attribution.confidence.whole >= minimum
    }
    figures = {
        figure.id: figure
        for figure in store.figures()
        if figure.attribution_id is None or figure.attribution_id in sure
    }
    events, links = list(store.events()), store.links()
    entries = build_ledger(
        events, figures, store.document_map(), links, rule=rule,
        clusters=cluster_events(events, links),
    )
    return [e for e in entries if cluster_id is None or e.cluster_id == cluster_id]
