"""One record, a JSON object or a CSV row, as a Document: its fields found by name.

`ReadOptions.jsonl_fields` says which names hold what. A record's HTML goes through the HTML
reader, its text (when it has no HTML) through the plain-text scrape segmenter, which reads a
text too short for it to find a body in (one sentence) as body whole. A record with
neither is refused with the names looked for; one that gives only a URL and a title (as GDELT-DOC
article lists do) is told to be fetched first, not read as its headline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

import msgspec

from claimledger.model import Document, InputKind, Segment
from claimledger.read.errors import UnreadableInput
from claimledger.read.html import read_html
from claimledger.read.options import JsonlFields, ReadOptions
from claimledger.read.url_list import FETCH_HINT

# NewsAPI cuts `content` to about 200 characters and says how many it left out.
NEWSAPI_CUT_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")
# GDELT's compact timestamps: 20240105T121500Z.
COMPACT_TIMESTAMP = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


def read_record(
    record: Mapping[str, object], *, input: str, options: ReadOptions, kind: InputKind
) -> Document:
    """`record` as a Document of `kind`; raises UnreadableInput when it holds no page."""
    fields = options.jsonl_fields
    url = record_field(record, fields.url)
    title = record_field(record, fields.title)
    published = record_date(record, fields.published)
    outlet = record_field(record, fields.outlet)
    html = record_field(record, fields.html)
    if html:
        document = read_html(html, input=input, options=options, url=url, published=published)
    else:
        text = record_field(record, fields.text)
        text = NEWSAPI_CUT_MARK.sub("", text) if text else text
        if not text:
            raise UnreadableInput(_no_text_reason(record, fields, url))
        from claimledger.read.text import read_text_scrape

        document = read_text_scrape(
            text,
            input=input,
            options=options,
            url=url,
            published=published,
            title=title,
            outlet=outlet,
        )
        if published:
            document = msgspec.structs.replace(document, published_from="record")
        if not document.segments_of("body"):
            document = _chrome_as_body(document)
    return msgspec.structs.replace(
        document,
        input_kind=kind,
        title=document.title or title,
        outlet=document.outlet or outlet,
        byline=document.byline or record_field(record, fields.byline),
    )


def _chrome_as_body(document: Document) -> Document:
    """A record's text holds the story, however short (a NewsAPI description, one sentence):
    where the scrape segmenter finds no body in it, what it took for chrome is the body."""
    segments = tuple(
        Segment("body", segment.start, segment.end) if segment.kind == "chrome" else segment
        for segment in document.segments
    )
    return msgspec.structs.replace(document, segments=segments)


def _no_text_reason(record: Mapping[str, object], fields: JsonlFields, url: str | None) -> str:
    reason = f"record has no text or HTML (looked for {', '.join(fields.text + fields.html)})"
    if not url:
        return reason
    source = " (a GDELT-DOC article list holds none)" if "seendate" in record else ""
    return f"{reason}, only a URL{source}: {FETCH_HINT}"


def record_value(record: Mapping[str, object], key: str) -> object:
    """The value under `key`: the key itself (any case), else a dotted path into nested
    objects ("source.name"); None where there is none."""
    value = _lookup(record, key)
    if value is None and "." in key:
        value = record
        for part in key.split("."):
            value = _lookup(value, part) if isinstance(value, Mapping) else None
    return value


def _lookup(record: Mapping[str, object], key: str) -> object:
    if key in record:
        return record[key]
    folded = key.casefold()
    return next(
        (value for name, value in record.items() if isinstance(name, str)
         and name.casefold() == folded),
        None,
    )


def record_field(record: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    """The first non-empty text among `keys`; a list of strings, or of objects with a "name"
    (Event Registry's authors), is joined."""
    for key in keys:
        value = record_value(record, key)
        if isinstance(value, list):
            names = [item.get("name") if isinstance(item, Mapping) else item for item in value]
            texts = [name.strip() for name in names if isinstance(name, str)]
            if len(texts) == len(names):
                value = ", ".join(text for text in texts if text)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def record_date(record: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    """The first valid date among `keys`: as given when it starts with an ISO date (the rule
    `--published` follows), in ISO form from a Unix timestamp in seconds or a compact
    timestamp (20240105T121500Z). A value that is no date ("2024-13-45", "not-a-date") is
    passed over: it must never become the publication date, and the page is still worth
    reading without one."""
    for key in keys:
        value = record_value(record, key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return datetime.datetime.fromtimestamp(value, tz=datetime.UTC).isoformat()
            except (OverflowError, OSError, ValueError):
                continue
        found = record_field(record, (key,))
        if found:
            compact = COMPACT_TIMESTAMP.fullmatch(found)
            if compact:
                year, month, day, hour, minute, second = compact.groups()
                found = f"{year}-{month}-{day}T{hour}:{minute}:{second}Z"
            if is_iso_date(found):
                return found
    return None


def is_iso_date(value: str) -> bool:
    """Whether `value` starts with a valid YYYY-MM-DD date (a longer ISO timestamp is fine)."""
    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True
