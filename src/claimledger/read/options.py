"""The one options record for reading: every reader takes it, none takes loose flags."""

from __future__ import annotations

import msgspec


class JsonlFields(msgspec.Struct, frozen=True, kw_only=True):
    """Which keys of a JSONL record hold which document field (the first present wins)."""

    url: tuple[str, ...] = ("url", "link", "uri")
    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = ("text", "body", "content", "maintext")
    html: tuple[str, ...] = ("html", "raw_html", "content_html")
    published: tuple[str, ...] = ("published", "date", "date_publish", "publication_date")
    outlet: tuple[str, ...] = ("outlet", "source", "site_name", "sitename")
    byline: tuple[str, ...] = ("byline", "author", "authors")


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
