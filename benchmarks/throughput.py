"""Throughput on the same texts: bare spaCy `nlp.pipe` against the whole claimledger pipeline.

Both parse the same PolNeAR article texts in one process with the same loaded model; the
pipeline also reads each text as a scrape (segmenting it) and runs every extractor and event
assembly. Repeats alternate between the two, so a change in the machine's load touches both;
figures are medians. Rates are per wall-clock second and per CPU second of this process (the
latter is steadier on a machine shared with other work). One-off start-up costs (model, tagger
and gazetteer loading) are measured apart and left out of the rates. Each claimledger
component's own CPU time in the pipeline passes is listed too (medians): the ratio moves with
spaCy's own time as the host's speed moves, what the components add moves less.

    .venv/bin/python benchmarks/throughput.py [--limit 200] [--repeats 3] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.attribution import clear_score_caches
from claimledger.nlp import EXTRACTOR_PREFIX, load_nlp, spacy_pipes
from claimledger.pipeline import analyse_documents
from corpus import Text, machine_line, polnear_dir, polnear_texts, text_documents, word_count


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds one call of `work` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def time_components(nlp: Language) -> dict[str, float]:
    """Wrap each claimledger component's extractor with a CPU timer; the seconds each has spent
    since the returned dict was last emptied, by component name."""
    spent: dict[str, float] = {}
    for name, component in nlp.pipeline:
        extract = getattr(component, "extract", None)
        if not name.startswith(EXTRACTOR_PREFIX) or extract is None:
            continue

        def timed_extract(
            doc: Doc, extract: Callable[[Doc], None] = extract, name: str = name
        ) -> None:
            start = time.process_time()
            extract(doc)
            spent[name] = spent.get(name, 0.0) + time.process_time() - start

        component.extract = timed_extract
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=polnear_dir())
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=200, help="first N articles")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts: list[Text] = polnear_texts(args.data, split=args.split, limit=args.limit)
    raw = [text for _, text in texts]
    words = word_count(texts)
    before = machine_line()

    load_wall, _ = timed(load_nlp)
    nlp = load_nlp()
    warm_wall, _ = timed(lambda: list(analyse_documents(text_documents(texts[:2]), nlp)))

    def bare() -> None:
        with nlp.select_pipes(enable=spacy_pipes(nlp)):
            for _ in nlp.pipe(raw, batch_size=args.batch_size):
                pass

    spent = time_components(nlp)
    components: dict[str, list[float]] = {}

    def pipeline() -> None:
        clear_score_caches()  # each pass starts as on texts it has not seen
        spent.clear()
        for _ in analyse_documents(text_documents(texts), nlp, batch_size=args.batch_size):
            pass
        for name, seconds in spent.items():
            components.setdefault(name, []).append(seconds)

    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "pipeline": []}
    for _ in range(args.repeats):
        runs["bare"].append(timed(bare))
        runs["pipeline"].append(timed(pipeline))

    def median(name: str, column: int) -> float:
        return statistics.median(run[column] for run in runs[name])

    command = (
        f".venv/bin/python benchmarks/throughput.py --limit {args.limit} "
        f"--repeats {args.repeats} --batch-size {args.batch_size}"
    )
    print(f"$ {command}\n")
    print(f"{len(texts)} PolNeAR {args.split} articles, {words} words; model {nlp.meta['name']}")
    print(f"machine before: {before}\nmachine after:  {machine_line()}\n")
    print("| run | wall s (median) | articles/s | words/s | CPU s (median) | articles/CPU s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    labels = {"bare": "bare spaCy `nlp.pipe`", "pipeline": "claimledger read + analyse"}
    for name, label in labels.items():
        wall, cpu = median(name, 0), median(name, 1)
        print(
            f"| {label} | {wall:.1f} | {len(texts) / wall:.2f} | {words / wall:,.0f} "
            f"| {cpu:.1f} | {len(texts) / cpu:.2f} |"
        )
    wall_ratio = median("bare", 0) / median("pipeline", 0)
    cpu_ratio = median("bare", 1) / median("pipeline", 1)
    print(f"\npipeline rate / bare spaCy rate: {wall_ratio:.2f} (wall), {cpu_ratio:.2f} (CPU)")
    print("\n| component (pipeline passes) | CPU s (median) |\n| --- | ---: |")
    for name, seconds in components.items():
        print(f"| {name.removeprefix(EXTRACTOR_PREFIX)} | {statistics.median(seconds):.2f} |")
    total = statistics.median(map(sum, zip(*components.values(), strict=True)))
    print(f"| all components | {total:.2f} |")
    print(
        f"one-off start-up, not in the rates: model load {load_wall:.1f} s, "
        f"first two documents (tagger, gazetteer) {warm_wall:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
