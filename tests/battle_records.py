"""Hand-built records of one battle as two pages report it, for ledger, store and export tests.

The first page retells the reference page's battle (Deir Ezzor, 7 February 2018) in our own
words, with its sources and figures; the second is a later page by another outlet.
"""

from __future__ import annotations

from claimledger.model import (
    Actor,
    Analysis,
    Attribution,
    Count,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Segment,
    Span,
    content_id,
)

FIRST_TEXT = (
    "Battle near Deir Ezzor\n\n"
    "More than 200 mercenaries, mostly Russians, died in a failed attack on February 7, "
    "Bloomberg reported. A U.S. official put the death toll at about 100, with 200 to 300 "
    "injured. Russia's Foreign Ministry acknowledged five Russian deaths. The result was over "
    "200 Russian mercenaries killed.\n\nBy A. Writer\n\n2 Comments\nThey lie."
)
SECOND_TEXT = (
    "Clash in Syria\n\n"
    "At least 215 fighters were killed near Deir Ezzor on Feb. 7, a monitoring group said."
)


def span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def deir_ezzor() -> PlaceCandidate:
    return PlaceCandidate(
        name="Deir ez-Zor",
        feature="admin1",
        country_code="SY",
        country="Syria",
        admin1="Deir ez-Zor",
        latitude=35.336,
        longitude=40.14,
        geonameid=170792,
    )


def first_analysis(text: str = FIRST_TEXT) -> Analysis:
    """The reference page's battle: killed more than 200 / about 100 / five Russians."""
    doc_id = content_id(text)
    body_end = text.index("\n\nBy A. Writer")
    document = Document(
        id=doc_id,
        text=text,
        segments=(
            Segment("title", 0, len("Battle near Deir Ezzor")),
            Segment("body", len("Battle near Deir Ezzor\n\n"), body_end),
            Segment("byline", text.index("By A. Writer"), text.index("By A. Writer") + 12),
            Segment("comments", text.index("2 Comments"), len(text)),
        ),
        input="pages/battle.txt",
        url="https://example.org/battle",
        outlet="Zero Hedge",
        byline="A. Writer",
        title="Battle near Deir Ezzor",
        published="2018-02-21",
        published_from="page",
        comment_count=2,
        version="0.1.0",
    )
    bloomberg = Attribution(
        id=f"{doc_id}-a1",
        content=span(text, "More than 200 mercenaries, mostly Russians, died in a failed attack"),
        direct=False,
        cue=span(text, "reported"),
        cue_class="report",
        source=span(text, "Bloomberg"),
        source_name="Bloomberg",
        source_kind="organization",
        chain=("Zero Hedge", "Bloomberg"),
    )
    official = Attribution(
        id=f"{doc_id}-a2",
        content=span(text, "the death toll at about 100, with 200 to 300 injured"),
        direct=False,
        cue=span(text, "put"),
        cue_class="estimate",
        source=span(text, "A U.S. official"),
        source_name="a U.S. official",
        source_kind="anonymous",
    )
    russia = Attribution(
        id=f"{doc_id}-a3",
        content=span(text, "five Russian deaths"),
        direct=False,
        cue=span(text, "acknowledged"),
        cue_class="acknowledge",
        source=span(text, "Russia's Foreign Ministry"),
        source_name="Russian Foreign Ministry",
        source_kind="organization",
    )
    figures = (
        Figure(
            id=f"{doc_id}-f1",
            span=span(text, "More than 200"),
            count=Count(low=200, high=None, low_inclusive=False, hedge="more_than"),
            measure="killed",
            measure_span=span(text, "died"),
            population="mercenaries, mostly Russians",
            population_span=span(text, "mercenaries, mostly Russians"),
            attribution_id=bloomberg.id,
            source_name="Bloomberg",
        ),
        Figure(
            id=f"{doc_id}-f2",
            span=span(text, "about 100"),
            count=Count(low=100, high=100, approximate=True, hedge="about"),
            measure="killed",
            measure_span=span(text, "death toll"),
            attribution_id=official.id,
            source_name="a U.S. official",
        ),
        Figure(
            id=f"{doc_id}-f3",
            span=span(text, "200 to 300"),
            count=Count(low=200, high=300, hedge="range"),
            measure="injured",
            measure_span=span(text, "injured"),
            attribution_id=official.id,
            source_name="a U.S. official",
        ),
        Figure(
            id=f"{doc_id}-f4",
            span=span(text, "five"),
            count=Count(low=5, high=5),
            measure="killed",
            measure_span=span(text, "deaths"),
            population="Russian",
            population_span=span(text, "Russian", text.index("five")),
            attribution_id=russia.id,
            source_name="Russian Foreign Ministry",
        ),
        Figure(
            id=f"{doc_id}-f5",
            span=span(text, "over 200"),
            count=Count(low=200, high=None, low_inclusive=False, hedge="more_than"),
            measure="killed",
            measure_span=span(text, "killed"),
            population="Russian mercenaries",
            population_span=span(text, "Russian mercenaries"),
        ),
    )
    date = DateMention(span=span(text, "February 7"), value="2018-02-07", rule="month-day")
    place = PlaceMention(span=span(text, "Deir Ezzor", 10), name="Deir Ezzor",
                         candidates=(deir_ezzor(),), resolved=deir_ezzor())
    event = Event(
        id=f"{doc_id}-e1",
        document_id=doc_id,
        trigger=span(text, "attack"),
        event_type="Battles",
        sub_event_type="Armed clash",
        sub_events=("Explosions/Remote violence",),
        date=date,
        place=place,
        actors=(
            Actor(name="Russian mercenaries", role="initiator",
                  span=span(text, "mercenaries, mostly Russians")),
            Actor(name="U.S.-backed forces", role="target"),
        ),
        figure_ids=tuple(f.id for f in figures),
        attribution_ids=(bloomberg.id, official.id, russia.id),
    )
    return Analysis(
        document=document,
        attributions=(bloomberg, official, russia),
        figures=figures,
        dates=(date,),
        places=(place,),
        events=(event,),
        version="0.1.0",
        model="en_core_web_sm-3.8.0",
    )


def second_analysis() -> Analysis:
    """A later page by another outlet: at least 215 fighters killed, by a monitoring group."""
    text = SECOND_TEXT
    doc_id = content_id(text)
    document = Document(
        id=doc_id,
        text=text,
        segments=(Segment("title", 0, 14), Segment("body", 16, len(text))),
        outlet="Example Wire",
        title="Clash in Syria",
        published="2018-02-23",
        published_from="user",
    )
    group = Attribution(
        id=f"{doc_id}-a1",
        content=span(text, "At least 215 fighters were killed near Deir Ezzor on Feb. 7"),
        direct=False,
        cue=span(text, "said"),
        cue_class="say",
        source=span(text, "a monitoring group"),
        source_name="a monitoring group",
        source_kind="anonymous",
    )
    figure = Figure(
        id=f"{doc_id}-f1",
        span=span(text, "At least 215"),
        count=Count(low=215, high=None, hedge="at_least"),
        measure="killed",
        measure_span=span(text, "killed"),
        population="fighters",
        population_span=span(text, "fighters"),
        attribution_id=group.id,
        source_name="a monitoring group",
    )
    date = DateMention(span=span(text, "Feb. 7"), value="2018-02-07", rule="month-day")
    place = PlaceMention(span=span(text, "Deir Ezzor"), name="Deir Ezzor",
                         candidates=(deir_ezzor(),), resolved=deir_ezzor())
    event = Event(
        id=f"{doc_id}-e1",
        document_id=doc_id,
        trigger=span(text, "killed"),
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date,
        place=place,
        figure_ids=(figure.id,),
        attribution_ids=(group.id,),
    )
    return Analysis(document=document, attributions=(group,), figures=(figure,), dates=(date,),
                    places=(place,), events=(event,), version="0.1.0", model="test")


def numbered_analysis(number: int) -> Analysis:
    """A distinct page (its own content id) with the first page's records."""
    return first_analysis(f"{FIRST_TEXT}\nComment {number}.")


def battle_link() -> EventLink:
    first, second = first_analysis().events[0], second_analysis().events[0]
    return EventLink(a=first.id, b=second.id, score=0.9,
                     signals={"date": 1.0, "place": 1.0, "type": 1.0, "text": 0.4})
