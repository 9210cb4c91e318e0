"""Exports that drop into ACLED and UCDP workflows (issue 13.1): each export read back with
pandas as a user's script reads the real files, selecting the real files' columns (listed in
test_export.py from the codebooks), with ACLED's and GED's value conventions; the UCDP file holds
only events with deaths, a government on side A; every row carries its cluster's and figures'
ids; Parquet carries the event's fields; each JSONL kind reads as one clean table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import msgspec
import pandas as pd
import pytest
from click.testing import CliRunner

from battle_records import first_analysis
from claimledger.cli import main
from claimledger.derived import write_derived
from claimledger.exports import export
from claimledger.exports.acled import event_date, time_precision
from claimledger.exports.actors import inter_code, is_state
from claimledger.exports.clusters import Dates, cluster_dates, first_report
from claimledger.exports.ucdp import date_precision, priogrid_gid
from claimledger.model import (
    Actor,
    Analysis,
    Count,
    DateMention,
    Document,
    Event,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Span,
)
from claimledger.store import open_store
from conftest import shared_path
from test_export import ACLED, IDS, UCDP, battle_store

GOMA = PlaceCandidate(name="Goma", feature="city", country_code="CD",
                      country="Democratic Republic of the Congo", admin1="Nord Kivu",
                      latitude=-1.67409, longitude=29.22845, geonameid=216281)
NAIROBI = PlaceCandidate(name="Nairobi", feature="city", country_code="KE", country="Kenya",
                         admin1="Nairobi Area", latitude=-1.28333, longitude=36.81667)


def page(key: str, text: str, *, event_type: str, sub_event_type: str,
         actors: tuple[tuple[str, str], ...], place: PlaceCandidate, day: str | None,
         killed: int | None = None, population: str | None = None,
         granularity: str = "day", rule: str = "absolute") -> Analysis:
    """One page reporting one event; with a killed figure of `killed` where given."""
    document = Document(id=f"doc-{key}", text=text, input=f"{key}.txt", outlet=f"Outlet {key}",
                        title=text.split(".")[0], published="2024-03-12")
    word = Span(0, 4, text[:4])
    figures = ()
    if killed is not None:
        figures = (Figure(id=f"fig-{key}", span=word, count=Count(low=killed, high=killed),
                          measure="killed", population=population, source_name="police"),)
    date = DateMention(span=word, value=day, granularity=granularity, rule=rule)  # type: ignore[arg-type]
    event = Event(
        id=f"event-{key}", document_id=document.id, trigger=word, event_type=event_type,
        sub_event_type=sub_event_type, date=date if day else None,
        place=PlaceMention(span=word, name=place.name, candidates=(place,), resolved=place),
        actors=tuple(Actor(name=name, role=role) for name, role in actors),  # type: ignore[arg-type]
        figure_ids=tuple(f.id for f in figures),
    )
    return Analysis(document=document, figures=figures, events=(event,), version="test",
                    model="test")


ATTACK = page("attack", "Rebels attacked an army base near Goma, killing 12 soldiers.",
              event_type="Battles", sub_event_type="Armed clash",
              actors=(("rebels", "initiator"), ("the army", "target")), place=GOMA,
              day="2024-03-09", killed=12, population="soldiers")
MASSACRE = page("massacre", "Gunmen killed 7 villagers near Goma last week.",
                event_type="Violence against civilians", sub_event_type="Attack",
                actors=(("gunmen", "initiator"), ("villagers", "target")), place=GOMA,
                day="2024-03-04", granularity="week", killed=7, population="villagers")
PROTEST = page("protest", "Police arrest 30 in Nairobi fuel price protest.",
               event_type="Protests", sub_event_type="Protest with intervention",
               actors=(("Police", "initiator"), ("demonstrators", "target")), place=NAIROBI,
               day="2024-03-12", rule="publication-date")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workflows") / "ledger.db"
    with open_store(path) as store:
        analyses = [ATTACK, MASSACRE, PROTEST]
        store.write_analyses(analyses)
        write_derived(store, [e for a in analyses for e in a.events], [])
    return path


def exported(db: Path, fmt: str, folder: Path, *extra: str) -> Path:
    """What `claimledger export` writes to a file."""
    out = folder / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", fmt, "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def test_a_script_for_acled_files_reads_the_acled_export(store_path: Path, tmp_path: Path) -> None:
    table = pd.read_csv(exported(store_path, "csv-acled", tmp_path))
    events = table[ACLED]  # a KeyError here is what a script written for ACLED's files hits
    assert len(events) == 3  # the protest without deaths too: ACLED codes it, with 0
    assert events["year"].dtype.kind == "i" and events["fatalities"].dtype.kind == "i"
    assert events["latitude"].dtype.kind == "f"
    by_type = events.set_index("sub_event_type")
    attack, massacre = by_type.loc["Armed clash"], by_type.loc["Attack"]
    protest = by_type.loc["Protest with intervention"]
    assert (attack["event_date"], attack["time_precision"], attack["fatalities"]) == (
        "2024-03-09", 1, 12)
    # Rebels (2) against state forces (1): interaction 12.
    assert (attack["actor1"], attack["inter1"]) == ("rebels", 2)
    assert (attack["actor2"], attack["inter2"], attack["interaction"]) == ("the army", 1, 12)
    assert (attack["disorder_type"], attack["iso"], attack["geo_precision"]) == (
        "Political violence", 180, 1)
    assert attack["event_id_cnty"].startswith("COD")
    # A week: its middle day, time precision 2; civilians targeted, actor 2 civilians (7).
    assert (massacre["event_date"], massacre["time_precision"]) == ("2024-03-07", 2)
    assert massacre["civilian_targeting"] == "Civilian targeting"
    assert massacre["inter2"] == 7
    # The protesters are actor 1 (6), the police acting on them actor 2 (1): interaction 16.
    assert (protest["actor1"], protest["inter1"]) == ("demonstrators", 6)
    assert (protest["actor2"], protest["inter2"], protest["interaction"]) == ("Police", 1, 16)
    assert protest["disorder_type"] == "Demonstrations"
    assert (protest["time_precision"], protest["fatalities"]) == (2, 0)  # a publication day
    assert events["region"].isna().all() and events["admin3"].isna().all()


def test_a_script_for_ged_files_reads_the_ucdp_export(store_path: Path, tmp_path: Path) -> None:
    table = pd.read_csv(exported(store_path, "csv-ucdp", tmp_path))
    events = table[UCDP]
    # GED holds only events with deaths: the protest is not there.
    assert sorted(events["best"]) == [7, 12]
    assert (events["best"] == events[["deaths_a", "deaths_b", "deaths_civilians",
                                      "deaths_unknown"]].sum(axis=1)).all()
    attack = events[events["best"] == 12].iloc[0]
    massacre = events[events["best"] == 7].iloc[0]
    # The government's forces on side A, as GED puts them, though the rebels attacked.
    assert (attack["side_a"], attack["side_b"]) == ("the army", "rebels")
    assert (attack["type_of_violence"], attack["dyad_name"]) == (1, "the army - rebels")
    assert (attack["deaths_unknown"], attack["date_prec"], attack["where_prec"]) == (12, 1, 1)
    assert attack["priogrid_gid"] == priogrid_gid(-1.67409, 29.22845)
    assert (attack["country"], attack["region"]) == ("Democratic Republic of the Congo", "Africa")
    assert events["id"].dtype.kind == "i" and events["id"].is_unique
    # Violence against civilians is one-sided (3); villagers' deaths are civilians'.
    assert (massacre["type_of_violence"], massacre["deaths_civilians"]) == (3, 7)
    assert (massacre["date_start"], massacre["date_end"], massacre["date_prec"]) == (
        "2024-03-04", "2024-03-10", 3)
    assert events["conflict_new_id"].isna().all() and events["gwnoa"].isna().all()


def test_every_csv_row_carries_its_cluster_events_and_figures(
    store_path: Path, tmp_path: Path
) -> None:
    for fmt in ("csv-acled", "csv-ucdp"):
        table = pd.read_csv(exported(store_path, fmt, tmp_path), dtype=str, keep_default_na=False)
        assert list(table.columns) == (ACLED if fmt == "csv-acled" else UCDP) + IDS
        killed = table[table["figure_ids"] != ""]
        assert set(killed["figure_ids"]) == {"fig-attack", "fig-massacre"}
        assert set(killed["cluster_id"]) == {"event-attack", "event-massacre"}
        assert set(killed["event_ids"]) == set(killed["cluster_id"])
        assert set(killed["document_ids"]) == {"doc-attack", "doc-massacre"}


def test_parquet_rows_carry_the_event_fields(store_path: Path, tmp_path: Path) -> None:
    table = pd.read_parquet(exported(store_path, "parquet", tmp_path))
    killed = table[(table["rule"] == "ucdp.v1") & (table["measure"] == "killed")]
    attack = killed[killed["cluster_id"] == "event-attack"].iloc[0]
    assert str(attack["date_start"]) == "2024-03-09"
    assert (attack["event_type"], attack["sub_event_type"]) == ("Battles", "Armed clash")
    assert (attack["location"], attack["admin1"], attack["country_code"]) == (
        "Goma", "Nord Kivu", "CD")
    assert (attack["latitude"], attack["actor1"], attack["actor2"]) == (
        -1.67409, "rebels", "the army")
    assert list(attack["event_ids"]) == ["event-attack"]


def test_each_jsonl_kind_reads_as_one_clean_table(tmp_path: Path) -> None:
    with battle_store(tmp_path / "battle.db") as store:
        db = store.path
    tables = {
        kind: pd.read_json(exported(db, "jsonl", tmp_path, "--record", kind), lines=True)
        for kind in ("analysis", "link", "ledger")
    }
    assert list(tables["link"].columns) == ["record", "a", "b", "score", "signals"]
    assert list(tables["ledger"].columns) == [
        "record", "cluster_id", "measure", "rows", "low", "best", "high", "disputed", "rule",
        "population", "disputes"]
    assert list(tables["analysis"].columns[:2]) == ["record", "document"]
    for kind, table in tables.items():
        assert set(table["record"]) == {kind}
    # The whole export, every kind at once, splits by `record` into the same tables.
    whole = pd.read_json(exported(db, "jsonl", tmp_path), lines=True)
    for kind, table in tables.items():
        part = whole[whole["record"] == kind].reset_index(drop=True)
        assert len(part) == len(table)
        assert set(part.dropna(axis=1, how="all").columns) <= set(table.columns)


def test_a_jsonl_record_kind_goes_only_with_jsonl(store_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format",
                                       "csv-ucdp", "--record", "link"])
    assert result.exit_code == 2
    assert "--record goes with --format jsonl" in result.output


def test_date_precision_codes_follow_the_codebooks() -> None:
    from datetime import date

    day = Dates(start=date(2024, 3, 9), end=date(2024, 3, 9), granularity="day", from_text=True)
    published = msgspec.structs.replace(day, from_text=False)
    days = msgspec.structs.replace(day, end=date(2024, 3, 11))
    month = Dates(start=date(2024, 3, 1), end=date(2024, 3, 31), granularity="month",
                  from_text=True)
    assert [time_precision(d) for d in (day, published, days, month)] == [1, 2, 2, 3]
    assert [date_precision(d) for d in (day, published, days, month)] == [1, 2, 2, 4]
    assert event_date(month) == date(2024, 3, 16) and event_date(days) == date(2024, 3, 9)
    likeliest = msgspec.structs.replace(days, likeliest=date(2024, 3, 10))
    assert (event_date(likeliest), time_precision(likeliest)) == (date(2024, 3, 10), 2)


def test_acled_codes_the_day_most_reports_give() -> None:
    from datetime import date

    def event(event_id: str, value: str, at: int) -> Event:
        return Event(id=event_id, document_id=event_id, trigger=Span(0, 1, "x"),
                     event_type="Battles",
                     date=DateMention(span=Span(at, at + 6, "Friday"), value=value,
                                      rule="weekday-before-publication"))

    # one report dates the attack by the day its news came out, two by the attack's day
    dates = cluster_dates([event("a", "2024-03-08", 900), event("b", "2024-03-09", 120),
                           event("c", "2024-03-09", 140)])
    assert dates is not None
    assert (dates.start, dates.end, dates.likeliest) == (
        date(2024, 3, 8), date(2024, 3, 9), date(2024, 3, 9))
    assert (event_date(dates), time_precision(dates)) == (date(2024, 3, 9), 2)

    # the first page appeared on the 8th: the attack is no later than that
    dates = cluster_dates([event("a", "2024-03-06", 900), event("b", "2024-03-10", 120),
                           event("c", "2024-03-10", 140)], reported=date(2024, 3, 8))
    assert dates is not None and dates.likeliest == date(2024, 3, 6)
    # two reports give two days; a third, which names none, appeared on one of them
    stand_in = msgspec.structs.replace(
        event("c", "2024-03-09", 0),
        date=DateMention(span=Span(0, 0, ""), value="2024-03-09", rule="publication-date"))
    dates = cluster_dates([event("a", "2024-03-08", 120), event("b", "2024-03-09", 140),
                           stand_in])
    assert dates is not None and dates.likeliest == date(2024, 3, 9)
    dates = cluster_dates([event("a", "2024-03-08", 120), event("b", "2024-03-09", 140)])
    assert dates is not None and dates.likeliest == date(2024, 3, 8)
    pages = [Document(id=f"p{i}", text="x", published=day)
             for i, day in enumerate(("2024-03-09", "2024-03-08T21:10:00Z", None))]
    assert first_report(page.published for page in pages) == date(2024, 3, 8)


@pytest.mark.parametrize(("name", "state", "code"), [
    ("the army", True, 1),
    ("Nigerian police", True, 1),
    ("government troops", True, 1),
    ("Lord's Resistance Army", False, 2),
    ("Free Syrian Army", False, 2),
    ("rebel soldiers", False, 2),
    ("pro-government militia", False, None),
    ("anti-government protesters", False, 6),
    ("a mob", False, 5),
    ("villagers", False, 7),
    ("fighters of the Northern Ridge Movement", False, None),
])
def test_an_actor_is_typed_by_its_words_only(name: str, state: bool, code: int | None) -> None:
    assert is_state(name) is state
    assert inter_code(name, first=True, event_type="Battles") == code


def test_priogrid_cells_are_numbered_from_the_south_west() -> None:
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(-89.9, 179.9) == 720
    assert priogrid_gid(89.9, 179.9) == 259200
    assert priogrid_gid(-1.67409, 29.22845) == 176 * 720 + 418 + 1


def test_no_year_no_place_no_actor_leaves_cells_empty_not_guessed(tmp_path: Path) -> None:
    analysis = first_analysis()
    bare = msgspec.structs.replace(
        analysis.events[0], date=None, place=None, actors=(),
    )
    with open_store(tmp_path / "bare.db") as store:
        store.write_analysis(msgspec.structs.replace(analysis, events=(bare,)))
        out = io.StringIO()
        export(store, "csv-acled", out)
    [row] = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False).to_dict(
        "records")
    for column in ("event_date", "year", "time_precision", "actor1", "inter1", "country", "iso",
                   "location", "latitude", "geo_precision"):
        assert row[column] == "", column
    assert row["event_id_cnty"].isdigit()


@pytest.mark.data
def test_ged_sample_rows_select_the_same_columns_as_the_ucdp_export(
    store_path: Path, tmp_path: Path
) -> None:
    """A script's column selection, made on UCDP's real GED rows, runs on the export."""
    path = shared_path("data", "events-ucdp-sample", "events.jsonl")
    real = pd.read_json(path, lines=True)
    ours = pd.read_csv(exported(store_path, "csv-ucdp", tmp_path))
    selection = list(real.columns)
    assert list(ours[selection].columns) == selection
    assert set(json.loads(path.read_text(encoding="utf-8").splitlines()[0])) <= set(UCDP)


@pytest.mark.model
@pytest.mark.slow
def test_the_examples_exports_read_as_the_real_files(examples_dir: Path, tmp_path: Path) -> None:
    """`claimledger run` over the bundled pages, then each export as a user's script reads it."""
    db = tmp_path / "examples.db"
    result = CliRunner().invoke(main, ["run", str(examples_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    acled = pd.read_csv(exported(db, "csv-acled", tmp_path))[ACLED]
    ged = pd.read_csv(exported(db, "csv-ucdp", tmp_path))[UCDP]
    # The attack near Goma in both; the Nairobi protest, with no one killed, in ACLED's only.
    assert sorted(acled["country"]) == ["Democratic Republic of the Congo", "Kenya"]
    assert list(ged["country"]) == ["Democratic Republic of the Congo"]
    [attack] = ged.to_dict("records")
    assert (attack["side_a"], attack["type_of_violence"], attack["year"]) == ("army", 1, 2024)
    assert attack["low"] <= attack["best"] <= attack["high"]
    assert attack["number_of_sources"] == 4
    parquet = pd.read_parquet(exported(db, "parquet", tmp_path))
    assert set(parquet["location"]) == {"Goma", "Nairobi"}
