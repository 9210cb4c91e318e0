"""Date mentions on real news (PolNeAR dev articles, with their publication dates): how many
there are, by rule, and a random sample with context for a person to judge (no gold exists).

    .venv/bin/python benchmarks/dates_audit.py [--split dev] [--sample 50] [--seed 11]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
from collections import Counter
from pathlib import Path

from claimledger.extract.annotation import SegmentContext, set_context
from claimledger.extract.dates import find_dates
from claimledger.nlp import load_nlp, spacy_pipes

DEFAULT_ROOT = (
    Path(
        os.environ.get("CLAIMLEDGER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
    )
    / "data"
    / "attribution-polnear"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with (args.root / "metadata.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["compartment"] == args.split]
    nlp = load_nlp()
    rules: Counter[str] = Counter()
    lines: list[str] = []
    articles = 0
    for row in rows:
        path = args.root / args.split / "text" / f"{row['filename']}.txt"
        if not path.exists():
            continue
        articles += 1
        text = path.read_text(encoding="utf-8")
        published = row["publication_date"]
        with nlp.select_pipes(enable=spacy_pipes(nlp)):
            doc = nlp(text)
        set_context(doc, SegmentContext(published=published))
        for mention in find_dates(doc):
            rules[mention.rule] += 1
            before = text[max(0, mention.span.start - 60) : mention.span.start]
            after = text[mention.span.end : mention.span.end + 40]
            context = f"{before}[{mention.span.text}]{after}".replace("\n", " ")
            lines.append(
                f"published {published}: {mention.value} ({mention.granularity}, "
                f"{mention.rule}) | {context}"
            )
    print(f"articles: {articles}; date mentions: {sum(rules.values())}")
    for rule, count in rules.most_common():
        print(f"  {rule}: {count}")
    random.seed(args.seed)
    for line in random.sample(lines, min(args.sample, len(lines))):
        print(line)


if __name__ == "__main__":
    main()
