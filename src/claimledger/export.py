"""Exports of a store: JSONL (full records), CSV with ACLED-like or UCDP-like columns, Parquet.

The CSV exports have one row per event cluster (linked per-document events); their fatality
columns come from the cluster's "killed" ledger entry (ACLED: its "acled" best; UCDP: its
"ucdp" low/best/high), 0 where no source gives a number, as both datasets code it. Parquet holds
the ledger in long form, both rules: one row per source's figure, beside its entry's estimates.
The ledger is computed from the stored analyses and links at export time (nothing is written
back), so an export never pairs a stored ledger with links that came after it.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.ledger import Rule, cluster_events, ledger_from_analyses
from claimledger.model import Document, Event, LedgerEntry, LedgerRow
from claimledger.store import Store

Format = Literal["jsonl", "csv-acled", "csv-ucdp", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv-acled", "csv-ucdp", "parquet")
RULES: tuple[Rule, ...] = ("ucdp", "acled")
ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
    "latitude", "longitude", "source", "notes", "fatalities",
)
UCDP_COLUMNS = (
    "date_start", "date_end", "side_a", "side_b", "where_description", "best", "low", "high",
    "source_article",
)
PARQUET_SCHEMA = pa.schema([
    ("cluster_id", pa.string()),
    ("measure", pa.string()),
    ("rule", pa.string()),
    ("low", pa.float64()),
    ("best", pa.float64()),
    ("high", pa.float64()),
    ("disputed", pa.bool_()),
    ("population", pa.string()),
    ("figure_id", pa.string()),
    ("document_id", pa.string()),
    ("source_name", pa.string()),
    ("outlet", pa.string()),
    ("published", pa.string()),
    ("figure_low", pa.float64()),
    ("figure_high", pa.float64()),
    ("figure_low_inclusive", pa.bool_()),
    ("figure_high_inclusive", pa.bool_()),
    ("figure_approximate", pa.bool_()),
    ("figure_text", pa.string()),
    ("figure_population", pa.string()),
])


class Cluster(msgspec.Struct, frozen=True, kw_only=True):
    """One event cluster with its events (earliest page first) and their pages."""

    id: str
    events: tuple[Event, ...]
    documents: tuple[Document, ...]


def export(store: Store, fmt: Format, out: Path | str | IO[Any]) -> int:
    """Write the store in `fmt` to a path or an open file (text, or binary for Parquet);
    how many rows (lines for JSONL) were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {list(FORMATS)}")
    if fmt == "parquet":
        links = store.links()
        table = ledger_table([entry for rule in RULES for entry in
                              ledger_from_analyses(store.analyses(), links, rule=rule)])
        pq.write_table(table, str(out) if isinstance(out, str | Path) else out)
        return int(table.num_rows)
    writer: Callable[[Store, IO[str]], int] = {
        "jsonl": write_jsonl,
        "csv-acled": write_acled_csv,
        "csv-ucdp": write_ucdp_csv,
    }[fmt]
    with _text_output(out) as stream:
        return writer(store, stream)


@contextmanager
def _text_output(out: Path | str | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield out


def write_jsonl(store: Store, stream: IO[str]) -> int:
    """Every analysis, then every link, then every ledger entry (by the UCDP rule),
    one JSON record a line; the `record` field says which ("analysis", "link", "ledger")."""
    lines = 0
    for analysis in store.analyses():
        stream.write(msgspec.json.encode(analysis).decode("utf-8") + "\n")
        lines += 1
    links = store.links()
    tagged: list[tuple[str, msgspec.Struct]] = [("link", link) for link in links]
    tagged += [("ledger", entry) for entry in ledger_from_analyses(store.analyses(), links)]
    for record, item in tagged:
        fields = msgspec.to_builtins(item)
        stream.write(msgspec.json.encode({"record": record, **fields}).decode("utf-8") + "\n")
        lines += 1
    return lines


def event_clusters(store: Store) -> list[Cluster]:
    """The store's event clusters, by cluster id."""
    documents = {document.id: document for document in store.documents()}
    events = list(store.events())
    cluster_of = cluster_events(events, store.links())
    members: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        members[cluster_of[event.id]].append(event)

    def page_order(event: Event) -> tuple[bool, str, str]:
        document = documents.get(event.document_id)
        published = document.published if document else None
        return (published is None, published or "", event.id)

    clusters = []
    for cluster_id in sorted(members):
        ordered = tuple(sorted(members[cluster_id], key=page_order))
        pages = [documents[e.document_id] for e in ordered if e.document_id in documents]
        unique_pages = tuple({page.id: page for page in pages}.values())
        clusters.append(Cluster(id=cluster_id, events=ordered, documents=unique_pages))
    return clusters


def _most_common(values: Sequence[str | None]) -> str:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else ""


def _actor(events: Sequence[Event], role: str) -> str:
    for event in events:
        for actor in event.actors:
            if actor.role == role:
                return actor.name
    return ""


def _full_dates(events: Sequence[Event]) -> list[str]:
    """Event dates known to the day (a partial date, e.g. with an unknown year, is left out)."""
    return [e.date.value for e in events if e.date and e.date.value
            and e.date.granularity == "day" and "X" not in e.date.value]


def _place(events: Sequence[Event]) -> dict[str, Any]:
    for event in events:
        if event.place and event.place.resolved:
            resolved = event.place.resolved
            return {"admin1": resolved.admin1 or "", "location": resolved.name,
                    "latitude": resolved.latitude, "longitude": resolved.longitude,
                    "where_description": event.place.name}
    for event in events:
        if event.place:
            return {"admin1": "", "location": event.place.name, "latitude": "",
                    "longitude": "", "where_description": event.place.name}
    return {"admin1": "", "location": "", "latitude": "", "longitude": "",
            "where_description": ""}


def _count(value: float | None) -> int:
    # Counts are whole people; a bound like 200.0 is written 200.
    return int(value) if value is not None else 0


def _figure_note(row: LedgerRow) -> str:
    """'five Russian (Russian Foreign Ministry)': the figure, whom it counts, who says it."""
    counted = row.text
    if row.population and row.population.casefold() not in row.text.casefold():
        counted += f" {row.population}"
    return f"{counted} ({row.source_name or row.outlet or 'unattributed'})"


def _clusters_with_killed(
    store: Store, rule: Rule
) -> list[tuple[Cluster, LedgerEntry | None, list[str]]]:
    """Each event cluster with its killed entry of the ledger under `rule`, and its full dates."""
    ledger = ledger_from_analyses(store.analyses(), store.links(), rule=rule)
    killed: dict[str, LedgerEntry] = {}
    for entry in ledger:
        if entry.measure == "killed":
            killed.setdefault(entry.cluster_id, entry)
    return [(c, killed.get(c.id), _full_dates(c.events)) for c in event_clusters(store)]


def write_acled_csv(store: Store, stream: IO[str]) -> int:
    """One ACLED-like row per event cluster; fatalities by ACLED's conservative rule."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    clusters = _clusters_with_killed(store, "acled")
    for cluster, killed, dates in clusters:
        place = _place(cluster.events)
        notes = "; ".join(d.title for d in cluster.documents if d.title)
        if killed:
            figures = ", ".join(_figure_note(row) for row in killed.rows)
            notes += f"{'. ' if notes else ''}Killed: {figures}"
            notes += " [disputed]" if killed.disputed else ""
        writer.writerow({
            "event_date": min(dates) if dates else "",
            "event_type": _most_common([e.event_type for e in cluster.events]),
            "sub_event_type": _most_common([e.sub_event_type for e in cluster.events]),
            "actor1": _actor(cluster.events, "initiator"),
            "actor2": _actor(cluster.events, "target"),
            "admin1": place["admin1"],
            "location": place["location"],
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "source": "; ".join(dict.fromkeys(d.outlet for d in cluster.documents if d.outlet)),
            "notes": notes,
            "fatalities": _count(killed.best if killed else None),
        })
    return len(clusters)


def write_ucdp_csv(store: Store, stream: IO[str]) -> int:
    """One UCDP-like row per event cluster; low/best/high by the UCDP rule."""
    writer = csv.DictWriter(stream, fieldnames=UCDP_COLUMNS)
    writer.writeheader()
    clusters = _clusters_with_killed(store, "ucdp")
    for cluster, killed, dates in clusters:
        articles = [
            " ".join(part for part in (d.outlet, d.published, f'"{d.title}"' if d.title else "")
                     if part)
            for d in cluster.documents
        ]
        writer.writerow({
            "date_start": min(dates) if dates else "",
            "date_end": max(dates) if dates else "",
            "side_a": _actor(cluster.events, "initiator"),
            "side_b": _actor(cluster.events, "target"),
            "where_description": _place(cluster.events)["where_description"],
            "best": _count(killed.best if killed else None),
            "low": _count(killed.low if killed else None),
            "high": _count(killed.high if killed else None),
            "source_article": "; ".join(a for a in articles if a),
        })
    return len(clusters)


def ledger_table(entries: Sequence[LedgerEntry]) -> pa.Table:
    """The ledger in long form: one row per source's figure, beside its entry's estimates."""
    records = [
        {
            "cluster_id": entry.cluster_id,
            "measure": entry.measure,
            "rule": entry.rule,
            "low": entry.low,
            "best": entry.best,
            "high": entry.high,
            "disputed": entry.disputed,
            "population": entry.population,
            "figure_id": row.figure_id,
            "document_id": row.document_id,
            "source_name": row.source_name,
            "outlet": row.outlet,
            "published": row.published,
            "figure_low": row.count.low,
            "figure_high": row.count.high,
            "figure_low_inclusive": row.count.low_inclusive,
            "figure_high_inclusive": row.count.high_inclusive,
            "figure_approximate": row.count.approximate,
            "figure_text": row.text,
            "figure_population": row.population,
        }
        for entry in entries
        for row in entry.rows
    ]
    return pa.Table.from_pylist(records, schema=PARQUET_SCHEMA)
