"""The one options record for reading: every reader takes it, none takes loose flags."""

from __future__ import annotations

import msgspec


class JsonlFields(msgspec.Struct, frozen=True, kw_only=True):
    """Which keys of a JSON record, or columns of a CSV or TSV row, hold which document field:
    the first present and non-empty wins. Names match whatever their case, and a dotted name
    ("source.name") is also looked up inside nested objects. The defaults cover plain dumps,
    NewsAPI, Event Registry, news-please and GDELT-DOC records (see README, "Inputs")."""

    url: tuple[str, ...] = ("url", "link", "uri")
    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = (
        "text", "body", "content", "maintext", "article", "article_text", "full_text",
        "description",
    )
    html: tuple[str, ...] = ("html", "raw_html", "content_html")
    published: tuple[str, ...] = (
        "published", "publishedAt", "published_at", "date_publish", "publication_date",
        "dateTimePub", "dateTime", "date", "pub_date", "seendate",
    )
    outlet: tuple[str, ...] = (
        "outlet", "source", "source.name", "source.title", "site_name", "sitename",
        "source_name", "source_domain", "domain",
    )
    byline: tuple[str, ...] = ("byline", "author", "authors")
    # Columns the user named (`--text-column` ...): a CSV or TSV file whose header lacks one is
    # refused whole, so a misspelt name is told rather than read as an absent field.
    named: tuple[str, ...] = ()


def named_fields(
    *,
    text: str | None = None,
    html: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> JsonlFields:
    """The default fields with each named one replaced by that name alone. Naming the text or
    the HTML column drops the other's defaults too: the column named is the page."""
    fields = JsonlFields()
    given = {
        "text": text, "html": html, "published": published, "url": url, "title": title,
        "outlet": outlet,
    }
    changes: dict[str, tuple[str, ...]] = {
        name: (value,) for name, value in given.items() if value is not None
    }
    if text is not None or html is not None:
        changes.setdefault("text", ())
        changes.setdefault("html", ())
    named = tuple(value for value in given.values() if value is not None)
    return msgspec.structs.replace(fields, named=named, **changes)


class ReadOptions(msgspec.Struct, frozen=True, kw_only=True):
    published: str | None = None  # ISO date used where the page carries none
    jsonl_fields: JsonlFields = JsonlFields()
    # Larger inputs give an error record, not a document: a file (decompressed), or in a WARC or
    # JSONL file, which may be any size, one record or one line.
    max_bytes: int = 64 * 1024 * 1024
    # JSON nested deeper than this (arrays and objects) is refused before it is decoded: the
    # decoder recurses once per level, and real dumps nest a handful of levels.
    json_max_depth: int = 512
    html_favor_precision: bool = True
    html_include_comments: bool = True
    html_favor_recall: bool = False
    html_include_tables: bool = True
    # Pages longer than this are shrunk before extraction (trafilatura needs ~0.5 s per MB).
    html_max_chars: int = 8_000_000
    # A first body line that repeats the title belongs to the title segment alone.
    html_title_out_of_body: bool = True
    # Dates found only in the page's running text (a copyright year, a date in a sidebar) are
    # guesses, not publication dates: off by default, so a page without date markup gets none.
    html_extensive_date_search: bool = False
