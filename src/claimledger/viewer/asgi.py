"""Two ASGI layers around a Datasette that serves a claimledger store: the Host check and
spreadsheet-safe CSV (the plugin's `asgi_wrapper` puts them there, under `claimledger serve` and
plain `datasette` alike).

`AllowedHosts` answers 400 to a request whose Host header names another host than the local
names, the address the request came in on (an address the server listens on) or the names it is
given: a page on an attacker's domain that re-resolves to 127.0.0.1 (DNS rebinding) sends its
own name there.
`SpreadsheetSafeCsv` rewrites Datasette's CSV pages (`.csv` paths) as they stream, cell by cell,
with the exports' rule (export.spreadsheet_safe): page text that begins like a formula gets a
leading `'`; numbers stay numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

from claimledger.exports import spreadsheet_safe

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def host_name(scope: Scope) -> str | None:
    """The host a request names in its Host header, lowercased, without its port."""
    for name, value in scope.get("headers", ()):
        if name.lower() == b"host":
            host: str = value.decode("latin-1").strip().lower()
            if host.startswith("["):  # an IPv6 literal: [::1]:8001
                return host[1:].split("]", 1)[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return None


def server_address(scope: Scope) -> str | None:
    """The address of this server the request's connection reached, lowercased."""
    server = scope.get("server")
    return str(server[0]).lower() if server else None


class AllowedHosts:
    """Pass on HTTP and WebSocket requests whose Host is one of `hosts` or the server's own
    address the request reached; 400 to the others."""

    def __init__(self, app: App, hosts: Collection[str]) -> None:
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)

    def allows(self, scope: Scope) -> bool:
        host = host_name(scope)
        return host is not None and (host in self.hosts or host == server_address(scope))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.allows(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"Invalid Host header: this viewer answers only at " + ", ".join(
            sorted(self.hosts)
        ).encode() + b".\n"
        await send({
            "type": "http.response.start",
            "status": 400,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})


class CsvCells:
    """CSV text fed in chunks, given back as whole records with each cell made safe; a record
    cut by a chunk's end waits for the next chunk."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""

    def feed(self, data: bytes, *, final: bool = False) -> bytes:
        self.pending += self.decoder.decode(data, final)
        end = len(self.pending) if final else _last_record_end(self.pending)
        ready, self.pending = self.pending[:end], self.pending[end:]
        if not ready:
            return b""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(ready, newline="")):
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        return out.getvalue().encode("utf-8")


def _last_record_end(text: str) -> int:
    """Where the last whole record of `text` ends: after its last line break outside quotes."""
    end = 0
    quoted = False
    position = 0
    while True:
        quote = text.find('"', position)
        newline = text.find("\n", position)
        if newline < 0:
            return end
        if 0 <= quote < newline:
            quoted = not quoted
            position = quote + 1
            continue
        if not quoted:
            end = newline + 1
        position = newline + 1


class SpreadsheetSafeCsv:
    """Datasette's CSV responses with every cell made spreadsheet-safe as they stream."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).endswith(".csv"):
            await self.app(scope, receive, send)
            return
        cells = CsvCells()
        rewriting = False

        async def rewrite(message: Message) -> None:
            nonlocal rewriting
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                kind = b"".join(v for n, v in headers if n.lower() == b"content-type")
                # Datasette sends CSV as text/csv, or as text/plain to show it in the browser;
                # its error pages are HTML and pass as they are.
                rewriting = kind.startswith((b"text/csv", b"text/plain"))
                if rewriting:  # the body changes length: sent chunked
                    headers = [(n, v) for n, v in headers if n.lower() != b"content-length"]
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and rewriting:
                more = bool(message.get("more_body", False))
                body = cells.feed(message.get("body", b""), final=not more)
                message = {**message, "body": body}
            await send(message)

        await self.app(scope, receive, rewrite)
