"""`claimledger eval events`: event type, date, country, admin-1 and fatalities against gold events.

A gold folder holds either
- `events.csv`, one row per text with the columns `text`, `published` (YYYY-MM-DD, may be empty),
  `event_type` (ACLED type; several allowed, `|`-separated; may be empty), `date_start`,
  `date_end`, `country`, `admin1`, `fatalities_low`, `fatalities_high` (empty: not scored); or
- `events.jsonl` in UCDP GED's columns (as ../shared/data/events-ucdp-sample): the text is the
  report's headline (`source_headline`, rows without one are counted and left out), published is
  `source_date` (else `date_end`); UCDP's type of violence maps to the ACLED types it admits
  (1, 2: Battles or Explosions/Remote violence; 3: Violence against civilians); fatalities are
  scored only where `event_clarity` is 1 and the headline names one place (no ";" or ","-lists).

Per field: how many texts have a gold value (`gold`), how many of those the program gave a value
for (`predicted`), how many of those were right (`correct`); precision = correct / predicted,
recall = correct / gold. A text's prediction is its first event (the document's main event):
the type must be among the admitted types, the date inside [date_start, date_end] (one day of
slack either side), country and admin-1 equal after normalisation, and some killed figure's
interval must meet [fatalities_low, fatalities_high].
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import msgspec

from claimledger.model import Analysis, Document
from claimledger.read.assemble import document_from_parts

FIELDS = ("event_type", "date", "country", "admin1", "fatalities")
UCDP_TYPES = {
    1: ("Battles", "Explosions/Remote violence"),
    2: ("Battles", "Explosions/Remote violence"),
    3: ("Violence against civilians",),
}
ADMIN_WORDS = re.compile(
    r"\b(province|state|region|governorate|district|oblast|county|department|prefecture|"
    r"division|municipality|territory|muhafazah|wilayah)\b"
)


class GoldEvent(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    text: str
    published: str | None = None
    event_types: tuple[str, ...] = ()
    date_start: str | None = None
    date_end: str | None = None
    country: str | None = None
    admin1: str | None = None
    fatalities_low: float | None = None
    fatalities_high: float | None = None


class FieldScore(msgspec.Struct, kw_only=True):
    field: str
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


class EventsReport(msgspec.Struct, kw_only=True):
    texts: int
    left_out: int
    fields: list[FieldScore]
    with_event: int


def normalise_name(name: str | None) -> str:
    """Lower-case ASCII, parentheses and administrative words removed: "DR Congo (Zaire)" ->
    "dr congo", "Lunda Sul province" -> "lunda sul"."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(.*?\)", " ", text)
    text = ADMIN_WORDS.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


COUNTRY_ALIASES = {
    "dr congo": "democratic republic of the congo",
    "drc": "democratic republic of the congo",
    "congo kinshasa": "democratic republic of the congo",
    "russia": "russia",
    "russian federation": "russia",
    "myanmar": "myanmar",
    "burma": "myanmar",
    "ivory coast": "ivory coast",
    "cote d ivoire": "ivory coast",
    "united states of america": "united states",
    "usa": "united states",
    "bosnia herzegovina": "bosnia and herzegovina",
    "central african republic": "central african republic",
    "car": "central african republic",
    "south sudan": "south sudan",
    "yemen": "yemen",
    "cambodia": "cambodia",
    "kampuchea": "cambodia",
}


def same_country(a: str | None, b: str | None) -> bool:
    x, y = normalise_name(a), normalise_name(b)
    return bool(x) and COUNTRY_ALIASES.get(x, x) == COUNTRY_ALIASES.get(y, y)


def _number(value: object) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(str(value))
    except ValueError:
        return None


def load_gold_csv(path: Path) -> Iterator[GoldEvent]:
    with path.open(newline="", encoding="utf-8") as f:
        for index, row in enumerate(csv.DictReader(f)):
            yield GoldEvent(
                id=row.get("id") or str(index),
                text=row.get("text", ""),
                published=row.get("published") or None,
                event_types=tuple(t for t in (row.get("event_type") or "").split("|") if t),
                date_start=row.get("date_start") or None,
                date_end=row.get("date_end") or row.get("date_start") or None,
                country=row.get("country") or None,
                admin1=row.get("admin1") or None,
                fatalities_low=_number(row.get("fatalities_low")),
                fatalities_high=_number(row.get("fatalities_high")),
            )


def _one_place(headline: str) -> bool:
    return ";" not in headline


def load_gold_ucdp(path: Path) -> tuple[list[GoldEvent], int]:
    """Gold events from UCDP GED rows with a headline, and how many rows had none."""
    events: list[GoldEvent] = []
    left_out = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            headline = (row.get("source_headline") or "").strip()
            if not headline:
                left_out += 1
                continue
            clear = row.get("event_clarity") == 1 and _one_place(headline)
            events.append(
                GoldEvent(
                    id=str(row.get("id")),
                    text=headline.replace(";", ".\n"),
                    published=row.get("source_date") or row.get("date_end"),
                    event_types=UCDP_TYPES.get(row.get("type_of_violence"), ()),
                    date_start=row.get("date_start"),
                    date_end=row.get("date_end"),
                    country=row.get("country"),
                    admin1=row.get("adm_1"),
                    fatalities_low=_number(row.get("low")) if clear else None,
                    fatalities_high=_number(row.get("high")) if clear else None,
                )
            )
    return events, left_out


def load_gold(data_dir: Path) -> tuple[list[GoldEvent], int]:
    if (data_dir / "events.csv").exists():
        return list(load_gold_csv(data_dir / "events.csv")), 0
    if (data_dir / "events.jsonl").exists():
        return load_gold_ucdp(data_dir / "events.jsonl")
    raise FileNotFoundError(f"{data_dir} holds neither events.csv nor events.jsonl")


def gold_document(gold: GoldEvent) -> Document:
    """The gold text as a document: its first line the title, the rest the body."""
    title, _, body = gold.text.partition("\n")
    return document_from_parts(
        [("title", title), ("body", body)],
        input=f"gold:{gold.id}",
        input_kind="text",
        published=gold.published,
        published_from="record" if gold.published else None,
    )


def _date_ok(value: str, gold: GoldEvent) -> bool:
    try:
        day = date.fromisoformat(value[:10])
        start = date.fromisoformat(str(gold.date_start)[:10])
        end = date.fromisoformat(str(gold.date_end or gold.date_start)[:10])
    except ValueError:
        return False
    return start - timedelta(days=1) <= day <= end + timedelta(days=1)


def score_analysis(gold: GoldEvent, analysis: Analysis, scores: dict[str, FieldScore]) -> None:
    """Add one text's outcome to the per-field counts."""
    event = analysis.events[0] if analysis.events else None
    place = None
    if event is not None and event.place is not None:
        place = event.place.resolved or (
            event.place.candidates[0] if len(event.place.candidates) == 1 else None
        )
    figures = {f.id: f for f in analysis.figures}
    killed = [
        figures[i] for i in (event.figure_ids if event else ()) if figures[i].measure == "killed"
    ]

    def count(field: str, has_gold: bool, predicted: bool, correct: bool) -> None:
        if not has_gold:
            return
        scores[field].gold += 1
        if predicted:
            scores[field].predicted += 1
            scores[field].correct += int(correct)

    count(
        "event_type",
        bool(gold.event_types),
        event is not None,
        event is not None and event.event_type in gold.event_types,
    )
    date_value = event.date.value if event and event.date and event.date.value else None
    count(
        "date",
        gold.date_start is not None,
        date_value is not None and "X" not in date_value,
        date_value is not None and _date_ok(date_value, gold),
    )
    count("country", gold.country is not None, place is not None,
          place is not None and same_country(place.country, gold.country))
    admin1 = place.admin1 if place else None
    count("admin1", gold.admin1 is not None, admin1 is not None,
          normalise_name(admin1) == normalise_name(gold.admin1) and bool(admin1))
    low, high = gold.fatalities_low, gold.fatalities_high
    count(
        "fatalities",
        low is not None and high is not None,
        bool(killed),
        any(
            (f.count.low is None or high is None or f.count.low <= high)
            and (f.count.high is None or low is None or f.count.high >= low)
            for f in killed
        ),
    )


def evaluate_events(data_dir: Path, *, limit: int | None = None) -> EventsReport:
    """Run the pipeline on every gold text and score its main event."""
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse_documents

    golds, left_out = load_gold(data_dir)
    golds = golds[:limit] if limit else golds
    scores = {name: FieldScore(field=name) for name in FIELDS}
    with_event = 0
    documents = [gold_document(g) for g in golds]
    for gold, analysis in zip(golds, analyse_documents(documents, load_nlp()), strict=True):
        with_event += int(bool(analysis.events))
        score_analysis(gold, analysis, scores)
    return EventsReport(
        texts=len(golds), left_out=left_out, fields=list(scores.values()), with_event=with_event
    )


def format_events_report(report: EventsReport) -> str:
    lines = [
        f"{report.texts} texts ({report.left_out} gold rows without text left out); "
        f"{report.with_event} gave an event",
        "",
        "| field | gold | predicted | correct | precision | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in report.fields:
        lines.append(
            f"| {s.field} | {s.gold} | {s.predicted} | {s.correct} | "
            f"{s.precision:.3f} | {s.recall:.3f} |"
        )
    return "\n".join(lines)
