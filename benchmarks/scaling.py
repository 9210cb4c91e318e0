"""Scaling: the same documents through `claimledger.runner.analyse_stream`, 1 and 2 workers.

Documents are read up front, so only the analysis is timed. Each worker count starts cold (the
model loaded in each worker), so two rates are given: over the whole call, and steady (from the
first result on, which leaves out the model loading every worker does once). Results come in
groups of `--batch-size` documents with one worker and of the runner's chunk (8) with several:
keep both small next to `--limit`. CPU seconds of all processes (model loading included) say
what the machine's other work cannot: whether two workers spend more CPU per article than one.

    .venv/bin/python benchmarks/scaling.py [--limit 120] [--workers 1 2] [--batch-size 8]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from claimledger.model import Document, ReadError
from claimledger.runner import analyse_stream
from corpus import machine_line, polnear_dir, polnear_texts, text_documents

# Results come in groups (a batch or a worker's chunk) yielded from memory together: a gap
# smaller than this still belongs to the group.
SAME_GROUP_S = 0.005


@dataclass(frozen=True)
class Timing:
    workers: int
    arrivals: list[float]  # seconds from the call to each result
    cpu: float  # CPU seconds of this process and of the workers together
    errors: int  # documents whose analysis failed (counted, as the runner counts them)

    @property
    def total(self) -> float:
        return self.arrivals[-1]

    @property
    def first(self) -> float:
        return self.arrivals[0]

    @property
    def rate(self) -> float:
        return len(self.arrivals) / self.total

    @property
    def steady_rate(self) -> float:
        """Results after the first group, per second after it: model loading left out."""
        later = [t for t in self.arrivals if t - self.first > SAME_GROUP_S]
        return len(later) / (self.total - self.first) if later else float("nan")


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's workers are
    counted once the pool has closed)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_workers(documents: list[Document], workers: int, batch_size: int) -> Timing:
    cpu = _cpu_seconds()
    started = time.perf_counter()
    arrivals = []
    errors = 0
    for result in analyse_stream(iter(documents), workers=workers, batch_size=batch_size):
        arrivals.append(time.perf_counter() - started)
        errors += isinstance(result, ReadError)
    return Timing(workers, arrivals, _cpu_seconds() - cpu, errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=polnear_dir())
    parser.add_argument("--limit", type=int, default=120, help="first N train articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    documents = list(text_documents(polnear_texts(args.data, limit=args.limit)))
    before = machine_line()
    timings = [time_workers(documents, w, args.batch_size) for w in args.workers]
    workers = " ".join(str(w) for w in args.workers)
    print(
        f"$ .venv/bin/python benchmarks/scaling.py --limit {args.limit} --workers {workers} "
        f"--batch-size {args.batch_size}\n"
    )
    print(f"{len(documents)} PolNeAR train articles")
    print(f"machine before: {before}\nmachine after:  {machine_line()}\n")
    print(
        "| workers | wall s | articles/s | first result after s | steady articles/s | speed-up "
        "| CPU s, all processes | articles per CPU s | errors |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = timings[0]
    for t in timings:
        print(
            f"| {t.workers} | {t.total:.1f} | {t.rate:.2f} | {t.first:.1f} | {t.steady_rate:.2f} "
            f"| {t.rate / base.rate:.2f} (steady {t.steady_rate / base.steady_rate:.2f}) "
            f"| {t.cpu:.1f} | {len(t.arrivals) / t.cpu:.2f} | {t.errors} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
