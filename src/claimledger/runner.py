"""The batch runner: read -> analyse -> store, then link -> ledger, on one machine.

Documents stream through: nothing holds the corpus in memory. Each analysis is written in its
own transaction as soon as it is made, so an interrupted run loses at most the documents in
flight, and a rerun skips the documents the store already has (keyed by content hash). With
`workers > 1` the analysis runs in worker processes, each loading the spaCy model once.
Linking, the event clusters and the ledger are recomputed over the whole store at the end of
every run: they are functions of the stored events, so recomputing them is what keeps reruns
idempotent. The ledger is stored under every rule; `RunOptions.rule` names the one the run's
summary counts.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Literal

import msgspec

from claimledger._version import __version__
from claimledger.derived import write_derived
from claimledger.link import LinkOptions, link_events
from claimledger.link_features import STATED_RULES
from claimledger.model import Analysis, Document, Event, PlaceMention, ReadError
from claimledger.nlp import find_model_name
from claimledger.read import read_paths
from claimledger.read.inputs import PathsArgument, input_paths
from claimledger.read.names import input_name
from claimledger.read.options import ReadOptions
from claimledger.site_homes import settled_at_homes, settles_abroad, site_homes
from claimledger.store import Store, open_store

CHUNK = 8


class RunOptions(msgspec.Struct, frozen=True, kw_only=True):
    read: ReadOptions = ReadOptions()
    workers: int = 1
    batch_size: int = 32
    # Both rules' ledgers are stored; this one is the ledger the summary counts.
    rule: Literal["ucdp", "acled"] = "ucdp"
    link: LinkOptions = LinkOptions()


class RunSummary(msgspec.Struct, kw_only=True):
    inputs: int = 0
    analysed: int = 0
    skipped: int = 0
    errors: int = 0
    events: int = 0
    links: int = 0
    ledger_entries: int = 0
    disputed: int = 0
    # Documents analysed in this run whose language is not English, by language: stored, but
    # nothing extracted from them (Analysis.skipped).
    not_english: dict[str, int] = {}

    def count_analysed(self, analysis: Analysis) -> None:
        self.analysed += 1
        count_not_english(analysis, self.not_english)


def count_not_english(analysis: Analysis, languages: dict[str, int]) -> None:
    """Count the analysis in `languages` where its document's language kept it from being
    extracted."""
    language = analysis.document.language
    if analysis.skipped and language:
        languages[language] = languages.get(language, 0) + 1


def not_english_note(languages: dict[str, int]) -> str:
    """"2 documents not in English, not extracted (fr 1, de 1)", or "" where there is none."""
    if not languages:
        return ""
    total = sum(languages.values())
    counts = ", ".join(f"{language} {count}" for language, count in
                       sorted(languages.items(), key=lambda item: (-item[1], item[0])))
    return f"{total} document{'s' * (total != 1)} not in English, not extracted ({counts})"


Progress = Callable[[RunSummary], None]


def _worker_init() -> None:
    from claimledger.nlp import load_nlp

    load_nlp()


def _analyse_chunk(documents: Sequence[Document]) -> list[Analysis | ReadError]:
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse_records

    return list(analyse_records(documents, load_nlp(), batch_size=len(documents)))


def _chunks(records: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_stream(
    documents: Iterable[Document], *, workers: int = 1, batch_size: int = 32
) -> Iterator[Analysis | ReadError]:
    """Analyses (or extract-stage errors) for a stream of documents, in worker processes."""
    if workers <= 1:
        from claimledger.nlp import load_nlp
        from claimledger.pipeline import analyse_records

        yield from analyse_records(documents, load_nlp(), batch_size=batch_size)
        return
    # Chunks are submitted from this thread (the input stream may read the store, whose
    # connection belongs to this thread), a bounded number at a time so memory stays flat.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker_init) as pool:
        in_flight: deque[AsyncResult[list[Analysis | ReadError]]] = deque()
        for chunk in _chunks(documents, CHUNK):
            in_flight.append(pool.apply_async(_analyse_chunk, (chunk,)))
            while len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def _new_documents(
    records: Iterable[Document | ReadError], store: Store, summary: RunSummary, progress: Progress
) -> Iterator[Document]:
    """Documents the store lacks; read errors are stored and counted on the way."""
    for record in records:
        summary.inputs += 1
        if isinstance(record, ReadError):
            summary.errors += 1
            store.write_error(record)
            progress(summary)
        elif store.has_document(record.id):
            summary.skipped += 1
            progress(summary)
        else:
            yield record


def settle_at_site_homes(store: Store) -> list[Event]:
    """Settle the stored events' places that their pages leave unsettled in their sites' home
    states, as the whole store shows them (site_homes.py); every stored event, as now stored."""
    events = list(store.events())
    urls = store.document_urls()
    abroad: set[str] = set()  # the pages that settle a place outside the US
    guessed: set[tuple[str, int]] = set()  # names a page leaves unsettled (document, offset)

    def pages() -> Iterator[tuple[str | None, list[PlaceMention]]]:
        for document_id, places in store.document_places():  # streamed: read once
            if settles_abroad(places):
                abroad.add(document_id)
            guessed.update((document_id, p.span.start) for p in places if p.resolved is None)
            yield urls.get(document_id), places

    homes = site_homes(pages())
    settled = settled_at_homes(events, urls, homes.regions, abroad, guessed, homes.towns)
    store.replace_event_places(settled)
    now = {(e.document_id, e.id): e for e in settled}
    return [now.get((e.document_id, e.id), e) for e in events]


def relink(store: Store, options: RunOptions, summary: RunSummary | None = None) -> RunSummary:
    """Settle event places in their sites' homes (`settle_at_site_homes`), then recompute
    links, the event clusters and the ledger under every rule over everything in the store,
    replacing what was stored (documents, figures and people are read from the store
    as each event needs them, not all held at once)."""
    summary = summary or RunSummary()
    events = settle_at_site_homes(store)
    documents = store.document_map()
    figures = store.figure_map()
    links = link_events(events, documents, figures=figures, people=store.person_map(),
                        stated_days=store.stated_days(STATED_RULES), options=options.link)
    store.write_links(links, replace=True)
    ledgers = write_derived(store, events, links, documents=documents, figures=figures)
    ledger = ledgers[options.rule]
    summary.events = len(events)
    summary.links = len(links)
    summary.ledger_entries = len(ledger)
    summary.disputed = sum(1 for entry in ledger if entry.disputed)
    return summary


def run(
    paths: PathsArgument,
    db: str | Path,
    *,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Read the inputs (one path or a list of them) into the store at `db`, then link events
    and rebuild the ledger."""
    paths = input_paths(paths)
    options = options or RunOptions()
    report = progress or (lambda _: None)
    summary = RunSummary()
    with open_store(db) as store:
        run_id = store.start_run(
            version=__version__, model=find_model_name(),
            note=" ".join(input_name(path) for path in paths),
        )
        records = read_paths(paths, options.read)
        documents = _new_documents(records, store, summary, report)
        for result in analyse_stream(
            documents, workers=options.workers, batch_size=options.batch_size
        ):
            if isinstance(result, ReadError):
                summary.errors += 1
                store.write_error(result)
            elif store.write_analysis(result):
                summary.count_analysed(result)
            else:  # the same document twice in one batch (one page under two names)
                summary.skipped += 1
            report(summary)
        relink(store, options, summary)
        store.finish_run(
            run_id, written=summary.analysed, skipped=summary.skipped, errors=summary.errors
        )
    return summary
