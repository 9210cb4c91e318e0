"""Memory of linking and the ledger over a whole store: records read when needed or held.

`relink` reads each event's document, figures and people from the store as it needs them
(`Store.document_map`, `Store.figure_map`, `Store.person_map`; the days each page writes,
`Store.stated_days`, are read whole either way); the alternative holds every document, figure
and person decoded in dictionaries. Both are run on the same store, alternating, and must give
the same links and ledger; the peak is Python's traced allocation (tracemalloc) during the
step.

    .venv/bin/claimledger run PAGES... --db STORE.db      # any store claimledger wrote
    .venv/bin/python benchmarks/relink_memory.py --db STORE.db [--repeats 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Mapping
from pathlib import Path

from claimledger.ledger import build_ledger
from claimledger.link import link_events
from claimledger.link_features import STATED_RULES
from claimledger.model import Document, Figure, Person
from claimledger.runner import RunOptions
from claimledger.store import open_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    options = RunOptions()
    results: dict[str, list[tuple[float, float]]] = {"read when needed": [], "all held": []}
    outputs = {}
    with open_store(args.db) as store:
        for _ in range(args.repeats):
            for name in results:
                tracemalloc.start()
                started = time.perf_counter()
                events = list(store.events())
                documents: Mapping[str, Document]
                figures: Mapping[str, Figure]
                people: Mapping[str, Person]
                if name == "read when needed":
                    documents, figures = store.document_map(), store.figure_map()
                    people = store.person_map()
                else:
                    documents = {d.id: d for d in store.documents()}
                    figures = {f.id: f for f in store.figures()}
                    people = dict(store.person_map())
                links = link_events(events, documents, figures=figures, people=people,
                                    options=options.link,
                                    stated_days=store.stated_days(STATED_RULES))
                ledger = build_ledger(events, figures, documents, links, rule=options.rule)
                seconds = time.perf_counter() - started
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
                results[name].append((seconds, peak))
                outputs[name] = (links, ledger)
        count = len(store.document_map())
    print(f"$ .venv/bin/python benchmarks/relink_memory.py --db {args.db.name}\n")
    print(f"{count} documents, {len(events)} events, {len(links)} links, {len(ledger)} entries\n")
    print("| documents, figures and people | s (median) | traced peak MB (median) |")
    print("| --- | ---: | ---: |")
    for name, runs in results.items():
        seconds = statistics.median(s for s, _ in runs)
        peak = statistics.median(p for _, p in runs)
        print(f"| {name} | {seconds:.2f} | {peak:.1f} |")
    same = outputs["read when needed"] == outputs["all held"]
    print(f"\nsame links and ledger: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
