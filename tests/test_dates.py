"""Date expressions resolved against the publication date, and date mentions found in text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from claimledger.extract.dates import (
    Granularity,
    ResolvedDate,
    find_dates,
    parse_published,
    resolve_date,
)
from parsing import parse, within

PUB = "2018-02-21"  # the reference page: a Wednesday

# (expression, publication date, value, granularity, rule)
TABLE = [
    # absolute days
    ("February 7, 2018", PUB, "2018-02-07", "day", "absolute"),
    ("Feb. 7, 2018", PUB, "2018-02-07", "day", "absolute"),
    ("Feb 7 2018", PUB, "2018-02-07", "day", "absolute"),
    ("Feb. 7,2018", PUB, "2018-02-07", "day", "absolute"),  # the comma without its space
    ("7 February,2018", PUB, "2018-02-07", "day", "absolute"),
    ("February 7th, 2018", PUB, "2018-02-07", "day", "absolute"),
    ("7 Feb 2018", PUB, "2018-02-07", "day", "absolute"),
    ("7 February 2018", PUB, "2018-02-07", "day", "absolute"),
    ("the 7th of February, 2018", PUB, "2018-02-07", "day", "absolute"),
    ("2018-02-07", PUB, "2018-02-07", "day", "absolute"),
    ("2018/02/07", PUB, "2018-02-07", "day", "absolute"),
    ("07.02.2018", PUB, "2018-02-07", "day", "absolute"),
    ("Sunday, February 4, 2018", PUB, "2018-02-04", "day", "absolute"),
    ("on Sept. 11, 2001", PUB, "2001-09-11", "day", "absolute"),
    ("December 25, 2017", None, "2017-12-25", "day", "absolute"),
    ("13/02/2018", PUB, "2018-02-13", "day", "absolute"),
    ("2/13/2018", PUB, "2018-02-13", "day", "absolute"),
    ("02/07/2018", PUB, None, "day", "ambiguous-day-month-order"),
    # absolute months and years
    ("February 2018", PUB, "2018-02", "month", "absolute"),
    ("in March 2011", PUB, "2011-03", "month", "absolute"),
    ("2017-11", PUB, "2017-11", "month", "absolute"),
    ("2017", PUB, "2017", "year", "absolute"),
    ("in 2014", None, "2014", "year", "absolute"),
    ("mid-2017", PUB, "2017", "year", "absolute"),
    # partial: no year written
    ("February 7", PUB, "2018-02-07", "day", "partial-year-from-publication"),
    ("Feb. 7", PUB, "2018-02-07", "day", "partial-year-from-publication"),
    ("on Feb. 19", PUB, "2018-02-19", "day", "partial-year-from-publication"),
    ("the Feb. 7", PUB, "2018-02-07", "day", "partial-year-from-publication"),
    ("7 February", PUB, "2018-02-07", "day", "partial-year-from-publication"),
    ("December 30", "2018-01-03", "2017-12-30", "day", "partial-year-from-publication"),
    ("March 1", PUB, "2017-03-01", "day", "partial-year-from-publication"),
    ("February 21", PUB, "2018-02-21", "day", "partial-year-from-publication"),
    ("Feb. 29", "2021-03-01", "2020-02-29", "day", "partial-year-from-publication"),
    # a weekday settles the year: a page updated a day after its date ...
    ("Monday, March 17th", "2014-03-16", "2014-03-17", "day", "partial-year-from-publication"),
    ("March 17", "2014-03-16", "2013-03-17", "day", "partial-year-from-publication"),
    ("Tuesday, Jan. 3", "2016-12-30", "2017-01-03", "day", "partial-year-from-publication"),
    # ... but not months after it, nor a year before the latest such day (a writer's slip)
    ("Saturday April 12", "2014-01-13", "2013-04-12", "day", "partial-year-from-publication"),
    ("Wednesday, November 11", "2016-11-23", "2016-11-11", "day",
     "partial-year-from-publication"),
    ("February 7", None, "XXXX-02-07", "day", "partial"),
    ("Dec. 30", None, "XXXX-12-30", "day", "partial"),
    ("in February", PUB, "2018-02", "month", "partial-year-from-publication"),
    ("in June", PUB, "2017-06", "month", "partial-year-from-publication"),
    ("June", None, "XXXX-06", "month", "partial"),
    ("last February", PUB, "2017-02", "month", "month-before-publication"),
    ("last November", PUB, "2017-11", "month", "month-before-publication"),
    # weekdays
    ("Tuesday", PUB, "2018-02-20", "day", "weekday-before-publication"),
    ("On Tuesday", PUB, "2018-02-20", "day", "weekday-before-publication"),
    ("on Monday", PUB, "2018-02-19", "day", "weekday-before-publication"),
    # the day after the page's weekday, bare: the page's date lags its text ("last" otherwise)
    ("Thursday", PUB, "2018-02-22", "day", "weekday-day-after-publication"),
    ("Thursday night", PUB, "2018-02-22", "day", "weekday-day-after-publication"),
    ("last Thursday", PUB, "2018-02-15", "day", "weekday-before-publication"),
    ("Tuesday night", PUB, "2018-02-20", "day", "weekday-before-publication"),
    ("Sunday morning", PUB, "2018-02-18", "day", "weekday-before-publication"),
    ("last Friday", PUB, "2018-02-16", "day", "weekday-before-publication"),
    ("last Wednesday", PUB, "2018-02-14", "day", "weekday-before-publication"),
    ("this past Saturday", PUB, "2018-02-17", "day", "weekday-before-publication"),
    ("Wednesday", PUB, "2018-02-21", "day", "weekday-publication-day"),
    ("next Monday", PUB, "2018-02-26", "day", "weekday-after-publication"),
    ("this coming Friday", PUB, "2018-02-23", "day", "weekday-after-publication"),
    ("Tuesday", None, None, "day", "unresolved-no-publication-date"),
    # relative days
    ("yesterday", PUB, "2018-02-20", "day", "relative-days"),
    ("Yesterday", "2018-03-01", "2018-02-28", "day", "relative-days"),
    ("today", PUB, "2018-02-21", "day", "publication-day"),
    ("tomorrow", PUB, "2018-02-22", "day", "relative-days"),
    ("last night", PUB, "2018-02-20", "day", "relative-days"),
    ("the day before yesterday", PUB, "2018-02-19", "day", "relative-days"),
    ("two days ago", PUB, "2018-02-19", "day", "relative-days"),
    ("10 days ago", PUB, "2018-02-11", "day", "relative-days"),
    ("a day ago", "2018-01-01", "2017-12-31", "day", "relative-days"),
    ("yesterday", None, None, "day", "unresolved-no-publication-date"),
    ("two days ago", None, None, "day", "unresolved-no-publication-date"),
    # relative weeks, months, years
    ("last week", PUB, "2018-02-12", "week", "relative-weeks"),
    ("Just last week", PUB, "2018-02-12", "week", "relative-weeks"),
    ("this week", PUB, "2018-02-19", "week", "relative-weeks"),
    ("next week", PUB, "2018-02-26", "week", "relative-weeks"),
    ("three weeks ago", PUB, "2018-01-29", "week", "relative-weeks"),
    ("last week", None, None, "week", "unresolved-no-publication-date"),
    ("over the weekend", PUB, "2018-02-12", "week", "weekend-before-publication"),
    ("last weekend", "2018-02-24", "2018-02-12", "week", "weekend-before-publication"),
    ("this weekend", "2018-02-24", "2018-02-19", "week", "weekend-of-publication"),
    ("next weekend", PUB, "2018-02-26", "week", "weekend-after-publication"),
    ("this coming weekend", PUB, "2018-02-19", "week", "weekend-after-publication"),
    ("the weekend", None, None, "week", "unresolved-no-publication-date"),
    ("last month", PUB, "2018-01", "month", "relative-months"),
    ("last month", "2018-01-10", "2017-12", "month", "relative-months"),
    ("earlier this month", PUB, "2018-02", "month", "relative-months"),
    ("later this month", PUB, "2018-02", "month", "relative-months"),
    ("two months ago", PUB, "2017-12", "month", "relative-months"),
    ("last year", PUB, "2017", "year", "relative-years"),
    ("earlier this year", PUB, "2018", "year", "relative-years"),
    ("five years ago", PUB, "2013", "year", "relative-years"),
    ("March of next year", "2016-09-18", "2017-03", "month", "relative-years"),
    ("June 16th of last year", "2016-10-02", "2015-06-16", "day", "relative-years"),
    ("March of next year", None, None, "month", "unresolved-no-publication-date"),
    ("earlier this month", None, None, "month", "unresolved-no-publication-date"),
    # anchored offsets
    ("two days after Feb. 19", PUB, "2018-02-21", "day", "anchored-offset"),
    ("three days before February 7, 2018", None, "2018-02-04", "day", "anchored-offset"),
    ("a week after Feb. 7", PUB, "2018-02-14", "day", "anchored-offset"),
    ("two days after Feb. 19", None, None, "day", "anchored-offset-unresolved"),
    # a datetime publication stamp gives the same day
    ("yesterday", "2018-02-21T09:30:00+00:00", "2018-02-20", "day", "relative-days"),
]


@pytest.mark.parametrize(("text", "published", "value", "granularity", "rule"), TABLE)
def test_real_date_expressions_resolve_with_the_rule_recorded(
    text: str, published: str | None, value: str | None, granularity: Granularity, rule: str
) -> None:
    assert resolve_date(text, published) == ResolvedDate(value, granularity, rule)


def test_the_table_covers_at_least_sixty_expressions() -> None:
    assert len({(row[0], row[1]) for row in TABLE}) >= 60


@pytest.mark.parametrize(
    "text",
    ["eight years", "the coming days", "decades", "the first year", "Russia", "", "200 to 300",
     "February 31", "the 1990s", "May I ask", "a march on the capital"],
)  # fmt: skip
def test_durations_and_non_dates_are_not_dates(text: str) -> None:
    assert resolve_date(text, PUB) is None


def test_a_relative_date_is_never_read_from_the_clock() -> None:
    # Two different publication dates give two different answers; none gives a value.
    assert resolve_date("yesterday", "2001-01-01") != resolve_date("yesterday", "2030-06-01")
    assert resolve_date("yesterday", None) == ResolvedDate(
        None, "day", "unresolved-no-publication-date"
    )


@pytest.mark.parametrize(
    "published", ["", "not a date", "2018-13-45", "21/02/2018", "9999-12-31", "0001-01-01"]
)
def test_a_malformed_publication_date_counts_as_missing(published: str) -> None:
    assert parse_published(published) is None
    assert resolve_date("last week", published) == ResolvedDate(
        None, "week", "unresolved-no-publication-date"
    )


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), published=st.one_of(st.none(), st.text(max_size=30)))
def test_resolve_date_never_raises_on_any_text(text: str, published: str | None) -> None:
    result = resolve_date(text, published)
    assert result is None or result.granularity in ("day", "week", "month", "year")


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(),
    published=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(8000, 12, 31)),
)
def test_partial_days_never_resolve_after_publication(day: dt.date, published: dt.date) -> None:
    text = f"{day:%B} {day.day}"
    result = resolve_date(text, published.isoformat())
    assert result is not None and result.value is not None
    assert result.value <= published.isoformat()
    assert result.value[5:] == f"{day:%m-%d}"


BLANK = spacy.blank("en")


def _doc(text: str, ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A tokenised Doc with entities given by token index: no trained model needed."""
    doc = BLANK(text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_find_dates_offsets_are_shifted_by_the_segment_base() -> None:
    text = "Officials said on Tuesday that the attack on Feb. 7 killed five."
    mentions = find_dates(within(_doc(text), start=100, published=PUB))
    assert [(m.span.text, m.value, m.rule) for m in mentions] == [
        ("Tuesday", "2018-02-20", "weekday-before-publication"),
        ("Feb. 7", "2018-02-07", "partial-year-from-publication"),
    ]
    for mention in mentions:
        assert text[mention.span.start - 100 : mention.span.end - 100] == mention.span.text


def test_a_year_after_a_comma_without_its_space_is_the_day_s_year() -> None:
    text = "A service was held Feb. 27, 2015. Sam died Feb. 21,2015. He was 15."
    mentions = find_dates(within(_doc(text), published="2016-03-05"))
    assert [(m.span.text, m.value) for m in mentions] == [
        ("Feb. 27, 2015", "2015-02-27"), ("Feb. 21,2015", "2015-02-21")]


def test_find_dates_adds_an_anchored_offset_on_top_of_its_anchor() -> None:
    text = "The escalation comes two days after the minister warned on Feb. 19 of fire."
    mentions = find_dates(within(_doc(text), published=PUB))
    values = {(m.value, m.rule) for m in mentions}
    assert ("2018-02-21", "anchored-offset") in values
    assert ("2018-02-19", "partial-year-from-publication") in values
    anchored = next(m for m in mentions if m.rule == "anchored-offset")
    assert anchored.span.text.startswith("two days after") and anchored.span.text.endswith("19")


def test_find_dates_keeps_a_date_entity_the_patterns_miss() -> None:
    doc = _doc("It happened Just last week in town", [(2, 5, "DATE")])
    mentions = find_dates(within(doc, published=PUB))
    assert [(m.span.text, m.value, m.granularity) for m in mentions] == [
        ("last week", "2018-02-12", "week")
    ]


def test_find_dates_drops_duration_entities() -> None:
    doc = _doc("He served eight years in office", [(2, 4, "DATE")])
    assert find_dates(within(doc, published=PUB)) == []


def test_lowercase_month_words_in_prose_are_not_dates() -> None:
    text = "They may 7 times march on the capital"
    assert find_dates(within(_doc(text), published=PUB)) == []


@pytest.mark.parametrize(
    "text",
    ["Day 7", "Sun 7", "Jay 7, 2018", "Marseille 7", "Fonday", "the 1990s", "mid-1990s"],
)
def test_words_that_merely_look_like_month_or_day_names_are_not_dates(text: str) -> None:
    assert resolve_date(text, PUB) is None
    assert find_dates(within(_doc(f"It was {text} again."), published=PUB)) == []


def test_a_day_word_inside_a_name_is_not_a_date() -> None:
    doc = _doc("He appeared on Russia Today and on USA Today last night.")
    assert [(m.span.text, m.value) for m in find_dates(within(doc, published=PUB))] == [
        ("last night", "2018-02-20")
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "published", "value", "rule"),
    [
        (
            "Monday's debate in New York will be his first.",
            "2016-09-23",
            "2016-09-26",
            "weekday-after-publication",
        ),
        (
            "Bill Clinton will travel to North Florida Friday.",
            "2016-09-28",
            "2016-09-30",
            "weekday-after-publication",
        ),
        (
            "The referendum will be held on March 3.",
            "2018-02-21",
            "2018-03-03",
            "partial-year-future-tense",
        ),
        (
            "Two moderators are scheduled to co-moderate the second debate, Oct. 9 in St. Louis.",
            "2016-09-23",
            "2016-10-09",
            "partial-year-future-tense",
        ),
        (
            "The vote was held on March 3.",
            "2018-02-21",
            "2017-03-03",
            "partial-year-from-publication",
        ),
        (
            "Chief Jordan said Monday. “I want to assure our community and I will act.”",
            "2016-09-20",
            "2016-09-19",
            "weekday-before-publication",
        ),
        (
            "Trump said Monday that he will win.",
            "2016-09-28",
            "2016-09-26",
            "weekday-before-publication",
        ),
        # the day of a violent event the future verb is about: it happened
        (
            "Additional murder charges will be filed against the suspect in Tuesday's fatal "
            "shooting.",
            "2016-05-18",
            "2016-05-17",
            "weekday-before-publication",
        ),
    ],
)
def test_a_bare_weekday_or_yearless_date_under_a_future_verb_looks_ahead(
    sentence: str, published: str, value: str, rule: str
) -> None:

    mentions = find_dates(within(parse(sentence), published=published))
    assert [(m.value, m.rule) for m in mentions] == [(value, rule)]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "!!!! ???", "x" * 20000, "February " * 3000, "1/1/1/1/1/1/1/1/1" * 200],
)
def test_find_dates_survives_text_with_no_sentences_or_garbage(text: str) -> None:
    mentions = find_dates(within(_doc(text), published=PUB))
    for mention in mentions:
        assert 0 <= mention.span.start < mention.span.end <= len(text)


DATE_WORDS = [
    "Feb.",
    "7",
    "2018",
    "Tuesday",
    "last",
    "week",
    "two",
    "days",
    "after",
    "ago",
    "on",
    "19",
    "-",
    "/",
    ".",
    ",",
    "Sept",
    "weekend",
    "the",
    "of",
    "next",
    "year",
    "\n",
]


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.text(max_size=6)), max_size=40),
    published=st.one_of(st.none(), st.dates().map(dt.date.isoformat)),
)
def test_find_dates_spans_always_match_the_text(words: list[str], published: str | None) -> None:
    text = " ".join(words)
    for mention in find_dates(within(_doc(text), start=5, published=published)):
        assert text[mention.span.start - 5 : mention.span.end - 5] == mention.span.text
        assert mention.span.start < mention.span.end


@pytest.mark.model
def test_reference_page_dates(reference_page_path: Path) -> None:

    text = reference_page_path.read_text(encoding="utf-8")
    mentions = find_dates(within(parse(text), published=PUB))
    found = {(m.span.text, m.value, m.granularity) for m in mentions}
    assert ("Tuesday", "2018-02-20", "day") in found
    assert ("Feb. 19", "2018-02-19", "day") in found
    assert ("Feb. 7", "2018-02-07", "day") in found
    assert ("February 7", "2018-02-07", "day") in found
    assert ("last week", "2018-02-12", "week") in found
    assert any(m.rule == "anchored-offset" and m.value == "2018-02-21" for m in mentions)
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dating"),
    [
        ("Eight people were wounded in shootings from Friday to early Sunday in Chicago. "
         "A man was shot Saturday.", ["2016-01-09"]),
        ("Ten were shot between Friday night and Sunday morning, police said.", []),
        ("There were 42 such shootings from Jan. 1, 2014, through June 30, the study found.", []),
        ("A man was shot Friday and his brother on Sunday.", ["2016-01-08", "2016-01-10"]),
        ("He drove from Dallas to Houston on Friday and was shot there.", ["2016-01-08"]),
    ],
)
def test_the_ends_of_a_span_of_time_date_no_event(text: str, dating: list[str]) -> None:
    from claimledger.events import _dates_an_event

    doc = within(parse(text), published="2016-01-11")  # a Monday
    assert [d.value for d in find_dates(doc) if _dates_an_event(d, text)] == dating
