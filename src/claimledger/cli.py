"""The command line: a thin layer over the library; every command calls one public function."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import click
import msgspec
from rich.console import Console
from rich.table import Table

from claimledger import __version__
from claimledger.model import Document, ReadError, json_schema
from claimledger.read.options import ReadOptions

OutputFormat = Literal["json", "jsonl", "table"]
SNIPPET = 60


def _stderr() -> Console:
    return Console(stderr=True)


def _snippet(text: str, width: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _emit_records(records: Iterable[msgspec.Struct], fmt: OutputFormat) -> None:
    """JSON array or JSON lines on stdout, streamed."""
    out = sys.stdout
    if fmt == "jsonl":
        for record in records:
            out.write(msgspec.json.encode(record).decode() + "\n")
        return
    out.write("[")
    for i, record in enumerate(records):
        out.write(("," if i else "") + "\n" + msgspec.json.encode(record).decode())
    out.write("\n]\n")


def _document_table(document: Document) -> Table:
    table = Table(title=f"{document.input}  ({document.input_kind}, id {document.id})")
    table.add_column("field / segment", style="bold")
    table.add_column("offsets", justify="right")
    table.add_column("text")
    for name in ("url", "title", "outlet", "byline", "original_source", "published"):
        value = getattr(document, name)
        if value:
            origin = f" ({document.published_from})" if name == "published" else ""
            table.add_row(name, "", f"{value}{origin}")
    if document.comment_count is not None:
        table.add_row("comment_count", "", str(document.comment_count))
    for segment in document.segments:
        style = None if segment.kind in ("title", "body") else "dim"
        table.add_row(
            segment.kind,
            f"{segment.start}-{segment.end}",
            _snippet(document.segment_text(segment)),
            style=style,
        )
    return table


class _Counter:
    """Counts documents and errors as a stream passes through it."""

    def __init__(self) -> None:
        self.documents = 0
        self.errors = 0

    def count(self, records: Iterable[Document | ReadError]) -> Iterator[Document | ReadError]:
        for record in records:
            if isinstance(record, ReadError):
                self.errors += 1
            else:
                self.documents += 1
            yield record


@click.group()
@click.version_option(__version__, prog_name="claimledger")
def main() -> None:
    """claimledger: a sourced ledger of claims and casualty figures from raw news pages."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for pages that carry none.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table",
    show_default=True,
)
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input gave an error.")
def read(paths: tuple[str, ...], published: str | None, fmt: OutputFormat, strict: bool) -> None:
    """Read pages (HTML, WARC, JSONL, text scrapes; files, folders, globs, .gz) into documents."""
    from claimledger.read import read_paths

    options = ReadOptions(published=_iso_date(published))
    counter = _Counter()
    records = counter.count(read_paths(list(paths), options))
    if fmt == "table":
        console = Console()
        for record in records:
            if isinstance(record, ReadError):
                console.print(f"[red]error[/red] {record.input}: {record.reason}")
            else:
                console.print(_document_table(record))
    else:
        _emit_records(records, fmt)
    inputs = counter.documents + counter.errors
    _stderr().print(
        f"{inputs} inputs: {counter.documents} documents, {counter.errors} errors",
        highlight=False,
    )
    if strict and counter.errors:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the records claimledger emits."""
    click.echo(json.dumps(json_schema(), indent=2))


@main.group(name="eval")
def eval_group() -> None:
    """Score claimledger on annotated data folders."""


@eval_group.command(name="extraction")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder like the article-extraction benchmark (html/*.html.gz, ground-truth.json).",
)
@click.option("--limit", type=int, help="Score only the first N pages.")
def eval_extraction(data_dir: Path, limit: int | None) -> None:
    """Body extraction: the HTML reader, the text-scrape segmenter, plain trafilatura."""
    from claimledger.eval.extraction import evaluate_extraction, format_extraction_report

    click.echo(format_extraction_report(evaluate_extraction(data_dir, limit=limit)))


def _iso_date(value: str | None) -> str | None:
    """Accept YYYY-MM-DD (or a longer ISO timestamp) and keep the date part."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from exc
