"""The server-side charts: each source's interval and the timeline."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from battle_records import battle_link, first_analysis, second_analysis
from claimledger.ledger import ledger_from_analyses
from claimledger.model import Count, LedgerEntry, LedgerRow
from claimledger.viewer.svg import (
    format_count,
    interval_chart_svg,
    nice_step,
    ticks,
    timeline_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</text><script>alert(1)</script><text x="0">&amp;'


def killed() -> LedgerEntry:
    entries = ledger_from_analyses([first_analysis(), second_analysis()], [battle_link()])
    return next(e for e in entries if e.measure == "killed")


def row(source: str, low: float | None, high: float | None, published: str | None,
        low_inclusive: bool = True, **fields: object) -> LedgerRow:
    base = LedgerRow(figure_id=f"f-{source}-{low}", document_id="d", source_name=source,
                     outlet="Outlet", published=published,
                     count=Count(low=low, high=high, low_inclusive=low_inclusive), text="x")
    return msgspec.structs.replace(base, **fields)


def entry(*rows: LedgerRow) -> LedgerEntry:
    return LedgerEntry(cluster_id="c", measure="killed", rows=rows, low=None, best=None,
                       high=None, disputed=False, rule="ucdp.v1")


def parsed(svg: object) -> ET.Element:
    return ET.fromstring(str(svg))


def test_interval_chart_has_one_row_per_source_figure_and_marks_low_best_high() -> None:
    ledger = killed()
    root = parsed(interval_chart_svg(ledger))
    rows = root.findall(f"{SVG}g[@class='chart-row']")
    assert [g.get("data-figure") for g in rows] == [r.figure_id for r in ledger.rows]
    estimates = {line.get("class") for line in root.iter(f"{SVG}line")}
    assert {f"estimate estimate-{name}" for name in ("low", "best", "high")} <= estimates


def test_open_ended_figures_run_off_as_an_arrow_and_exclusive_bounds_are_hollow() -> None:
    more_than = row("Bloomberg", 200, None, "2018-02-21", low_inclusive=False)
    root = parsed(interval_chart_svg(entry(more_than)))
    group = root.find(f"{SVG}g[@class='chart-row']")
    assert group is not None
    assert group.find(f"{SVG}polygon") is not None
    assert [c.get("fill") for c in group.iter(f"{SVG}circle")] == ["#fff"]


def test_hostile_source_names_stay_text_in_every_chart() -> None:
    hostile = row(HOSTILE, 5, 5, "2018-02-21", outlet=HOSTILE, text=HOSTILE)
    for svg in (interval_chart_svg(entry(hostile)), timeline_svg(entry(hostile))):
        root = parsed(svg)
        assert root.find(f".//{SVG}script") is None
        texts = "".join(root.itertext())
        assert "<script>alert(1)</script>" in texts


def test_timeline_leaves_out_undated_pages() -> None:
    dated = row("A", 10, 10, "2018-02-21")
    undated = row("B", 20, 20, None)
    garbled = row("C", 30, 30, "next Tuesday")
    root = parsed(timeline_svg(entry(dated, undated, garbled)))
    points = root.findall(f"{SVG}g[@class='timeline-point']")
    assert [p.get("data-figure") for p in points] == [dated.figure_id]


def test_timeline_without_dated_pages_says_so() -> None:
    root = parsed(timeline_svg(entry(row("A", 10, 10, None))))
    assert "No dated pages" in "".join(root.itertext())


@pytest.mark.parametrize(
    ("span", "step"),
    [(100, 20), (7, 2), (1000, 200), (3, 1), (0.4, 0.1), (0, 1), (math.inf, 1)],
)
def test_nice_step_is_a_round_number(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


@pytest.mark.parametrize(("value", "shown"), [(None, "–"), (math.inf, "∞"), (200.0, "200"),
                                              (2.5, "2.5")])
def test_format_count(value: float | None, shown: str) -> None:
    assert format_count(value) == shown


@given(st.floats(-1e6, 1e6), st.floats(0.001, 1e6))
def test_ticks_lie_within_the_range(low: float, width: float) -> None:
    found = ticks(low, low + width)
    assert found and all(low - 1e-6 * width <= t <= low + width * (1 + 1e-6) for t in found)
