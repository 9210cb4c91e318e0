"""The extractors as spaCy components writing one annotation, `doc._.claimledger`."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.extract.annotation import SegmentContext, annotation, page_span, set_context
from claimledger.extract.components import COMPONENTS, add_components
from claimledger.model import Document, Segment, content_id
from claimledger.nlp import load_nlp, spacy_pipes
from claimledger.pipeline import analyse

pytestmark = pytest.mark.model

TEXT = (
    "Rebels attacked an army base near Goma on Saturday, killing 12 soldiers, "
    "the governor said. At least 40 people were killed, according to a local official."
)


def test_components_are_registered_and_run_in_order_after_spacy() -> None:
    nlp = load_nlp()
    names = nlp.pipe_names
    assert names[-len(COMPONENTS) :] == list(COMPONENTS)
    assert spacy_pipes(nlp) == names[: -len(COMPONENTS)]
    for name in COMPONENTS:
        assert "doc._.claimledger" in nlp.get_pipe_meta(name).assigns


def test_adding_components_twice_changes_nothing() -> None:
    nlp = load_nlp()
    before = list(nlp.pipe_names)
    add_components(nlp)
    assert nlp.pipe_names == before


def test_each_component_writes_its_records_in_page_offsets() -> None:
    nlp: Language = load_nlp()
    page = "Headline\n\n" + TEXT
    start = page.index("Rebels")
    doc = set_context(
        nlp.make_doc(TEXT), SegmentContext(start=start, voice="Kivu Times", voice_kind="outlet")
    )
    found = annotation(nlp(doc))
    assert found.attributions and found.figures and found.dates and found.places
    assert found.triggers and any(t.actors for t in found.triggers)
    spans = [
        *(a.content for a in found.attributions),
        *(f.span for f in found.figures),
        *(d.span for d in found.dates),
        *(p.span for p in found.places),
        *(t.span for t in found.triggers),
    ]
    for span in spans:
        assert page[span.start : span.end] == span.text
    assert {f.span.text for f in found.figures} >= {"12", "At least 40"}
    assert found.locations == {p.span.start for p in found.places if p.name == "Goma"}


def test_figures_read_the_attributions_before_them_and_the_voice() -> None:
    doc = load_nlp()(set_context(load_nlp().make_doc(TEXT), SegmentContext(voice="Kivu Times")))
    found = annotation(doc)
    sources = {f.span.text: f.source_name for f in found.figures}
    assert sources["12"] == "the governor"
    assert sources["At least 40"] == "a local official"


def test_a_doc_without_context_is_a_segment_at_offset_zero() -> None:
    doc = load_nlp()("At least 40 people were killed.")
    assert annotation(doc).context == SegmentContext()
    assert page_span(doc, 0, 8).text == "At least"


def test_the_analysis_is_assembled_from_the_component_records() -> None:
    text = "Goma attack kills 12\n\n" + TEXT
    document = Document(
        id=content_id(text), text=text, outlet="Kivu Times",
        segments=(Segment("title", 0, 20), Segment("body", 22, len(text))),
    )
    analysis = analyse(document, load_nlp())
    assert analysis.events and analysis.figures
    for figure in analysis.figures:
        assert text[figure.span.start : figure.span.end] == figure.span.text
    event_figures = {i for e in analysis.events for i in e.figure_ids}
    assert event_figures <= {f.id for f in analysis.figures}
