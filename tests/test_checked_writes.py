"""Every write checked (issue 15.3): a write that fails is one error line and a non-zero exit,
never a success line; `-o` is checked before any work and replaces its file only once written
whole; the read-only commands refuse a file that is not a claimledger store and leave it as it
was; two concurrent runs leave a `runs` table that tells the truth.

The commands run in child processes with standard output on /dev/full, as a user would, both
with Python's output buffered (the failure then comes at the last flush) and unbuffered.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from claimledger.store import open_store
from conftest import EXAMPLES
from test_store import downgrade

CLAIMLEDGER = Path(sys.executable).parent / "claimledger"
FULL = Path("/dev/full")
CSV_FORMATS = ("csv-acled", "csv-ucdp", "jsonl")

pytestmark = pytest.mark.skipif(not FULL.exists(), reason="/dev/full is Linux's")


def claimledger(
    *args: str | Path,
    stdout: Path | None = None,
    buffered: bool = True,
    limit_file_size: int | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[bytes]:
    """`claimledger ARGS` in a child process, its standard output written to `stdout`."""
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"

    def prepare() -> None:
        if limit_file_size is not None:  # a disk that fills after this many bytes of one file
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    with open(stdout or os.devnull, "wb") as out:
        return subprocess.run(
            [str(CLAIMLEDGER), *map(str, args)], stdout=out, stderr=subprocess.PIPE, env=env,
            timeout=timeout, preexec_fn=prepare, check=False,
        )


def assert_failed_cleanly(result: subprocess.CompletedProcess[bytes], target: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0, err
    assert f"could not write to {target}" in err, err
    assert "rows written" not in err
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "examples.db"
    result = claimledger("run", EXAMPLES, "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- standard output on a full disk -----------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("fmt", CSV_FORMATS)
def test_export_to_a_full_stdout_fails_without_a_success_line(
    store: Path, fmt: str, buffered: bool
) -> None:
    result = claimledger("export", "--db", store, "--format", fmt, stdout=FULL,
                         buffered=buffered)
    assert_failed_cleanly(result, "standard output")


@pytest.mark.slow
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [
    ("ledger",), ("ledger", "--disputed"),
], ids=["ledger", "ledger-disputed"])
def test_ledger_to_a_full_stdout_fails(
    store: Path, args: Sequence[str], buffered: bool
) -> None:
    result = claimledger(*args, "--db", store, stdout=FULL, buffered=buffered)
    assert_failed_cleanly(result, "standard output")


@pytest.mark.slow
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_read_to_a_full_stdout_fails(examples_dir: Path, fmt: str, buffered: bool) -> None:
    result = claimledger("read", examples_dir / "lakeside-wire-goma.html", "--format", fmt,
                         stdout=FULL, buffered=buffered)
    assert_failed_cleanly(result, "standard output")
    assert b"1 inputs" not in result.stderr


@pytest.mark.slow
@pytest.mark.model
def test_extract_and_schema_to_a_full_stdout_fail(examples_dir: Path) -> None:
    page = examples_dir / "lakeside-wire-goma.html"
    assert_failed_cleanly(claimledger("extract", page, "--format", "jsonl", stdout=FULL),
                          "standard output")
    assert_failed_cleanly(claimledger("schema", stdout=FULL), "standard output")


# --- -o ---------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("fmt", [*CSV_FORMATS, "parquet"])
def test_output_into_a_missing_folder_is_refused_up_front(
    store: Path, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "out.file"
    result = claimledger("export", "--db", store, "--format", fmt, "-o", target)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "folder" in err and "does not exist" in err and "Traceback" not in err
    assert not target.parent.exists()


@pytest.mark.slow
def test_output_onto_a_folder_is_refused(store: Path, tmp_path: Path) -> None:
    result = claimledger("export", "--db", store, "--format", "jsonl", "-o", tmp_path)
    assert result.returncode == 2 and b"is a folder" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [*CSV_FORMATS, "parquet"])
def test_output_onto_a_full_disk_fails_without_a_success_line(store: Path, fmt: str) -> None:
    result = claimledger("export", "--db", store, "--format", fmt, "-o", FULL)
    assert_failed_cleanly(result, str(FULL))


@pytest.mark.slow
def test_a_file_that_fills_the_disk_leaves_the_earlier_file_whole(
    store: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ledger.jsonl"
    target.write_bytes(b"the earlier export\n")
    # A file may not grow past 40,000 bytes (SQLite's 32 KiB -shm fits; the examples' JSONL
    # export, about 55 KB, does not): the write past it fails (EFBIG, Python ignores SIGXFSZ),
    # as one on a full disk does.
    result = claimledger("export", "--db", store, "--format", "jsonl", "-o", target,
                         limit_file_size=40_000)
    assert_failed_cleanly(result, str(target))
    assert target.read_bytes() == b"the earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.jsonl"]  # no temporary file left


@pytest.mark.slow
def test_a_written_file_replaces_the_earlier_one_whole(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "ledger.jsonl"
    target.write_text("old\n")
    result = claimledger("export", "--db", store, "--format", "jsonl", "-o", target)
    assert result.returncode == 0, result.stderr.decode()
    lines = target.read_text().splitlines()
    assert lines and lines[0].startswith("{") and f"{len(lines)} rows written" in (
        result.stderr.decode())
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.jsonl"]


# --- read-only commands and files that are not stores ----------------------------------------

def unrelated_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    return path


READ_ONLY_COMMANDS = {
    "ledger": ("ledger",),
    "export": ("export", "--format", "csv-ucdp"),
    "serve": ("serve", "--port", "1"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=str)
@pytest.mark.parametrize("kind", ["other-sqlite", "not-sqlite", "empty"])
def test_a_file_that_is_not_a_store_is_refused_in_one_line_and_left_as_it_was(
    command: str, kind: str, tmp_path: Path
) -> None:
    path = tmp_path / "other.db"
    if kind == "other-sqlite":
        unrelated_database(path)
    elif kind == "not-sqlite":
        path.write_text("just some text, not a database\n" * 10)
    else:
        path.write_bytes(b"")
    before = digest(path)
    result = claimledger(*READ_ONLY_COMMANDS[command], "--db", path, timeout=60)
    err = result.stderr.decode().strip()
    assert result.returncode == 1, err
    assert err.count("\n") == 0 and "is not a claimledger store" in err, err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no -shm
    if kind == "other-sqlite":
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
        conn.close()


@pytest.mark.slow
@pytest.mark.model
def test_run_refuses_a_file_that_is_not_a_store(examples_dir: Path, tmp_path: Path) -> None:
    path = unrelated_database(tmp_path / "other.db")
    before = digest(path)
    result = claimledger("run", examples_dir, "--db", path)
    assert result.returncode == 1
    assert b"is not a claimledger store" in result.stderr and b"Traceback" not in result.stderr
    assert digest(path) == before


@pytest.mark.slow
@pytest.mark.parametrize("args", [("ledger",), ("export", "--format", "csv-acled")], ids=str)
def test_reading_a_current_store_writes_nothing_to_it(
    store: Path, args: Sequence[str], tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    with open_store(store) as source:  # a checkpointed copy: the whole store in one file
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(store, copy)
    before = digest(copy)
    result = claimledger(*args, "--db", copy)
    assert result.returncode == 0, result.stderr.decode()
    assert digest(copy) == before
    wal = copy.with_name("copy.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.slow
def test_export_still_brings_an_older_store_up_to_date(store: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    shutil.copy(store, older)
    for suffix in ("-wal", "-shm"):
        if store.with_name(store.name + suffix).exists():
            shutil.copy(store.with_name(store.name + suffix), older.with_name("older.db" + suffix))
    downgrade(older, 4, [])
    result = claimledger("export", "--db", older, "--format", "csv-ucdp", "-o",
                         tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out.csv").read_text().count("\n") > 1
    with open_store(older) as upgraded:
        assert upgraded.cluster_members()


# --- concurrent runs --------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.model
def test_two_concurrent_runs_leave_a_runs_table_that_tells_the_truth(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(40):
        (pages / f"page-{i:03}.txt").write_text(
            f"Clash number {i}\n\nAt least {i + 3} people were killed in clash number {i} near "
            "Goma on Saturday, officials said. The army said rebels attacked a market.\n",
            encoding="utf-8",
        )
    db = tmp_path / "shared.db"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    runs = [subprocess.Popen([str(CLAIMLEDGER), "run", str(pages), "--db", str(db)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            for _ in range(2)]
    for process in runs:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    with open_store(db) as store:
        documents = sum(1 for _ in store.document_ids())
        rows = store.runs()
    assert documents == 40
    assert len(rows) == 2 and all(row["finished"] for row in rows)
    assert sum(row["written"] for row in rows) == documents
    for row in rows:
        assert row["written"] + row["skipped"] + row["errors"] == 40
