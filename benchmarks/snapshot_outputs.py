"""Write every output a refactor must keep into one folder, so two versions compare with `diff -r`.

    python benchmarks/snapshot_outputs.py OUT [--shared ../shared]

OUT/extract-examples.jsonl      `claimledger extract --format jsonl` on examples/pages
OUT/extract-reference.jsonl     the same on the reference page (published 2018-02-21)
OUT/extract-polnear-dev.jsonl   the same on every PolNeAR dev text
OUT/store-dump.txt              every table of the store `make run` builds, rows sorted
OUT/eval-<task>.txt             each `claimledger eval` report
OUT/export-<format>.*           each export of that store
OUT/export-parquet.json         the Parquet export's rows (`to_pylist`), sorted, one a line

Timings and ids of runs are left out (they differ between any two runs).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "claimledger"
VOLATILE_TABLES = {"runs", "sqlite_sequence"}


def claimledger(*args: str, out: Path | None = None) -> str:
    result = subprocess.run(
        [str(BIN), *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    if out is not None:
        out.write_text(result.stdout)
    return result.stdout


def dump_store(db: Path) -> str:
    conn = sqlite3.connect(db)
    lines: list[str] = []
    try:
        tables = sorted(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        for table in tables:
            if table in VOLATILE_TABLES:
                continue
            rows = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            lines.append(f"## {table} ({len(rows)} rows)")
            lines += [repr(row) for row in rows]
    finally:
        conn.close()
    return "\n".join(lines) + "\n"


def parquet_rows(path: Path) -> str:
    """The rows of a Parquet file as sorted JSON lines (row order is not part of the output)."""
    import pyarrow.parquet as pq

    rows = [json.dumps(row, sort_keys=True) for row in pq.read_table(path).to_pylist()]
    return "\n".join(sorted(rows)) + "\n"


def drop_timing(report: str) -> str:
    """Eval reports print seconds and rates; keep every other line."""
    keep = []
    for line in report.splitlines():
        lowered = line.lower()
        if "seconds" in lowered or "/s" in lowered or " s " in lowered or "time" in lowered:
            continue
        keep.append(line)
    return "\n".join(keep) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    data = args.shared / "data"

    claimledger("extract", "examples/pages", "--format", "jsonl",
                out=out / "extract-examples.jsonl")
    reference = args.shared / "seed" / "000_96a361415a47dee9.txt"
    if reference.exists():
        claimledger("extract", str(reference), "--published", "2018-02-21", "--format", "jsonl",
                    out=out / "extract-reference.jsonl")
    polnear = data / "attribution-polnear" / "dev" / "text"
    if polnear.exists():
        claimledger("extract", str(polnear), "--format", "jsonl",
                     out=out / "extract-polnear-dev.jsonl")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "examples-ledger.db"
        claimledger("run", "examples/pages", "--db", str(db))
        (out / "store-dump.txt").write_text(dump_store(db))
        for fmt, suffix in (("csv-acled", "csv"), ("csv-ucdp", "csv"), ("jsonl", "jsonl")):
            claimledger("export", "--db", str(db), "--format", fmt,
                        out=out / f"export-{fmt}.{suffix}")
        parquet = Path(tmp) / "export.parquet"
        claimledger("export", "--db", str(db), "--format", "parquet", "-o", str(parquet))
        (out / "export-parquet.json").write_text(parquet_rows(parquet))

    for task, folder in (
        ("extraction", "article-extraction"),
        ("attribution", "attribution-polnear"),
        ("events", "events-ucdp-sample"),
    ):
        if (data / folder).exists():
            report = claimledger("eval", task, "--data", str(data / folder))
            (out / f"eval-{task}.txt").write_text(drop_timing(report))
    print(f"wrote {sorted(p.name for p in out.iterdir())}")


if __name__ == "__main__":
    main()
