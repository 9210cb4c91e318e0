"""Count expressions as written in news: parsed into intervals with their hedge."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.numbers import find_quantities, parse_quantity
from claimledger.model import Count

INF = None  # an open end

# text, low, high, low_inclusive, high_inclusive, approximate, vague, hedge
PARSED = [
    # digits and words
    ("five", 5, 5, True, True, False, False, "exact"),
    ("Five", 5, 5, True, True, False, False, "exact"),
    ("12", 12, 12, True, True, False, False, "exact"),
    ("1,200", 1200, 1200, True, True, False, False, "exact"),
    ("10,000", 10000, 10000, True, True, False, False, "exact"),
    ("1,234,567", 1234567, 1234567, True, True, False, False, "exact"),
    ("1.2 million", 1_200_000, 1_200_000, True, True, False, False, "exact"),
    ("1.15 million", 1_150_000, 1_150_000, True, True, False, False, "exact"),
    ("2 million", 2_000_000, 2_000_000, True, True, False, False, "exact"),
    ("1.2m", 1_200_000, 1_200_000, True, True, False, False, "exact"),
    ("3bn", 3e9, 3e9, True, True, False, False, "exact"),
    ("three hundred", 300, 300, True, True, False, False, "exact"),
    ("twenty-five", 25, 25, True, True, False, False, "exact"),
    ("twenty five", 25, 25, True, True, False, False, "exact"),
    ("one hundred and twenty", 120, 120, True, True, False, False, "exact"),
    ("two thousand five hundred", 2500, 2500, True, True, False, False, "exact"),
    ("three million", 3e6, 3e6, True, True, False, False, "exact"),
    ("eleven", 11, 11, True, True, False, False, "exact"),
    ("ninety-nine", 99, 99, True, True, False, False, "exact"),
    ("one", 1, 1, True, True, False, False, "exact"),
    ("a hundred", 100, 100, True, True, True, False, "exact"),
    ("a thousand", 1000, 1000, True, True, True, False, "exact"),
    ("a dozen", 12, 12, True, True, True, False, "exact"),
    ("two dozen", 24, 24, True, True, True, False, "exact"),
    ("half a dozen", 6, 6, True, True, True, False, "exact"),
    ("half a million", 500_000, 500_000, True, True, True, False, "exact"),
    ("a couple", 2, 2, True, True, True, False, "exact"),
    ("a couple of hundred", 200, 200, True, True, True, False, "exact"),
    ("a total of 37", 37, 37, True, True, False, False, "exact"),
    ("only three", 3, 3, True, True, False, False, "exact"),
    # vague round words
    ("dozens", 24, 99, True, True, False, True, "vague"),
    ("Dozens", 24, 99, True, True, False, True, "vague"),
    ("tens", 20, 99, True, True, False, True, "vague"),
    ("scores", 40, 199, True, True, False, True, "vague"),
    ("hundreds", 200, 999, True, True, False, True, "vague"),
    ("thousands", 2000, 9999, True, True, False, True, "vague"),
    ("tens of thousands", 20_000, 99_000, True, True, False, True, "vague"),
    ("hundreds of thousands", 200_000, 999_000, True, True, False, True, "vague"),
    ("several", 3, 9, True, True, False, True, "vague"),
    ("several hundred", 300, 900, True, True, False, True, "vague"),
    ("several thousand", 3000, 9000, True, True, False, True, "vague"),
    ("a few", 2, 5, True, True, False, True, "vague"),
    ("a few dozen", 24, 60, True, True, False, True, "vague"),
    ("a few hundred", 200, 500, True, True, False, True, "vague"),
    ("a handful", 2, 5, True, True, False, True, "vague"),
    # lower bounds
    ("more than 200", 200, INF, False, True, False, False, "more_than"),
    ("More than 200", 200, INF, False, True, False, False, "more_than"),
    ("over 200", 200, INF, False, True, False, False, "more_than"),
    ("well over 1,000", 1000, INF, False, True, False, False, "more_than"),
    ("just over 100", 100, INF, False, True, False, False, "more_than"),
    ("above 50", 50, INF, False, True, False, False, "more_than"),
    ("in excess of 500", 500, INF, False, True, False, False, "more_than"),
    ("upwards of 300", 300, INF, False, True, False, False, "more_than"),
    ("more than a dozen", 12, INF, False, True, True, False, "more_than"),
    ("more than two dozen", 24, INF, False, True, True, False, "more_than"),
    ("at least 12", 12, INF, True, True, False, False, "at_least"),
    ("At least 40", 40, INF, True, True, False, False, "at_least"),
    ("no fewer than 20", 20, INF, True, True, False, False, "at_least"),
    ("no less than 20", 20, INF, True, True, False, False, "at_least"),
    ("a minimum of 8", 8, INF, True, True, False, False, "at_least"),
    ("5 or more", 5, INF, True, True, False, False, "at_least"),
    ("100-plus", 100, INF, True, True, False, False, "at_least"),
    ("100+", 100, INF, True, True, False, False, "at_least"),
    ("at least dozens", 24, INF, True, True, False, True, "at_least"),
    ("270 at least", 270, INF, True, True, False, False, "at_least"),
    # upper bounds
    ("up to 40", INF, 40, True, True, False, False, "up_to"),
    ("as many as 300", INF, 300, True, True, False, False, "up_to"),
    ("at most 10", INF, 10, True, True, False, False, "at_most"),
    ("no more than 20", INF, 20, True, True, False, False, "at_most"),
    ("a maximum of 15", INF, 15, True, True, False, False, "at_most"),
    ("10 or fewer", INF, 10, True, True, False, False, "at_most"),
    ("fewer than 10", INF, 10, True, False, False, False, "fewer_than"),
    ("less than a dozen", INF, 12, True, False, True, False, "fewer_than"),
    ("under 50", INF, 50, True, False, False, False, "fewer_than"),
    ("just under 100", INF, 100, True, False, False, False, "fewer_than"),
    # approximations
    ("about 100", 100, 100, True, True, True, False, "about"),
    ("around 40", 40, 40, True, True, True, False, "about"),
    ("roughly 2,000", 2000, 2000, True, True, True, False, "about"),
    ("approximately 70", 70, 70, True, True, True, False, "about"),
    ("some 300", 300, 300, True, True, True, False, "about"),
    ("an estimated 1,500", 1500, 1500, True, True, True, False, "about"),
    ("an estimated 1.5 million", 1_500_000, 1_500_000, True, True, True, False, "about"),
    ("100 or so", 100, 100, True, True, True, False, "about"),
    ("100-odd", 100, 100, True, True, True, False, "about"),
    ("nearly 100", 100, 100, True, True, True, False, "nearly"),
    ("almost 50", 50, 50, True, True, True, False, "nearly"),
    ("close to 1,000", 1000, 1000, True, True, True, False, "nearly"),
    # ranges
    ("200 to 300", 200, 300, True, True, False, False, "range"),
    ("between 10 and 15", 10, 15, True, True, False, False, "range"),
    ("between about 10 and 15", 10, 15, True, True, True, False, "range"),
    ("10-15", 10, 15, True, True, False, False, "range"),
    ("10–15", 10, 15, True, True, False, False, "range"),
    ("from 10 to 15", 10, 15, True, True, False, False, "range"),
    ("two or three", 2, 3, True, True, False, False, "range"),
    ("five to seven", 5, 7, True, True, False, False, "range"),
    ("1 to 2 million", 1e6, 2e6, True, True, False, False, "range"),
    ("20 to 30", 20, 30, True, True, False, False, "range"),
    ("dozens to hundreds", 24, 999, True, True, False, True, "range"),
    # zero counts
    ("no one", 0, 0, True, True, False, False, "none"),
    ("No one", 0, 0, True, True, False, False, "none"),
    ("none", 0, 0, True, True, False, False, "none"),
    ("nobody", 0, 0, True, True, False, False, "none"),
    ("zero", 0, 0, True, True, False, False, "none"),
    ("not a single", 0, 0, True, True, False, False, "none"),
    # bad input that still parses as a number
    ("999999999999", 999_999_999_999, 999_999_999_999, True, True, False, False, "exact"),
]


@pytest.mark.parametrize(
    ("text", "low", "high", "low_inclusive", "high_inclusive", "approximate", "vague", "hedge"),
    PARSED,
    ids=[row[0] for row in PARSED],
)
def test_count_expression_parses_to_interval(
    text: str,
    low: float | None,
    high: float | None,
    low_inclusive: bool,
    high_inclusive: bool,
    approximate: bool,
    vague: bool,
    hedge: str,
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.high) == (low, high)
    assert (quantity.low_inclusive, quantity.high_inclusive) == (low_inclusive, high_inclusive)
    assert (quantity.approximate, quantity.vague, quantity.hedge) == (approximate, vague, hedge)


NOT_COUNTS = [
    "",
    "   ",
    "killed",
    "the",
    "more than",
    "about",
    "between 10",
    "1e308",
    "2.5",
    "0143",
    "7th",
    "1990s",
    "5km",
    "1" * 400,
    "12 people",
    "hundred",
    "a",
    "one two",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_text_that_is_not_one_count_expression_gives_none(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "conservative"),
    [
        ("dozens", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("more than 200", 200),
        ("200 to 300", 200),
        ("about 100", 100),
        ("five", 5),
        ("several hundred", 300),
        ("up to 40", None),
        ("fewer than 10", None),
        ("no one", 0),
    ],
)
def test_conservative_reading_follows_acled_convention(
    text: str, conservative: float | None
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.conservative == conservative


def test_more_than_200_is_exclusive_lower_bound() -> None:
    assert parse_quantity("more than 200") == Count(
        low=200, high=None, low_inclusive=False, hedge="more_than", conservative=200
    )


def test_trailing_sentence_punctuation_is_ignored() -> None:
    assert parse_quantity("about 100.") == parse_quantity("about 100")


# text, the count expressions find_quantities keeps
FOUND = [
    ("at least 12 people were killed", ["at least 12"]),
    ("the death toll rose to 40 on Sunday", ["40"]),
    ("killing 5 soldiers and injuring dozens", ["5", "dozens"]),
    ("put the death toll at about 100, with 200 to 300 injured", ["about 100", "200 to 300"]),
    ("more than 200 mercenaries died", ["more than 200"]),
    ("the strike on February 7 killed 3", ["3"]),
    ("the Feb. 7 battle", []),
    ("on 7 February 2018", []),
    ("In 2018, 2,000 people fled", ["2,000"]),
    ("from 2011 to 2015", []),
    ("more than 2000 people", ["more than 2000"]),
    ("a 32-year-old man", []),
    ("aged 32", []),
    ("two years ago", []),
    ("three times", []),
    ("at 10:30 a.m.", []),
    ("at 10 am", []),
    ("$5 million", []),
    ("5 million dollars", []),
    ("20% of voters", []),
    ("20 percent", []),
    ("call 555-1234", []),
    ("(202) 555-0143", []),
    ("the F-16 crashed", []),
    ("flight MH17", []),
    ("COVID-19 spread", []),
    ("won 2-1", []),
    ("killed 5 — 3 of them children", ["5", "3"]),
    ("killed 5 – 3 of them children", ["5", "3"]),
    ("UPDATE 2-Bomb in Baghdad kills at least 11", ["at least 11"]),
    ("UPDATE 1-Dozens die in Ukraine", ["Dozens"]),
    ("a 5-member team", []),
    ("a cleric named Fethullah GÃ1⁄4len", []),
    ("Keith Lamont Scott, 43, was killed", []),
    ("the one death row inmate", []),
    ("an article about one man", ["one"]),
    ("BEFORE YOU GO. ~ Two punters died", ["Two"]),
    ("one of the victims", []),
    ("the 3rd brigade", []),
    ("two-thirds of voters", []),
    ("No. 10 Downing Street", []),
    ("Resolution 2254", []),
    ("five may die", ["five"]),
    ("May 5", []),
    ("no one was hurt", ["no one"]),
    ("no longer", []),
    ("no more than 20 were held", ["no more than 20"]),
    ("Trump's 2 sons", ["2"]),
    ("1e308 dead", []),
    ("999999999999 dead", ["999999999999"]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[row[0] for row in FOUND])
def test_find_quantities_keeps_counts_and_leaves_out_other_numbers(
    text: str, expected: list[str]
) -> None:
    assert [m.text for m in find_quantities(text)] == expected


def test_found_offsets_point_at_the_text() -> None:
    text = "Officials said at least 12 people died and dozens were hurt."
    for match in find_quantities(text):
        assert text[match.start : match.end] == match.text


def test_number_of_400_digits_is_not_a_count() -> None:
    assert find_quantities("1" * 400 + " dead") == []


def test_sentence_of_thousands_of_words_gives_every_count() -> None:
    text = " ".join(["5 killed and"] * 3000)
    assert len(find_quantities(text)) == 3000


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_quantity_never_raises(text: str) -> None:
    quantity = parse_quantity(text)
    if quantity is not None:
        assert quantity.low is None or quantity.high is None or quantity.low <= quantity.high


NUMBERISH_WORDS = (
    "more", "than", "about", "up", "to", "-", "1,200", "5", "five", "hundred", "dozens", "of",
    "thousands", "between", "and", "or", "a", "few", "no", "one", "$", "%", "2018", "1.5",
    "million", "February", " ", "killed", "people", "+", "odd", "(", ")", "555",
)  # fmt: skip
NUMBERISH = st.lists(st.sampled_from(NUMBERISH_WORDS), max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(NUMBERISH, st.text(max_size=100)))
def test_found_quantities_are_ordered_inside_the_text_and_consistent(text: str) -> None:
    previous_end = 0
    for match in find_quantities(text):
        assert previous_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
        q = match.quantity
        assert q.low is None or q.high is None or q.low <= q.high
        previous_end = match.end
