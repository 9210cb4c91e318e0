"""Who states a figure: the attribution it sits in, a speech verb its clause hangs from (before,
after or in the next words), the quotation it continues, a headline's trailing source; and the
name the page gives that speaker in full.

Sentences written for these tests; none is copied from a page.
"""

from __future__ import annotations

import pytest

from claimledger.extract.annotation import annotation
from claimledger.extract.attribution import find_attributions
from claimledger.extract.figures import find_figures
from claimledger.extract.sources import resolve_source
from claimledger.model import Figure, SegmentKind
from parsing import parse, within


def voiced(text: str, kind: SegmentKind = "body") -> list[Figure]:
    doc = within(parse(text), voice="The Outlet", kind=kind)
    annotation(doc).attributions = find_attributions(doc)
    return find_figures(doc)


def sources(text: str, kind: SegmentKind = "body") -> list[tuple[str, str]]:
    return [(f.span.text, f.source_name) for f in voiced(text, kind)]


VOICES = [
    # a trailing speech verb governs the figure's clause
    (
        "Five people were killed in the blast, an interior ministry official said.",
        [("Five", "an interior ministry official")],
    ),
    (
        "A car bomb killed at least 37 people and wounded 54 others, police and medical sources "
        "say.",
        [("at least 37", "police and medical sources"), ("54", "police and medical sources")],
    ),
    (
        "The toll also includes the six attackers, senior security official Omar Hassan said.",
        [("six", "senior security official Omar Hassan")],
    ),
    # the speech verb before it
    ("A survivor said up to 19 were killed.", [("up to 19", "A survivor")]),
    (
        "At least 52 people were killed, according to district health official Abdul Rahim.",
        [("At least 52", "district health official Abdul Rahim")],
    ),
    # the speaker named in the sentence before ("he")
    (
        "Provincial spokesman Attaullah Karimi spoke on Sunday. He said those killed also "
        "included two people in Kabul and three in Herat.",
        [
            ("two", "Attaullah Karimi, Provincial spokesman"),
            ("three", "Attaullah Karimi, Provincial spokesman"),
        ],
    ),
    (
        "The head of the local health department told reporters the strike hit a house. He said "
        "three were injured.",
        [("three", "The head of the local health department")],
    ),
    # a quotation that runs on after its cue
    (
        '"The gunmen seized six men," militia leader Musa Kolo said. "The bodies of the six '
        'victims were found this morning."',
        [("six", "militia leader Musa Kolo")],
    ),
    # the subject of a verb stating the figure, named in full
    (
        "Relatives of the victims and witnesses put the death toll at 18.",
        [("18", "Relatives of the victims and witnesses")],
    ),
    # a participle's noun: "an observatory reporting at least six killed"
    (
        "Beheadings are back, with a conflict observatory reporting at least six people killed.",
        [("at least six", "a conflict observatory")],
    ),
    # "which" is the source named just before it
    (
        "The attack was claimed by the group in a statement, which also claimed the death of "
        "four soldiers.",
        [("four", "the group")],
    ),
    # "they" after a group that holds a person named by post
    (
        "Villagers and the head of a local group said the strike killed nine. The raids also "
        "wounded about a dozen people, they said.",
        [
            ("nine", "Villagers and the head of a local group"),
            ("about a dozen", "Villagers and the head of a local group"),
        ],
    ),
    # a trailing speech verb the parse put beside the figure's clause, not above it
    (
        "At least 13 civilians were killed and 19 others injured in shelling by the paramilitary "
        "forces in North Darfur, local doctors said Monday.",
        [("At least 13", "local doctors"), ("19", "local doctors")],
    ),
    (
        "At least two soldiers were killed after separatists attacked a brigade in the north "
        "west, army spokesman, Colonel Didier Bamba announced Sunday.",
        [("At least two", "army spokesman, Colonel Didier Bamba")],
    ),
    # a trailing speech verb followed by a clause of its own after a comma
    (
        "A strike on a school killed at least 34 people, the health ministry said, more than "
        "half of them were children.",
        [("at least 34", "the health ministry")],
    ),
    # a clause the parse made the speech verb's subject is not who speaks
    (
        "The attack left at least 20 people dead, the ministry said in a statement.",
        [("at least 20", "the ministry")],
    ),
    # a long sentence's closing speech verb, its speaker set off by commas before it; a
    # statement named with who issued it
    (
        "Two soldiers lost their lives and an officer was hurt in a gunfight with militants near "
        "Khost, a small town in the southwest of the province, a statement issued by the army's "
        "press wing, ISPR, said on Sunday.",
        [("Two", "ISPR")],
    ),
    (
        "Two soldiers were killed in a gunfight, a statement released by the army's press wing "
        "said on Sunday.",
        [("Two", "a statement released by the army's press wing")],
    ),
    # a speech participle after a clause speaks for that clause's subject
    (
        "The group claimed the attack, saying its fighters had killed 14 soldiers.",
        [("14", "The group")],
    ),
    (
        "IS claimed the raid, saying they killed one person.",
        [("one", "IS")],
    ),
    (
        "No group claimed the raid, saying instead that it killed two people.",
        [("two", "The Outlet")],
    ),
    # who puts a toll at its count, named as the page names them ("it": the group before)
    (
        "The Wad Madani Resistance Committee said 100 people were killed. Later, it put the "
        "number of dead in the hundreds.",
        [
            ("100", "The Wad Madani Resistance Committee"),
            ("hundreds", "The Wad Madani Resistance Committee"),
        ],
    ),
    # who puts a toll at its count, where the parse hung "at" on the toll's verb
    ("The army put the number of rebels killed at 45.", [("45", "The army")]),
    # a surname alone, whatever the tagger took it for, is the person named in full before
    (
        "Provincial police chief Abdul Karim said eight people died. Karim told reporters 14 "
        "more were hurt.",
        [
            ("eight", "Provincial police chief Abdul Karim"),
            ("14", "Abdul Karim, Provincial police chief"),
        ],
    ),
    # a cue in the next paragraph is no voice of a figure before it; a quotation opened after a
    # colon is the words of whoever the line before the colon names
    (
        'Ali Warsame, a police officer speaking to the press:\n"There was a blast. Four people '
        'were killed, we do not know more,"\nAccording to witnesses, the car blew up.',
        [("Four", "Ali Warsame, a police officer")],
    ),
    (
        '"There was a blast. Four people were killed, we do not know more,"\nAccording to '
        "witnesses, the car blew up.",
        [("Four", "The Outlet")],
    ),
    (
        'Watch:\n"There was a blast. Four people were killed, we do not know more."',
        [("Four", "The Outlet")],
    ),
    # a quotation of several sentences that a cue closes
    (
        '"Fake news is circulating. Two gendarmes were killed during the attack. 12 attackers '
        'were also neutralised and several others escaped with injuries," Colonel Bamba said.',
        [("Two", "Colonel Bamba"), ("12", "Colonel Bamba"), ("several", "Colonel Bamba")],
    ),
    # "we" inside a quotation is the quoted speaker, not the page
    (
        'A bomber killed three officers, an official said. "So far we can confirm that three had '
        'died. The toll may rise," Omar Hassan, a police major, told Reuters.',
        [("three", "an official"), ("three", "Omar Hassan, a police major")],
    ),
    # a negated claimant is no voice
    (
        "No one has claimed the attack, which came after gunmen attacked a home, killing eight "
        "people.",
        [("eight", "The Outlet")],
    ),
    # no voice: the page's own statement
    ("Twelve soldiers were killed in the ambush on Sunday.", [("Twelve", "The Outlet")]),
    # a clause that is another verb's content is not the later speaker's
    (
        'Recall that last week "more than 200 fighters died in a failed attack" while the '
        "ministry said that the number was five.",
        [("more than 200", "The Outlet"), ("five", "the ministry")],
    ),
    # cues that are the figure's own event
    ("Islamists attack popular Mogadishu hotel, 15 killed.", [("15", "The Outlet")]),
    ("Brutal rebel attack claims 16 lives in the east.", [("16", "The Outlet")]),
    # "five people said": the count is who speaks, not what is said
    ("Five people said the market was closed.", []),
    # a toll given by someone
    (
        "The first toll given by officials was 24 dead and 28 wounded.",
        [("24", "officials"), ("28", "officials")],
    ),
    ("The first toll was 24 dead and 28 wounded.", [("24", "The Outlet"), ("28", "The Outlet")]),
    # the reporter's own inquiries are the page's statement; an inquiry someone made is theirs
    ("Investigations revealed that four people were killed.", [("four", "The Outlet")]),
    (
        "A UN investigation found that four people were killed.",
        [("four", "A UN investigation")],
    ),
    # a quotation of several paragraphs, each opening with a mark, closed by its cue
    (
        "Chairman Bege Katuka spoke to reporters.\n\n“Five persons were killed, while two "
        "others are still missing.\n\n“Some houses were burnt.\n\n“We urge the people to "
        "remain calm,” the chairman said.",
        [("Five", "the chairman"), ("two", "the chairman")],
    ),
    # a paragraph between that is no quotation ends it
    (
        "“Five persons were killed, while two others are still missing.\n\nThe area is calm."
        "\n\n“We urge calm,” the chairman said.",
        [("Five", "The Outlet"), ("two", "The Outlet")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), VOICES, ids=[v[0][:60] for v in VOICES])
def test_who_states_each_figure(text: str, expected: list[tuple[str, str]]) -> None:
    assert sources(text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Shelling kills five civilians in Kharkiv -regional governor", "regional governor"),
        ("Bomb attack kills 30 in mosque: official", "official"),
        ("Baghdad: Car bomb hits market, 8 dead", "The Outlet"),
        # a country the model takes for a person is still a place; and no source after it
        ("Burkina Faso: gunmen kill 12 in village raid", "The Outlet"),
        ("Governor: gunmen killed 12 villagers", "Governor"),
        ("Afghan official: Insurgents attack police checkpoint, kill 2", "Afghan official"),
        ("Bandits Kill Four in Zamfara - Police", "Police"),
        ("Floods Kill Four in Zamfara - Live Updates", "The Outlet"),
        ("Several killed in Russian shelling of Mykolaiv: Region's governor", "Region's governor"),
        ("Several killed in Russian shelling of Mykolaiv: Live Updates", "The Outlet"),
        ("Car bomb hits Baghdad market, 8 dead", "The Outlet"),
    ],
)
def test_a_headlines_trailing_source_and_a_place_before_its_colon(
    title: str, expected: str
) -> None:
    (figure,) = voiced(title, kind="title")
    assert figure.source_name == expected


@pytest.mark.model
def test_a_figure_voiced_by_a_cue_keeps_that_attributions_chain() -> None:
    text = (
        "According to Reuters, a police officer said 12 people were killed, and the officer "
        "said 30 were wounded, police added."
    )
    doc = within(parse(text), voice="The Outlet")
    found = annotation(doc)
    found.attributions = find_attributions(doc)
    by_id = {a.id: a for a in found.attributions}
    for figure in find_figures(doc):
        assert figure.attribution_id in by_id
        attribution = by_id[figure.attribution_id]
        assert attribution.source_name == figure.source_name
        assert attribution.chain[0] == "The Outlet"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short name after the whole one, whichever word of it is used
        (
            "Security Minister Abdi Omar Mohamed spoke to the radio. Omar says 17 people were "
            "killed.",
            "Abdi Omar Mohamed, Security Minister",
        ),
        # "the officer" after a person named with that post
        (
            "Captain Ali Warsame, a police officer, spoke to reporters. The officer said seven "
            "people had been killed.",
            "Captain Ali Warsame, a police officer",
        ),
        # ... and one the page named without making them a source
        (
            "Captain Ali Warsame, a police officer, arrived at the scene on foot. The officer "
            "said seven people had been killed.",
            "Captain Ali Warsame, a police officer",
        ),
        # a surname with a relative clause after it
        (
            'Monguno resident Mari Bulama spoke to reporters. "We buried 15 of them," said '
            "Bulama who arrived in the city on Tuesday.",
            "Mari Bulama, Monguno resident",
        ),
        # "he" with no speaker before: left as written
        ("He said seven people had been killed.", "He"),
        # a surname the tagger may take for a place
        (
            "Provincial police chief Abdul Karim visited the site. Karim told reporters seven "
            "people had been killed.",
            "Abdul Karim, Provincial police chief",
        ),
        # "she" after a person named after a source named by post
        (
            "The official put the toll at 40. Minister Sara Kamau spoke later, and she said "
            "seven people had been killed.",
            "Sara Kamau, Minister",
        ),
    ],
)
def test_a_short_mention_is_named_as_fully_as_the_page_names_the_speaker(
    text: str, expected: str
) -> None:
    figures = voiced(text)
    assert figures[-1].source_name == expected


@pytest.mark.model
def test_a_relative_pronoun_is_named_by_the_noun_its_clause_hangs_on() -> None:
    doc = parse("Police spokesman Yakubu Sabo, who confirmed the attack, said it was at night.")
    who = next(t for t in doc if t.lower_ == "who")
    assert resolve_source(doc[who.i : who.i + 1], []).name == "Police spokesman Yakubu Sabo"
    # no clause on a noun before it: left as written
    doc = parse("Who confirmed the attack is not known.")
    assert resolve_source(doc[:1], []).name == "Who"


@pytest.mark.model
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Lagos: Nigerian police", "Nigerian police"),
        ("KABUL: The interior ministry", "The interior ministry"),
        ("Nigerian police", "Nigerian police"),
        ("The health ministry on Sunday", "The health ministry"),
        # a heading on the line above
        ("MISSING\nColonel Ali Kiwewa", "Colonel Ali Kiwewa"),
    ],
)
def test_a_dateline_a_day_or_a_heading_is_no_part_of_a_source_name(
    words: str, expected: str
) -> None:
    doc = parse(f"{words} said gunmen killed 12 villagers.")
    mention = doc[: len(parse(words))]
    assert resolve_source(mention, []).name == expected
