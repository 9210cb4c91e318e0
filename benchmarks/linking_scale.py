"""How linking grows with the corpus: link_events over synthetic local news (linking_corpus.py)
of 5,000, 20,000 and 100,000 articles, its time, its traced peak memory, the pairs blocking let
through, and how the links score against the incidents the corpus was made from.

    python benchmarks/linking_scale.py [--sizes 5000 20000 100000] [--repeats 1]

Each size is generated, then linked `repeats` times (the median wall and CPU time are
reported), then once more under tracemalloc for the peak (Python's and numpy's allocations
during link_events; the corpus itself, built before, is not counted). The ratio of the largest
size's time to the smallest's is the check that blocking keeps linking near-linear (20x the
articles: 20x the time if linear, 400x if quadratic). On a machine shared with other work the
CPU time of the process is the steadier measure: wall time also counts the waits for a core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc

from claimledger.eval.incidents import score_links
from claimledger.ledger import cluster_events
from claimledger.link import compare_events, fitted_model, link_events
from linking_corpus import synthetic_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 100000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    print(f"$ python benchmarks/linking_scale.py --sizes {' '.join(map(str, sizes))} "
          f"--repeats {args.repeats}\n")
    print("| articles | events | compared pairs | links | link_events wall s | CPU s "
          "| CPU s per 1,000 | traced peak MB | pairwise P | pairwise R | B-cubed F1 (alone) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    seconds: dict[int, float] = {}
    cpu: dict[int, float] = {}
    for size in sizes:
        corpus = synthetic_corpus(size, seed=args.seed)
        runs, cpu_runs = [], []
        for _ in range(args.repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            links = link_events(corpus.events, corpus.documents, figures=corpus.figures,
                                people=corpus.people, stated_days=corpus.stated_days)
            runs.append(time.perf_counter() - started)
            cpu_runs.append(time.process_time() - started_cpu)
        seconds[size] = statistics.median(runs)
        cpu[size] = statistics.median(cpu_runs)
        tracemalloc.start()
        link_events(corpus.events, corpus.documents, figures=corpus.figures,
                    people=corpus.people, stated_days=corpus.stated_days)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        compared = compare_events(corpus.events, corpus.documents, figures=corpus.figures,
                                  people=corpus.people, stated_days=corpus.stated_days,
                                  model=fitted_model()).compared
        clusters = cluster_events(corpus.events, links)
        predicted = {e.document_id: clusters[e.id] for e in corpus.events}
        gold = {d: str(i) for d, i in corpus.incident_of.items()}
        score = score_links(predicted, gold)
        print(f"| {size:,} | {len(corpus.events):,} | {compared:,} | {len(links):,} | "
              f"{seconds[size]:.1f} | {cpu[size]:.1f} | {1000 * cpu[size] / size:.2f} | "
              f"{peak:.0f} | "
              f"{score.pairwise_precision:.3f} | {score.pairwise_recall:.3f} | "
              f"{score.bcubed_f1:.3f} ({score.singletons_bcubed_f1:.3f}) |", flush=True)
        del corpus
    smallest, largest = sizes[0], sizes[-1]
    ratio = cpu[largest] / cpu[smallest]
    print(f"\n{largest:,} articles take {ratio:.1f}x the CPU time of {smallest:,} "
          f"({seconds[largest] / seconds[smallest]:.1f}x the wall time; {largest / smallest:.0f}x "
          "the articles; the target is under 30x)")
    return 0 if ratio < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
