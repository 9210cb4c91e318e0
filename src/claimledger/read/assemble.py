"""Building a Document from labelled parts, so every reader lays out text and offsets alike."""

from __future__ import annotations

from collections.abc import Iterable

from claimledger._version import __version__
from claimledger.model import (
    Document,
    InputKind,
    Segment,
    SegmentKind,
    content_id,
    document_id,
)

PART_SEPARATOR = "\n\n"


def document_from_parts(
    parts: Iterable[tuple[SegmentKind, str]],
    *,
    input: str,
    input_kind: InputKind,
    **metadata: object,
) -> Document:
    """Join non-empty parts with blank lines; each part becomes one segment over its text."""
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for kind, part in parts:
        part = part.strip()
        if not part:
            continue
        if pieces:
            pieces.append(PART_SEPARATOR)
            offset += len(PART_SEPARATOR)
        pieces.append(part)
        segments.append(Segment(kind, offset, offset + len(part)))
        offset += len(part)
    text = "".join(pieces)
    url = metadata.get("url")
    return Document(
        id=document_id(text, url=url if isinstance(url, str) else None, input=input),
        text_id=content_id(text),
        text=text,
        segments=tuple(segments),
        input=input,
        input_kind=input_kind,
        version=__version__,
        **metadata,  # type: ignore[arg-type]
    )
