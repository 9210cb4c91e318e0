"""`claimledger eval incidents`: scoring counts, linking and places per incident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.eval.incidents import (
    Article,
    Incident,
    StoredCorpus,
    baseline_count,
    bcubed,
    choose_incidents,
    incident_date,
    names_city,
    score_corpus,
    score_links,
)
from claimledger.model import (
    Analysis,
    Count,
    DateMention,
    Document,
    Event,
    LedgerEntry,
    LedgerRow,
    Span,
)
from conftest import shared_path


@pytest.mark.parametrize(
    ("text", "measure", "count"),
    [
        ("Five people were injured in a shooting.", "injured", 5),
        ("A man was killed and 3 were wounded.", "killed", 1),
        ("A man was killed and 3 were wounded.", "injured", 3),
        ("Police said 2 teens were shot, one of them fatally.", "killed", 0),
        ("No one was hurt.", "injured", 1),  # the simplest thing reads the "one"
    ],
)
def test_the_regex_baseline_takes_the_largest_number_before_a_measure_word(
    text: str, measure: str, count: int
) -> None:
    assert baseline_count(text, measure) == count


def test_bcubed_of_the_gold_clustering_is_perfect_and_singletons_lose_recall() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed(gold, gold) == (1.0, 1.0)
    precision, recall = bcubed({"a": "a", "b": "b", "c": "c"}, gold)
    assert precision == 1.0 and recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_pairwise_scores_count_article_pairs() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "x"}
    links = score_links(predicted, gold)
    assert (links.pairs_gold, links.pairs_predicted, links.pairs_right) == (3, 3, 1)


@pytest.mark.parametrize(
    ("places", "coded", "named"),
    [
        (["Elgin"], "Elgin", True),
        (["Los Angeles"], "Los Angeles (Van Nuys)", True),
        (["Cook County"], "Cook (county)", True),
        (["St. Louis"], "Saint Louis", True),
        (["Van Nuys"], "Los Angeles (Van Nuys)", True),
        (["East Flatbush", "Kings County"], "Brooklyn", True),
        (["Queens", "Queens County"], "Brooklyn", False),
        (["Chicago"], "Elgin", False),
        ([], "Elgin", False),
    ],
)
def test_a_place_names_the_coded_city_or_county(
    places: list[str], coded: str, named: bool
) -> None:
    assert names_city(places, coded) is named


def test_a_limited_sample_is_the_same_for_one_seed_and_sorted() -> None:
    ids = [str(i) for i in range(100)]
    first = choose_incidents(ids, 10, seed=3)
    assert first == choose_incidents(ids, 10, seed=3) == sorted(first)
    assert len(first) == 10 and first != choose_incidents(ids, 10, seed=4)
    assert choose_incidents(ids, None, seed=3) == sorted(ids)


def _write_folder(folder: Path) -> None:
    incidents = [
        {"incident": "1", "date": "2024-05-04", "state": "Ohio", "city_or_county": "Dayton",
         "killed": 1, "injured": 2},
        {"incident": "2", "date": "2024-06-01", "state": "Texas", "city_or_county": "Austin",
         "killed": 0, "injured": 1},
    ]
    articles = [
        {"id": "a", "incident": "1", "title": "Shooting in Dayton", "published": "2024-05-05",
         "url": "https://example.org/a",
         "text": "A man was killed and 2 were wounded in a shooting in Dayton, Ohio on "
                 "Saturday, police said."},
        {"id": "b", "incident": "2", "title": "Austin shooting", "published": "2024-06-02",
         "url": "https://example.org/b",
         "text": "One person was injured in a shooting in Austin, Texas, police said."},
        {"id": "c", "incident": "2", "title": "Paywall", "published": "2024-06-02",
         "url": "https://example.org/c", "text": ""},
    ]
    (folder / "incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in incidents))
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))


@pytest.mark.model
def test_the_command_reports_counts_linking_and_places_beside_the_baseline(
    tmp_path: Path,
) -> None:
    _write_folder(tmp_path)
    details = tmp_path / "details.jsonl"
    result = CliRunner().invoke(
        main, ["eval", "incidents", "--data", str(tmp_path), "--details", str(details)]
    )
    assert result.exit_code == 0, result.output
    assert "2 incidents, 3 articles (1 read or analysis errors)" in result.output
    for row in ("| killed | claimledger ledger |", "| injured | regex baseline |",
                "| B-cubed, every article alone |", "| admin-1 = state |"):
        assert row in result.output
    records = [json.loads(line) for line in details.read_text().splitlines()]
    assert [r["incident"] for r in records] == ["1", "2"]
    assert records[0]["baseline"] == {"killed": 1, "injured": 2}


@pytest.mark.model
@pytest.mark.data
@pytest.mark.slow
def test_on_events_gva_the_run_scores_every_chosen_incident() -> None:
    data = shared_path("data", "events-gva")
    result = CliRunner().invoke(main, ["eval", "incidents", "--data", str(data), "--limit", "8"])
    assert result.exit_code == 0, result.output
    assert "\n8 incidents, " in result.output


@pytest.mark.model
def test_reuse_relinks_the_kept_store_and_scores_it_the_same(tmp_path: Path) -> None:
    _write_folder(tmp_path)
    db = tmp_path / "kept.db"
    first = CliRunner().invoke(
        main, ["eval", "incidents", "--data", str(tmp_path), "--db", str(db)]
    )
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(
        main, ["eval", "incidents", "--data", str(tmp_path), "--db", str(db), "--reuse"]
    )
    assert again.exit_code == 0, again.output

    def tables(output: str) -> list[str]:
        return [line for line in output.splitlines() if line.startswith("|")]

    assert tables(again.output) == tables(first.output)
    assert "(1 read or analysis errors)" in again.output
    assert "| pairwise, articles with an event" in again.output


def test_reuse_without_a_kept_store_is_an_error(tmp_path: Path) -> None:
    _write_folder(tmp_path)
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(
        main, ["eval", "incidents", "--data", str(tmp_path), "--db", str(missing), "--reuse"]
    )
    assert result.exit_code != 0
    assert not missing.exists()


def test_linking_is_also_scored_over_the_articles_with_an_event() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "article:c", "d": "article:d"}
    links = score_links(predicted, gold)
    assert (links.pairs_gold, links.pairs_right) == (3, 1)
    with_event = score_links({"a": "x", "b": "x"}, {"a": "1", "b": "1"})
    assert (with_event.pairwise_recall, with_event.pairwise_precision) == (1.0, 1.0)


def test_an_incident_split_evenly_over_clusters_reads_the_one_that_tells_the_counts() -> None:
    # two articles of one incident, their main events in two clusters: "b" (a larger id) is the
    # one whose ledger lists the dead
    def analysis(doc_id: str) -> Analysis:
        event = Event(id=f"{doc_id}-e", document_id=doc_id, trigger=Span(0, 4, "shot"),
                      event_type="violence", figure_ids=(f"{doc_id}-f",))
        return Analysis(document=Document(id=doc_id, text="shot"), events=(event,))

    row = LedgerRow(figure_id="b1-f", document_id="b1", source_name="police", outlet=None,
                    published=None, count=Count(low=2, high=2), text="two")
    entry = LedgerEntry(cluster_id="b", measure="killed", rows=(row,), low=2, best=2, high=2,
                        disputed=False, rule="ucdp.v1")
    corpus = StoredCorpus(
        analyses={"a1": analysis("a1"), "b1": analysis("b1")},
        cluster_of={"a1-e": "a", "b1-e": "b"},
        ledger={("b", "killed"): entry},
    )
    incident = Incident(incident="i", killed=2)
    articles = [Article(id="a1", incident="i"), Article(id="b1", incident="i")]
    results, _ = score_corpus({"i": incident}, articles, corpus)
    assert (results[0].cluster, results[0].counts["killed"]) == ("b", 2)


def _dated(event_id: str, value: str, granularity: str = "day", rule: str = "absolute",
           at: int = 0) -> Event:
    return Event(
        id=event_id, document_id=event_id, trigger=Span(start=0, end=1, text="x"),
        event_type="Violence against civilians",
        date=DateMention(span=Span(start=at, end=at + 1, text="x"), value=value,
                         granularity=granularity, rule=rule),  # type: ignore[arg-type]
    )


def test_an_incident_is_dated_as_its_exports_rank_dates() -> None:
    # two paywalled pages stand in their publication day; one text gives the day
    events = [_dated("a", "2016-03-08", rule="publication-date"),
              _dated("b", "2016-03-08", rule="publication-date"),
              _dated("c", "2016-03-06", rule="weekday")]
    assert incident_date(events) == "2016-03-06"
    # a day before a month; among days the most common, then the earliest
    events = [_dated("a", "2017-03", granularity="month"), _dated("b", "2017-03-04"),
              _dated("c", "2017-03-05"), _dated("d", "2017-03-05")]
    assert incident_date(events) == "2017-03-05"
    assert incident_date([_dated("a", "2017-03-05"), _dated("b", "2017-03-04")]) == "2017-03-04"
    assert incident_date([]) is None


def test_pages_split_between_two_days_are_dated_by_the_day_a_lede_gives() -> None:
    # "Four men were shot Tuesday night" in one lede; another page dates its event by a
    # killing on the same block that it recalls far down: one page each, the lede's day holds
    events = [_dated("a", "2013-08-13", rule="weekday", at=172),
              _dated("b", "2013-08-10", rule="partial-year", at=1313)]
    assert incident_date(events) == "2013-08-13"
    # more pages for a day still outweigh a lede
    events.append(_dated("c", "2013-08-10", rule="partial-year", at=900))
    assert incident_date(events) == "2013-08-10"
    # a date without its year dates nothing
    assert incident_date([_dated("a", "XXXX-08-13"), _dated("b", "2013-08-10", at=900)]) == (
        "2013-08-10")


def test_nothing_happened_after_the_first_report_of_it() -> None:
    from datetime import date

    # a first report of July 31, 2014 ("shot ... on Wednesday"), and two reports of the plea a
    # year later dated by their own news ("entered the plea Wednesday")
    events = [_dated("a", "2014-07-30", at=659), _dated("b", "2015-04-29", at=272),
              _dated("c", "2015-04-29", at=307)]
    assert incident_date(events) == "2015-04-29"
    assert incident_date(events, date(2014, 8, 1)) == "2014-07-30"
    # a page may be dated a day before the day it tells of
    assert incident_date([_dated("a", "2017-03-10"), _dated("b", "2017-03-10")],
                         date(2017, 3, 9)) == "2017-03-10"
    # where every date is later, they stand
    assert incident_date([_dated("a", "2015-04-29")], date(2014, 8, 1)) == "2015-04-29"
