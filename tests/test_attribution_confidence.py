"""Confidence of attributions: the calibration maps, how found attributions are judged against
annotators, the calibration error and its diagram, and the shipped calibration on sentences."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import msgspec
import pytest

from battle_records import first_analysis
from claimledger.eval.attribution import word_spans
from claimledger.eval.calibrate_attribution import fold_of, judge
from claimledger.eval.polnear import GoldAttribution, GoldDocument
from claimledger.eval.reliability import curve, expected_calibration_error, reliability_svg
from claimledger.extract.attribution_confidence import (
    Calibration,
    Isotonic,
    RawScores,
    confident,
    load_calibration,
    logit,
)
from claimledger.model import Analysis, Attribution, Confidence, Span
from claimledger.store import open_store
from claimledger.store_schema import SCHEMA_VERSION
from parsing import parse, within

TEXT = "Residents said the shelling lasted all night. The convoy reached the town on Monday."


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _raw(**changes: object) -> RawScores:
    values: dict[str, object] = {
        "statement": False, "cue": 0.9, "source": 0.8, "content": 0.7,
        "borrowed_source": False, "direct": False, "content_words": 6,
    }
    values.update(changes)
    return RawScores(**values)  # type: ignore[arg-type]


# --- the maps -------------------------------------------------------------------------------


def test_an_isotonic_map_is_linear_between_knots_and_flat_beyond() -> None:
    iso = Isotonic((0.2, 0.6), (0.1, 0.5))
    assert iso(0.4) == pytest.approx(0.3)
    assert iso(0.0) == 0.1 and iso(1.0) == 0.5
    assert Isotonic((0.0,), (0.42,))(0.9) == 0.42


# maps over logits of the raw scores
CALIBRATION = Calibration(
    cue=Isotonic((-2.0, 12.0), (0.2, 0.9)),
    source=Isotonic((-4.0, 4.0), (0.1, 0.8)),
    no_source=0.55,
    content=Isotonic((-4.0, 4.0), (0.0, 1.0)),
    whole_weights=(1.0, 1.0, 0.5, 0.2, -0.3, 0.1, 0.0, -1.0),
    whole=Isotonic((-4.0, 4.0), (0.05, 0.95)),
    statement=Isotonic((-4.0, 4.0), (0.3, 0.9)),
    fitted_on="a test",
)


def test_a_calibration_reads_back_what_it_wrote() -> None:
    assert Calibration.from_json(CALIBRATION.to_json()) == CALIBRATION


def test_each_role_of_an_attribution_gets_its_own_probability() -> None:
    found = CALIBRATION.confidence(_raw())
    assert found.cue == pytest.approx(0.2 + 0.7 * (logit(0.9) + 2) / 14, abs=1e-3)
    assert found.source == pytest.approx(0.1 + 0.7 * (logit(0.8) + 4) / 8, abs=1e-3)
    assert found.content == pytest.approx((logit(0.7) + 4) / 8, abs=1e-3)
    assert 0.05 <= found.whole <= 0.95
    # the maps read logits: raw scores crowding against 1 stay apart
    assert CALIBRATION.confidence(_raw(cue=1 - 1e-7)).cue == 0.9
    assert 0.6 < CALIBRATION.confidence(_raw(cue=0.999)).cue < 0.7
    # a surer cue and content make the whole surer
    assert CALIBRATION.confidence(_raw(cue=0.99, content=0.95)).whole > found.whole


def test_an_attribution_naming_no_source_gets_the_fixed_rate_for_its_source() -> None:
    assert CALIBRATION.confidence(_raw(source=None)).source == 0.55


def test_a_statement_has_only_a_whole_probability() -> None:
    sure = CALIBRATION.confidence(_raw(statement=True, cue=0.0, source=None, content=0.0))
    doubtful = CALIBRATION.confidence(_raw(statement=True, cue=0.3, source=None, content=0.0))
    assert (sure.cue, sure.source, sure.content) == (None, None, None)
    assert sure.whole == 0.9 and doubtful.whole < sure.whole


def test_confident_keeps_attributions_at_least_as_sure_as_asked() -> None:
    def claim(name: str, whole: float | None) -> Attribution:
        confidence = Confidence(whole=whole) if whole is not None else None
        return Attribution(
            id=name, content=_span(TEXT, "the shelling"), direct=False, confidence=confidence
        )

    found = [claim("a", 0.9), claim("b", 0.5), claim("c", None)]
    assert [a.id for a in confident(found, 0.5)] == ["a", "b"]
    assert [a.id for a in confident(found, 0.6)] == ["a"]


# --- judging found attributions against an annotator ---------------------------------------


def _gold() -> GoldDocument:
    def fragments(words: str) -> tuple[tuple[int, int], ...]:
        span = _span(TEXT, words)
        return ((span.start, span.end),)

    said = GoldAttribution(
        source=fragments("Residents"), cue=fragments("said"),
        content=fragments("the shelling lasted all night"),
    )
    return GoldDocument(article="a", annotator="x", text=TEXT, attributions=(said,))


def _found(cue: str | None, source: str | None, content: str) -> Attribution:
    return Attribution(
        id="f", direct=False, content=_span(TEXT, content),
        cue=_span(TEXT, cue) if cue else None, source=_span(TEXT, source) if source else None,
    )


@pytest.mark.parametrize(
    ("cue", "source", "content", "right"),
    [
        ("said", "Residents", "the shelling lasted all night",
         {"cue": True, "source": True, "content": True, "whole": True}),
        # half the content's words or more: right; no source where the annotator has one: wrong
        ("said", None, "the shelling lasted",
         {"cue": True, "source": False, "content": True, "whole": False}),
        ("said", "Residents", "night",
         {"cue": True, "source": True, "content": False, "whole": False}),
        # a cue no annotator marked: every role wrong
        ("reached", "The convoy", "the town on Monday",
         {"cue": False, "source": False, "content": False, "whole": False}),
        # statements: right where no annotated role covers them
        (None, None, "The convoy reached the town on Monday", {"whole": True}),
        (None, None, "Residents said the shelling lasted all night", {"whole": False}),
    ],
)
def test_a_found_attribution_is_judged_role_by_role(
    cue: str | None, source: str | None, content: str, right: dict[str, bool]
) -> None:
    assert judge(_found(cue, source, content), _gold(), word_spans(TEXT)) == right


def test_folds_deal_every_article_once_and_evenly() -> None:
    articles = [f"article-{i}" for i in range(10)]
    folds = fold_of(articles, 3)
    assert set(folds) == set(articles)
    assert sorted(list(folds.values()).count(k) for k in range(3)) == [3, 3, 4]
    assert fold_of(list(reversed(articles)), 3) == folds


# --- calibration error and the reliability diagram ----------------------------------------


def test_calibration_error_is_zero_when_confidence_matches_frequency() -> None:
    pairs = [(0.75, True)] * 3 + [(0.75, False)] + [(0.25, True)] + [(0.25, False)] * 3
    assert expected_calibration_error(pairs) == pytest.approx(0.0)


def test_calibration_error_weighs_each_bins_gap_by_its_share() -> None:
    # 0.9 said and right half the time (gap 0.4, 4 of 5), 0.1 said and never right (gap 0.1)
    pairs = [(0.9, True), (0.9, False), (0.9, True), (0.9, False), (0.1, False)]
    assert expected_calibration_error(pairs) == pytest.approx((4 * 0.4 + 0.1) / 5)
    assert expected_calibration_error([]) == 0.0


def test_the_reliability_diagram_is_an_svg_with_a_point_per_bin() -> None:
    curves = [
        curve("cue", [(0.95, True), (0.92, True), (0.55, False), (0.5, True)]),
        curve("whole", [(0.15, False)]),
    ]
    svg = reliability_svg(curves, title="held-out folds")
    root = ET.fromstring(svg)
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 3  # bins 0.9-1.0 and 0.5-0.6 of "cue", 0.1-0.2 of "whole"
    assert "cue (n=4, ECE" in svg and "held-out folds" in svg


# --- the shipped calibration on sentences ------------------------------------------------


@pytest.mark.model
def test_every_attribution_found_carries_a_probability() -> None:
    from claimledger.extract.attribution import find_attributions

    assert load_calibration() is not None, "the package ships its calibration"
    found = find_attributions(within(parse(TEXT), voice="Outlet"))
    said = next(a for a in found if a.cue is not None)
    statement = next(a for a in found if a.cue is None)
    assert said.confidence is not None and statement.confidence is not None
    for value in (said.confidence.cue, said.confidence.source, said.confidence.content):
        assert value is not None and 0.0 <= value <= 1.0
    assert 0.0 <= said.confidence.whole <= 1.0
    assert statement.confidence.cue is None and 0.0 <= statement.confidence.whole <= 1.0


# --- stored, shown and filtered ----------------------------------------------------------


def _confident_battle() -> Analysis:
    """The battle's first page, its claims made as sure as the shipped calibration might say."""
    analysis = first_analysis()
    sure = [
        msgspec.structs.replace(
            a, confidence=Confidence(whole=whole, cue=0.97, source=0.9, content=0.85)
        )
        for a, whole in zip(analysis.attributions, (0.82, 0.31, 0.55, 0.6, 0.7), strict=False)
    ]
    return msgspec.structs.replace(analysis, attributions=tuple(sure))


def test_the_store_keeps_each_claims_confidence_in_a_column(tmp_path: Path) -> None:
    analysis = _confident_battle()
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        store.write_analysis(analysis)
        assert store.analysis(analysis.document.id) == analysis
    conn = sqlite3.connect(path)
    stored = dict(conn.execute("SELECT id, confidence FROM attributions"))
    conn.close()
    assert stored == {
        a.id: a.confidence.whole for a in analysis.attributions if a.confidence is not None
    }


def test_a_store_from_before_confidences_gains_the_column_from_its_records(
    tmp_path: Path,
) -> None:
    analysis = _confident_battle()
    path = tmp_path / "v7.db"
    with open_store(path) as store:
        store.write_analysis(analysis)
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX idx_attributions_confidence")
    conn.execute("ALTER TABLE attributions DROP COLUMN confidence")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.analysis(analysis.document.id) == analysis
    conn = sqlite3.connect(path)
    values = [r[0] for r in conn.execute("SELECT confidence FROM attributions ORDER BY idx")]
    conn.close()
    assert values == [a.confidence.whole if a.confidence else None for a in analysis.attributions]


def test_the_viewer_shows_each_claims_confidence(tmp_path: Path) -> None:
    from claimledger.viewer import make_datasette
    from test_viewer import article, page_records

    analysis = _confident_battle()
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        store.write_analysis(analysis)
    html = article(make_datasette(path), analysis)
    first = analysis.attributions[0]
    assert "confidence 0.82" in html
    assert page_records(html)[first.id]["confidence"] == (
        "0.82 (cue 0.97, source 0.90, content 0.85)"
    )


@pytest.mark.model
def test_extract_lists_only_claims_as_sure_as_asked(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimledger.cli import main

    page = tmp_path / "page.txt"
    page.write_text(
        "Shelling in the east\n\nResidents said the shelling lasted all night. Officials"
        " confirmed that 12 people were killed. The convoy reached the town on Monday.\n",
        encoding="utf-8",
    )

    def claims(*options: str) -> list[dict[str, object]]:
        result = CliRunner().invoke(main, ["extract", str(page), "--format", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return list(json.loads(result.output.splitlines()[0])["attributions"])

    everything = claims()
    wholes = sorted(c["confidence"]["whole"] for c in everything)  # type: ignore[index]
    assert len(wholes) >= 3
    threshold = wholes[len(wholes) // 2]
    kept = claims("--min-confidence", str(threshold))
    assert 0 < len(kept) < len(everything)
    assert all(c["confidence"]["whole"] >= threshold for c in kept)  # type: ignore[index]
    bad = CliRunner().invoke(main, ["extract", str(page), "--min-confidence", "1.5"])
    assert bad.exit_code == 2
