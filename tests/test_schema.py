"""`claimledger schema` (issue 13.5): one JSON Schema for every record any output holds, every
field described, and every line of what the commands write validates against it: `read` and
`extract` records, each JSONL export line (analyses, links, ledger entries) and `ledger --format
json` entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from claimledger.cli import main
from claimledger.schema import json_schema, undescribed
from test_export import battle_store


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(run_cli("schema"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, record: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(record)]


def test_every_record_and_field_is_described() -> None:
    schema = json_schema()
    assert undescribed(schema) == [], "describe these in claimledger/schema.py's DESCRIPTIONS"
    assert {"Analysis", "Document", "ReadError", "LinkLine", "LedgerLine", "LedgerEntry",
            "Figure", "Event", "Count", "PlaceCandidate"} <= set(schema["$defs"])
    figure = schema["$defs"]["Figure"]["properties"]["count"]
    assert figure["description"] == "The count as an interval, with its hedge"


def test_every_jsonl_export_line_validates(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    with battle_store(tmp_path / "battle.db") as store:
        db = str(store.path)
    lines = run_cli("export", "--db", db, "--format", "jsonl").splitlines()
    kinds = [json.loads(line)["record"] for line in lines]
    assert kinds == ["analysis", "analysis", "link", "ledger", "ledger"]
    for line in lines:
        assert errors(validator, json.loads(line)) == [], line[:80]
    entries = json.loads(run_cli("ledger", "--db", db, "--format", "json"))
    assert len(entries) == 2
    for entry in entries:
        assert errors(validator, entry) == []


def test_a_line_that_breaks_its_record_does_not_validate(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    with battle_store(tmp_path / "battle.db") as store:
        db = str(store.path)
    link, ledger = (json.loads(line) for line in run_cli(
        "export", "--db", db, "--format", "jsonl", "--record", "link", "--record", "ledger"
    ).splitlines()[:2])
    assert errors(validator, {**link, "score": "high"})
    assert errors(validator, {**ledger, "disputed": "yes"})
    assert errors(validator, {**link, "record": "ledger"})
    assert errors(validator, {k: v for k, v in link.items() if k != "b"})


def test_read_records_validate(examples_dir: Path, validator: Draft202012Validator) -> None:
    lines = run_cli("read", str(examples_dir), "--format", "jsonl").splitlines()
    assert lines
    for line in lines:
        assert errors(validator, json.loads(line)) == []


@pytest.mark.model
@pytest.mark.slow
def test_extract_and_run_records_validate(
    examples_dir: Path, tmp_path: Path, validator: Draft202012Validator
) -> None:
    lines = run_cli("extract", str(examples_dir), "--format", "jsonl").splitlines()
    assert len(lines) == 5
    for line in lines:
        assert errors(validator, json.loads(line)) == []
    db = str(tmp_path / "examples.db")
    run_cli("run", str(examples_dir), "--db", db)
    exported = run_cli("export", "--db", db, "--format", "jsonl").splitlines()
    assert {json.loads(line)["record"] for line in exported} == {"analysis", "link", "ledger"}
    for line in exported:
        assert errors(validator, json.loads(line)) == []
