"""One document in, one Analysis out: annotate title and body with spaCy, extract, assemble events.

Only title and body segments are parsed (comments and chrome never feed claims). Each segment is
parsed as its own Doc and every extractor is given the segment's start offset, so every record
points into `Document.text`. Documents are parsed in batches with `nlp.pipe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import __version__
from claimledger.events import assemble_events
from claimledger.extract.attribution import find_attributions
from claimledger.extract.dates import find_dates
from claimledger.extract.figures import find_figures
from claimledger.extract.places import demonym_countries, find_places, resolve_places
from claimledger.model import Analysis, Document, ReadError, Segment, SegmentKind
from claimledger.nlp import model_label
from claimledger.read.options import ReadOptions

CLAIM_SEGMENTS: tuple[SegmentKind, ...] = ("title", "body")
BATCH_SIZE = 32


def claim_segments(document: Document) -> tuple[Segment, ...]:
    """The segments whose sentences can carry claims: title and body."""
    return document.segments_of(*CLAIM_SEGMENTS)


def analyse_parsed(
    document: Document, parsed: Sequence[tuple[Segment, Doc]], *, model: str = ""
) -> Analysis:
    """Everything extracted from one document whose claim segments are already parsed."""
    default_source = document.outlet or document.original_source or document.byline or ""
    attributions = []
    figures = []
    dates = []
    places = []
    nationalities: dict[str, None] = {}
    for segment, doc in parsed:
        base = segment.start
        found = find_attributions(
            doc, base=base, outlet=document.outlet or document.original_source,
            byline=document.byline,
        )
        attributions += found
        figures += find_figures(
            doc, base=base, attributions=found, default_source=default_source
        )
        dates += find_dates(doc, base=base, published=document.published)
        places += find_places(doc, base=base)
        nationalities.update(dict.fromkeys(demonym_countries(doc)))
    places = resolve_places(places, context_countries=tuple(nationalities))
    events = assemble_events(
        document,
        parsed,
        attributions=attributions,
        figures=figures,
        dates=dates,
        places=places,
    )
    return Analysis(
        document=document,
        attributions=tuple(attributions),
        figures=tuple(figures),
        dates=tuple(dates),
        places=tuple(places),
        events=tuple(events),
        version=__version__,
        model=model,
    )


def analyse(document: Document, nlp: Language) -> Analysis:
    """Parse one document's title and body and extract from them."""
    return next(iter(analyse_documents([document], nlp)))


def analyse_documents(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis]:
    """Analyse a stream of documents, parsing their segments in `nlp.pipe` batches."""
    model = model_label(nlp)
    batch: list[Document] = []

    def flush() -> Iterator[Analysis]:
        segments = [(d, s) for d in batch for s in claim_segments(d)]
        docs = nlp.pipe((d.segment_text(s) for d, s in segments), batch_size=batch_size)
        parsed: dict[str, list[tuple[Segment, Doc]]] = {d.id: [] for d in batch}
        for (document, segment), doc in zip(segments, docs, strict=True):
            parsed[document.id].append((segment, doc))
        for document in batch:
            yield analyse_parsed(document, parsed[document.id], model=model)

    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def analyse_records(
    records: Iterable[Document | ReadError], nlp: Language, *, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis | ReadError]:
    """Pass read errors through in order; analyse documents. A document that fails to analyse
    becomes an error record with stage "extract", never a crash of the batch."""
    pending: list[Document] = []

    def drain() -> list[Analysis | ReadError]:
        try:
            return list(analyse_documents(pending, nlp, batch_size=batch_size))
        except Exception:  # one at a time, to find the document that fails
            results: list[Analysis | ReadError] = []
            for document in pending:
                try:
                    results.append(analyse(document, nlp))
                except Exception as exc:
                    results.append(
                        ReadError(
                            input=document.input,
                            reason=f"analysis failed: {type(exc).__name__}: {exc}",
                            stage="extract",
                        )
                    )
            return results

    for record in records:
        if isinstance(record, ReadError):
            yield from drain()
            pending = []
            yield record
            continue
        pending.append(record)
        if len(pending) >= batch_size:
            yield from drain()
            pending = []
    yield from drain()


def process(
    paths: Sequence[str | Path],
    *,
    options: ReadOptions | None = None,
    nlp: Language | None = None,
) -> Iterator[Analysis | ReadError]:
    """Read pages and analyse them: one Analysis or one error record per input, in order."""
    from claimledger.nlp import load_nlp
    from claimledger.read import read_paths

    records = read_paths(list(paths), options or ReadOptions())
    return analyse_records(records, nlp or load_nlp())
