"""The texts the speed benchmarks run on: PolNeAR article texts from ../shared/data, as plain text
and as claimledger documents, and a line on the machine they ran on."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

from claimledger.model import Document
from claimledger.read.options import ReadOptions
from claimledger.read.text import read_text_scrape

Text = tuple[str, str]  # (name, text)


def polnear_dir() -> Path:
    """../shared/data/attribution-polnear beside the checkout, or under CLAIMLEDGER_SHARED."""
    shared = os.environ.get("CLAIMLEDGER_SHARED")
    root = Path(shared) if shared else Path(__file__).resolve().parents[1] / ".." / "shared"
    return root / "data" / "attribution-polnear"


def polnear_texts(data: Path, *, split: str = "train", limit: int | None = None) -> list[Text]:
    """The first `limit` article texts of a PolNeAR split, by file name; exits when absent."""
    folder = data / split / "text"
    if not folder.is_dir():
        sys.exit(f"PolNeAR texts not found at {folder} (set CLAIMLEDGER_SHARED or --data)")
    files = sorted(folder.glob("*.txt"))[:limit]
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def polnear_paragraphs(
    texts: list[Text], count: int, *, min_words: int = 12, max_words: int = 40
) -> Iterator[Text]:
    """`count` short texts: the articles' paragraphs of `min_words` to `max_words` words, cycled
    when the corpus has fewer, each repeat made distinct by its number (so no two documents share
    a content id)."""
    paragraphs = [
        (f"{name}#{i}", paragraph.strip())
        for name, text in texts
        for i, paragraph in enumerate(text.split("\n\n"))
        if min_words <= len(paragraph.split()) <= max_words
    ]
    for n, (name, paragraph) in enumerate(islice(cycle(paragraphs), count)):
        round_ = n // len(paragraphs)
        yield (f"{name}@{round_}", paragraph if round_ == 0 else f"{paragraph} ({round_})")


def text_documents(texts: list[Text] | Iterator[Text]) -> Iterator[Document]:
    """The texts read as plain-text scrapes (title on the first line), as `run` reads them."""
    options = ReadOptions()
    for name, text in texts:
        yield read_text_scrape(text, input=name, options=options)


def word_count(texts: list[Text]) -> int:
    return sum(len(text.split()) for _, text in texts)


def machine_line() -> str:
    """Cores and load average: the other work the machine was doing colours every timing."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, Python {sys.version.split()[0]}"
