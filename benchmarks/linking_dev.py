"""Linking a real store: the time and traced peak memory of link_events over the events of a
store (documents, figures and people read from it as needed, as relink does), and each stage's
share, on the store `claimledger eval incidents --db` leaves.

    claimledger eval incidents --data DIR --workers 2 --db STORE.db     # once
    python benchmarks/linking_dev.py --db STORE.db [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from claimledger.link import coherent_groups, compare_events, fitted_model, link_events
from claimledger.link_features import STATED_RULES
from claimledger.store import open_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    model = fitted_model()
    with open_store(args.db) as store:
        events = list(store.events())
        documents = len(store.document_map())
        stated_days = store.stated_days(STATED_RULES)
        stages: dict[str, list[float]] = {"compare (profiles, blocking, signals)": [],
                                          "score and cluster": []}
        totals = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            comparison = compare_events(events, store.document_map(),
                                        figures=store.figure_map(), people=store.person_map(),
                                        stated_days=stated_days)
            compared = time.perf_counter()
            probability = model.probability(comparison.features)
            coherent_groups(comparison.a, comparison.b, probability,
                            threshold=model.threshold, coherence=model.coherence)
            stages["compare (profiles, blocking, signals)"].append(compared - started)
            stages["score and cluster"].append(time.perf_counter() - compared)
            started = time.perf_counter()
            links = link_events(events, store.document_map(), figures=store.figure_map(),
                                people=store.person_map(), stated_days=stated_days)
            totals.append(time.perf_counter() - started)
        tracemalloc.start()
        link_events(events, store.document_map(), figures=store.figure_map(),
                    people=store.person_map(), stated_days=stated_days)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"$ python benchmarks/linking_dev.py --db {args.db.name} --repeats {args.repeats}\n")
    print(f"{documents:,} documents, {len(events):,} events, {len(comparison.a):,} compared "
          f"pairs, {len(links):,} links\n")
    print("| step | s (median) |")
    print("| --- | ---: |")
    for name, runs in stages.items():
        print(f"| {name} | {statistics.median(runs):.2f} |")
    print(f"| link_events, whole | {statistics.median(totals):.2f} |")
    print(f"\ntraced peak during link_events: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
