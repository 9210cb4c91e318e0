"""Language detection: how often it names the right language on short pages written for it
(benchmarks/language_pages.py), how often it calls a real English news page something else
(events-gva articles: any such page would lose its extraction), and what it costs.

    python benchmarks/language.py [--limit N]

claimledger's detector (CLD2 via pycld2) is measured; py3langid and langdetect are measured
beside it where installed (they are no dependencies of claimledger).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from claimledger.read.language import detect_language
from language_pages import PAGES

GVA = Path(__file__).resolve().parents[2] / "shared" / "data" / "events-gva" / "articles.jsonl"
Detect = Callable[[str], str | None]


def py3langid_detector() -> Detect | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(text: str) -> str | None:
        language, probability = identifier.classify(text)
        return str(language) if probability >= 0.5 else None

    return detect


def langdetect_detector() -> Detect | None:
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return None
    DetectorFactory.seed = 0

    def detect(text: str) -> str | None:
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return None
        return str(best.lang) if best.prob >= 0.5 else None

    detect("warm up: load the profiles")
    return detect


def measure(name: str, load: Callable[[], Detect | None], english: list[str]) -> str | None:
    started = time.perf_counter()
    detect = load()
    loaded = time.perf_counter() - started
    if detect is None:
        return None
    pages = [(language, f"{title}\n\n{body}") for language, title, body in PAGES]
    started = time.perf_counter()
    found = [detect(text) for _, text in pages]
    called_other = [text for text in english if detect(text) not in (None, "en")]
    seconds = time.perf_counter() - started
    right = sum(got == language for got, (language, _) in zip(found, pages, strict=True))
    per_page = seconds / (len(pages) + len(english)) * 1000
    return (f"| {name} | {right}/{len(pages)} | {len(called_other)}/{len(english)} | "
            f"{loaded:.2f} | {per_page:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=1000, help="events-gva articles to use")
    args = parser.parse_args()
    english: list[str] = []
    if GVA.exists():
        with GVA.open(encoding="utf-8") as lines:
            for line in islice(lines, args.limit):
                article = json.loads(line)
                english.append(f"{article.get('title') or ''}\n\n{article['text']}"[:20_000])
    else:
        print(f"{GVA} is absent: English news pages not measured", file=sys.stderr)
    print("| detector | written pages right | English news pages called another language "
          "| load s | ms per page |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, load in (
        ("CLD2 (pycld2), claimledger's", lambda: detect_language),
        ("py3langid", py3langid_detector),
        ("langdetect", langdetect_detector),
    ):
        row = measure(name, load, english)
        print(row if row else f"| {name} | not installed | | | |")


if __name__ == "__main__":
    main()
