"""The one annotation every claimledger component reads and writes: `doc._.claimledger`.

Only title and body segments are parsed, each as its own Doc. Before parsing, a segment's Doc is
given its context: where the segment starts in `Document.text` and the document's voice (who
speaks where no source is named) and publication date. Each component then adds its records to
the same annotation, in page offsets: `page_span` and `token_span` are the only places where a
Doc offset becomes a page offset. A Doc never given a context reads as a segment at offset 0
with no outlet, byline or date (as in unit tests on a bare sentence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import msgspec
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.doc_index import doc_text
from claimledger.model import (
    Attribution,
    DateMention,
    Figure,
    HarmMention,
    PlaceMention,
    SegmentKind,
    SourceKind,
    Span,
    Trigger,
    content_id,
)

EXTENSION = "claimledger"


class SegmentContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a segment's extractors need to know of the page around it."""

    document_id: str = ""
    start: int = 0  # the segment's offset in Document.text
    kind: SegmentKind = "body"
    voice: str = ""  # who speaks where no source is named (see Document.voice)
    voice_kind: SourceKind = "unknown"
    published: str | None = None


@dataclass
class Annotation:
    """The records found in one segment, each in page offsets."""

    context: SegmentContext
    attributions: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    # Start offsets of the places named as where something happens ("in Deir Ezzor"), not as a
    # party ("U.S. forces"); read off the parse when the places are found.
    locations: set[int] = field(default_factory=set)
    # Countries the segment points to by nationality words ("the Lebanese army").
    nationalities: tuple[str, ...] = ()
    triggers: list[Trigger] = field(default_factory=list)
    harm: list[HarmMention] = field(default_factory=list)


def register_extension() -> None:
    """Declare `doc._.claimledger` once per process (spaCy keeps extensions globally)."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


def remove_extension() -> None:
    if Doc.has_extension(EXTENSION):
        Doc.remove_extension(EXTENSION)


def set_context(doc: Doc, context: SegmentContext) -> Doc:
    """Give a Doc, before it is parsed, the context of the segment it holds."""
    register_extension()
    _attach(doc, Annotation(context=context))
    return doc


# The annotation is kept in the Doc's user data under this key too: the extractors read it for
# every span they write, and reading an extension makes a new accessor object each time.
ANNOTATION_KEY = "claimledger.annotation"


def _attach(doc: Doc, found: Annotation) -> None:
    doc._.set(EXTENSION, found)
    doc.user_data[ANNOTATION_KEY] = found


def annotation(doc: Doc) -> Annotation:
    """The Doc's annotation, created empty (offset 0, no voice) the first time it is asked for."""
    kept = doc.user_data.get(ANNOTATION_KEY)
    if isinstance(kept, Annotation):
        return kept
    register_extension()
    found = doc._.get(EXTENSION)
    if not isinstance(found, Annotation):
        found = Annotation(context=SegmentContext())
    _attach(doc, found)
    return found


def context(doc: Doc) -> SegmentContext:
    return annotation(doc).context


def segment_key(doc: Doc) -> str:
    """What the ids of a segment's records are derived from: its document and its text, so two
    reports that reprint one text keep records of their own."""
    found = context(doc)
    text = doc_text(doc)
    return content_id(f"{found.document_id}\x1f{text}" if found.document_id else text)


def page_offset(doc: Doc, offset: int) -> int:
    """A character offset in the Doc's text as an offset in the page."""
    return context(doc).start + offset


def page_span(doc: Doc, start: int, end: int) -> Span:
    """Characters [start, end) of the Doc's text as a span of the page."""
    return Span(
        start=page_offset(doc, start), end=page_offset(doc, end), text=doc_text(doc)[start:end]
    )


def doc_span(doc: Doc, span: Span) -> SpacySpan | None:
    """The tokens of the Doc that a page span covers (expanded to whole tokens); None when the
    span lies outside this segment."""
    start = span.start - context(doc).start
    return doc.char_span(start, start + (span.end - span.start), alignment_mode="expand")


def token_span(first: Token, last: Token) -> Span:
    """The tokens first..last (inclusive) as a span of the page."""
    return page_span(first.doc, first.idx, last.idx + len(last.text))


def tokens_span(tokens: Sequence[Token]) -> Span:
    """A run of tokens, from its first to its last, as a span of the page."""
    return token_span(tokens[0], tokens[-1])
