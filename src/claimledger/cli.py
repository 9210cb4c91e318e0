"""The command line: a thin layer over the library; every command calls one public function.

What a command prints goes through cli_output: page text shown as plain text without control
characters, and every write checked (a failed one is an error and a non-zero exit status).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import click
import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimledger._version import __version__
from claimledger.cli_output import (
    CheckedStream,
    OutputError,
    checked_stdout,
    markup_safe,
    plain,
    terminal_text,
)
from claimledger.model import Analysis, Document, LedgerEntry, ReadError
from claimledger.read.options import ReadOptions
from claimledger.taxonomy import ExportFormat, Rule

OutputFormat = Literal["json", "jsonl", "table"]
F = TypeVar("F", bound=Callable[..., Any])
SNIPPET = 60


def _stderr() -> Console:
    return Console(stderr=True)


def _snippet(text: str, width: int = SNIPPET) -> Text:
    flat = " ".join(terminal_text(text).split())
    return plain(flat if len(flat) <= width else flat[: width - 1] + "…")


def _console(out: CheckedStream) -> Console:
    return Console(file=out)  # type: ignore[arg-type]  # a text stream, checked


def _error_line(record: ReadError) -> Text:
    return Text.assemble(("error", "red"), f" {terminal_text(record.input)}: ",
                         terminal_text(record.reason))


def _skipped_line(analysis: Analysis) -> Text:
    """A document nothing was extracted from, and why ("skipped: language fr")."""
    return Text.assemble(("skipped", "yellow"), f" {terminal_text(analysis.document.input)}: ",
                         terminal_text(analysis.skipped or ""))


def _count_languages(
    records: Iterable[Analysis | ReadError], languages: dict[str, int]
) -> Iterator[Analysis | ReadError]:
    """The records, passed through; those not extracted for their language counted."""
    from claimledger.runner import count_not_english

    for record in records:
        if isinstance(record, Analysis):
            count_not_english(record, languages)
        yield record


def _print_not_english(languages: dict[str, int]) -> None:
    from claimledger.runner import not_english_note

    if languages:
        _stderr().print(not_english_note(languages), highlight=False)


def _emit_records(records: Iterable[msgspec.Struct], fmt: OutputFormat, out: CheckedStream) -> None:
    """JSON array or JSON lines, streamed."""
    if fmt == "jsonl":
        for record in records:
            out.write(msgspec.json.encode(record).decode() + "\n")
        return
    out.write("[")
    for i, record in enumerate(records):
        out.write(("," if i else "") + "\n" + msgspec.json.encode(record).decode())
    out.write("\n]\n")


def _document_table(document: Document) -> Table:
    table = Table(title=plain(f"{document.input}  ({document.input_kind}, id {document.id})"))
    table.add_column("field / segment", style="bold")
    table.add_column("offsets", justify="right")
    table.add_column("text")
    for name in ("url", "title", "outlet", "byline", "original_source", "published",
                 "language"):
        value = getattr(document, name)
        if value:
            origin = f" ({document.published_from})" if name == "published" else ""
            table.add_row(name, "", plain(f"{value}{origin}"))
    if document.comment_count is not None:
        table.add_row("comment_count", "", str(document.comment_count))
    if document.cut_at is not None:
        table.add_row(
            "cut_at", str(document.cut_at),
            Text("the page was too long: cut here, the rest not read", style="red"),
        )
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


# Options that several commands share, defined once.
pages_argument = click.argument("paths", nargs=-1, required=True)
published_option = click.option(
    "--published", help="Publication date (YYYY-MM-DD) for pages that carry none."
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table",
    show_default=True,
)
strict_option = click.option(
    "--strict", is_flag=True,
    help="Exit with status 1 when any input gave an error (after reading all of them).",
)
# The columns of CSV and TSV rows, and the keys of JSON records, that hold a document's fields.
COLUMN_OPTIONS = (
    ("--text-column", "The column (or JSON key) holding the page's text."),
    ("--html-column", "The column (or JSON key) holding the page's HTML."),
    ("--date-column", "The column (or JSON key) holding the publication date."),
    ("--url-column", "The column (or JSON key) holding the page's URL."),
    ("--title-column", "The column (or JSON key) holding the title."),
    ("--source-column", "The column (or JSON key) holding the outlet's name."),
)


def column_options(command: F) -> F:
    """--text-column and the rest: each replaces the names looked for by default."""
    for flag, help in reversed(COLUMN_OPTIONS):
        command = click.option(flag, metavar="NAME", help=help)(command)
    return command


def _read_options(published: str | None, column_names: dict[str, str | None]) -> ReadOptions:
    from claimledger.read.options import named_fields

    names = column_names
    fields = named_fields(
        text=names["text_column"], html=names["html_column"], published=names["date_column"],
        url=names["url_column"], title=names["title_column"], outlet=names["source_column"],
    )
    return ReadOptions(published=_iso_date(published), jsonl_fields=fields)


def _refuse_missing(paths: tuple[str, ...]) -> None:
    """A path that names nothing is a usage error before any work (and before a store is
    made): a mistyped name must not pass as a batch with one error."""
    from claimledger.read.inputs import missing_inputs

    missing = missing_inputs(paths)
    if missing:
        raise click.BadParameter(
            terminal_text("; ".join(missing)) + " (nothing was read)", param_hint="PATHS"
        )


def rule_option(help: str) -> Callable[[F], F]:
    """--rule, its choices the ledger's rules."""
    return click.option(
        "--rule", type=click.Choice(list(get_args(Rule))), default="ucdp", show_default=True,
        help=help,
    )


@click.group()
@click.version_option(__version__, prog_name="claimledger")
def main() -> None:
    """claimledger: a sourced ledger of claims and casualty figures from raw news pages."""


@main.command()
@pages_argument
@published_option
@format_option
@strict_option
@column_options
def read(
    paths: tuple[str, ...], published: str | None, fmt: OutputFormat, strict: bool,
    **column_names: str | None,
) -> None:
    """Read pages (HTML, WARC, JSONL, CSV/TSV, text scrapes; files, folders, globs, .gz) into
    documents."""
    from claimledger.read import read_paths

    options = _read_options(published, column_names)
    _refuse_missing(paths)
    counter = _Counter()
    records = counter.count(read_paths(list(paths), options))
    out = checked_stdout()
    if fmt == "table":
        console = _console(out)
        for record in records:
            if isinstance(record, ReadError):
                console.print(_error_line(record))
            else:
                console.print(_document_table(record))
    else:
        _emit_records(records, fmt, out)
    out.flush()
    inputs = counter.documents + counter.errors
    _stderr().print(
        f"{inputs} inputs: {counter.documents} documents, {counter.errors} errors",
        highlight=False,
    )
    if strict and counter.errors:
        sys.exit(1)


@main.command()
@click.argument("url_list", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The WARC to write (gzip where the name ends in .gz); appended to where it exists.",
)
@click.option("--delay", type=float, default=1.0, show_default=True,
              help="Seconds between two requests to one host (more where robots.txt asks).")
@click.option("--retries", type=int, default=3, show_default=True,
              help="Further tries after a 429, a 5xx, a lost connection or a timeout.")
@click.option("--backoff", type=float, default=2.0, show_default=True,
              help="Seconds before the first retry, doubled before each next one.")
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds to connect, and between two pieces of a response.")
@click.option("--user-agent", help="The User-Agent sent and matched in robots.txt.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any URL failed.")
def fetch(
    url_list: Path, output: Path, delay: float, retries: int, backoff: float, timeout: float,
    user_agent: str | None, strict: bool,
) -> None:
    """Fetch the URLs listed in URL_LIST (one a line) into a WARC, politely and resumably."""
    from claimledger.fetch import (
        FetchOptions,
        FetchResult,
        NotAnArchive,
        fetch_urls,
        read_url_list,
    )

    urls = read_url_list(url_list)
    options = FetchOptions(delay=delay, retries=retries, backoff=backoff, timeout=timeout)
    if user_agent:
        options = msgspec.structs.replace(options, user_agent=user_agent)
    console = Console(stderr=True, soft_wrap=True)

    def report(result: FetchResult) -> None:  # failures are listed after the summary line
        if result.outcome in ("fetched", "robots"):
            label = ("fetched", "green") if result.outcome == "fetched" else ("robots ", "yellow")
            console.print(Text.assemble(label, " ", terminal_text(result.url)))

    try:
        summary = fetch_urls(urls, output, options=options, progress=report)
    except NotAnArchive as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    except OSError as exc:
        raise OutputError(str(output), exc) from exc
    if summary.dropped_bytes:
        console.print(f"{summary.dropped_bytes} bytes of a record cut short were dropped from "
                      f"the end of {markup_safe(output)} before appending", highlight=False)
    console.print(
        f"{len(summary.results)} URLs: {summary.count('fetched')} fetched, "
        f"{summary.count('held')} already in the archive, "
        f"{summary.count('robots')} disallowed by robots.txt, {summary.count('failed')} failed",
        highlight=False,
    )
    for result in summary.of("failed"):
        console.print(Text.assemble(("failed", "red"), f" {terminal_text(result.url)}: ",
                                    terminal_text(result.reason)))
    if strict and summary.count("failed"):
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of every record claimledger writes as JSON, fields described."""
    from claimledger.schema import json_schema

    out = checked_stdout()
    out.write(json.dumps(json_schema(), indent=2) + "\n")
    out.flush()


def data_option(help: str) -> Callable[[F], F]:
    """The --data folder every `eval` command scores on."""
    return click.option(
        "--data",
        "data_dir",
        required=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=help,
    )


@main.group(name="eval")
def eval_group() -> None:
    """Score claimledger on annotated data folders."""


@eval_group.command(name="extraction")
@data_option("A folder like the article-extraction benchmark (html/*.html.gz, ground-truth.json).")
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


def _confident_claims(
    records: Iterable[Analysis | ReadError], minimum: float
) -> Iterator[Analysis | ReadError]:
    """The records with only the claims at least `minimum` sure as a whole."""
    from claimledger.extract.attribution_confidence import confident

    for record in records:
        if isinstance(record, Analysis):
            kept = tuple(confident(record.attributions, minimum))
            record = msgspec.structs.replace(record, attributions=kept)
        yield record


def _analysis_tables(analysis: Analysis) -> list[Table]:
    document = analysis.document
    claims = Table(title=plain(f"claims: {document.title or document.input}"), show_lines=False)
    for column in ("source", "chain", "cue", "class", "content", "flags", "sure"):
        claims.add_column(column)
    for a in analysis.attributions:
        flags = ", ".join(
            flag
            for flag, on in (
                ("direct", a.direct),
                ("denial", a.denial),
                (f"hedged: {a.hedge}" if a.hedge else "hedged", a.hedged),
            )
            if on
        )
        claims.add_row(
            plain(a.source_name or (a.source.text if a.source else "")),
            plain(" → ".join(a.chain)),
            plain(a.cue.text if a.cue else ""),
            a.cue_class or "",
            _snippet(a.content.text, 70),
            flags,
            f"{a.confidence.whole:.2f}" if a.confidence else "",
        )
    figures = Table(title="figures")
    for column in ("text", "measure", "interval", "hedge", "population", "source"):
        figures.add_column(column)
    for f in analysis.figures:
        figures.add_row(
            plain(f.span.text),
            f.measure or "",
            f.count.text(),
            "counted" if f.rule else f.count.hedge,  # a tally of the people named
            plain(f.population or ""),
            plain(f.source_name),
        )
    people = Table(title="people harmed")
    for column in ("status", "role", "name", "age", "mentions"):
        people.add_column(column)
    for person in analysis.people:
        people.add_row(
            person.status,
            person.role,
            plain(person.name or ""),
            "" if person.age is None else str(person.age),
            _snippet("; ".join(m.text for m in person.mentions), 60),
        )
    events = Table(title="events")
    for column in ("type", "date", "place", "actors", "figures"):
        events.add_column(column)
    for e in analysis.events:
        place = e.place.resolved if e.place else None
        events.add_row(
            e.event_type + (f" / {e.sub_event_type}" if e.sub_event_type else ""),
            plain(e.date.value if e.date and e.date.value else ""),
            plain(f"{place.name}, {place.country}" if place
                  else (e.place.name if e.place else "")),
            plain("; ".join(f"{actor.name} ({actor.role})" for actor in e.actors)),
            str(len(e.figure_ids)),
        )
    return [claims, figures, people, events] if analysis.people else [claims, figures, events]


@main.command()
@pages_argument
@published_option
@format_option
@strict_option
@column_options
@click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), metavar="P",
    help="Only claims at least this likely right as a whole (a calibrated probability).",
)
def extract(
    paths: tuple[str, ...], published: str | None, fmt: OutputFormat, strict: bool,
    min_confidence: float | None = None, **column_names: str | None,
) -> None:
    """Print each document's claims, figures, dates, places and events."""
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse_records
    from claimledger.read import read_paths

    options = _read_options(published, column_names)
    _refuse_missing(paths)
    errors = 0

    def counted(records: Iterable[Analysis | ReadError]) -> Iterator[Analysis | ReadError]:
        nonlocal errors
        for record in records:
            errors += isinstance(record, ReadError)
            yield record

    languages: dict[str, int] = {}
    records = _count_languages(
        counted(analyse_records(read_paths(list(paths), options), load_nlp())), languages
    )
    if min_confidence is not None:
        records = _confident_claims(records, min_confidence)
    out = checked_stdout()
    if fmt != "table":
        _emit_records(records, fmt, out)
    else:
        console = _console(out)
        for record in records:
            if isinstance(record, ReadError):
                console.print(_error_line(record))
                continue
            if record.skipped:
                console.print(_skipped_line(record))
                continue
            for table in _analysis_tables(record):
                console.print(table)
    out.flush()
    _print_not_english(languages)
    if strict and errors:
        _stderr().print(f"{errors} inputs gave an error (--strict)", highlight=False)
        sys.exit(1)


@main.command(name="run")
@pages_argument
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path))
@published_option
@click.option("--workers", type=int, default=1, show_default=True, help="Analysis processes.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", help="Ray cluster address (with --engine ray); default: a local Ray.")
@rule_option("The ledger the summary line counts (both rules are stored).")
@strict_option
@column_options
def run_command(
    paths: tuple[str, ...],
    db: Path,
    published: str | None,
    workers: int,
    engine: str,
    address: str | None,
    rule: Literal["ucdp", "acled"],
    strict: bool,
    **column_names: str | None,
) -> None:
    """Read, extract, assemble events, link them across pages and build the ledger into DB."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from claimledger.runner import RunOptions, RunSummary, run

    options = RunOptions(read=_read_options(published, column_names), workers=workers, rule=rule)
    _refuse_missing(paths)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[done]} documents, {task.fields[errors]} errors"),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(),
    )
    with _store_errors(db), Progress(*columns, console=_stderr(), transient=False) as bar:
        task = bar.add_task("run", total=None, done=0, errors=0, rate=0.0)

        def report(summary: RunSummary) -> None:
            elapsed = bar.tasks[task].elapsed or 0.0
            done = summary.analysed + summary.skipped
            bar.update(
                task,
                done=done,
                errors=summary.errors,
                rate=summary.analysed / elapsed if elapsed else 0.0,
            )

        if engine == "ray":
            from claimledger.ray_run import run_on_ray

            summary = run_on_ray(
                list(paths), db, options=options, address=address, progress=report
            )
        else:
            summary = run(list(paths), db, options=options, progress=report)
    _stderr().print(
        f"{summary.inputs} inputs: {summary.analysed} analysed, {summary.skipped} already stored, "
        f"{summary.errors} errors; {summary.events} events, {summary.links} links, "
        f"{summary.ledger_entries} ledger entries ({summary.disputed} disputed) in "
        f"{markup_safe(db)}",
        highlight=False,
    )
    _print_not_english(summary.not_english)
    if strict and summary.errors:
        sys.exit(1)


@contextmanager
def _store_errors(db: str | Path) -> Iterator[None]:
    """A file that is no claimledger store, or that SQLite cannot read, as one error line."""
    from claimledger.store import NotAStoreError, SchemaTooNewError

    try:
        yield
    except (NotAStoreError, SchemaTooNewError, FileNotFoundError) as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(terminal_text(f"{db}: {exc}")) from exc


def _output_path(
    ctx: click.Context, param: click.Parameter, value: Path | None
) -> Path | None:
    """-o checked before any work: its folder must exist and take a new file."""
    from claimledger.exports import output_problem

    problem = output_problem(value) if value is not None else None
    if problem:
        raise click.BadParameter(terminal_text(problem), ctx=ctx, param=param)
    return value


@main.command()
@click.argument("event", required=False)
@click.option("--db", "db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--disputed", is_flag=True, help="Only entries whose sources dispute each other.")
@rule_option("The rule whose low/best/high to show.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
    show_default=True,
    help="table: one per entry; json: the entries as a JSON array (`claimledger schema` "
    "describes them); csv: one row per source's figure beside its entry's low/best/high.",
)
@click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), metavar="P",
    help="Build the ledger again from only the figures the page states itself or that an "
    "attribution at least P likely right gives to its source.",
)
def ledger(
    event: str | None, db: str, disputed: bool, rule: str, fmt: str,
    min_confidence: float | None = None,
) -> None:
    """Print the ledger: per event and measure, each source's figure, low/best/high."""
    from claimledger.derived import confident_ledger
    from claimledger.exports import open_for_reading
    from claimledger.ledger import RULE_NAMES

    out = checked_stdout()
    console = _console(out)
    with _store_errors(db), open_for_reading(db) as store:
        found = (
            store.ledger(event, rule=RULE_NAMES[rule]) if min_confidence is None
            else confident_ledger(store, min_confidence, rule, event)  # type: ignore[arg-type]
        )
        entries = [e for e in found if e.disputed or not disputed]
        if fmt != "table":
            _emit_ledger(entries, fmt, out)
        elif not entries:
            console.print("no ledger entries" + (" disputed" if disputed else ""))
        for entry in entries if fmt == "table" else ():
            table = Table(
                title=Text.assemble(
                    terminal_text(
                        f"event {entry.cluster_id} · {entry.measure} · "
                        f"low {_number(entry.low)} / best {_number(entry.best)} / "
                        f"high {_number(entry.high)} · "
                    ),
                    ("disputed", "red") if entry.disputed else "agreed",
                ),
                caption=plain(entry.rule),
            )
            for column in ("published", "outlet", "source", "figure", "interval", "population"):
                table.add_column(column)
            for row in entry.rows:
                table.add_row(
                    plain(row.published or ""),
                    plain(row.outlet or ""),
                    plain(row.source_name),
                    plain(row.text),
                    row.count.text(),
                    plain(row.population or ""),
                )
            console.print(table)
    out.flush()


def _number(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _emit_ledger(entries: list[LedgerEntry], fmt: str, out: CheckedStream) -> None:
    """The entries as a JSON array, or as CSV in long form (export/long_form.py)."""
    from claimledger.exports.long_form import write_ledger_csv

    if fmt == "json":
        _emit_records(entries, "json", out)
    else:
        write_ledger_csv(entries, out)  # type: ignore[arg-type]  # a text stream, checked


@main.command(name="export")
@click.option("--db", "db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", required=True,
    type=click.Choice(list(get_args(ExportFormat))),
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), callback=_output_path,
    help="File to write (default: standard output; required for parquet). It is replaced only "
    "once written whole.",
)
@click.option(
    "--record", "records", multiple=True, type=click.Choice(["analysis", "link", "ledger"]),
    help="With jsonl: only lines of this kind (repeatable), so that each reads as one table.",
)
def export_command(
    db: str, fmt: str, output: Path | None, records: tuple[str, ...]
) -> None:
    """Export the ledger: ACLED-like or UCDP-like CSV, full JSONL records, or Parquet."""
    from claimledger.exports import RECORD_KINDS, export, open_for_reading

    if fmt == "parquet" and output is None:
        raise click.UsageError("--output is required for parquet")
    if records and fmt != "jsonl":
        raise click.UsageError("--record goes with --format jsonl")
    kinds = records or RECORD_KINDS
    with _store_errors(db), open_for_reading(db) as store:
        if output is None:
            out = checked_stdout()
            count = export(store, fmt, out, records=kinds)  # type: ignore[arg-type]
            out.flush()
        else:
            try:
                count = export(store, fmt, output, records=kinds)  # type: ignore[arg-type]
            except OSError as exc:
                raise OutputError(str(output), exc) from exc
    _stderr().print(f"{count} rows written", highlight=False)


@main.command()
@click.option(
    "--db", "db", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (0.0.0.0: every interface); requests must name it, "
              "localhost or 127.0.0.1 as their Host.")
@click.option("--port", type=int, default=8001, show_default=True, help="0: any free port.")
@click.option(
    "--allow-sql", is_flag=True,
    help="Let visitors run their own read-only SQL (Datasette's SQL page and _where=); off by "
    "default.",
)
@click.argument("datasette_args", nargs=-1, type=click.UNPROCESSED)
def serve(db: Path, host: str, port: int, allow_sql: bool, datasette_args: tuple[str, ...]) -> None:
    """Browse the ledger in Datasette with the claimledger views; prints the events map's URL.
    Options after `--` go to `datasette serve` (`-- --setting sql_time_limit_ms 3000 --cors`)."""
    from claimledger.viewer import serve as serve_viewer
    from claimledger.viewer.serve import own_option_problem

    problem = own_option_problem(datasette_args)
    if problem:
        raise click.UsageError(problem)
    with _store_errors(db):
        serve_viewer(db, host=host, port=port, allow_sql=allow_sql, datasette_args=datasette_args)


@eval_group.command(name="attribution")
@data_option("A folder like attribution-polnear (<split>/text, <split>/attributions brat files).")
@click.option("--split", default="dev", show_default=True)
@click.option("--limit", type=int, help="Score only the first N articles.")
def eval_attribution(data_dir: Path, split: str, limit: int | None) -> None:
    """Attribution source/cue/content P/R/F1, exact and token-overlap, beside textacy's."""
    from claimledger.eval.attribution import evaluate_attribution, format_attribution_report

    report = evaluate_attribution(data_dir, split=split, limit=limit)
    click.echo(format_attribution_report(report))


@eval_group.command(name="figures")
@data_option("A folder of conflict pages with annotated figures (pages.tsv, pages/, annotations/).")
@click.option(
    "--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True
)
@click.option("--misses", is_flag=True, help="List claimledger's misses after the table.")
def eval_figures(data_dir: Path, split: str, misses: bool) -> None:
    """Casualty figures found, value right and value plus source right, beside a regex."""
    from claimledger.eval.conflict_figures import (
        analyse_pages,
        evaluate_conflict_figures,
        format_conflict_figures_report,
        read_pages,
    )

    pages = read_pages(data_dir, split)
    report = evaluate_conflict_figures(data_dir, analyse_pages(pages))
    click.echo(format_conflict_figures_report(report, show_misses=misses))


@eval_group.command(name="events")
@data_option("A folder with events.csv (see the README) or UCDP GED rows in events.jsonl.")
@click.option("--limit", type=int, help="Score only the first N texts.")
def eval_events(data_dir: Path, limit: int | None) -> None:
    """Event type, date, country, admin-1 and fatalities of each text's main event."""
    from claimledger.eval.events import evaluate_events, format_events_report

    click.echo(format_events_report(evaluate_events(data_dir, limit=limit)))


@eval_group.command(name="incidents")
@data_option("A folder like events-gva (articles.jsonl grouped by incident, incidents.jsonl).")
@click.option("--limit", type=int, help="Score a random N incidents (the same N for one seed).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workers", type=int, default=1, show_default=True, help="Analysis processes.")
@click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the store the run builds here (replaced if it exists; default: a temporary one).",
)
@click.option(
    "--details", type=click.Path(dir_okay=False, path_type=Path),
    help="Write one JSON line per incident (counts, articles' tallies, cluster, places) here.",
)
@click.option(
    "--reuse", is_flag=True,
    help="Relink and score the store at --db made by an earlier run (same --limit and --seed) "
    "instead of analysing the articles again.",
)
def eval_incidents(
    data_dir: Path, limit: int | None, seed: int, workers: int, db: Path | None,
    details: Path | None, reuse: bool,
) -> None:
    """Killed and injured per incident, linking, event date and place, beside a regex baseline."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from claimledger.eval.incidents import (
        evaluate_incidents,
        format_incidents_report,
        write_details,
    )

    with _store_errors(db or "the store"), Progress(
        "[bold]articles", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=_stderr(),
    ) as bar:
        task = bar.add_task("articles", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = evaluate_incidents(
            data_dir, limit=limit, seed=seed, workers=workers, db=db, reuse=reuse,
            progress=report,
        )
    click.echo(format_incidents_report(result))
    if details is not None:
        write_details(result, details)
