"""Failures a script can see: a missing input is a usage error before any work, --strict turns
error records into exit status 1, a bad store is one line, and process() takes paths only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import claimledger
from claimledger.cli import main
from claimledger.model import Analysis, ReadError
from claimledger.read import read_paths
from reader_processes import run_claimledger

STORY = (
    "Rebels kill 5 in Gao\n\nRebels killed five soldiers in an attack on a base near Gao on "
    "Monday, the army said in a statement.\n"
)


def invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def pages(tmp_path: Path, *, bad: bool) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    if bad:
        (folder / "empty.html").write_bytes(b"")
    return folder


def test_run_on_a_missing_input_exits_2_and_makes_no_store(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = run_claimledger("run", tmp_path / "nosuch.html", "--db", db, timeout=120)
    assert result.returncode == 2
    assert b"nosuch.html: no such file or directory (nothing was read)" in result.stderr
    assert b"Traceback" not in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("command", ["read", "extract"])
def test_read_and_extract_refuse_a_missing_input_before_reading_the_others(
    tmp_path: Path, command: str
) -> None:
    folder = pages(tmp_path, bad=False)
    typo, pattern = tmp_path / "typo.txt", tmp_path / "*.none"
    result = invoke(command, folder, typo, pattern, "--format", "jsonl")
    assert result.exit_code == 2 and result.stdout == ""
    assert "typo.txt: no such file or directory" in result.stderr
    assert "*.none: no files match this pattern" in result.stderr


def test_a_folder_or_a_matching_pattern_is_no_missing_input(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=False)
    result = invoke("read", folder, str(folder / "*.txt"), "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2


@pytest.mark.model
def test_extract_strict_exits_1_after_printing_every_record(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=True)
    lenient = invoke("extract", folder, "--format", "jsonl")
    strict = invoke("extract", folder, "--format", "jsonl", "--strict")
    assert lenient.exit_code == 0 and strict.exit_code == 1
    assert strict.stdout == lenient.stdout and len(strict.stdout.splitlines()) == 2
    assert "1 inputs gave an error (--strict)" in strict.stderr


@pytest.mark.model
def test_run_strict_exits_1_and_keeps_what_it_stored(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=True)
    db = tmp_path / "ledger.db"
    result = invoke("run", folder, "--db", db, "--strict")
    assert result.exit_code == 1
    assert "2 inputs: 1 analysed, 0 already stored, 1 errors" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    (tmp_path / "clean").mkdir()
    clean = pages(tmp_path / "clean", bad=False)
    assert invoke("run", clean, "--db", tmp_path / "clean.db", "--strict").exit_code == 0


def store_commands() -> dict[str, list[str]]:
    """Every top-level command that opens a store, with the other arguments it needs."""
    return {
        "run": ["PAGES", "--db", "DB"],
        "ledger": ["--db", "DB"],
        "export": ["--db", "DB", "--format", "jsonl"],
        "serve": ["--db", "DB", "--port", "1"],
    }


def test_every_command_with_a_store_is_checked_here() -> None:
    with_db = {
        name for name, command in main.commands.items()
        if not isinstance(command, click.Group)
        and any(param.name == "db" for param in command.params)
    }
    assert with_db == set(store_commands())


@pytest.mark.parametrize("command", sorted(store_commands()))
@pytest.mark.parametrize("store", ["not-sqlite", "other-sqlite", "empty", "missing-folder"])
def test_a_bad_store_is_one_line_and_no_traceback(tmp_path: Path, command: str, store: str) -> None:
    folder = pages(tmp_path, bad=False)
    db = tmp_path / "x.db"
    if store == "not-sqlite":
        db.write_text("these are notes, not a database\n", encoding="utf-8")
    elif store == "other-sqlite":
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
    elif store == "empty":
        if command == "run":
            pytest.skip("an empty file is a new store to run, as a missing one is")
        db.write_bytes(b"")
    else:
        db = tmp_path / "nowhere" / "x.db"
    before = db.read_bytes() if db.exists() else None
    args = [str(folder) if a == "PAGES" else str(db) if a == "DB" else a
            for a in store_commands()[command]]
    result = invoke(command, *args)
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.stderr
    assert "x.db" in lines[0] and "Traceback" not in result.stderr
    if before is not None and store != "empty":
        assert db.read_bytes() == before  # a file that is no store is left as it was


def test_process_takes_one_path_as_a_list_of_one(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=True)
    one = list(read_paths(str(folder)))
    assert [r.input for r in one] == [r.input for r in read_paths([folder])]
    assert [type(r) for r in one] == [ReadError, claimledger.Document]


@pytest.mark.model
def test_process_reads_a_folder_named_by_a_string(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=False)
    (record,) = claimledger.process(str(folder))
    assert isinstance(record, Analysis) and record.document.input == str(folder / "story.txt")


@pytest.mark.model
def test_run_reads_a_folder_named_by_a_string(tmp_path: Path) -> None:
    folder = pages(tmp_path, bad=False)
    summary = claimledger.run(str(folder), tmp_path / "x.db")
    assert (summary.inputs, summary.analysed, summary.errors) == (1, 1, 0)


@pytest.mark.parametrize("paths", ["", 42, b"examples/pages"])
def test_run_refuses_what_is_no_path_before_creating_a_store(tmp_path: Path, paths: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        claimledger.run(paths, tmp_path / "x.db")  # type: ignore[arg-type]
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    ("paths", "error", "message"),
    [
        ("", ValueError, "empty string"),
        (STORY, ValueError, "looks like page text, not a file name"),
        ("<html><body>Rebels killed five</body></html>", ValueError, "looks like page text"),
        (b"examples/pages", TypeError, "got bytes"),
        (42, TypeError, "got int"),
        (None, TypeError, "got None"),
        (["examples/pages", 3], TypeError, "got int at index 1"),
        (["examples/pages", ""], ValueError, "the path at index 1 is an empty string"),
    ],
)
def test_process_refuses_what_is_no_path_before_any_work(
    paths: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        claimledger.process(paths)  # type: ignore[arg-type]


@pytest.mark.parametrize("store", ["not-sqlite", "missing"])
def test_eval_incidents_reusing_a_bad_store_is_one_line(tmp_path: Path, store: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "incidents.jsonl").write_text('{"incident": "1", "killed": 1}\n', encoding="utf-8")
    article = {"id": "a1", "incident": "1", "title": "Man killed", "text": STORY}
    (data / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    if store == "not-sqlite":
        db.write_text("these are notes, not a database\n", encoding="utf-8")
    result = invoke("eval", "incidents", "--data", data, "--db", db, "--reuse")
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and "x.db" in lines[0] and "Traceback" not in result.stderr
