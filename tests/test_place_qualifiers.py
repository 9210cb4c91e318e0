"""Datelines and "Town, State": how local news says which town it means."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.gazetteer import Gazetteer, load_gazetteer
from claimledger.extract.place_qualifiers import find_dateline, state_after


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


# (body text, the dateline's town as written, its state or None); each has a near miss below.
DATELINES = [
    ("HOUSTON – A man was shot Sunday night, police said.", "HOUSTON", None),
    ("DENVER (CBS4) – Two people were shot early Sunday.", "DENVER", None),
    ("HAMPTON, Va. – Police conducted a death investigation.", "HAMPTON", "Virginia"),
    ("LOUISVILLE, Ky. (WHAS11) - LMPD is investigating.", "LOUISVILLE", "Kentucky"),
    ("ELGIN, Ill. (AP) — Five people were wounded.", "ELGIN", "Illinois"),
    ("Follow us on Twitter\n\nDALLAS (CBSDFW.COM/AP) – Police in Dallas said.", "DALLAS", None),
    ("VIRGINIA BEACH, Va. (WAVY) — A man has been arrested.", "VIRGINIA BEACH", "Virginia"),
    ("NEW ORLEANS -- A teen was shot Friday.", "NEW ORLEANS", None),
]


@pytest.mark.parametrize(("text", "town", "state"), DATELINES)
def test_a_dateline_names_the_town_and_its_state(
    gazetteer: Gazetteer, text: str, town: str, state: str | None
) -> None:
    dateline = find_dateline(text, gazetteer)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == town
    assert (dateline.state.name if dateline.state else None) == state


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE – Police said the man died.",  # a capitalised word that is no town
        "Police in Dallas said a man was shot.",  # a town, but no dateline
        "DALLAS police said a man was shot.",  # capitals without the dash
        "WATCH: video of the scene – police said.",
    ],
)
def test_near_misses_are_no_datelines(gazetteer: Gazetteer, text: str) -> None:
    assert find_dateline(text, gazetteer) is None


def test_a_dateline_far_down_the_page_is_no_dateline(gazetteer: Gazetteer) -> None:
    text = "x" * 700 + "\nHOUSTON – A man was shot."
    assert find_dateline(text, gazetteer) is None


# (text after a town, the state it names or None)
STATES_AFTER = [
    (", Ill., early Sunday", "Illinois"),
    (", Illinois, early Sunday", "Illinois"),
    (", IL 60120", "Illinois"),
    (", N.C., police said", "North Carolina"),
    (", North Carolina", "North Carolina"),
    (", W.Va.", "West Virginia"),
    (", Calif.", "California"),
    (", police said", None),  # near miss: a comma, then no state
    (", Ill-fated", None),  # an abbreviation's letters inside a word
    (" Ill.", None),  # no comma: not a town's state
    (", In the morning", None),  # "In" is no postal code written this way
]


@pytest.mark.parametrize(("after", "state"), STATES_AFTER)
def test_the_state_after_a_town(gazetteer: Gazetteer, after: str, state: str | None) -> None:
    text = "Elgin" + after
    found = state_after(text, len("Elgin"), gazetteer)
    assert (found.name if found else None) == state
    if found is not None:
        assert text[found.start : found.end].rstrip(".") in after


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ELGIN, Ill.(AP)–-— \nDallas VA."), max_size=80))
def test_datelines_and_states_never_crash_and_stay_inside_the_text(text: str) -> None:
    gazetteer = load_gazetteer()
    dateline = find_dateline(text, gazetteer)
    if dateline is not None:
        assert 0 <= dateline.start < dateline.end <= len(text)
    for end in range(len(text) + 1):
        found = state_after(text, end, gazetteer)
        if found is not None:
            assert end < found.start < found.end <= len(text)
