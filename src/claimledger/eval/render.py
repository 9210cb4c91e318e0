"""Rendering an HTML page to all of its visible text, the way a plain-text scrape would hold it.

Chrome stays (menus, footers, cookie banners, comments); only what a browser never shows is
dropped. Block elements start on their own line, so the text-scrape segmenter sees line shapes.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Elements whose content a browser never paints as text.
INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math",
     "iframe", "object", "embed", "canvas", "audio", "video", "select", "option", "datalist"}
)
BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
     "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
     "button", "label", "textarea"}
)
# Blocks a browser sets apart with a margin: a blank line, as in a copied page.
PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol", "dl",
     "table", "figure", "form"}
)
# Table cells stay on their row's line, apart by a space, as a browser copies them.
CELL_TAGS = frozenset({"td", "th"})
INLINE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
BLANK_RUN = re.compile(r"\n(?:[ \t]*\n)+")


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _walk(root: etree._Element, out: list[str]) -> None:
    # An explicit stack, not recursion: scraped pages can nest deeper than Python's limit.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        visible = bool(tag) and tag not in INVISIBLE_TAGS and not _is_hidden(element)
        if closing:
            if visible and tag in CELL_TAGS:
                out.append(" ")
            if visible and tag in BLOCK_TAGS:
                out.append("\n\n" if tag in PARAGRAPH_TAGS else "\n")
            if element.tail:
                out.append(element.tail)
            continue
        if visible:
            if tag in PARAGRAPH_TAGS:
                out.append("\n\n")
            elif tag in BLOCK_TAGS or tag == "br":
                out.append("\n")
            if element.text:
                out.append(element.text)
        stack.append((element, True))
        if visible:
            stack.extend((child, False) for child in reversed(element))


def render_visible_text(html: str) -> str:
    """All text a reader sees on the page, one block per line, blank-line runs collapsed."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    out: list[str] = []
    _walk(root, out)
    lines = (INLINE_SPACE.sub(" ", line).strip() for line in "".join(out).split("\n"))
    text = "\n".join(lines)
    # Lines are already stripped, so any run of two or more newlines is a paragraph break.
    return BLANK_RUN.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", text).strip()
