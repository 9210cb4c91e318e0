"""Place mentions: found in text, matched to the gazetteer, resolved only when one clearly wins."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from claimledger.extract.gazetteer import load_gazetteer
from claimledger.extract.places import (
    choose_candidate,
    demonym_countries,
    find_places,
    is_location,
    resolve_places,
)
from claimledger.model import PlaceMention
from parsing import parse, within

BLANK = spacy.blank("en")


def _doc(text: str, ents: Sequence[tuple[str, str]] = ()) -> Doc:
    """A tokenised Doc whose entities are the first occurrences of the given strings."""
    doc = BLANK(text)
    spans = []
    for name, label in ents:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = spans
    return doc


def _by_name(mentions: list[PlaceMention], name: str) -> PlaceMention:
    return next(m for m in mentions if m.name == name)


def test_deir_ezzor_with_syria_in_the_text_resolves_to_syria() -> None:
    text = "Fighters attacked a base near Deir Ezzor in eastern Syria."
    mentions = find_places(_doc(text, [("Deir Ezzor", "GPE"), ("Syria", "GPE")]))
    deir = _by_name(resolve_places(mentions), "Deir Ezzor")
    assert deir.resolved is not None
    assert (deir.resolved.country_code, deir.resolved.admin1) == ("SY", "Deir ez-Zor")
    assert deir.resolved.latitude is not None


def test_a_region_word_after_the_name_picks_the_governorate() -> None:
    text = "a refinery in the oil-rich Deir Ezzor region, officials said"
    mention = _by_name(find_places(_doc(text, [("Deir Ezzor", "GPE")])), "Deir Ezzor")
    assert mention.resolved is not None and mention.resolved.feature == "admin1"
    assert mention.resolved.admin1 == "Deir ez-Zor"


@pytest.mark.parametrize(
    ("written", "name", "feature"),
    [("Oklahoma City", "Oklahoma City", "city"), ("Mexico City", "Mexico City", "city"),
     ("Idlib province", "Idlib", "admin1"), ("Helmand Province", "Helmand", "admin1")],
)  # fmt: skip
def test_a_kind_word_stays_in_the_name_when_the_whole_is_a_place(
    written: str, name: str, feature: str
) -> None:
    mentions = find_places(_doc(f"Clashes in {written} today.", [(written, "GPE")]))
    assert [m.name for m in mentions] == [written]
    resolved = mentions[0].resolved
    assert resolved is not None and (resolved.name, resolved.feature) == (name, feature)


def test_a_region_word_never_drops_a_whole_country() -> None:
    text = "an attack on a village in Beni territory"
    mention = _by_name(find_places(_doc(text, [("Beni", "GPE")])), "Beni")
    assert {"CD", "BO"} <= {c.country_code for c in mention.candidates}


def test_a_village_is_found_in_the_country_the_text_names() -> None:
    text = "Missiles hit Madaya town, killing 23 people, Syria's opposition said."
    mentions = resolve_places(find_places(_doc(text, [("Madaya", "GPE"), ("Syria", "GPE")])))
    madaya = _by_name(mentions, "Madaya")
    assert madaya.resolved is not None and madaya.resolved.country_code == "SY"


def test_a_small_town_abroad_is_not_settled_when_the_text_places_itself_elsewhere() -> None:
    text = "Gunmen fired at the Mansion club in Sacramento, California, on Sunday."
    ents = [("Mansion", "GPE"), ("Sacramento", "GPE"), ("California", "GPE")]
    mentions = resolve_places(find_places(_doc(text, ents)))
    mansion = _by_name(mentions, "Mansion")
    assert mansion.candidates and mansion.resolved is None
    assert _by_name(mentions, "Sacramento").resolved is not None


@pytest.mark.parametrize("word", ["Republic", "Northeast", "Abu"])
def test_generic_words_alone_are_not_places(word: str) -> None:
    text = f"Officials from the {word} spoke."
    assert find_places(_doc(text, [(word, "GPE")])) == []
    assert find_places(_doc(text)) == []


@pytest.mark.parametrize("name", ["Georgia", "Springfield", "Tripoli", "Columbus"])
def test_ambiguous_names_stay_unresolved_without_context(name: str) -> None:
    mentions = resolve_places(find_places(_doc(f"Protests spread in {name} on Monday.")))
    mention = _by_name(mentions, name)
    assert mention.resolved is None
    assert len({(c.country_code, c.admin1) for c in mention.candidates}) > 1


@pytest.mark.parametrize(
    ("name", "code", "admin1"),
    [("Paris", "FR", "Ile-de-France"), ("Dallas", "US", "Texas"),
     ("Louisville", "US", "Kentucky")],
)  # fmt: skip
def test_a_town_ten_times_larger_than_every_namesake_wins_without_context(
    name: str, code: str, admin1: str
) -> None:
    mention = _by_name(resolve_places(find_places(_doc(f"Protests spread in {name}."))), name)
    assert mention.resolved is not None
    assert (mention.resolved.country_code, mention.resolved.admin1) == (code, admin1)


@pytest.mark.parametrize(
    ("name", "context", "code", "feature"),
    [
        ("Georgia", "US", "US", "admin1"),
        ("Georgia", "Georgia", "GE", "country"),
        ("Paris", "France", "FR", "city"),
        ("Tripoli", "LB", "LB", "city"),
        ("Tripoli", "Libya", "LY", "city"),
    ],
)
def test_context_countries_settle_ambiguous_names(
    name: str, context: str, code: str, feature: str
) -> None:
    doc = _doc(f"Protests spread in {name} on Monday.")
    mention = _by_name(find_places(doc, context_countries=[context]), name)
    assert mention.resolved is not None
    assert (mention.resolved.country_code, mention.resolved.feature) == (code, feature)


@pytest.mark.parametrize(("name", "context"), [("Paris", "United States"), ("Moscow", "US")])
def test_context_never_turns_a_world_city_into_a_small_namesake(name: str, context: str) -> None:
    doc = _doc(f"Protests spread in {name} on Monday.")
    mention = _by_name(find_places(doc, context_countries=[context]), name)
    assert mention.resolved is None


def test_nationality_words_settle_ambiguous_names() -> None:
    text = "The Lebanese army deployed in Tripoli."
    mentions = find_places(_doc(text, [("Lebanese", "NORP")]))
    assert [m.name for m in mentions] == ["Tripoli"]
    assert mentions[0].resolved is not None and mentions[0].resolved.country_code == "LB"


@pytest.mark.parametrize(
    ("text", "word", "codes"),
    [("Syrian forces and Russians", "Syrian", ("SY",)), ("Two Swiss nationals", "Swiss", ("CH",)),
     ("South Sudanese troops", "South Sudanese", ("SS",)), ("Kurds marched", "Kurds", ())],
)  # fmt: skip
def test_demonym_countries(text: str, word: str, codes: tuple[str, ...]) -> None:
    assert demonym_countries(_doc(text, [(word, "NORP")])) == codes


def test_a_country_named_elsewhere_in_the_document_settles_a_city() -> None:
    text = "Clashes broke out in Tripoli overnight. Lebanon's army deployed troops."
    mentions = resolve_places(find_places(_doc(text)))
    tripoli = _by_name(mentions, "Tripoli")
    assert tripoli.resolved is not None and tripoli.resolved.country_code == "LB"


def test_a_capital_wins_when_several_context_countries_fit() -> None:
    text = "Talks between Russia and the U.S. stalled in Moscow."
    mentions = resolve_places(find_places(_doc(text)))
    moscow = _by_name(mentions, "Moscow")
    assert moscow.resolved is not None and moscow.resolved.country_code == "RU"


@pytest.mark.parametrize("word", ["Syrian", "Russian", "Russians", "Kurds"])
def test_demonyms_are_not_place_mentions(word: str) -> None:
    text = f"The {word} forces withdrew from the area."
    assert find_places(_doc(text, [(word, "NORP")])) == []
    assert find_places(_doc(text)) == []


def test_names_the_entity_recogniser_missed_are_found_in_the_gazetteer() -> None:
    text = "Airstrikes hit Dayr az-Zawr and Al-Raqqa overnight."
    mentions = find_places(_doc(text))
    assert [m.name for m in mentions] == ["Dayr az-Zawr", "Al-Raqqa"]
    assert all(m.resolved is not None and m.resolved.country_code == "SY" for m in mentions)


@pytest.mark.parametrize(
    "text",
    ["Top it with Green onions and serve.", "Davis won the second set easily."],
)
def test_a_lone_word_naming_only_small_towns_is_not_a_place_without_an_entity(text: str) -> None:
    assert find_places(_doc(text)) == []


def test_washington_in_a_us_text_is_the_capital() -> None:
    text = "The U.S. said Washington would respond."
    mentions = resolve_places(find_places(_doc(text, [("U.S.", "GPE"), ("Washington", "GPE")])))
    washington = _by_name(mentions, "Washington")
    assert washington.resolved is not None
    assert washington.resolved.feature == "city"
    assert washington.resolved.admin1 == "District of Columbia"


def test_a_person_entity_is_never_read_as_a_town() -> None:
    text = "Obama said the talks failed."
    assert find_places(_doc(text, [("Obama", "PERSON")])) == []


def test_an_unknown_place_entity_is_kept_as_written_without_candidates() -> None:
    text = "Shelling hit Baba Amr yesterday."
    mentions = find_places(_doc(text, [("Baba Amr", "GPE")]))
    assert [(m.name, m.candidates, m.resolved) for m in mentions] == [("Baba Amr", (), None)]


def test_spans_are_document_offsets_shifted_by_the_segment_base() -> None:
    text = "Shelling near Aleppo and Homs continued."
    mentions = find_places(within(_doc(text, [("Aleppo", "GPE"), ("Homs", "GPE")]), start=1000))
    assert [(m.span.start, m.span.end) for m in mentions] == [(1014, 1020), (1025, 1029)]
    for mention in mentions:
        assert text[mention.span.start - 1000 : mention.span.end - 1000] == mention.name


def test_a_possessive_and_a_leading_article_are_not_part_of_the_name() -> None:
    text = "the Syria's army and the Gaza Strip"
    doc = _doc(text, [("the Syria's", "GPE"), ("the Gaza Strip", "LOC")])
    assert [m.name for m in find_places(doc)] == ["Syria", "Gaza Strip"]


def test_choose_candidate_keeps_ambiguity_between_countries() -> None:
    candidates = load_gazetteer().lookup("Tripoli")
    assert choose_candidate(candidates) is None
    chosen = choose_candidate(candidates, frozenset({"LB"}))
    assert chosen is not None and chosen.country_code == "LB"


def test_context_regions_settle_namesakes_within_a_country() -> None:
    candidates = load_gazetteer().lookup("Lumberton")
    assert choose_candidate(candidates, frozenset({"US"})) is None
    chosen = choose_candidate(
        candidates, frozenset({"US"}), regions=frozenset({"US|North Carolina"})
    )
    assert chosen is not None and chosen.admin1 == "North Carolina"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "!!!! ???", "Syria " * 3000, "A" * 50000, "Al- al- el- ez- -- - Al"],
)
def test_find_places_survives_text_with_no_sentences_or_garbage(text: str) -> None:
    for mention in find_places(_doc(text)):
        assert 0 <= mention.span.start < mention.span.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("Al-ez Deir Zor Paris Syria.,'’\n"), max_size=120))
def test_find_places_spans_always_match_the_text(text: str) -> None:
    for mention in find_places(_doc(text)):
        assert text[mention.span.start : mention.span.end] == mention.span.text == mention.name


@pytest.mark.model
def test_reference_page_places(reference_page_path: Path) -> None:

    text = reference_page_path.read_text(encoding="utf-8")
    mentions = resolve_places(find_places(parse(text)))
    deir = [m for m in mentions if m.name == "Deir Ezzor"]
    assert len(deir) == 2
    for mention in deir:
        assert mention.resolved is not None
        assert (mention.resolved.country, mention.resolved.admin1) == ("Syria", "Deir ez-Zor")
    names = {m.name for m in mentions}
    assert not names & {"Syrian", "Russian", "Russians", "Kurds"}
    syria = _by_name(mentions, "Syria")
    assert syria.resolved is not None and syria.resolved.feature == "country"
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.name


@pytest.mark.model
def test_a_town_the_model_takes_for_a_person_is_a_place_after_in() -> None:

    doc = parse("Rebels attacked an army base in Goma on Saturday, killing 12 soldiers.")
    assert "Goma" in [p.name for p in find_places(doc)]
    named = parse("Goma said the army base had held.")
    assert "Goma" not in [p.name for p in find_places(named)]


# Local US news: (sentence, a place as written, the admin-1 it settles in, or None). Each
# expression has a near miss after it.
US_PLACES = [
    ("HOUSTON – A man was shot Sunday night, police said.", "HOUSTON", "Texas"),
    ("HAMPTON, Va. – Police conducted a death investigation.", "HAMPTON", "Virginia"),
    ("Five people were injured in a shooting in Elgin, Ill., early Sunday.", "Elgin", "Illinois"),
    ("Five people were injured in a shooting in Elgin, police said.", "Elgin", None),
    # a town that bears a country's name, narrowed by its state; alone, the country
    ("LEBANON, Tenn. (WKRN) – A 10-year-old boy shot himself.", "LEBANON", "Tennessee"),
    ("A boy shot himself in Lebanon, police said.", "Lebanon", None),
    # a village the gazetteer lacks, known by the state written after it; a county's name
    # after the comma is no state
    ("SANBORN, N.D. (KFGO) – A boy was shot at a home.", "SANBORN", "North Dakota"),
    ("A man was shot in Chester, Delaware County, on Sunday.", "Chester", "Pennsylvania"),
    # a town whose name ends in a word of a way or a building other than a road's
    ("Police in Brooklyn Center are looking for four men.", "Brooklyn Center", "Minnesota"),
    ("A man was shot in Federal Way on Sunday, police said.", "Federal Way", "Washington"),
    # a part of a state named by its direction; a state whose own name starts with one
    ("Police across Central Florida are looking for the man.", "Central Florida", "Florida"),
    ("Police across West Virginia are looking for the man.", "West Virginia", "West Virginia"),
    # a large city's short name
    ("KCK police release the name of a teen shot on Sunday.", "KCK", "Kansas"),
    ("A man was shot in NYC on Sunday.", "NYC", "New York"),
    ("Buckeye police are investigating the death of a girl.", "Buckeye", "Arizona"),
    ("Memphis Police tell FOX13 a shooting took place downtown.", "Memphis", "Tennessee"),
    ("A deputy was shot in unincorporated Harris County, Texas.", "Harris County", "Texas"),
    ("A deputy was shot in unincorporated Harris County.", "Harris County", None),
    ("A 3-year-old died after a shooting in Lumberton. Robeson County deputies said.",
     "Lumberton", "North Carolina"),
    ("A 3-year-old died after a shooting in Lumberton.", "Lumberton", None),
    # a quarter named by its direction is the town's ("North Austin" is no village in England)
    ("A man was shot Sunday in North Austin, police said.", "North Austin", "Texas"),
    ("A man was shot Sunday in North Las Vegas, police said.", "North Las Vegas", "Nevada"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "admin1"), US_PLACES)
def test_local_news_places_settle_in_their_state(text: str, name: str, admin1: str | None) -> None:
    mentions = resolve_places(find_places(within(parse(text))))
    mention = _by_name(mentions, name)
    assert (mention.resolved.admin1 if mention.resolved else None) == admin1


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Officers responded to the 300 block of North Street at 3 a.m.",
        "The shooting happened near Plano Road and Second Street.",
    ],
)
def test_an_address_is_not_a_town(text: str) -> None:
    names = [m.name for m in find_places(within(parse(text)))]
    assert not any(name.endswith(("Street", "Road")) for name in names)


@pytest.mark.model
def test_a_road_is_a_road_where_a_quarter_elsewhere_bears_its_name() -> None:
    # Chicago's Grand Boulevard community area is no place on Kansas City's Grand Boulevard
    text = "Four people were shot outside a jazz club on Grand Boulevard early Sunday."
    assert "Grand Boulevard" not in [m.name for m in find_places(within(parse(text)))]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("It happened in the 5000 block of Kensington Avenue. Four were shot on Kensington.",
         False),
        # near misses: the town itself, and "on" before a street the text never names
        ("A man was shot on Kensington Avenue. He lived in Kensington.", True),
        ("Four were shot on Kensington, police said.", True),
    ],
)
def test_a_street_named_in_full_once_is_a_street_when_alone_after_on(
    text: str, town: bool
) -> None:
    names = [m.name for m in find_places(within(parse(text)))]
    assert ("Kensington" in names) == town


@pytest.mark.model
def test_a_neighbourhood_is_placed_in_the_town_the_text_names() -> None:
    text = "A man was shot in Chicago's Englewood neighborhood on Sunday."
    mention = _by_name(resolve_places(find_places(within(parse(text)))), "Englewood")
    assert mention.resolved is not None and mention.resolved.name == "Chicago"
    alone = "A man was shot in Englewood on Sunday."
    mention = _by_name(resolve_places(find_places(within(parse(alone)))), "Englewood")
    assert mention.resolved is None or mention.resolved.name == "Englewood"


@pytest.mark.model
def test_a_dateline_is_where_the_story_happens() -> None:
    doc = within(parse("HOUSTON – A mother and a father were shot on a highway."))
    located = [(m.name, is_location(m, doc)) for m in find_places(doc)]
    assert ("HOUSTON", True) in located


# A document's names settle each other, a name never itself. (name as written, its candidates'
# lookup name, whether it is settled, the admin-1 it settles in.)
def _mention(name: str, start: int) -> PlaceMention:
    """A mention as find_places makes it from a sentence that says nothing else."""
    from claimledger.extract.place_choice import own_names_first
    from claimledger.model import Span

    gazetteer = load_gazetteer()
    candidates = own_names_first(gazetteer.lookup(name), name)
    return PlaceMention(
        span=Span(start, start + len(name), name),
        name=name,
        candidates=candidates,
        resolved=choose_candidate(candidates, capitals=gazetteer.capitals),
    )


def _settled(*names: str) -> dict[str, str | None]:
    mentions = [_mention(name, 100 * i) for i, name in enumerate(names)]
    return {
        m.name: (m.resolved.admin1 if m.resolved else None) for m in resolve_places(mentions)
    }


DOCUMENT_PLACES = [
    # a county's state settles a town; its namesake county in another state does not
    (("Lumberton", "Robeson County"), "Lumberton", "North Carolina"),
    (("Lumberton", "Harris County"), "Lumberton", None),
    # a large city the story names outweighs a namesake's size ("Brooklyn" of Baltimore)
    (("Brooklyn", "Baltimore"), "Brooklyn", "Maryland"),
    (("Brooklyn",), "Brooklyn", "New York"),
    # a small town's state is too weak to move a much larger namesake
    (("Memphis", "Lackawanna"), "Memphis", "Tennessee"),
    (("Memphis", "Shelby County"), "Memphis", "Tennessee"),
    # a state named outright beats a large city named in passing ("St. Louis in Illinois")
    (("Alton", "St. Louis", "Illinois"), "Alton", "Illinois"),
    (("Alton", "St. Louis"), "Alton", "Missouri"),
    # a small town in another state than the one the story names is a stray reading
    (("Lackawanna", "Florida"), "Lackawanna", None),
    (("Lackawanna", "New York"), "Lackawanna", "New York"),
]  # fmt: skip


@pytest.mark.parametrize(("names", "name", "admin1"), DOCUMENT_PLACES)
def test_a_documents_names_settle_each_other(
    names: tuple[str, ...], name: str, admin1: str | None
) -> None:
    assert _settled(*names)[name] == admin1


def test_a_name_never_settles_itself() -> None:
    # Terrebonne: a city in Quebec and a village in Oregon; the parish of Louisiana names no
    # town of that name, and a repeated "Terrebonne" is no context for itself.
    settled = _settled("Terrebonne", "Terrebonne", "Terrebonne Parish")
    assert settled["Terrebonne"] != "Quebec"
    assert settled["Terrebonne Parish"] == "Louisiana"


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Cleveland", "Ohio"), ("St. Louis", "Missouri"), ("Stockton", "California"),
     ("Paterson", "New Jersey"), ("Columbus", None), ("Springfield", None)],
)  # fmt: skip
def test_ap_dateline_cities_and_own_names_win_their_namesakes(
    name: str, admin1: str | None
) -> None:
    assert _settled(name)[name] == admin1


def test_a_state_the_document_names_still_moves_a_dateline_city() -> None:
    assert _settled("Cleveland", "Tennessee")["Cleveland"] == "Tennessee"


@pytest.mark.parametrize(
    ("name", "spelling", "kept"),
    [("Stockton", "Camden", False),  # GeoNames spells Camden, New Jersey, so too
     ("St. Charles", "Denver", False),  # an old name of Denver, beside towns of 65,000
     ("Lake Worth", "Lake Worth Beach", True),  # renamed; the Lake Worth left is a village
     ("Canton", "Guangzhou", True),  # a city of a million keeps its old name
     ("Bombay", "Mumbai", True)],
)  # fmt: skip
def test_a_town_known_by_a_name_only_as_a_spelling_stays_only_if_larger(
    name: str, spelling: str, kept: bool
) -> None:
    from claimledger.extract.place_choice import own_names_first

    names = {c.name for c in own_names_first(load_gazetteer().lookup(name), name)}
    assert (spelling in names) == kept


def test_a_reading_made_without_context_does_not_outlive_the_documents_verdict() -> None:
    # "Canton" alone is Guangzhou by size; in a story placed in the US it is ambiguous.
    assert _settled("Canton", "Fulton County")["Canton"] != "Guangdong"


@pytest.mark.parametrize(
    ("name", "settled"),
    [("Missouri", ("Missouri", "admin1")), ("Texas", ("Texas", "admin1")),
     ("New York", ("New York City", "city")), ("Georgia", None), ("Florida", None)],
)  # fmt: skip
def test_a_state_named_alone_is_the_state_not_a_village_or_a_spelling(
    name: str, settled: tuple[str, str] | None
) -> None:
    mention = _mention(name, 0)
    found = mention.resolved
    assert (None if found is None else (found.name, found.feature)) == settled


def test_a_dateline_town_is_never_a_stray_reading() -> None:
    # The reporter is in the dateline's town, whatever other state the story names.
    assert _settled("IDAHO FALLS", "California")["IDAHO FALLS"] == "Idaho"
    assert _settled("Idaho Falls", "California")["Idaho Falls"] is None


@pytest.mark.parametrize(
    ("text", "names"),
    [("QUESTION OF THE VIOLATION OF HUMAN RIGHTS BY THE SECRETARY", []),
     ("FIGHTING REACHED DEIR EZZOR ON MONDAY NIGHT", []),
     ("Fighting reached DEIR EZZOR on Monday night.", ["DEIR EZZOR"])],
)  # fmt: skip
def test_a_line_set_in_capitals_names_no_place_by_its_capitals(
    text: str, names: list[str]
) -> None:
    assert [m.name for m in find_places(_doc(text))] == names


def test_context_leaves_a_city_of_half_a_million_ambiguous_not_moved_to_a_small_namesake() -> None:
    # "Russian invaders ... in Donetsk": the nationality does not make Donetsk the Russian town
    candidates = load_gazetteer().lookup("Donetsk")
    chosen = choose_candidate(candidates, frozenset({"RU"}))
    assert chosen is None or chosen.country_code == "UA"
    assert choose_candidate(candidates, frozenset({"UA"})) is not None


# A local news site's address as a weak hint of its home state; each with a near miss.
HOMES = [
    ("http://www.fox13memphis.com/news/child-shot", "US|Tennessee"),
    ("http://www.fox13news.com/news/child-shot", None),
    ("http://web.archive.org/web/20160909144532/http://connecticut.news12.com:80/news/a",
     "US|Connecticut"),
    ("http://web.archive.org/web/20160909144532/http://www.news12.com:80/news/a", None),
    ("http://www.houstonchronicle.com/news/a", "US|Texas"),
    ("http://www.oaklandpress.com/news/a", None),  # Oakland, California; Oakland County, Mich.
    ("http://www.detroitnews.com/story/a", "US|Michigan"),
    ("http://www.trentonian.com/news/a", None),  # no Renton, Washington, inside a word
    # a state's name inside the address ("Northwest Georgia News"), but not a town's
    ("http://www.northwestgeorgianews.com/rome/news/a", "US|Georgia"),
    ("http://www.semissourian.com/story/a", "US|Missouri"),
    ("http://www.kansascity.com/news/a", None),  # two Kansas Citys, not the state of Kansas
    ("", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("site", "state"),
    [
        ("WALB.com, South Georgia News, Weather, Sports", "Georgia"),
        ("KiiiTV.com South Texas, Corpus Christi, Coastal Bend", "Texas"),
        ("West Virginia MetroNews", "West Virginia"),
        # a city's "Kansas", and Washington, which is also the capital's, name no state
        ("KCTV5 Kansas City", None),
        ("WJLA Washington", None),
    ],
)
def test_a_site_s_name_may_name_its_state_in_words(site: str, state: str | None) -> None:
    from claimledger.extract.place_choice import _state_words

    found = _state_words().search(site)
    assert (found["state"] if found else None) == state


@pytest.mark.parametrize(("url", "region"), HOMES)
def test_a_local_sites_address_names_its_home_state(url: str, region: str | None) -> None:
    from claimledger.extract.place_choice import home_region

    assert home_region(url) == region


def test_names_left_unsettled_are_read_in_the_sites_home_state() -> None:
    from claimledger.extract.place_choice import settle_at_home

    lansing = _mention("Lansing", 0)
    assert lansing.resolved is None
    [home] = settle_at_home([lansing], "US|Michigan")
    assert home.resolved is not None and home.resolved.admin1 == "Michigan"
    [away] = settle_at_home([lansing], "US|Alaska")
    assert away.resolved is None


def test_the_one_state_a_document_s_unsettled_names_share_is_its_home() -> None:
    from claimledger.extract.place_choice import settle_at_home, shared_state

    beaufort, bluffton = _mention("Beaufort", 0), _mention("Bluffton", 30)
    assert beaufort.resolved is None and bluffton.resolved is None
    assert shared_state([beaufort, bluffton]) == "US|South Carolina"
    settled = settle_at_home([beaufort, bluffton], shared_state([beaufort, bluffton]))
    assert [m.resolved.admin1 for m in settled if m.resolved] == ["South Carolina"] * 2
    # one name alone, or names sharing no state more than another, settle nothing
    assert shared_state([beaufort]) is None
    assert shared_state([beaufort, beaufort]) is None
    from claimledger.model import PlaceCandidate, Span

    def unsettled(name: str, *states: str) -> PlaceMention:
        towns = tuple(PlaceCandidate(name=name, feature="city", country_code="US",
                                     country="United States", admin1=state, population=5000)
                      for state in states)
        return PlaceMention(span=Span(0, len(name), name), name=name, candidates=towns)

    # two states shared by as many names each: no home
    assert shared_state([unsettled("Ashland", "Ohio", "Oregon", "Kentucky"),
                         unsettled("Salem", "Ohio", "Oregon")]) is None
    # a name one namesake dwarfs counts for that one's state: Savannah, Georgia, not New York
    assert shared_state([_mention("Savannah", 0), _mention("Chatham", 20)]) is None


@pytest.mark.model
def test_a_quarter_named_by_its_direction_resolves_to_the_town() -> None:
    mentions = find_places(within(parse("A man was shot in East Oakland on Sunday.")))
    quarter = _by_name(mentions, "East Oakland")
    assert quarter.candidates and all(c.name == "Oakland" for c in quarter.candidates)
    whole = _by_name(find_places(within(parse("A man was shot in North Las Vegas."))),
                     "North Las Vegas")
    assert whole.resolved is not None and whole.resolved.name == "North Las Vegas"
    ward = _by_name(find_places(within(parse("A man was shot in the West Ward of Trenton."))),
                    "West Ward")
    assert not any(c.name == "Ward" for c in ward.candidates)


@pytest.mark.model
def test_a_name_the_text_narrows_once_is_that_place_everywhere() -> None:
    text = "PUEBLO, Colo. - Pueblo police say a teenager was shot Monday night."
    pueblo = _by_name(resolve_places(find_places(within(parse(text)))), "Pueblo")
    assert pueblo.resolved is not None and pueblo.resolved.admin1 == "Colorado"
    alone = "Pueblo police say a teenager was shot Monday night."
    pueblo = _by_name(resolve_places(find_places(within(parse(alone)))), "Pueblo")
    assert pueblo.resolved is None or pueblo.resolved.admin1 != "Colorado"


@pytest.mark.parametrize(
    ("text", "town", "county", "state"),
    [
        ("A man was shot and killed in Allison on Friday, the Butler County sheriff said.",
         "Allison", "Butler County", "Iowa"),
        ("Two people were wounded in Augusta on Tuesday, Richmond County deputies said.",
         "Augusta", "Richmond County", "Georgia"),
        ("A teen was shot in Princeton on Monday, Mercer County deputies said.",
         "Princeton", "Mercer County", None),  # New Jersey's or West Virginia's: both fit
    ],
)  # fmt: skip
def test_a_town_and_the_county_it_lies_in_settle_each_other(
    text: str, town: str, county: str, state: str | None
) -> None:
    mentions = resolve_places(find_places(_doc(text, [(town, "GPE"), (county, "GPE")])))
    for name in (town, county):
        found = _by_name(mentions, name).resolved
        assert (found.admin1 if found else None) == state


def test_a_name_ends_at_a_spaced_dash_or_bar() -> None:
    # the model's entity runs on into the site's name after the headline
    text = "Boy, 3, accidentally shot in Graves County - WPSD Local 6"
    mentions = find_places(_doc(text, [("Graves County - WPSD Local", "GPE")]))
    county = _by_name(mentions, "Graves County").resolved
    assert county is not None and county.admin1 == "Kentucky"
    # the words after the dash are read as any others
    text = "4 shot near Superdome - WAFB 9 News Baton Rouge"
    mentions = find_places(_doc(text, [("Superdome - WAFB 9 News Baton Rouge", "GPE")]))
    assert {m.name for m in mentions} == {"Superdome", "Baton Rouge"}
    text = "Man shot in Winston-Salem | WXII"
    assert [m.name for m in find_places(_doc(text, [("Winston-Salem | WXII", "GPE")]))] == [
        "Winston-Salem"
    ]


@pytest.mark.parametrize(
    ("text", "name", "county"),
    [
        ("A man shot himself in a standoff with Putnam sheriff's deputies, the Putnam County "
         "Sheriff's Office said.", "Putnam", True),  # not Putnam, Connecticut
        ("A man was shot in Baltimore on Sunday, and another in Baltimore County.",
         "Baltimore", False),  # the city
        ("A man was shot in Fresno on Sunday, Fresno County deputies said.", "Fresno", False),
    ],
)  # fmt: skip
def test_a_bare_name_beside_its_county_is_the_county_where_no_namesake_lies_in_it(
    text: str, name: str, county: bool
) -> None:
    mentions = resolve_places(find_places(_doc(text, [(name, "GPE"), (f"{name} County", "GPE")])))
    found = _by_name(mentions, name)
    assert all(c.feature == "admin2" for c in found.candidates) == county


def test_a_town_and_its_county_hold_against_the_rest_of_the_page() -> None:
    # a Columbus, Georgia station's report of Canton, Mississippi: Georgia has a Canton and a
    # Madison County, but only Mississippi's Canton lies in its Madison County
    text = ("COLUMBUS, GA - A man was arrested for shooting a girl in Canton, the Madison "
            "County sheriff said.")
    mentions = resolve_places(find_places(_doc(
        text, [("COLUMBUS", "GPE"), ("GA", "GPE"), ("Canton", "GPE"), ("Madison County", "GPE")]
    )))
    for name in ("Canton", "Madison County"):
        found = _by_name(mentions, name).resolved
        assert found is not None and found.admin1 == "Mississippi"
    assert _by_name(mentions, "COLUMBUS").resolved.admin1 == "Georgia"  # type: ignore[union-attr]


def test_an_event_place_left_ambiguous_is_its_far_largest_us_namesake() -> None:
    from claimledger.extract.place_choice import largest_us_namesake

    columbus = largest_us_namesake(_mention("Columbus", 0)).resolved  # Ohio's, 4x Georgia's
    assert columbus is not None and columbus.admin1 == "Ohio"
    brooksville = largest_us_namesake(_mention("Brooksville", 0)).resolved
    assert brooksville is not None and brooksville.admin1 == "Florida"
    for alike in ("Springfield", "Monroe", "Georgia", "Franklin County"):  # no clear winner
        assert largest_us_namesake(_mention(alike, 0)).resolved is None
    paris = _mention("Paris", 0)  # never moved off a settled reading
    assert largest_us_namesake(paris) == paris


@pytest.mark.model
def test_a_county_shortened_to_co_is_the_county() -> None:
    text = "HALIFAX CO., Va. - A woman was shot in her driveway on Sunday, deputies said."
    found = _by_name(resolve_places(find_places(within(parse(text)))), "HALIFAX CO.").resolved
    assert found is not None and (found.name, found.admin1) == ("Halifax County", "Virginia")


def test_an_event_place_in_us_local_news_leaves_namesakes_abroad_out() -> None:
    from claimledger.extract.place_choice import largest_us_namesake

    for name, state in (("Lodi", "California"), ("Toledo", "Ohio"), ("Birmingham", "Alabama")):
        assert largest_us_namesake(_mention(name, 0)).resolved is None  # Lombardy, Spain, England
        found = largest_us_namesake(_mention(name, 0), us_only=True).resolved
        assert found is not None and (found.country_code, found.admin1) == ("US", state)
    # US namesakes of like size stay apart whatever the report
    assert largest_us_namesake(_mention("Columbia", 0), us_only=True).resolved is None


@pytest.mark.parametrize(
    ("name", "state"),
    [("Harris County", "Texas"), ("Escambia County", "Florida"), ("Franklin County", None),
     ("Marion County", None), ("Montgomery County", None)],
)  # fmt: skip
def test_a_name_only_us_counties_share_is_the_county_ten_times_larger(
    name: str, state: str | None
) -> None:
    from claimledger.extract.place_choice import largest_us_namesake

    # by the people of their towns: Harris County, Texas, holds Houston
    found = largest_us_namesake(_mention(name, 0)).resolved
    assert (found.admin1 if found else None) == state


@pytest.mark.parametrize(
    ("title", "home"),
    [
        ("Child shot in Marion County - WDAM-TV 7-News, Weather, Sports-Hattiesburg, MS",
         "US|Mississippi"),
        ("Woman shot in Tupelo | WTVA News, Weather and Sports for Tupelo, Mississippi",
         "US|Mississippi"),
        ("Shooting - Police investigate death in Hartford, Conn.", None),  # a headline's clause
        ("Man shot near Columbus, Ga., and Phenix City, Ala. - WTVM", None),  # none after it
        ("Four shot outside jazz club - KCTV5", None),
        ("Man shot in Kansas City, Mo.", None),
    ],
)  # fmt: skip
def test_a_site_name_after_the_headline_gives_the_sites_home(title: str, home: str | None) -> None:
    from claimledger.extract.place_choice import title_home

    assert title_home(title, 0, []) == home


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("D.C. police are investigating a shooting that left six people injured.", "D.C."),
        ("Six injured in shooting in Southwest D.C.", "Southwest D.C."),
        ("A man was shot in Northeast DC on Sunday, police said.", "Northeast DC"),
    ],
)  # fmt: skip
def test_the_districts_abbreviation_alone_is_the_city_of_washington(text: str, name: str) -> None:
    found = _by_name(resolve_places(find_places(within(parse(text)))), name).resolved
    assert found is not None
    assert (found.name, found.feature, found.admin1) == ("Washington", "city",
                                                          "District of Columbia")
    # other states' abbreviations stand only after a town ("Elgin, Ill.")
    alone = resolve_places(find_places(within(parse("Ill. police said a man was shot."))))
    assert not any(m.name == "Ill." for m in alone)


@pytest.mark.model
def test_a_metropolitan_police_department_names_its_town() -> None:
    text = "The Las Vegas Metropolitan Police Department said four people were shot Sunday."
    mentions = resolve_places(find_places(within(parse(text))))
    towns = [m.resolved for m in mentions if m.resolved is not None]
    assert [(t.name, t.admin1) for t in towns] == [("Las Vegas", "Nevada")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Kentucky State Police say a 3-year-old boy was shot near Viola.", "Kentucky"),
        ("The Ohio State Highway Patrol said a trooper was not hurt.", "Ohio"),
        ("A man was wounded, South Dakota Highway Patrol troopers said.", "South Dakota"),
    ],
)  # fmt: skip
def test_a_state_s_own_police_names_the_state(text: str, state: str) -> None:
    mentions = resolve_places(find_places(within(parse(text))))
    states = [m.resolved.name for m in mentions
              if m.resolved is not None and m.resolved.feature == "admin1"]
    assert states == [state]


@pytest.mark.model
def test_a_university_s_police_name_no_state() -> None:
    text = "Ohio State University police said a student was shot near the campus."
    mentions = resolve_places(find_places(within(parse(text))))
    assert not any(m.resolved is not None and m.resolved.feature == "admin1" for m in mentions)


@pytest.mark.model
@pytest.mark.parametrize("state", ["Texas", "Ohio", "Maine", "Iowa"])
def test_a_state_ap_never_abbreviates_is_a_place_standing_alone(state: str) -> None:
    mentions = resolve_places(find_places(within(parse(f"A man was shot in {state} on Sunday."))))
    assert [(m.name, m.resolved.feature if m.resolved else None) for m in mentions] == [
        (state, "admin1")]
