"""The Datasette instance for a claimledger store, and serving it on a local port.

The store file is attached read-only: Datasette reads it through read-only connections, the
plugin only ever reads, and Datasette's SQL page runs only read statements. Serving first brings
a store written by an older claimledger up to date (its migrations, its event clusters and
ledgers), as an export does, since the pages read what relink stores.
"""

from __future__ import annotations

from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from claimledger.derived import bring_up_to_date
from claimledger.store import open_store
from claimledger.viewer import plugin
from claimledger.viewer.metadata import build_metadata

PLUGIN_NAME = "claimledger"


def register_plugin() -> None:
    """Register the claimledger plugin with Datasette, once per process."""
    if pm.get_plugin(PLUGIN_NAME) is None and not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)


def make_datasette(db_path: Path) -> Datasette:
    """A Datasette over the store at db_path, with the claimledger pages and metadata."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no claimledger store at {db_path}")
    register_plugin()
    return Datasette(
        files=[str(db_path)],
        metadata=build_metadata(db_path),
        settings={"allow_download": False},
    )


def serve(db_path: Path, *, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve the store in Datasette until interrupted; the events map is at /-/claimledger/map."""
    if Path(db_path).is_file():
        with open_store(db_path) as store:
            bring_up_to_date(store)
    datasette = make_datasette(db_path)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
