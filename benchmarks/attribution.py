"""Attribution accuracy on PolNeAR: claimledger against textacy's direct-quotation baseline.

    python benchmarks/attribution.py [--data PATH/attribution-polnear] [--split dev] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from claimledger.eval.attribution import evaluate_attribution, format_attribution_report


def default_data() -> Path:
    shared = os.environ.get("CLAIMLEDGER_SHARED")
    root = Path(shared) if shared else Path(__file__).resolve().parents[1] / ".." / "shared"
    return root / "data" / "attribution-polnear"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, help="first N articles only")
    args = parser.parse_args()
    if not (args.data / args.split).is_dir():
        print(f"PolNeAR split not found at {args.data / args.split}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report = evaluate_attribution(args.data, split=args.split, limit=args.limit)
    elapsed = time.perf_counter() - started
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"$ python benchmarks/attribution.py --split {args.split}{limit}\n")
    print(format_attribution_report(report))
    print(f"\n({elapsed:.0f} s including parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
