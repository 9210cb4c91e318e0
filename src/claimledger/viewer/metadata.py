"""Datasette metadata for a claimledger store: titles, descriptions and facets (outlet, source,
event type, country...), limited to the tables and columns the file really has, since Datasette
refuses a facet on a missing column. The plugin gives it through Datasette's `get_metadata`
hook for every attached file that is a store, so plain `datasette ledger.db` shows it too."""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from claimledger.store import NotAStoreError, SchemaTooNewError, open_store_read_only
from claimledger.viewer.reads import is_store

if TYPE_CHECKING:
    from datasette.app import Datasette


class TableNotes(NamedTuple):
    title: str
    description: str
    facets: tuple[str, ...]
    sort_desc: str | None = None


TABLES: dict[str, TableNotes] = {
    "documents": TableNotes(
        "Pages", "Each page as read: metadata, clean text and the record's full JSON. "
        "Open a page's article view from its id.",
        ("outlet", "input_kind", "published_from"), "published"),
    "segments": TableNotes(
        "Segments", "Labelled stretches of each page's text (title, body, byline, comments, "
        "chrome...), as start/end character offsets.", ("kind",)),
    "attributions": TableNotes(
        "Claims", "Who says what: source, cue verb and its class, content, direct or indirect, "
        "denials and hedges.", ("source_name", "cue_class", "source_kind", "direct", "denial")),
    "figures": TableNotes(
        "Figures", "Numeric claims as intervals (low/high), with what is counted (measure), "
        "the population and the source.", ("measure", "source_name", "outlet", "hedge")),
    "dates": TableNotes(
        "Dates", "Dates as written and as resolved against the publication date; XXXX marks a "
        "year left unknown.", ("granularity", "rule")),
    "places": TableNotes(
        "Places", "Places as written, with the gazetteer match where it is unambiguous.",
        ("country", "admin1")),
    "events": TableNotes(
        "Events", "Each event as one page reports it (ACLED event types), with its date, place "
        "and the page's outlet.", ("event_type", "country", "outlet", "sub_event_type")),
    "event_actors": TableNotes(
        "Actors", "Who took part in each event, as initiator or target.", ("role", "name")),
    "event_figures": TableNotes("Event figures", "Which figures each event lists.", ()),
    "links": TableNotes(
        "Event links", "Pairs of per-page events judged to be the same real-world event, with "
        "the score and its signals.", ()),
    "ledger": TableNotes(
        "Ledger", "Per event cluster and measure: low / best / high estimates under a rule, "
        "and whether the sources dispute each other.", ("measure", "rule", "disputed")),
    "ledger_rows": TableNotes(
        "Ledger rows", "Each source's figure in each ledger entry, with its outlet and "
        "publication date.", ("measure", "source_name", "outlet", "rule")),
    "clusters": TableNotes(
        "Event clusters", "Which cluster each per-page event belongs to: the events linked to "
        "each other, named by their smallest event id, as the ledger names them.", ()),
    "runs": TableNotes("Runs", "Batch runs that wrote this store.", ()),
}


def store_columns(db_path: Path) -> dict[str, set[str]]:
    """Table name -> column names, read without writing to the file."""
    with open_store_read_only(db_path) as store:
        return {name: set(columns) for name, columns in store.table_columns().items()}


def tables_metadata(columns: dict[str, set[str]]) -> dict[str, Any]:
    """Titles, descriptions, facets and sort order of the store tables in `columns`."""
    tables: dict[str, Any] = {}
    for name, notes in TABLES.items():
        if name not in columns:
            continue
        table: dict[str, Any] = {
            "title": notes.title,
            "description": notes.description,
            "facets": [f for f in notes.facets if f in columns[name]],
        }
        if notes.sort_desc and notes.sort_desc in columns[name]:
            table["sort_desc"] = notes.sort_desc
        tables[name] = table
    return tables


@lru_cache(maxsize=64)
def _file_tables(path: str, modified_ns: int, size: int) -> dict[str, Any] | None:
    try:
        columns = store_columns(Path(path))
    except (NotAStoreError, SchemaTooNewError, sqlite3.Error, OSError):
        return None
    return tables_metadata(columns) if is_store(columns) else None


def file_tables(path: str) -> dict[str, Any] | None:
    """The table metadata of the claimledger store at `path`; None for any other file. Read
    once per version of the file (its size and modification time)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _file_tables(path, stat.st_mtime_ns, stat.st_size)


def store_databases(datasette: Datasette) -> dict[str, dict[str, Any]]:
    """Name -> table metadata of each attached database file that is a claimledger store."""
    found = {}
    for database in datasette.databases.values():
        if database.is_memory or not database.path:
            continue
        tables = file_tables(database.path)
        if tables is not None:
            found[database.name] = tables
    return found


def build_metadata(datasette: Datasette) -> dict[str, Any]:
    """Datasette metadata for the claimledger stores a Datasette serves; none where it serves
    none, so the plugin leaves other databases as Datasette shows them."""
    stores = store_databases(datasette)
    if not stores:
        return {}
    return {
        "title": "claimledger",
        "description": "A sourced ledger of claims and casualty figures from news pages. "
        "Event pages, article views and the events map are under /-/claimledger/map.",
        "databases": {name: {"tables": tables} for name, tables in stores.items()},
    }
