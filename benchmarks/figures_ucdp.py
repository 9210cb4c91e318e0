"""Figure extraction on UCDP GED report headlines: coverage of death-count headlines and
agreement of the extracted killed figure with the coded low-high range.

    .venv/bin/python benchmarks/figures_ucdp.py [--data FILE] [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from claimledger.eval.figures import evaluate_figures_ucdp, format_figures_report
from claimledger.nlp import load_nlp

DEFAULT_DATA = (
    Path(
        os.environ.get("CLAIMLEDGER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
    )
    / "data"
    / "events-ucdp-sample"
    / "events.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--misses", action="store_true", help="list the headlines missed")
    args = parser.parse_args()
    report = evaluate_figures_ucdp(args.data, load_nlp(), limit=args.limit)
    print(format_figures_report(report, show_misses=args.misses))


if __name__ == "__main__":
    main()
