"""The command line as a user runs it, on the bundled examples and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.model import Document, ReadError


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_read_examples_prints_every_document_and_the_counts(examples_dir: Path) -> None:
    code, out, err = invoke("read", str(examples_dir), "--format", "jsonl")
    assert code == 0
    records = [
        msgspec.json.decode(line, type=Document | ReadError) for line in out.splitlines()
    ]
    assert len(records) == 5 and all(isinstance(r, Document) for r in records)
    kinds = sorted(r.input_kind for r in records if isinstance(r, Document))
    assert kinds == ["html", "jsonl", "jsonl", "text", "warc"]
    assert "5 inputs: 5 documents, 0 errors" in err


def test_read_table_shows_segments(examples_dir: Path) -> None:
    code, out, _ = invoke("read", str(examples_dir / "great-lakes-daily-goma.txt"))
    assert code == 0
    for label in ("title", "body", "byline", "comments", "Marie Dupont"):
        assert label in out


def test_bad_inputs_become_error_records_and_strict_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_text("A title\n\nA body sentence that says something.\n")
    code, out, err = invoke("read", str(tmp_path), "--format", "json")
    assert code == 0
    records = json.loads(out)
    errors = [r for r in records if r["record"] == "error"]
    assert len(records) == 3 and len(errors) == 2
    assert all(e["reason"] for e in errors)
    assert "3 inputs: 1 documents, 2 errors" in err
    assert invoke("read", str(tmp_path), "--strict", "--format", "jsonl")[0] == 1


def test_published_option_fills_pages_without_a_date(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("A title\n\nRebels attacked the base on Tuesday.\n")
    code, out, _ = invoke("read", str(tmp_path), "--published", "2018-02-21", "--format", "jsonl")
    document = msgspec.json.decode(out.splitlines()[0], type=Document)
    assert code == 0
    assert (document.published, document.published_from) == ("2018-02-21", "user")


def test_published_option_rejects_a_non_date(tmp_path: Path) -> None:
    code, _, err = invoke("read", str(tmp_path), "--published", "last tuesday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_schema_is_json_schema_of_the_records() -> None:
    code, out, _ = invoke("schema")
    schema = json.loads(out)
    assert code == 0
    assert {"Document", "ReadError", "Analysis"} <= set(schema["$defs"])
