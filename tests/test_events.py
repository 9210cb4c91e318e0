"""Per-document event assembly on parsed sentences with hand-made dates, places and figures."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.tokens import Doc

from claimledger.events import assemble_events
from claimledger.exports.clusters import cluster_dates
from claimledger.extract.annotation import annotation
from claimledger.extract.places import is_location
from claimledger.model import (
    Count,
    DateMention,
    Document,
    Event,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Segment,
    Span,
    content_id,
)
from parsing import annotate

pytestmark = pytest.mark.model

SYRIA_PLACE = PlaceCandidate(
    name="Deir ez-Zor", feature="admin1", country_code="SY", country="Syria", admin1="Deir ez-Zor"
)
TEXT = (
    "On February 7, Russian mercenaries attacked a base held by U.S.-backed forces in the Deir "
    "Ezzor region. The coalition responded with artillery and airstrikes. More than 200 "
    "mercenaries were killed in the battle. "
    "On March 2, hundreds of protesters rallied in Moscow against the war."
)


def span_of(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle), needle)


def assemble() -> list[Event]:
    document = Document(id=content_id(TEXT), text=TEXT, segments=(Segment("body", 0, len(TEXT)),))
    doc = annotate(TEXT)
    dates = [
        DateMention(span=span_of("February 7"), value="2018-02-07"),
        DateMention(span=span_of("March 2"), value="2018-03-02"),
    ]
    places = [
        PlaceMention(
            span=span_of("Deir Ezzor"), name="Deir Ezzor", candidates=(SYRIA_PLACE,),
            resolved=SYRIA_PLACE,
        )
    ]
    figures = [
        Figure(id="f1", span=span_of("More than 200"),
               count=Count(low=200, high=None, low_inclusive=False),
               measure="killed"),
    ]
    return events_of(document, doc, figures=figures, dates=dates, places=places)


def events_of(
    document: Document,
    doc: Doc,
    *,
    figures: Sequence[Figure] = (),
    dates: Sequence[DateMention] = (),
    places: Sequence[PlaceMention] = (),
) -> list[Event]:
    """Events from the Doc's triggers (found by the components) and the records given by hand."""
    return assemble_events(
        document,
        triggers=annotation(doc).triggers,
        figures=figures,
        dates=dates,
        places=places,
        locations={p.span.start for p in places if is_location(p, doc)},
    ).events


def test_battle_with_air_and_artillery_parts_is_one_event() -> None:
    battle = assemble()[0]
    assert battle.event_type == "Battles"
    assert battle.sub_event_type == "Armed clash"
    assert "Explosions/Remote violence: Air/drone strike" in battle.sub_events
    assert "Explosions/Remote violence: Shelling/artillery/missile attack" in battle.sub_events


def test_event_takes_date_place_actors_and_figures_of_its_sentences() -> None:
    battle = assemble()[0]
    assert battle.date is not None and battle.date.value == "2018-02-07"
    assert battle.place is not None and battle.place.resolved == SYRIA_PLACE
    roles = {(a.name, a.role) for a in battle.actors}
    assert ("Russian mercenaries", "initiator") in roles
    assert ("U.S.-backed forces", "target") in roles
    assert battle.figure_ids == ("f1",)


def test_a_protest_on_another_date_is_a_separate_event() -> None:
    events = assemble()
    assert [e.event_type for e in events] == ["Battles", "Protests"]
    assert events[1].date is not None and events[1].date.value == "2018-03-02"
    assert events[1].figure_ids == ()


def test_offsets_point_into_the_document_text() -> None:
    for event in assemble():
        assert TEXT[event.trigger.start : event.trigger.end] == event.trigger.text


def test_since_a_date_does_not_split_the_event() -> None:
    text = "Rebels attacked the base on March 9. The fighting was the heaviest since January."
    document = Document(id=content_id(text), text=text, segments=(Segment("body", 0, len(text)),))
    doc = annotate(text)

    def at(needle: str, value: str, granularity: str = "day") -> DateMention:
        start = text.index(needle)
        return DateMention(
            span=Span(start, start + len(needle), needle), value=value,
            granularity=granularity,  # type: ignore[arg-type]
        )

    dates = [at("March 9", "2024-03-09"), at("January", "2024-01", "month")]
    events = events_of(document, doc, dates=dates)
    assert len(events) == 1 and events[0].date == dates[0]


def local_event(text: str, dates: Sequence[tuple[str, ...]], published: str) -> Event:
    """The first event of a local report, with date mentions (words, value, rule and, where not
    a day, granularity) by hand."""
    document = Document(
        id=content_id(text), text=text, segments=(Segment("body", 0, len(text)),),
        published=published,
    )
    mentions = []
    for words, value, rule, *granularity in dates:
        start = text.index(words)
        mentions.append(
            DateMention(span=Span(start, start + len(words), words), value=value, rule=rule,
                        granularity=granularity[0] if granularity else "day")  # type: ignore[arg-type]
        )
    return events_of(document, annotate(text), dates=mentions)[0]


# (report, dates found in it, the event's date); published on Monday 2016-01-11.
LOCAL_DATES = [
    ("A man was shot and killed early Sunday, police said.",
     [("Sunday", "2016-01-10", "weekday-before-publication")], "2016-01-10"),
    ("A man was shot and killed, police said.", [], "2016-01-11"),  # the paper's own day
    ("A man was killed in a shooting, police said. It happened about 11 p.m. Saturday.",
     [("Saturday", "2016-01-09", "weekday-before-publication")], "2016-01-09"),
    ("A man was killed in a shooting Saturday. His funeral is planned for Thursday.",
     [("Saturday", "2016-01-09", "weekday-before-publication"),
      ("Thursday", "2016-01-14", "weekday-after-publication")], "2016-01-09"),
    ("A man shot Saturday was arraigned Monday in a courtroom.",
     [("Saturday", "2016-01-09", "weekday-before-publication"),
      ("Monday", "2016-01-11", "weekday-publication-day")], "2016-01-09"),
    # a follow-up: the shooting is the first of the days the report gives it, however often
    # the report repeats the day of its news
    ("Two men pleaded guilty today to the Dec. 28 shooting that wounded four people. The "
     "judge will sentence them today.",
     [("today", "2016-01-11", "publication-day"),
      ("Dec. 28", "2015-12-28", "partial-year-from-publication"),
      ("today.", "2016-01-11", "publication-day")], "2015-12-28"),
    ("Two men pleaded guilty today to the shooting that wounded four people. The judge will "
     "sentence them today.",
     [("today", "2016-01-11", "publication-day"),
      ("today.", "2016-01-11", "publication-day")], "2016-01-11"),
    ("A woman wounded in a shooting late Friday died on Sunday, police said.",
     [("Friday", "2016-01-08", "weekday-before-publication"),
      ("Sunday", "2016-01-10", "weekday-before-publication")], "2016-01-08"),
    # the day of a statement dates the statement; the attack is no later than it
    ("Authorities Sunday said two people were killed in a shooting. Officers were called "
     "about 10 p.m. Saturday.",
     [("Sunday", "2016-01-10", "weekday-before-publication"),
      ("Saturday", "2016-01-09", "weekday-before-publication")], "2016-01-09"),
    ("Two people were killed in a shooting, authorities said Sunday afternoon.",
     [("Sunday afternoon", "2016-01-10", "weekday-before-publication")], "2016-01-10"),
    ("The coroner on Sunday identified the man killed in the shooting. Officers found him "
     "about 2 a.m. Saturday.",
     [("Sunday", "2016-01-10", "weekday-before-publication"),
      ("Saturday", "2016-01-09", "weekday-before-publication")], "2016-01-09"),
    ("Police said in a news release Thursday afternoon that a man was shot and killed. "
     "Officers were called about 11 p.m. Wednesday.",
     [("Thursday afternoon", "2016-01-07", "weekday-before-publication"),
      ("Wednesday", "2016-01-06", "weekday-before-publication")], "2016-01-06"),
    ("The police chief told reporters Sunday morning that a man was shot and killed. "
     "Officers were called about 11 p.m. Saturday.",
     [("Sunday morning", "2016-01-10", "weekday-before-publication"),
      ("Saturday", "2016-01-09", "weekday-before-publication")], "2016-01-09"),
    # a page's stamp and an embedded post's day date the page and the post
    ("Suspect arrested in club shooting Posted: Saturday, Jan. 9, 2016 10:24 AM\nA man was "
     "shot and killed at the club, police said. It happened about 2 a.m. Thursday.",
     [("Saturday, Jan. 9, 2016", "2016-01-09", "absolute"),
      ("Thursday", "2016-01-07", "weekday-before-publication")], "2016-01-07"),
    ("A boy was shot and killed at a gathering — Tony Cook (@indystartony) January 10, 2016. "
     "Officers were called about 11 p.m. Friday.",
     [("January 10, 2016", "2016-01-10", "absolute"),
      ("Friday", "2016-01-08", "weekday-before-publication")], "2016-01-08"),
    # a weekday after the page's date tells how things stood when the page was updated
    ("A man was shot and killed, police said. The second man shot was in stable condition "
     "Tuesday morning.",
     [("Tuesday morning", "2016-01-12", "weekday-day-after-publication")], "2016-01-11"),
    # a day of a state of things or the end of a running total dates no event
    ("A man was shot and killed, police said. The second man shot was in stable condition as "
     "of Sunday.",
     [("Sunday", "2016-01-10", "weekday-before-publication")], "2016-01-11"),
    ("A man was shot and killed, police said. The second man shot was in stable condition on "
     "Sunday.",
     [("Sunday", "2016-01-10", "weekday-before-publication")], "2016-01-10"),
    ("A man was shot and killed, police said. The city has had 312 shootings through Jan. 3.",
     [("Jan. 3", "2016-01-03", "partial-year-from-publication")], "2016-01-11"),
    # a weekend narrowed to the day in it that the report gives
    ("Police arrested a boy in a fatal weekend shooting. Officers were called to the house "
     "about 11 p.m. Saturday.",
     [("weekend", "2016-01-04", "weekend-before-publication", "week"),
      ("Saturday", "2016-01-09", "weekday-before-publication")], "2016-01-09"),
    ("Police arrested a boy in a fatal weekend shooting. Officers had been called to the house "
     "on Sunday, Jan. 3.",
     [("weekend", "2016-01-04", "weekend-before-publication", "week"),
      ("Sunday, Jan. 3", "2016-01-03", "absolute")], "2016-01-04"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dates", "expected"), LOCAL_DATES)
def test_a_local_report_dates_the_shooting_not_what_followed(
    text: str, dates: Sequence[tuple[str, ...]], expected: str
) -> None:
    event = local_event(text, dates, published="2016-01-11")
    assert event.date is not None and event.date.value == expected


def test_the_publication_day_stands_in_only_where_nothing_dates_the_event() -> None:
    event = local_event("A man was shot and killed, police said.", [], published="2016-01-11")
    assert event.date is not None and event.date.rule == "publication-date"
    undated = local_event("A man was shot and killed, police said.", [], published="")
    assert undated.date is None


def headline_document(headline: str, body: str) -> Document:
    """A page of a headline and a body, published on Monday 2016-01-11."""
    text = f"{headline}\n\n{body}"
    return Document(
        id=content_id(text), text=text, title=headline, published="2016-01-11",
        segments=(Segment("title", 0, len(headline)),
                  Segment("body", len(headline) + 2, len(text))),
    )


# (headline, the day of its event); the body gives no day; published on Monday 2016-01-11
HEADLINE_DAYS = [
    # a report that says who was shot is written once the victim is known: the day before
    ("Police identify woman killed in shooting", "2016-01-10", "publication-date-day-before"),
    ("Woman killed in shooting is identified", "2016-01-10", "publication-date-day-before"),
    ("Teens ID’d in double fatal shooting", "2016-01-10", "publication-date-day-before"),
    ("Woman killed in shooting", "2016-01-11", "publication-date"),
]


@pytest.mark.parametrize(("headline", "expected", "rule"), HEADLINE_DAYS)
def test_a_report_that_gives_no_day_stands_in_its_page_date_or_the_day_before(
    headline: str, expected: str, rule: str
) -> None:
    document = headline_document(headline, "A woman was shot and killed, police said.")
    event = events_of(document, annotate(document.text))[0]
    assert event.date is not None and (event.date.value, event.date.rule) == (expected, rule)
    dates = cluster_dates([event])
    assert dates is not None and not dates.from_text  # a stand-in day is no day of the text


def report_event(text: str) -> Event:
    """The first event of a one-paragraph local report published on Monday 2016-01-11, through
    the whole pipeline (dates, places and harm found by the components)."""
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    document = Document(
        id=content_id(text), text=text, segments=(Segment("body", 0, len(text)),),
        published="2016-01-11",
    )
    return analyse(document, load_nlp()).events[0]


@pytest.mark.model
def test_a_name_a_large_us_town_bears_is_no_part_of_another_large_town() -> None:
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    # Birmingham is not placed in Columbus, the station's town in the site's name, as a
    # neighbourhood: Birmingham, Alabama, is a large town itself
    document = headline_document(
        "Birmingham police investigate shooting - WTVM.com-Columbus, GA News Weather",
        "Birmingham police are investigating after a teen was shot on Sunday night.",
    )
    place = analyse(document, load_nlp()).events[0].place
    assert place is not None and place.name == "Birmingham"
    assert place.resolved is None or place.resolved.name != "Columbus"


# (report, the event's date); each with a near miss after it.
REPORT_DATES = [
    # the date after the event's word in its sentence: the shooting's, not the charge's
    ("A 16-year-old was charged Saturday in a fatal shooting at a store on Thursday.",
     "2016-01-07"),
    ("A 16-year-old was charged Saturday in a fatal shooting at a store.", "2016-01-09"),
    # ... unless the date stands right before the word and the one after is far off
    ("The death toll from Saturday's attack on the army base has risen to 62, the health "
     "ministry said on Monday.", "2016-01-09"),
    ("The death toll from the attack on the army base has risen to 62, the health ministry "
     "said on Monday.", "2016-01-11"),
    # a month narrowed to the day written next to the sentences saying who was hurt
    ("A teen who accidentally shot himself during a December robbery is now facing charges. "
     "Police say he robbed a man of $300 near the park on Dec. 18. During the robbery, he "
     "accidentally shot himself. He then called 911 using the victim's phone, and officers "
     "found him bleeding in the street a few blocks from the park where the robbery had taken "
     "place that night. He has been charged with armed robbery and aggravated assault.",
     "2015-12-18"),
    # a death's sentence that dates the wound too: the wound's day, within a week before
    ("Amos Rudd, 57, died Sunday from his injuries suffered Saturday night, police said.",
     "2016-01-09"),
    ("Amos Rudd, 57, died Sunday from injuries suffered Dec. 20, police said.", "2016-01-10"),
    # a death's day alone is no earlier than the attack: a day next to it dates the attack
    ("A boy shot himself in the face. He was taken to the hospital Sunday in unknown "
     "condition. He died on Monday.", "2016-01-10"),
    ("A boy shot himself in the face. He died on Monday.", "2016-01-11"),
    # the sentences that say who was shot date the event too
    ("A boy is dead after being shot Friday evening in his car. The shooting came after a "
     "fight on Saturday.", "2016-01-08"),
    ("A car was damaged Friday evening. The shooting came after a fight on Saturday.",
     "2016-01-09"),
    # a follow-up takes the day its text gives the shooting over the day of its news ...
    ("A 19-year-old man was charged Monday with murder. Police said he fatally shot John Smith, "
     "24, at a party on Jan. 2.", "2016-01-02"),
    ("A 19-year-old man was wanted Monday for murder. Police said he fatally shot John Smith, "
     "24, at a party on Jan. 2.", "2016-01-11"),
    # ... and over the day of an arrest in the shooting
    ("Police arrested an Arkansas man Thursday in the shooting death of a 17-year-old boy. The "
     "boy was shot and killed in front of his home on Jan. 2.", "2016-01-02"),
    ("Police questioned an Arkansas man Thursday in the shooting death of a 17-year-old boy. "
     "The boy was shot and killed in front of his home on Jan. 2.", "2016-01-07"),
    # ... while a first report that recalls an earlier shooting keeps its own day
    ("A man was shot and killed Sunday. Police said another man was shot dead on Jan. 2 a block "
     "away.", "2016-01-10"),
    # a day whose possessive names what followed dates that, not the shooting
    ("A girl, 9, and her grandmother were shot by the couple, according to prosecutors during "
     "Saturday afternoon's bond hearing.", "2016-01-11"),
    ("A girl, 9, and her grandmother were shot by the couple in Saturday afternoon's attack, "
     "according to prosecutors.", "2016-01-09"),
    ("A girl, 9, and her grandmother were shot by the couple. A Jan. 28 court date was set.",
     "2016-01-11"),
]  # fmt: skip


QUIET = "Neighbors said the block had been quiet for years. " * 12


# Reports whose lede and later sentences give different days (QUIET keeps the later ones past
# LEDE_CHARS).
LEDE_DATES = [
    # a day that opens a sentence past the lede tells of another incident the report recalls
    ("Seven people were wounded in a shooting in Kensington, police said. " + QUIET
     + "It was the second time in three days that several people were shot in the city. "
     "On Saturday, ten people were shot at a party.", "2016-01-11"),
    # in the lede it dates the report's own
    ("On Saturday, seven people were wounded in a shooting in Kensington, police said. "
     + QUIET, "2016-01-09"),
    # a month past the lede is an older story's; the lede's day relative to the page dates
    # the report's own shooting
    ("Four men shot Saturday evening on the city's southwest side are expected to recover. "
     + QUIET + "One of them was wounded in the Genesee Street shooting in August 2015.",
     "2016-01-09"),
    # "no one has been arrested" is no news of an arrest: still a first report
    ("Four men shot Saturday evening on the city's southwest side are expected to recover. "
     + QUIET + "One of them was wounded in the Genesee Street shooting in August 2015. No one "
     "has been arrested.", "2016-01-09"),
    # where the lede gives no day, the month stands
    ("Four men who were shot on the city's southwest side are expected to recover. "
     + QUIET + "One of them was wounded in the Genesee Street shooting in August 2015.",
     "2015-08"),
    # ... and in a report of what followed too, where the lede's day is of who was shot
    # ("vigil" makes it one)
    ("A 22-year-old man was fatally shot Thursday night at a vigil for a man killed in 2014, "
     "police said. " + QUIET + "That man was found shot dead on Jan. 4, 2014.", "2016-01-07"),
    ("Police held a news conference Thursday night at a vigil for a man killed in 2014. "
     + QUIET + "That man was found shot dead on Jan. 4, 2014.", "2014-01-04"),
    # and in a report of what followed, the lede's day is that news, not the shooting's
    ("A Rochester man appeared before a judge Saturday, the prosecutor's office said. "
     + QUIET + "He pleaded not guilty to wounding four men in the Genesee Street shooting in "
     "August 2015.", "2015-08"),
    # in a first report, an earlier day past the lede is what came before the shooting
    ("Four people were shot Saturday evening at a party on Elm Street, police said. " + QUIET
     + "The shooting followed a fight at the house on Friday night.", "2016-01-09"),
    # in a report of what followed, the earlier day is the shooting's
    ("A man appeared before a judge Saturday evening, the prosecutor's office said. " + QUIET
     + "He pleaded not guilty to a shooting on Elm Street on Jan. 2.", "2016-01-02"),
    # ... but not a day that opens a sentence past the lede: another incident it recalls
    ("Two brothers are charged in connection to a shooting that left a 3-year-old boy in "
     "critical condition. " + QUIET + "The incident happened at East Grand and Blair at 8 p.m. "
     "Saturday. This is the second case in a week a 3-year-old has been shot riding in a car. "
     "On Jan. 4, a 3-year-old girl was grazed by a bullet after a road rage incident led to "
     "gunfire.", "2016-01-09"),
]  # fmt: skip


# Reports with a sentence that says when the shooting happened ("It happened around 1 p.m.
# Sunday"): its day over the others the report's sentences give.
OCCURRENCE_DATES = [
    ("A boy was shot on Elm Street, and a man was wounded on Friday on Oak Street. The "
     "shooting happened around 10:45 p.m. Saturday on Elm, police said.", "2016-01-09"),
    # another shooting's day is no day of the report's own
    ("A boy was shot on Elm Street, and a man was wounded on Friday on Oak Street. Another "
     "shooting happened around 10:45 p.m. Saturday, police said.", "2016-01-08"),
    ("A 4-year-old boy was accidentally shot. It happened around 1 p.m. Sunday near the 4900 "
     "block of 60th Street. The mother was arrested and the case will be reviewed later this "
     "week.", "2016-01-10"),
    # "what happened" is no sentence about when
    ("A man was shot on Friday on Oak Street. What happened Saturday is still fresh on the "
     "minds of many, neighbors said.", "2016-01-08"),
    # of a night that ran into the next, the day after midnight
    ("Two men were wounded in a shooting on Friday. The shooting happened overnight Saturday "
     "into Sunday, police said.", "2016-01-10"),
]  # fmt: skip


# Reports that tell the day of a shooting with its clock time ("shot about 1:25 a.m. Sunday"):
# that day over the others of the sentences that say who was hurt.
CLOCK_DATES = [
    ("A boy was wounded in a shooting in East Oakland, police said. The boy was shot about 1:25 "
     "a.m. Sunday in the 1600 block of 36th Avenue. A man was shot on Friday in the 2000 block "
     "of Foothill Boulevard.", "2016-01-10"),
    # the time of a death or of a call is not the shooting's
    ("A man was shot on Saturday on Elm Street. He was shot in the neck and pronounced dead at "
     "12:33 a.m. Sunday.", "2016-01-09"),
    ("Police received a call from the hospital at 3:38 a.m. Sunday that a boy had been shot. "
     "The boy was shot on Saturday night.", "2016-01-09"),
    # the clock time of the police's response dates the shooting too
    ("A juvenile died after an apparent accidental shooting. On Jan. 6 at approximately 10 "
     "p.m., police responded to a home on Elm Street. On Jan. 8, the juvenile was pronounced "
     "dead.", "2016-01-06"),
    ("A juvenile died after an apparent accidental shooting. On Jan. 6, police responded to a "
     "home on Elm Street. On Jan. 8, the juvenile was pronounced dead.", "2016-01-08"),
    # the shots' clock time, where the day the event's sentences give is an arrest's
    ("A man was charged Friday in the killing of a toddler. The gun discharged accidentally "
     "shortly after 3 p.m. Thursday, investigators said.", "2016-01-07"),
    ("A man was charged Friday in the killing of a toddler. The gun was sold shortly after 3 "
     "p.m. Thursday, investigators said.", "2016-01-08"),
    # a dateline's own day dates the page, not the shooting
    ("JAY COUNTY, Ind. (Jan. 11, 2016)— A 15-year-old boy was accidentally shot by a friend "
     "while hunting deer. The boy was flown to a hospital in Fort Wayne on Sunday evening.",
     "2016-01-10"),
    ("JAY COUNTY, Ind. (Jan. 11, 2016)— A 15-year-old boy was accidentally shot by a friend "
     "while hunting deer. Officers were called to a home in Portland, Ind. just after 4:30 p.m. "
     "Sunday.", "2016-01-10"),
    # ... and the clock time of the gunshots heard, or of the bodies found
    ("A man was found shot to death on Monday, police said. Neighbors heard gunshots around 8 "
     "p.m. Sunday.", "2016-01-10"),
    ("A man was found shot to death on Monday, police said. Neighbors left flowers around 8 "
     "p.m. Sunday.", "2016-01-11"),
    ("A family of four was found dead in their home on Monday in a murder-suicide, police "
     "said. Family members made the discovery about 10 p.m. Sunday.", "2016-01-10"),
    # hearing shots is no court's hearing
    ("Classes were canceled Monday after a student was found shot in the school parking lot. "
     "Reports about hearing gun shots were made just after 3 p.m. on Jan. 8.", "2016-01-08"),
    # "since" a clock time and a day bounds a span: it dates no shooting
    ("Since 10 p.m. Friday night, 11 people have been shot in the city. Two men were killed in "
     "a shooting early Saturday morning.", "2016-01-09"),
    ("At 10 p.m. Friday night, 11 people were shot in the city. Two men were killed in a "
     "shooting early Saturday morning.", "2016-01-08"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), REPORT_DATES + LEDE_DATES + OCCURRENCE_DATES + CLOCK_DATES
)
def test_a_report_dates_the_event_by_the_words_of_what_happened(text: str, expected: str) -> None:
    event = report_event(text)
    assert event.date is not None and event.date.value == expected


# (report, the event's place as written, its admin-1); each with a near miss after it.
REPORT_PLACES = [
    # the document's places stand in where the event's sentences name none
    ("A toddler was shot Monday night. The girl's grandmother, of Elgin, Ill., was charged.",
     "Elgin", "Illinois"),
    ("A toddler was shot Monday night. The girl's grandmother was charged.", None, None),
    # a state narrowed to a town in it that the report names anywhere
    ("A man was killed in a shooting in Missouri on Thursday. The victim lived in Kansas City.",
     "Kansas City", "Missouri"),
    ("A man was killed in a shooting in Missouri on Thursday.", "Missouri", "Missouri"),
    # a neighbourhood of a large city whose police investigate: the city
    ("SOUTH SHORE — Chicago police are investigating a shooting that wounded six people on "
     "Sunday.", "Chicago", "Illinois"),
    ("SOUTH SHORE — Police are investigating a shooting that wounded six people on Sunday.",
     "SOUTH SHORE", "Illinois"),
    # a name whose far largest namesake is a US town: that town, even where a unit abroad
    # (a parish of Saint Vincent) or a county of the same stem shares it
    ("A teen was accidentally shot in northwest Charlotte on Friday, police said.",
     "Charlotte", "North Carolina"),
    ("A teen was accidentally shot in Springfield on Friday, police said.", "Springfield", None),
    # the state the report's places lie in most often holds the event, not a station's town
    ("A man was shot and killed at a night club in Chesterfield County, S.C., early Sunday. "
     "His family told WSOC-TV in Charlotte that he had broken up a fight.",
     "Chesterfield County", "South Carolina"),
    ("A man was shot and killed at a night club in Chesterfield County early Sunday. His "
     "family told WSOC-TV in Charlotte that he had broken up a fight.",
     "Charlotte", "North Carolina"),
    # a dateline's state after the outlet, with no dash
    ("BLUFFTON, Ind. (WANE) A man was killed Tuesday night in what Bluffton police believe "
     "was an accident.", "Bluffton", "Indiana"),
    ("BLUFFTON (WANE) A man was killed Tuesday night in what Bluffton police believe was an "
     "accident.", "Bluffton", None),
    # a report that reads as US local news (the town's own police, an address as a block, a
    # sheriff) leaves namesakes abroad out: the largest US one by a clear margin
    ("Lodi police said a 7-year-old girl was struck by a bullet Sunday after a gun was "
     "accidentally discharged.", "Lodi", "California"),
    ("A 7-year-old girl was struck by a bullet in Lodi on Sunday after a gun was accidentally "
     "discharged.", "Lodi", None),
    ("A boy was shot in the leg Wednesday in the 500 block of South Pacific Avenue in Santa "
     "Ana.", "Santa Ana", "California"),
    ("A boy was shot in the leg Wednesday on South Pacific Avenue in Santa Ana.", "Santa Ana",
     None),
    ("A 17-year-old was shot in the neck in a drive-by shooting Sunday evening, Birmingham "
     "police said.", "Birmingham", "Alabama"),
    # ... never where the report settles a place abroad
    ("A man was shot dead in Toledo on Sunday, Toledo police said. He had moved there from "
     "Madrid.", "Toledo", None),
    # a small town in the county of the large city the dateline names: the city
    ("DAYTON, Ohio (WDTN) – A man is dead after he was shot in Trotwood on Tuesday.", "DAYTON",
     "Ohio"),
    ("A man is dead after he was shot in Trotwood on Tuesday.", "Trotwood", "Ohio"),
    # a town a hospital stands in is where the wounded were taken, not where they were hurt
    ("Four people were wounded in a shooting on Wednesday night and taken to a hospital in "
     "Walnut Creek, Vallejo police said.", "Vallejo", "California"),
    ("Four people were wounded in a shooting on Wednesday night in Walnut Creek, Vallejo police "
     "said.", "Walnut Creek", "California"),
    # a far namesake of a part of the city whose police investigate: that part of the city
    ("A shooting in Austin killed one teen and wounded five people on Friday afternoon, "
     "Chicago police said.", "Austin", "Illinois"),
    ("A shooting in Austin killed one teen and wounded five people on Friday afternoon, police "
     "said.", "Austin", "Texas"),
    ("A man was shot and killed in Hammond, Ind., on Friday afternoon, Chicago police said.",
     "Hammond", "Indiana"),
    # the town the event's sentence names, not the county nearer its word nor the dateline
    ("CHIPPEWA FALLS — Chippewa County deputies are investigating a shooting that wounded a "
     "man Thursday night near Cadott.", "Cadott", "Wisconsin"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "admin1"), REPORT_PLACES)
def test_a_report_places_the_event_where_the_text_says(
    text: str, name: str | None, admin1: str | None
) -> None:
    place = report_event(text).place
    assert (place.name if place else None) == name
    resolved = place.resolved if place else None
    assert (resolved.admin1 if resolved else None) == admin1


@pytest.mark.parametrize(
    ("title", "admin1"),
    [
        ("Child accidentally shot in Marion County - WDAM-TV 7-News, Weather, "
         "Sports-Hattiesburg, MS", "Mississippi"),
        ("Child accidentally shot in Marion County", None),
        # a state named as words of the site's name
        ("Child accidentally shot in Marion County - WALB.com, South Georgia News, Weather, "
         "Sports", "Georgia"),
    ],
)  # fmt: skip
def test_a_site_name_after_the_headline_is_the_sites_home(title: str, admin1: str | None) -> None:
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    # "Marion County" is in eighteen states; the site's name places the station in Mississippi
    body = ("A child was accidentally shot in Marion County Wednesday night, according to the "
            "Marion County Sheriff's Department.")
    text = f"{title}\n\n{body}"
    document = Document(
        id=content_id(text), text=text, published="2016-11-17",
        segments=(Segment("title", 0, len(title)), Segment("body", len(title) + 2, len(text))),
    )
    place = analyse(document, load_nlp()).events[0].place
    assert place is not None and place.name == "Marion County"
    assert (place.resolved.admin1 if place.resolved else None) == admin1


def test_an_age_written_as_a_number_does_not_hide_the_tally_of_the_wounded() -> None:
    from claimledger.model import Document, Segment, content_id
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse

    # "his son, 7" is read as a stated 7 wounded; an age, it says nothing of how many, so the
    # tally of the one wounded boy still stands
    text = ("A father fatally shot his 1-year-old daughter and wounded his son, 7, before "
            "turning the gun on himself, deputies said.")
    document = Document(id=content_id(text), text=text, published="2016-07-27",
                        segments=(Segment("body", 0, len(text)),))
    analysis = analyse(document, load_nlp())
    tallies = {(f.measure, f.population): f.count.low for f in analysis.figures
               if f.rule == "people.v1"}
    assert tallies.get(("injured", None)) == 1
    assert tallies.get(("killed", None)) == 2


def test_a_day_opens_an_aside_a_few_paragraphs_down() -> None:
    from claimledger.events import _opens_an_aside

    lede = "Five people were wounded early Saturday morning in a drive-by shooting.\n\n"
    aside = "On Jan. 4, two men were shot when gunfire broke out at the same corner."
    for filler, expected in ((7, True), (0, False)):
        text = lede + "Neighbors said the block had been quiet for years. " * filler + aside
        start = text.index("Jan. 4")
        day = DateMention(span=Span(start, start + 6, "Jan. 4"), value="2016-01-04",
                          rule="partial-year-from-publication")
        assert _opens_an_aside(day, text) is expected
