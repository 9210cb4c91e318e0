"""Where a page's telephone numbers lie (extract/phones.py), and the events they place."""

from __future__ import annotations

import pytest

from claimledger.extract.phones import PHONE_RULE, phone_home, phone_places


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call Crime Stoppers at (817) 469-8477.", [("(817) 469-8477", "Arlington", "Texas")]),
        ("Call 817.469.8477 or 1-817-469-8477.",
         [("817.469.8477", "Arlington", "Texas"), ("1-817-469-8477", "Arlington", "Texas")]),
        ("Tips: 860-555-0134.", [("860-555-0134", "Connecticut", "Connecticut")]),
        # toll-free numbers lie nowhere; no area code begins with 1; digits inside longer runs,
        # a date and a count are no numbers
        ("Call 1-800-222-8477 or (123) 456-7890.", []),
        ("Case 2016-817-469-8477-12 was filed on 2016-11-17; 4,817 469 8477 votes.", []),
    ],
)  # fmt: skip
def test_a_us_number_lies_in_its_town_or_state(
    text: str, found: list[tuple[str, str, str]]
) -> None:
    assert [(p.span.text, p.place.name, p.place.admin1) for p in phone_places(text)] == found
    for p in phone_places(text, start=100):
        assert text[p.span.start - 100 : p.span.end - 100] == p.span.text


def test_the_page_s_numbers_must_mostly_agree_on_a_state() -> None:
    agreeing = phone_places("Call (817) 469-8477 or 817-392-4222; the desk is at 860-555-0134.")
    home = phone_home(agreeing)
    assert home is not None and home.place.admin1 == "Texas" and home.place.feature == "city"
    assert phone_home(phone_places("Call (817) 469-8477 or 860-555-0134.")) is None
    assert phone_home([]) is None


@pytest.mark.model
def test_an_event_its_page_places_nowhere_lies_where_the_page_s_number_rings() -> None:
    from claimledger.model import Document, Segment, content_id
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    body = ("A 15-year-old boy was shot and wounded Sunday night, police said. Anyone with "
            "information is asked to call police at 817-392-4222.")
    document = Document(id=content_id(body), text=body, published="2016-11-17",
                        segments=(Segment("body", 0, len(body)),))
    place = analyse(document, load_nlp()).events[0].place
    assert place is not None and place.rule == PHONE_RULE
    assert place.span.text == "817-392-4222" and body[place.span.start : place.span.end] == (
        "817-392-4222")
    assert place.resolved is not None and place.resolved.admin1 == "Texas"
    # a page that names its place keeps it; the number only settles what the text leaves open
    named = body.replace("Sunday night", "Sunday night in Dallas")
    document = Document(id=content_id(named), text=named, published="2016-11-17",
                        segments=(Segment("body", 0, len(named)),))
    place = analyse(document, load_nlp()).events[0].place
    assert place is not None and place.rule is None and place.name == "Dallas"


@pytest.mark.model
def test_a_number_settles_nothing_on_a_page_that_settles_a_place_abroad() -> None:
    from claimledger.model import Document, Segment, content_id
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    def place_of(body: str) -> str | None:
        document = Document(id=content_id(body), text=body, published="2016-11-17",
                            segments=(Segment("body", 0, len(body)),))
        place = analyse(document, load_nlp()).events[0].place
        return place.resolved.admin1 if place is not None and place.resolved else None

    local = ("A man was shot and wounded in Springfield on Sunday, police said. Call "
             "217-788-8427 with information.")
    assert place_of(local) == "Illinois"
    # a desk's number beside world news: "Springfield" is left as open as the text leaves it
    abroad = local.replace("police said.", "police said. He had served in Kabul, Afghanistan.")
    assert place_of(abroad) != "Illinois"
