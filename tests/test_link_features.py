"""Linking's parts on hand-built pages: profiles, blocking, the coherence of clusters, and local
news where the people named decide what links."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest

from claimledger.link import LinkOptions, coherent_groups, compare_events, link_events
from claimledger.link_blocking import _ranks, candidate_documents, distinct, event_pairs
from claimledger.link_features import (
    FEATURES,
    EventTable,
    ages_in,
    body_lines,
    count_corpus,
    outlet_of,
    profile_documents,
)
from claimledger.model import (
    Count,
    DateMention,
    Document,
    Event,
    Figure,
    Person,
    Segment,
    Span,
    content_id,
)


def page(text: str, title: str, published: str | None = "2016-05-02", **fields: str) -> Document:
    return Document(id=content_id(title + text), text=text, title=title, published=published,
                    **fields)  # type: ignore[arg-type]


def event_of(document: Document, *, day: str | None = None, people: tuple[str, ...] = (),
             event_type: str = "Violence against civilians") -> Event:
    trigger = Span(0, 4, document.text[:4])
    return Event(
        id=f"e-{document.id}", document_id=document.id, trigger=trigger, event_type=event_type,
        date=DateMention(span=trigger, value=day) if day else None, person_ids=people,
    )


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("A 17-year-old boy was shot.", {17}),
        ("Malik McMillian, 17, and Ann Lee, 24, were hit.", {17, 24}),
        ("The 2-year-old girl and a 45 year old man", {2, 45}),
        ("In 2015, 300 people were shot.", set()),
    ],
)
def test_ages_are_read_from_year_old_and_name_comma_age(text: str, ages: set[int]) -> None:
    assert ages_in(text) == ages


def test_the_outlet_of_an_archived_page_is_the_host_it_archived() -> None:
    archived = page("x", "t", url="http://web.archive.org/web/2014/http://www.wral.com/news/1")
    assert outlet_of(archived) == "wral.com"
    assert outlet_of(page("x", "t", outlet="Kivu Observer")) == "kivu observer"
    assert outlet_of(page("x", "t")) is None


def test_chrome_and_comments_are_not_read() -> None:
    text = "Body line.\nShare this\nA comment"
    document = Document(id="d", text=text, segments=(
        Segment("body", 0, 10), Segment("chrome", 11, 21), Segment("comments", 22, 31)))
    assert body_lines(document) == ["Body line."]


def test_a_line_on_pages_with_three_titles_is_boilerplate() -> None:
    notice = "Already a subscriber? Click here to log in to your account."
    pages = [page(f"{notice}\nStory number {i} about a shooting.", f"Title {i}")
             for i in range(3)]
    counts = count_corpus(pages)
    table = profile_documents(pages, counts)
    subscriber = counts.vocabulary["subscriber"]
    assert all(subscriber not in table.words[i].indices for i in range(3))
    # the same line on reprints of one story (one title) is reporting, not chrome
    reprints = [page(f"{notice}\nStory {i}.", "One title") for i in range(3)]
    reprint_counts = count_corpus(reprints)
    assert not reprint_counts.boilerplate


def test_capitalised_words_away_from_a_sentence_start_are_names() -> None:
    pages = [page("Police said Jamar Wooden was shot. Police found him near Elm Street. "
                  "Shot twice, Wooden survived.", "t")]
    counts = count_corpus(pages)
    names = {word for word, i in counts.vocabulary.items() if counts.names[i]}
    assert {"jamar", "wooden", "elm", "street"} <= names
    assert "shot" not in names and "police" not in names


def _chain_pairs() -> tuple[np.ndarray, np.ndarray]:
    return np.array([0, 1]), np.array([1, 2])


def test_one_strong_link_does_not_chain_a_third_event_into_a_pair() -> None:
    # 0-1 and 1-2 are strong, 0 and 2 were never compared: a mean of (0.8 + 0) / 2 < 0.5
    a, b = _chain_pairs()
    kept = coherent_groups(a, b, np.array([0.9, 0.8]), threshold=0.5, coherence=0.5)
    assert kept == [0]
    assert coherent_groups(a, b, np.array([0.9, 0.8]), threshold=0.5, coherence=0.3) == [0, 1]


def test_links_inside_a_group_are_kept_even_when_they_did_not_join_it() -> None:
    a, b = np.array([0, 1, 0]), np.array([1, 2, 2])
    kept = coherent_groups(a, b, np.array([0.9, 0.8, 0.7]), threshold=0.5, coherence=0.5)
    assert kept == [0, 1, 2]


def _blocking(pages: list[Document], **options: int) -> set[tuple[int, int]]:
    counts = count_corpus(pages)
    table = profile_documents(pages, counts)
    settings = {"window_days": 30, "neighbours": 5, "per_document": 24} | options
    a, b = candidate_documents(table, counts.df, counts.idf(), max_key_share=0.5, **settings)
    return set(zip(a.tolist(), b.tolist(), strict=True))


def test_pages_sharing_a_rare_name_within_the_window_are_compared() -> None:
    pages = [
        page("Deputies said Dsean Archilles was shot on Lemonwood Road.", "Teen shot",
             "2016-05-01"),
        page("Dsean Archilles died at the hospital, deputies said.", "Victim dies", "2016-05-03"),
        page("Dsean Archilles was remembered at a vigil.", "Vigil", "2017-09-01"),
        page("A council meeting discussed the budget for parks.", "Budget", "2016-05-02"),
    ]
    pairs = _blocking(pages)
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (1, 2) not in pairs  # 16 months later: outside the window
    assert not any(3 in pair for pair in pairs)


def test_a_key_on_many_pages_gives_each_page_at_most_its_neighbours() -> None:
    pages = [page(f"Shooting on Maplewood Avenue, report {i} of the zelkova watch.",
                  f"Report {i}", "2016-05-01") for i in range(40)]
    pairs = _blocking(pages, neighbours=4)
    assert 0 < len(pairs) <= 40 * 4
    partners = np.bincount(np.array([x for pair in pairs for x in pair]), minlength=40)
    assert partners.max() <= 2 * 4


def test_every_event_of_one_page_is_paired_with_every_event_of_the_other() -> None:
    events = EventTable(
        events=[], document=np.array([0, 0, 1, 2, 2, 2]), day=np.zeros(6), stated_day=np.zeros(6),
        page_day=np.zeros(6),
        country=np.zeros(6), firm_country=np.ones(6), region=np.zeros(6), county=np.zeros(6),
        level=np.zeros(6), kind=np.zeros(6),
        place=np.zeros(6), resolved=np.zeros(6), family=np.zeros(6), killed=np.zeros(6),
        injured=np.zeros(6), surnames=None, name_starts=np.zeros(7, dtype=np.int64),
        first_names=np.zeros(0, dtype=np.int64), last_names=np.zeros(0, dtype=np.int64),
    )
    first, second = event_pairs(events, np.array([0, 1]), np.array([2, 2]))
    assert sorted(zip(first.tolist(), second.tolist(), strict=True)) == [
        (0, 3), (0, 4), (0, 5), (1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (2, 5)]


def test_distinct_values_and_their_places_are_numpy_s_unique() -> None:
    values = np.random.default_rng(3).integers(-50, 50, size=2000)
    found, inverse = distinct(values)
    expected, expected_inverse = np.unique(values, return_inverse=True)
    assert found.tolist() == expected.tolist()
    assert inverse.tolist() == expected_inverse.tolist()
    empty, nowhere = distinct(np.zeros(0, dtype=np.int64))
    assert len(empty) == 0 and len(nowhere) == 0


@pytest.mark.parametrize("scale", [1, 1 << 40])  # the second cannot be one 63-bit key
def test_each_pair_is_ranked_within_its_group_strongest_first(scale: int) -> None:
    rng = np.random.default_rng(5)
    pairs = sorted({(int(g), int(o)) for g, o in rng.integers(0, 30, size=(400, 2))})
    group = np.array([g for g, _ in pairs], dtype=np.int64) * scale
    other = np.array([o for _, o in pairs], dtype=np.int64) * scale
    strength = rng.integers(0, 6, size=len(pairs))  # many ties: the smaller other ranks first
    ranks = _ranks(group, other, strength)
    for g in set(group.tolist()):
        rows = [k for k in range(len(pairs)) if group[k] == g]
        ordered = sorted(rows, key=lambda k: (strength[k], other[k]))
        assert [int(ranks[k]) for k in ordered] == list(range(len(rows)))


# A small local-news corpus: two reports of one shooting (the second names the victim and the
# suspect), a different shooting the same day in the same city, and unrelated filler.
FIRST = page(
    "Dayton police are investigating after a man was shot and killed Saturday night on Wyoming "
    "Street. Officers found Terrell Haskins, 31, with a gunshot wound; he died at Miami Valley "
    "Hospital. A second man was wounded.", "Man killed in Wyoming Street shooting", "2016-05-01")
SECOND = page(
    "A 19-year-old was charged with murder in the death of Terrell Haskins, Dayton police said "
    "Monday. Haskins, 31, was shot on Wyoming Street. Investigators said Deshawn Pruitt fled the "
    "scene.", "Teen charged in Haskins killing", "2016-05-03")
OTHER = page(
    "Dayton police said a woman was shot in the leg Saturday during an argument outside a bar "
    "on Salem Avenue. Kayla Brumfield, 24, was treated and released.",
    "Woman wounded outside Salem Avenue bar", "2016-05-01")
FILLER = [
    page(f"The city council of Springfield voted on item {i} about street paving and parks, "
         f"officials said.", f"Council vote {i}", "2016-04-20") for i in range(10)
]
HASKINS = Person(id="p-haskins", status="killed", name="Terrell Haskins", age=31)


def _local_events() -> tuple[list[Event], dict[str, Document]]:
    pages = [FIRST, SECOND, OTHER, *FILLER]
    events = [event_of(FIRST, people=("p-haskins",)), event_of(SECOND, event_type="Arrests"),
              event_of(OTHER), *(event_of(p, event_type="Protests") for p in FILLER)]
    return events, {p.id: p for p in pages}


def test_the_person_harmed_named_in_a_follow_up_is_a_full_name_match() -> None:
    events, documents = _local_events()
    comparison = compare_events(events, documents, people={HASKINS.id: HASKINS})
    found = comparison.events.events
    first = next(k for k, e in enumerate(found) if e.document_id == FIRST.id)
    second = next(k for k, e in enumerate(found) if e.document_id == SECOND.id)
    [row] = [k for k in range(len(comparison.a))
             if {comparison.a[k], comparison.b[k]} == {first, second}]
    assert comparison.features[row, FEATURES.index("person")] == 1.0


def test_a_follow_up_naming_the_victim_links_and_another_shooting_that_day_does_not() -> None:
    events, documents = _local_events()
    links = link_events(events, documents, people={HASKINS.id: HASKINS})
    linked = {frozenset((link.a, link.b)) for link in links}
    assert frozenset((f"e-{FIRST.id}", f"e-{SECOND.id}")) in linked
    assert not any(f"e-{OTHER.id}" in pair for pair in linked)


def test_a_link_carries_the_signals_its_pair_was_scored_on() -> None:
    events, documents = _local_events()
    people = {HASKINS.id: HASKINS}
    [link] = [link for link in link_events(events, documents, people=people)
              if {link.a, link.b} == {f"e-{FIRST.id}", f"e-{SECOND.id}"}]
    row = _pair_row(events, documents, FIRST, SECOND, people)
    assert link.signals == {name: round(float(row[k]), 3) for k, name in enumerate(FEATURES)}


def test_a_first_name_and_a_surname_of_two_people_are_no_full_name() -> None:
    # SECOND names Terrell Haskins and Deshawn Pruitt: "Terrell" of one, "Pruitt" of the other
    one = Person(id="p-one", status="killed", name="Terrell Okafor", age=31)
    other = Person(id="p-other", status="injured", name="Marcus Pruitt", age=40)
    people = {one.id: one, other.id: other}
    events, documents = _local_events()
    events[0] = event_of(FIRST, people=(one.id, other.id))
    row = _pair_row(events, documents, FIRST, SECOND, people)
    assert 0.0 < row[FEATURES.index("person")] < 1.0  # the surname alone, at half its rarity
    both = Person(id="p-other", status="injured", name="Deshawn Pruitt", age=19)
    row = _pair_row(events, documents, FIRST, SECOND, people | {both.id: both})
    assert row[FEATURES.index("person")] == 1.0


def test_a_threshold_above_every_probability_links_nothing() -> None:
    events, documents = _local_events()
    options = LinkOptions(threshold=1.0, coherence=1.0)
    assert link_events(events, documents, people={HASKINS.id: HASKINS}, options=options) == []


def test_a_small_corpus_draws_rarity_toward_the_prior_and_a_large_one_measures_it() -> None:
    few = count_corpus([page(f"Shots fired on Quimby Lane, report {i}.", f"t{i}")
                        for i in range(4)])
    quimby = few.vocabulary["quimby"]  # on every page of four: measured 0, prior 0.5
    assert 0.45 < few.rarity()[quimby] < 0.5
    many = count_corpus([page(f"Council report {i} on paving.", f"t{i}") for i in range(400)]
                        + [page("Shots fired on Quimby Lane.", "u"),
                           page("Quimby Lane shooting victim named.", "v")])
    assert many.rarity()[many.vocabulary["quimby"]] > 0.85
    assert many.rarity()[many.vocabulary["council"]] < 0.05


def _pair_row(events: list[Event], documents: dict[str, Document], first: Document,
              second: Document, people: dict[str, Person],
              figures: dict[str, Figure] | None = None) -> np.ndarray:
    comparison = compare_events(events, documents, people=people, figures=figures)
    found = comparison.events.events
    x = next(k for k, e in enumerate(found) if e.document_id == first.id)
    y = next(k for k, e in enumerate(found) if e.document_id == second.id)
    [row] = [k for k in range(len(comparison.a)) if {comparison.a[k], comparison.b[k]} == {x, y}]
    features: np.ndarray = comparison.features[row]
    return features


def test_a_headline_of_what_followed_marks_the_pair_a_follow_up_and_weighs_its_gap() -> None:
    events, documents = _local_events()
    people = {HASKINS.id: HASKINS}
    follow_up = _pair_row(events, documents, FIRST, SECOND, people)  # "Teen charged in ..."
    assert follow_up[FEATURES.index("follow_up")] == 1.0
    assert follow_up[FEATURES.index("follow_up_gap")] == follow_up[FEATURES.index("gap")]
    same_day = _pair_row(events, documents, FIRST, OTHER, people)  # "Man killed ...", "wounded"
    assert same_day[FEATURES.index("follow_up")] == 0.0
    assert same_day[FEATURES.index("follow_up_gap")] == 0.0


def test_a_page_recalling_another_shootings_victim_names_no_person_of_both_events() -> None:
    # a report of one child's death recalls another child shot weeks before, by name
    recall = page(
        "A 5-year-old girl, Ayanna Moore, was shot and killed Saturday on Lyford Street. It "
        "comes weeks after 3-year-old Kaleah Jones was shot and killed on Easter.",
        "Girl, 5, killed on Lyford Street", "2016-04-17")
    easter = page(
        "Kaleah Jones, 3, was shot and killed on Easter Sunday on Greiner Street, police said.",
        "Girl, 3, killed on Easter", "2016-03-28")
    arrest = page(
        "Two men were charged in the Easter killing of Kaleah Jones, 3, on Greiner Street.",
        "Two charged in Easter killing of girl, 3", "2016-04-07")
    moore = Person(id="p-moore", status="killed", name="Ayanna Moore", age=5)
    jones = Person(id="p-jones", status="killed", name="Kaleah Jones", age=3)
    people = {p.id: p for p in (moore, jones)}
    events = [event_of(recall, people=(moore.id,)), event_of(easter, people=(jones.id,)),
              event_of(arrest, people=(jones.id,)), *(event_of(p) for p in FILLER)]
    documents = {d.id: d for d in (recall, easter, arrest, *FILLER)}
    other = _pair_row(events, documents, recall, easter, people)
    assert other[FEATURES.index("person")] == 1.0  # the page names her
    assert other[FEATURES.index("same_person")] == 0.0  # but its event's victim is another
    same = _pair_row(events, documents, easter, arrest, people)
    assert same[FEATURES.index("same_person")] == 1.0


def _placed(found: Event, name: str, feature: str, admin2: str | None) -> Event:
    import msgspec

    from claimledger.model import PlaceCandidate, PlaceMention

    where = PlaceCandidate(name=name, feature=feature, country_code="US",  # type: ignore[arg-type]
                           country="United States", admin1="California", admin2=admin2)
    mention = PlaceMention(span=found.trigger, name=name, candidates=(where,), resolved=where)
    return msgspec.structs.replace(found, place=mention)


def test_a_town_and_the_county_it_lies_in_are_no_conflict_of_places() -> None:
    town = page("A boy, 1, was killed in an accidental shooting in Chowchilla, deputies said.",
                "Boy, 1, killed in accidental shooting", "2017-01-12")
    county = page("A Madera County mother was charged in the accidental shooting of her son, 1.",
                  "Madera County mother charged in shooting of son", "2017-03-03")
    other = page("A man was killed in an accidental shooting in Fresno, police said.",
                 "Man killed in accidental shooting", "2017-01-12")
    events = [_placed(event_of(town), "Chowchilla", "city", "Madera County"),
              _placed(event_of(county), "Madera County", "admin2", "Madera County"),
              _placed(event_of(other), "Fresno", "city", "Fresno County"),
              *(event_of(p) for p in FILLER)]
    documents = {d.id: d for d in (town, county, other, *FILLER)}
    conflict = FEATURES.index("place_conflict")
    assert _pair_row(events, documents, town, county, {})[conflict] == 0.0
    assert _pair_row(events, documents, other, county, {})[conflict] == 1.0


def test_a_site_s_home_state_standing_in_for_a_place_is_weighed_as_no_place() -> None:
    from claimledger.model import PlaceMention
    from claimledger.site_homes import home_state

    town = page("A boy, 1, was killed in an accidental shooting in Chowchilla, deputies said.",
                "Boy, 1, killed in accidental shooting", "2017-01-12")
    elsewhere = page("A boy, 1, was killed in an accidental shooting in Westwood, deputies said.",
                     "Boy killed in accidental shooting", "2017-01-12")
    oregon = home_state("US|Oregon")
    assert oregon is not None
    westwood = Span(elsewhere.text.index("Westwood"), elsewhere.text.index("Westwood") + 8,
                    "Westwood")
    placeless = PlaceMention(span=Span(0, 0, ""), name="Oregon", candidates=(oregon,),
                             resolved=oregon, rule="site-home")
    unsettled = PlaceMention(span=westwood, name="Westwood", resolved=oregon, rule="site-home")
    documents = {d.id: d for d in (town, elsewhere, *FILLER)}
    conflict = FEATURES.index("place_conflict")
    for place, expected in ((placeless, 0.0), (unsettled, 0.0),
                            (msgspec.structs.replace(placeless, rule=None), 1.0)):
        events = [_placed(event_of(town), "Chowchilla", "city", "Madera County"),
                  msgspec.structs.replace(event_of(elsewhere), place=place),
                  *(event_of(p) for p in FILLER)]
        assert _pair_row(events, documents, town, elsewhere, {})[conflict] == expected
    # a telephone number's town standing in (its span the number) names no place either
    chowchilla = next(iter(_placed(event_of(town), "Chowchilla", "city",
                                   "Madera County").place.candidates))
    number = Span(0, 12, "559-665-8600")
    rung = PlaceMention(span=number, name="Chowchilla", candidates=(chowchilla,),
                        resolved=chowchilla, rule="phone")
    same = FEATURES.index("place")
    events = [_placed(event_of(town), "Chowchilla", "city", "Madera County"),
              msgspec.structs.replace(event_of(elsewhere), place=rung),
              *(event_of(p) for p in FILLER)]
    assert _pair_row(events, documents, town, elsewhere, {})[same] == 0.0
    events[1] = msgspec.structs.replace(events[1], place=msgspec.structs.replace(rung, rule=None))
    assert _pair_row(events, documents, town, elsewhere, {})[same] == 1.0


def _compared(events: list[Event], documents: dict[str, Document],
              options: LinkOptions | None = None) -> set[frozenset[str]]:
    comparison = compare_events(events, documents, options=options)
    found = comparison.events.events
    return {frozenset((found[x].document_id, found[y].document_id))
            for x, y in zip(comparison.a.tolist(), comparison.b.tolist(), strict=True)}


def test_events_at_one_place_a_day_apart_are_compared_whatever_their_words() -> None:
    # the first page's words are a column of video titles; the second the report itself
    videos = page("Nick Bjugstad ready to return. How Mary Tyler Moore changed television.",
                  "Teens arrested in fatal shooting", "2016-12-07")
    report = page("Two teenagers were charged with murder in the death of a 15-year-old.",
                  "Two charged with murder", "2016-12-07")
    later = page("Police investigate a robbery at a gas station on Tryon Road.",
                 "Gas station robbed", "2016-12-12")
    pages = (videos, report, later)
    events = [_placed(event_of(p, day=p.published), "Charlotte", "city", "Mecklenburg County")
              for p in pages] + [event_of(p) for p in FILLER]
    documents = {d.id: d for d in (*pages, *FILLER)}
    compared = _compared(events, documents)
    assert frozenset((videos.id, report.id)) in compared
    assert frozenset((videos.id, later.id)) not in compared  # five days apart
    never = _compared(events, documents, LinkOptions(place_days=-1))
    assert frozenset((videos.id, report.id)) not in never


def test_the_same_dead_counted_by_both_weigh_more_when_they_are_several() -> None:
    import msgspec

    def killed(document: Document, value: int) -> tuple[Event, Figure]:
        figure = Figure(id=f"f-{document.id}", span=Span(0, 4, document.text[:4]),
                        measure="killed", count=Count(low=value, high=value))
        found = event_of(document)
        return msgspec.structs.replace(found, figure_ids=(figure.id,)), figure

    one = page("Three people were shot dead at a party on Elm Street.", "3 dead", "2016-05-01")
    two = page("Police named the three people killed at a party on Elm Street.", "Victims named",
               "2016-05-02")
    three = page("A man was shot dead on Oak Street.", "Man killed", "2016-05-01")
    four = page("Police named the man killed on Oak Street.", "Man named", "2016-05-02")
    pairs = [killed(one, 3), killed(two, 3), killed(three, 1), killed(four, 1)]
    events = [e for e, _ in pairs] + [event_of(p) for p in FILLER]
    figures = {f.id: f for _, f in pairs}
    documents = {d.id: d for d in (one, two, three, four, *FILLER)}
    many, agree = FEATURES.index("killed_many"), FEATURES.index("killed_agree")
    several = _pair_row(events, documents, one, two, {}, figures)
    single = _pair_row(events, documents, three, four, {}, figures)
    assert several[agree] == 1.0 and several[many] == 1.0
    assert single[agree] == 1.0 and single[many] == 0.0


def test_a_report_that_names_no_day_weighs_its_gap_to_a_told_day_as_a_bound() -> None:
    first = page("Terrell Haskins, 31, was shot and killed Saturday on Wyoming Street in Dayton.",
                 "Man killed on Wyoming Street", "2016-05-01")
    # weeks later, a report that names no day of the shooting: its event takes its page's day
    later = page("A 19-year-old was sentenced in the killing of Terrell Haskins on Wyoming "
                 "Street in Dayton.", "Teen sentenced in Haskins killing", "2016-06-20")
    undated = page("Police are still looking for the man who shot Terrell Haskins on Wyoming "
                   "Street in Dayton.", "Haskins killing unsolved", "2016-06-22")

    def dated(document: Document, day: str, rule: str) -> Event:
        found = event_of(document)
        when = DateMention(span=Span(0, 0, ""), value=day, rule=rule)
        return msgspec.structs.replace(found, date=when)

    events = [dated(first, "2016-04-30", "weekday-before-publication"),
              dated(later, "2016-06-20", "publication-date"),
              dated(undated, "2016-06-22", "publication-date"), *map(event_of, FILLER)]
    documents = {d.id: d for d in (first, later, undated, *FILLER)}
    bound = _pair_row(events, documents, first, later, {})
    assert bound[FEATURES.index("page_day_later")] == 1.0
    assert bound[FEATURES.index("gap")] == 0.0 and bound[FEATURES.index("far")] == 0.0
    assert bound[FEATURES.index("page_day_gap")] > 0.6  # 51 days
    # two pages that each name no day: their days are both stand-ins, no bound of either
    both = _pair_row(events, documents, later, undated, {})
    assert both[FEATURES.index("page_day_later")] == 0.0
    assert both[FEATURES.index("gap")] > 0.0


def _recalled(first_day: DateMention, written: list[str]) -> float:
    """The recalls_day signal between FIRST, its event dated `first_day`, and a trial's report
    months later whose page writes the days `written`."""
    trial = page("A judge set a trial date for the man charged in the shooting on Wyoming "
                 "Street. Prosecutors said the two men had argued.", "Trial date set",
                 "2016-08-18")
    events = [msgspec.structs.replace(event_of(FIRST), date=first_day),
              event_of(trial, day="2016-08-18", event_type="Arrests"),
              *(event_of(p, event_type="Protests") for p in FILLER)]
    documents = {d.id: d for d in (FIRST, trial, *FILLER)}
    comparison = compare_events(events, documents, stated_days={trial.id: written})
    found = comparison.events.events
    x = next(k for k, e in enumerate(found) if e.document_id == FIRST.id)
    y = next(k for k, e in enumerate(found) if e.document_id == trial.id)
    [row] = [k for k in range(len(comparison.a)) if {comparison.a[k], comparison.b[k]} == {x, y}]
    return float(comparison.features[row, FEATURES.index("recalls_day")])


def test_a_follow_up_writing_the_day_the_first_report_dates_its_shooting_recalls_it() -> None:
    at = Span(0, 4, FIRST.text[:4])
    saturday = DateMention(span=at, value="2016-04-30", rule="weekday-before-publication")
    assert _recalled(saturday, ["2016-04-30", "2016-10-03"]) == 1.0  # "the April 30 shooting"
    assert _recalled(saturday, ["2016-10-03"]) == 0.0
    assert _recalled(saturday, []) == 0.0
    # a day that is only the first page's own date standing in for one says nothing
    stand_in = DateMention(span=Span(0, 0, ""), value="2016-05-01", rule="publication-date")
    assert _recalled(stand_in, ["2016-05-01"]) == 0.0


def test_the_shipped_model_weighs_a_recalled_day_toward_one_incident() -> None:
    from claimledger.link import fitted_model

    assert fitted_model().weights["recalls_day"] > 1.0
