"""How US local news names the town of a story: datelines, streets, neighbourhoods of a large
town, and a town's far larger namesake."""

from __future__ import annotations

import pytest

from claimledger.events import _in_large_town
from claimledger.extract.gazetteer import load_gazetteer
from claimledger.extract.place_choice import largest_us_namesake
from claimledger.extract.place_qualifiers import find_dateline
from claimledger.extract.places import find_places, is_location, resolve_places
from claimledger.model import PlaceMention, Span
from parsing import parse, within
from test_places import _mention


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("BLUFFTON, Ind. (WANE) A man was killed Tuesday night.", "Indiana"),
        ("LOUISVILLE, Ky. (WHAS11) - A man was killed.", "Kentucky"),
        # no state and no dash: a line that starts with a name in capitals, no dateline
        ("BLUFFTON (WANE) A man was killed Tuesday night.", None),
        ("ELGIN, Ill. police said a man was killed.", None),
    ],
)
def test_a_dateline_may_leave_out_the_dash_after_its_state_and_outlet(
    text: str, state: str | None
) -> None:
    dateline = find_dateline(text, load_gazetteer())
    found = dateline.state.name if dateline is not None and dateline.state else None
    assert found == state


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("DeLand police said an 8-year-old boy was critically injured.", "DeLand", "Florida"),
        ("McKeesport police are investigating the shooting.", "McKeesport", "Pennsylvania"),
    ],
)
def test_a_town_written_with_a_capital_inside_is_named_by_its_police(
    text: str, town: str, state: str
) -> None:
    found = {(m.name, m.resolved.admin1 if m.resolved else None)
             for m in resolve_places(find_places(within(parse(text))))}
    assert (town, state) in found


@pytest.mark.model
def test_a_dateline_s_town_is_a_place_though_its_name_is_a_common_word() -> None:
    text = "INDEPENDENCE, Mo. - A man has been charged in the shooting death of a teenager."
    found = {(m.name, m.resolved.admin1 if m.resolved else None)
             for m in find_places(within(parse(text)))}
    assert ("INDEPENDENCE", "Missouri") in found
    # the same word in a sentence is no place
    text = "The team won its independence from the league on Monday."
    assert find_places(within(parse(text))) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "street", "town"),
    [
        ("Two men were killed near Thompson and Colorado avenues on Sunday.", "Colorado", None),
        ("The shooting happened on South Maryland Parkway in the central valley.", "Parkway",
         None),
        # a street word in lower case after a town is a street of that town
        ("A man was found shot on a Brooklyn street on Sunday.", None, "Brooklyn"),
    ],
)  # fmt: skip
def test_a_name_in_a_street_name_is_no_town(
    text: str, street: str | None, town: str | None
) -> None:
    names = [m.name for m in find_places(within(parse(text)))]
    assert street is None or street not in names
    assert town is None or town in names


@pytest.mark.model
def test_a_neighbourhood_named_like_a_town_elsewhere_is_in_the_town_the_text_names() -> None:
    text = (
        "A boy was shot to death in Austin on Saturday. He was shot in the Austin neighborhood "
        "on the West Side, according to Chicago police."
    )
    mentions = resolve_places(find_places(within(parse(text))))
    towns = {(m.name, m.resolved.name if m.resolved else None) for m in mentions}
    assert ("Austin", "Chicago") in towns and ("Austin", "Austin") not in towns
    alone = "A boy was shot to death in Austin on Saturday, police said."
    mentions = resolve_places(find_places(within(parse(alone))))
    assert [m.resolved.admin1 for m in mentions if m.resolved] == ["Texas"]


@pytest.mark.model
def test_a_name_narrowed_two_ways_is_the_place_the_text_also_names() -> None:
    # "South Austin" alone is Austin, Texas; as a neighbourhood beside Chicago's police it is
    # Chicago, and so is the headline's
    text = (
        "A 17-year-old boy was killed in a South Austin shooting. He was shot in the South "
        "Austin neighborhood on the West Side, according to Chicago police."
    )
    mentions = resolve_places(find_places(within(parse(text))))
    quarters = [m for m in mentions if m.name == "South Austin"]
    assert len(quarters) == 2
    assert all(m.resolved is not None and m.resolved.name == "Chicago" for m in quarters)


def test_a_far_larger_us_town_wins_over_units_that_share_only_its_name() -> None:
    charlotte = largest_us_namesake(_mention("Charlotte", 0)).resolved  # a parish of Saint Vincent
    assert charlotte is not None and charlotte.admin1 == "North Carolina"
    savannah = largest_us_namesake(_mention("Savannah", 0)).resolved  # a region of Ghana
    assert savannah is not None and savannah.admin1 == "Georgia"
    # ... unless the document settles a place in that unit's country
    assert largest_us_namesake(_mention("Savannah", 0), frozenset({"GH"})).resolved is None
    assert largest_us_namesake(_mention("Springfield", 0)).resolved is None
    # towns that carry the name only as another spelling do not compete: "Silver City" is
    # Meriden, Connecticut's nickname; "Enfield Town" in London is written "Enfield" too
    for name, state in (("Silver City", "New Mexico"), ("Enfield", "Connecticut")):
        found = largest_us_namesake(_mention(name, 0)).resolved
        assert found is not None and (found.name, found.admin1) == (name, state)


def test_an_unsettled_place_lies_in_the_one_large_town_the_document_settles() -> None:
    whitehaven = PlaceMention(  # only a town in England carries the name
        span=Span(0, 10, "Whitehaven"),
        name="Whitehaven",
        candidates=_mention("Whitehaven", 0).candidates,
        resolved=None,
    )
    memphis, nashville = _mention("Memphis", 40), _mention("Nashville", 80)
    placed = _in_large_town(whitehaven, [whitehaven, memphis])
    assert placed.name == "Whitehaven"
    assert placed.resolved is not None and placed.resolved.name == "Memphis"
    # two large towns: which one is not said
    assert _in_large_town(whitehaven, [whitehaven, memphis, nashville]).resolved is None
    # a namesake in the large town's state: the place may be that town, not a part of Memphis
    franklin = PlaceMention(
        span=Span(0, 8, "Franklin"), name="Franklin",
        candidates=_mention("Franklin", 0).candidates, resolved=None,
    )
    assert _in_large_town(franklin, [franklin, memphis]).resolved is None
    # the one namesake near the large town, across a state line: that town, not a part of Fargo
    perham = PlaceMention(
        span=Span(0, 6, "Perham"), name="Perham",
        candidates=_mention("Perham", 0).candidates, resolved=None,
    )
    near = _in_large_town(perham, [perham, _mention("Fargo", 40)]).resolved
    assert near is not None and (near.name, near.admin1) == ("Perham", "Minnesota")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # a word the text uses for a person more often than for a place is that person
        ("Gladys Garland has been checking her mail for years. \"It was quiet,\" Garland said. "
         "Garland heard the shots around 1 a.m.", "Garland", False),
        ("A man was shot in Garland on Sunday. Gladys Garland heard the shots.", "Garland", True),
        # a common noun the model took for a place in a headline's capitals
        ("Five Are Shot at a Home in Newark", "Home", False),
        ("Five Are Shot at a Home in Newark", "Newark", True),
    ],
)  # fmt: skip
def test_a_person_or_a_common_noun_is_no_place(text: str, name: str, found: bool) -> None:
    names = [m.name for m in find_places(within(parse(text)))]
    assert (name in names) == found


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "name", "located"),
    [
        # the site's name and market after the headline: not where the story happened
        ("Suspect identified in shooting at Trigg County home - WFSB 3 Connecticut",
         "Connecticut", False),
        # a second clause after a dash still says what happened where
        ("Update: Shooting - Police investigate death in Hartford", "Hartford", True),
        ("Woman killed in Hartford shooting | Hartford Courant", "Hartford", True),
        # a name the parser joined to the site's name after it stands where that name stands
        ("UPDATE: 3-year-old boy accidentally shot in Graves County - WPSD Local 6: Your news, "
         "weather, and sports authority", "Graves County", True),
    ],
)  # fmt: skip
def test_a_place_in_the_site_name_after_a_headline_is_no_location(
    title: str, name: str, located: bool
) -> None:
    doc = within(parse(title), kind="title")
    assert any(m.name == name and is_location(m, doc) == located for m in find_places(doc))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # a small town the model takes for an organisation, after "in": a place
        ("Deputies are investigating a shooting in Immokalee that left a teenager injured.",
         "Immokalee", True),
        ("A boy was hit with buckshot at the dog park in Enfield on Saturday night.", "Enfield",
         True),
        # after "at" such a word is a company's or a building's as often
        ("A man was shot at Enfield on Saturday night.", "Enfield", False),
    ],
)  # fmt: skip
def test_a_town_taken_for_an_organisation_after_in_is_a_place(
    text: str, name: str, found: bool
) -> None:
    names = [m.name for m in find_places(within(parse(text)))]
    assert (name in names) == found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the town people come from, however small
        ("Two Brockton men were charged in the shootings.", ["Brockton"]),
        ("An Evansville man was arrested on Sunday.", ["Evansville"]),
        # a number or an article before the word is no part of a town's name
        ("Four men were shot outside a bar on Sunday.", []),
    ],
)  # fmt: skip
def test_a_town_is_named_by_its_people(text: str, names: list[str]) -> None:
    assert [m.name for m in find_places(within(parse(text)))] == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the model reads a hyphenated town as an organisation, a small town as a date
        ("A man was shot and killed in Wilkes-Barre on Friday night.",
         {("Wilkes-Barre", "Pennsylvania")}),
        ("A woman was shot in Fellsmere on Friday, deputies said.", {("Fellsmere", "Florida")}),
        ("A woman was shot in May, deputies said.", set()),
    ],
)
def test_a_town_the_model_labels_otherwise_after_in_is_a_place(
    text: str, found: set[tuple[str, str]]
) -> None:
    places = {(m.name, m.resolved.admin1 if m.resolved else None)
              for m in resolve_places(find_places(within(parse(text))))}
    assert places == found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Three victims were taken to Grant Medical Center by helicopter.", []),
        ("He remained in critical condition, a Floyd Medical Center spokesman said.", []),
        ("He was taken to Miami Valley Hospital in Dayton.", ["Dayton"]),
    ],
)
def test_a_name_before_a_hospital_s_word_names_the_hospital(text: str, names: list[str]) -> None:
    assert [m.name for m in find_places(within(parse(text)))] == names


def test_a_name_the_site_s_address_carries_is_the_site_s_town() -> None:
    from claimledger.extract.place_choice import settle_at_address_town

    def unsettled(name: str) -> PlaceMention:
        return PlaceMention(span=Span(0, len(name), name), name=name,
                            candidates=_mention(name, 0).candidates, resolved=None)

    ponca = unsettled("Ponca City")
    found = settle_at_address_town([ponca], "http://poncacitynews.com/City-Briefs")[0].resolved
    assert found is not None and (found.name, found.admin1) == ("Ponca City", "Oklahoma")
    assert settle_at_address_town([ponca], "http://www.example.com/a")[0].resolved is None
    # a name several US towns bear stays open: the address names the town, not its state
    helena = unsettled("Helena")
    assert settle_at_address_town([helena], "http://helenair.com/news/a")[0].resolved is None
