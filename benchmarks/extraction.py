"""Body extraction on the article-extraction pages: the HTML reader, the text-scrape segmenter on
each page rendered to all of its visible text, and plain trafilatura (defaults) as the baseline.

    .venv/bin/python benchmarks/extraction.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from claimledger.eval.extraction import evaluate_extraction, format_extraction_report

DEFAULT_DATA = Path(
    os.environ.get("CLAIMLEDGER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
) / "data" / "article-extraction"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    report = evaluate_extraction(args.data, limit=args.limit)
    limit = f" --limit {args.limit}" if args.limit else ""
    data = os.path.relpath(args.data.resolve())
    print(f"command: claimledger eval extraction --data {data}{limit}\n")
    print(format_extraction_report(report))


if __name__ == "__main__":
    main()
