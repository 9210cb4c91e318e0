"""claimledger: a sourced ledger of who claims what, with which figures, about which event.

The public API is loaded on first use, so `import claimledger` (and the command line's start)
does not pay for spaCy, scikit-learn or SQLite until they are needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimledger._version import __version__

_EXPORTS = {
    "Analysis": "claimledger.model",
    "Attribution": "claimledger.model",
    "Document": "claimledger.model",
    "Event": "claimledger.model",
    "EventLink": "claimledger.model",
    "Figure": "claimledger.model",
    "LedgerEntry": "claimledger.model",
    "ReadError": "claimledger.model",
    "ReadOptions": "claimledger.read.options",
    "read_paths": "claimledger.read",
    "fetch_urls": "claimledger.fetch",
    "FetchOptions": "claimledger.fetch",
    "analyse": "claimledger.pipeline",
    "analyse_documents": "claimledger.pipeline",
    "process": "claimledger.pipeline",
    "link_events": "claimledger.link",
    "build_ledger": "claimledger.ledger",
    "open_store": "claimledger.store",
    "export": "claimledger.exports",
    "run": "claimledger.runner",
    "RunOptions": "claimledger.runner",
    "load_nlp": "claimledger.nlp",
}

__all__ = [
    "Analysis",
    "Attribution",
    "Document",
    "Event",
    "EventLink",
    "FetchOptions",
    "Figure",
    "LedgerEntry",
    "ReadError",
    "ReadOptions",
    "RunOptions",
    "__version__",
    "analyse",
    "analyse_documents",
    "build_ledger",
    "export",
    "fetch_urls",
    "link_events",
    "load_nlp",
    "open_store",
    "process",
    "read_paths",
    "run",
]

if TYPE_CHECKING:
    from claimledger.exports import export
    from claimledger.fetch import FetchOptions, fetch_urls
    from claimledger.ledger import build_ledger
    from claimledger.link import link_events
    from claimledger.model import (
        Analysis,
        Attribution,
        Document,
        Event,
        EventLink,
        Figure,
        LedgerEntry,
        ReadError,
    )
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import analyse, analyse_documents, process
    from claimledger.read import read_paths
    from claimledger.read.options import ReadOptions
    from claimledger.runner import RunOptions, run
    from claimledger.store import open_store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
    return getattr(import_module(module), name)
