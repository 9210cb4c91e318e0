"""The HTML reader: trafilatura finds the article body, its metadata and its reader comments.

Comments become their own segment and never join the body; pages too large for trafilatura to
finish in seconds are first stripped of scripts and styles, then cut (see `shrink_html`), and a
document read from a cut page says where it was cut (`Document.cut_at`).
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.settings import set_date_params

from claimledger.model import Document, SegmentKind
from claimledger.read.assemble import document_from_parts
from claimledger.read.errors import UnreadableInput
from claimledger.read.options import ReadOptions

# Elements whose content is never article text, with the marker that closes each.
NON_TEXT_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("<script", "</script"),
    ("<style", "</style"),
    ("<svg", "</svg"),
    ("<!--", "-->"),
)
LONG_DATA_URI = re.compile(r"data:[^\"'\s)>]{256,}")
COMMENT_COUNT = re.compile(
    r"\W*(\d{1,6})\s+(?:comments?|responses?|replies|reply)\b", re.IGNORECASE
)
DEPTH_ERROR = "Excessive depth"
HUGE_DEPTH_LIMIT = 2048
# A whole line that heads a comments section (widgets trafilatura does not recognise as such).
COMMENTS_HEADING = re.compile(
    r"\W*(?:\d+\s+)?(?:(?:top[- ]rated|reader|readers'?|user|latest|view|show|all)\s+)?"
    r"(?:comments?|replies|responses)\W*"
    r"|\W*(?:leave|post|add|write) (?:a|your) (?:reply|comment)\W*"
    r"|\W*join the (?:conversation|discussion)\W*",
    re.IGNORECASE,
)


def read_html(
    html: str,
    *,
    input: str,
    options: ReadOptions,
    url: str | None = None,
    published: str | None = None,
) -> Document:
    """One HTML page as a Document: title, byline, body and comments segments, page metadata.

    The publication date comes from the page; failing that from `published` (a date the
    input's record carries), then from `options.published` (a date the user gave).
    Raises UnreadableInput when the page holds no article text.
    """
    page, cut_at = shrink_page(html, options.html_max_chars)
    extracted = _extract(page, url=url, options=options)
    if extracted is None or not (extracted.text or "").strip():
        # libxml2 stops at 256 levels of nesting and the page comes out empty; its "huge"
        # mode goes to 2048, so a page that failed for that reason is parsed again that way.
        deep_tree = _parse_past_depth_limit(page)
        if deep_tree is not None:
            extracted = _extract(deep_tree, url=url, options=options)
    if extracted is None:
        raise UnreadableInput(_no_text_reason(page))
    body = extracted.text or ""
    if options.html_title_out_of_body and extracted.title:
        body = _without_leading_title(body, extracted.title)
    body, trailing_headings = split_trailing_comment_headings(body)
    if not body.strip():
        raise UnreadableInput(_no_text_reason(page))
    date, date_from = _publication_date(extracted.date, published, options.published)
    parts: list[tuple[SegmentKind, str]] = [
        ("title", extracted.title or ""),
        ("byline", extracted.author or ""),
        ("body", body),
        ("chrome", trailing_headings),
        ("comments", extracted.comments or ""),
    ]
    return document_from_parts(
        parts,
        input=input,
        input_kind="html",
        url=url or extracted.url,
        outlet=extracted.sitename,
        byline=extracted.author,
        title=extracted.title,
        published=date,
        published_from=date_from,
        comment_count=announced_comment_count(trailing_headings, extracted.comments or ""),
        cut_at=cut_at,
    )


def _extract(
    page: str | HtmlElement, *, url: str | None, options: ReadOptions
) -> trafilatura.settings.Document | None:
    try:
        extracted = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            favor_precision=options.html_favor_precision,
            favor_recall=options.html_favor_recall,
            include_comments=options.html_include_comments,
            include_tables=options.html_include_tables,
            date_extraction_params=set_date_params(options.html_extensive_date_search),
        )
    except RecursionError:
        return None
    return None if isinstance(extracted, dict) else extracted


def _html_parser(*, huge: bool) -> HTMLParser:
    # The options trafilatura parses with, so a retried page is read the same way.
    return HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=huge,
    )


def _hits_depth_limit(page: str, *, huge: bool) -> bool:
    parser = _html_parser(huge=huge)
    try:
        fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any(DEPTH_ERROR in error.message for error in parser.error_log)


def _parse_past_depth_limit(page: str) -> HtmlElement | None:
    """The page parsed in libxml2's huge mode when the ordinary parse hit the depth limit."""
    if not _hits_depth_limit(page, huge=False):
        return None
    try:
        tree: HtmlElement = fromstring(
            page.encode("utf-8", "surrogatepass"), parser=_html_parser(huge=True)
        )
    except (etree.ParserError, ValueError):
        return None
    return tree


def _no_text_reason(page: str) -> str:
    if _hits_depth_limit(page, huge=True):
        return f"HTML nested deeper than {HUGE_DEPTH_LIMIT} elements: no text could be extracted"
    return "no article text found in the HTML"


def announced_comment_count(headings: str, comments: str) -> int | None:
    """The count a comments heading announces ("2 Comments"): among the headings moved out of the
    body, or on the first line of the comments (a later line is a reader's own words)."""
    for line in [*headings.splitlines(), *comments.strip().splitlines()[:1]]:
        match = COMMENT_COUNT.match(line)
        if match:
            return int(match.group(1))
    return None


def split_trailing_comment_headings(body: str) -> tuple[str, str]:
    """The body without the comment-section headings left at its end ("Comments", "2 comments",
    "Leave a Reply"), and those headings: they are page chrome, not article text."""
    lines = body.rstrip().split("\n")
    cut = len(lines)
    while cut > 0 and COMMENTS_HEADING.fullmatch(lines[cut - 1].strip()):
        cut -= 1
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


def _without_leading_title(body: str, title: str) -> str:
    first, newline, rest = body.lstrip().partition("\n")
    if newline and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return body


def _publication_date(
    page: str | None, record: str | None, user: str | None
) -> tuple[str | None, Literal["page", "record", "user"] | None]:
    if page:
        return page, "page"
    if record:
        return record, "record"
    if user:
        return user, "user"
    return None, None


class ShrunkPage(NamedTuple):
    html: str
    cut_at: int | None  # where the page was cut (see shrink_page); None: nothing was cut


def shrink_page(html: str, limit: int) -> ShrunkPage:
    """A page of at most `limit` characters that keeps as much of its text as it can, and
    where it was cut, if it had to be.

    Past the limit, scripts, styles, inline SVG, HTML comments and long data: URIs go first (the
    bulk of most huge pages); a page still too long is cut at a tag boundary before the limit,
    and `cut_at` is that boundary: how many characters of the page, without those, were kept.
    Extraction time grows with page size, so this bounds it.
    """
    if len(html) <= limit:
        return ShrunkPage(html, None)
    html = LONG_DATA_URI.sub("data:", _drop_non_text_elements(html))
    if len(html) <= limit:
        return ShrunkPage(html, None)
    cut = html.rfind("<", 0, limit)
    cut = cut if cut > 0 else limit
    return ShrunkPage(html[:cut], cut)


def shrink_html(html: str, limit: int) -> str:
    """The page `shrink_page` keeps."""
    return shrink_page(html, limit).html


def _drop_non_text_elements(html: str) -> str:
    # Each opener's next occurrence is found once and reused until passed, over a lowered copy,
    # so this stays linear in the page size even with thousands of scripts or unclosed ones.
    lowered = html.lower()
    upcoming = {opener: lowered.find(opener) for opener, _ in NON_TEXT_ELEMENTS}
    closers = dict(NON_TEXT_ELEMENTS)
    kept: list[str] = []
    position = 0
    while True:
        for opener, found in upcoming.items():
            if 0 <= found < position:
                upcoming[opener] = lowered.find(opener, position)
        pending = [(found, opener) for opener, found in upcoming.items() if found >= 0]
        if not pending:
            kept.append(html[position:])
            break
        start, opener = min(pending)
        kept.append(html[position:start])
        end = lowered.find(closers[opener], start + len(opener))
        if end < 0:
            break
        close_end = lowered.find(">", end)
        position = len(html) if close_end < 0 else close_end + 1
    return "".join(kept)
