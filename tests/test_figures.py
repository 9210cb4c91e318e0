"""Casualty figures from parsed news sentences: measure, population, negation, modality, source."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from claimledger.extract.figures import find_figures
from claimledger.model import Attribution, Figure, Span
from parsing import Parse, parse, within

# One blank pipeline for every Doc without a parse: building one takes about 0.1 s, which the
# property test below would otherwise pay per example.
BLANK = spacy.blank("en")


@pytest.fixture(scope="module")
def nlp() -> Parse:
    """Sentences parsed by spaCy alone: each test runs the one extractor it checks."""
    return parse


def _summary(figure: Figure) -> tuple[str, str | None, str | None, bool, str | None]:
    return (figure.span.text, figure.measure, figure.population, figure.negated, figure.modality)


# sentence, figures as (count text, measure, population, negated, modality)
SENTENCES = [
    (
        "A suicide bomber killed at least 30 people and wounded more than 50 others at a mosque.",
        [("at least 30", "killed", "people", False, None),
         ("more than 50", "injured", "others", False, None)],
    ),
    (
        "The explosion left 12 dead and dozens injured.",
        [("12", "killed", None, False, None), ("dozens", "injured", None, False, None)],
    ),
    (
        "Israeli airstrikes killed 17 Palestinians, including five children, officials said.",
        [("17", "killed", "Palestinians", False, None),
         ("five", "killed", "children", False, None)],
    ),
    (
        "Nearly 2,000 people have been displaced by the fighting.",
        [("Nearly 2,000", "displaced", "people", False, None)],
    ),
    (
        "Gunmen abducted 317 schoolgirls from a boarding school in Zamfara state.",
        [("317", "kidnapped", "schoolgirls", False, None)],
    ),
    (
        "Five soldiers were killed and seven others wounded when their convoy hit a bomb.",
        [("Five", "killed", "soldiers", False, None), ("seven", "injured", "others", False, None)],
    ),
    (
        "The death toll from the earthquake has climbed to more than 5,000.",
        [("more than 5,000", "killed", None, False, None)],
    ),
    (
        "The death toll rose to 40 on Sunday.",
        [("40", "killed", None, False, None)],
    ),
    (
        "Up to 200 people are feared dead after the boat capsized.",
        [("Up to 200", "killed", "people", False, "feared")],
    ),
    (
        "Three people are missing after the flood.",
        [("Three", "missing", "people", False, None)],
    ),
    (
        "Thousands of residents fled their homes as the fighting intensified.",
        [("Thousands", "displaced", "residents", False, None)],
    ),
    (
        "Two police officers were injured in the attack.",
        [("Two", "injured", "police officers", False, None)],
    ),
    (
        "The blast killed dozens of civilians.",
        [("dozens", "killed", "civilians", False, None)],
    ),
    (
        "The airstrike hit a market, killing 5 soldiers and injuring dozens.",
        [("5", "killed", "soldiers", False, None), ("dozens", "injured", None, False, None)],
    ),
    (
        "Twelve civilians, including 3 children, were wounded.",
        [("Twelve", "injured", "civilians", False, None),
         ("3", "injured", "children", False, None)],
    ),
    (
        "Police arrested 45 protesters on Monday.",
        [("45", "arrested", "protesters", False, None)],
    ),
    (
        "Some 300 people were evacuated from the area.",
        [("Some 300", "evacuated", "people", False, None)],
    ),
    (
        "The fighting has killed an estimated 500,000 people since 2011.",
        [("an estimated 500,000", "killed", "people", False, None)],
    ),
    (
        "Hundreds of thousands have been displaced.",
        [("Hundreds of thousands", "displaced", None, False, None)],
    ),
    (
        "Officials said 1.2 million people had been affected by the floods.",
        [("1.2 million", "affected", "people", False, None)],
    ),
    (
        "Two children were among the dead.",
        [("Two", "killed", "children", False, None)],
    ),
    (
        "The bombing killed 14 and injured 40.",
        [("14", "killed", None, False, None), ("40", "injured", None, False, None)],
    ),
    (
        "Twelve soldiers, 26 insurgents killed in clashes in Afghanistan",
        [("Twelve", "killed", "soldiers", False, None),
         ("26", "killed", "insurgents", False, None)],
    ),
    (
        "Drone strike kills Taliban key commander, 4 others in Kunduz province",
        [("4", "killed", "others", False, None)],
    ),
    (
        "Mexico rights body: Army killings of 6 civilians unjustified",
        [("6", "killed", "civilians", False, None)],
    ),
    (
        "Bombardment raised the death toll to 270 at least in 13 days.",
        [("270 at least", "killed", None, False, None)],
    ),
    (
        "UPDATE 2-Bomb in eastern Baghdad kills at least 11",
        [("at least 11", "killed", None, False, None)],
    ),
    (
        "20 #Taliban terrorists were killed and 5 others were wounded in #ANDSF artillery",
        [("20", "killed", "Taliban terrorists", False, None),
         ("5", "injured", "others", False, None)],
    ),
    ("The storm claimed 40 lives.", [("40", "killed", None, False, None)]),
    (
        "At least 25 people lost their lives in the fire.",
        [("At least 25", "killed", "people", False, None)],
    ),
    ("Gunmen took 30 people hostage.", [("30", "kidnapped", "people", False, None)]),
    ("The number of dead rose to 80.", [("80", "killed", None, False, None)]),
    (
        "More than 300 people remain unaccounted for.",
        [("More than 300", "missing", "people", False, None)],
    ),
    (
        "Some 1,500 migrants have drowned this year.",
        [("Some 1,500", "killed", "migrants", False, None)],
    ),
    # zero counts and negation
    ("No one was killed in the attack.", [("No one", "killed", None, True, None)]),
    ("None were injured.", [("None", "injured", None, True, None)]),
    ("Nobody was hurt in the blast.", [("Nobody", "injured", None, True, None)]),
    ("No Americans were killed, officials said.", [("No", "killed", "Americans", True, None)]),
    ("There were no injuries.", [("no", "injured", None, True, None)]),
    ("No casualties were reported.", [("No", "other", None, True, None)]),
    ("None of the hostages were harmed.", [("None", "injured", "hostages", True, None)]),
    ("None of the hostages have been released.", []),
    ("Five people were not injured.", [("Five", "injured", "people", True, None)]),
    # modality
    (
        "At least 12 people may have died, according to unconfirmed reports.",
        [("At least 12", "killed", "people", False, "may have")],
    ),
    (
        "Reportedly, 15 civilians were killed in the strike.",
        [("15", "killed", "civilians", False, "reportedly")],
    ),
    (
        "As many as 50 people could have been killed in the raid.",
        [("As many as 50", "killed", "people", False, "could have")],
    ),
    ("The unconfirmed toll stood at 300.", [("300", "killed", None, False, "unconfirmed")]),
    ("Six miners were believed killed.", [("Six", "killed", "miners", False, "believed")]),
    # one count of two measures counts casualties
    (
        "ISIS resurgence: 20 regime soldiers killed or wounded in new attack in Syrian Desert",
        [("20", "other", "regime soldiers", False, None)],
    ),
    ("About 15 were killed and injured in Aleppo.", [("About 15", "other", None, False, None)]),
    # numbers that count nothing a ledger records
    ("He has two sons and a daughter.", []),
    ("Trump's 2 sons attended the event.", []),
    ("The 32-year-old man was arrested on Tuesday.", []),
    ("The company lost $5 million in 2018 and 20% of its staff.", []),
    ("He was indicted with 13 Russian operatives for meddling in the election.", []),
    ("After 20 to 30 artillery and tank rounds landed, the coalition responded.", []),
    ("Sanders said he had been tougher than Obama was in eight years combined.", []),
    ("The battle took place on February 7, two days after the talks.", []),
    ("One of the victims was a doctor.", []),
    ("I hope you're able to find the 30,000 emails that are missing.", []),
    ("Nearly 10,000 manufacturing jobs disappeared.", []),
    ("Cruz captured two states on Super Tuesday.", []),
    ("Keith Lamont Scott, 43, was killed by police.", []),
    ("The ad mentions the one death row inmate whose sentence was commuted.", []),
    (
        "Roof used the gun to kill nine people at the church, a few blocks from the venue.",
        [("nine", "killed", "people", False, None)],
    ),
    (
        "The crisis led to millions of refugees fleeing the two nations.",
        [("millions", "displaced", "refugees", False, None)],
    ),
    ("This is not putting the lives of millions of service members on the line.", []),
    (
        "Mateen, who took the lives of 49 club goers in Orlando, held two firearms.",
        [("49", "killed", "club goers", False, None)],
    ),
    (
        "Iowa became a dogfight after several sleepy months during which the raucous "
        "Republican campaign drowned out the Democrats' message.",
        [],
    ),
    (
        "Two days before, Omar Mateen shot a hundred people, killing 49.",
        [("49", "killed", None, False, None)],
    ),
    # who did it is not who it happened to
    (
        "Two gunmen killed five villagers on Sunday.",
        [("five", "killed", "villagers", False, None)],
    ),
    (
        "A shooting by two radicals that killed 14 shocked the country.",
        [("14", "killed", None, False, None)],
    ),
    (
        "Eight Syrian refugees were detained at the border.",
        [("Eight", "detained", "Syrian refugees", False, None)],
    ),
    (
        "Five million Syrians have fled their country.",
        [("Five million", "displaced", "Syrians", False, None)],
    ),
    (
        "Obama thinks about the 20 first-graders who were killed in the shooting.",
        [("20", "killed", "first-graders", False, None)],
    ),
    # a count of wounds counts no one; a count of injuries can count people
    ("A teenage male was found suffering from several gunshot wounds.", []),
    ("He suffered three gunshot wounds to the chest.", []),
    (
        "The attack caused 30 deaths and 50 injuries.",
        [("30", "killed", None, False, None), ("50", "injured", None, False, None)],
    ),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[0][:50] for s in SENTENCES])
def test_figures_of_news_sentences(
    nlp: Parse,
    sentence: str,
    expected: list[tuple[str, str | None, str | None, bool, str | None]],
) -> None:
    figures = find_figures(nlp(sentence))
    assert [_summary(f) for f in figures] == expected


@pytest.fixture(scope="module")
def reference_figures(nlp: Parse) -> tuple[str, list[Figure]]:
    from conftest import shared_path

    text = shared_path("seed", "000_96a361415a47dee9.txt").read_text(encoding="utf-8")
    return text, find_figures(within(nlp(text), voice="Zero Hedge"))


def _one(figures: list[Figure], text: str, start_after: int = 0) -> Figure:
    found = [f for f in figures if f.span.text == text and f.span.start >= start_after]
    assert found, f"no figure {text!r}"
    return found[0]


@pytest.mark.model
def test_reference_page_more_than_200_mercenaries_mostly_russians_died(
    reference_figures: tuple[str, list[Figure]],
) -> None:
    text, figures = reference_figures
    died = [f for f in figures if f.population == "mercenaries, mostly Russians"]
    assert len(died) == 1
    figure = died[0]
    assert (figure.span.text, figure.measure, figure.measure_span and figure.measure_span.text) == (
        "more than 200",
        "killed",
        "died",
    )
    count = figure.count
    assert (count.low, count.high, count.low_inclusive, count.hedge) == (
        200,
        None,
        False,
        "more_than",
    )
    assert figure.population_span is not None
    span = figure.population_span
    assert text[span.start : span.end] == "mercenaries, mostly Russians"


@pytest.mark.model
def test_reference_page_official_toll_about_100_killed_and_200_to_300_injured(
    reference_figures: tuple[str, list[Figure]],
) -> None:
    _, figures = reference_figures
    killed = _one(figures, "about 100")
    count = killed.count
    assert (killed.measure, count.low, count.high, count.approximate, count.hedge) == (
        "killed",
        100,
        100,
        True,
        "about",
    )
    assert killed.measure_span is not None and killed.measure_span.text == "death toll"
    assert killed.source_name == "the U.S. official"
    injured = _one(figures, "200 to 300")
    assert injured.source_name == "the U.S. official"
    assert (injured.measure, injured.count.low, injured.count.high, injured.count.hedge) == (
        "injured",
        200,
        300,
        "range",
    )


@pytest.mark.model
def test_reference_page_five_russians_killed_twice(
    reference_figures: tuple[str, list[Figure]],
) -> None:
    _, figures = reference_figures
    fives = [f for f in figures if f.span.text == "five"]
    assert [(f.measure, f.count.low, f.count.high, f.population) for f in fives] == [
        ("killed", 5, 5, "Russians"),  # "Russians were killed, it said the number was five"
        ("killed", 5, 5, "Russian"),  # "acknowledged five Russian deaths"
    ]


@pytest.mark.model
def test_reference_page_over_200_russian_mercenaries_killed(
    reference_figures: tuple[str, list[Figure]],
) -> None:
    _, figures = reference_figures
    figure = _one(figures, "over 200")
    assert (figure.measure, figure.count.low, figure.count.low_inclusive, figure.population) == (
        "killed",
        200,
        False,
        "Russian mercenaries",
    )


@pytest.mark.model
def test_reference_page_counts_without_a_measure_are_left_out(
    reference_figures: tuple[str, list[Figure]],
) -> None:
    text, figures = reference_figures
    assert len(figures) == 7
    for figure in figures:
        assert text[figure.span.start : figure.span.end] == figure.span.text
    texts = {f.span.text for f in figures}
    assert not texts & {"13", "20 to 30", "eight", "two", "2"}


@pytest.mark.model
def test_figure_inside_attribution_content_takes_its_source(nlp: Parse) -> None:
    sentence = "The official said that about 100 fighters were killed. Later 5 more died."
    start = sentence.index("about")
    content_end = sentence.index(".") + 1
    outer = Attribution(
        id="outer",
        content=Span(0, len(sentence), sentence),
        direct=False,
        source_name="Bloomberg",
    )
    inner = Attribution(
        id="inner",
        content=Span(start - 5, content_end, sentence[start - 5 : content_end]),
        direct=False,
        source_name="a U.S. official",
    )
    late = sentence.index("Later")
    only_first = Attribution(
        id="first", content=Span(0, late, sentence[:late]), direct=False, source_name="X"
    )
    figures = find_figures(within(nlp(sentence), attributions=[outer, inner], voice="outlet"))
    assert [(f.span.text, f.attribution_id, f.source_name) for f in figures] == [
        ("about 100", "inner", "a U.S. official"),
        ("5", "outer", "Bloomberg"),
    ]
    figures = find_figures(within(nlp(sentence), attributions=[only_first], voice="outlet"))
    assert [(f.attribution_id, f.source_name) for f in figures] == [
        ("first", "X"),
        (None, "outlet"),
    ]


@pytest.mark.model
def test_offsets_are_shifted_by_the_segment_start(nlp: Parse) -> None:
    page = "Title line\n\nAt least 12 people were killed in the blast."
    base = page.index("At")
    figures = find_figures(within(nlp(page[base:]), start=base))
    assert len(figures) == 1
    figure = figures[0]
    assert page[figure.span.start : figure.span.end] == "At least 12"
    assert figure.measure_span is not None
    assert page[figure.measure_span.start : figure.measure_span.end] == "killed"
    assert figure.population_span is not None
    assert page[figure.population_span.start : figure.population_span.end] == "people"


@pytest.mark.model
def test_figure_ids_are_stable_and_distinct(nlp: Parse) -> None:
    doc = nlp("Five soldiers were killed and seven others wounded.")
    first, second = find_figures(doc), find_figures(doc)
    assert [f.id for f in first] == [f.id for f in second]
    assert len({f.id for f in first}) == 2


@pytest.mark.model
def test_vague_figure_carries_its_conservative_reading(nlp: Parse) -> None:
    (figure,) = find_figures(nlp("The blast killed dozens of civilians."))
    count = figure.count
    assert (count.low, count.high, count.vague, count.conservative) == (24, 99, True, 12)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("999999999999 dead in the report.", [("999999999999", 999_999_999_999.0)]),
        ("1e308 killed in the report.", []),
        ("1" * 400 + " people were killed.", []),
    ],
)
def test_absurd_numbers_give_a_result_without_crashing(
    nlp: Parse, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert [(f.span.text, f.count.low) for f in find_figures(nlp(sentence))] == expected


@pytest.mark.model
def test_sentence_of_thousands_of_words_gives_its_figures(nlp: Parse) -> None:
    sentence = " ".join(["and 5 people were killed"] * 600) + "."
    figures = find_figures(nlp(sentence))
    assert len(figures) == 600
    assert {f.measure for f in figures} == {"killed"}


def test_token_rules_link_counts_when_the_text_has_no_parse() -> None:
    doc = BLANK("Officials put the toll at 40, with 200 to 300 injured.")
    figures = find_figures(doc)
    assert [(f.span.text, f.measure) for f in figures] == [("200 to 300", "injured")]


def test_parse_links_toll_to_its_count_on_a_hand_built_doc() -> None:
    words = ["The", "death", "toll", "rose", "to", "40", "."]
    doc = Doc(
        BLANK.vocab,
        words=words,
        heads=[2, 2, 3, 3, 3, 4, 3],
        deps=["det", "compound", "nsubj", "ROOT", "prep", "pobj", "punct"],
        pos=["DET", "NOUN", "NOUN", "VERB", "ADP", "NUM", "PUNCT"],
    )
    (figure,) = find_figures(doc)
    assert (figure.span.text, figure.measure, figure.count.low) == ("40", "killed", 40)
    assert figure.measure_span is not None and figure.measure_span.text == "death toll"


FIGURE_WORDS = (
    "more", "than", "about", "up", "to", "-", "1,200", "5", "five", "hundred", "dozens", "of",
    "thousands", "between", "and", "no", "one", "none", "were", "was", "killed", "dead",
    "injured", "people", "soldiers", "the", "death", "toll", "rose", "at", "least", ",", ".",
    "may", "have", "not", "including", "children", "fled", "#", "~", "1e308", "9" * 40,
)  # fmt: skip
FIGURE_TEXTS = st.lists(st.sampled_from(FIGURE_WORDS), max_size=30).map(" ".join)


def _check_figures_point_into(text: str, base: int, figures: list[Figure]) -> None:
    page = " " * base + text
    for figure in figures:
        for span in (figure.span, figure.measure_span, figure.population_span):
            if span is not None:
                assert base <= span.start < span.end <= base + len(text)
                assert page[span.start : span.end] == span.text
        count = figure.count
        assert count.low is None or count.high is None or count.low <= count.high


@settings(max_examples=300, deadline=None)
@given(st.one_of(FIGURE_TEXTS, st.text(max_size=120)), st.integers(0, 50))
def test_figures_of_any_text_point_into_it_without_a_parse(text: str, base: int) -> None:
    doc = BLANK(text)
    _check_figures_point_into(text, base, find_figures(within(doc, start=base)))


@pytest.mark.model
@settings(max_examples=60, deadline=None)
@given(text=FIGURE_TEXTS, base=st.integers(0, 50))
def test_figures_of_any_text_point_into_it_with_the_parse(text: str, base: int) -> None:

    _check_figures_point_into(text, base, find_figures(within(parse(text), start=base)))


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In terms of total body count, the U.S. official put the death toll at about 100, "
            "with 200 to 300 injured.",
            [("about 100", "the U.S. official"), ("200 to 300", "the U.S. official")],
        ),
        ("Police reported 12 deaths in the city.", [("12", "Police")]),
        ("The ministry estimated the death toll at 40.", [("40", "The ministry")]),
        ("At least 12 people were killed in the blast.", [("At least 12", "outlet")]),
    ],
)
def test_subject_of_the_verb_stating_a_figure_is_its_source(
    nlp: Parse, sentence: str, expected: list[tuple[str, str]]
) -> None:
    whole = Attribution(
        id="whole", content=Span(0, len(sentence), sentence), direct=False, source_name="Russia"
    )
    figures = find_figures(within(nlp(sentence), voice="outlet"))
    assert [(f.span.text, f.source_name) for f in figures] == expected
    # Inside an attribution the stating subject is still the source; the attribution is kept
    # as the context the figure is reported in.
    inside = find_figures(within(nlp(sentence), attributions=[whole], voice="outlet"))
    assert [f.attribution_id for f in inside] == ["whole"] * len(expected)
    assert [f.source_name for f in inside] == [
        "Russia" if source == "outlet" else source for _, source in expected
    ]


@pytest.mark.model
def test_same_figure_at_same_offset_in_different_segments_gets_different_ids(
    nlp: Parse,
) -> None:
    (first,) = find_figures(nlp("At least 12 people were killed in Kabul."))
    (second,) = find_figures(nlp("At least 12 people were killed in Herat."))
    assert first.span == second.span
    assert first.id != second.id
