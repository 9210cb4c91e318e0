"""Reading inputs into documents: HTML pages, WARC archives, JSONL dumps and plain-text scrapes.

`read_paths` is the entry point; each input kind also has its own reader.
"""

from __future__ import annotations

from claimledger.read.decode import decode_bytes
from claimledger.read.errors import UnreadableInput
from claimledger.read.html import read_html
from claimledger.read.inputs import expand_paths, read_path, read_paths
from claimledger.read.jsonl import read_jsonl
from claimledger.read.options import JsonlFields, ReadOptions
from claimledger.read.warc import read_warc

__all__ = [
    "JsonlFields",
    "ReadOptions",
    "UnreadableInput",
    "decode_bytes",
    "expand_paths",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_warc",
]
