"""The Count record: one interval type with its widening, its conservative reading and its text."""

from __future__ import annotations

import math

import pytest

from claimledger.extract.numbers import parse_quantity
from claimledger.model import Count, format_count


@pytest.mark.parametrize(
    ("words", "text"),
    [
        ("five", "[5, 5]"),
        ("more than 200", "(200, ∞)"),
        ("at least 40", "[40, ∞)"),
        ("up to 40", "[0, 40]"),
        ("fewer than 10", "[0, 10)"),
        ("about 100", "[100, 100] ~"),
        ("200 to 300", "[200, 300]"),
        ("dozens", "[24, 99]"),
        ("no one", "[0, 0]"),
    ],
)
def test_text_is_interval_notation(words: str, text: str) -> None:
    count = parse_quantity(words)
    assert count is not None
    assert count.text() == text


def test_approximate_count_is_widened_by_the_tolerance_either_way() -> None:
    interval = Count(low=100, high=100, approximate=True, hedge="about").widened(0.25)
    assert interval.low == pytest.approx(80) and interval.high == pytest.approx(125)
    assert interval.low_inclusive and interval.high_inclusive


def test_open_ends_widen_to_zero_and_infinity_with_their_inclusiveness() -> None:
    interval = Count(low=200, high=None, low_inclusive=False, hedge="more_than").widened()
    assert (interval.low, interval.low_inclusive) == (200, False)
    assert math.isinf(interval.high)
    assert Count(low=None, high=40, hedge="up_to").widened().low == 0


@pytest.mark.parametrize(
    ("words", "reading"),
    [("tens of thousands", 10000), ("dozens", 12), ("more than 200", 200), ("up to 40", 40),
     ("200 to 300", 200), ("a few", 2)],
)
def test_reading_is_the_conservative_count(words: str, reading: float) -> None:
    count = parse_quantity(words)
    assert count is not None
    assert count.reading() == reading


def test_a_count_without_numbers_has_no_reading() -> None:
    assert Count(low=None, high=None, vague=True, hedge="vague").reading() is None


@pytest.mark.parametrize(
    ("value", "shown"), [(None, "–"), (math.inf, "∞"), (200.0, "200"), (2.5, "2.5")]
)
def test_format_count(value: float | None, shown: str) -> None:
    assert format_count(value) == shown
