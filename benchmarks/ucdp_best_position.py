"""Where UCDP GED coders put `best` between `low` and `high`, on the shared UCDP sample: the
evidence behind the ledger's UCDP rule (a range reads as its lower end; ties go to the lower).

    .venv/bin/python benchmarks/ucdp_best_position.py [--data FILE]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

DEFAULT_DATA = Path(
    os.environ.get("CLAIMLEDGER_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
) / "data" / "events-ucdp-sample" / "events.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    with args.data.open(encoding="utf-8") as lines:
        events = [json.loads(line) for line in lines if line.strip()]
    ordered = [e for e in events if e["low"] <= e["best"] <= e["high"]]
    spread = [e for e in ordered if e["low"] < e["high"]]
    at_low = sum(e["best"] == e["low"] for e in spread)
    at_high = sum(e["best"] == e["high"] for e in spread)
    print(f"events: {len(events)}; low <= best <= high: {len(ordered)}")
    print(f"low == best == high: {len(ordered) - len(spread)}")
    print(f"low < high: {len(spread)}: best == low {at_low} ({at_low / len(spread):.0%}), "
          f"best == high {at_high} ({at_high / len(spread):.0%}), "
          f"strictly between {len(spread) - at_low - at_high}")


if __name__ == "__main__":
    main()
