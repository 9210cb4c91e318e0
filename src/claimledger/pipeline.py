"""One document in, one Analysis out: parse title and body with the claimledger components, then
settle places across segments and assemble events from the records.

Only title and body segments are parsed (comments and chrome never feed claims). Each segment is
parsed as its own Doc, given its context first (see extract/annotation.py), so every record the
components write points into `Document.text`. Documents are parsed in batches with `nlp.pipe`.
A segment longer than `MAX_DOC_CHARS` is parsed as several Docs, split at paragraph boundaries
(else at line, sentence or word boundaries), each with its own start offset: the parser's memory
grows with a Doc's length, and spaCy refuses a text longer than `nlp.max_length` (E088).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from os import PathLike

from spacy.language import Language
from spacy.tokens import Doc

from claimledger._version import __version__
from claimledger.events import assemble_events
from claimledger.extract.annotation import Annotation, SegmentContext, annotation, set_context
from claimledger.extract.components import add_components
from claimledger.extract.doc_index import keep_text
from claimledger.extract.places import resolve_places
from claimledger.model import (
    Analysis,
    Document,
    ReadError,
    Segment,
    SegmentKind,
    skipped_for_language,
)
from claimledger.nlp import model_label
from claimledger.read.language import with_language
from claimledger.read.options import ReadOptions

CLAIM_SEGMENTS: tuple[SegmentKind, ...] = ("title", "body")
BATCH_SIZE = 32
# The longest text parsed as one Doc: a tenth of spaCy's default nlp.max_length, which spaCy
# sets by the parser's memory (about 1 GB per 100,000 characters at worst). News bodies are
# far shorter; a longer one (a live blog, a dump of a whole site) is parsed a piece at a time.
MAX_DOC_CHARS = 100_000
# Where a long segment may be split, best first: after a blank line, a line break, a sentence's
# end, any space. A piece is cut at the last such place before the bound that leaves it at least
# half the bound long, else at the bound itself.
SPLIT_PLACES = (
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


# Allocations of container objects between two collections of the youngest generation while
# documents are analysed (Python's default is 700). The extractors make and drop many small
# lists, tuples and Token objects; at the default, collections (and the older generations'
# passes over every long-lived object: the model, the taggers' weights, the gazetteer) took
# about a tenth of the extractors' time.
GC_THRESHOLD = 10_000


@contextmanager
def fewer_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
    """The youngest generation's collection threshold raised to at least `threshold` while
    inside, restored after (collections still run; cyclic garbage waits a little longer). A
    threshold of 0 (automatic collection off) is left as it is."""
    previous = gc.get_threshold()
    if previous[0]:
        gc.set_threshold(max(threshold, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def claim_segments(document: Document) -> tuple[Segment, ...]:
    """The segments whose sentences can carry claims: title and body."""
    return document.segments_of(*CLAIM_SEGMENTS)


def split_points(text: str, max_chars: int) -> list[tuple[int, int]]:
    """`text` as consecutive (start, end) pieces of at most `max_chars` characters that cover it,
    each cut at the best boundary SPLIT_PLACES finds; one piece when the text is short enough."""
    max_chars = max(1, max_chars)
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        pieces.append((start, _cut(text, start, end, max_chars)))
        start = pieces[-1][1]
    pieces.append((start, len(text)))
    return pieces


def _cut(text: str, start: int, end: int, max_chars: int) -> int:
    """Where to end a piece that starts at `start` and may reach `end` (exclusive)."""
    earliest = start + max_chars // 2
    window = text[earliest:end]
    for place in SPLIT_PLACES:
        ends = [found.end() for found in place.finditer(window)]
        if ends:
            return earliest + ends[-1]
    return end


def doc_pieces(
    document: Document, segment: Segment, max_chars: int = MAX_DOC_CHARS
) -> list[Segment]:
    """The stretches of a segment parsed as one Doc each, in page offsets and of the segment's
    kind: the segment itself, or, past `max_chars` characters, consecutive pieces that cover it
    (see `split_points`)."""
    text = document.segment_text(segment)
    return [
        Segment(segment.kind, segment.start + start, segment.start + end)
        for start, end in split_points(text, max_chars)
    ]


def segment_doc(nlp: Language, document: Document, segment: Segment) -> Doc:
    """A segment's text (or a piece of it) as an unparsed Doc that knows its place in the page
    and its voice."""
    voice, voice_kind = document.voice
    text = document.segment_text(segment)
    doc = keep_text(nlp.make_doc(text), text)
    return set_context(
        doc,
        SegmentContext(
            document_id=document.id,
            start=segment.start,
            kind=segment.kind,
            voice=voice,
            voice_kind=voice_kind,
            published=document.published,
        ),
    )


def analysis_of(document: Document, segments: Sequence[Annotation], *, model: str = "") -> Analysis:
    """One document's analysis from the annotations of its parsed claim segments."""
    nationalities: dict[str, None] = {}
    for found in segments:
        nationalities.update(dict.fromkeys(found.nationalities))
    attributions = [a for found in segments for a in found.attributions]
    figures = [f for found in segments for f in found.figures]
    dates = [d for found in segments for d in found.dates]
    places = resolve_places(
        [p for found in segments for p in found.places], context_countries=tuple(nationalities)
    )
    assembly = assemble_events(
        document,
        triggers=[t for found in segments for t in found.triggers],
        attributions=attributions,
        figures=figures,
        dates=dates,
        places=places,
        locations={start for found in segments for start in found.locations},
        harm=[m for found in segments for m in found.harm],
    )
    return Analysis(
        document=document,
        attributions=tuple(attributions),
        figures=(*figures, *assembly.figures),
        dates=tuple(dates),
        places=tuple(places),
        events=tuple(assembly.events),
        people=tuple(assembly.people),
        version=__version__,
        model=model,
    )


def analyse(document: Document, nlp: Language) -> Analysis:
    """Parse one document's title and body and extract from them."""
    return next(iter(analyse_documents([document], nlp)))


def analyse_documents(
    documents: Iterable[Document],
    nlp: Language,
    *,
    batch_size: int = BATCH_SIZE,
    max_chars: int = MAX_DOC_CHARS,
) -> Iterator[Analysis]:
    """Analyse a stream of documents, parsing their segments (split into pieces of at most
    `max_chars` characters, see `doc_pieces`) in `nlp.pipe` batches."""
    add_components(nlp)
    model = model_label(nlp)
    batch: list[Document] = []

    def flush() -> Iterator[Analysis]:
        # Each piece's place in the batch; its Doc is made when nlp.pipe asks for it. A
        # document in another language than English is not parsed at all.
        limit = min(max_chars, nlp.max_length)
        skipped = [skipped_for_language(d) for d in batch]
        pieces = [(i, d, piece) for i, d in enumerate(batch) if not skipped[i]
                  for s in claim_segments(d) for piece in doc_pieces(d, s, limit)]
        unparsed = (segment_doc(nlp, d, piece) for _, d, piece in pieces)
        docs = nlp.pipe(unparsed, batch_size=batch_size)
        parsed: dict[int, list[Annotation]] = {i: [] for i in range(len(batch))}
        for (owner, *_), doc in zip(pieces, docs, strict=True):
            parsed[owner].append(annotation(doc))
        for i, document in enumerate(batch):
            if skipped[i]:
                yield Analysis(document=document, version=__version__, model=model,
                               skipped=skipped[i])
            else:
                yield analysis_of(document, parsed[i], model=model)

    with fewer_collections():
        for document in documents:
            batch.append(document if document.language is not None else with_language(document))
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
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    options: ReadOptions | None = None,
    nlp: Language | None = None,
) -> Iterator[Analysis | ReadError]:
    """Read pages and analyse them: one Analysis or one error record per input, in order.

    `paths` is one path (a file, a folder, a glob) or a list of them. Anything else is refused
    at once: TypeError for what is no path, ValueError for a string that is page text or empty.
    """
    from claimledger.nlp import load_nlp
    from claimledger.read import read_paths
    from claimledger.read.inputs import input_paths

    records = read_paths(input_paths(paths), options or ReadOptions())
    return analyse_records(records, nlp or load_nlp())
