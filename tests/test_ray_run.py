"""The Ray path on a real local Ray: the same store as the local runner, resumable, and shards
that survive being cut short."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.model import Analysis, Document, ReadError, Segment, content_id
from claimledger.ray_run import (
    INGESTED_MARK,
    SHARD_SCHEMA,
    RayOptions,
    ingest_shards,
    pending_runs,
    read_shard,
    run_on_ray,
    shard_row,
    skipped_row,
)
from claimledger.runner import RunOptions, RunSummary, run
from claimledger.store import Store, open_store

ray = pytest.importorskip("ray", reason="the Ray path needs the `ray` extra")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
GENERATED_TOLLS = (48, 57, 71)
OPTIONS = RunOptions(workers=2, batch_size=4)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled examples, variants of the text scrape by other outlets with other tolls, an
    empty file and a path that names nothing."""
    folder = tmp_path_factory.mktemp("corpus")
    for page in EXAMPLES.iterdir():
        shutil.copy(page, folder / page.name)
    scrape = (EXAMPLES / "great-lakes-daily-goma.txt").read_text(encoding="utf-8")
    for number, toll in enumerate(GENERATED_TOLLS):
        outlet = f"Generated Herald {number}"
        variant = scrape.replace("Great Lakes Daily", outlet).replace("62", str(toll))
        (folder / f"generated-{number}.txt").write_text(variant, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder), str(folder.parent / "no-such-folder")]


@pytest.mark.ray
@pytest.mark.slow
def test_ray_run_started_by_the_call_is_stopped_after_it(tmp_path: Path) -> None:
    # First in the module: the module's own Ray (below) runs until the module ends.
    if ray.is_initialized():
        pytest.skip("a Ray is already running in this process")
    missing = str(tmp_path / "nothing-here")
    summary = run_on_ray(
        [missing],
        tmp_path / "x.db",
        ray_options=RayOptions(num_cpus=1, object_store_memory=100 * 1024 * 1024),
    )
    assert summary.errors == 1
    assert summary.analysed == 0
    assert not ray.is_initialized()


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, object_store_memory=300 * 1024 * 1024, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def stores(
    corpus: list[str], local_ray: None, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, RunSummary, Path, RunSummary]:
    folder = tmp_path_factory.mktemp("stores")
    local_db, ray_db = folder / "local.db", folder / "ray.db"
    local_summary = run(corpus, local_db, options=OPTIONS)
    ray_summary = run_on_ray(corpus, ray_db, options=OPTIONS)
    return local_db, local_summary, ray_db, ray_summary


def _contents(store: Store) -> dict[str, object]:
    """Everything a run leaves in a store, in an order that does not depend on write order."""
    return {
        "analyses": [msgspec.json.encode(a) for a in store.analyses()],
        "events": [msgspec.json.encode(e) for e in store.events()],
        "links": sorted(msgspec.json.encode(link) for link in store.links()),
        "ledger": sorted(msgspec.json.encode(entry) for entry in store.ledger()),
        "clusters": store.cluster_members(),
        "errors": sorted(msgspec.json.encode(error) for error in store.errors()),
    }


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.model
def test_ray_run_stores_what_the_local_run_stores(
    stores: tuple[Path, RunSummary, Path, RunSummary],
) -> None:
    local_db, _, ray_db, _ = stores
    with open_store(local_db) as local, open_store(ray_db) as on_ray:
        expected, got = _contents(local), _contents(on_ray)
    assert len(expected["analyses"]) == 5 + len(GENERATED_TOLLS)  # type: ignore[arg-type]
    assert expected["links"], "the corpus reports one incident: its events must link"
    assert expected["ledger"]
    assert expected["clusters"]
    for part in expected:
        assert got[part] == expected[part], part


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.model
def test_ray_run_counts_what_the_local_run_counts(
    stores: tuple[Path, RunSummary, Path, RunSummary],
) -> None:
    _, local_summary, _, ray_summary = stores
    assert ray_summary == local_summary
    assert ray_summary.errors == 2  # the empty file and the missing folder
    assert ray_summary.analysed == 5 + len(GENERATED_TOLLS)


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.model
def test_rerun_on_ray_skips_stored_documents_and_changes_nothing(
    corpus: list[str], stores: tuple[Path, RunSummary, Path, RunSummary]
) -> None:
    _, _, ray_db, first = stores
    with open_store(ray_db) as store:
        before = _contents(store)
    again = run_on_ray(corpus, ray_db, options=OPTIONS)
    with open_store(ray_db) as store:
        after = _contents(store)
    assert again.analysed == 0
    assert again.skipped == first.analysed
    assert again.errors == first.errors
    assert after == before


# --- shards, without Ray ----------------------------------------------------------------------


def _analysis(text: str) -> Analysis:
    document = Document(
        id=content_id(text), text=text, segments=(Segment("body", 0, len(text)),), input=text
    )
    return Analysis(document=document, version="test", model="none")


def _write_shard(path: Path, rows: list[dict[str, str]]) -> None:
    columns = {name: [row[name] for row in rows] for name in SHARD_SCHEMA.names}
    pq.write_table(pa.Table.from_pydict(columns, schema=SHARD_SCHEMA), path)


def test_shard_rows_read_back_as_the_records_written(tmp_path: Path) -> None:
    analysis = _analysis("Ten people were killed, police said.")
    error = ReadError(input="bad.html", reason="empty file")
    _write_shard(
        tmp_path / "part.parquet",
        [shard_row(analysis), shard_row(error), skipped_row(analysis.document)],
    )
    assert list(read_shard(tmp_path / "part.parquet")) == [
        ("analysis", analysis),
        ("error", error),
        ("skipped", None),
    ]


def test_shards_an_interrupted_run_left_are_ingested_and_marked(tmp_path: Path) -> None:
    shards = tmp_path / "x.db.shards"
    left = shards / "run-a"
    left.mkdir(parents=True)
    analyses = [_analysis(f"{n} people were killed, police said.") for n in range(3)]
    _write_shard(left / "part-0.parquet", [shard_row(a) for a in analyses[:2]])
    _write_shard(left / "part-1.parquet", [shard_row(analyses[2])])
    done = shards / "run-b"
    done.mkdir()
    (done / INGESTED_MARK).touch()
    assert pending_runs(shards) == [left]
    summary = RunSummary()
    with open_store(tmp_path / "x.db") as store:
        ingest_shards(left, store, summary)
        stored = [a.document.id for a in store.analyses()]
    assert sorted(stored) == sorted(a.document.id for a in analyses)
    assert (summary.inputs, summary.analysed, summary.skipped) == (3, 3, 0)
    assert pending_runs(shards) == []


def test_a_document_already_stored_counts_as_skipped_on_ingest(tmp_path: Path) -> None:
    analysis = _analysis("Four people were injured, the army said.")
    (tmp_path / "run").mkdir()
    _write_shard(tmp_path / "run" / "part.parquet", [shard_row(analysis)])
    summary = RunSummary()
    with open_store(tmp_path / "x.db") as store:
        store.write_analysis(analysis)
        ingest_shards(tmp_path / "run", store, summary)
    assert (summary.analysed, summary.skipped) == (0, 1)


@pytest.fixture(scope="module")
def whole_shard(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("shard") / "part.parquet"
    rows = [shard_row(_analysis(f"{n} soldiers were killed, officials said.")) for n in range(20)]
    _write_shard(path, rows)
    return path.read_bytes()


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_a_shard_cut_short_gives_no_rows_and_no_crash(
    whole_shard: bytes, cut: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cut %= len(whole_shard)  # strictly shorter than the whole file: the footer is gone
    path = tmp_path_factory.mktemp("cut") / "part.parquet"
    path.write_bytes(whole_shard[:cut])
    assert list(read_shard(path)) == []
