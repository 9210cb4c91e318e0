"""The viewer: a claimledger store in Datasette, with article, event and map pages."""

from __future__ import annotations

from claimledger.viewer.serve import make_datasette, serve

__all__ = ["make_datasette", "serve"]
