"""claimledger: a sourced ledger of who claims what, with which figures, about which event."""

from __future__ import annotations

__version__ = "0.1.0"
