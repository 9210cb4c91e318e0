"""Event triggers and their ACLED types, on real-world news phrasing."""

from __future__ import annotations

import pytest

from claimledger.extract.triggers import find_triggers
from parsing import parse, within

pytestmark = pytest.mark.model

TYPED = [
    ("Rebels attacked an army base outside Goma.", "attacked", "Battles", "Armed clash"),
    ("Clashes between the army and rebels left 10 dead.", "Clashes", "Battles", "Armed clash"),
    ("Gunmen ambushed a military convoy near Kidal.", "ambushed", "Battles", "Armed clash"),
    ("Israeli air strikes hit Gaza overnight.", "air strikes", "Explosions/Remote violence",
     "Air/drone strike"),
    ("A drone strike killed three militants.", "drone strike", "Explosions/Remote violence",
     "Air/drone strike"),
    ("Russian forces shelled the town for a third day.", "shelled",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("The coalition responded with artillery.", "artillery", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A suicide bombing at a checkpoint killed five.", "suicide bombing",
     "Explosions/Remote violence", "Suicide bomb"),
    ("A roadside bomb hit a patrol.", "roadside bomb", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("Gunmen attacked a market, killing 12 villagers.", "attacked", "Violence against civilians",
     "Attack"),
    ("Armed men kidnapped 20 students from a school.", "kidnapped",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Thousands joined a peaceful protest in the capital.", "protest", "Protests",
     "Peaceful protest"),
    ("Police fired tear gas at protesters in Nairobi.", "protesters", "Protests",
     "Protest with intervention"),
    ("Rioters set fire to shops in the old town.", "Rioters", "Riots", "Violent demonstration"),
    ("Police arrested 30 people after the march.", "arrested", "Strategic developments",
     "Arrests"),
]


@pytest.mark.parametrize(("sentence", "word", "event_type", "sub_type"), TYPED)
def test_trigger_is_typed_in_acled_taxonomy(
    sentence: str, word: str, event_type: str, sub_type: str
) -> None:
    triggers = find_triggers(parse(sentence))
    found = {(t.span.text, t.event_type, t.sub_event_type) for t in triggers}
    assert (word, event_type, sub_type) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The legal battle over the merger continues.",
        "He died of a heart attack on Monday.",
        "Teachers went on strike over pay.",
        "The senator launched a political attack on her rival.",
        "Markets rallied after the announcement.",
    ],
)
def test_figurative_and_non_conflict_senses_are_not_triggers(sentence: str) -> None:
    assert find_triggers(parse(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A suspect had not been identified and no arrests had been made, police said.",
        "No one has been arrested.",
        "Police have not made any arrests.",
        "No suspects have been arrested.",
    ],
)
def test_an_arrest_the_words_deny_is_no_event(sentence: str) -> None:
    assert [t for t in find_triggers(parse(sentence)) if t.sub_event_type == "Arrests"] == []
    assert [t.sub_event_type for t in find_triggers(parse("Police arrested two men."))] == [
        "Arrests"]


def test_offsets_are_shifted_by_the_segment_start() -> None:
    text = "Rebels attacked the base."
    [trigger] = find_triggers(within(parse(text), start=100))
    assert (trigger.span.start, trigger.span.end) == (107, 115)
    assert trigger.sentence_start == 100 and trigger.sentence_end == 100 + len(text)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Two militants shot dead in Poonch", "Battles"),
        ("15 Afghan Taliban killed in 24 hours", "Battles"),
        ("Boko Haram kills three soldiers near Maiduguri", "Battles"),
        ("Suspected herders kill 10 in Nigeria's Kogi state", "Violence against civilians"),
        ("Gunmen killed 12 villagers in Zamfara.", "Violence against civilians"),
        ("They kill a man with a shot in the head in Tijuana", "Violence against civilians"),
    ],
)
def test_killing_verbs_are_typed_by_who_was_killed(sentence: str, event_type: str) -> None:
    assert [t.event_type for t in find_triggers(parse(sentence))] == [event_type]


def test_killing_a_bill_is_no_event() -> None:
    assert find_triggers(parse("The move could kill the bill.")) == []
