"""`claimledger eval figures`: casualty figures on real conflict pages, each with its source.

The data folder holds page texts and hand annotations (see README, "Measuring"):

- `pages.tsv`: `id`, `split`, `url`, `published`, `outlet` (the names the page's own voice may
  go by, `;`-separated);
- `pages/<id>.txt`: the page text as fetched;
- `annotations/<id>.txt`: one figure a line, `quote | measure | value | sources [| flags]`.
  The quote is found in the page (every occurrence is a figure; a `[bracketed]` part is the
  count itself); measure is killed, injured, missing, displaced or casualties; value is `15`,
  `~40`, `15+`, `<=19` or `3-9`; sources are `;`-separated names a reader would accept, fullest
  first, `@outlet` for the page's own voice; the flag `optional` marks a figure neither required
  nor held against a system.

Each page is read as a text scrape (with its URL and date) and analysed by the whole pipeline.
A stated figure (not a tally of people) of a scored measure is found when its count overlaps an
annotated one (one to one, same measure first); its value is right when its interval is the
annotated one; its source is right when its source name holds one of the accepted names, word
for word. Each of the three is reported as precision over the figures a system states and
recall over the annotated ones (value and value plus source with their F1). A plain
regular-expression baseline (a count next to a casualty word, the subject of a
"said" in the sentence or else the URL's host as source) runs in the same report.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from claimledger.model import Analysis

Value = tuple[float | None, float | None]

SPLITS = ("dev", "test")
# What the pipeline calls each annotated measure ("casualties": killed or injured together).
MEASURE_NAMES = {"casualties": "other"}
SCORED_MEASURES = frozenset({"killed", "injured", "missing", "displaced", "other"})
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class Page:
    id: str
    split: str
    url: str | None
    published: str | None
    outlets: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class GoldFigure:
    start: int
    end: int
    measure: str
    value: Value
    sources: tuple[str, ...]
    optional: bool
    line: str


@dataclass(frozen=True)
class Prediction:
    """A system's figure: where its count is, what it counts, its value and its source."""

    start: int
    end: int
    text: str
    measure: str
    value: Value
    source: str


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    value: int = 0
    value_source: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.value += other.value
        self.value_source += other.value_source
        self.misses.extend(other.misses)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- reading the folder ----------------------------------------------------------------------


def read_pages(data_dir: Path, split: str = "all") -> list[Page]:
    """The pages of one split ("dev", "test" or "all"), in the order pages.tsv lists them."""
    pages: list[Page] = []
    with (data_dir / "pages.tsv").open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            if split != "all" and row["split"] != split:
                continue
            text = (data_dir / "pages" / f"{row['id']}.txt").read_text(encoding="utf-8")
            outlets = tuple(n.strip() for n in (row.get("outlet") or "").split(";") if n.strip())
            pages.append(
                Page(
                    id=row["id"],
                    split=row["split"],
                    url=row.get("url") or None,
                    published=row.get("published") or None,
                    outlets=outlets,
                    text=text,
                )
            )
    return pages


def parse_value(text: str) -> Value:
    """'15' -> (15, 15); '~40' -> (40, 40); '15+' -> (15, None); '<=19' -> (None, 19);
    '3-9' -> (3, 9)."""
    value = text.strip().lstrip("~").replace(",", "")
    if value.endswith("+"):
        return float(value[:-1]), None
    if value.startswith("<="):
        return None, float(value[2:])
    if "-" in value:
        low, high = value.split("-", 1)
        return float(low), float(high)
    return float(value), float(value)


def _occurrences(text: str, quote: str) -> Iterator[tuple[int, int]]:
    """The [start, end) of the count in each occurrence of the quote (the bracketed part, or
    the whole quote)."""
    bracket = re.search(r"\[([^\]]+)\]", quote)
    plain = quote.replace("[", "").replace("]", "")
    inner = (bracket.start(), bracket.end() - 2) if bracket else (0, len(plain))
    start = text.find(plain)
    while start >= 0:
        yield start + inner[0], start + inner[1]
        start = text.find(plain, start + 1)


def read_annotations(path: Path, text: str) -> list[GoldFigure]:
    """A page's annotated figures, each occurrence of a quote one figure."""
    figures: list[GoldFigure] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) < 4:
            raise ValueError(f"{path}:{number}: expected 'quote | measure | value | sources'")
        quote, measure, value, sources = fields[:4]
        flags = set(fields[4].split()) if len(fields) > 4 else set()
        spans = list(_occurrences(text, quote))
        if not spans:
            raise ValueError(f"{path}:{number}: quote not in the page: {quote!r}")
        for start, end in spans:
            figures.append(
                GoldFigure(
                    start=start,
                    end=end,
                    measure=MEASURE_NAMES.get(measure, measure),
                    value=parse_value(value),
                    sources=tuple(s.strip() for s in sources.split(";") if s.strip()),
                    optional="optional" in flags,
                    line=f"{path.stem}:{number}",
                )
            )
    return figures


# --- matching and scoring --------------------------------------------------------------------


def _words(name: str) -> list[str]:
    """A name as comparable words: lower case, no dots or possessives, no articles."""
    cleaned = name.lower().replace("’", "'").replace("'s ", " ").replace(".", "")
    words = re.findall(r"[\w'-]+", cleaned)
    return [w.strip("'") for w in words if w not in _ARTICLES]


def _holds(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return n > 0 and any(list(words[i : i + n]) == list(part) for i in range(len(words) - n + 1))


def source_matches(predicted: str, accepted: Iterable[str], outlets: Sequence[str]) -> bool:
    """Whether a predicted source name holds one of the accepted names (`@outlet`: any of the
    page's outlet names), word for word."""
    said = _words(predicted)
    for name in accepted:
        names = outlets if name == "@outlet" else (name,)
        if any(_holds(said, _words(n)) for n in names):
            return True
    return False


def _overlaps(gold: GoldFigure, predicted: Prediction) -> bool:
    return predicted.start < gold.end and gold.start < predicted.end


def score_page(page: Page, gold: Sequence[GoldFigure], predicted: Sequence[Prediction]) -> Tally:
    """Match one page's predictions to its annotated figures and count what is right."""
    tally = Tally(gold=sum(not g.optional for g in gold))
    unmatched = list(gold)
    for figure in sorted(predicted, key=lambda p: p.start):
        candidates = [g for g in unmatched if _overlaps(g, figure)]
        if not candidates:
            tally.predicted += 1
            tally.misses.append(
                f"{page.id}: extra {figure.text!r} {figure.measure} {_show(figure.value)}"
            )
            continue
        match = min(candidates, key=lambda g: (g.measure != figure.measure, g.start))
        unmatched.remove(match)
        if match.optional:
            continue
        tally.predicted += 1
        tally.found += 1
        value_right = match.measure == figure.measure and match.value == figure.value
        source_right = source_matches(figure.source, match.sources, page.outlets)
        tally.value += value_right
        tally.value_source += value_right and source_right
        if not value_right:
            tally.misses.append(
                f"{match.line}: value {figure.text!r} {figure.measure} {_show(figure.value)}, "
                f"annotated {match.measure} {_show(match.value)}"
            )
        elif not source_right:
            tally.misses.append(
                f"{match.line}: source {figure.text!r} {figure.source!r}, "
                f"annotated {'; '.join(match.sources)}"
            )
    for missed in unmatched:
        if not missed.optional:
            quoted = page.text[missed.start : missed.end]
            tally.misses.append(f"{missed.line}: missed {quoted!r} {missed.measure}")
    return tally


def _show(value: Value) -> str:
    low, high = value
    return f"[{'' if low is None else f'{low:g}'}, {'' if high is None else f'{high:g}'}]"


# --- the systems -----------------------------------------------------------------------------


def predictions_of(analysis: Analysis) -> list[Prediction]:
    """The pipeline's stated figures of the scored measures (tallies of people left out)."""
    return [
        Prediction(
            start=f.span.start,
            end=f.span.end,
            text=f.span.text,
            measure=f.measure or "other",
            value=(f.count.low, f.count.high),
            source=f.source_name,
        )
        for f in analysis.figures
        if f.rule is None and (f.measure or "other") in SCORED_MEASURES
    ]


_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: float(i) for i, word in enumerate(_UNIT_WORDS.split(" "))} | {
    "thirty": 30.0,
    "forty": 40.0,
    "fifty": 50.0,
    "hundred": 100.0,
    "dozen": 12.0,
}
_VAGUE = {
    "several": (3.0, 9.0), "dozens": (24.0, 99.0), "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0), "thousands": (2000.0, 9999.0),
}  # fmt: skip
_HEDGE = r"(?:(?P<hedge>at least|more than|over|about|around|nearly|almost|some|up to)\s+)?"
_COUNT = (
    r"(?P<count>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted([*_NUMBER_WORDS, *_VAGUE], key=len, reverse=True))
    + r")(?:\s+(?P<scale>million|thousand))?"
)
_CASUALTY = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
    "bodies": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured",
    "missing": "missing", "displaced": "displaced", "fled": "displaced",
}  # fmt: skip
_VERBS = {"killing": "killed", "killed": "killed", "wounding": "injured",
          "wounded": "injured", "injuring": "injured", "injured": "injured"}  # fmt: skip
_AFTER = re.compile(
    rf"\b{_HEDGE}{_COUNT}\b(?:\s+[\w-]+){{0,3}}?\s+(?P<word>{'|'.join(_CASUALTY)})\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(rf"\b(?P<word>{'|'.join(_VERBS)})\s+{_HEDGE}{_COUNT}\b", re.IGNORECASE)
_SAID_AFTER = re.compile(r"(?:^|,\s+)((?:[\w.'’-]+\s+){0,5}?[\w.'’-]+)\s+(?:said|says|told)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says)\s+((?:the\s+|a\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,4})")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _baseline_value(match: re.Match[str]) -> Value | None:
    count = match.group("count").lower().replace(",", "")
    if count in _VAGUE:
        low, high = _VAGUE[count]
    elif count.isdigit():
        low = high = float(count)
    elif count in _NUMBER_WORDS:
        low = high = _NUMBER_WORDS[count]
    else:
        return None
    scale = {"million": 1e6, "thousand": 1e3}.get((match.group("scale") or "").lower(), 1.0)
    low, high = low * scale, high * scale
    hedge = (match.group("hedge") or "").lower()
    if hedge in ("at least", "more than", "over"):
        return low, None
    if hedge == "up to":
        return None, high
    return low, high


def baseline_predictions(page: Page) -> list[Prediction]:
    """Counts next to a casualty word, sourced to the subject of a 'said' in the sentence."""
    host = urlsplit(page.url).hostname or "" if page.url else ""
    host = host.removeprefix("www.")
    found: list[Prediction] = []
    for sentence in _SENTENCE.finditer(page.text):
        said = _SAID_AFTER.search(sentence.group().strip()) or _SAID_BEFORE.search(sentence.group())
        source = said.group(1) if said else host
        taken: list[tuple[int, int]] = []
        for pattern, words in ((_AFTER, _CASUALTY), (_BEFORE, _VERBS)):
            for match in pattern.finditer(sentence.group()):
                start = sentence.start() + match.start("count")
                end = sentence.start() + match.end("count")
                value = _baseline_value(match)
                if value is None or any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                found.append(
                    Prediction(
                        start=start,
                        end=end,
                        text=page.text[start:end],
                        measure=words[match.group("word").lower()],
                        value=value,
                        source=source,
                    )
                )
    return found


# --- the report ------------------------------------------------------------------------------


@dataclass
class FiguresPagesReport:
    """Per split and system, the tallies over its pages."""

    tallies: dict[tuple[str, str], Tally]
    pages: dict[str, int]


def evaluate_conflict_figures(
    data_dir: Path,
    analyses: Iterable[tuple[Page, Analysis]],
) -> FiguresPagesReport:
    """Score analysed pages (each with its Page) and the baseline, per split."""
    tallies: dict[tuple[str, str], Tally] = {}
    pages: dict[str, int] = {}
    for page, analysis in analyses:
        gold = read_annotations(data_dir / "annotations" / f"{page.id}.txt", page.text)
        pages[page.split] = pages.get(page.split, 0) + 1
        for system, predicted in (
            ("claimledger", predictions_of(analysis)),
            ("regex baseline", baseline_predictions(page)),
        ):
            tally = score_page(page, gold, predicted)
            tallies.setdefault((page.split, system), Tally()).add(tally)
    return FiguresPagesReport(tallies=tallies, pages=pages)


def analyse_pages(pages: Sequence[Page]) -> Iterator[tuple[Page, Analysis]]:
    """Each page read as a text scrape with its URL and date, through the whole pipeline."""
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse_documents
    from claimledger.read.options import ReadOptions
    from claimledger.read.text import read_text_scrape

    documents = [
        read_text_scrape(
            page.text, input=page.id, options=ReadOptions(), url=page.url, published=page.published
        )
        for page in pages
    ]
    yield from zip(pages, analyse_documents(documents, load_nlp()), strict=True)


def format_conflict_figures_report(report: FiguresPagesReport, *, show_misses: bool = False) -> str:
    header = (
        "| split | system | pages | figures | found P | found R | value P | value R | value F1 "
        "| value+source P | value+source R | value+source F1 |"
    )
    lines = [header, "| --- | --- |" + " ---: |" * 10]
    order = [s for s in SPLITS if s in report.pages] + sorted(set(report.pages) - set(SPLITS))
    for split in order:
        for system in ("claimledger", "regex baseline"):
            t = report.tallies[(split, system)]
            cells = [str(report.pages[split]), str(t.gold)]
            for scored, right in enumerate((t.found, t.value, t.value_source)):
                precision, recall = _ratio(right, t.predicted), _ratio(right, t.gold)
                cells.extend([f"{precision:.3f}", f"{recall:.3f}"])
                if scored:  # value and value+source carry an F1; found is P/R alone
                    cells.append(f"{_f1(precision, recall):.3f}")
            lines.append(f"| {split} | {system} | " + " | ".join(cells) + " |")
    if show_misses:
        for (split, system), tally in sorted(report.tallies.items()):
            if system != "claimledger":
                continue
            lines.append(f"\nclaimledger misses on {split}:")
            lines.extend(f"- {miss}" for miss in tally.misses)
    return "\n".join(lines)
