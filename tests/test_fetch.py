"""`fetch` against a real HTTP server on loopback: robots.txt obeyed, requests to one host spaced
out, 503s and lost connections tried again, 404s, slow and oversized pages reported, the WARC
read back by the WARC reader, and a rerun (also after a run killed mid-record) appending only
what is missing."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.fetch import USER_AGENT, FetchOptions, fetch_urls, read_url_list
from claimledger.fetch.archive import Exchange, open_archive, scan_archive
from claimledger.model import Document, ReadError
from claimledger.read import read_paths
from claimledger.read.options import ReadOptions

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
SLOW_SECONDS = 1.5
SMALL_LIMIT = 20_000
STEP = 23  # bytes between two cuts of an archive (every cut passes; 23 keeps it quick)


def page(title: str, sentence: str) -> bytes:
    body = " ".join([sentence] * 6)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


class Pages(BaseHTTPRequestHandler):
    """The test site; `server.log` collects (path, time, user agent) of every request."""

    server: Site

    def do_GET(self) -> None:
        site = self.server
        with site.lock:
            site.log.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            hits = sum(path == self.path for path, _, _ in site.log)
        if self.path == "/robots.txt":
            if site.robots_status != 200:
                return self.reply(site.robots_status, b"down")
            return self.reply(200, site.robots, "text/plain")
        if self.path.startswith("/page/"):
            name = self.path.removeprefix("/page/")
            return self.reply(200, page(f"Page {name}", f"Report number {name} from the valley."))
        if self.path == "/private/secret.html":
            return self.reply(200, page("Secret", "Nobody should archive this."))
        if self.path == "/flaky":
            if hits == 1:
                return self.reply(503, b"busy", headers={"Retry-After": "0"})
            return self.reply(200, page("Flaky", "Served on the second try only."))
        if self.path == "/limited":
            if hits == 1:
                return self.reply(429, b"slow down", headers={"Retry-After": "1"})
            return self.reply(200, page("Limited", "Served once the client waited."))
        if self.path == "/trickle":  # a byte every 0.2 s: never idle long enough to time out
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "40")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if self.path == "/moved":
            return self.reply(301, b"", headers={"Location": "/page/target"})
        if self.path == "/zipped":
            body = gzip.compress(page("Zipped", "Sent with gzip content encoding."))
            return self.reply(200, body, headers={"Content-Encoding": "gzip"})
        if self.path == "/brotli":  # sent whatever the request accepts
            return self.reply(200, b"\x1b\x00\x00", headers={"Content-Encoding": "br"})
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self.reply(200, page("Slow", "Too late."))
        if self.path == "/huge":
            return self.reply(200, b"<html>" + b"x" * (SMALL_LIMIT * 2) + b"</html>")
        return self.reply(404, b"not here")

    def reply(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up on a slow page
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots_status: int = 200, robots: bytes = ROBOTS) -> None:
        super().__init__(("127.0.0.1", 0), Pages)
        self.log: list[tuple[str, float, str]] = []
        self.lock = threading.Lock()
        self.robots_status = robots_status
        self.robots = robots

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _, _ in self.log]


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def serve(server: Site) -> Iterator[Site]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


FAST = FetchOptions(delay=0.0, backoff=0.01, timeout=0.5, max_bytes=SMALL_LIMIT)


def documents(path: Path) -> list[Document | ReadError]:
    return list(read_paths([str(path)], ReadOptions()))


def test_fetched_pages_are_read_back_from_the_warc(site: Site, tmp_path: Path) -> None:
    urls = [f"{site.base}{p}" for p in (
        "/page/one", "/private/secret.html", "/flaky", "/missing", "/moved", "/zipped", "/slow",
        "/huge", "/brotli",
    )]
    out = tmp_path / "pages.warc.gz"
    summary = fetch_urls(urls, out, options=FAST)
    outcome = {r.url.removeprefix(site.base): (r.outcome, r.reason) for r in summary.results}
    assert outcome["/page/one"] == ("fetched", "")
    assert outcome["/private/secret.html"] == ("robots", "disallowed by robots.txt")
    assert outcome["/flaky"] == ("fetched", "")
    assert outcome["/missing"] == ("failed", "HTTP 404 Not Found")
    assert outcome["/moved"] == ("fetched", "")
    assert outcome["/zipped"] == ("fetched", "")
    assert outcome["/slow"][0] == "failed" and "timed out" in outcome["/slow"][1]
    assert outcome["/huge"] == ("failed", f"larger than {SMALL_LIMIT} bytes (40013 declared)")
    assert outcome["/brotli"] == (
        "failed", "sent in content encoding 'br', which the WARC reader cannot undo"
    )
    assert "/private/secret.html" not in site.paths()
    assert site.paths().count("/flaky") == 2
    assert site.paths().count("/slow") == 4  # the first try and three retries
    assert site.paths().count("/robots.txt") == 1

    records = documents(out)
    assert all(isinstance(r, Document) for r in records), records
    texts = {r.url: r.text for r in records if isinstance(r, Document)}
    assert set(texts) == {f"{site.base}{p}" for p in ("/page/one", "/flaky", "/page/target",
                                                       "/zipped")}
    assert "Report number one from the valley." in texts[f"{site.base}/page/one"]
    assert "Served on the second try only." in texts[f"{site.base}/flaky"]
    assert "Sent with gzip content encoding." in texts[f"{site.base}/zipped"]
    assert "Report number target" in texts[f"{site.base}/page/target"]


def test_a_rerun_fetches_only_what_the_archive_lacks(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "pages.warc.gz"
    fetch_urls([f"{site.base}/page/a", f"{site.base}/moved"], out, options=FAST)
    size = out.stat().st_size
    first = len(site.paths())
    again = [f"{site.base}/page/a", f"{site.base}/moved", f"{site.base}/page/b"]
    summary = fetch_urls(again, out, options=FAST)
    assert [r.outcome for r in summary.results] == ["held", "held", "fetched"]
    assert site.paths()[first:] == ["/robots.txt", "/page/b"]
    assert out.stat().st_size > size
    urls = [r.url for r in documents(out) if isinstance(r, Document)]
    assert urls == [f"{site.base}/page/a", f"{site.base}/page/target", f"{site.base}/page/b"]


@pytest.mark.parametrize("keep", [0.1, 0.35, 0.6, 0.9, 0.999])
def test_a_record_cut_short_by_a_killed_run_is_dropped_and_fetched_again(
    site: Site, tmp_path: Path, keep: float
) -> None:
    out = tmp_path / "pages.warc.gz"
    fetch_urls([f"{site.base}/page/a"], out, options=FAST)
    whole = out.stat().st_size
    fetch_urls([f"{site.base}/page/b"], out, options=FAST)
    data = out.read_bytes()
    cut = int((len(data) - whole) * keep)
    out.write_bytes(data[: whole + cut])  # killed while writing b's records
    assert scan_archive(out).held == {f"{site.base}/page/a"}

    summary = fetch_urls([f"{site.base}/page/a", f"{site.base}/page/b"], out, options=FAST)
    assert [r.outcome for r in summary.results] == ["held", "fetched"]
    assert 0 < summary.dropped_bytes <= cut  # b's request record stays where it is whole
    records = documents(out)
    assert all(isinstance(r, Document) for r in records), records
    assert [r.url for r in records if isinstance(r, Document)] == [
        f"{site.base}/page/a", f"{site.base}/page/b"
    ]


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site, tmp_path: Path) -> None:
    options = FetchOptions(delay=0.3, backoff=0.01, timeout=2.0)
    urls = [f"{site.base}/page/{n}" for n in range(3)]
    fetch_urls(urls, tmp_path / "pages.warc.gz", options=options)
    times = [t for _, t, _ in site.log]
    assert len(times) == 4  # robots.txt and three pages
    # Each request arrives at least the delay after the previous response was sent.
    assert all(later - earlier >= 0.299 for earlier, later in pairwise(times))
    assert all(agent.startswith("claimledger/") for _, _, agent in site.log)


def test_a_crawl_delay_in_robots_txt_spaces_requests_further(tmp_path: Path) -> None:
    rules = b"User-agent: claimledger\nCrawl-delay: 0.4\nDisallow: /private/\n"
    for slow in serve(Site(robots=rules)):
        urls = [f"{slow.base}/page/{n}" for n in range(2)] + [f"{slow.base}/private/x"]
        summary = fetch_urls(urls, tmp_path / "p.warc.gz", options=FAST)
        assert [r.outcome for r in summary.results] == ["fetched", "fetched", "robots"]
        times = [t for _, t, _ in slow.log]
        assert len(times) == 3
        # 0.4 s, which urllib.robotparser would ignore, is kept as a whole second.
        assert all(later - earlier >= 0.999 for earlier, later in pairwise(times))


def test_retry_after_is_waited_and_a_trickling_page_is_cut_off(
    site: Site, tmp_path: Path
) -> None:
    options = msgspec.structs.replace(FAST, max_seconds=1.0, retries=0)
    urls = [f"{site.base}/limited", f"{site.base}/trickle"]
    first = fetch_urls(urls[:1], tmp_path / "a.warc.gz", options=FAST)
    assert [r.outcome for r in first.results] == ["fetched"]
    limited = [t for path, t, _ in site.log if path == "/limited"]
    assert len(limited) == 2 and limited[1] - limited[0] >= 0.999
    second = fetch_urls(urls[1:], tmp_path / "b.warc.gz", options=options)
    assert [(r.outcome, r.reason) for r in second.results] == [
        ("failed", "took longer than 1 s")
    ]


def test_a_host_whose_robots_txt_fails_is_not_fetched(tmp_path: Path) -> None:
    for down in serve(Site(robots_status=503)):
        summary = fetch_urls([f"{down.base}/page/a"], tmp_path / "p.warc.gz", options=FAST)
        (result,) = summary.results
        assert result.outcome == "failed"
        assert result.reason.startswith("robots.txt gave HTTP 503")
        assert "/page/a" not in down.paths()


def test_a_refused_connection_is_tried_again_then_reported(tmp_path: Path) -> None:
    closed = Site()
    url = f"{closed.base}/page/a"
    closed.server_close()  # nothing listens on its port any more
    summary = fetch_urls([url], tmp_path / "p.warc.gz", options=FAST)
    (result,) = summary.results
    assert result.outcome == "failed"
    assert "ConnectError" in result.reason and "after 4 tries" in result.reason


def test_the_url_list_skips_blanks_comments_and_repeats(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("\ufeff# news\nhttp://a.test/1\n\n  http://a.test/2 \nhttp://a.test/1\n")
    assert read_url_list(listed) == ["http://a.test/1", "http://a.test/2"]


def test_the_command_fetches_then_reads_and_reports(site: Site, tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("\n".join(f"{site.base}{p}" for p in (
        "/page/one", "/private/secret.html", "/missing", "ftp://elsewhere/x"
    )) + "\nftp://elsewhere/x\n")
    out = tmp_path / "pages.warc.gz"
    args = ["fetch", str(listed), "-o", str(out), "--delay", "0", "--backoff", "0.01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert ("5 URLs: 1 fetched, 0 already in the archive, 1 disallowed by robots.txt, "
            "3 failed") in result.stderr
    assert f"failed {site.base}/missing: HTTP 404 Not Found" in result.stderr
    assert "failed ftp://elsewhere/x: not an http(s) URL" in result.stderr
    assert f"failed {site.base}ftp://elsewhere/x: InvalidURL" in result.stderr
    again = CliRunner().invoke(main, [*args, "--strict"])
    assert again.exit_code == 1
    assert "1 already in the archive" in again.stderr

    read = CliRunner().invoke(main, ["read", str(out), "--format", "jsonl"])
    assert read.exit_code == 0
    assert "Report number one from the valley." in read.stdout
    assert "1 inputs: 1 documents, 0 errors" in read.stderr


def exchange(url: str, text: str) -> Exchange:
    return Exchange(
        url=url, request_headers=(("User-Agent", USER_AGENT),), http_version="HTTP/1.1",
        status=200, reason="OK", response_headers=(("Content-Type", "text/html"),),
        body=page(text, f"{text} happened in the valley."),
    )


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_every_cut_in_the_last_urls_records_is_repaired_on_reopening(
    tmp_path: Path, name: str
) -> None:
    whole = tmp_path / name
    archive = open_archive(whole)
    archive.write([exchange("http://a.test/1", "First")])
    archive.close()
    first_end = whole.stat().st_size
    archive = open_archive(whole)
    archive.write([exchange("http://a.test/2", "Second")])
    archive.close()
    data = whole.read_bytes()
    cut_file = tmp_path / f"cut-{name}"
    for cut in range(first_end, len(data), STEP):
        cut_file.write_bytes(data[:cut])
        assert scan_archive(cut_file).held == {"http://a.test/1"}, cut
        archive = open_archive(cut_file)
        archive.write([exchange("http://a.test/2", "Second")])
        archive.close()
        records = documents(cut_file)
        assert [r.url if isinstance(r, Document) else r for r in records] == [
            "http://a.test/1", "http://a.test/2"
        ], cut


def test_a_file_that_is_no_warc_is_left_alone(site: Site, tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{site.base}/page/one\n")
    result = CliRunner().invoke(main, ["fetch", str(listed), "-o", str(listed)])
    assert result.exit_code == 1
    assert "is not a WARC (no record in it parses)" in result.output
    assert listed.read_text() == f"{site.base}/page/one\n"
    assert site.paths() == []
