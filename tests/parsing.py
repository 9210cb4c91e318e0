"""Docs for tests of one extractor: parsed by spaCy alone (the claimledger components left out),
and given the context a segment of a page would have."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from claimledger.extract.annotation import SegmentContext, annotation, set_context
from claimledger.model import Attribution, SegmentKind, SourceKind
from claimledger.nlp import load_nlp, spacy_pipes

Parse = Callable[[str], Doc]


def parse(text: str) -> Doc:
    """The text parsed by the model's own components only."""
    nlp = load_nlp()
    with nlp.select_pipes(enable=spacy_pipes(nlp)):
        return nlp(text)


def annotate(text: str) -> Doc:
    """The text through the whole pipeline: spaCy's components, then claimledger's."""
    return load_nlp()(text)


def within(
    doc: Doc,
    *,
    start: int = 0,
    voice: str = "",
    voice_kind: SourceKind | None = None,
    published: str | None = None,
    kind: SegmentKind = "body",
    attributions: Sequence[Attribution] = (),
) -> Doc:
    """The Doc as a segment starting at `start` of a page whose voice and date are given, with
    the attributions found in it so far (what the figures component reads)."""
    voice_kind_given: SourceKind = voice_kind or ("outlet" if voice else "unknown")
    set_context(
        doc,
        SegmentContext(
            start=start, kind=kind, voice=voice, voice_kind=voice_kind_given, published=published
        ),
    )
    annotation(doc).attributions = list(attributions)
    return doc
