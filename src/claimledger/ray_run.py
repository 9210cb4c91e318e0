"""The batch runner on Ray Data: the same read and analysis functions as the local runner, run by
Ray workers, with Parquet shards between the analysis and the store.

Ray tasks read the input files with the local readers, an actor pool whose actors each load the
spaCy model once analyses the documents in `nlp.pipe` batches, and Ray writes the results as
Parquet shards.
The driver then streams the shards into the same SQLite store the local path writes, and links
events, clusters them and rebuilds the ledgers with the local path's `relink`. Every input
record gives one shard row (an analysis, a read or extract error, or a note that the store
already held it), so the summary counts what the local path counts.

Resuming: shards live in one folder per run under the shards folder, and a folder is marked
once the store holds all of it. A run first ingests the unmarked shards an interrupted run left,
so their documents are skipped rather than analysed again; a half-written shard is ignored.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from claimledger.model import Analysis, Document, ReadError
from claimledger.read.inputs import PathsArgument, input_paths
from claimledger.read.options import ReadOptions
from claimledger.runner import Progress, RunOptions, RunSummary, relink
from claimledger.store import Store, open_store

RowKind = Literal["analysis", "error", "skipped"]
Analyser = Callable[[Sequence[Document], int], Iterable[Analysis | ReadError]]

INGESTED_MARK = "_INGESTED"
SHARD_ROWS_PER_READ = 64
# Input files per read task: a Ray task costs tens of milliseconds to schedule, far more than
# reading a page, so one task per file starves the actors (measured on 200 pages, 2 actors:
# one actor sat idle for a third of the run).
FILES_PER_READ_TASK = 8
MAX_READ_BLOCKS = 200
# Reading and writing are light next to parsing, and Ray Data holds back a task whose CPUs the
# actors already hold: with a CPU each for the actors, read and write tasks would wait forever.
READ_TASK_CPUS = 0.0
SHARD_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),
        ("document_id", pa.string()),
        ("input", pa.string()),
        ("record", pa.string()),
    ]
)

_RECORD_DECODER = msgspec.json.Decoder(Analysis | ReadError)
_INPUT_DECODER = msgspec.json.Decoder(Document | ReadError)


class RayOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How the work is spread on Ray; the analysis itself is configured by RunOptions."""

    actor_cpus: float = 1.0
    read_cpus: float = READ_TASK_CPUS
    # Read and write tasks at once; None: one per ACTORS_PER_IO_TASK actors. Without a cap,
    # tasks that claim no CPU would each get a worker process of their own, all at once.
    io_tasks: int | None = None
    object_store_memory: int | None = None  # bytes, for a local Ray started by the run
    num_cpus: int | None = None  # for a local Ray started by the run; None: every core


DEFAULT_RAY_OPTIONS = RayOptions()
ACTORS_PER_IO_TASK = 4


def default_shards_dir(db: Path) -> Path:
    """`<db>.shards` beside the store: where a run keeps its Parquet shards by default."""
    return db.with_name(db.name + ".shards")


def shard_row(result: Analysis | ReadError) -> dict[str, str]:
    """The Parquet row of one analysis or error: its kind, ids, and the record as JSON."""
    record = msgspec.json.encode(result).decode("utf-8")
    if isinstance(result, ReadError):
        return {"kind": "error", "document_id": "", "input": result.input, "record": record}
    document = result.document
    return {
        "kind": "analysis",
        "document_id": document.id,
        "input": document.input,
        "record": record,
    }


def skipped_row(document: Document) -> dict[str, str]:
    return {"kind": "skipped", "document_id": document.id, "input": document.input, "record": ""}


def _columns(rows: Sequence[dict[str, str]]) -> dict[str, list[str]]:
    return {name: [row[name] for row in rows] for name in SHARD_SCHEMA.names}


def file_reader(options: ReadOptions) -> Callable[[dict[str, Any]], Iterator[dict[str, Any]]]:
    """The flat-map function that turns one input file's row into its documents and errors,
    each a JSON-encoded row."""

    def read_file_rows(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
        from claimledger.read.inputs import read_path

        for record in read_path(Path(os.fsdecode(row["path"])), options):
            yield {"record": msgspec.json.encode(record).decode("utf-8")}

    return read_file_rows


def analyse_with_model(
    documents: Sequence[Document], batch_size: int
) -> list[Analysis | ReadError]:
    """The local runner's analysis: spaCy loaded once per process, errors as records."""
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse_records

    return list(analyse_records(documents, load_nlp(), batch_size=batch_size))


class AnalyseBatch:
    """The actor's callable: holds the model (through `analyse`) and the ids already stored."""

    def __init__(
        self,
        *,
        known: list[Any],
        batch_size: int,
        analyse: Analyser = analyse_with_model,
        warm_up: bool = True,
    ) -> None:
        import ray

        # `known` holds an object reference (wrapped, so Ray hands it over unresolved): one copy
        # of the stored ids per node instead of one inside every serialised task.
        self.known: frozenset[str] = ray.get(known[0])
        self.batch_size = batch_size
        self.analyse = analyse
        if warm_up:
            analyse([], batch_size)  # load the model now, not in the first batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        rows: list[dict[str, str]] = []
        documents: list[Document] = []
        for encoded in batch["record"]:
            record = _INPUT_DECODER.decode(encoded)
            if isinstance(record, ReadError):
                rows.append(shard_row(record))
            elif record.id in self.known:
                rows.append(skipped_row(record))
            else:
                documents.append(record)
        rows += (shard_row(result) for result in self.analyse(documents, self.batch_size))
        return _columns(rows)


def expand_inputs(paths: Sequence[str | Path]) -> tuple[list[bytes], list[ReadError]]:
    """The files under `paths` (folders walked, globs matched), each as its name's bytes, and
    the paths that name nothing. Bytes, not text: a name that is not valid UTF-8 cannot be an
    Arrow string, and the reader, given the bytes back, names it in records as the local path
    does (see read/names.py)."""
    from claimledger.read.inputs import expand_paths

    files: list[bytes] = []
    errors: list[ReadError] = []
    for found in expand_paths(paths):
        if isinstance(found, ReadError):
            errors.append(found)
        else:
            files.append(os.fsencode(found))
    return files, errors


def analyse_on_ray(
    files: Sequence[bytes],
    shards: Path,
    *,
    known: frozenset[str],
    options: RunOptions,
    ray_options: RayOptions = DEFAULT_RAY_OPTIONS,
    analyse: Analyser = analyse_with_model,
) -> None:
    """Read and analyse `files` on the connected Ray, writing Parquet shards into `shards`."""
    import ray
    from ray.data import ActorPoolStrategy

    if not files:
        return
    blocks = max(1, min(-(-len(files) // FILES_PER_READ_TASK), MAX_READ_BLOCKS))
    inputs = ray.data.from_items([{"path": f} for f in files], override_num_blocks=blocks)
    actors = max(1, options.workers)
    io_tasks = ray_options.io_tasks or -(-actors // ACTORS_PER_IO_TASK)
    records = inputs.flat_map(
        file_reader(options.read), num_cpus=ray_options.read_cpus, concurrency=io_tasks
    )
    analysed = records.map_batches(
        AnalyseBatch,
        fn_constructor_kwargs={
            "known": [ray.put(known)],
            "batch_size": options.batch_size,
            "analyse": analyse,
        },
        batch_size=options.batch_size,
        batch_format="numpy",
        # one batch at a time per actor: a batch queued behind a long one would wait while
        # another actor sits idle
        compute=ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=1),
        num_cpus=ray_options.actor_cpus,
    )
    analysed.write_parquet(
        str(shards), ray_remote_args={"num_cpus": ray_options.read_cpus}, concurrency=io_tasks
    )


def shard_files(shards: Path) -> list[Path]:
    return sorted(shards.glob("*.parquet"))


def read_shard(path: Path) -> Iterator[tuple[RowKind, Analysis | ReadError | None]]:
    """The rows of one shard, decoded; nothing from a shard that cannot be read whole (a write
    cut short leaves a file without its footer)."""
    try:
        shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid):
        return
    for batch in shard.iter_batches(batch_size=SHARD_ROWS_PER_READ, columns=["kind", "record"]):
        for kind, record in zip(
            batch.column("kind").to_pylist(), batch.column("record").to_pylist(), strict=True
        ):
            if kind == "skipped":
                yield "skipped", None
            else:
                yield kind, _RECORD_DECODER.decode(record)


def ingest_shards(
    shards: Path, store: Store, summary: RunSummary, progress: Progress = lambda _: None
) -> None:
    """Write every shard of one run folder into the store, then mark the folder as ingested."""
    for path in shard_files(shards):
        for _, record in read_shard(path):
            summary.inputs += 1
            if isinstance(record, ReadError):
                summary.errors += 1
                store.write_error(record)
            elif isinstance(record, Analysis) and store.write_analysis(record):
                summary.count_analysed(record)
            else:  # stored before this run, or by an earlier shard
                summary.skipped += 1
            progress(summary)
    (shards / INGESTED_MARK).touch()


def pending_runs(shards_root: Path) -> list[Path]:
    """Run folders an interrupted run left without ingesting them."""
    if not shards_root.is_dir():
        return []
    return sorted(
        p for p in shards_root.iterdir() if p.is_dir() and not (p / INGESTED_MARK).exists()
    )


def run_on_ray(
    paths: PathsArgument,
    db: str | Path,
    *,
    options: RunOptions | None = None,
    address: str | None = None,
    shards: str | Path | None = None,
    progress: Progress | None = None,
    ray_options: RayOptions = DEFAULT_RAY_OPTIONS,
) -> RunSummary:
    """What `claimledger.runner.run` does, on Ray: the same store, links and ledger at `db`.

    Connects to the Ray at `address` (or the Ray this process already joined, or starts a local
    one and stops it at the end). With a remote cluster, `shards` (default `<db>.shards`) must be
    a folder the workers and this process share.
    """
    import ray

    paths = input_paths(paths)
    options = options or RunOptions()
    report = progress or (lambda _: None)
    db = Path(db)
    shards_root = Path(shards) if shards is not None else default_shards_dir(db)
    summary = RunSummary()
    started = False
    if not ray.is_initialized():
        ray.init(
            address=address,
            num_cpus=ray_options.num_cpus if address is None else None,
            object_store_memory=ray_options.object_store_memory if address is None else None,
            include_dashboard=False,
        )
        started = True
    try:
        with open_store(db) as store:
            for leftover in pending_runs(shards_root):
                ingest_shards(leftover, store, RunSummary(), report)
            files, missing = expand_inputs(paths)
            for error in missing:
                summary.inputs += 1
                summary.errors += 1
                store.write_error(error)
            run_dir = shards_root / uuid.uuid4().hex[:12]
            known = frozenset(store.document_ids())
            analyse_on_ray(
                files, run_dir, known=known, options=options, ray_options=ray_options
            )
            if run_dir.is_dir():
                ingest_shards(run_dir, store, summary, report)
            relink(store, options, summary)
    finally:
        if started:
            ray.shutdown()
    return summary
