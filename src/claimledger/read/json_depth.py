"""How deeply JSON nests, measured without parsing it.

msgspec decodes nested arrays and objects by recursion: 100,000 `[` exhaust Python's recursion
limit (and, were the limit raised, the C stack). Measuring the depth first lets the reader refuse
such a record with a reason and read the next, at the cost of one pass over bytes that are mostly
inside strings, which are skipped by a regular expression.
"""

from __future__ import annotations

import re

# A JSON string: quote, then characters that are neither quote nor backslash, or escapes. The
# possessive quantifiers keep an unclosed string from backtracking over the rest of the input.
JSON_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
OPENERS = frozenset(b"[{")
NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def json_nesting_exceeds(data: bytes, limit: int) -> bool:
    """Whether arrays and objects in `data` nest more than `limit` deep; brackets inside strings
    do not count. The count is exact over the part of `data` a decoder reads before any syntax
    error, so it is never below the depth the decoder would reach."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = JSON_STRING.sub(b"", data).translate(None, NOT_BRACKETS)
    depth = 0
    for byte in brackets:
        if byte in OPENERS:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
