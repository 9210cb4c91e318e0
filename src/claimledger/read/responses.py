"""News API response files: the article list a saved NewsAPI, Event Registry or GDELT-DOC
response holds, each article an input of its own, and the message of an error response."""

from __future__ import annotations

from collections.abc import Mapping

# NewsAPI and GDELT-DOC: {"articles": [...]}; Event Registry: {"articles": {"results": [...]}}.
ARTICLE_LISTS = (("articles",), ("articles", "results"))
ERROR_KEYS = frozenset({"status", "code", "message", "error"})


def article_list(value: object) -> tuple[str, list[object]] | None:
    """The path ("articles", "articles.results") and items of the article list `value` holds as
    an API response, or None when it is no such response."""
    for path in ARTICLE_LISTS:
        found: object = value
        for key in path:
            found = found.get(key) if isinstance(found, Mapping) else None
        if isinstance(found, list):
            return ".".join(path), found
    return None


def error_message(value: object) -> str | None:
    """What an API's error response says (NewsAPI: status "error", a code and a message; Event
    Registry: an "error"), or None when `value` is no error response."""
    if not isinstance(value, Mapping) or not value.keys() <= ERROR_KEYS:
        return None
    if value.get("status") != "error" and "error" not in value:
        return None
    parts = [value.get(key) for key in ("code", "message", "error")]
    return ": ".join(str(part) for part in parts if part) or "no message"
