"""The viewer closed by default (issue 15.6), served as `claimledger serve` serves it: no SQL of
the visitor's own unless `--allow-sql`, requests for other host names refused (DNS rebinding),
error pages that render (a raw `..` path, `?_sort=` an unknown column), spreadsheet-safe CSV
pages, and page text that reaches the terminal without control characters or rich markup."""

from __future__ import annotations

import asyncio
import csv
import http.client
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from claimledger.cli import main
from claimledger.viewer import make_datasette
from claimledger.viewer.plugin import handle_exception
from test_csv_safety import PAYLOADS, hostile_analysis
from test_viewer_browser import CHROMIUM, browser, free_port, watched  # noqa: F401
from viewer_stores import battle_store

CLAIMLEDGER = Path(sys.executable).parent / "claimledger"
ESC = "\x1b"


def run_async(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine on an event loop of its own thread (Playwright's sync API keeps a loop
    running in this one while the module's browser is open)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextmanager
def served(db: Path, *args: str) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """`claimledger serve --db DB ARGS` in its own process; its port once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [str(CLAIMLEDGER), "serve", "--db", str(db), "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                err = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"serve exited: {err}")
            try:
                if get(port, "/-/claimledger/static/claimledger.css")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("serve did not answer within 60 s")
                time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, host: str | None = "127.0.0.1") -> tuple[int, str]:
    """GET `path` as written (no normalisation of `..`), with `host` as the Host header (None:
    no Host header at all)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", f"{host}:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose pages carry formula payloads and ANSI escapes in their titles."""
    from claimledger.derived import write_derived
    from claimledger.model import Document
    from claimledger.read import read_paths
    from claimledger.store import open_store

    folder = tmp_path_factory.mktemp("hostile-viewer")
    pages = folder / "pages.jsonl"
    pages.write_text("".join(json.dumps({
        "url": f"https://news.example/{name}", "published": "2024-03-10",
        "text": f"At least 12 people were killed near Goma, page {name} said.",
    }) + "\n" for name in PAYLOADS), encoding="utf-8")
    documents = [d for d in read_paths([pages]) if isinstance(d, Document)]
    analyses = [hostile_analysis(d, payload + f" {ESC}[31mred{ESC}[0m")
                for d, payload in zip(documents, PAYLOADS.values(), strict=True)]
    db = folder / "viewer.db"
    with open_store(db) as store:
        store.write_analyses(analyses)
        write_derived(store, [a.events[0] for a in analyses], [])
    return db


@pytest.fixture(scope="module")
def viewer(hostile_db: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    with served(hostile_db) as running:
        yield running


# --- SQL -------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", [
    "/viewer.json?sql=select+name+from+sqlite_master",
    "/viewer?sql=select+1",
    "/viewer/documents.json?_where=1=1",
])
def test_the_visitors_own_sql_is_off_by_default(
    viewer: tuple[int, subprocess.Popen[bytes]], path: str
) -> None:
    status, body = get(viewer[0], path)
    assert status == 403, body[:300]
    assert get(viewer[0], "/viewer/documents.json")[0] == 200


@pytest.mark.slow
def test_allow_sql_turns_the_visitors_sql_on(hostile_db: Path) -> None:
    with served(hostile_db, "--allow-sql") as (port, _):
        query = "sql=select+count(*)+as+n+from+documents&_shape=array"
        status, body = get(port, f"/viewer.json?{query}")
        assert status == 200
        assert json.loads(body) == [{"n": len(PAYLOADS)}]


# --- hosts -----------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "attacker.localhost.com"])
def test_a_request_for_another_host_is_refused(
    viewer: tuple[int, subprocess.Popen[bytes]], host: str
) -> None:
    status, body = get(viewer[0], "/viewer/documents.json", host=host)
    assert status == 400 and "Invalid Host header" in body
    assert "documents" not in body


@pytest.mark.slow
def test_a_request_without_a_host_is_refused(viewer: tuple[int, subprocess.Popen[bytes]]) -> None:
    assert get(viewer[0], "/viewer/documents.json", host=None)[0] == 400


@pytest.mark.slow
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_the_local_names_are_answered(
    viewer: tuple[int, subprocess.Popen[bytes]], host: str
) -> None:
    assert get(viewer[0], "/viewer/documents.json", host=host)[0] == 200


# --- error pages -----------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", [
    "/-/claimledger/article/../../../etc/passwd",
    "/no/such/page/at/all",
    "/-/claimledger/event/..%2f..%2fetc%2fpasswd",
])
def test_a_path_no_route_matches_gets_its_404_page(
    viewer: tuple[int, subprocess.Popen[bytes]], path: str
) -> None:
    status, body = get(viewer[0], path)
    assert status == 404, body[:300]
    assert "<title>Error 404</title>" in body or "claimledger" in body
    assert "root:" not in body


@pytest.mark.slow
@pytest.mark.parametrize("query", ["_sort=nonexistent", "_sort_desc=nonexistent",
                                   "_sort=title&_sort_desc=title"])
def test_a_bad_sort_is_a_400_page_not_a_server_error(
    viewer: tuple[int, subprocess.Popen[bytes]], query: str
) -> None:
    status, body = get(viewer[0], f"/viewer/documents?{query}")
    assert status == 400
    assert "<title>Error 400</title>" in body and "Cannot" in body


@pytest.mark.slow
def test_the_server_log_stays_free_of_tracebacks_and_escapes(hostile_db: Path) -> None:
    with served(hostile_db) as (port, process):
        get(port, "/-/claimledger/article/../../../etc/passwd")
        get(port, "/viewer/documents?_sort=%1b%5b31mred")
        process.terminate()
        _, err = process.communicate(timeout=30)
    log = err.decode("utf-8", "replace")
    assert "Traceback" not in log and ESC not in log, log


def test_a_server_error_is_logged_without_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    datasette = make_datasette(battle_store(tmp_path / "ledger.db"))

    class Request:
        path = "/boom"

    try:
        raise RuntimeError(f"{ESC}[2J{ESC}]0;owned\x07 boom")
    except RuntimeError as exc:
        error = exc
    response = run_async(handle_exception(datasette, Request(), error)())  # type: ignore[arg-type]
    assert response.status == 500
    err = capsys.readouterr().err
    assert "boom" in err and ESC not in err and "\x07" not in err


# --- Datasette's CSV -------------------------------------------------------------------------

@pytest.mark.slow
def test_datasettes_csv_pages_are_spreadsheet_safe(
    viewer: tuple[int, subprocess.Popen[bytes]],
) -> None:
    for path in ("/viewer/documents.csv?_col=title&_col=outlet",
                 "/viewer/documents.csv?_col=title&_col=outlet&_stream=on&_dl=1"):
        status, body = get(viewer[0], path)
        assert status == 200
        rows = list(csv.DictReader(io.StringIO(body, newline="")))
        assert len(rows) == len(PAYLOADS)
        for row in rows:
            assert row["title"].startswith("'") and row["outlet"].startswith("'")
        assert {row["title"][1:].split(f" {ESC}")[0] for row in rows} == set(PAYLOADS.values())


# --- in a real browser -----------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.slow
def test_error_pages_render_in_chromium(
    watched: Any, viewer: tuple[int, subprocess.Popen[bytes]]  # noqa: F811
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is absent")
    page = watched.page
    base = f"http://127.0.0.1:{viewer[0]}"
    for path, status in (("/viewer/documents?_sort=nonexistent", 400),
                         ("/no/such/page/at/all", 404)):
        response = page.goto(base + path)
        assert response is not None and response.status == status
        assert page.title() == f"Error {status}"
        assert page.locator("h1").first.is_visible()
    watched.screenshot("error-page")
    assert watched.errors == []


# --- the terminal ----------------------------------------------------------------------------

def hostile_page(tmp_path: Path) -> Path:
    page = tmp_path / "hostile.jsonl"
    page.write_text(json.dumps({
        "url": "https://news.example/a", "published": "2024-03-10",
        "title": f"Toll [/red] rises [bold]{ESC}[31mred{ESC}[0m{ESC}]0;owned\x07",
        "source": "[link=https://evil.example]Outlet[/link]",
        "text": "At least 12 people were killed near Goma, officials said [/] on Saturday.",
    }) + "\n", encoding="utf-8")
    return page


def test_read_table_shows_markup_and_escapes_as_plain_text(tmp_path: Path) -> None:
    page = hostile_page(tmp_path)
    result = CliRunner().invoke(main, ["read", str(page)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert result.exception is None
    out = result.stdout
    assert "Toll [/red] rises [bold]" in out
    assert "[link=https://evil.example]Outlet[/link]" in out
    assert ESC not in out and "\x07" not in out


def test_error_lines_show_a_hostile_path_as_plain_text(tmp_path: Path) -> None:
    name = f"missing[/red]{ESC}[31m.html"
    missing = CliRunner().invoke(main, ["read", str(tmp_path / name)], env={"COLUMNS": "300"})
    assert missing.exit_code == 2  # a path that names nothing is a usage error
    assert "missing[/red][31m.html" in missing.stderr and ESC not in missing.stderr
    (tmp_path / f"empty[bold]{ESC}[31m.html").write_bytes(b"")  # read, and an error record
    empty = CliRunner().invoke(main, ["read", str(tmp_path)], env={"COLUMNS": "300"})
    assert empty.exit_code == 0 and empty.exception is None
    assert "empty[bold][31m.html" in empty.stdout and ESC not in empty.stdout


@pytest.mark.model
@pytest.mark.slow
def test_extract_table_shows_markup_and_escapes_as_plain_text(tmp_path: Path) -> None:
    page = hostile_page(tmp_path)
    env = {**os.environ, "COLUMNS": "300"}
    result = subprocess.run([str(CLAIMLEDGER), "extract", str(page)], capture_output=True,
                            env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Toll [/red] rises" in out and ESC not in out and "\x07" not in out


def test_ledger_table_shows_hostile_names_as_plain_text(hostile_db: Path) -> None:
    result = CliRunner().invoke(main, ["ledger", "--db", str(hostile_db)],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "=HYPERLINK(" in result.stdout and ESC not in result.stdout


def test_make_datasette_keeps_sql_off_unless_asked(hostile_db: Path) -> None:
    def allowed(datasette: Datasette) -> bool:
        response = run_async(datasette.client.get("/viewer.json?sql=select+1"))
        return response.status_code == 200

    assert not allowed(make_datasette(hostile_db))
    assert allowed(make_datasette(hostile_db, allow_sql=True))
    table = run_async(make_datasette(hostile_db).client.get("/viewer/documents.json"))
    assert table.status_code == 200
    assert len(msgspec.json.decode(table.content)["rows"]) == len(PAYLOADS)
