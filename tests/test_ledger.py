"""The ledger: clusters of linked events, low/best/high, and disputes compared by population."""

from __future__ import annotations

import random

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from battle_records import battle_link, first_analysis, second_analysis
from claimledger.extract.numbers import parse_quantity
from claimledger.extract.roundups import roundup, roundup_title
from claimledger.ledger import (
    Dead,
    build_ledger,
    cluster_events,
    find_disputes,
    ledger_entry,
    ledger_from_analyses,
    ledger_row,
)
from claimledger.model import (
    Count,
    Document,
    Event,
    EventLink,
    Figure,
    LedgerEntry,
    Measure,
    Span,
)
from claimledger.population import population_key, relate
from claimledger.report_count import Reading, earlier_year, sentence_at
from claimledger.taxonomy import Rule


def fig(
    figure_id: str,
    low: float | None,
    high: float | None,
    *,
    population: str | None = None,
    approximate: bool = False,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    source: str = "",
    vague: bool = False,
    text: str = "",
    modality: str | None = None,
) -> Figure:
    return Figure(
        id=figure_id,
        span=Span(0, len(text), text),
        count=Count(low=low, high=high, low_inclusive=low_inclusive,
                    high_inclusive=high_inclusive, approximate=approximate, vague=vague),
        measure="killed",
        population=population,
        source_name=source or figure_id,
        modality=modality,
    )


def entry_of(figures: list[Figure], rule: str = "ucdp") -> LedgerEntry:
    rows = {f.id: ledger_row(f, "doc", None) for f in figures}
    return ledger_entry("c", "killed", figures, rows, rule=rule)  # type: ignore[arg-type]


def killed(entries: list[LedgerEntry]) -> LedgerEntry:
    return next(e for e in entries if e.measure == "killed")


# --- the reference page's battle ---------------------------------------------------------------


def test_reference_battle_killed_is_disputed_and_injured_is_not() -> None:
    entries = ledger_from_analyses([first_analysis()], [])
    by_measure = {e.measure: e for e in entries}
    assert set(by_measure) == {"killed", "injured"}
    assert by_measure["killed"].disputed
    assert not by_measure["injured"].disputed
    assert (by_measure["injured"].low, by_measure["injured"].high) == (200, 300)


def test_more_than_200_disputes_about_100_for_the_whole_count() -> None:
    entry = killed(ledger_from_analyses([first_analysis()], []))
    doc_id = first_analysis().document.id
    assert (f"{doc_id}-f1", f"{doc_id}-f2") in entry.disputes


def test_five_russians_is_a_part_and_does_not_dispute_about_100_or_the_mercenaries() -> None:
    entry = killed(ledger_from_analyses([first_analysis()], []))
    five = f"{first_analysis().document.id}-f4"
    partners = {b if a == five else a for a, b in entry.disputes if five in (a, b)}
    # Only "over 200 Russian mercenaries" (a part of "Russians") outnumbers five Russians.
    assert partners == {f"{first_analysis().document.id}-f5"}


def test_reference_battle_estimates_describe_the_whole_count() -> None:
    entry = killed(ledger_from_analyses([first_analysis()], []))
    # The only whole-count reading is "about 100"; "more than 200 mercenaries" raises high.
    assert (entry.low, entry.best, entry.high) == (100, 100, 200)
    assert entry.population is None
    assert entry.rule == "ucdp.v1"


def test_rows_carry_source_outlet_and_publication_date() -> None:
    entry = killed(ledger_from_analyses([first_analysis()], []))
    assert [r.source_name for r in entry.rows] == [
        "Bloomberg",
        "a U.S. official",
        "Russian Foreign Ministry",
        "Zero Hedge",  # unattributed: the outlet's own figure
    ]
    assert {r.published for r in entry.rows} == {"2018-02-21"}
    assert [r.text for r in entry.rows] == ["More than 200", "about 100", "five", "over 200"]


def test_linked_pages_share_one_entry_with_rows_in_publication_order() -> None:
    entries = ledger_from_analyses([second_analysis(), first_analysis()], [battle_link()])
    entry = killed(entries)
    assert len([e for e in entries if e.measure == "killed"]) == 1
    assert [r.published for r in entry.rows][-1] == "2018-02-23"
    assert entry.rows[-1].source_name == "a monitoring group"
    assert entry.high == 215


def test_unlinked_pages_make_separate_entries() -> None:
    entries = ledger_from_analyses([first_analysis(), second_analysis()], [])
    assert len({e.cluster_id for e in entries}) == 2


def test_negated_figures_and_figures_without_measure_are_left_out() -> None:
    event = Event(id="e", document_id="d", trigger=Span(0, 1, "x"), event_type="Battles",
                  figure_ids=("n", "m", "ok"))
    negated = Figure(id="n", span=Span(0, 1, "x"),
                     count=Count(low=100, high=100), measure="killed",
                     negated=True)
    no_measure = Figure(id="m", span=Span(0, 1, "x"), count=Count(low=3, high=3))
    ok = fig("ok", 7, 7)
    entries = build_ledger([event], {f.id: f for f in (negated, no_measure, ok)}, {}, [])
    assert [[r.figure_id for r in e.rows] for e in entries] == [["ok"]]


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown ledger rule"):
        build_ledger([], {}, {}, [], rule="gdelt")  # type: ignore[arg-type]


# --- disputes: populations before figures ------------------------------------------------------

DISPUTE_TABLE = [
    # (a, b, disputed)
    (fig("a", 200, None, low_inclusive=False), fig("b", 100, 100, approximate=True), True),
    (fig("a", 5, 5, population="Russians"), fig("b", 100, 100, approximate=True), False),
    (fig("a", 200, None, low_inclusive=False, population="mercenaries"),
     fig("b", 100, 100, approximate=True), True),
    (fig("a", 200, 300), fig("b", 250, 250, approximate=True), False),
    (fig("a", 10, None), fig("b", 10, 10), False),  # "at least 10" vs "10"
    (fig("a", 10, None, low_inclusive=False), fig("b", 10, 10), True),  # "more than 10" vs "10"
    (fig("a", 100, 100, approximate=True), fig("b", 120, 120), False),  # within 25%
    (fig("a", 100, 100, approximate=True), fig("b", 130, 130), True),
    (fig("a", None, 50), fig("b", 60, 60), True),  # "up to 50" vs "60"
    (fig("a", 10, 10, population="civilians"), fig("b", 50, 50), False),
    (fig("a", 60, 60, population="civilians"), fig("b", 50, 50), True),
    (fig("a", 5, 5, population="soldiers"), fig("b", 30, 30, population="civilians"), False),
    (fig("a", 20, 20, population="troops"), fig("b", 30, 30, population="soldiers"), True),
    (fig("a", 5, 5, population="Russians"),
     fig("b", 200, None, low_inclusive=False, population="mercenaries, mostly Russians"), False),
    (fig("a", 200, None, low_inclusive=False, population="Russian mercenaries"),
     fig("b", 5, 5, population="Russian"), True),
    (fig("a", 12, 99, vague=True, text="dozens"), fig("b", 30, 30), False),
    (fig("a", 3, 3, population="people"), fig("b", 4, 4), True),  # "people" is the whole count
]


@pytest.mark.parametrize(("a", "b", "disputed"), DISPUTE_TABLE)
def test_dispute_table(a: Figure, b: Figure, disputed: bool) -> None:
    assert bool(find_disputes([a, b])) is disputed
    assert bool(find_disputes([b, a])) is disputed


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        (None, set()),
        ("people", set()),
        ("Russians", {"russian"}),
        ("Russian", {"russian"}),
        ("mercenaries, mostly Russians", {"mercenary"}),
        ("Russian mercenaries", {"russian", "mercenary"}),
        ("civilians, including children", {"civilian"}),
        ("U.S. soldiers", {"us", "soldier"}),
        ("troops", {"soldier"}),
        ("policemen", {"policeman"}),
        ("women and children", {"woman", "child"}),
        ("militants", {"fighter"}),
    ],
)
def test_population_key(phrase: str | None, key: set[str]) -> None:
    assert population_key(phrase) == frozenset(key)


def test_a_narrower_population_is_a_part_of_the_broader() -> None:
    assert relate(population_key("Russian mercenaries"), population_key("mercenaries")) == "part"
    assert relate(population_key(None), population_key("civilians")) == "whole"
    assert relate(population_key("Russians"), population_key("mercenaries")) == "unrelated"


def test_modal_figures_are_rows_but_not_weighed_when_a_source_asserts_one() -> None:
    entry = entry_of([fig("a", 10, 10), fig("b", 500, 500, modality="may")])
    assert len(entry.rows) == 2
    assert not entry.disputed
    assert (entry.low, entry.best, entry.high) == (10, 10, 10)


# --- estimates ---------------------------------------------------------------------------------


def test_best_is_the_figure_most_sources_report() -> None:
    entry = entry_of([fig("a", 12, 12, source="AP"), fig("b", 15, 15, source="Reuters"),
                      fig("c", 15, 15, source="AFP")])
    assert (entry.low, entry.best, entry.high) == (12, 15, 15)


def test_best_tie_goes_to_the_lower_figure() -> None:
    entry = entry_of([fig("a", 12, 12, source="AP"), fig("b", 15, 15, source="Reuters")])
    assert entry.best == 12


def test_one_source_repeating_a_figure_counts_once() -> None:
    entry = entry_of([fig("a", 20, 20, source="AP"), fig("b", 20, 20, source="AP"),
                      fig("c", 12, 12, source="Reuters"), fig("d", 12, 12, source="AFP")])
    assert entry.best == 12


def test_acled_rule_takes_the_most_conservative_figure() -> None:
    figures = [fig("a", 12, 12, source="AP"), fig("b", 15, 15, source="Reuters"),
               fig("c", 15, 15, source="AFP")]
    entry = entry_of(figures, rule="acled")
    assert entry.best == 12
    assert entry.rule == "acled.v1"


@pytest.mark.parametrize(
    ("text", "acled"),
    [("dozens", 12), ("tens", 10), ("hundreds", 100), ("thousands", 1000),
     ("tens of thousands", 10000), ("hundreds of thousands", 100000), ("several hundred", 300)],
)
def test_acled_reads_vague_words_at_acled_values(text: str, acled: float) -> None:
    count = parse_quantity(text)
    assert count is not None and count.vague
    figure = msgspec.structs.replace(fig("a", None, None, text=text), count=count)
    entry = entry_of([figure], rule="acled")
    assert entry.best == acled
    assert entry.low is not None and entry.low <= acled


def test_acled_reads_an_upper_bound_alone_at_its_bound() -> None:
    count = parse_quantity("up to 40")
    assert count is not None and count.conservative is None
    figure = msgspec.structs.replace(fig("a", None, None, text="up to 40"), count=count)
    assert entry_of([figure], rule="acled").best == 40


def test_without_a_whole_count_the_most_reported_broadest_population_is_described() -> None:
    entry = entry_of([fig("a", 10, 10, population="civilians", source="AP"),
                      fig("b", 12, 12, population="civilians", source="AFP"),
                      fig("c", 4, 4, population="soldiers", source="Reuters"),
                      fig("d", 3, 3, population="civilian children", source="UN")])
    assert entry.population == "civilians"
    assert (entry.low, entry.best, entry.high) == (10, 10, 12)


def test_figures_without_numbers_leave_estimates_empty() -> None:
    entry = entry_of([fig("a", None, None, vague=True, text="many")])
    assert (entry.low, entry.best, entry.high) == (None, None, None)
    assert not entry.disputed


# --- clusters ----------------------------------------------------------------------------------


def event(event_id: str) -> Event:
    return Event(id=event_id, document_id="d" + event_id, trigger=Span(0, 1, "x"),
                 event_type="Battles")


def test_clusters_are_connected_components_named_by_their_smallest_id() -> None:
    events = [event(i) for i in ("e5", "e3", "e9", "e1", "e7")]
    links = [EventLink(a="e9", b="e3", score=1.0), EventLink(a="e5", b="e9", score=1.0),
             EventLink(a="e7", b="e7", score=1.0)]
    assert cluster_events(events, links) == {"e5": "e3", "e3": "e3", "e9": "e3", "e1": "e1",
                                             "e7": "e7"}


def test_links_to_events_not_given_are_ignored() -> None:
    assert cluster_events([event("e2")], [EventLink(a="e1", b="e2", score=1.0)]) == {"e2": "e2"}


event_ids = st.lists(st.sampled_from([f"e{i}" for i in range(12)]), min_size=1, unique=True)


@given(event_ids, st.data())
def test_cluster_ids_do_not_depend_on_link_order(ids: list[str], data: st.DataObject) -> None:
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids))))
    links = [EventLink(a=a, b=b, score=1.0) for a, b in pairs]
    clusters = cluster_events([event(i) for i in ids], links)
    shuffled = links[:]
    random.Random(0).shuffle(shuffled)
    assert cluster_events([event(i) for i in reversed(ids)], shuffled) == clusters
    for a, b in pairs:
        assert clusters[a] == clusters[b]
    for member, cluster in clusters.items():
        assert cluster <= member


# --- properties of entries ---------------------------------------------------------------------

figure_specs = st.builds(
    lambda n, width, kind, pop, src: (n, width, kind, pop, src),
    st.integers(0, 500),
    st.integers(0, 300),
    st.sampled_from(["exact", "range", "more than", "at least", "about", "up to"]),
    st.sampled_from([None, "civilians", "Russians", "Russian mercenaries", "mercenaries"]),
    st.sampled_from(["AP", "Reuters", "a U.S. official", ""]),
)


def spec_figure(i: int, spec: tuple[int, int, str, str | None, str]) -> Figure:
    n, width, kind, population, source = spec
    low, high = {
        "exact": (n, n),
        "range": (n, n + width),
        "more than": (n, None),
        "at least": (n, None),
        "about": (n, n),
        "up to": (None, n),
    }[kind]
    return fig(f"f{i:02d}", low, high, population=population, source=source or f"s{i}",
               approximate=kind == "about", low_inclusive=kind != "more than")


@settings(max_examples=200)
@given(st.lists(figure_specs, min_size=1, max_size=8), st.sampled_from(["ucdp", "acled"]))
def test_estimates_are_ordered_stated_numbers(
    specs: list[tuple[int, int, str, str | None, str]], rule: str
) -> None:
    figures = [spec_figure(i, s) for i, s in enumerate(specs)]
    entry = entry_of(figures, rule)
    stated = {v for f in figures for v in (f.count.low, f.count.high) if v is not None}
    assert entry.low is not None and entry.best is not None and entry.high is not None
    assert entry.low <= entry.best <= entry.high
    assert {entry.low, entry.best, entry.high} <= stated
    assert entry.disputed == bool(entry.disputes)
    ids = {f.id for f in figures}
    assert all(a < b and {a, b} <= ids for a, b in entry.disputes)


@given(st.lists(figure_specs, min_size=1, max_size=8), st.randoms())
def test_entry_does_not_depend_on_figure_order(
    specs: list[tuple[int, int, str, str | None, str]], rnd: random.Random
) -> None:
    figures = [spec_figure(i, s) for i, s in enumerate(specs)]
    shuffled = figures[:]
    rnd.shuffle(shuffled)
    assert entry_of(shuffled) == entry_of(figures)


@given(figure_specs, st.integers(2, 5))
def test_sources_agreeing_never_dispute(
    spec: tuple[int, int, str, str | None, str], copies: int
) -> None:
    figures = [spec_figure(i, spec) for i in range(copies)]
    assert not entry_of(figures).disputed


@given(st.lists(figure_specs, min_size=2, max_size=8))
def test_a_figure_disputes_only_in_pairs_that_dispute_alone(
    specs: list[tuple[int, int, str, str | None, str]],
) -> None:
    figures = [spec_figure(i, s) for i, s in enumerate(specs)]
    for a, b in find_disputes(figures):
        pair = [f for f in figures if f.id in (a, b)]
        assert find_disputes(pair) == ((a, b),)


@given(st.none() | st.text(max_size=80))
def test_population_key_of_any_phrase_is_lowercase_restricting_words(phrase: str | None) -> None:
    key = population_key(phrase)
    assert all(word and word == word.lower() for word in key)
    assert not key & {"people", "dead", "the", "mostly"}
    assert relate(key, key) == "same"
    assert relate(frozenset(), key) in ("same", "whole")


# --- reports over time ----------------------------------------------------------------------


def dated_entry(
    figures: list[tuple[Figure, str]],
    rule: Rule = "ucdp",
    measure: Measure = "killed",
    wounded: dict[str, float] | None = None,
    dead: Dead | None = None,
) -> LedgerEntry:
    rows = {
        f.id: msgspec.structs.replace(ledger_row(f, f"doc-{f.id}", None), published=day)
        for f, day in figures
    }
    return ledger_entry(
        "c", measure, [f for f, _ in figures], rows, rule=rule, wounded=wounded, dead=dead
    )


def tally(figure_id: str, n: int, source: str) -> Figure:
    return msgspec.structs.replace(fig(figure_id, n, n, source=source), rule="people.v1")


def test_a_toll_that_rose_over_days_is_not_a_dispute() -> None:
    entry = dated_entry([(fig("a", 1, 1, source="Tribune"), "2024-05-01"),
                         (fig("b", 2, 2, source="Herald"), "2024-05-03")])
    assert not entry.disputed
    same_day = dated_entry([(fig("a", 1, 1, source="Tribune"), "2024-05-01"),
                            (fig("b", 2, 2, source="Herald"), "2024-05-01")])
    assert same_day.disputed


def test_a_toll_that_fell_later_is_still_a_dispute() -> None:
    entry = dated_entry([(fig("a", 5, 5, source="Tribune"), "2024-05-01"),
                         (fig("b", 3, 3, source="Herald"), "2024-05-03")])
    assert entry.disputed


def test_a_later_report_by_the_same_source_updates_its_count() -> None:
    entry = dated_entry([(fig("a", 1, 1, source="Police"), "2024-05-01"),
                         (fig("b", 2, 2, source="Police"), "2024-05-02"),
                         (fig("c", 2, 2, source="Herald"), "2024-05-02")])
    assert entry.best == 2


def test_counted_people_tie_goes_to_the_latest_report() -> None:
    entry = dated_entry([(tally("a", 2, "Tribune"), "2024-05-01"),
                         (tally("b", 1, "Herald"), "2024-05-03")])
    assert entry.best == 1
    injured = dated_entry([(tally("a", 1, "Tribune"), "2024-05-01"),
                           (tally("b", 2, "Herald"), "2024-05-20")], measure="injured")
    assert injured.best == 2


def test_the_wounded_who_died_since_are_counted_once() -> None:
    def dead(best: float, *reports: tuple[str, str, float]) -> Dead:
        return Dead([Reading(r, day, n) for r, day, n in reports], best)

    # Friday: a man shot and wounded; Saturday: the man has died. One dead, nobody wounded.
    died = dead(1, ("doc-a", "2024-05-03", 0), ("doc-b", "2024-05-04", 1))
    wounded = [(tally("a", 1, "Tribune"), "2024-05-03")]
    assert dated_entry(wounded, measure="injured", dead=died).best == 0
    assert dated_entry(wounded, measure="injured").best == 1
    # three wounded on Friday, one died: two
    three = [(tally("a", 3, "Tribune"), "2024-05-03")]
    assert dated_entry(three, measure="injured", dead=died).best == 2
    # the later report counts one more dead and as many wounded: more people, not a death
    also = [(tally("a", 1, "Tribune"), "2024-05-03"), (tally("b", 1, "Herald"), "2024-05-04")]
    assert dated_entry(also, measure="injured", dead=died).best == 1
    # a report of two dead a month later (a trial, or another shooting): not the wounded man
    month = dead(1, ("doc-a", "2024-05-03", 0), ("doc-b", "2024-06-04", 1))
    assert dated_entry(wounded, measure="injured", dead=month).best == 1
    # a report that counts no dead at all (not even none) is left as it is
    unknown = dead(1, ("doc-b", "2024-05-04", 1))
    assert dated_entry(wounded, measure="injured", dead=unknown).best == 1


def test_a_higher_count_of_the_dead_updates_only_where_a_wounded_person_died() -> None:
    # a victim died of wounds two days later: the toll rose, the wounded fell by as many
    rose = dated_entry([(tally("a", 1, "Tribune"), "2024-05-01"),
                        (tally("b", 2, "Herald"), "2024-05-03")],
                       wounded={"doc-a": 1.0, "doc-b": 0.0})
    assert rose.best == 2
    # the later report counts one more dead and as many wounded: more people in all, more
    # likely someone counted twice than a death
    more = dated_entry([(tally("a", 1, "Tribune"), "2024-05-01"),
                        (tally("b", 2, "Herald"), "2024-05-03")],
                       wounded={"doc-a": 1.0, "doc-b": 1.0})
    assert more.best == 1
    # the earlier report had the higher count: no update, the lower one
    earlier = dated_entry([(tally("a", 2, "Tribune"), "2024-05-01"),
                           (tally("b", 1, "Herald"), "2024-05-03")],
                          wounded={"doc-a": 0.0, "doc-b": 1.0})
    assert earlier.best == 1
    # a trial report a month later counts two dead: more likely another death than this one's
    later = dated_entry([(tally("a", 1, "Tribune"), "2024-05-01"),
                         (tally("b", 2, "Herald"), "2024-06-01")])
    assert later.best == 1
    stated = dated_entry([(fig("a", 2, 2, source="Tribune"), "2024-05-01"),
                          (fig("b", 1, 1, source="Herald"), "2024-05-03")])
    assert stated.best == 1  # stated numbers tie to the lower reading


def test_stated_tolls_of_the_dead_tie_to_the_latest_of_the_first_days() -> None:
    # numbers the reports state, not tallies of people they name: the toll rose
    figures = [(fig("a", 20, 20, source="Observer"), "2024-03-09"),
               (fig("b", 40, 40, source="Wire"), "2024-03-10"),
               (fig("c", 62, 62, source="Ministry"), "2024-03-11")]
    rows = {
        f.id: msgspec.structs.replace(ledger_row(f, f"doc-{f.id}", None), published=day)
        for f, day in figures
    }
    entry = ledger_entry("c", "killed", [f for f, _ in figures], rows, silent={})
    assert entry.best == 62


def test_a_tally_is_a_lower_bound_and_never_disputes_a_higher_count() -> None:
    entry = dated_entry([(tally("a", 1, "Tribune"), "2024-05-01"),
                         (fig("b", 4, 4, source="Police"), "2024-05-01")])
    assert not entry.disputed


def test_each_report_counting_its_people_votes_once_whoever_its_sentences_cite() -> None:
    # three pages tell what police said and count two dead each; a later page counts one
    entry = dated_entry([(tally("a", 2, "police"), "2024-05-01"),
                         (tally("b", 2, "police"), "2024-05-01"),
                         (tally("c", 2, "police"), "2024-05-02"),
                         (tally("d", 1, "police"), "2024-05-03")])
    assert entry.best == 2
    stated = dated_entry([(fig("a", 2, 2, source="police"), "2024-05-01"),
                          (fig("d", 1, 1, source="police"), "2024-05-03")])
    assert stated.best == 1  # a source's stated number is read at its latest page


# --- one reading per report, as a coder reads reports of one incident ---------------------------


def report(doc_id: str, day: str, text: str, counts: list[tuple[str, str, str | None, str]]
           ) -> tuple[Document, Event, list[Figure]]:
    """A page and its one event: each count is (words in `text`, measure, population, rule or
    "" for a number the page states; a source of its own: "police"/"a neighbour" voices)."""
    figures = []
    for n, (words, measure, population, how) in enumerate(counts):
        start = text.index(words)
        value, source = how.split(":") if ":" in how else (how, "")
        figures.append(Figure(
            id=f"{doc_id}-f{n}", span=Span(start, start + len(words), words),
            count=Count(low=float(value), high=float(value)), measure=measure,  # type: ignore[arg-type]
            population=population, source_name=source or doc_id,
            rule="people.v1" if source == "tally" else None,
        ))
    document = Document(id=doc_id, text=text, published=day, text_id=f"text-{doc_id}",
                        outlet=f"outlet-{doc_id}")
    event = Event(id=f"{doc_id}-e", document_id=doc_id, trigger=Span(0, 1, text[:1]),
                  event_type="violence", figure_ids=tuple(f.id for f in figures))
    return document, event, figures


def best_of(*reports: tuple[Document, Event, list[Figure]]) -> dict[str, float | None]:
    events = [e for _, e, _ in reports]
    links = [EventLink(a=events[0].id, b=e.id, score=1.0) for e in events[1:]]
    entries = build_ledger(events, {f.id: f for _, _, fs in reports for f in fs},
                           {d.id: d for d, _, _ in reports}, links)
    return {e.measure: e.best for e in entries}


def test_a_figure_about_a_part_never_stands_for_the_whole() -> None:
    # "two children" are a part of the three dead the page states; a page that only says
    # "two girls died" gives no reading of the whole
    text = "Police said two children were among the three people killed."
    stated = report("a", "2024-05-01", text, [
        ("two children", "killed", "children", "2"),
        ("three people", "killed", "people", "3"),
        ("two children were among", "killed", None, "2:tally"),
    ])
    girls = report("b", "2024-05-01", "Two girls died.", [("Two girls", "killed", "girls", "2")])
    assert best_of(stated, girls)["killed"] == 3


def test_two_voices_in_one_report_are_one_reading() -> None:
    # one page quotes the police and the coroner saying three; two other pages count two
    quoted = report("a", "2024-05-01",
                    "Police said three people died. The coroner also said three died.", [
                        ("three people", "killed", "people", "3:police"),
                        ("three died", "killed", None, "3:coroner"),
                        ("three people died", "killed", None, "3:tally"),
                    ])
    counted_b = report("b", "2024-05-01", "Two men were killed on Sunday.",
                       [("Two men", "killed", None, "2:tally")])
    counted_c = report("c", "2024-05-01", "Two men were shot dead.",
                       [("Two men", "killed", None, "2:tally")])
    assert best_of(quoted, counted_b, counted_c)["killed"] == 2
    # so where nobody was counted: three voices of one page against two pages
    text = "Police said three died, the coroner said three died, the mayor said three died."
    voices = report("d", "2024-05-01", text, [
        ("three died", "killed", None, "3:police"),
        ("said three died, the mayor", "killed", None, "3:coroner"),
        ("mayor said three", "killed", "people", "3:the mayor"),
    ])
    stated_b = report("e", "2024-05-01", "Two people died.", [("Two people", "killed", None, "2")])
    stated_c = report("f", "2024-05-01", "Two were killed.", [("Two", "killed", None, "2")])
    assert best_of(voices, stated_b, stated_c)["killed"] == 2


def test_a_tally_and_its_suspects_at_the_same_words_are_two_figures() -> None:
    # "kills 7-year-old daughter, himself": two dead, one of them the killer; the two figures
    # share their words, and are not one figure read twice (as a reprint's would be)
    text = "Avoyelles Parish man kills 7-year-old daughter, himself"
    page = report("a", "2015-07-10", text, [
        ("kills", "killed", "suspects", "1:tally"),
        ("kills", "killed", None, "2:tally"),
    ])
    assert best_of(page)["killed"] == 2


def test_two_events_of_one_report_in_one_cluster_give_the_tallies_of_one_of_them() -> None:
    # one page tells of a man shot dead and, further down, of "the man, shot in the chest":
    # read as two events of one incident, the second's tally of one wounded is the dead man
    text = "A man was shot and killed on Elm Street. The man, shot in the chest, died there."
    page, first, figures = report("a", "2024-05-01", text, [
        ("A man was shot and killed", "killed", None, "1:tally"),
        ("The man, shot in the chest", "injured", None, "1:tally"),
    ])
    first = msgspec.structs.replace(first, figure_ids=(figures[0].id,))
    second = Event(id="a-e2", document_id="a", trigger=Span(0, 1, "A"), event_type="violence",
                   figure_ids=(figures[1].id,))
    entries = build_ledger([first, second], {f.id: f for f in figures}, {"a": page},
                           [EventLink(a=first.id, b=second.id, score=1.0)])
    by_measure = {e.measure: e for e in entries}
    assert by_measure["killed"].best == 1
    assert by_measure["injured"].best is None
    assert [r.figure_id for r in by_measure["injured"].rows] == [figures[1].id]  # still listed
    # unlinked, each event is an entry of its own and keeps its tally
    apart = build_ledger([first, second], {f.id: f for f in figures}, {"a": page}, [])
    assert sorted((e.measure, e.best) for e in apart) == [("injured", 1), ("killed", 1)]


def test_a_tie_on_the_wounded_goes_to_the_news_not_to_a_trial_months_later() -> None:
    news = report("a", "2016-06-09", "Four people were wounded outside the club.",
                  [("Four people", "injured", None, "4")])
    trial = report("b", "2017-02-12", "At the trial, the jury heard one man was wounded.",
                   [("one man", "injured", None, "1")])
    assert best_of(news, trial)["injured"] == 4
    # within the first months, the later report still wins the tie
    update = report("c", "2016-06-20", "One man was wounded outside the club.",
                    [("One man", "injured", None, "1")])
    assert best_of(news, update)["injured"] == 1


def test_a_larger_figure_a_report_states_for_the_whole_beats_its_tally() -> None:
    # the page names three of the five people it says were shot
    text = ("Five people were shot outside the club. A man, a woman and a teenager were "
            "taken to the hospital.")
    best = best_of(report("a", "2024-05-01", text, [
        ("Five people", "injured", "people", "5"),
        ("A man, a woman and a teenager", "injured", None, "3:tally"),
    ]))
    assert best["injured"] == 5


def test_a_later_higher_toll_updates_and_the_reports_before_it_are_out_of_date() -> None:
    wounded = "A man was shot and wounded on Friday night."
    first = report("a", "2024-05-03", wounded, [("A man", "injured", None, "1:tally")])
    second = report("b", "2024-05-03", wounded, [("A man", "injured", None, "1:tally")])
    died = report("c", "2024-05-04", "The man shot on Friday died on Saturday.",
                  [("The man", "killed", None, "1:tally")])
    # two reports of the first day counted the wounded and nobody dead; the next day's report
    # of his death is the count
    assert best_of(first, second, died)["killed"] == 1
    # a report weeks later (a trial) counting a death does not overturn the first reports
    trial = report("d", "2024-06-20", "He was charged with killing a man.",
                   [("a man", "killed", None, "1:tally")])
    assert best_of(first, second, trial)["killed"] == 0


def test_tied_counts_of_the_wounded_go_to_the_report_right_on_the_dead() -> None:
    # two reports, each once: one counts the one dead and one wounded, the other (later)
    # four dead and two wounded; two other reports count the one dead. The wounded: one.
    right = report("a", "2016-07-17", "A man was shot dead and a woman was wounded.", [
        ("A man", "killed", None, "1:tally"),
        ("a woman", "injured", None, "1:tally"),
    ])
    wrong = report("b", "2016-07-18", "Four men were killed and two were wounded.", [
        ("Four men", "killed", None, "4:tally"),
        ("two were wounded", "injured", None, "2:tally"),
    ])
    others = [report(n, "2016-07-18", "A man was shot dead.",
                     [("A man", "killed", None, "1:tally")]) for n in ("c", "d")]
    assert best_of(right, wrong, *others) == {"killed": 1, "injured": 1}


def test_a_report_of_a_death_is_no_count_of_the_wounded() -> None:
    # two pages tell only of the dead man; one also counts a wounded woman
    dead = [report(n, "2024-05-03", "A man was shot dead on Friday.",
                   [("A man", "killed", None, "1:tally")]) for n in ("a", "b")]
    both = report("c", "2024-05-03", "A man was shot dead and a woman was wounded.", [
        ("A man", "killed", None, "1:tally"),
        ("a woman", "injured", None, "1:tally"),
    ])
    assert best_of(*dead, both) == {"killed": 1, "injured": 1}


def test_a_roundup_or_a_statistic_in_a_report_counts_other_incidents() -> None:
    text = ("A man was killed in a shooting on Elm Street on Sunday. "
            "At least 45 people have been killed in shootings in the city so far this year.")
    best = best_of(report("a", "2024-05-01", text, [
        ("A man", "killed", None, "1:tally"),
        ("At least 45 people", "killed", "people", "45"),
    ]))
    assert best["killed"] == 1
    # the page's only figure of the injured is a statistic: no count of this shooting's injured
    text = ("Jose Ruiz was shot dead on Sunday. More than 3,290 people have been injured in "
            "shootings in the city this year.")
    best = best_of(report("b", "2024-05-01", text, [
        ("Jose Ruiz", "killed", None, "1:tally"),
        ("3,290 people", "injured", "people", "3290"),
    ]))
    assert best == {"killed": 1, "injured": None}
    # nor where nobody was counted
    text = "So far in 2017, at least 47 people have been killed in the city, records show."
    best = best_of(report("c", "2017-01-25", text, [("at least 47 people", "killed", "people",
                                                      "47")]))
    assert best == {"killed": None}


def test_a_count_of_an_earlier_year_is_another_incident() -> None:
    # a page of 2017 recalls a shooting of 2015: no count of this one's dead
    text = ("Four men were shot on Genesee Street on Sunday. Titus was involved in the 2015 "
            "shooting outside a club in August 2015, when three people were shot dead.")
    best = best_of(report("a", "2017-02-22", text, [
        ("Four men", "injured", None, "4:tally"),
        ("three people", "killed", "people", "3"),
    ]))
    assert best == {"killed": None, "injured": 4}
    # the page's own incident told again at a trial, dated to the day, is still counted
    text = "On May 26, 2013, two men were shot dead outside a bar, prosecutors said."
    best = best_of(report("b", "2014-03-02", text, [("two men", "killed", "men", "2")]))
    assert best == {"killed": 2}


@pytest.mark.parametrize(("sentence", "published", "earlier"), [
    ("Crime stats for 2015, in the city of New Orleans, show 165 people were murdered.",
     "2016-01-01", True),
    ("A gunman killed 13 people in 2009.", "2016-05-01", True),
    ("On May 26, 2013, two men were shot.", "2014-03-02", False),
    ("Two men were shot in 2016 and one in 2015.", "2016-05-01", False),
    ("A man has been arrested for the killing of two men in May.", "2014-06-13", False),
    ("Two men were shot on Friday.", "2016-05-01", False),
])
def test_earlier_year_sentences(sentence: str, published: str, earlier: bool) -> None:
    assert earlier_year(sentence, published) is earlier


def test_a_stated_count_of_the_wounded_alone_reads_none_dead() -> None:
    # two pages state four wounded and no dead; a third counts a man who died (a mix-up of
    # another shooting): none dead, as most reports say
    wounded = [report(n, "2016-06-05", "Four people were wounded in a shooting on Sunday.",
                      [("Four people", "injured", "people", "4")]) for n in ("a", "b")]
    died = report("c", "2016-06-05", "A man died at the hospital. Four people were wounded.", [
        ("A man", "killed", None, "1:tally"),
        ("Four people", "injured", "people", "4"),
    ])
    assert best_of(*wounded, died) == {"killed": 0, "injured": 4}


def test_a_title_case_count_is_no_age() -> None:
    # "Dead, 3" looks like "Lindsay, 24,"; the word after the number makes it a count
    text = "2 Dead, 3 Wounded In East Garfield Park Shooting"
    best = best_of(report("a", "2017-01-29", text, [
        ("2", "killed", None, "2"),
        ("3", "injured", None, "3"),
    ]))
    assert best == {"killed": 2, "injured": 3}


def test_ages_are_no_counts() -> None:
    text = "Jonah Barley, 17, and Raekwon Manigault, 19, were killed."
    best = best_of(report("a", "2024-05-01", text, [
        ("17", "killed", None, "17"),
        ("Jonah Barley, 17, and Raekwon Manigault, 19", "killed", None, "2:tally"),
    ]))
    assert best["killed"] == 2
    text = "Ana Cruz and Eli Moss, both 24 and from Pasadena, died after the shooting."
    best = best_of(report("b", "2024-05-01", text, [
        ("24", "killed", None, "24"),
        ("Ana Cruz and Eli Moss", "killed", None, "2:tally"),
    ]))
    assert best["killed"] == 2
    text = "Five children between the ages of 11 and 15 were shot on Sunday."
    best = best_of(report("c", "2024-05-01", text, [
        ("15", "injured", None, "15"),
        ("Five children", "injured", None, "5:tally"),
    ]))
    assert best["injured"] == 5


@pytest.mark.parametrize(("sentence", "is_roundup"), [
    ("Chicago surpassed 500 homicides last year for the first time since 2008.", True),
    ("17 dead, 41 wounded in Chicago weekend shootings", True),
    ("More than 3,290 people have been injured this year.", True),
    ("Three children have been shot in the Houston area in the past four days.", True),
    ("3-year-old shot to death on Elm Street, pushing the city's death toll to 49", True),
    ("Boy shot to death on Oak Street, pushing death toll to 30", True),
    ("The murder total remains at 499.", True),
    ("1 dead, 9 wounded in shooting at Detroit block party", False),
    ("Four people were shot and one was killed on Sunday night, police said.", False),
])
def test_roundup_sentences(sentence: str, is_roundup: bool) -> None:
    assert roundup(sentence) is is_roundup


def titled(page: tuple[Document, Event, list[Figure]], title: str
           ) -> tuple[Document, Event, list[Figure]]:
    document, event, figures = page
    return msgspec.structs.replace(document, title=title), event, figures


def test_a_report_of_several_shootings_counts_none_of_them_beside_a_report_of_one() -> None:
    roundup = titled(report("a", "2015-04-08",
                            "A 22-year-old man was shot in his leg. About 20 minutes earlier, a "
                            "24-year-old man was shot to death in a Logan Square drive-by.", [
                                ("A 22-year-old man", "injured", None, "1:tally"),
                                ("a 24-year-old man", "killed", None, "1:tally"),
                            ]),
                     "1 Man Killed, Boy, 2 Others Wounded in Shootings Since Tuesday Morning")
    single = titled(report("b", "2015-04-07", "An 8-year-old boy was shot in North Lawndale.",
                           [("An 8-year-old boy", "injured", None, "1:tally")]),
                    "8-year-old boy shot in North Lawndale")
    assert best_of(roundup, single) == {"killed": None, "injured": 1}
    # alone, or beside another roundup, its counts stand
    assert best_of(roundup) == {"killed": 1, "injured": 1}
    # a headline of one shooting with a plural word is no roundup
    plural = titled(single, "Neighbours mourn after shootings of boy in North Lawndale")
    assert best_of(roundup, plural) == {"killed": None, "injured": 1}


@pytest.mark.parametrize(("title", "several"), [
    ("17 dead, 41 wounded in Chicago weekend shootings", True),
    ("Two boys shot in separate accidental shootings in Portsmouth", True),
    ("1 Man Killed, Boy, 2 Others Wounded in Shootings Since Tuesday Morning", True),
    ("One dead, four injured in Volunteer Parkway shootings", False),
    ("Man charged in fatal shooting of teen", False),
])
def test_roundup_titles(title: str, several: bool) -> None:
    assert roundup_title(title) is several


def test_a_sentence_run_into_the_next_is_cut_at_its_period() -> None:
    # scraped paragraphs joined without a space: the next sentence's "last year" is not this one's
    text = ("The June 15 shooting left a girl dead and injured three others.Vargas moved to "
            "Cranston last year.")
    at = text.index("three")
    sentence = sentence_at(text, at, at + 5)
    assert sentence == "The June 15 shooting left a girl dead and injured three others"
    assert not roundup(sentence)
