"""Small news pages written for the reader tests: an article, its metadata and reader comments."""

from __future__ import annotations

from collections.abc import Sequence

STORM_PARAGRAPHS = (
    "The storm reached the coast on Monday night, officials said, and at least 12 people were "
    "killed in the flooding that followed across three districts of the province.",
    "Rescue teams worked through the night to reach villages cut off by the water, according to "
    "the regional governor, who called it the worst storm the region had seen in a decade.",
    "About 300 families were displaced and moved to temporary shelters in schools and community "
    "halls, the Red Cross said in a statement released on Tuesday morning.",
)
READER_COMMENTS = (
    "This is terrible news, my thoughts are with every family who lost a home this week.",
    "The government should have evacuated the low villages much earlier than it finally did.",
)


def article_html(
    *,
    title: str = "Storm hits the coast",
    paragraphs: Sequence[str] = STORM_PARAGRAPHS,
    published: str | None = "2024-03-05",
    site: str | None = "Coastal Times",
    author: str | None = "Jane Reporter",
    comments: Sequence[str] = READER_COMMENTS,
    charset: str | None = None,
) -> str:
    """A complete news page: navigation, the article, a comments section and a footer."""
    head = [f"<title>{title}</title>"]
    if charset:
        head.append(f'<meta charset="{charset}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    comment_items = "".join(f'<li class="comment"><p>{text}</p></li>' for text in comments)
    comment_section = (
        f'<div id="comments" class="comments"><h3>{len(comments)} Comments</h3>'
        f'<ul class="comment-list">{comment_items}</ul></div>'
        if comments
        else ""
    )
    return (
        "<!DOCTYPE html><html><head>" + "".join(head) + "</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>\n{body}</article>{comment_section}"
        "<footer>Copyright 2024 Coastal Times</footer></body></html>"
    )
