"""The claimledger Datasette plugin, registered by the package's `datasette` entry point: the
article, event and map pages, their templates and static files, the map's offline tiles, links
from Datasette's tables into those pages, a menu entry, the stores' table metadata, and the Host
check and spreadsheet-safe CSV around a Datasette that serves a store (asgi.py).

Scraped pages carry hostile markup, so the pages are built with Jinja's autoescaping from text
sliced by offsets, records reach the page's script only as escaped JSON, links to the original
page are kept only for http(s) URLs (see page_context.py), and every page is sent with a
Content-Security-Policy that allows no inline script.

Errors are rendered by the plugin's `handle_exception`, which takes the place of Datasette's
default hook (unregistered at startup, since Datasette awaits every hook's answer): that one
prints each error with rich's `print_exception`, which raises when no exception is being
handled, as for a path no route matches, so such a request got a bare 500 instead of its 404
page. Here a bad request parameter Datasette 0.65 reports as a server error (`?_sort=` an
unknown column) is a 400, as in later Datasette, and only server errors are logged, without
control characters.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import unquote

from datasette import hookimpl
from datasette.database import Database
from datasette.plugins import pm
from datasette.utils import add_cors_headers
from datasette.utils.asgi import Base400, Request, Response
from datasette.views.base import DatasetteError
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup, escape

from claimledger.cli_output import terminal_text
from claimledger.model import format_count
from claimledger.viewer import tiles
from claimledger.viewer.asgi import AllowedHosts, App, SpreadsheetSafeCsv
from claimledger.viewer.metadata import build_metadata, store_databases
from claimledger.viewer.page_context import (
    PREFIX,
    Links,
    article_context,
    event_context,
    json_for_script,
)
from claimledger.viewer.reads import (
    EventFilters,
    filter_choices,
    has_clusters,
    is_store,
    list_clusters,
    read_article,
    read_cluster,
)

if TYPE_CHECKING:
    from datasette.app import Datasette

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_TYPES = {
    "claimledger.css": "text/css; charset=utf-8",
    "claimledger.js": "text/javascript; charset=utf-8",
    "claimledger-map.js": "text/javascript; charset=utf-8",
}
PLUGIN_NAME = "claimledger"
# Datasette's own exception hook prints each error with rich outside an `except` block for
# requests no route matches, which raises (rich needs the exception being handled); the
# plugin's hook replaces it.
DATASETTE_EXCEPTION_HOOK = "datasette.handle_exception"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# The events list and map stop here; filters narrow a larger store down.
MAX_LISTED = 1000
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# Messages of the errors Datasette 0.65 raises with its default status 500 for a request's own
# bad parameters (later versions give them 400).
BAD_PARAMETERS = (
    "Cannot sort table by ",
    "Cannot use _sort and _sort_desc at the same time",
    "Invalid _through",
)

Hook = TypeVar("Hook", bound=Callable[..., Any])


def datasette_hook(function: Hook) -> Hook:
    """Datasette's hook marker, with the hook's own type kept (datasette ships no types)."""
    return cast(Hook, hookimpl(function))


def filters_from(request: Request) -> EventFilters:
    def arg(name: str) -> str | None:
        value = request.args.get(name)
        return value.strip() or None if value else None

    return EventFilters(event_type=arg("event_type"), country=arg("country"),
                        outlet=arg("outlet"), date_from=arg("date_from"), date_to=arg("date_to"))


async def store_database(datasette: Datasette) -> Database | None:
    """The first attached database that is a claimledger store."""
    for database in datasette.databases.values():
        if database.name == "_internal" or database.is_memory:
            continue
        if is_store(await database.table_names()):
            return database
    return None


async def _render(
    datasette: Datasette, request: Request, template: str, context: dict[str, Any],
    links: Links, status: int = 200,
) -> Response:
    context = {**context, "links": links, "css_url": links.static("claimledger.css"),
               "js_url": links.static("claimledger.js")}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status, headers=dict(SECURITY_HEADERS))


async def _not_found(
    datasette: Datasette, request: Request, links: Links, message: str
) -> Response:
    return await _render(datasette, request, "claimledger_missing.html", {"message": message},
                         links, status=404)


View = Callable[["Datasette", Request, Database, Links], Awaitable[Response]]


def _with_store(view: View) -> Callable[[Datasette, Request], Awaitable[Response]]:
    """A route that needs the store: a 404 page when no attached database is one, or when it
    was written before clusters were stored (the viewer reads them, and never writes)."""

    async def route(datasette: Datasette, request: Request) -> Response:
        database = await store_database(datasette)
        if database is None:
            links = Links(datasette, "")
            return await _not_found(datasette, request, links,
                                    "No claimledger store is attached to this Datasette.")
        links = Links(datasette, database.name)
        if not has_clusters(await database.table_names()):
            return await _not_found(
                datasette, request, links,
                "This store was written by an older claimledger, before event clusters were "
                "stored. `claimledger serve` or `claimledger export` brings it up to date.")
        return await view(datasette, request, database, links)

    return route


async def article_page(
    datasette: Datasette, request: Request, database: Database, links: Links
) -> Response:
    document_id = unquote(request.url_vars["document_id"])
    view = await database.execute_fn(lambda conn: read_article(conn, document_id))
    if view is None:
        return await _not_found(datasette, request, links, f"No stored page has id {document_id}.")
    return await _render(datasette, request, "claimledger_article.html",
                         article_context(view, links), links)


async def event_page(
    datasette: Datasette, request: Request, database: Database, links: Links
) -> Response:
    cluster_id = unquote(request.url_vars["cluster_id"])
    rule = request.args.get("rule")
    view = await database.execute_fn(lambda conn: read_cluster(conn, cluster_id, rule))
    if view is None:
        return await _not_found(datasette, request, links, f"No stored event has id {cluster_id}.")
    if view.cluster_id != cluster_id:
        # An event id that does not name its cluster: send the reader to the cluster's page.
        return Response.redirect(links.event(view.cluster_id, rule if rule in view.rules else None))
    return await _render(datasette, request, "claimledger_event.html",
                         event_context(view, links), links)


async def map_page(
    datasette: Datasette, request: Request, database: Database, links: Links
) -> Response:
    filters = filters_from(request)
    clusters = await database.execute_fn(lambda conn: list_clusters(conn, filters))
    choices = await database.execute_fn(filter_choices)
    listed = clusters[:MAX_LISTED]
    points = [
        {"lat": c.latitude, "lon": c.longitude, "href": links.event(c.cluster_id),
         "label": f"{', '.join(c.places) or c.cluster_id} ({', '.join(c.dates) or 'undated'})",
         "reports": c.reports}
        for c in listed if c.latitude is not None and c.longitude is not None
        and -90 <= c.latitude <= 90 and -180 <= c.longitude <= 180
    ]
    base_map = {
        "tiles": links.tiles() if tiles.has_basemap(datasette) else None,
        "tile_max_zoom": tiles.TILE_MAX_ZOOM, "max_zoom": tiles.MAX_ZOOM,
        "attribution": tiles.ATTRIBUTION,
    }
    context = {"clusters": listed, "total": len(clusters), "choices": choices,
               "filters": filters, "points": len(points),
               "map_data": json_for_script({"points": points, **base_map}),
               "map_js_url": links.static("claimledger-map.js"),
               **tiles.leaflet_urls(datasette),
               "format_count": format_count, "events_table": links.table("events")}
    return await _render(datasette, request, "claimledger_map.html", context, links)


async def static_file(request: Request) -> Response:
    name = request.url_vars["name"]
    if name not in STATIC_TYPES:
        return Response.text("Not found", status=404)
    body = (STATIC / name).read_text(encoding="utf-8")
    return Response(body, content_type=STATIC_TYPES[name],
                    headers={"X-Content-Type-Options": "nosniff"})


@datasette_hook
def prepare_jinja2_environment(env: Environment) -> None:
    # Our templates come after Datasette's own, so a user's template overrides still win.
    env.loader = ChoiceLoader([loader for loader in (env.loader, FileSystemLoader(TEMPLATES))
                               if loader is not None])


@datasette_hook
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [
        (rf"^{PREFIX}/article/(?P<document_id>[^/]+)$", _with_store(article_page)),
        (rf"^{PREFIX}/event/(?P<cluster_id>[^/]+)$", _with_store(event_page)),
        (rf"^{PREFIX}/map$", _with_store(map_page)),
        (rf"^{PREFIX}/static/(?P<name>[A-Za-z0-9_.-]+)$", static_file),
        (rf"^{PREFIX}/tiles/(?P<z>[0-9]+)/(?P<x>[0-9]+)/(?P<y>[0-9]+)\.png$", tiles.tile),
    ]


@datasette_hook
def startup() -> None:
    if pm.get_plugin(DATASETTE_EXCEPTION_HOOK) is not None:
        pm.unregister(name=DATASETTE_EXCEPTION_HOOK)


@datasette_hook
def get_metadata(datasette: Datasette) -> dict[str, Any]:
    return build_metadata(datasette)


def allowed_hosts(datasette: Datasette) -> set[str]:
    """The names the Host check answers to: the local ones, the host `serve` was told to listen
    on, and `allowed_hosts` of the plugin's configuration (`plugins.claimledger` in Datasette's
    metadata)."""
    config = datasette.plugin_config(PLUGIN_NAME) or {}
    names = set(LOCAL_HOSTS)
    for key in ("allowed_hosts", "serve_hosts"):
        value = config.get(key) or []
        names.update([value] if isinstance(value, str) else map(str, value))
    return names


@datasette_hook
def asgi_wrapper(datasette: Datasette) -> Callable[[App], App]:
    """The Host check and spreadsheet-safe CSV around a Datasette serving a claimledger store;
    a Datasette serving none is left as it is."""

    def wrap(app: App) -> App:
        if not store_databases(datasette):
            return app
        return AllowedHosts(SpreadsheetSafeCsv(app), allowed_hosts(datasette))

    return wrap


def _row_id(row: object) -> str | None:
    """The id column of a Datasette table row, where the row has one."""
    # A Row is not a mapping: "in" tests its values, so its keys are asked for by name.
    if isinstance(row, sqlite3.Row) and "id" in row.keys():  # noqa: SIM118
        return str(row["id"])
    return None


@datasette_hook
def render_cell(
    row: object,
    value: object, column: str, table: str | None, database: str, datasette: Datasette
) -> Markup | None:
    """Ids in Datasette's tables link to the article and event pages; so do page titles, since
    Datasette links a table's own primary key to its row page."""
    if not isinstance(value, str) or not value or table is None:
        return None
    links = Links(datasette, database)
    href = None
    if column == "document_id" or (table == "documents" and column == "id"):
        href = links.article(value)
    elif table == "documents" and column == "title" and (document_id := _row_id(row)):
        href = links.article(document_id)
    elif column == "cluster_id" or (table == "events" and column == "id"):
        href = links.event(value)
    if href is None:
        return None
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


@datasette_hook
def menu_links(datasette: Datasette) -> list[dict[str, str]]:
    return [{"href": str(datasette.urls.path(f"{PREFIX}/map")), "label": "Events map"}]


def error_status(exception: BaseException) -> tuple[int, str, str | None, dict[str, Any]]:
    """An exception's HTTP status, message, title and extra JSON fields, as Datasette's default
    hook gives them, with a request's bad parameter a 400."""
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0] if exception.args else ""), None, {}
    if isinstance(exception, DatasetteError):
        message = exception.message
        status = exception.status
        if status == 500 and isinstance(message, str) and message.startswith(BAD_PARAMETERS):
            status = 400
        if exception.message_is_html:
            message = Markup(message)
        return status, message, exception.title, dict(exception.error_dict)
    return 500, str(exception), None, {}


@datasette_hook
def handle_exception(
    datasette: Datasette, request: Request, exception: BaseException
) -> Callable[[], Awaitable[Response]]:
    """Datasette's error page (or JSON error) for any exception a request raises."""

    async def inner() -> Response:
        status, message, title, info = error_status(exception)
        if status >= 500:
            lines = traceback.format_exception(exception)
            print(terminal_text("".join(lines)), file=sys.stderr, end="")
        info.update({"ok": False, "error": message, "status": status, "title": title})
        headers: dict[str, str] = {}
        if datasette.cors:
            add_cors_headers(headers)
        if request.path.split("?")[0].endswith(".json"):
            return Response.json(info, status=status, headers=headers)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        html = await template.render_async(dict(
            info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(),
            menu_links=lambda: [],
        ))
        return Response.html(html, status=status, headers=headers)

    return inner
