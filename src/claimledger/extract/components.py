"""The extractors as spaCy components: each reads the parse and the records of the components
before it from `doc._.claimledger` and adds its own there (see annotation.py).

Order matters and is the order of COMPONENTS: figures take the source of the attribution they
sit in, actors belong to triggers. `add_components` appends them to a loaded pipeline once.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.actors import find_actors
from claimledger.extract.annotation import EXTENSION, annotation, doc_span, register_extension
from claimledger.extract.attribution import find_attributions
from claimledger.extract.dates import find_dates
from claimledger.extract.figures import find_figures
from claimledger.extract.harm import find_harm
from claimledger.extract.places import demonym_countries, find_places, is_location
from claimledger.extract.triggers import find_triggers

ASSIGNS = [f"doc._.{EXTENSION}"]
PARSED = ["token.dep", "token.head", "token.pos", "token.lemma", "doc.sents"]


class _Component:
    """A component that runs one extractor on the Doc and returns the Doc."""

    def __init__(self, name: str, extract: Callable[[Doc], None]) -> None:
        self.name = name
        self.extract = extract

    def __call__(self, doc: Doc) -> Doc:
        self.extract(doc)
        return doc


def _attributions(doc: Doc) -> None:
    annotation(doc).attributions = find_attributions(doc)


def _figures(doc: Doc) -> None:
    annotation(doc).figures = find_figures(doc)


def _dates(doc: Doc) -> None:
    annotation(doc).dates = find_dates(doc)


def _places(doc: Doc) -> None:
    found = annotation(doc)
    found.places = find_places(doc)
    found.locations = {p.span.start for p in found.places if is_location(p, doc)}
    found.nationalities = demonym_countries(doc)


def _triggers(doc: Doc) -> None:
    annotation(doc).triggers = find_triggers(doc)


def _harm(doc: Doc) -> None:
    annotation(doc).harm = find_harm(doc)


def _actors(doc: Doc) -> None:
    """Each trigger's initiators and targets, read off the parse around its word (the last
    token of its span: "strike" of "air strike")."""
    found = annotation(doc)
    with_actors = []
    for trigger in found.triggers:
        words = doc_span(doc, trigger.span)
        actors = tuple(find_actors(words[-1])) if words is not None and len(words) else ()
        with_actors.append(msgspec.structs.replace(trigger, actors=actors))
    found.triggers = with_actors


COMPONENTS: dict[str, tuple[Callable[[Doc], None], list[str]]] = {
    "claimledger_attributions": (_attributions, PARSED),
    "claimledger_figures": (_figures, PARSED),
    "claimledger_dates": (_dates, ["doc.ents", "doc.sents"]),
    "claimledger_places": (_places, ["doc.ents", *PARSED]),
    "claimledger_triggers": (_triggers, PARSED),
    "claimledger_actors": (_actors, [*PARSED, "token.ent_type"]),
    "claimledger_harm": (_harm, [*PARSED, "token.ent_type"]),
}


def _register() -> None:
    for name, (extract, requires) in COMPONENTS.items():
        if name in Language.factories:
            continue

        def make(nlp: Language, name: str, extract: Callable[[Doc], None] = extract) -> _Component:
            return _Component(name, extract)

        Language.factory(name, assigns=ASSIGNS, requires=requires, func=make)


def add_components(nlp: Language) -> Language:
    """Append the claimledger components a pipeline lacks, in order; the pipeline itself."""
    register_extension()
    _register()
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
