"""Scoring the figure extractor on UCDP GED events: what the report headlines say of deaths.

UCDP coders record per event a low/best/high death count and the headline(s) of the reports
they coded from. A headline's count is often an aggregate over several events, so agreement is
measured only where the event is clear (event_clarity 1) and has one headline, and it is a
lower bound of the extractor's accuracy, not a clean per-article score.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import msgspec
from spacy.language import Language

from claimledger.extract.figures import find_figures
from claimledger.extract.measures import MEASURE_WORDS
from claimledger.extract.numbers import find_quantities
from claimledger.model import Figure
from claimledger.nlp import spacy_pipes

_KILL_WORDS = MEASURE_WORDS["killed"]


class FigureExample(msgspec.Struct, frozen=True, kw_only=True):
    """One headline, the extracted killed figure (if any) and the event's coded counts."""

    headline: str
    figure: str | None
    low: float | None
    high: float | None
    event_low: float
    event_high: float
    consistent: bool | None
    not_below: bool | None


class FiguresReport(msgspec.Struct, frozen=True, kw_only=True):
    headlines: int
    candidates: int
    found: int
    found_casualties: int
    found_elsewhere: int
    scored: int
    consistent: int
    not_below: int
    examples: tuple[FigureExample, ...] = ()

    @property
    def coverage(self) -> float:
        return self.found / self.candidates if self.candidates else 0.0

    @property
    def consistency(self) -> float:
        return self.consistent / self.scored if self.scored else 0.0

    @property
    def not_below_rate(self) -> float:
        return self.not_below / self.scored if self.scored else 0.0


def _headlines(path: Path) -> Iterator[tuple[str, dict[str, object], bool]]:
    """(headline, event, whether the event is clear and has this one headline only)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            heads = [h.strip() for h in str(event.get("source_headline") or "").split(";")]
            heads = [h for h in heads if h]
            single = len(heads) == 1 and event.get("event_clarity") == 1
            for head in heads:
                yield head, event, single


def is_death_count_headline(headline: str) -> bool:
    """A headline with a count expression and a killing word: one that states a death toll."""
    words = {w.strip(".,:;!?\"'“”").lower() for w in headline.split()}
    return bool(find_quantities(headline)) and bool(words & _KILL_WORDS)


def _not_below(figure: Figure, low: float) -> bool:
    """The figure allows a count of at least the coded low: true of an aggregate, too."""
    return figure.count.high is None or figure.count.high >= low


def _overlaps(figure: Figure, low: float, high: float) -> bool:
    above_low = figure.count.high is None or (
        figure.count.high >= low if figure.count.high_inclusive else figure.count.high > low
    )
    below_high = figure.count.low is None or (
        figure.count.low <= high if figure.count.low_inclusive else figure.count.low < high
    )
    return above_low and below_high


def evaluate_figures_ucdp(path: Path, nlp: Language, *, limit: int | None = None) -> FiguresReport:
    """Coverage on death-count headlines and agreement with the coded low-high range."""
    headlines = candidates = found = found_elsewhere = scored = consistent = not_below = 0
    found_casualties = 0
    examples: list[FigureExample] = []
    for headline, event, single in _headlines(path):
        if limit is not None and headlines >= limit:
            break
        headlines += 1
        with nlp.select_pipes(enable=spacy_pipes(nlp)):
            doc = nlp(headline)
        figures = find_figures(doc)
        killed = [f for f in figures if f.measure == "killed"]
        candidate = is_death_count_headline(headline)
        candidates += candidate
        if not candidate:
            found_elsewhere += bool(killed)
            continue
        found += bool(killed)
        # "20 soldiers killed or wounded" is read as casualties, not as deaths
        found_casualties += not killed and any(f.measure == "other" for f in figures)
        event_low = float(str(event.get("low", 0)))
        event_high = float(str(event.get("high", 0)))
        verdict: bool | None = None
        above: bool | None = None
        if single and killed:
            scored += 1
            verdict = _overlaps(killed[0], event_low, event_high)
            above = _not_below(killed[0], event_low)
            consistent += verdict
            not_below += above
        first = killed[0] if killed else None
        examples.append(
            FigureExample(
                headline=headline,
                figure=first.span.text if first else None,
                low=first.count.low if first else None,
                high=first.count.high if first else None,
                event_low=event_low,
                event_high=event_high,
                consistent=verdict,
                not_below=above,
            )
        )
    return FiguresReport(
        headlines=headlines,
        candidates=candidates,
        found=found,
        found_casualties=found_casualties,
        found_elsewhere=found_elsewhere,
        scored=scored,
        consistent=consistent,
        not_below=not_below,
        examples=tuple(examples),
    )


def format_figures_report(report: FiguresReport, *, show_misses: bool = False) -> str:
    lines = [
        f"headlines read:                          {report.headlines}",
        f"death-count headlines (count + kill word): {report.candidates}",
        f"  with a killed figure extracted:        {report.found} ({report.coverage:.1%})",
        f"  with a casualties figure instead:      {report.found_casualties} (killed or injured)",
        f"killed figures in other headlines:       {report.found_elsewhere}",
        f"clear single-headline events scored:     {report.scored}",
        f"  figure within the coded low-high:      {report.consistent} ({report.consistency:.1%})",
        f"  figure not below the coded low:        {report.not_below} "
        f"({report.not_below_rate:.1%}; a headline total may cover several events)",
    ]
    if show_misses:
        for example in report.examples:
            if example.figure is None or example.not_below is False:
                lines.append(
                    f"  miss: {example.headline!r} -> {example.figure!r} "
                    f"[{example.low}, {example.high}] vs coded "
                    f"[{example.event_low:g}, {example.event_high:g}]"
                )
    return "\n".join(lines)
