"""The one exception readers raise for an input they cannot turn into a document.

`read_paths` turns it into a `ReadError` record, so a bad input never stops a batch.
"""

from __future__ import annotations


class UnreadableInput(ValueError):
    """An input that yields no document; `reason` is the sentence the error record carries."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
