"""Counts as written ("more than 200", "dozens", "200 to 300") parsed into intervals with a hedge.

Pure text: no spaCy. `parse_quantity` reads one expression; `find_quantities` finds the
count-like expressions in a text and leaves out years, dates, times, money, percentages,
ages, measurements, ordinals, codes and phone numbers.

Conventions (an interval over the count; None is an open end):

- exact "five" -> [5, 5]; "a dozen", "two dozen", "a couple hundred" are round, so approximate.
- "more than/over/above N" -> (N, None); "at least/no fewer than N", "N or more", "N-plus" ->
  [N, None]; "up to/as many as N" (hedge up_to) and "at most/no more than N", "N or fewer"
  (hedge at_most) -> [None, N]; "fewer than/less than/under N" -> [None, N).
- "about/around/roughly/some/an estimated/approximately N", "N or so", "N-odd" -> [N, N]
  approximate; "nearly/almost/close to N" likewise, hedge nearly (the count is below N).
- ranges "200 to 300", "between 10 and 15", "10-15", "two or three" -> [low, high].
- vague words are ranges flagged vague, with `conservative` holding the most conservative
  reading conflict-event coders use (ACLED: tens = 10, dozens = 12, hundreds = 100,
  thousands = 1000): dozens [24, 99] (12), tens [20, 99] (10), scores [40, 199] (40), hundreds
  [200, 999] (100), thousands [2000, 9999] (1000), "tens of thousands" [20000, 99000] (10000),
  a few [2, 5] (2), several [3, 9] (3), a handful [2, 5] (2); "several hundred" [300, 900] (300).
- "no one", "none", "nobody", "no <noun>", "zero", "not a single" -> [0, 0], hedge none.
- `hedge` is one of: exact, more_than, at_least, up_to, at_most, fewer_than, about, nearly,
  range, vague, none.
- `conservative` is the lowest count the words support: the exact value, the lower bound of a
  range or of "more than"; None where only an upper bound is given ("up to 40").

Counts are whole numbers: a decimal without a scale word ("2.5") or a number of more than
15 digits is not a count. Work is linear in the text: each expression is at most a few
tokens long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar, get_args

import msgspec

from claimledger.extract import lexicons
from claimledger.model import Count, Hedge

__all__ = ["QuantityMatch", "find_quantities", "parse_quantity"]


class QuantityMatch(msgspec.Struct, frozen=True, kw_only=True):
    """A count-like expression found in a text, with its character offsets."""

    start: int
    end: int
    text: str
    quantity: Count


@dataclass(slots=True)
class _Token:
    """A word, number or mark of a text (never changed once made; not frozen, since a frozen
    dataclass costs three times as much to make and a page has thousands)."""

    text: str
    lower: str
    start: int
    end: int
    is_digits: bool
    is_word: bool


@dataclass(frozen=True, slots=True)
class _Value:
    """A parsed number before hedging: [low, high], with the conservative reading."""

    low: float
    high: float
    conservative: float
    approximate: bool = False
    vague: bool = False
    scaled: bool = False


# ASCII digits only: other scripts' digits are left to a reader that knows them.
# Letters of any script make words ("GÃ1⁄4len" holds no count); digits are ASCII.
# Thousands set apart by a space, a no-break or thin space ("4 000", "800 000"): one token, but
# only where every group after the first has three digits and no digit group follows the run
# ("202 555 0143" stays three tokens).
_SPACES = "\u0020\u00a0\u2009\u202f"
_SPACED_THOUSANDS = rf"[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?![0-9]|[{_SPACES}][0-9])"
_TOKEN_RE = re.compile(
    rf"{_SPACED_THOUSANDS}|[0-9]+(?:[.,][0-9]+)*[^\W\d_]*|[^\W\d_]+|[^\s\w]|_|\d"
)
_DIGITS_RE = re.compile(
    rf"(\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(\.\d+)?([^\W\d_]*)", re.ASCII
)
# "4.000", "1.250.000": a dot between groups of three digits is a thousands separator, unless a
# scale word follows ("1.500 million").
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
MAX_DIGITS = 15

_HEDGE_NAMES: tuple[Hedge, ...] = get_args(Hedge)
_NUMBER_WORDS = lexicons.rows("number_words")  # word, value, kind
_UNITS = {word: int(value) for word, value, kind in _NUMBER_WORDS if kind == "unit"}
_TENS = {word: int(value) for word, value, kind in _NUMBER_WORDS if kind == "tens"}
_SCALES = {word: float(value) for word, value, kind in _NUMBER_WORDS if kind == "scale"}
_SUFFIX_SCALES = {"": 1.0} | {
    word: float(value) for word, value, kind in _NUMBER_WORDS if kind == "suffix"
}
# Plural round words: (low, high, conservative reading) of the count they stand for.
_PLURALS = {
    word: (float(low), float(high), float(conservative))
    for word, low, high, conservative in lexicons.rows("round_plurals")
}
# "tens of thousands": the plural of a scale word scales the round word before it.
_PLURAL_SCALES = {word + "s": scale for word, scale in _SCALES.items() if word + "s" in _PLURALS}
# "a few", "several": (low, high) multipliers of what follows (1 when nothing does).
_FEW_WORDS = {
    tuple(phrase.split()): (float(low), float(high))
    for phrase, low, high in lexicons.rows("few_words")
}
# Hedge phrases, longest first where one is a prefix of another.
_HEDGES: tuple[tuple[tuple[str, ...], Hedge], ...] = tuple(
    (tuple(phrase.split()), lexicons.one_of(hedge, _HEDGE_NAMES, "count_hedges"))
    for phrase, hedge in lexicons.rows("count_hedges")
)


_V = TypeVar("_V")


def _index_by_first_word(
    phrases: Iterable[tuple[tuple[str, ...], _V]],
) -> dict[str, list[tuple[tuple[str, ...], _V]]]:
    """Phrases (with what each stands for) by their first word, in their order: only those a
    token's word starts are tried at it, the first that matches wins as in the whole list."""
    index: dict[str, list[tuple[tuple[str, ...], _V]]] = {}
    for words, value in phrases:
        index.setdefault(words[0], []).append((words, value))
    return index


_HEDGES_BY_FIRST_WORD = _index_by_first_word(_HEDGES)
# Words that may stand before a hedge without changing it: "well over", "just under".
_HEDGE_INTENSIFIERS = lexicons.words("count_hedge_intensifiers")
_ZERO_WORDS = [phrase.split() for (phrase,) in lexicons.rows("zero_words")]
_NONE_WORDS = [tuple(words) for words in _ZERO_WORDS if len(words) > 1]
_NONE_WORDS_BY_FIRST_WORD = _index_by_first_word((words, None) for words in _NONE_WORDS)
_NONE_SINGLE = frozenset(words[0] for words in _ZERO_WORDS if len(words) == 1)
# "no" is a zero count only before a noun-like word; these follow "no" in other senses.
_NOT_AFTER_NO = lexicons.words("not_after_no")
# An em dash sets words apart ("killed 5 — 3 of them children"); it joins no range.
_RANGE_SEPARATORS = frozenset({"to", "-", "–", "or"})

_CURRENCIES = lexicons.words("currencies")
_PERCENT_WORDS = lexicons.words("percent_words")
_UNIT_WORDS = lexicons.words("unit_words")
_BEFORE_CODES = lexicons.words("code_words")
_MONTHS = frozenset(month for month, *_ in lexicons.rows("months"))
# These month names are also everyday words; they count as months only when capitalised.
_AMBIGUOUS_MONTHS = frozenset(month for month, _, *word in lexicons.rows("months") if word)
_DETERMINERS_BEFORE_ONE = lexicons.words("determiners_before_one")


# Shares of a scale: "a quarter of a million".
_SHARES = (
    (("a", "quarter", "of", "a"), 0.25),
    (("quarter", "of", "a"), 0.25),
    (("three", "quarters", "of", "a"), 0.75),
)
_SHARES_BY_FIRST_WORD = _index_by_first_word(_SHARES)
_FEW_WORDS_BY_FIRST_WORD = _index_by_first_word(_FEW_WORDS.items())

# Every word a count expression can start with; find_quantities tries nothing else.
_START_WORDS = frozenset(
    {words[0] for words, _ in _HEDGES}
    | {words[0] for words in _NONE_WORDS}
    | {words[0] for words in _FEW_WORDS}
    | _NONE_SINGLE
    | _HEDGE_INTENSIFIERS
    | set(_UNITS)
    | set(_TENS)
    | set(_PLURALS)
    | {"a", "an", "half", "quarter", "between", "from", "no"}
)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    add = tokens.append
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        first = word[0]
        start, end = match.span()
        add(_Token(word, word.lower(), start, end, first in "0123456789", first.isalpha()))
    return tokens


def _words_at(tokens: list[_Token], i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(tokens):
        return False
    return all(tokens[i + k].lower == w for k, w in enumerate(words))


def _lower_at(tokens: list[_Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _adjacent(tokens: list[_Token], i: int) -> bool:
    """True when token i touches token i-1 (no space between them)."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def _parse_digits(token: _Token, scale_follows: bool = False) -> float | None:
    if not scale_follows and _DOTTED_THOUSANDS.fullmatch(token.text):
        return float(token.text.replace(".", "")) if len(token.text) <= MAX_DIGITS + 5 else None
    match = _DIGITS_RE.fullmatch(token.text)
    if match is None:
        return None
    whole, fraction, suffix = match.groups()
    digits = re.sub(rf"[,{_SPACES}]", "", whole)
    if len(digits) > MAX_DIGITS:
        return None
    scale = _SUFFIX_SCALES.get(suffix.lower())
    if scale is None:
        return None
    if len(digits) > 1 and digits.startswith("0") and not fraction:
        return None  # "0143": a code or a phone group, never a count
    raw = float(digits + (fraction or "")) * scale
    rounded = float(round(raw))
    # "1.15 million" is 1150000, not the float product's 1149999.9999999998.
    return rounded if abs(raw - rounded) <= 1e-9 * max(1.0, raw) else raw


def _parse_number_words(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """'three hundred and twenty-five', 'a thousand': the value and the index after it."""
    total = 0.0
    current = 0.0
    seen = False
    last = ""  # kind of the last word: unit, tens, scale
    j = i
    while j < len(tokens):
        word = tokens[j].lower
        if word in ("a", "an") and not seen and _lower_at(tokens, j + 1) in _SCALES:
            current, seen, last, j = 1.0, True, "unit", j + 1
            continue
        if word in _UNITS and last != "unit" and not (last == "tens" and _UNITS[word] > 9):
            current += _UNITS[word]
            seen, last, j = True, "unit", j + 1
            continue
        if word in _TENS and last not in ("unit", "tens"):
            current += _TENS[word]
            seen, last, j = True, "tens", j + 1
            if (
                j + 1 < len(tokens)
                and tokens[j].text == "-"
                and _adjacent(tokens, j)
                and tokens[j + 1].lower in _UNITS
                and _adjacent(tokens, j + 1)
            ):
                j += 1  # the hyphen of "twenty-five"
            continue
        if word == "hundred" and seen and last != "scale":
            current = (current or 1.0) * 100
            last, j = "scale", j + 1
            continue
        if word in _SCALES and word != "hundred" and seen:
            total += (current or 1.0) * _SCALES[word]
            current, last, j = 0.0, "scale", j + 1
            continue
        if word == "and" and last == "scale" and seen:
            following = _lower_at(tokens, j + 1)
            if following in _UNITS or following in _TENS:
                j += 1
                last = ""
                continue
        break
    if not seen:
        return None
    return total + current, j


def _scale_after(tokens: list[_Token], j: int) -> tuple[float, int]:
    """The product of the scale words ('million', 'hundred thousand') from j, and where it ends."""
    scale = 1.0
    while j < len(tokens) and tokens[j].lower in _SCALES:
        scale *= _SCALES[tokens[j].lower]
        j += 1
    return scale, j


def _parse_value(tokens: list[_Token], i: int) -> tuple[_Value, int] | None:
    """One number (no hedge, no range) at token i."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    word = token.lower

    if word in _PLURALS:
        low, high, conservative = _PLURALS[word]
        j = i + 1
        # "tens of thousands", "hundreds of thousands": the plural scales the next one.
        if _lower_at(tokens, j) == "of" and _lower_at(tokens, j + 1) in _PLURAL_SCALES:
            scale = _PLURAL_SCALES[tokens[j + 1].lower]
            if scale > high:
                return _Value(low * scale, high * scale, conservative * scale, vague=True), j + 2
        return _Value(low, high, conservative, vague=True), j

    for words, (low_k, high_k) in _FEW_WORDS_BY_FIRST_WORD.get(word, ()):
        if _words_at(tokens, i, words):
            j = i + len(words)
            if _lower_at(tokens, j) == "dozen":
                return _Value(low_k * 12, high_k * 12, low_k * 12, vague=True), j + 1
            scale, j = _scale_after(tokens, j)
            return _Value(low_k * scale, high_k * scale, low_k * scale, vague=True), j

    if _words_at(tokens, i, ("a", "couple")):
        j = i + 2
        if _lower_at(tokens, j) == "of" and _lower_at(tokens, j + 1) in _SCALES:
            j += 1
        scale, j = _scale_after(tokens, j)
        if _lower_at(tokens, j) == "dozen":
            scale, j = 12.0, j + 1
        return _Value(2 * scale, 2 * scale, 2 * scale, approximate=True), j

    for words, share in _SHARES_BY_FIRST_WORD.get(word, ()):
        # "a quarter of a million", "three quarters of a million"
        if _words_at(tokens, i, words) and _lower_at(tokens, i + len(words)) in _SCALES:
            part = share * _SCALES[tokens[i + len(words)].lower]
            return _Value(part, part, part, approximate=True, scaled=True), i + len(words) + 1

    if _words_at(tokens, i, ("half", "a")) and _lower_at(tokens, i + 2) in ("dozen", *_SCALES):
        unit = tokens[i + 2].lower
        half = 6.0 if unit == "dozen" else 0.5 * _SCALES[unit]
        return _Value(half, half, half, approximate=True, scaled=True), i + 3

    value: float
    if token.is_digits:
        digits_value = _parse_digits(token, _lower_at(tokens, i + 1) in _SCALES)
        if digits_value is None:
            return None
        value, j = digits_value, i + 1
    else:
        parsed = _parse_number_words(tokens, i)
        if parsed is None:
            if word in ("a", "an") and _lower_at(tokens, i + 1) == "dozen":
                return _Value(12.0, 12.0, 12.0, approximate=True, scaled=True), i + 2
            return None
        value, j = parsed

    # "1.2m", "three million": a scale word (or suffix) makes the figure a round one.
    scaled = any(t.lower in _SCALES for t in tokens[i:j]) or (
        token.is_digits and token.text[-1].isalpha()
    )
    scale, j = _scale_after(tokens, j)
    scaled = scaled or scale != 1.0
    value *= scale
    approximate = False
    if _lower_at(tokens, j) == "dozen":
        value, j, approximate, scaled = value * 12, j + 1, True, True
    elif _words_at(tokens, i, ("a",)) and scaled:
        approximate = True  # "a hundred", "a thousand" are round figures
    return _Value(value, value, value, approximate=approximate, scaled=scaled), j


def _match_hedge(tokens: list[_Token], i: int) -> tuple[Hedge, int] | None:
    j = i
    # "well over", "just under": skip the intensifier when a hedge follows it.
    while j < len(tokens) and j - i < 2 and tokens[j].lower in _HEDGE_INTENSIFIERS:
        j += 1
    for start in (j, i) if j != i else (i,):
        if start >= len(tokens):
            continue
        for words, hedge in _HEDGES_BY_FIRST_WORD.get(tokens[start].lower, ()):
            if _words_at(tokens, start, words):
                return hedge, start + len(words)
    return None


def _parse_none(tokens: list[_Token], i: int) -> int | None:
    """The index after a zero-count expression ('no one', 'none', 'no deaths'), if any."""
    word = _lower_at(tokens, i)
    for words, _ in _NONE_WORDS_BY_FIRST_WORD.get(word, ()):
        if _words_at(tokens, i, words):
            return i + len(words)
    if word in _NONE_SINGLE:
        return i + 1
    if word == "no" and i + 1 < len(tokens):
        following = tokens[i + 1]
        if following.is_word and following.lower not in _NOT_AFTER_NO:
            return i + 1
    return None


def _quantity_at(tokens: list[_Token], i: int) -> tuple[Count, int] | None:
    """The longest count expression starting at token i, and the index after it."""
    none_end = _parse_none(tokens, i)
    if none_end is not None and _match_hedge(tokens, i) is None:
        return Count(low=0.0, high=0.0, hedge="none", conservative=0.0), none_end

    hedge: Hedge = "exact"
    j = i
    between = False
    matched = _match_hedge(tokens, i)
    if matched is not None:
        hedge, j = matched
    elif _lower_at(tokens, i) in ("between", "from"):
        between, j = True, i + 1
        if (inner := _match_hedge(tokens, j)) is not None and inner[0] in ("about", "nearly"):
            hedge, j = inner

    if hedge != "exact" and tokens[j - 1].text == "~" and not _adjacent(tokens, j):
        return None  # a "~" set apart is a bullet, not "approximately"
    parsed = _parse_value(tokens, j)
    if parsed is None:
        return None
    first, j = parsed
    second: _Value | None = None
    if matched is not None and tokens[j - 1].lower == "one" and first.high == 1:
        return None  # "about one man's death", "over one issue": prepositions, not hedges

    separator = _lower_at(tokens, j)
    wanted = {"between": "and", "from": "to"}.get(tokens[i].lower) if between else None
    if (wanted and separator == wanted) or (not wanted and separator in _RANGE_SEPARATORS):
        k = j + 1
        if (inner := _match_hedge(tokens, k)) is not None and inner[0] in ("about", "nearly"):
            k = inner[1]
        parsed_second = _parse_value(tokens, k)
        if separator in ("-", "–") and not (
            tokens[j - 1].is_digits and k < len(tokens) and tokens[k].is_digits
        ):
            parsed_second = None  # "1-Dozens": a hyphen joins a range only between digits
        if parsed_second is not None:
            candidate, k_end = parsed_second
            if candidate.scaled and not first.scaled and first.high < candidate.low:
                # "1 to 2 million": the scale word belongs to both ends.
                factor = candidate.low / _unscaled(tokens, k, k_end, candidate)
                if first.high * factor < candidate.low:
                    first = _Value(
                        first.low * factor, first.high * factor, first.conservative * factor,
                        first.approximate, first.vague, True,
                    )  # fmt: skip
            if candidate.low > first.high:
                second, j = candidate, k_end
            elif (
                separator in ("-", "–")
                and tokens[j - 1].is_digits
                and _adjacent(tokens, j)
                and _adjacent(tokens, j + 1)
            ):
                return None  # "3-1", "2-0": a score or a code, not a count
    if between and second is None:
        return None

    if second is None and hedge in ("exact", "about"):
        # Postfix hedges: "100 or more", "100 or so", "100-odd", "100-plus", "100+".
        following = (_lower_at(tokens, j), _lower_at(tokens, j + 1))
        if following in (("or", "more"), ("and", "more"), ("or", "above"), ("at", "least")):
            hedge, j = "at_least", j + 2
        elif following in (("or", "fewer"), ("or", "less"), ("at", "most")):
            hedge, j = "at_most", j + 2
        elif following == ("or", "so"):
            hedge, j = "about", j + 2
        elif following == ("more", "or") and _lower_at(tokens, j + 2) == "less":
            hedge, j = "about", j + 3
        elif following[0] == "-" and following[1] in ("odd", "plus") and _adjacent(tokens, j):
            hedge, j = ("about" if following[1] == "odd" else "at_least"), j + 2
        elif following[0] == "+" and _adjacent(tokens, j):
            hedge, j = "at_least", j + 1
    return _to_quantity(hedge, first, second), j


def _unscaled(tokens: list[_Token], k: int, k_end: int, value: _Value) -> float:
    """The value of the number at k without its trailing scale words ('2' of '2 million')."""
    end = k_end
    while end > k + 1 and tokens[end - 1].lower in _SCALES:
        end -= 1
    parsed = _parse_value(tokens[:end], k)
    if parsed is None or parsed[0].low == 0:
        return value.low
    return parsed[0].low


def _to_quantity(hedge: Hedge, first: _Value, second: _Value | None) -> Count:
    approximate = first.approximate or hedge in ("about", "nearly")
    vague = first.vague
    if second is not None:
        return Count(
            low=first.low,
            high=second.high,
            approximate=approximate or second.approximate,
            vague=vague or second.vague,
            hedge="range",
            conservative=first.conservative,
        )
    if hedge == "more_than":
        return Count(
            low=first.low, high=None, low_inclusive=False, approximate=first.approximate,
            vague=vague, hedge=hedge, conservative=first.conservative,
        )  # fmt: skip
    if hedge == "at_least":
        return Count(
            low=first.low, high=None, approximate=first.approximate, vague=vague, hedge=hedge,
            conservative=first.conservative,
        )  # fmt: skip
    if hedge in ("up_to", "at_most"):
        return Count(
            low=None, high=first.high, approximate=first.approximate, vague=vague, hedge=hedge
        )
    if hedge == "fewer_than":
        return Count(
            low=None, high=first.low, high_inclusive=False, approximate=first.approximate,
            vague=vague, hedge=hedge,
        )  # fmt: skip
    if hedge == "exact" and vague:
        hedge = "vague"
    return Count(
        low=first.low,
        high=first.high,
        approximate=approximate,
        vague=vague,
        hedge=hedge,
        conservative=first.conservative,
    )


def _is_whole(quantity: Count) -> bool:
    return all(b is None or b == int(b) for b in (quantity.low, quantity.high))


def parse_quantity(text: str) -> Count | None:
    """The count `text` states as a whole ("more than 200", "dozens"), or None if it is none."""
    tokens = _tokenize(text)
    while tokens and tokens[-1].text in (".", ",", ";", ":", "!", "?"):
        tokens.pop()
    if not tokens:
        return None
    found = _quantity_at(tokens, 0)
    if found is None:
        return None
    quantity, end = found
    if end != len(tokens) or not _is_whole(quantity):
        return None
    return quantity


def _is_count_context(tokens: list[_Token], i: int, j: int, quantity: Count) -> bool:
    """False for numbers that are not counts: years, dates, times, money, ages, units, codes."""
    first, last = tokens[i], tokens[j - 1]
    before = _lower_at(tokens, i - 1)
    before2 = _lower_at(tokens, i - 2)
    after = _lower_at(tokens, j)
    after2 = _lower_at(tokens, j + 1)

    if not _is_whole(quantity):
        return False
    if before in _CURRENCIES:
        return False
    if after in _CURRENCIES or after in _PERCENT_WORDS or after in _UNIT_WORDS:
        return False
    if (
        after in ("-", "–")
        and _adjacent(tokens, j)
        and _adjacent(tokens, j + 1)
        and tokens[j + 1].is_word
    ):
        return False  # "32-year-old", "two-thirds", "a 5-member team", "UPDATE 2-Bomb"
    if first.lower == "one" and j == i + 1 and (after == "of" or before in _DETERMINERS_BEFORE_ONE):
        return False  # "one of the", "the one who": a pronoun, not a count
    if _is_age_after_name(tokens, i, j):
        return False
    if first.is_digits and (
        before in _BEFORE_CODES or (before == "." and before2 in _BEFORE_CODES)
    ):
        return False  # "No. 10", "Flight 17", "aged 32"
    if (after, after2) in (("a", "."), ("p", ".")):
        return False  # "10 a.m."
    if _is_phone_number(tokens, i, j):
        return False
    if _is_month(tokens, i - 1) or (before == "." and _is_month(tokens, i - 2)):
        return False
    if _is_month(tokens, j) or (after == "of" and _is_month(tokens, j + 1)):
        return False
    if first.is_digits and _adjacent(tokens, i):
        previous = tokens[i - 1]
        if previous.is_word or previous.text in "/:.#+-_" or previous.is_digits:
            return False  # "MH17", "F-16", "7/2", "+44"
    if last.is_digits and j < len(tokens) and _adjacent(tokens, j):
        nxt = tokens[j]
        if nxt.text in "/:.-_" and j + 1 < len(tokens) and tokens[j + 1].is_digits:
            return False  # "10:30", "2/3", phone groups
        if nxt.is_word:
            return False
    if first.is_digits and before.isdigit() and not _adjacent(tokens, i):
        return False  # "202 555 0143": a run of digit groups
    if after.isdigit() and not _adjacent(tokens, j) and not _is_compound_at(tokens, j):
        return False  # "202 555": a run of digit groups; "one 7-year-old boy" is a count
    if before == "(" and after == ")" and _lower_at(tokens, j + 1).isdigit():
        return False  # "(202) 555-0143"
    if before == ")" and before2.isdigit():
        return False
    if quantity.hedge in ("exact", "range") and _all_years(tokens[i:j]):
        return False  # "in 2018", "from 2011 to 2015"; "more than 2000" stays a count
    if first.lower in ("a", "an") and before in ("per",):
        return False
    return before not in ("a.m", "p.m")


def _is_compound_at(tokens: list[_Token], j: int) -> bool:
    """A number joined by a hyphen to a word: "7-year-old", "3-member"."""
    return (
        j + 2 < len(tokens)
        and tokens[j + 1].text in ("-", "–")
        and _adjacent(tokens, j + 1)
        and _adjacent(tokens, j + 2)
        and tokens[j + 2].is_word
    )


def _is_age_after_name(tokens: list[_Token], i: int, j: int) -> bool:
    """'Scott, 43, a father of seven': a bare number set off by commas after a name."""
    return (
        j == i + 1
        and tokens[i].is_digits
        and len(tokens[i].text) <= 3
        and _lower_at(tokens, i - 1) == ","
        and i >= 2
        and tokens[i - 2].is_word
        and tokens[i - 2].text[0].isupper()
        and _lower_at(tokens, j) in (",", ")", ".")
    )


def _all_years(tokens: list[_Token]) -> bool:
    numbers = [t for t in tokens if t.is_digits]
    return bool(numbers) and all(
        re.fullmatch(r"\d{4}", t.text) is not None and 1000 <= int(t.text) <= 2100 for t in numbers
    )


def _is_phone_number(tokens: list[_Token], i: int, j: int) -> bool:
    """'555-1234': three digits, a hyphen, four digits."""
    texts = [t.text for t in tokens[i:j]]
    return (
        len(texts) == 3
        and texts[1] == "-"
        and re.fullmatch(r"\d{3}", texts[0]) is not None
        and re.fullmatch(r"\d{4}", texts[2]) is not None
    )


def _is_month(tokens: list[_Token], i: int) -> bool:
    if not 0 <= i < len(tokens):
        return False
    token = tokens[i]
    if token.lower not in _MONTHS:
        return False
    return token.lower not in _AMBIGUOUS_MONTHS or token.text[0].isupper()


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every count-like expression in `text`, left to right, without overlaps."""
    tokens = _tokenize(text)
    matches: list[QuantityMatch] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].is_digits and tokens[i].lower not in _START_WORDS:
            i += 1  # most words cannot start a count: skip them cheaply
            continue
        found = _quantity_at(tokens, i)
        if found is None:
            i += 1
            continue
        quantity, j = found
        if _is_count_context(tokens, i, j, quantity):
            start, end = tokens[i].start, tokens[j - 1].end
            matches.append(
                QuantityMatch(start=start, end=end, text=text[start:end], quantity=quantity)
            )
        elif j - i > 2 and _words_at(tokens, j - 2, ("at", "least")):
            j -= 2  # "300x180 At least 25": the hedge belongs to the count after the code
        i = max(j, i + 1)
    return matches


_AGE_WORD = re.compile(r"\bages?\b", re.IGNORECASE)
# Words after a number that make it a count: "3 Wounded", "4 people", "two others".
_COUNTED = re.compile(
    r"\s+(?:wounded|injured|hurt|dead|killed|shot|slain|people|persons|others|more|victims)\b",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]*,\s$")


def written_as_age(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is written as someone's age ("Lindsay, 24, and",
    "Cudnik, 32 were", "both 24 and from", "a man, 20, killed", "between the ages of 11
    and 15")."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 7].casefold()
    if _COUNTED.match(text, end):
        return False  # "2 Dead, 3 Wounded": a count of what follows, after a title-case word
    return (
        _AGE_WORD.search(before) is not None
        or _NAME_BEFORE.search(before) is not None
        or before.casefold().endswith("both ")
        or (before.endswith(", ") and after.startswith((",", ";", " years", "-year", ")")))
    )
