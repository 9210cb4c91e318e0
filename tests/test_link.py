"""Cross-document linking on hand-built events: what links, what never does, and why."""

from __future__ import annotations

import msgspec

from claimledger.link import compare_events, link_events
from claimledger.link_features import FEATURES
from claimledger.model import (
    Actor,
    DateMention,
    Document,
    Event,
    PlaceCandidate,
    PlaceMention,
    Span,
    content_id,
)

GOMA = PlaceCandidate(
    name="Goma", feature="city", country_code="CD", country="Democratic Republic of the Congo",
    admin1="North Kivu", latitude=-1.68, longitude=29.23,
)
NAIROBI = PlaceCandidate(
    name="Nairobi", feature="city", country_code="KE", country="Kenya", admin1="Nairobi Area",
)


def page(text: str, title: str) -> Document:
    return Document(id=content_id(text), text=text, title=title)


def event(
    document: Document,
    word: str,
    day: str | None,
    place: PlaceCandidate | None,
    event_type: str = "Battles",
    actors: tuple[str, ...] = (),
) -> Event:
    start = document.text.index(word)
    trigger = Span(start, start + len(word), word)
    return Event(
        id=f"{document.id}:{start}",
        document_id=document.id,
        trigger=trigger,
        event_type=event_type,
        date=DateMention(span=trigger, value=day) if day else None,
        place=PlaceMention(span=trigger, name=place.name, candidates=(place,), resolved=place)
        if place
        else None,
        actors=tuple(Actor(name=a, role="initiator") for a in actors),
    )


WIRE = page(
    "Rebels of the Northern Ridge Movement attacked an army base near Goma on Saturday, "
    "killing at least 40 people, the governor said.",
    "Dozens killed as rebels attack army base near Goma",
)
DAILY = page(
    "The death toll from Saturday's attack by the Northern Ridge Movement on the army base "
    "near Goma rose to 62, the health ministry said.",
    "Goma attack death toll rises to 62",
)
PROTEST = page(
    "Police arrested 30 people in Nairobi as protesters marched against fuel prices.",
    "Police arrest 30 in Nairobi fuel price protest",
)
DOCUMENTS = {d.id: d for d in (WIRE, DAILY, PROTEST)}
NRM = ("Northern Ridge Movement",)


def test_same_attack_reported_by_two_outlets_is_linked_with_its_signals() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA, actors=NRM)
    b = event(DAILY, "attack", "2024-03-09", GOMA, actors=NRM)
    [link] = link_events([a, b], DOCUMENTS)
    assert {link.a, link.b} == {a.id, b.id}
    assert link.signals["same_day"] == 1.0 and link.signals["place"] == 1.0
    assert link.signals["text"] > 0.1
    assert set(link.signals) == set(FEATURES)


def test_events_weeks_apart_are_not_linked() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA)
    b = event(DAILY, "attack", "2024-04-20", GOMA)
    assert link_events([a, b], DOCUMENTS) == []


def dated_by(found: Event, rule: str) -> Event:
    assert found.date is not None
    return msgspec.structs.replace(found, date=msgspec.structs.replace(found.date, rule=rule))


def test_calendar_days_the_texts_write_months_apart_keep_events_apart() -> None:
    # "the March 9 attack" and "the June 20 attack", read against their pages' dates
    apart = [event(WIRE, "attacked", "2024-03-09", GOMA, actors=NRM),
             event(DAILY, "attack", "2024-06-20", GOMA, actors=NRM)]
    written = [dated_by(e, "partial-year-from-publication") for e in apart]
    assert len(compare_events(written, DOCUMENTS).a) == 0
    # a weekday read against a follow-up's date may be months after the event: weighed only
    weekdays = [dated_by(e, "weekday-before-publication") for e in apart]
    assert len(compare_events(weekdays, DOCUMENTS).a) == 1


def test_events_in_different_countries_are_not_linked() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA)
    b = event(DAILY, "attack", "2024-03-09", NAIROBI)
    assert link_events([a, b], DOCUMENTS) == []


# Pinetown, North Carolina is too small for the gazetteer; its namesake near Durban is not.
PINETOWN_ZA = PlaceCandidate(
    name="Pinetown", feature="city", country_code="ZA", country="South Africa",
    admin1="KwaZulu-Natal", population=144_026,
)
BEAUFORT = PlaceCandidate(
    name="Beaufort County", feature="admin2", country_code="US", country="United States",
    admin1="North Carolina",
)
NEWS_AT_SIX = page(
    "A 6-year-old girl was shot and killed by her 11-year-old cousin in Pinetown on Tuesday, "
    "the Beaufort County Sheriff's Office said. Deputies said the boy had found the shotgun.",
    "Deputies: girl, 6, shot and killed by cousin, 11, in Pinetown",
)
SHERIFF = page(
    "The Beaufort County Sheriff's Office said a 6-year-old girl was shot and killed on Tuesday "
    "when her cousin, 11, showed her a shotgun he had found in a Pinetown home.",
    "Sheriff: girl, 6, shot and killed as cousin, 11, showed her shotgun",
)


def test_a_small_town_abroad_does_not_keep_a_local_report_apart() -> None:
    documents = {d.id: d for d in (NEWS_AT_SIX, SHERIFF)}
    a = event(NEWS_AT_SIX, "killed", "2017-01-03", PINETOWN_ZA)
    b = event(SHERIFF, "killed", "2017-01-03", BEAUFORT)
    [link] = link_events([a, b], documents)
    assert link.signals["place_conflict"] == 1.0
    # a city of unknown size (or a large one) holds its country firmly
    goma = event(NEWS_AT_SIX, "killed", "2017-01-03", GOMA)
    assert link_events([goma, b], documents) == []


def test_a_protest_is_not_linked_to_a_battle() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA)
    b = event(PROTEST, "protesters", "2024-03-09", GOMA, event_type="Protests")
    assert link_events([a, b], DOCUMENTS) == []


def test_two_events_of_one_document_are_never_linked() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA)
    b = event(WIRE, "killing", "2024-03-09", GOMA)
    assert link_events([a, b], DOCUMENTS) == []


def test_undated_event_links_on_place_and_text() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA, actors=NRM)
    b = event(DAILY, "attack", None, GOMA, actors=NRM)
    [link] = link_events([a, b], DOCUMENTS)
    assert link.signals["same_day"] == 0.0 and link.signals["gap"] == 0.0


def test_links_do_not_depend_on_input_order() -> None:
    a = event(WIRE, "attacked", "2024-03-09", GOMA, actors=NRM)
    b = event(DAILY, "attack", "2024-03-10", GOMA, actors=NRM)
    assert link_events([a, b], DOCUMENTS) == link_events([b, a], DOCUMENTS)
