"""The Datasette instance for a claimledger store, and serving it on a local port.

The store file is attached read-only: Datasette reads it through read-only connections and the
plugin only ever reads. Visitors cannot run SQL of their own (Datasette's SQL page, `?sql=`,
`_where=`) unless the viewer is started with `allow_sql`, and then only read statements.
Serving first checks that the file is a claimledger store and brings one written by an older
claimledger up to date (its migrations, its event clusters and ledgers), as an export does, since
the pages read what relink stores; a file that is not a store is refused, untouched.

The server answers only requests addressed to it by name (the Host header: 127.0.0.1, localhost
or the address it listens on), so a web page whose own host name an attacker points at
127.0.0.1 (DNS rebinding) cannot read the store through the visitor's browser. Datasette's CSV
pages have their cells made safe for spreadsheets, as the exports' are (see asgi.py).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from claimledger.export import open_for_reading
from claimledger.viewer import plugin
from claimledger.viewer.asgi import AllowedHosts, SpreadsheetSafeCsv
from claimledger.viewer.metadata import build_metadata

PLUGIN_NAME = "claimledger"
# Datasette's own exception hook prints each error with rich outside an `except` block for
# requests no route matches, which raises (rich needs the exception being handled); the
# plugin's hook replaces it (see plugin.handle_exception).
DATASETTE_EXCEPTION_HOOK = "datasette.handle_exception"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def register_plugin() -> None:
    """Register the claimledger plugin with Datasette, once per process, in place of
    Datasette's default exception hook."""
    if pm.get_plugin(PLUGIN_NAME) is None and not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)
    if pm.get_plugin(DATASETTE_EXCEPTION_HOOK) is not None:
        pm.unregister(name=DATASETTE_EXCEPTION_HOOK)


def make_datasette(db_path: Path, *, allow_sql: bool = False) -> Datasette:
    """A Datasette over the store at db_path, with the claimledger pages and metadata; SQL of
    the visitor's own only with `allow_sql`. Raises NotAStoreError for a file that is not a
    claimledger store."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no claimledger store at {db_path}")
    register_plugin()
    metadata = build_metadata(db_path)
    if not allow_sql:
        metadata["allow_sql"] = False
    return Datasette(
        files=[str(db_path)],
        metadata=metadata,
        settings={"allow_download": False},
    )


def serve(
    db_path: Path,
    *,
    port: int = 8001,
    host: str = "127.0.0.1",
    allow_sql: bool = False,
    allowed_hosts: Collection[str] = (),
) -> None:
    """Serve the store in Datasette until interrupted; the events map is at /-/claimledger/map.
    Requests must name 127.0.0.1, localhost, `host` or one of `allowed_hosts` as their Host."""
    with open_for_reading(db_path):  # refuses a file that is not a store; updates an old one
        pass
    datasette = make_datasette(db_path, allow_sql=allow_sql)
    app = AllowedHosts(SpreadsheetSafeCsv(datasette.app()), {*LOCAL_HOSTS, host, *allowed_hosts})
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")
