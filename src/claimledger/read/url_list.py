"""A file that lists URLs, one per line, is no page: it is refused with a pointer to `fetch`,
which downloads the pages, instead of being read as one text of links."""

from __future__ import annotations

import re
import shlex

FETCH_HINT = (
    "fetch the pages first (`claimledger fetch URLS.txt -o pages.warc.gz`) and read the WARC "
    "file it writes"
)
URL_LINE = re.compile(r"(?:https?|ftp)://\S+", re.IGNORECASE)


def is_url_list(text: str) -> bool:
    """Whether every line of `text` that is not blank or a `#` comment is a lone URL."""
    lines = [line.strip() for line in text.splitlines()]
    listed = [line for line in lines if line and not line.startswith("#")]
    return bool(listed) and all(URL_LINE.fullmatch(line) for line in listed)


def url_list_reason(text: str, name: str) -> str:
    """The error record's reason for the list of URLs `text` read from the file `name`."""
    count = sum(1 for line in text.splitlines() if URL_LINE.fullmatch(line.strip()))
    fetch = f"claimledger fetch {shlex.quote(name)} -o pages.warc.gz"
    return (
        f"a list of {count} URL{'s' if count != 1 else ''}, not a page: fetch the pages first "
        f"(`{fetch}`) and read the WARC file it writes"
    )
