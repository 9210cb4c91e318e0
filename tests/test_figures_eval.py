"""Figure extraction against UCDP GED report headlines: floors that only fall on purpose."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.eval.figures import evaluate_figures_ucdp, is_death_count_headline

# Measured on the 524 headlines of ../shared/data/events-ucdp-sample (benchmarks/figures_ucdp.py):
# coverage 94.2% (4 more read as killed-or-injured casualties), no killed figure outside
# death-count headlines, 95.3% not below the coded low.
COVERAGE_FLOOR = 0.90
NOT_BELOW_FLOOR = 0.90


@pytest.mark.model
@pytest.mark.data
@pytest.mark.slow
def test_ucdp_headlines_stay_above_the_floors() -> None:
    from claimledger.nlp import load_nlp
    from conftest import shared_path

    nlp: Language = load_nlp()
    report = evaluate_figures_ucdp(shared_path("data", "events-ucdp-sample", "events.jsonl"), nlp)
    assert report.candidates > 100
    assert report.coverage >= COVERAGE_FLOOR
    assert report.found_elsewhere == 0
    assert report.not_below_rate >= NOT_BELOW_FLOOR


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Suicide bomber kills seven in Baghdad market: officials", True),
        ("More Than Two Hundred Terrorists Perished in Afghanistan", True),
        ("Troops capture 2 ASG camps in Basilan", False),
        ("Taliban commander killed in Ghazni", False),
    ],
)
def test_death_count_headline_needs_a_count_and_a_killing_word(
    headline: str, expected: bool
) -> None:
    assert is_death_count_headline(headline) is expected
