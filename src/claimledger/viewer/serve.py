"""The Datasette instance for a claimledger store, and serving it with Datasette's own `serve`.

The viewer is a Datasette plugin (the `datasette` entry point names claimledger.viewer.plugin),
so `datasette ledger.db` shows the same pages as `claimledger serve`. `serve` adds what a store
needs before it is served and what the viewer keeps by default: it checks that the file is a
claimledger store and brings one written by an older claimledger up to date (its migrations,
its event clusters and ledgers), as an export does, since the pages read what relink stores; a
file that is not a store is refused, untouched. Visitors cannot run SQL of their own (Datasette's
SQL page, `?sql=`, `_where=`) unless `allow_sql`, and then only read statements, since Datasette
reads the store through read-only connections. Any other option of `datasette serve` passes
through (`--setting`, `--cors`, `-m metadata.json`, ...).

The Host check and spreadsheet-safe CSV are the plugin's (asgi.py), so they hold under plain
`datasette` too.
"""

from __future__ import annotations

import socket
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette.plugins import pm

from claimledger.exports import open_for_reading
from claimledger.store import open_store_read_only
from claimledger.viewer import plugin
from claimledger.viewer.page_context import PREFIX

if TYPE_CHECKING:
    from datasette.app import Datasette

SERVE_OPTIONS_NAME = "claimledger-serve"
# Options `serve` sets itself: passed through as well, they would contradict the URL it prints.
OWN_OPTIONS = ("-h", "--host", "-p", "--port", "--uds")
VIEWER_SETTINGS = {"allow_download": False}


def register_plugin() -> None:
    """Register the claimledger plugin with Datasette where its entry point has not (an
    environment where the package is not installed, or Datasette told not to load plugins)."""
    if pm.get_plugin(plugin.PLUGIN_NAME) is None and not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.PLUGIN_NAME)


def make_datasette(db_path: Path, *, allow_sql: bool = False) -> Datasette:
    """A Datasette over the store at db_path, with the claimledger pages and metadata; SQL of
    the visitor's own only with `allow_sql`. Raises NotAStoreError for a file that is not a
    claimledger store."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no claimledger store at {db_path}")
    from datasette.app import Datasette

    with open_store_read_only(db_path):  # refuses a file that is not a store, writing nothing
        pass
    register_plugin()
    return Datasette(
        files=[str(db_path)],
        settings={**VIEWER_SETTINGS, "default_allow_sql": allow_sql},
    )


class ServeOptions:
    """A plugin registered for one `serve`: the host it was told to listen on is one the Host
    check answers to, beside the local names and the address a request came in on."""

    def __init__(self, hosts: Collection[str]) -> None:
        self.__name__ = SERVE_OPTIONS_NAME  # Datasette names each plugin by it
        self.hosts = sorted(set(hosts))

    @plugin.datasette_hook
    def get_metadata(self) -> dict[str, Any]:
        return {"plugins": {plugin.PLUGIN_NAME: {"serve_hosts": self.hosts}}}


def free_port(host: str) -> int:
    """A port the system has free on `host` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


# A server listening on every interface is reached on this machine at the loopback address.
WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1"}


def viewer_url(host: str, port: int) -> str:
    local = WILDCARDS.get(host, host)
    shown = f"[{local}]" if ":" in local else local
    return f"http://{shown}:{port}{PREFIX}/map"


def announcement(db_path: Path, host: str, port: int) -> str:
    line = f"claimledger viewer of {db_path} at {viewer_url(host, port)}"
    return f"{line} (listening on every interface, {host})" if host in WILDCARDS else line


def own_option_problem(extra: Sequence[str]) -> str | None:
    """What is wrong with Datasette options that set what `serve` sets itself; None if none
    does."""
    for argument in extra:
        name = argument.split("=", 1)[0]
        if name in OWN_OPTIONS:
            return f"{name} is serve's own option: give it before `--`"
    return None


def datasette_arguments(
    db_path: Path, *, host: str, port: int, allow_sql: bool, extra: Sequence[str]
) -> list[str]:
    """The `datasette serve` command line for the store; raises ValueError where `extra` sets
    what `serve` sets itself."""
    problem = own_option_problem(extra)
    if problem:
        raise ValueError(problem)
    settings = {**VIEWER_SETTINGS, "default_allow_sql": allow_sql}
    arguments = [str(db_path), "--host", host, "--port", str(port)]
    for name, value in settings.items():
        arguments += ["--setting", name, "on" if value else "off"]
    return [*arguments, *extra]


def serve(
    db_path: Path,
    *,
    port: int = 8001,
    host: str = "127.0.0.1",
    allow_sql: bool = False,
    allowed_hosts: Collection[str] = (),
    datasette_args: Sequence[str] = (),
    announce: bool = True,
) -> None:
    """Serve the store with `datasette serve` until interrupted, printing the events map's URL
    first (port 0: a free port, chosen here). Requests must name 127.0.0.1, localhost, `host`,
    one of `allowed_hosts` or the address they came in on as their Host."""
    from datasette.cli import serve as datasette_serve

    with open_for_reading(db_path):  # refuses a file that is not a store; updates an old one
        pass
    if port == 0:
        port = free_port(host)
    arguments = datasette_arguments(db_path, host=host, port=port, allow_sql=allow_sql,
                                    extra=datasette_args)
    register_plugin()
    options = ServeOptions({host, *allowed_hosts})
    pm.register(options, name=SERVE_OPTIONS_NAME)
    if announce:
        print(announcement(db_path, host, port), flush=True)
    try:
        datasette_serve.main(args=arguments, prog_name="claimledger serve",
                             standalone_mode=False)
    finally:
        pm.unregister(options)
