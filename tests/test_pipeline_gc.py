"""Fewer garbage collections while documents are analysed, and Python's settings given back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from claimledger.nlp import load_nlp
from claimledger.pipeline import GC_THRESHOLD, analyse_documents, fewer_collections
from claimledger.read.options import ReadOptions
from claimledger.read.text import read_text_scrape


@pytest.fixture
def default_threshold() -> Iterator[tuple[int, int, int]]:
    previous = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*previous)


def test_the_threshold_is_raised_while_analysing_and_given_back_after(
    default_threshold: tuple[int, int, int],
) -> None:
    text = "Clashes near Goma\n\nAt least 12 people were killed on Tuesday, officials said.\n"
    documents = [read_text_scrape(text, input=f"page-{i}.txt", options=ReadOptions())
                 for i in range(3)]
    seen = []
    for analysis in analyse_documents(documents, load_nlp(), batch_size=2):
        seen.append(gc.get_threshold())
        assert analysis.figures
    assert seen == [(GC_THRESHOLD, 10, 10)] * 3
    assert gc.get_threshold() == default_threshold


def test_the_threshold_is_given_back_when_the_work_fails(
    default_threshold: tuple[int, int, int],
) -> None:
    with pytest.raises(RuntimeError), fewer_collections(5_000):
        assert gc.get_threshold() == (5_000, 10, 10)
        raise RuntimeError("stop")
    assert gc.get_threshold() == default_threshold


def test_a_higher_threshold_or_collection_switched_off_is_left_as_it_is(
    default_threshold: tuple[int, int, int],
) -> None:
    gc.set_threshold(50_000, 10, 10)
    with fewer_collections(5_000):
        assert gc.get_threshold() == (50_000, 10, 10)
    gc.set_threshold(0, 10, 10)
    with fewer_collections(5_000):
        assert gc.get_threshold() == (0, 10, 10)
    assert gc.get_threshold() == (0, 10, 10)
