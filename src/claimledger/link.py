"""Cross-document event linking: the same real-world event reported by different pages.

Documents are never merged: a link joins two per-document events and records the signals that
made it (link_features.FEATURES: shared words, title, names, the people harmed, ages, days and
a day one page recalls of the other's event, place, counts, family, outlet), so every decision
can be read and undone.

1. Profiles: two streaming passes over the events' documents (link_features).
2. Blocking: pages that share a rare key (a name, a strong term) within a date window, and
   events at one place dated a day apart (link_blocking), so candidate pairs grow near-linearly
   with the corpus.
3. Scoring: a logistic model over the signals, its weights fitted on half of a corpus of local
   news grouped by incident (`python -m claimledger.eval.train_links`, link_model.json).
   Events in different countries (both firmly held), of different kinds (a protest, an
   attack), of the same document, or of one family whose texts write calendar dates more than
   `dated_apart_days` apart are never linked.
4. Clustering: links are taken strongest first, and two groups of events join only when the
   mean probability over all their pairs (a pair never compared counts as 0) reaches
   `coherence`, so one wrong link cannot chain two incidents together. Only links inside the
   resulting groups are kept: the clusters the ledger draws from the links are these groups.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import msgspec
import numpy as np

from claimledger.link_blocking import candidate_documents, distinct, event_pairs, nearby_events
from claimledger.link_features import (
    FEATURES,
    DocumentTable,
    EventTable,
    count_corpus,
    pair_features,
    profile_documents,
    profile_events,
)
from claimledger.model import Document, Event, EventLink, Figure, Person

MODEL_FILE = "link_model.json"
BATCH = 20_000
# Pairs below this probability are not kept for the coherence check (they count as 0 there).
FLOOR = 0.1


class LinkModel(msgspec.Struct, frozen=True, kw_only=True):
    """A logistic model over the link signals, with the thresholds chosen with it."""

    weights: dict[str, float]
    bias: float
    threshold: float
    coherence: float
    fitted: dict[str, Any] = {}

    def probability(self, features: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        w = np.asarray([self.weights.get(name, 0.0) for name in FEATURES])
        result: np.ndarray[Any, Any] = 1.0 / (1.0 + np.exp(-(features @ w + self.bias)))
        return result


@lru_cache(maxsize=1)
def fitted_model() -> LinkModel:
    """The model shipped with the package (link_model.json)."""
    raw = resources.files("claimledger").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return msgspec.json.decode(raw, type=LinkModel)


class LinkOptions(msgspec.Struct, frozen=True, kw_only=True):
    # Pages are compared when published within this many days of each other.
    window_days: int = 400
    # Events of one family whose pages write calendar dates further apart than this are
    # different events (an arrest or a trial, of another family, may follow a shooting by
    # months).
    dated_apart_days: int = 30
    neighbours: int = 12
    candidates_per_document: int = 24
    max_key_share: float = 0.05
    # Events at one place dated at most this many days apart are compared whatever their
    # pages' words (-1: never).
    place_days: int = 1
    # None: the fitted model's (link_model.json).
    model: LinkModel | None = None
    threshold: float | None = None
    coherence: float | None = None


@dataclass
class Comparison:
    """Compared pairs of events (rows a[k] < b[k] of `events`) with their signals, and with a
    model their probabilities; `compared` counts every pair blocking let through."""

    documents: DocumentTable
    events: EventTable
    a: np.ndarray[Any, Any]
    b: np.ndarray[Any, Any]
    features: np.ndarray[Any, Any]
    compared: int
    probability: np.ndarray[Any, Any] | None = None


def compare_events(
    events: Sequence[Event],
    documents: Mapping[str, Document],
    *,
    figures: Mapping[str, Figure] | None = None,
    people: Mapping[str, Person] | None = None,
    stated_days: Mapping[str, Iterable[str]] | None = None,
    options: LinkOptions | None = None,
    model: LinkModel | None = None,
    keep_signals: bool = True,
) -> Comparison:
    """Profile the events and their documents, block, and compute the signals of each pair
    (`stated_days`: the calendar days each document writes, ISO, by document id:
    Store.stated_days).
    With a `model`, each batch of pairs is scored and the pairs below FLOOR dropped at once, so
    a large corpus never holds the signals of every compared pair; with `keep_signals` False
    none are kept (`features` has no rows: link_events computes its links' again)."""
    options = options or LinkOptions()
    ordered = sorted((e for e in events if e.document_id in documents), key=lambda e: e.id)
    document_ids = sorted({e.document_id for e in ordered})
    counts = count_corpus(documents[i] for i in document_ids)
    table = profile_documents((documents[i] for i in document_ids), counts,
                              stated_days=stated_days)
    event_table = profile_events(ordered, table, counts, figures=figures or {},
                                 people=people or {})
    doc_a, doc_b = candidate_documents(
        table, counts.df, counts.idf(), window_days=options.window_days,
        neighbours=options.neighbours, per_document=options.candidates_per_document,
        max_key_share=options.max_key_share,
    )
    a, b = event_pairs(event_table, doc_a, doc_b)
    a, b = np.minimum(a, b), np.maximum(a, b)
    if options.place_days >= 0:
        day = np.where(event_table.day >= 0, event_table.day, table.day[event_table.document])
        near_a, near_b = nearby_events(event_table, day, days=options.place_days,
                                       neighbours=options.neighbours)
        codes = distinct(np.r_[a, near_a] * len(event_table.events) + np.r_[b, near_b])[0]
        a, b = codes // len(event_table.events), codes % len(event_table.events)
    allowed = _allowed(event_table, a, b, options.dated_apart_days)
    a, b = a[allowed], b[allowed]
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    firsts, seconds, signals, scores = [], [], [], []
    for start in range(0, len(a), BATCH):
        first, second = a[start : start + BATCH], b[start : start + BATCH]
        features = pair_features(table, event_table, first, second)
        if model is not None:
            probability = model.probability(features)
            strong = probability >= FLOOR
            first, second, features = first[strong], second[strong], features[strong]
            scores.append(probability[strong])
        firsts.append(first)
        seconds.append(second)
        if keep_signals:
            signals.append(features)
    return Comparison(
        documents=table, events=event_table, a=_joined(firsts, np.zeros(0, dtype=np.int64)),
        b=_joined(seconds, np.zeros(0, dtype=np.int64)),
        features=_joined(signals, np.zeros((0, len(FEATURES)))), compared=len(a),
        probability=_joined(scores, np.zeros(0)) if model is not None else None,
    )


def _joined(
    parts: list[np.ndarray[Any, Any]], empty: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    return np.concatenate(parts) if parts else empty


def _allowed(
    events: EventTable, a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], dated_apart: int
) -> np.ndarray[Any, Any]:
    """The pairs no hard rule keeps apart: events of one document, in different countries both
    firmly held (link_features._firm_country: a small town abroad is weighed as a place that
    differs, it may be a namesake of one at home), of different kinds (link_features.KINDS: a
    protest and an attack), or of one family whose texts write calendar dates more than
    `dated_apart` days apart. (Other days are weighed, not ruled on: a weekday
    read against the page's date dates a follow-up months later to its own week, and the page's
    date is the fallback of undated events.)"""
    ca, cb = events.country[a], events.country[b]
    firm = (events.firm_country[a] == 1) & (events.firm_country[b] == 1)
    countries = (ca < 0) | (cb < 0) | (ca == cb) | ~firm
    da, db = events.stated_day[a], events.stated_day[b]
    apart = (da >= 0) & (db >= 0) & (np.abs(da - db) > dated_apart)
    one_family = events.family[a] == events.family[b]
    ka, kb = events.kind[a], events.kind[b]
    kinds = (ka < 0) | (kb < 0) | (ka == kb)
    allowed: np.ndarray[Any, Any] = (
        countries & kinds & ~(apart & one_family) & (events.document[a] != events.document[b])
    )
    return allowed


def coherent_groups(
    a: np.ndarray[Any, Any],
    b: np.ndarray[Any, Any],
    probability: np.ndarray[Any, Any],
    *,
    threshold: float,
    coherence: float,
) -> list[int]:
    """The positions of the pairs kept as links: pairs at or above `threshold`, strongest
    first, join their groups when the mean probability over all pairs across the two groups is
    at least `coherence` (a pair never compared, or below FLOOR, counts as 0); the kept pairs
    are those inside the final groups. Each group keeps the summed probabilities to its
    neighbouring groups, so a merge costs the neighbours of the smaller one (average linkage)."""
    # an event with no pair at the threshold never joins a group, so its pairs are never weighed;
    # the others are numbered 0.. in `nodes` so that the walk indexes lists, not dicts
    strong = np.flatnonzero(probability >= threshold)
    if not len(strong):
        return []
    nodes = distinct(np.r_[a[strong], b[strong]])[0]
    position_a = np.minimum(np.searchsorted(nodes, a), len(nodes) - 1)
    position_b = np.minimum(np.searchsorted(nodes, b), len(nodes) - 1)
    known = np.flatnonzero(
        (probability >= FLOOR) & (nodes[position_a] == a) & (nodes[position_b] == b)
    )
    between: list[dict[int, float]] = [{} for _ in range(len(nodes))]
    for x, y, p in zip(position_a[known].tolist(), position_b[known].tolist(),
                       probability[known].tolist(), strict=True):
        # each pair is compared once
        between[x][y] = p
        between[y][x] = p
    parent = list(range(len(nodes)))
    size = [1] * len(nodes)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = strong[np.lexsort((b[strong], a[strong], -probability[strong]))]
    for x, y in zip(position_a[order].tolist(), position_b[order].tolist(), strict=True):
        x, y = root(x), root(y)
        if x == y:
            continue
        size_x, size_y = size[x], size[y]
        if between[x].get(y, 0.0) / (size_x * size_y) < coherence:
            continue
        keep, drop = (x, y) if (len(between[x]), -x) >= (len(between[y]), -y) else (y, x)
        joined = between[keep]
        for z, weight in between[drop].items():
            if z == keep:
                continue
            joined[z] = joined.get(z, 0.0) + weight
            neighbour = between[z]
            neighbour[keep] = neighbour.get(keep, 0.0) + neighbour.pop(drop)
        between[drop] = {}
        joined.pop(drop, None)
        parent[drop] = keep
        size[keep] = size_x + size_y
    roots = np.asarray([root(x) for x in range(len(nodes))], dtype=np.int64)
    group_a = roots[position_a[strong]]
    group_b = roots[position_b[strong]]
    return [int(k) for k in strong[group_a == group_b]]


def link_events(
    events: Sequence[Event],
    documents: Mapping[str, Document],
    *,
    figures: Mapping[str, Figure] | None = None,
    people: Mapping[str, Person] | None = None,
    stated_days: Mapping[str, Iterable[str]] | None = None,
    options: LinkOptions | None = None,
) -> list[EventLink]:
    """Links between events of different documents that report the same real-world event
    (`stated_days` as compare_events takes them)."""
    options = options or LinkOptions()
    model = options.model or fitted_model()
    threshold = options.threshold if options.threshold is not None else model.threshold
    coherence = options.coherence if options.coherence is not None else model.coherence
    comparison = compare_events(events, documents, figures=figures, people=people,
                                stated_days=stated_days, options=options, model=model,
                                keep_signals=False)
    probability = comparison.probability
    assert probability is not None
    kept = coherent_groups(comparison.a, comparison.b, probability, threshold=threshold,
                           coherence=coherence)
    found = comparison.events.events
    # rounded as arrays and read out as Python floats at once: a large corpus has 100,000s
    rows = np.asarray(kept, dtype=np.int64)
    first_rows, second_rows = comparison.a[rows], comparison.b[rows]
    features = pair_features(comparison.documents, comparison.events, first_rows, second_rows)
    signals = np.round(features, 3).tolist()
    scores = np.round(probability[rows], 3).tolist()
    links = [
        EventLink(a=found[first].id, b=found[second].id, score=score,
                  signals=dict(zip(FEATURES, values, strict=True)))
        for first, second, score, values in zip(
            first_rows.tolist(), second_rows.tolist(), scores, signals,
            strict=True)
    ]
    links.sort(key=lambda link: (link.a, link.b))
    return links


def model_json(model: LinkModel) -> str:
    """The model as the package stores it: indented JSON, weights in FEATURES order."""
    data = msgspec.to_builtins(model)
    data["weights"] = {name: model.weights.get(name, 0.0) for name in FEATURES}
    return json.dumps(data, indent=2) + "\n"
