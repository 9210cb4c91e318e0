"""The language a document is written in, detected from its title and body with CLD2 (pycld2:
compiled in, no model to load, about a millisecond a page).

A language is named only where CLD2 calls its reading reliable; a page with too little text to
tell (a headline alone, a stub) gets none, and is read as English downstream.
"""

from __future__ import annotations

import re

import msgspec
import pycld2

from claimledger.model import Document

# Enough text to tell a language by: the first this many characters of title and body.
MAX_CHARS = 20_000
UNKNOWN = "un"
# What CLD2 refuses as "invalid UTF-8": control characters (newlines and tabs aside),
# surrogates and Unicode's noncharacters.
REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}"
              for plane in range(17))
    + "]"
)


def detect_language(text: str) -> str | None:
    """The ISO 639 code of the language `text` is mostly written in ("en", "fr", "zh-Hant"), or
    None where CLD2 cannot tell reliably."""
    clean = REFUSED.sub(" ", text[:MAX_CHARS])
    try:
        reliable, _, languages = pycld2.detect(clean)
    except pycld2.error:
        return None
    code: str = languages[0][1]
    return code if reliable and code != UNKNOWN else None


def language_text(document: Document) -> str:
    """The text a document's language is told by: its title and body, else all of it."""
    parts = document.segments_of("title", "body")
    if not parts:
        return document.text[:MAX_CHARS]
    pieces: list[str] = []
    size = 0
    for segment in parts:
        pieces.append(document.segment_text(segment)[: MAX_CHARS - size])
        size += len(pieces[-1])
        if size >= MAX_CHARS:
            break
    return "\n\n".join(pieces)


def with_language(document: Document) -> Document:
    """The document with its detected language set."""
    return msgspec.structs.replace(document, language=detect_language(language_text(document)))
