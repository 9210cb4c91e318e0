"""The SQLite schema of the store, as an ordered list of migrations.

`PRAGMA user_version` holds how many migrations a file has had; opening a store applies the
missing ones, each in its own transaction with its version bump, so a failed one leaves the file
at the previous version. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

# Every record table keeps the record's full JSON next to flat columns Datasette can facet on.
CREATE_TABLES = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    url TEXT,
    outlet TEXT,
    byline TEXT,
    original_source TEXT,
    title TEXT,
    published TEXT,
    published_from TEXT,
    input TEXT,
    input_kind TEXT,
    comment_count INTEGER,
    version TEXT,
    analysis_version TEXT,
    model TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE segments (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE attributions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    source_name TEXT,
    source_kind TEXT,
    cue TEXT,
    cue_class TEXT,
    direct INTEGER,
    denial INTEGER,
    hedged INTEGER,
    content TEXT,
    "start" INTEGER,
    "end" INTEGER,
    json TEXT NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE figures (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    measure TEXT,
    low REAL,
    high REAL,
    approximate INTEGER,
    vague INTEGER,
    hedge TEXT,
    population TEXT,
    negated INTEGER,
    modality TEXT,
    source_name TEXT,
    outlet TEXT,
    attribution_id TEXT,
    text TEXT,
    "start" INTEGER,
    "end" INTEGER,
    json TEXT NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE dates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    value TEXT,
    granularity TEXT,
    rule TEXT,
    text TEXT,
    "start" INTEGER,
    "end" INTEGER,
    json TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE places (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT,
    country TEXT,
    country_code TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    "start" INTEGER,
    "end" INTEGER,
    json TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE events (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    date TEXT,
    place TEXT,
    country TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    outlet TEXT,
    published TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE event_actors (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    name TEXT,
    role TEXT,
    PRIMARY KEY (event_id, idx)
);
CREATE TABLE links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL,
    signals TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE TABLE ledger (
    cluster_id TEXT NOT NULL,
    measure TEXT NOT NULL,
    rule TEXT NOT NULL,
    low REAL,
    best REAL,
    high REAL,
    disputed INTEGER,
    population TEXT,
    sources INTEGER,
    json TEXT NOT NULL,
    PRIMARY KEY (cluster_id, measure, rule)
);
CREATE TABLE ledger_rows (
    cluster_id TEXT NOT NULL,
    measure TEXT NOT NULL,
    rule TEXT NOT NULL,
    idx INTEGER NOT NULL,
    figure_id TEXT NOT NULL,
    document_id TEXT,
    source_name TEXT,
    outlet TEXT,
    published TEXT,
    low REAL,
    high REAL,
    approximate INTEGER,
    population TEXT,
    text TEXT,
    PRIMARY KEY (cluster_id, measure, rule, figure_id)
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    version TEXT,
    model TEXT,
    written INTEGER,
    skipped INTEGER,
    errors INTEGER,
    note TEXT
);
"""


def create_tables(conn: sqlite3.Connection) -> None:
    """Version 1: documents, their records, links, the ledger and runs."""
    for statement in CREATE_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


def add_event_figures_and_facet_indexes(conn: sqlite3.Connection) -> None:
    """Version 2: which figures each event lists, as a table (filled from the events' JSON),
    and indexes on the columns people facet on."""
    conn.execute(
        "CREATE TABLE event_figures ("
        " document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        " event_id TEXT NOT NULL, figure_id TEXT NOT NULL,"
        " PRIMARY KEY (event_id, figure_id))"
    )
    rows = conn.execute("SELECT document_id, id, json FROM events").fetchall()
    for document_id, event_id, record in rows:
        for figure_id in json.loads(record).get("figure_ids", []):
            conn.execute(
                "INSERT OR IGNORE INTO event_figures VALUES (?, ?, ?)",
                (document_id, event_id, figure_id),
            )
    for table, column in [
        ("documents", "outlet"),
        ("documents", "published"),
        ("attributions", "source_name"),
        ("figures", "measure"),
        ("figures", "source_name"),
        ("events", "id"),
        ("events", "event_type"),
        ("events", "country"),
        ("ledger_rows", "figure_id"),
    ]:
        conn.execute(f"CREATE INDEX idx_{table}_{column} ON {table}({column})")


def add_read_errors(conn: sqlite3.Connection) -> None:
    """Version 3: inputs that yielded no document, and why, one row per input and stage."""
    conn.execute(
        "CREATE TABLE errors (input TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT,"
        " json TEXT NOT NULL, PRIMARY KEY (input, stage))"
    )


def index_figure_ids(conn: sqlite3.Connection) -> None:
    """Version 4: figures found by id (the ledger reads an event's figures one by one)."""
    conn.execute("CREATE INDEX idx_figures_id ON figures(id)")


def add_clusters(conn: sqlite3.Connection) -> None:
    """Version 5: each event's cluster, written whole by every relink beside the ledger. It
    starts empty here: exporting or serving an older store derives it (see derived.py)."""
    conn.execute(
        "CREATE TABLE clusters (cluster_id TEXT NOT NULL, event_id TEXT PRIMARY KEY,"
        " document_id TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX idx_clusters_cluster_id ON clusters(cluster_id)")


def add_people_and_shared_texts(conn: sqlite3.Connection) -> None:
    """Version 6: the people each event counts (who was killed or injured, from which words),
    the rule that made each figure (a tally of people, or none: a stated number), and the text a
    document shares with the reprints of one story."""
    conn.execute(
        "CREATE TABLE people ("
        " document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        " id TEXT NOT NULL, idx INTEGER NOT NULL, status TEXT, role TEXT, name TEXT, age INTEGER,"
        " json TEXT NOT NULL, PRIMARY KEY (document_id, id))"
    )
    conn.execute("ALTER TABLE figures ADD COLUMN rule TEXT")
    conn.execute("ALTER TABLE documents ADD COLUMN text_id TEXT")
    # what each stored record says (documents read before this version say nothing: "")
    conn.execute("UPDATE documents SET text_id = COALESCE(json_extract(json, '$.text_id'), '')")
    conn.execute("CREATE INDEX idx_documents_text_id ON documents(text_id)")


def add_document_languages(conn: sqlite3.Connection) -> None:
    """Version 7: the language each document is written in (documents read before this version
    say none)."""
    conn.execute("ALTER TABLE documents ADD COLUMN language TEXT")
    conn.execute("UPDATE documents SET language = json_extract(json, '$.language')")
    conn.execute("CREATE INDEX idx_documents_language ON documents(language)")


def add_attribution_confidence(conn: sqlite3.Connection) -> None:
    """Version 8: each attribution's calibrated probability of being right as a whole, to sort
    and filter claims by (attributions stored before this version have none)."""
    conn.execute("ALTER TABLE attributions ADD COLUMN confidence REAL")
    conn.execute("UPDATE attributions SET confidence = json_extract(json, '$.confidence.whole')")
    conn.execute("CREATE INDEX idx_attributions_confidence ON attributions(confidence)")


MIGRATIONS: list[Migration] = [
    create_tables,
    add_event_figures_and_facet_indexes,
    add_read_errors,
    index_figure_ids,
    add_clusters,
    add_people_and_shared_texts,
    add_document_languages,
    add_attribution_confidence,
]
SCHEMA_VERSION = len(MIGRATIONS)
