"""The version recorded on every document, analysis and run, and printed by `--version`."""

__version__ = "0.1.0"
