"""Memory: peak resident memory per worker, and whether it stays flat as the corpus grows.

The whole pipeline (read as a scrape, parse, extract, assemble events) runs over N short
documents, the paragraphs of 12 to 40 words of PolNeAR train articles, cycled and numbered when
N exceeds them, streamed through `claimledger.runner.analyse_stream`. A thread samples each worker's
resident set (VmRSS) and peak (VmHWM) from /proc, so this runs on Linux only.

    .venv/bin/python benchmarks/memory.py [--counts 1000 10000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.model import ReadError
from claimledger.runner import analyse_stream
from corpus import machine_line, polnear_dir, polnear_paragraphs, polnear_texts, text_documents

SAMPLE_EVERY_S = 0.25
CHECKPOINTS = (0.1, 0.5, 1.0)
MB = 1024 * 1024


def _status_bytes(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:  # the process ended between listing and reading
        return None
    return None


def worker_pids(parent: int) -> list[int]:
    """The pool's worker processes: children of `parent` started by multiprocessing's spawn
    (its resource tracker, also a child, is left out)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and b"spawn_main" in command and b"resource_tracker" not in command:
            pids.append(int(entry))
    return pids


@dataclass
class Sampler:
    """Samples the workers' memory in the background; `rss` is the latest reading per pid."""

    workers: int
    rss: dict[int, int] = field(default_factory=dict)
    peak: dict[int, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def pids(self) -> list[int]:
        return [os.getpid()] if self.workers <= 1 else worker_pids(os.getpid())

    def sample(self) -> None:
        for pid in self.pids():
            rss, hwm = _status_bytes(pid, "VmRSS"), _status_bytes(pid, "VmHWM")
            if rss is not None and hwm is not None:
                self.rss[pid] = rss
                self.peak[pid] = max(hwm, self.peak.get(pid, 0))

    def loop(self) -> None:
        while not self.stop.wait(SAMPLE_EVERY_S):
            self.sample()


@dataclass(frozen=True)
class Measured:
    count: int
    wall: float
    peak: int  # the largest peak among the workers
    errors: int  # documents whose analysis failed (counted, as the runner counts them)
    at_checkpoints: tuple[int, ...]  # the largest worker RSS at each checkpoint


def measure(texts: list[tuple[str, str]], count: int, workers: int, batch_size: int) -> Measured:
    if workers <= 1:
        # The peak of this process would carry over from the last count: reset it.
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    sampler = Sampler(workers)
    thread = threading.Thread(target=sampler.loop, daemon=True)
    thread.start()
    marks = [max(1, int(count * c)) for c in CHECKPOINTS]
    at_checkpoints: list[int] = []
    started = time.perf_counter()
    documents = text_documents(polnear_paragraphs(texts, count))
    errors = 0
    results = analyse_stream(documents, workers=workers, batch_size=batch_size)
    for done, result in enumerate(results, 1):
        errors += isinstance(result, ReadError)
        if done in marks:
            sampler.sample()
            at_checkpoints.append(max(sampler.rss.values(), default=0))
    wall = time.perf_counter() - started
    sampler.stop.set()
    thread.join()
    peak = max(sampler.peak.values(), default=0)
    return Measured(count, wall, peak, errors, tuple(at_checkpoints))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=polnear_dir())
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = polnear_texts(args.data)
    before = machine_line()
    results = [measure(texts, n, args.workers, args.batch_size) for n in args.counts]
    counts = " ".join(str(n) for n in args.counts)
    print(
        f"$ .venv/bin/python benchmarks/memory.py --counts {counts} --workers {args.workers} "
        f"--batch-size {args.batch_size}\n"
    )
    print("documents: PolNeAR train paragraphs of 12 to 40 words (7,519), cycled and numbered")
    print(f"machine before: {before}\nmachine after:  {machine_line()}\n")
    marks = " | ".join(f"RSS at {int(c * 100)}% MB" for c in CHECKPOINTS)
    print(f"| documents | errors | workers | wall s | docs/s | peak RSS per worker MB | {marks} |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |" + " ---: |" * len(CHECKPOINTS))
    for m in results:
        points = " | ".join(f"{rss / MB:.0f}" for rss in m.at_checkpoints)
        print(
            f"| {m.count} | {m.errors} | {args.workers} | {m.wall:.0f} | {m.count / m.wall:.1f} "
            f"| {m.peak / MB:.0f} | {points} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
