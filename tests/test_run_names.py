"""Runs over paths whose names are not valid UTF-8: the local run's note in the `runs` table and
the Ray path's rows name them as records do (`\\xNN` escapes, see read/names.py), instead of
failing to encode them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger.store import open_store
from reader_inputs import non_utf8_name
from reader_processes import run_claimledger

PAGE = (
    "Clash near Goma\n\n"
    "At least 12 people were killed in a clash near Goma on Saturday, officials said. "
    "The army said rebels attacked a market.\n"
)


def pages_under_a_name_that_is_not_utf8(tmp_path: Path) -> Path:
    folder = tmp_path / non_utf8_name("pages", "")
    folder.mkdir()
    (folder / non_utf8_name("story", ".txt")).write_text(PAGE, encoding="utf-8")
    (folder / "plain.txt").write_text(PAGE.replace("12", "14"), encoding="utf-8")
    return folder


@pytest.mark.model
@pytest.mark.slow
def test_the_run_note_names_a_command_line_path_that_is_not_utf8(tmp_path: Path) -> None:
    folder = pages_under_a_name_that_is_not_utf8(tmp_path)
    db = tmp_path / "ledger.db"
    result = run_claimledger("run", folder, "--db", db)
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as connection:
        (note,) = connection.execute("SELECT note FROM runs").fetchone()
        inputs = sorted(r[0] for r in connection.execute("SELECT input FROM documents"))
    assert note == f"{tmp_path}/pages\\xff"
    assert inputs == [f"{tmp_path}/pages\\xff/plain.txt", f"{tmp_path}/pages\\xff/story\\xff.txt"]


@pytest.mark.ray
@pytest.mark.slow
def test_the_ray_path_reads_files_whose_names_are_not_utf8(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the Ray path needs the `ray` extra")
    if ray.is_initialized():
        pytest.skip("a Ray is already running in this process")
    from claimledger.ray_run import RayOptions, run_on_ray
    from claimledger.runner import RunOptions

    folder = pages_under_a_name_that_is_not_utf8(tmp_path)
    db = tmp_path / "ray.db"
    summary = run_on_ray(
        [folder], db, options=RunOptions(workers=1, batch_size=2),
        ray_options=RayOptions(num_cpus=1, object_store_memory=100 * 1024 * 1024),
    )
    assert (summary.analysed, summary.errors) == (2, 0)
    with open_store(db) as store:
        inputs = sorted(d.input for d in store.documents())
    assert inputs == [f"{folder.parent}/pages\\xff/plain.txt",
                      f"{folder.parent}/pages\\xff/story\\xff.txt"]
