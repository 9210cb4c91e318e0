"""The Ray path's overhead: `claimledger.ray_run.run_on_ray` against the local `run` on the same
corpus with the same number of workers, both from files to a finished store (links and ledger).

The corpus is PolNeAR train article texts written out as .txt scrapes. Ray's start (a local Ray
with a small object store) is timed apart from the run; the run includes starting the actors,
each loading the model, as the local run includes starting its worker processes.

    .venv/bin/python benchmarks/ray_overhead.py [--limit 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import msgspec
import ray

from claimledger.ray_run import run_on_ray
from claimledger.runner import RunOptions, RunSummary, run
from claimledger.store import open_store
from corpus import machine_line, polnear_dir, polnear_texts

OBJECT_STORE_BYTES = 300 * 1024 * 1024


def store_fingerprint(db: Path) -> str:
    """A hash of every analysis, link and ledger entry in the store, in write-order-free order."""
    digest = hashlib.sha256()
    with open_store(db) as store:
        records: list[msgspec.Struct] = [*store.analyses(), *store.links(), *store.ledger()]
    for encoded in sorted(msgspec.json.encode(record) for record in records):
        digest.update(encoded)
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=polnear_dir())
    parser.add_argument("--limit", type=int, default=60, help="first N train articles")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = RunOptions(workers=args.workers)
    before = machine_line()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pages"
        folder.mkdir()
        texts = polnear_texts(args.data, limit=args.limit)
        for name, text in texts:
            (folder / name).write_text(text, encoding="utf-8")

        started = time.perf_counter()
        local: RunSummary = run([folder], Path(scratch) / "local.db", options=options)
        local_wall = time.perf_counter() - started

        started = time.perf_counter()
        ray.init(
            num_cpus=os.cpu_count(),
            object_store_memory=OBJECT_STORE_BYTES,
            include_dashboard=False,
        )
        ray_start = time.perf_counter() - started
        started = time.perf_counter()
        on_ray = run_on_ray([folder], Path(scratch) / "ray.db", options=options)
        ray_wall = time.perf_counter() - started
        ray.shutdown()
        same = store_fingerprint(Path(scratch) / "local.db") == store_fingerprint(
            Path(scratch) / "ray.db"
        )

    print(
        f"$ .venv/bin/python benchmarks/ray_overhead.py --limit {args.limit} "
        f"--workers {args.workers}\n"
    )
    print(f"{len(texts)} PolNeAR train articles as .txt files; {args.workers} workers / actors")
    print(f"machine before: {before}\nmachine after:  {machine_line()}\n")
    print("| path | start s | run s | total s | articles/s | analysed | events | links |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows = (("local `run`", 0.0, local_wall, local), ("`run_on_ray`", ray_start, ray_wall, on_ray))
    for label, start, wall, summary in rows:
        total = start + wall
        print(
            f"| {label} | {start:.1f} | {wall:.1f} | {total:.1f} | {len(texts) / total:.2f} "
            f"| {summary.analysed} | {summary.events} | {summary.links} |"
        )
    print(
        f"\nRay / local: {(ray_start + ray_wall) / local_wall:.2f} with Ray's start, "
        f"{ray_wall / local_wall:.2f} without; the two stores hold the same analyses, links and "
        f"ledger: {same}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
