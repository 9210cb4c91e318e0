"""Blocking: which pages linking compares, so that the work grows with the corpus, not with its
square.

Each page has a few keys: its strongest TF-IDF terms and its rarest names (a victim's surname,
a street, a small town). An inverted index lists the pages of each key by day; a page is paired
with the next `neighbours` pages of each of its keys published within `window_days` of it (an
undated page with the first ones of each key). A key on more than `max_key_share` of the pages
says nothing and is dropped. Pairs found through several keys add up the keys' IDF, and each page
keeps its `per_document` strongest partners. Events are also paired by their place: each with
the next `neighbours` events of the same place dated a day or so later (`nearby_events`), the
reports of one shooting whose pages share no strong word. Every step is numpy over the
postings, so a pass costs a few sorts of arrays the size of the corpus's keys.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from claimledger.link_features import DocumentTable, EventTable

Array = np.ndarray[Any, Any]


def _ranks(group: Array, other: Array, strength: Array) -> Array:
    """Each pair's rank among the pairs of its `group`, strongest first (`strength`: 0 for the
    strongest weight; ties: smaller other). The pairs (group, other) are distinct, so they sort
    as one integer key where it fits in 63 bits (one sort of millions of pairs is several times
    faster than numpy's lexsort over three keys)."""
    if not len(group):
        return np.zeros(0, dtype=np.int64)
    levels, others = int(strength.max()) + 1, int(other.max()) + 1
    if (int(group.max()) + 1) * levels * others < 1 << 62:
        order = np.argsort((group * levels + strength) * others + other)
    else:
        order = np.lexsort((other, strength, group))
    ranks = np.empty(len(group), dtype=np.int64)
    sorted_group = group[order]
    starts = np.r_[0, np.flatnonzero(sorted_group[1:] != sorted_group[:-1]) + 1]
    lengths = np.diff(np.r_[starts, len(group)])
    ranks[order] = np.arange(len(group)) - np.repeat(starts, lengths)
    return ranks


def distinct(values: Array) -> tuple[Array, Array]:
    """The distinct values, sorted, and where each element of `values` is among them: what
    np.unique gives with return_inverse, by one sort (np.unique of numpy 2.4 hashes first,
    many times slower on millions of integers)."""
    order = np.argsort(values)
    ordered = values[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]] if len(values) else np.zeros(0, dtype=bool)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def candidate_documents(
    table: DocumentTable,
    df: Array,
    idf: Array,
    *,
    window_days: int,
    neighbours: int,
    per_document: int,
    max_key_share: float,
) -> tuple[Array, Array]:
    """Pairs of document rows (a < b) to compare, sorted."""
    count = len(table.keys)
    if count < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    lengths = np.fromiter((len(k) for k in table.keys), dtype=np.int64, count=count)
    keys = np.concatenate(table.keys) if lengths.sum() else np.zeros(0, dtype=np.int64)
    documents = np.repeat(np.arange(count, dtype=np.int64), lengths)
    common = df[keys] > max(50.0, max_key_share * count)
    keys, documents = keys[~common], documents[~common]
    days = table.day[documents]
    order = np.lexsort((documents, days, keys))
    keys, documents, days = keys[order], documents[order], days[order]
    weights = idf[keys]
    found: list[Array] = []
    found_weights: list[Array] = []
    for offset in range(1, min(neighbours + 1, len(keys))):
        first, second = slice(None, -offset), slice(offset, None)
        near = (days[second] - days[first] <= window_days) | (days[first] < 0)
        keep = (keys[first] == keys[second]) & near & (documents[first] != documents[second])
        a, b = documents[first][keep], documents[second][keep]
        found.append(np.minimum(a, b) * count + np.maximum(a, b))
        found_weights.append(weights[first][keep])
    codes, inverse = distinct(np.concatenate(found or [np.zeros(0, dtype=np.int64)]))
    # summed in the order found, whatever the sort, so the totals are the same to the last bit
    totals = np.bincount(inverse, weights=np.concatenate(found_weights or [np.zeros(0)]),
                         minlength=len(codes))
    a, b = codes // count, codes % count
    strength = distinct(-totals)[1]
    strong = (_ranks(a, b, strength) < per_document) | (_ranks(b, a, strength) < per_document)
    return a[strong], b[strong]


def event_pairs(events: EventTable, a: Array, b: Array) -> tuple[Array, Array]:
    """Every pair of an event of document a[k] with an event of document b[k]."""
    order = np.argsort(events.document, kind="stable")
    by_document = events.document[order]
    size = int(max(a.max(initial=-1), b.max(initial=-1))) + 1
    counts = np.bincount(by_document, minlength=size)[:size] if len(by_document) else np.zeros(
        size, dtype=np.int64)
    starts = np.r_[0, np.cumsum(counts)[:-1]] if size else np.zeros(0, dtype=np.int64)
    ca, cb = counts[a], counts[b]
    many = ca * cb
    pair = np.repeat(np.arange(len(a)), many)
    within = np.arange(int(many.sum())) - np.repeat(np.cumsum(many) - many, many)
    first = order[starts[a[pair]] + within // cb[pair]]
    second = order[starts[b[pair]] + within % cb[pair]]
    return first, second


def nearby_events(
    events: EventTable, day: Array, *, days: int, neighbours: int
) -> tuple[Array, Array]:
    """Pairs of event rows (a < b) placed at one place (the resolved place, else the name as
    written) and dated at most `days` apart (`day`: each event's day, -1 none), each event with
    the next `neighbours` of its place in day order: reports of one shooting whose pages share
    no strong word ("2 Charlotte teens arrested ..." under a column of video titles)."""
    place = np.where(events.resolved >= 0, events.resolved, events.place)
    rows = np.flatnonzero((place >= 0) & (day >= 0))
    order = np.lexsort((rows, day[rows], place[rows]))
    rows = rows[order]
    keys, dated = place[rows], day[rows]
    found_a: list[Array] = []
    found_b: list[Array] = []
    for offset in range(1, min(neighbours + 1, len(rows))):
        first, second = slice(None, -offset), slice(offset, None)
        keep = (keys[first] == keys[second]) & (dated[second] - dated[first] <= days)
        keep &= events.document[rows[first]] != events.document[rows[second]]
        a, b = rows[first][keep], rows[second][keep]
        found_a.append(np.minimum(a, b))
        found_b.append(np.maximum(a, b))
    empty = np.zeros(0, dtype=np.int64)
    return np.concatenate(found_a or [empty]), np.concatenate(found_b or [empty])
