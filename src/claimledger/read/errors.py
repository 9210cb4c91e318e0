"""The one exception readers raise for an input they cannot turn into a document, and the error
records they yield instead.

`read_paths` turns the exception into a `ReadError` record, so a bad input never stops a batch.
Every reason is clipped: a library's message may quote the input itself (warcio repeats a
record's "first line", which in a gzip bomb is hundreds of megabytes).
"""

from __future__ import annotations

import re

from claimledger.model import ReadError

MAX_REASON_CHARS = 400
CLIP_MARK = " […]"
# Lone surrogates are what Python makes of bytes a file name or a decoder could not read; they
# cannot be written as UTF-8, so a message carrying one would crash whoever prints or stores it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clip_reason(reason: str) -> str:
    """`reason` at most MAX_REASON_CHARS long, with U+FFFD for any character UTF-8 cannot hold."""
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - len(CLIP_MARK)] + CLIP_MARK
    return LONE_SURROGATE.sub("\ufffd", reason)


def read_error(input: str, reason: str) -> ReadError:
    """The error record for `input`, its reason clipped."""
    return ReadError(input=input, reason=clip_reason(reason))


class UnreadableInput(ValueError):
    """An input that yields no document; `reason` is the sentence the error record carries."""

    def __init__(self, reason: str) -> None:
        reason = clip_reason(reason)
        super().__init__(reason)
        self.reason = reason
