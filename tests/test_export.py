"""Exports: JSONL records, ACLED-like and UCDP-like CSV, the ledger as Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import msgspec
import pyarrow.parquet as pq
import pytest

from battle_records import battle_link, first_analysis, second_analysis
from claimledger.derived import STORED_RULES, write_derived
from claimledger.exports import FORMATS, export
from claimledger.exports import parquet as parquet_module
from claimledger.ledger import ledger_from_analyses
from claimledger.model import Analysis, DateMention, EventLink, LedgerEntry
from claimledger.store import Store, open_store
from conftest import shared_path
from test_store import downgrade, dump

# ACLED's columns as its codebook lists them (ACLED Codebook 2023, "ACLED Data Columns at a
# Glance"), in the order of its data exports.
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
         "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
         "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
         "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
         "source_scale", "notes", "fatalities", "tags", "timestamp"]
# UCDP GED's 49 columns as its codebook lists them (UCDP GED Codebook version 23.1).
UCDP = ["id", "relid", "year", "active_year", "code_status", "type_of_violence",
        "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
        "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
        "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
        "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
        "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
        "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
        "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
        "best", "high", "low", "gwnoa", "gwnob"]
IDS = ["cluster_id", "event_ids", "document_ids", "figure_ids"]


def battle_store(path: Path, *, relinked: bool = True) -> Store:
    """The battle's two pages and their link; with what relink derives when `relinked`."""
    store = open_store(path)
    store.write_analyses([first_analysis(), second_analysis()])
    store.write_links([battle_link()])
    if relinked:
        write_derived(store, list(store.events()), store.links())
    return store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return battle_store(tmp_path / "ledger.db")


def parquet_bytes(store: Store) -> bytes:
    out = io.BytesIO()
    export(store, "parquet", out)
    return out.getvalue()


def every_export(store: Store) -> dict[str, bytes]:
    outputs: dict[str, bytes] = {}
    for fmt in FORMATS:
        if fmt == "parquet":
            rows = pq.read_table(io.BytesIO(parquet_bytes(store))).to_pylist()
            outputs[fmt] = json.dumps(rows, sort_keys=True, default=str).encode()
        else:
            text = io.StringIO()
            export(store, fmt, text)
            outputs[fmt] = text.getvalue().encode()
    return outputs


def csv_rows(store: Store, fmt: str) -> tuple[list[str], list[dict[str, str]], int]:
    out = io.StringIO()
    written = export(store, fmt, out)  # type: ignore[arg-type]
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    rows = list(reader)
    return list(reader.fieldnames or []), rows, written


def test_acled_csv_has_acled_columns_and_the_conservative_toll(store: Store) -> None:
    columns, rows, written = csv_rows(store, "csv-acled")
    assert columns == ACLED + IDS
    assert written == len(rows) == 1
    [row] = rows
    assert row["event_date"] == "2018-02-07"
    assert (row["year"], row["time_precision"]) == ("2018", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["country"], row["iso"], row["geo_precision"]) == ("Syria", "760", "3")
    assert row["event_id_cnty"].startswith("SYR") and row["event_id_cnty"][3:].isdigit()
    # Nothing says what kind of actors these are, nor ACLED's region, scale or tags.
    for unknown in ("inter1", "inter2", "interaction", "civilian_targeting", "region",
                    "admin3", "assoc_actor_1", "source_scale", "tags", "timestamp"):
        assert row[unknown] == "", unknown
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["actor2"]) == ("Russian mercenaries", "U.S.-backed forces")
    assert (row["admin1"], row["latitude"], row["longitude"]) == ("Deir ez-Zor", "35.336", "40.14")
    assert row["source"] == "Zero Hedge; Example Wire"
    assert row["fatalities"] == "100"
    assert "five Russian (Russian Foreign Ministry)" in row["notes"]
    assert row["notes"].endswith("[disputed]")


def test_ucdp_csv_has_ucdp_columns_and_low_best_high(store: Store) -> None:
    columns, rows, _ = csv_rows(store, "csv-ucdp")
    assert columns == UCDP + IDS
    [row] = rows
    assert (row["year"], row["date_prec"], row["where_prec"]) == ("2018", "1", "4")
    assert (row["country"], row["region"], row["adm_1"]) == ("Syria", "Middle East", "Deir ez-Zor")
    assert row["geom_wkt"] == "POINT (40.14 35.336)"
    assert row["priogrid_gid"] == str(250 * 720 + 440 + 1)  # row 250 from -90, column 440
    assert row["type_of_violence"] == "2"  # two named sides, neither a state
    assert row["dyad_name"] == "Russian mercenaries - U.S.-backed forces"
    assert (row["deaths_unknown"], row["deaths_civilians"]) == ("100", "0")
    assert row["number_of_sources"] == "2"
    assert row["source_office"] == "Zero Hedge; Example Wire"
    assert row["source_original"] == (
        "Bloomberg; a U.S. official; Russian Foreign Ministry; a monitoring group")
    assert (row["date_start"], row["date_end"]) == ("2018-02-07", "2018-02-07")
    assert (row["side_a"], row["side_b"]) == ("Russian mercenaries", "U.S.-backed forces")
    assert row["where_description"] == "Deir Ezzor"
    assert (row["low"], row["best"], row["high"]) == ("100", "100", "215")
    assert row["source_article"] == (
        'Zero Hedge 2018-02-21 "Battle near Deir Ezzor"; Example Wire 2018-02-23 "Clash in Syria"'
    )


def test_unlinked_events_are_separate_rows(tmp_path: Path) -> None:
    with open_store(tmp_path / "unlinked.db") as store:
        store.write_analyses([first_analysis(), second_analysis()])
        _, rows, written = csv_rows(store, "csv-ucdp")
    assert written == 2
    assert sorted(r["best"] for r in rows) == ["100", "215"]


def test_a_date_without_its_year_is_not_exported_as_a_date(tmp_path: Path) -> None:
    analysis = second_analysis()
    event = analysis.events[0]
    assert event.date is not None
    partial = DateMention(span=event.date.span, value="XXXX-02-07", rule="month-day")
    analysis = msgspec.structs.replace(
        analysis, events=(msgspec.structs.replace(event, date=partial),)
    )
    with open_store(tmp_path / "partial.db") as store:
        store.write_analysis(analysis)
        _, [row], _ = csv_rows(store, "csv-ucdp")
    assert (row["date_start"], row["date_end"]) == ("", "")


def test_a_ledger_stored_before_the_links_does_not_leak_into_exports(store: Store) -> None:
    store.write_ledger(ledger_from_analyses(store.analyses(), [], rule="acled"))
    _, rows, _ = csv_rows(store, "csv-acled")
    assert len(rows) == 1
    assert rows[0]["fatalities"] == "100"


def test_exports_read_the_stored_ledger(store: Store) -> None:
    # A ledger whose every killed best is 7 is what the store holds, so it is what is exported.
    stored = [msgspec.structs.replace(e, best=7.0) if e.measure == "killed" else e
              for e in store.ledger()]
    store.write_ledger(stored)
    _, [acled], _ = csv_rows(store, "csv-acled")
    _, [ucdp], _ = csv_rows(store, "csv-ucdp")
    assert acled["fatalities"] == ucdp["best"] == "7"
    rows = pq.read_table(io.BytesIO(parquet_bytes(store))).to_pylist()
    assert {r["best"] for r in rows if r["measure"] == "killed"} == {7.0}


def test_a_store_whose_run_stopped_before_its_relink_exports_as_if_relinked(
    store: Store, tmp_path: Path
) -> None:
    expected = every_export(store)
    with battle_store(tmp_path / "stopped.db", relinked=False) as stopped:
        assert not stopped.derived_is_current(STORED_RULES)
        assert every_export(stopped) == expected
        # The derived records were written on the way, so the next export just reads them.
        assert stopped.derived_is_current(STORED_RULES)
        assert stopped.ledger() == store.ledger()


def test_a_store_from_before_clusters_were_stored_exports_as_before(
    store: Store, tmp_path: Path
) -> None:
    expected = every_export(store)
    # What an older claimledger left: schema version 4, no clusters, the UCDP rule's ledger.
    path = tmp_path / "v4.db"
    with battle_store(path, relinked=False) as old:
        old.write_ledger(ledger_from_analyses(old.analyses(), old.links()))
    downgrade(path, 4, [])
    with open_store(path) as old:
        assert old.cluster_members() == []
        assert {e.rule for e in old.ledger()} == {"ucdp.v1"}
        assert every_export(old) == expected
        assert {e.rule for e in old.ledger()} == set(STORED_RULES)
        assert old.cluster_members() == store.cluster_members()


def test_exporting_writes_nothing_to_the_store(store: Store) -> None:
    before = dump(store.path)
    for fmt in ("jsonl", "csv-acled", "csv-ucdp"):
        export(store, fmt, io.StringIO())
    export(store, "parquet", io.BytesIO())
    assert dump(store.path) == before


def test_jsonl_round_trips_every_record(store: Store) -> None:
    out = io.StringIO()
    written = export(store, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert written == len(lines)
    records = [json.loads(line) for line in lines]
    kinds = [r["record"] for r in records]
    assert kinds == ["analysis", "analysis", "link", "ledger", "ledger"]
    analyses = [msgspec.json.decode(line, type=Analysis) for line in lines[:2]]
    assert analyses == list(store.analyses())
    link = {k: v for k, v in records[2].items() if k != "record"}
    assert msgspec.convert(link, EventLink) == battle_link()
    entries = [msgspec.convert({k: v for k, v in r.items() if k != "record"}, LedgerEntry)
               for r in records[3:]]
    assert entries == ledger_from_analyses(store.analyses(), store.links())


def test_export_to_a_path_matches_export_to_a_stream(store: Store, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv-acled", "csv-ucdp"):
        stream = io.StringIO()
        export(store, fmt, stream)
        path = tmp_path / f"out.{fmt}"
        export(store, fmt, path)
        assert path.read_bytes().decode("utf-8") == stream.getvalue()


def test_parquet_holds_the_ledger_in_long_form(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ledger.parquet"
    written = export(store, "parquet", path)
    table = pq.read_table(path)
    assert written == table.num_rows == 12  # five killed figures and one injured, two rules
    rows = table.to_pylist()
    assert {r["rule"] for r in rows} == {"ucdp.v1", "acled.v1"}
    killed = [r for r in rows if r["measure"] == "killed" and r["rule"] == "ucdp.v1"]
    assert {r["disputed"] for r in killed} == {True}
    assert [r["figure_text"] for r in killed] == [
        "More than 200", "about 100", "five", "over 200", "At least 215"]
    assert [r["published"] for r in killed][-1] == "2018-02-23"
    assert {(r["low"], r["best"], r["high"]) for r in killed} == {(100.0, 100.0, 215.0)}
    assert killed[0]["figure_low_inclusive"] is False
    assert "cluster_id" in table.column_names


def test_parquet_written_in_small_batches_holds_the_same_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = pq.read_table(io.BytesIO(parquet_bytes(store)))
    monkeypatch.setattr(parquet_module, "PARQUET_BATCH_ROWS", 2)
    batched = pq.ParquetFile(io.BytesIO(parquet_bytes(store)))
    assert batched.num_row_groups > 1
    assert batched.read().to_pylist() == whole.to_pylist()


def test_parquet_to_a_binary_stream_reads_back(store: Store) -> None:
    out = io.BytesIO()
    written = export(store, "parquet", out)
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == written


def test_an_empty_store_exports_headers_only(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        columns, rows, written = csv_rows(store, "csv-acled")
        assert (columns, rows, written) == (ACLED + IDS, [], 0)
        assert export(store, "parquet", tmp_path / "empty.parquet") == 0
        assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
        assert export(store, "jsonl", io.StringIO()) == 0


def test_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", io.StringIO())  # type: ignore[arg-type]


@pytest.mark.data
def test_ucdp_csv_columns_are_ucdp_ged_column_names() -> None:
    path = shared_path("data", "events-ucdp-sample", "events.jsonl")
    with path.open(encoding="utf-8") as lines:
        first = json.loads(lines.readline())
    assert set(first) <= set(UCDP)


def test_a_cluster_s_place_is_one_a_page_names_before_a_site_s_home_state() -> None:
    from claimledger.exports.clusters import Cluster, cluster_fields
    from claimledger.model import Event, PlaceCandidate, PlaceMention, Span

    ohio = PlaceCandidate(name="Ohio", feature="admin1", country_code="US",
                          country="United States")
    dayton = PlaceCandidate(name="Dayton", feature="city", country_code="US",
                            country="United States", admin1="Ohio")
    hint = PlaceMention(span=Span(0, 0, ""), name="Ohio", candidates=(ohio,), resolved=ohio,
                        rule="site-home")
    named = PlaceMention(span=Span(20, 26, "Dayton"), name="Dayton", candidates=(dayton,),
                         resolved=dayton)
    events = tuple(
        Event(id=f"e{n}", document_id=f"d{n}", trigger=Span(0, 4, "shot"),
              event_type="Violence against civilians", place=place)
        for n, place in enumerate((hint, named))
    )
    fields = cluster_fields(Cluster(id="e0", events=events, documents=()))
    assert (fields.place, fields.place_as_written) == (dayton, "Dayton")
    alone = cluster_fields(Cluster(id="e0", events=events[:1], documents=()))
    assert alone.place == ohio
