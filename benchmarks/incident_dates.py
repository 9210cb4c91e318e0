"""How far the event date on events-gva can go: for each incident, whether its coded day is the
ledger's, is written somewhere in its pages (any date mention resolved to that day), is only a
publication day of its pages, or appears in none of them; and how far off the misses are.

    claimledger eval incidents --data ../shared/data/events-gva --db gva.db
    python benchmarks/incident_dates.py --data ../shared/data/events-gva --db gva.db

Reads the store `eval incidents --db` kept (the same --limit and --seed); analyses nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from claimledger.eval.incidents import (
    article_lines,
    choose_incidents,
    read_corpus,
    read_incidents,
    score_corpus,
)


def offset(picked: str | None, coded: str) -> str:
    """How a miss lies from the coded day: no date, a week or month only, or days off."""
    if picked is None:
        return "no date"
    if len(picked) != 10:
        return "a week or a month only"
    days = (date.fromisoformat(picked) - date.fromisoformat(coded)).days
    if picked[5:] == coded[5:]:
        return "the right day of another year"
    if abs(days) == 1:
        return "one day off"
    if abs(days) <= 7:
        return "2 to 7 days off"
    return "more than a week off"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the events-gva folder")
    parser.add_argument("--db", type=Path, required=True, help="the store eval incidents kept")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"no store at {args.db}: run claimledger eval incidents --db first", file=sys.stderr)
        return 2
    incidents, everything = read_incidents(args.data)
    chosen = set(choose_incidents(incidents, args.limit, args.seed))
    articles = [a for a in everything if a.incident in chosen]
    corpus = read_corpus(args.db, article_lines(articles))
    results, _ = score_corpus(incidents, articles, corpus)
    by_id = {a.id: a for a in articles}
    reach: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for result in results:
        coded = result.incident.date
        if not coded:
            continue
        written = {
            mention.value
            for article in result.articles
            if (analysis := corpus.analyses.get(article)) is not None
            for mention in analysis.dates
            if mention.granularity == "day"
        }
        published = {(by_id[a].published or "")[:10] for a in result.articles}
        kind = (
            "written in a page"
            if coded in written
            else "only a publication day"
            if coded in published
            else "in no page"
        )
        reach[kind] += 1
        if result.date == coded:
            picked[kind] += 1
        else:
            misses[offset(result.date, coded)] += 1
    total = sum(reach.values())
    right = sum(picked.values())
    print(f"$ python benchmarks/incident_dates.py --data {args.data} --db {args.db.name}\n")
    print(f"{total} incidents with a coded day; the ledger's date is it for {right}"
          f" ({right / total:.3f})\n")
    print("| the coded day | incidents | share | the ledger's |")
    print("| --- | ---: | ---: | ---: |")
    for kind in ("written in a page", "only a publication day", "in no page"):
        print(f"| {kind} | {reach[kind]} | {reach[kind] / total:.3f} | {picked[kind]} |")
    reachable = total - reach["in no page"]
    print(f"\nWritten or a publication day: {reachable} ({reachable / total:.3f}).\n")
    print("| how the misses lie | incidents |")
    print("| --- | ---: |")
    for kind, n in misses.most_common():
        print(f"| {kind} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
