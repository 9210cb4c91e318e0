"""Casualty figures of conflict reporting: each wording as written, its negation and a near miss
(a sentence that reads alike but counts no one harmed), with the count's measure and value.

Sentences written for these tests; none is copied from a page.
"""

from __future__ import annotations

import pytest

from claimledger.extract.annotation import annotation
from claimledger.extract.attribution import find_attributions
from claimledger.extract.figures import find_figures
from claimledger.extract.numbers import find_quantities
from parsing import parse, within

Found = tuple[str, str | None, float | None, float | None, bool]


def figures(text: str) -> list[Found]:
    """(count, measure, low, high, negated) of each figure, attributions found first."""
    doc = within(parse(text), voice="outlet")
    annotation(doc).attributions = find_attributions(doc)
    return [
        (f.span.text, f.measure, f.count.low, f.count.high, f.negated) for f in find_figures(doc)
    ]


# pattern, then its negation, then a near miss
PATTERNS: list[tuple[str, list[Found]]] = [
    # "up to N were killed"
    ("A survivor said up to 19 were killed.", [("up to 19", "killed", None, 19.0, False)]),
    ("A survivor said none were killed.", [("none", "killed", 0.0, 0.0, True)]),
    ("A survivor said up to 19 were questioned.", []),
    ("Up to 40 had been killed by Sunday.", [("Up to 40", "killed", None, 40.0, False)]),
    # "tolls as high as N"
    (
        "Death tolls as high as 300 were reported by activists.",
        [("as high as 300", "killed", None, 300.0, False)],
    ),
    ("Prices as high as 300 were reported by traders.", []),
    # "N more of the injured died overnight": the dead, not the injured
    ("Five more of the injured died overnight, police said.", [("Five", "killed", 5, 5, False)]),
    ("None of the injured died overnight.", [("None", "killed", 0.0, 0.0, True)]),
    ("Five more of the injured were treated overnight.", []),
    # "we just buried N people"
    ("We just buried 10 people, a council official said.", [("10", "killed", 10, 10, False)]),
    ("We buried no one today.", [("no one", "killed", 0.0, 0.0, True)]),
    ("Ten people were buried under the rubble.", []),
    ("They buried 10 cows behind the farm.", []),
    # "N terrorists have been neutralized"
    (
        "Fifteen terrorists have been neutralized, the army said.",
        [("Fifteen", "killed", 15, 15, False)],
    ),
    ("No terrorists were neutralized.", [("No", "killed", 0.0, 0.0, True)]),
    ("Engineers neutralized 15 mines on the road.", []),
    ("Troops neutralised five bandits in the forest.", [("five", "killed", 5, 5, False)]),
    # "the massacre of N civilians": a noun, no verb
    (
        "Residents mourned the massacre of 25 civilians in the village.",
        [("25", "killed", 25, 25, False)],
    ),
    ("The massacre anniversary drew 2,000 mourners.", []),
    # "N wounded" after a killed count is the wounded
    (
        "The blast killed 12 people and 30 wounded.",
        [("12", "killed", 12, 12, False), ("30", "injured", 30, 30, False)],
    ),
    (
        "At least 11 people were killed, 43 wounded.",
        [("At least 11", "killed", 11, None, False), ("43", "injured", 43, 43, False)],
    ),
    (
        "The blast killed 12 people and 30 soldiers.",
        [("12", "killed", 12, 12, False), ("30", "killed", 30, 30, False)],
    ),
    # a toll that changed is two figures, not a range
    (
        "A surgeon says the death toll has jumped from 37 to 45.",
        [("37", "killed", 37, 37, False), ("45", "killed", 45, 45, False)],
    ),
    ("From 37 to 45 people were killed.", [("From 37 to 45", "killed", 37, 45, False)]),
    # among the dead, what a toll includes, what is reported, driven from home
    (
        "Six children were among those killed, the governor said.",
        [("Six", "killed", 6, 6, False)],
    ),
    (
        "Police said three officers were among the 11 people killed.",
        [("three", "killed", 3, 3, False), ("11", "killed", 11, 11, False)],
    ),
    ("The death toll includes the six attackers.", [("six", "killed", 6, 6, False)]),
    ("The guest list includes the six attackers.", []),
    (
        "At least 50 people are reported to have been killed.",
        [("At least 50", "killed", 50, None, False)],
    ),
    (
        "The conflict has driven more than 4 million people from their homes.",
        [("more than 4 million", "displaced", 4_000_000, None, False)],
    ),
    (
        "Half a million people have been forced from their homes.",
        [("Half a million", "displaced", 500_000, 500_000, False)],
    ),
    ("Nobody was forced from their homes.", [("Nobody", "displaced", 0.0, 0.0, True)]),
    ("Half a million people have been forced to pay more for bread.", []),
    ("One 7-year-old boy was critically wounded.", [("One", "injured", 1, 1, False)]),
    # listed after "one of": "killing one of the attackers and several guards"
    (
        "The car exploded, killing one of the attackers and several security guards.",
        [("several", "killed", 3, 9, False)],
    ),
    # brought to hospital with injuries
    (
        "Eight people were killed and 31 had been brought to the hospital with injuries.",
        [("Eight", "killed", 8, 8, False), ("31", "injured", 31, 31, False)],
    ),
    ("Eight people had been brought to the hospital with flowers.", []),
    # "shot dead two villagers"; "81 civilians at least"; "six CRPF troops"; "said to be hurt"
    ("Insurgents shot dead two villagers.", [("two", "killed", 2, 2, False)]),
    ("Insurgents shot two rabbits dead.", []),
    ("81 civilians at least were killed this week.", [("81", "killed", 81, None, False)]),
    (
        "Six CRPF troops are said to be critically injured.",
        [("Six", "injured", 6, 6, False)],
    ),
    ("Six CRPF troops are said to be on leave.", []),
    # counts listed after a measure clause's comma; a toll that reaches its count
    (
        "Two gendarmes were killed, two police officers and four civilians, they added.",
        [
            ("Two", "killed", 2, 2, False),
            ("two", "killed", 2, 2, False),
            ("four", "killed", 4, 4, False),
        ],
    ),
    ("Man killed, 3 other shot on Ryburn Ave.", []),
    (
        "Police said five people were killed, 10 officers were deployed.",
        [("five", "killed", 5, 5, False)],
    ),
    (
        "The conflict has left more than 3,000 dead, closed schools and clinics.",
        [("more than 3,000", "killed", 3000, None, False)],
    ),
    (
        "In Tripoli, the number of injured reached 159, 61 deaths and 12 people missing.",
        [
            ("159", "injured", 159, 159, False),
            ("61", "killed", 61, 61, False),
            ("12", "missing", 12, 12, False),
        ],
    ),
    (
        "Fourteen people, including six children, need intensive care.",
        [("Fourteen", "injured", 14, 14, False), ("six", "injured", 6, 6, False)],
    ),
    ("Fourteen people need new passports.", []),
    (
        "Nigeria: Bandits Kill Four, Abduct 50 in Zamfara - Police",
        [("Four", "killed", 4, 4, False), ("50", "kidnapped", 50, 50, False)],
    ),
    (
        "At least 17 people — 12 civilians, three guards and two members of parliament — were "
        "killed.",
        [
            ("At least 17", "killed", 17, None, False),
            ("12", "killed", 12, 12, False),
            ("three", "killed", 3, 3, False),
            ("two", "killed", 2, 2, False),
        ],
    ),
    # "among the dead were N", "of the N dead, M were women": a subset of the harmed
    ("Among the dead were three children.", [("three", "killed", 3, 3, False)]),
    ("Nobody was among the dead.", [("Nobody", "killed", 0.0, 0.0, True)]),
    ("Among the survivors were 12 children.", []),
    (
        "Of the 30 dead, 12 were women.",
        [("30", "killed", 30, 30, False), ("12", "killed", 12, 12, False)],
    ),
    (
        "Of the 30 dead, none were soldiers.",
        [("30", "killed", 30, 30, False), ("none", "killed", 0.0, 0.0, True)],
    ),
    ("Of the 40 passengers, 12 were foreigners.", []),
    # "seized six men and slaughtered them": a measure verb joined to the count's own
    ("Gunmen seized six men and slaughtered them.", [("six", "killed", 6, 6, False)]),
    ("Militants rounded up 12 farmers and shot them dead.", [("12", "killed", 12, 12, False)]),
    ("Gunmen seized six men but did not kill them.", [("six", "killed", 6, 6, True)]),
    ("Troops captured five rebels and handed them over to police.", []),
    # "a mother with her six children": those with the harmed share what befell them
    (
        "The dead included a mother with her six children.",
        [("six", "killed", 6, 6, False)],
    ),
    ("The dead included a truck driver with 12 tonnes of grain.", []),
    # taken to hospital
    ("Forty people were taken to hospital.", [("Forty", "injured", 40, 40, False)]),
    ("Ambulances rushed 30 people to the hospital.", [("30", "injured", 30, 30, False)]),
    ("No one was taken to hospital.", [("No one", "injured", 0.0, 0.0, True)]),
    # "sustained gunshot wounds"
    ("Seven people sustained gunshot wounds.", [("Seven", "injured", 7, 7, False)]),
    ("No one sustained injuries.", [("No one", "injured", 0.0, 0.0, True)]),
    ("Seven buildings sustained heavy damage.", []),
    # "killed along with two of his children"
    ("He was killed along with two of his children.", [("two", "killed", 2, 2, False)]),
    ("He was killed along with none of his guards.", [("none", "killed", 0.0, 0.0, True)]),
    ("He was killed with two bullets.", []),
    ("He travelled along with two of his children.", []),
    # a toll that rose, however far the parse hung it from its verb
    (
        "The death toll from Saturday night's US-UK airstrikes on three cities has climbed to "
        "31, according to the ministry.",
        [("31", "killed", 31, 31, False)],
    ),
    ("The price of bread in three cities has climbed to 31, according to the ministry.", []),
    # "killed and wounded N": one count of both, casualties
    (
        "A drone strike killed and wounded as many as 30 people.",
        [("as many as 30", "other", None, 30.0, False)],
    ),
    ("Gunmen killed and injured 12 villagers.", [("12", "other", 12, 12, False)]),
    ("Two others were injured and abducted.", [("Two", "injured", 2, 2, False)]),
    (
        "Gunmen killed two guards and wounded 12 villagers.",
        [("two", "killed", 2, 2, False), ("12", "injured", 12, 12, False)],
    ),
    # a toll put at its count where the parse hung "at" on the toll's own verb
    ("The army put the number of rebels killed at 45.", [("45", "killed", 45, 45, False)]),
    (
        "Officials put the number of people displaced at 12,000.",
        [("12,000", "displaced", 12_000, 12_000, False)],
    ),
    ("The army put the number of rebels killed at zero.", [("zero", "killed", 0.0, 0.0, True)]),
    ("The army put the number of trucks sent at 45.", []),
    ("Twelve people were taken to a police station.", []),
    ("All three of them were taken to hospital.", []),
    # a toll "as high as N" as a verb's object
    (
        "Television reported a death toll as high as 200 people.",
        [("as high as 200", "killed", None, 200.0, False)],
    ),
    ("Television reported waves as high as 20 feet.", []),
    # who was hurt and then died is dead, also where the parse leaves the dying verb no subject
    (
        "Two people who were badly injured have since died in hospital.",
        [("Two", "killed", 2, 2, False)],
    ),
    (
        "Rescuers recovered a body from the rubble and two people who were badly injured have "
        "also died.",
        [("two", "killed", 2, 2, False)],
    ),
    (
        "Three people who were injured in the blast remain in hospital.",
        [("Three", "injured", 3, 3, False)],
    ),
    # "treated in hospital": hurt
    (
        "Two other residents were being treated in hospital, the governor said.",
        [("Two", "injured", 2, 2, False)],
    ),
    ("No one was treated in hospital.", [("No one", "injured", 0.0, 0.0, True)]),
    ("Two other residents were treated to a meal.", []),
    # "one" before a person's name is that person, named, not a count
    ("One Daniel Musa who was shot in the leg later died.", []),
    ("One Daniel Monday who was shot in the leg later died.", []),
    ("One soldier who was shot in the leg later died.", [("One", "killed", 1, 1, False)]),
    ("One Boko Haram fighter was killed.", [("One", "killed", 1, 1, False)]),
    # "kills 2, wounds 6": each verb its own count; "killed or wounded": one count of both
    (
        "Suicide bomber kills 2, wounds 6 outside mosque",
        [("2", "killed", 2, 2, False), ("6", "injured", 6, 6, False)],
    ),
    ("Twenty soldiers were killed or wounded.", [("Twenty", "other", 20, 20, False)]),
    # a second object the parse joined to the measure verb
    (
        "A bomber blew himself up near a convoy, killing himself and at least three people "
        "walking by.",
        [("at least three", "killed", 3.0, None, False)],
    ),
    ("The army killed the commander and seized five trucks.", []),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "expected"), PATTERNS, ids=[p[0][:60] for p in PATTERNS])
def test_conflict_figure_wordings(sentence: str, expected: list[Found]) -> None:
    assert figures(sentence) == expected


# thousands written with a space, a thin or no-break space, a dot or a comma
SEPARATED = [
    ("nearly 4 000 people were killed", "nearly 4 000", 4000.0),
    ("some 800 000 displaced", "some 800 000", 800000.0),
    ("4\u2009000 dead", "4\u2009000", 4000.0),
    ("4\u00a0000 dead", "4\u00a0000", 4000.0),
    ("4\u202f000 dead", "4\u202f000", 4000.0),
    ("1.250.000 displaced", "1.250.000", 1250000.0),
    ("4.000 people fled", "4.000", 4000.0),
    ("4,000 people fled", "4,000", 4000.0),
    ("1.5 million fled", "1.5 million", 1500000.0),
    ("1.500 million fled", "1.500 million", 1500000.0),
    ("a quarter of a million fled", "a quarter of a million", 250000.0),
    ("three quarters of a million fled", "three quarters of a million", 750000.0),
]


@pytest.mark.parametrize(("text", "found", "value"), SEPARATED)
def test_thousands_separators_of_every_common_style(text: str, found: str, value: float) -> None:
    (match,) = find_quantities(text)
    assert (match.text, match.quantity.low, match.quantity.high) == (found, value, value)


@pytest.mark.parametrize(
    "text",
    [
        "call 202 555 0143 now",  # a phone number's groups are no thousands
        "in 2018 200 people",  # a year before a count is no part of it
        "the 3 000-strong force",
    ],
)
def test_digit_groups_that_are_no_thousands(text: str) -> None:
    assert find_quantities(text) == []


def test_a_hedge_after_a_code_belongs_to_the_count_after_it() -> None:
    texts = [m.text for m in find_quantities("img_300x180 At least 25 people died")]
    assert texts == ["At least 25"]


@pytest.mark.model
def test_a_space_separated_toll_is_one_figure_in_a_sentence() -> None:
    assert figures("The war has killed nearly 4 000 people.") == [
        ("nearly 4 000", "killed", 4000.0, 4000.0, False)
    ]


@pytest.mark.model
def test_a_headline_verb_tagged_as_a_name_still_measures_its_count() -> None:
    doc = within(parse("UN Official: Sudan Conflict Displaces Nearly 4 Million"), kind="title")
    annotation(doc).attributions = find_attributions(doc)
    found = [(f.span.text, f.measure, f.count.low) for f in find_figures(doc)]
    assert found == [("Nearly 4 Million", "displaced", 4_000_000)]
