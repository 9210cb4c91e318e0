"""Store and export throughput on synthetic analyses shaped like a news page's (3 kB of text, 8
attributions, 6 figures, 3 dates, 2 places, 2 events), linked in pairs.

    .venv/bin/python benchmarks/store_throughput.py [--documents N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from claimledger.exports import FORMATS, export
from claimledger.ledger import ledger_from_analyses
from claimledger.model import (
    Analysis,
    Attribution,
    Count,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    PlaceMention,
    Segment,
    Span,
    content_id,
)
from claimledger.store import open_store

SENTENCE = "Officials said {n} people were killed and {m} injured in the attack on the town. "


def synthetic_analysis(number: int) -> Analysis:
    text = "".join(SENTENCE.format(n=number + i, m=2 * i) for i in range(40))
    doc_id = content_id(text)
    step = len(SENTENCE.format(n=number, m=0))

    def span(i: int, width: int = 10) -> Span:
        start = (i * step) % (len(text) - width)
        return Span(start, start + width, text[start : start + width])

    attributions = tuple(
        Attribution(id=f"{doc_id}-a{i}", content=span(i, 40), direct=False, cue=span(i, 4),
                    cue_class="say", source_name="Officials", source_kind="anonymous")
        for i in range(8)
    )
    figures = tuple(
        Figure(id=f"{doc_id}-f{i}", span=span(i),
               count=Count(low=float(number + i), high=float(number + i)),
               measure="killed" if i % 2 else "injured", attribution_id=attributions[i].id,
               source_name=f"source {i % 3}")
        for i in range(6)
    )
    dates = tuple(DateMention(span=span(i), value="2024-03-0" + str(i + 1)) for i in range(3))
    places = tuple(PlaceMention(span=span(i), name=f"Town {i}") for i in range(2))
    events = tuple(
        Event(id=f"{doc_id}-e{i}", document_id=doc_id, trigger=span(i), event_type="Battles",
              date=dates[i], place=places[i], figure_ids=tuple(f.id for f in figures[i::2]))
        for i in range(2)
    )
    document = Document(id=doc_id, text=text, segments=(Segment("body", 0, len(text)),),
                        outlet=f"Outlet {number % 7}", published="2024-03-05")
    return Analysis(document=document, attributions=attributions, figures=figures, dates=dates,
                    places=places, events=events, version="bench")


def timed(label: str, count: int, unit: str, start: float) -> None:
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:8.2f} s  {count / seconds:10.0f} {unit}/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    analyses = [synthetic_analysis(i) for i in range(args.documents)]
    links = [EventLink(a=a.events[0].id, b=b.events[0].id, score=1.0)
             for a, b in zip(analyses[::2], analyses[1::2], strict=False)]
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "bench.db"
        print(f"command: python benchmarks/store_throughput.py --documents {args.documents}\n")
        with open_store(path) as store:
            start = time.perf_counter()
            written = store.write_analyses(analyses)
            timed("write analyses (new)", written, "documents", start)
            start = time.perf_counter()
            again = store.write_analyses(analyses)
            assert again == 0
            timed("write analyses (already stored)", len(analyses), "documents", start)
            store.write_links(links)
            start = time.perf_counter()
            entries = ledger_from_analyses(store.analyses(), store.links())
            store.write_ledger(entries)
            timed("read back + build + store ledger", len(analyses), "documents", start)
            for fmt in FORMATS:
                start = time.perf_counter()
                rows = export(store, fmt, io.BytesIO() if fmt == "parquet" else io.StringIO())
                timed(f"export {fmt} ({rows} rows)", len(analyses), "documents", start)
        size = path.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.db-*"))
        print(f"\nstore size: {size / len(analyses) / 1024:.1f} KiB per document")


if __name__ == "__main__":
    main()
