"""How a file is named in records: its path as text, whatever bytes the file system holds.

Python reads a file name that is not valid UTF-8 with each undecodable byte as a lone surrogate
(PEP 383). Such a string cannot be written as UTF-8 (JSON output, SQLite, Parquet all refuse
it), so records carry each of those bytes as a visible `\\xNN` escape instead, and messages,
which are for reading, show U+FFFD (see `errors.clip_reason`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# PEP 383 maps an undecodable byte 0xNN (0x80 to 0xFF) to the code point U+DCNN.
ESCAPED_BYTES = range(0xDC80, 0xDD00)


def input_name(path: str | Path) -> str:
    """`path` as the name records give it: unchanged when it is valid text, else with each
    undecodable byte written `\\xNN` (and any other lone surrogate as U+FFFD)."""
    return LONE_SURROGATE.sub(_escaped, os.fspath(path))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in ESCAPED_BYTES else "\ufffd"
