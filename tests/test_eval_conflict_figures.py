"""`claimledger eval figures`: the annotation format, the matching, the baseline, the report, on a
folder of pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.eval.conflict_figures import (
    Page,
    Prediction,
    baseline_predictions,
    parse_value,
    read_annotations,
    read_pages,
    score_page,
    source_matches,
)

PAGE = (
    "Car bomb kills 8 in market | Valley Courier\n\n"
    "TOWN (AP) - A car bomb killed at least eight people and wounded 31 on Friday, police said.\n\n"
    "Police Sgt. Ali Musa said eight people were killed. The toll rose from 8 to 9 later.\n"
)
ANNOTATIONS = """\
# quote | measure | value | sources [| flags]
kills 8 in | killed | 8 | @outlet
killed at least eight people | killed | 8+ | police
wounded 31 | injured | 31 | police
eight people were killed | killed | 8 | Ali Musa; police sergeant
from [8] to 9 | killed | 8 | @outlet | optional
from 8 to [9] | killed | 9 | @outlet
"""


def write_folder(root: Path) -> Path:
    (root / "pages").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "pages" / "p1.txt").write_text(PAGE, encoding="utf-8")
    (root / "annotations" / "p1.txt").write_text(ANNOTATIONS, encoding="utf-8")
    (root / "pages.tsv").write_text(
        "id\tsplit\turl\tpublished\toutlet\n"
        "p1\tdev\thttps://www.courier.example/a\t2024-03-01\tAP; Valley Courier\n",
        encoding="utf-8",
    )
    return root


def test_values_as_annotated() -> None:
    assert parse_value("15") == (15.0, 15.0)
    assert parse_value("~40") == (40.0, 40.0)
    assert parse_value("15+") == (15.0, None)
    assert parse_value("<=19") == (None, 19.0)
    assert parse_value("3-9") == (3.0, 9.0)
    assert parse_value("4,000") == (4000.0, 4000.0)


def test_annotations_find_each_quote_and_the_bracketed_count(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (page,) = read_pages(folder)
    gold = read_annotations(folder / "annotations" / "p1.txt", page.text)
    texts = [page.text[g.start : g.end] for g in gold]
    assert texts[:4] == [
        "kills 8 in",
        "killed at least eight people",
        "wounded 31",
        "eight people were killed",
    ]
    assert texts[4:] == ["8", "9"]
    assert [g.optional for g in gold] == [False] * 4 + [True, False]
    assert gold[1].value == (8.0, None) and gold[3].sources == ("Ali Musa", "police sergeant")


def test_a_quote_missing_from_its_page_is_an_error_naming_the_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "annotations" / "p1.txt").write_text("kills 80 | killed | 80 | police\n")
    (page,) = read_pages(folder)
    with pytest.raises(ValueError, match=r"p1\.txt:1"):
        read_annotations(folder / "annotations" / "p1.txt", page.text)


def test_a_split_selects_its_pages(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    assert [p.id for p in read_pages(folder, "dev")] == ["p1"]
    assert read_pages(folder, "test") == []


@pytest.mark.parametrize(
    ("predicted", "accepted", "right"),
    [
        ("Police Sgt. Ali Musa", ["Ali Musa"], True),
        ("Ali Musa, police sergeant", ["police sergeant"], True),
        ("the U.N.", ["UN"], True),
        ("Musa", ["Ali Musa"], False),  # the short mention is not the name the page gives
        ("he", ["Ali Musa"], False),
        ("Valley Courier", ["@outlet"], True),
        ("courier.example", ["@outlet"], False),
    ],
)
def test_a_source_is_right_when_it_holds_an_accepted_name(
    predicted: str, accepted: list[str], right: bool
) -> None:
    assert source_matches(predicted, accepted, ["AP", "Valley Courier"]) is right


def _prediction(start: int, text: str, measure: str, value: tuple[float | None, float | None],
                source: str) -> Prediction:  # fmt: skip
    return Prediction(
        start=start, end=start + len(text), text=text, measure=measure, value=value, source=source
    )


def test_matching_counts_found_value_and_source(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (page,) = read_pages(folder)
    gold = read_annotations(folder / "annotations" / "p1.txt", page.text)
    at = page.text.index
    predicted = [
        _prediction(at("8 in"), "8", "killed", (8.0, 8.0), "AP"),  # all right
        _prediction(at("at least eight"), "at least eight", "killed", (8.0, 8.0), "police"),
        _prediction(at("31"), "31", "injured", (31.0, 31.0), "the outlet"),  # source wrong
        _prediction(at("from 8"), "from 8 to 9", "killed", (8.0, 9.0), "AP"),  # a range: wrong
        _prediction(at("Friday"), "Friday", "killed", (1.0, 1.0), "AP"),  # not a figure
    ]
    tally = score_page(page, gold, predicted)
    assert (tally.gold, tally.predicted, tally.found, tally.value, tally.value_source) == (
        5, 4, 3, 2, 1,
    )  # fmt: skip
    assert any("extra 'Friday'" in miss for miss in tally.misses)
    assert any("missed 'eight people were killed'" in miss for miss in tally.misses)


def test_the_baseline_reads_counts_next_to_casualty_words(tmp_path: Path) -> None:
    page = Page(
        id="b",
        split="dev",
        url="https://www.example.org/x",
        published=None,
        outlets=(),
        text="A bomb killed at least 12 people, police said. Scores wounded. It cost 40 dollars.",
    )
    found = [(p.text, p.measure, p.value, p.source) for p in baseline_predictions(page)]
    assert found == [
        ("12", "killed", (12.0, None), "police"),
        ("Scores", "injured", (40.0, 199.0), "example.org"),
    ]


@pytest.mark.model
def test_eval_figures_reports_claimledger_beside_the_baseline(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    result = CliRunner().invoke(main, ["eval", "figures", "--data", str(folder), "--misses"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].strip("| ").split(" | ")
    assert header[4:] == [
        "found P", "found R", "value P", "value R", "value F1",
        "value+source P", "value+source R", "value+source F1",
    ]  # fmt: skip
    rows = [line for line in result.output.splitlines() if line.startswith("| dev |")]
    assert [row.split(" | ")[1] for row in rows] == ["claimledger", "regex baseline"]
    claimledger = rows[0].split(" | ")
    assert claimledger[3] == "5"  # annotated figures, the optional one aside
    assert float(claimledger[5]) >= 0.8  # found recall on a page written to be plain
