"""Date mentions: absolute, partial and relative dates, resolved against the publication date.

Relative dates are resolved only from the publication date, never from the machine's clock; the
rule that produced each value is recorded so a reader can check or overturn it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from claimledger.extract import lexicons
from claimledger.extract.annotation import context, page_span
from claimledger.extract.doc_index import doc_ents, doc_text
from claimledger.model import DateMention
from claimledger.taxonomy import parse_published as parse_published

Granularity = Literal["day", "week", "month", "year"]

UNRESOLVED = "unresolved-no-publication-date"
MAX_EXPRESSION_CHARS = 200  # a date expression longer than this is prose, not a date


@dataclass(frozen=True)
class ResolvedDate:
    """What a date expression means: ISO value (None when unresolvable), granularity, rule."""

    value: str | None
    granularity: Granularity
    rule: str


# Month names and abbreviations ("sept", "september") and full weekday names, by number.
MONTHS = {name: int(number) for name, number, *_ in lexicons.rows("months")}
WEEKDAYS = {name: int(number) for name, number in lexicons.rows("weekdays")}
# Counts of days, weeks, months and years written as words ("two weeks ago", "a week ago").
NUMBER_WORDS = {"a": 1, "an": 1, "a couple of": 2} | {
    word: int(value)
    for word, value, kind in lexicons.rows("number_words")
    if kind in ("unit", "tens")
}


def _one_of(names: Iterable[str], *, capitalised: bool = False) -> str:
    """A regular expression matching any of the names, longest first; `capitalised`: only with
    a capital first letter, the rest in any case ((?-i:...) switches case-sensitivity off)."""
    ordered = sorted(names, key=lambda name: (-len(name), name))
    if capitalised:
        return "|".join(f"(?-i:{name[0].upper()}){re.escape(name[1:])}" for name in ordered)
    return "|".join(re.escape(name) for name in ordered)


# Month and weekday names must be capitalised when scanning prose ("may", "march" are words).
MONTH = rf"(?P<month>{_one_of(MONTHS, capitalised=True)})(?!\w)\.?"
WEEKDAY_FULL = rf"(?P<weekday>{_one_of(WEEKDAYS, capitalised=True)})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
# Between a day and its year: a space, a comma and a space, or a comma alone ("Feb. 21,2015").
YEAR_AFTER = r"(?:,\s*|\s+)"
NUMBER = rf"(?P<n>\d{{1,3}}|{_one_of(NUMBER_WORDS)})"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
TRAILING_NON_DIGIT = r"(?!\d|s\b)"  # "1990s" is a decade, not the year 1990


def _month_number(name: str) -> int:
    return MONTHS[name.lower()]


def _weekday_number(name: str) -> int:
    return WEEKDAYS[name.lower()]


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_day(month: int, day: int) -> bool:
    return _safe_date(2000, month, day) is not None  # 2000 is a leap year: Feb 29 is valid


def _day_value(day: dt.date) -> str:
    return day.isoformat()


def _partial_day(month: int, day: int, pub: dt.date | None) -> ResolvedDate | None:
    """A day without a year: the most recent such day not after publication, else XXXX."""
    if not _valid_day(month, day):
        return None
    if pub is None:
        return ResolvedDate(f"XXXX-{month:02d}-{day:02d}", "day", "partial")
    for year in range(pub.year, pub.year - 9, -1):  # Feb 29 may lie up to 8 years back
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= pub:
            return ResolvedDate(_day_value(candidate), "day", "partial-year-from-publication")
    return None


def _partial_month(month: int, pub: dt.date | None, *, strictly_before: bool) -> ResolvedDate:
    if pub is None:
        return ResolvedDate(f"XXXX-{month:02d}", "month", "partial")
    year = pub.year
    if month > pub.month or (strictly_before and month == pub.month):
        year -= 1
    rule = "month-before-publication" if strictly_before else "partial-year-from-publication"
    return ResolvedDate(f"{year:04d}-{month:02d}", "month", rule)


Handler = Callable[[re.Match[str], dt.date | None], ResolvedDate | None]


def _iso_day(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    day = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    return ResolvedDate(_day_value(day), "day", "absolute") if day else None


def _iso_month(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    return ResolvedDate(f"{m['year']}-{month:02d}", "month", "absolute")


def _full_day(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    day = _safe_date(int(m["year"]), _month_number(m["month"]), int(m["day"]))
    return ResolvedDate(_day_value(day), "day", "absolute") if day else None


UPDATED_DAYS = 7  # a page's text may tell of days this long after its date (it was updated)


def _month_day(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    """"March 17" as `_partial_day` reads it (the latest such day not after the page's date),
    unless a weekday written with it ("Monday, March 17th") makes it one of the UPDATED_DAYS
    after: a page updated after its date tells of the days that followed."""
    month, day = _month_number(m["month"]), int(m["day"])
    if pub is not None and m["weekday"] and _valid_day(month, day):
        weekday = _weekday_number(m["weekday"])
        after = [
            d
            for year in (pub.year, pub.year + 1)
            if (d := _safe_date(year, month, day))
            and pub < d <= pub + dt.timedelta(days=UPDATED_DAYS)
            and d.weekday() == weekday
        ]
        if after:
            return ResolvedDate(_day_value(after[0]), "day", "partial-year-from-publication")
    return _partial_day(month, day, pub)


def _numeric_day(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    first, second, year = int(m["a"]), int(m["b"]), int(m["year"])
    if len(m["year"]) == 2:
        year += 2000 if year < 70 else 1900
    if first > 12 and second <= 12:
        day = _safe_date(year, second, first)
    elif (second > 12 and first <= 12) or first == second:
        day = _safe_date(year, first, second)
    else:
        # 02/07/2018 is 7 February in the US and 2 July elsewhere: refuse to pick.
        if _safe_date(year, first, second) is None and _safe_date(year, second, first) is None:
            return None
        return ResolvedDate(None, "day", "ambiguous-day-month-order")
    return ResolvedDate(_day_value(day), "day", "absolute") if day else None


def _month_of_relative_year(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    """ "March of next year", "June 16th of last year": the year from publication."""
    if pub is None:
        granularity: Granularity = "day" if m["day"] else "month"
        return ResolvedDate(None, granularity, UNRESOLVED)
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    month = _month_number(m["month"])
    if m["day"]:
        day = _safe_date(year, month, int(m["day"]))
        return ResolvedDate(_day_value(day), "day", "relative-years") if day else None
    return ResolvedDate(f"{year:04d}-{month:02d}", "month", "relative-years")


def _month_year(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    return ResolvedDate(f"{m['year']}-{_month_number(m['month']):02d}", "month", "absolute")


def _year(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    return ResolvedDate(m["year"], "year", "absolute")


def _bare_month(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    rel = (m["rel"] or "").lower()
    month = _month_number(m["month"])
    if rel == "next":
        if pub is None:
            return ResolvedDate(None, "month", UNRESOLVED)
        year = pub.year + (1 if month <= pub.month else 0)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", "month-after-publication")
    if rel == "this" and pub is not None:
        return ResolvedDate(f"{pub.year:04d}-{month:02d}", "month", "month-in-publication-year")
    if rel == "last" and pub is None:
        return ResolvedDate(None, "month", UNRESOLVED)
    return _partial_month(month, pub, strictly_before=rel == "last")


DAY_AFTER_BACK = 6  # a bare weekday this many days back is the day after the page's date


def _weekday(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    rel = (m["rel"] or "").lower().split()
    if pub is None:
        return ResolvedDate(None, "day", UNRESOLVED)
    target = _weekday_number(m["weekday"])
    back = (pub.weekday() - target) % 7
    if rel and rel[-1] in ("next", "coming"):
        ahead = (target - pub.weekday()) % 7 or 7
        day = pub + dt.timedelta(days=ahead)
        return ResolvedDate(_day_value(day), "day", "weekday-after-publication")
    if (rel and rel[0] == "last") or rel == ["this", "past"]:
        day = pub - dt.timedelta(days=back or 7)
        return ResolvedDate(_day_value(day), "day", "weekday-before-publication")
    if back == 0:
        # "On Wednesday" in a Wednesday article is, in news convention, the same day.
        return ResolvedDate(_day_value(pub), "day", "weekday-publication-day")
    if back == DAY_AFTER_BACK:
        # "Wednesday" in a page dated Tuesday: six days back is written "last Wednesday"; bare,
        # it is the day after the page's date, which lags its text (a page dated in UTC, an
        # update of the page carrying its first date).
        day = pub + dt.timedelta(days=1)
        return ResolvedDate(_day_value(day), "day", "weekday-day-after-publication")
    day = pub - dt.timedelta(days=back)
    return ResolvedDate(_day_value(day), "day", "weekday-before-publication")


DAY_WORD_OFFSETS = {words: int(offset) for words, offset in lexicons.rows("day_words")}
DAY_WORDS = frozenset(words for words in DAY_WORD_OFFSETS if " " not in words)


def _day_word(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    if pub is None:
        return ResolvedDate(None, "day", UNRESOLVED)
    word = " ".join(m["word"].lower().split())
    offset = DAY_WORD_OFFSETS[word]
    rule = "publication-day" if offset == 0 else "relative-days"
    return ResolvedDate(_day_value(pub + dt.timedelta(days=offset)), "day", rule)


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _shifted(pub: dt.date, unit: str, delta: int) -> ResolvedDate:
    """The day, week, month or year `delta` units from publication, at that unit's grain."""
    if unit == "day":
        day = pub + dt.timedelta(days=delta)
        return ResolvedDate(_day_value(day), "day", "relative-days")
    if unit == "week":
        monday = _monday(pub + dt.timedelta(weeks=delta))
        return ResolvedDate(_day_value(monday), "week", "relative-weeks")
    if unit == "month":
        year, month = _shift_months(pub.year, pub.month, delta)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", "relative-months")
    return ResolvedDate(f"{pub.year + delta:04d}", "year", "relative-years")


UNIT_GRANULARITY: dict[str, Granularity] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _granularity(unit: str) -> Granularity:
    return UNIT_GRANULARITY.get(unit, "year")


def _ago(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    unit = _unit(m["unit"])
    if pub is None:
        return ResolvedDate(None, _granularity(unit), UNRESOLVED)
    return _shifted(pub, unit, -_count(m["n"]))


def _relative_period(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    unit = _unit(m["unit"])
    if pub is None:
        return ResolvedDate(None, _granularity(unit), UNRESOLVED)
    delta = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
    return _shifted(pub, unit, delta[m["rel"].lower().split()[-1]])


def _dotted_day(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    # 07.02.2018 is written day first wherever dots are used.
    day = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    return ResolvedDate(_day_value(day), "day", "absolute") if day else None


def _weekend(m: re.Match[str], pub: dt.date | None) -> ResolvedDate | None:
    """A weekend, as the week (Monday) it ends: the one before publication unless "next"."""
    if pub is None:
        return ResolvedDate(None, "week", UNRESOLVED)
    rel = (m["rel"] or "").lower().split()
    monday = _monday(pub)
    if rel and rel[-1] == "next":
        monday += dt.timedelta(weeks=1)  # "next weekend": the one after the coming one
        rule = "weekend-after-publication"
    elif rel and rel[-1] == "coming":
        monday += dt.timedelta(weeks=0 if pub.weekday() < 5 else 1)
        rule = "weekend-after-publication"
    elif pub.weekday() >= 5 and not (rel and rel[0] == "last"):
        rule = "weekend-of-publication"
    else:
        monday -= dt.timedelta(weeks=1)
        rule = "weekend-before-publication"
    return ResolvedDate(_day_value(monday), "week", rule)


# Each pattern with a part of itself that every match of it contains: a text in which that part
# is nowhere (no month name, no "ago") is not scanned with the pattern at all.
_DIGIT_DASH, _DIGIT_SLASH, _DIGIT_DOT = r"\d-\d", r"\d/\d", r"\d\.\d"
PATTERNS: tuple[tuple[str, Handler, str], ...] = (
    (rf"{YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d){TRAILING_NON_DIGIT}", _iso_day, _DIGIT_DASH),
    (rf"{YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d){TRAILING_NON_DIGIT}", _iso_day, _DIGIT_SLASH),
    (rf"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.{YEAR}{TRAILING_NON_DIGIT}", _dotted_day, _DIGIT_DOT),
    (
        r"(?:(?P<rel>last|this past|this coming|this|next|the coming|over the|during the|the)"
        r"\s+)?weekend\b",
        _weekend,
        "weekend",
    ),
    (
        rf"(?:{WEEKDAY_FULL},?\s+)?{MONTH}\s+{DAY}{YEAR_AFTER}{YEAR}{TRAILING_NON_DIGIT}",
        _full_day,
        MONTH,
    ),
    (
        rf"(?:{WEEKDAY_FULL},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}{YEAR_AFTER}{YEAR}"
        rf"{TRAILING_NON_DIGIT}",
        _full_day,
        MONTH,
    ),
    (
        r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:1[6-9]|20)\d\d|\d\d)" + TRAILING_NON_DIGIT,
        _numeric_day,
        _DIGIT_SLASH,
    ),
    (rf"{MONTH},?\s+{YEAR}{TRAILING_NON_DIGIT}", _month_year, MONTH),
    (rf"{YEAR}-(?P<m>[01]\d){TRAILING_NON_DIGIT}(?!-)", _iso_month, _DIGIT_DASH),
    (
        rf"{MONTH}(?:\s+{DAY})?,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
        _month_of_relative_year,
        MONTH,
    ),
    (rf"(?:{WEEKDAY_FULL},?\s+)?{MONTH}\s+{DAY}{TRAILING_NON_DIGIT}", _month_day, MONTH),
    (rf"(?:{WEEKDAY_FULL},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?!\w)", _month_day, MONTH),
    (rf"(?P<word>{_one_of(DAY_WORD_OFFSETS)}){PART_OF_DAY}\b", _day_word,
     _one_of(DAY_WORD_OFFSETS)),
    (rf"{NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _ago, "ago"),
    (r"(?:(?:earlier|later|early|late|mid)[\s-]+)?"
     r"(?P<rel>last|this|next|the coming|the previous|this past|this coming)\s+"
     r"(?P<unit>week|month|year)\b", _relative_period, "week|month|year"),
    (rf"(?:(?P<rel>last|this past|this coming|next|this|on)\s+)?{WEEKDAY_FULL}{PART_OF_DAY}\b",
     _weekday, WEEKDAY_FULL),
    (rf"(?:(?P<rel>last|next|this|in|since|by|until|from|during|early|late|mid)[\s-]+){MONTH}"
     r"(?!\w)", _bare_month, MONTH),
    (rf"(?:in|since|by|until|during|of|early|late|mid)[\s-]+{YEAR}{TRAILING_NON_DIGIT}", _year,
     YEAR),
)  # fmt: skip

# Whole-expression forms accept bare months and years ("February", "2017"): the caller says it
# is a date expression; the scanner demands a preposition before them.
EXPRESSION_ONLY: tuple[tuple[str, Handler], ...] = (
    (rf"(?:(?P<rel>last|next|this)\s+)?{MONTH}", _bare_month),
    (rf"(?:the\s+year\s+)?{YEAR}", _year),
)

LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|of|the|just|as|early|late|mid|earlier"
    r"|later|around|about|before|after|as of)[\s-]+)+",
    re.IGNORECASE,
)
OFFSET = re.compile(
    rf"^{NUMBER}\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later than|earlier than)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
EARLIER_LATER = re.compile(
    r"^(?:earlier|later|early|late|mid)[\s-]+(?:this|last|next)\s+(?:week|month|year)$",
    re.IGNORECASE,
)

SCAN_PATTERNS = tuple(
    (re.compile(rf"(?<![\w-]){pattern}", re.IGNORECASE), handler, re.compile(part, re.IGNORECASE))
    for pattern, handler, part in PATTERNS
)
FULL_PATTERNS = tuple(
    (re.compile(pattern, re.IGNORECASE), handler)
    for pattern, handler in [(p, h) for p, h, _ in PATTERNS] + list(EXPRESSION_ONLY)
)


def _clean_expression(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.;:()[]\"'“”‘’")
    stripped = LEADING_WORDS.sub("", text)
    return stripped or text


def apply_offset(anchor: ResolvedDate, count: int, unit: str, direction: int) -> ResolvedDate:
    """`count` days/weeks after (direction 1) or before (-1) an anchor date."""
    if anchor.value is None or anchor.value.startswith("X") or anchor.granularity != "day":
        return ResolvedDate(None, "day", "anchored-offset-unresolved")
    days = count * (7 if unit == "week" else 1) * direction
    day = dt.date.fromisoformat(anchor.value) + dt.timedelta(days=days)
    return ResolvedDate(_day_value(day), "day", "anchored-offset")


def resolve_date(text: str, published: str | None) -> ResolvedDate | None:
    """Resolve one date expression against the publication date; None when it is no date.

    Pure: the result depends only on `text` and `published`, never on the machine's clock.
    """
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    pub = parse_published(published)
    raw = " ".join(text.split()).strip(" ,.;:()[]\"'“”‘’")
    offset = OFFSET.match(raw)
    if offset:
        anchor = resolve_date(offset["rest"], published)
        if anchor is None:
            return None
        direction = 1 if offset["dir"].lower().startswith(("after", "later")) else -1
        return apply_offset(anchor, _count(offset["n"]), _unit(offset["unit"]), direction)
    if EARLIER_LATER.match(raw):
        # "earlier this month": the period is known, the day within it is not.
        raw = re.sub(r"^(?:earlier|later|early|late|mid)[\s-]+", "", raw, flags=re.IGNORECASE)
    for candidate in (raw, _clean_expression(raw)):
        for pattern, handler in FULL_PATTERNS:
            match = pattern.fullmatch(candidate)
            if match:
                return handler(match, pub)
    return None


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    date: ResolvedDate


NAME_BEFORE = re.compile(r"(?-i:[A-Z])[\w.]*\s+$")


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """ "Russia Today", "USA Today": a capitalised day word after a capitalised word is a name."""
    words = text[start:end].split()
    if not words or not words[0][:1].isupper() or words[0].lower() not in DAY_WORDS:
        return False
    return NAME_BEFORE.search(text[max(0, start - 40) : start]) is not None


def _scan(text: str, pub: str | None) -> Iterator[_Found]:
    pub_date = parse_published(pub)
    present: dict[str, bool] = {}  # each part searched for once
    for pattern, handler, part in SCAN_PATTERNS:
        seen = present.get(part.pattern)
        if seen is None:
            seen = present[part.pattern] = part.search(text) is not None
        if not seen:
            continue
        for match in pattern.finditer(text):
            resolved = handler(match, pub_date)
            if resolved is not None and not _inside_a_name(text, match.start(), match.end()):
                start, end = _trim(text, match.start(), match.end())
                yield _Found(start, end, resolved)


FUTURE_WORDS = lexicons.words("future_words")  # lemmas


# the words of violent events (not of protests or arrests, which may be planned ahead)
VIOLENT_EVENT_NOUNS = frozenset(
    word for word, event_type, *_ in lexicons.rows("event_triggers")
    if event_type not in ("Protests", "Riots", "Strategic developments")
)


def _future_tense(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb a date hangs on is in the future ("Monday's debate will be", "will
    travel to Florida Friday", "are scheduled to moderate ... Oct. 9")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    for _ in range(4):  # up through "on", a noun it modifies, to the governing verb
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
        if verb.pos_ == "NOUN" and lexicons.lemma(verb) in VIOLENT_EVENT_NOUNS:
            return False  # "charges will be filed in Tuesday's fatal shooting": it happened
    if lexicons.lemma(verb) in FUTURE_WORDS:
        return True
    if any(c.dep_ == "aux" and lexicons.lemma(c) in FUTURE_WORDS for c in verb.children):
        return True
    # "scheduled to co-moderate": the date's verb is the complement of a scheduling verb.
    return verb.dep_ == "xcomp" and lexicons.lemma(verb.head) in FUTURE_WORDS


def _weekday_ahead(found: _Found, text: str, pub: dt.date) -> _Found:
    written = text[found.start : found.end]
    weekday = re.search(WEEKDAY_FULL, written, re.IGNORECASE)
    if weekday is None:
        return found
    ahead = (_weekday_number(weekday["weekday"]) - pub.weekday()) % 7 or 7
    day = pub + dt.timedelta(days=ahead)
    return _Found(
        found.start, found.end, ResolvedDate(_day_value(day), "day", "weekday-after-publication")
    )


def _partial_ahead(found: _Found, pub: dt.date) -> _Found:
    """The first such day or month after publication, for a date under a future verb."""
    value = found.date.value or ""
    if found.date.granularity == "month":
        year, month = int(value[:4]), int(value[5:7])
        if (year, month) >= (pub.year, pub.month):
            return found
        moved = f"{year + 1:04d}-{month:02d}"
    else:
        day = dt.date.fromisoformat(value)
        if day >= pub:
            return found
        later = (_safe_date(y, day.month, day.day) for y in range(day.year + 1, day.year + 9))
        ahead = next((d for d in later if d is not None and d > pub), None)
        if ahead is None:
            return found
        moved = _day_value(ahead)
    return _Found(
        found.start,
        found.end,
        ResolvedDate(moved, found.date.granularity, "partial-year-future-tense"),
    )


def _with_tense(doc: Doc, found: list[_Found], pub: dt.date | None) -> list[_Found]:
    """Bare weekdays and dates without a year read as past ones, unless their verb is in the
    future tense ("will travel to Florida Friday", "the vote will be held on March 3")."""
    if pub is None or not doc.has_annotation("DEP"):
        return found  # no parse, no tense: the past reading stands
    text = doc_text(doc)
    out = []
    for item in found:
        rule = item.date.rule
        if rule in ("weekday-before-publication", "partial-year-from-publication"):
            bare = not re.match(r"(?:last|this past)\b", text[item.start : item.end], re.IGNORECASE)
            if bare and _future_tense(doc, item.start, item.end):
                if rule == "weekday-before-publication":
                    item = _weekday_ahead(item, text, pub)
                else:
                    item = _partial_ahead(item, pub)
        out.append(item)
    return out


LEADING_PREPOSITIONS = re.compile(
    r"(?:(?:on|in|since|by|until|from|during|of|the|just)\s+)+", re.IGNORECASE
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition ("on", "in") from a span: the date is what follows it."""
    piece = text[start:end]
    lead = re.match(
        r"(?:(?:on|in|since|by|until|from|during|of|the|just)\s+)+", piece, re.IGNORECASE
    )
    if lead and lead.end() < len(piece):
        start += lead.end()
    return start, end


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest spans first; a span overlapping a kept one is dropped."""
    starts: list[int] = []  # kept spans, sorted by start; they never overlap each other
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        index = bisect.bisect_left(starts, item.start)
        if index > 0 and kept[index - 1].end > item.start:
            continue
        if index < len(kept) and kept[index].start < item.end:
            continue
        starts.insert(index, item.start)
        kept.insert(index, item)
    return kept


ANCHORED = re.compile(
    rf"(?<![\w-]){NUMBER}\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\b", re.IGNORECASE
)
ANCHOR_REACH = 160  # characters between "two days after" and its anchor date


def _anchored(text: str, found: list[_Found], sentence_ends: list[int]) -> list[_Found]:
    """ "two days after X ... on Feb. 19": the anchor is the next date in the same sentence.

    `found` is sorted by start and `sentence_ends` ascending.
    """
    starts = [f.start for f in found]
    out: list[_Found] = []
    for match in ANCHORED.finditer(text):
        next_end = bisect.bisect_right(sentence_ends, match.end())
        limit = sentence_ends[next_end] if next_end < len(sentence_ends) else len(text)
        limit = min(limit, match.end() + ANCHOR_REACH)
        index = bisect.bisect_left(starts, match.end())
        if index == len(found) or found[index].end > limit:
            continue
        anchor = found[index]
        direction = 1 if match["dir"].lower() == "after" else -1
        resolved = apply_offset(anchor.date, _count(match["n"]), _unit(match["unit"]), direction)
        out.append(_Found(match.start(), anchor.end, resolved))
    return out


def find_dates(doc: Doc) -> list[DateMention]:
    """Date mentions in one segment's Doc, resolved against the page's publication date.

    Own patterns come first (they know partial and relative forms); spaCy DATE entities add the
    forms the patterns miss when the entity text resolves on its own. Anchored offsets ("two days
    after ... Feb. 19") are added on top of, not instead of, their anchor's own mention.
    """
    published = context(doc).published
    text = doc_text(doc)
    found = list(_scan(text, published))
    for ent in doc_ents(doc):
        if ent.label_ != "DATE":
            continue
        resolved = resolve_date(ent.text, published)
        if resolved is not None and not _inside_a_name(text, ent.start_char, ent.end_char):
            start, end = _trim(text, ent.start_char, ent.end_char)
            found.append(_Found(start, end, resolved))
    kept = _with_tense(doc, _non_overlapping(found), parse_published(published))
    try:
        sentence_ends = sorted(s.end_char for s in doc.sents)
    except ValueError:  # a Doc without sentence boundaries: the reach limit alone applies
        sentence_ends = []
    kept += _anchored(text, kept, sentence_ends)
    kept.sort(key=lambda f: (f.start, -f.end))
    return [
        DateMention(
            span=page_span(doc, f.start, f.end),
            value=f.date.value,
            granularity=f.date.granularity,
            rule=f.date.rule,
        )
        for f in kept
    ]
