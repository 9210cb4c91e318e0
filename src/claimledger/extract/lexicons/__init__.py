"""The extractors' word lists, kept as data: one text file per concept beside this module, each
read once per process and shared by every module that needs it.

A file holds one entry a line; a line starting with "#" is a comment, and a blank line is
skipped. Columns are separated by tabs (an entry may hold spaces: "no one", "white house").
A first column that starts with "#" is written with a backslash before it: "\\#". Each file's
opening comment says what it lists, which modules read it, and whether its words are matched
on the token's lemma (`lemma`) or as written, and why.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # not at run time: population.py and the text scanners need no spaCy
    from spacy.tokens import Token


__all__ = ["LexiconError", "lemma", "names", "one_of", "rows", "table", "text", "words"]

SUFFIX = ".txt"
Choice = TypeVar("Choice", bound=str)


class LexiconError(ValueError):
    """A lexicon file that does not have the shape its reader expects."""


def names() -> list[str]:
    """Every lexicon shipped, by name (its file name without ".txt")."""
    folder = resources.files(__name__)
    return sorted(
        entry.name.removesuffix(SUFFIX) for entry in folder.iterdir() if entry.name.endswith(SUFFIX)
    )


@cache
def text(name: str) -> str:
    """A lexicon file as written."""
    return resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A lexicon's entries in file order, each split into its columns."""
    found: list[tuple[str, ...]] = []
    for number, line in enumerate(text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = tuple(line.split("\t"))
        if any(not column or column != column.strip() for column in columns):
            raise LexiconError(f"{name}{SUFFIX}:{number}: an empty column or stray space")
        if columns[0].startswith("\\#"):
            columns = (columns[0][1:], *columns[1:])
        found.append(columns)
    return tuple(found)


def _columns(name: str, count: int) -> tuple[tuple[str, ...], ...]:
    found = rows(name)
    for row in found:
        if len(row) != count:
            raise LexiconError(f"{name}{SUFFIX}: {row!r} has {len(row)} columns, not {count}")
    return found


@cache
def words(name: str) -> frozenset[str]:
    """A one-column lexicon as a set."""
    return frozenset(row[0] for row in _columns(name, 1))


def table(name: str) -> dict[str, str]:
    """A two-column lexicon as a mapping from the first column to the second."""
    found = _columns(name, 2)
    mapping = {key: value for key, value in found}

    if len(mapping) != len(found):
        raise LexiconError(f"{name}{SUFFIX}: a first column is listed twice")
    return mapping


def one_of(value: str, allowed: tuple[Choice, ...], name: str) -> Choice:
    """A lexicon's value checked against the values its reader knows (a measure, a hedge)."""
    for choice in allowed:
        if choice == value:
            return choice
    raise LexiconError(f"{name}{SUFFIX}: {value!r} is none of {', '.join(allowed)}")


def lemma(token: Token) -> str:
    """The token's lemma, lower-cased; its lower-case form where the pipeline gave no lemma
    (a blank pipeline in tests, a Doc built by hand)."""
    return token.lemma_.lower() or token.lower_
