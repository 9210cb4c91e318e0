"""Reading plain-text scrapes: split a copied page into title, body, byline, source, related links,
comments and chrome, with character offsets into the text as given.

No library segments text without markup, so this is our own: every line gets a role from its
shape (text_rules), the body is the run of lines with the most prose net of chrome, and the lines
around it are labelled by what precedes them (a comments header, a reply form, a related block).
The outlet is the best sign the page gives (`scrape_outlet`), never its title line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

import dateparser

from claimledger._version import __version__
from claimledger.model import Document, Segment, SegmentKind, content_id, document_id
from claimledger.read.options import ReadOptions
from claimledger.read.text_rules import (
    LineRole,
    byline_name,
    classify_line,
    comment_count,
    count_words,
    ends_sentence,
    source_name,
)

# Roles the body never runs across: what follows them belongs to the page, not the article.
BARRIER_ROLES: frozenset[LineRole] = frozenset({"comments_header", "reply_form"})
DATELINE_CHARS = 80
# A stamp's label before its date: "Created: 08/09/2014 5:14 AM", "Last updated on March 3, 2015"
STAMP_LABEL = re.compile(
    r"^(?:(?:first|originally|last)\s+)?(?:created|posted|published|updated|modified)\b[:\s]*"
    r"(?:on\s+|at\s+)?", re.IGNORECASE)
# A date written whole inside a stamp's line: "08/09/2014", "2014-08-09", "Aug. 9, 2014" (the
# months written here: the reading layer sits below extract/lexicons' months)
DATE_SHAPE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b")
# How far from the body a title, byline, dateline or source line may sit, in lines.
HEADER_WINDOW = 12
# A line this long that stops mid-sentence is a wrapped one, not a menu item or a heading.
WRAPPED_MIN_CHARS = 40
# How much longer than the line above a line of the same hard-wrapped paragraph may be.
WRAP_SLACK = 20
# The share of a line's longer words that start with a capital in a headline written in title case.
TITLE_CASE_SHARE = 0.8
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
FOOTER_WINDOW = 6
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# A headline-shaped first line of this many words is the page's title, whatever lies between
# it and the body (captions, share buttons, a byline).
FIRST_LINE_TITLE_WORDS = 5
# A line above the story that the headline starts with, this long or longer, repeats it.
TITLE_MIN_CHARS = 20
# Marks of breadcrumbs, handles, addresses and menus, which a headline does not carry.
NOT_IN_TITLES = ("@", " > ", "»", "http", "www.", "|")
# "Air strikes kill 12 in Idlib | Levant Daily": a headline, then the site's name after a bar.
SITE_SUFFIX = re.compile(r"\s+\|\s+(?P<site>[^|]{2,60}?)\s*$")
SITE_MAX_WORDS = 6
# A dateline naming its agency: "KABUL (Reuters) -", "BUGI, Philippines (AP) _", "(AFP) —".
DATELINE_AGENCY = re.compile(
    r"^(?:[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+)*(?:,[^()\n]{1,60}?)?\s*)?"
    r"\((?P<agency>[A-Z][\w.&'’ -]{0,30}?)\)\s*(?:[-–—_:]|$)"
)
# Words that open a line in parentheses without naming an agency.
NOT_AGENCIES = frozenset({"photo", "file", "video", "update", "updated", "live", "watch"})
# How far into the body a dateline may stand.
DATELINE_AGENCY_CHARS = 400
# Hosts under which each site has a name of its own: "suriyus.blogspot.com", not "blogspot.com".
SHARED_HOSTS = ("blogspot.com", "wordpress.com", "substack.com", "medium.com", "tumblr.com")
URL_HOST = re.compile(r"https?://([^/:?#\s]+)", re.IGNORECASE)
# A link to another report or video set in a page: "Go to video", "Watch: ...", "Read more: ...".
TEASER_MARKER = re.compile(
    r"^(?:go to video|watch(?: the)? video|watch|video|videos|more videos|read more|read also|"
    r"also read|see also|related(?: video| story| article)?|more on this story)"
    r"\s*(?:[:|»›>–—-]|$)",
    re.IGNORECASE,
)
TEASER_MAX_WORDS = 40
# A video playlist's item: its running time, then a headline, often "Pause" after the one that
# plays ("0:41 Woman dies crossing river in Kennewick", "1:17 Twins receive gift Pause"). A clock
# time ("10:30 p.m.") is no running time, and a timeline's entry is a sentence, not a headline.
PLAYLIST_ITEM = re.compile(
    r"^\d{1,2}:\d{2}(?::\d{2})?\s+(?![ap]\.?\s?m\b)[\"'‘“A-Z0-9]", re.IGNORECASE
)
# A page's last line, under the story and cut off mid-sentence, of this many words or more is
# the story's too.
CUT_OFF_MIN_WORDS = 10
# A headline above the story may be set as a list item: "•  Airstrikes kill ten people".
BULLET = re.compile(r"^[•*·▪–-]\s+")
# The constants below were set on the article-extraction pages rendered to text (body F1);
# see benchmarks/extraction.py. How much dearer each further non-prose line in a row gets:
GAP_GROWTH = 0.1
# What prose under a counted comments header is worth against prose above it...
COMMENTS_WEIGHT = 0.1
# ...once this many words of prose came before the header (else it is a menu item).
MIN_ARTICLE_WORDS = 30


class Line(NamedTuple):
    start: int
    end: int
    role: LineRole
    words: int


def _split_lines(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of each line's non-whitespace stretch; blank lines are skipped."""
    position = 0
    length = len(text)
    while position < length:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        raw = text[position:stop]
        stripped = raw.strip()
        if stripped:
            start = position + (len(raw) - len(raw.lstrip()))
            yield start, start + len(stripped)
        position = stop + 1


def _continues(text: str, previous: tuple[int, int], following: tuple[int, int]) -> bool:
    """Whether `following` carries on the sentence a hard-wrapped `previous` line broke off:
    a long line with no sentence end, straight above a long line or one in lower case."""
    if previous[1] - previous[0] < WRAPPED_MIN_CHARS:
        return False
    if text.count("\n", previous[1], following[0]) > 1:
        return False  # a blank line between them ends the paragraph
    if ends_sentence(text[max(0, previous[1] - 8) : previous[1]]):
        return False
    if _title_case(text[previous[0] : previous[1]]) and text[following[0]].isupper():
        return False  # a headline over its story, not a wrapped line of it
    if following[1] - following[0] > previous[1] - previous[0] + WRAP_SLACK:
        return False  # a line longer than the wrap of the line above was never wrapped there
    return text[following[0]].islower() or following[1] - following[0] >= WRAPPED_MIN_CHARS


def _title_case(line: str) -> bool:
    """Most words of four letters or more capitalised, as headlines are written and prose is
    not ("14 Soldiers Killed, 7 Injured by Terrorists in Africa")."""
    long_words = [w for w in WORD_RE.findall(line) if len(w) >= 4 and w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 3 and capitalised >= TITLE_CASE_SHARE * len(long_words)


def _headline_above(text: str, first: tuple[int, int], following: tuple[int, int]) -> bool:
    """A page's first line that reads as a headline (a few words, no sentence end, the next line
    opening a new sentence) stands alone, even with no blank line under it."""
    line = text[first[0] : first[1]]
    words = count_words(line)
    return (
        TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS
        and not ends_sentence(line)
        and not line.rstrip().endswith((",", ";", "-", "–"))
        and text[following[0]].isupper()
    )


def _split_units(text: str) -> Iterator[tuple[int, int]]:
    """Lines, with the lines of a hard-wrapped paragraph joined into one. A joined run that does
    not end a sentence is a stack of headlines, not a paragraph, and stays apart."""
    run: list[tuple[int, int]] = []
    for index, line in enumerate(_split_lines(text)):
        if index == 1 and _headline_above(text, run[-1], line):
            yield from _flush_run(text, run)
            run = [line]
            continue
        if run and _continues(text, run[-1], line):
            run.append(line)
            continue
        yield from _flush_run(text, run)
        run = [line]
    yield from _flush_run(text, run)


def _flush_run(text: str, run: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if len(run) > 1 and ends_sentence(text[max(0, run[-1][1] - 8) : run[-1][1]]):
        yield run[0][0], run[-1][1]
    else:
        yield from run


def _classify_lines(text: str) -> list[Line]:
    lines = []
    for start, end in _split_units(text):
        line = text[start:end]
        words = count_words(line)
        lines.append(Line(start, end, classify_line(line, words), words))
    return lines


def _line_score(line: Line) -> float:
    """Prose counts for the body by its words; anything else counts against it."""
    if line.role == "prose":
        return float(line.words)
    if line.role == "list_item":
        return -1.0
    if line.role == "legal":
        return -10.0
    if line.role == "related_header":
        return -25.0
    # Headline-length lines outside prose are mostly links to other pages.
    return -max(3.0, 0.6 * line.words)


def _announces_comments(line: Line, text: str) -> bool:
    """A counted comments header ("2 Comments"); a bare "Comments" is as often a share button."""
    if line.role != "comments_header":
        return False
    count = comment_count(text[line.start : line.end])
    return count is not None and count > 0


def _find_body(text: str, lines: list[Line]) -> tuple[int, int] | None:
    """The [first, last] line indices of the best-scoring run (Kadane's maximum subarray).

    Each further line in a row of non-prose costs more than the one before: a subheading or a
    caption inside an article is cheap to cross, a menu or a footer between two texts is not.
    A run under a comments header that follows some prose weighs far less, so a long discussion
    does not outscore the article it discusses (a "Comments" menu item above all prose does not
    count).
    """
    best: tuple[float, int, int] | None = None
    total, run_start, gap, weight = 0.0, 0, 0, 1.0
    prose_seen = 0
    for index, line in enumerate(lines):
        if line.role in BARRIER_ROLES:
            total, run_start, gap = 0.0, index + 1, 0
            if _announces_comments(line, text) and prose_seen >= MIN_ARTICLE_WORDS:
                weight = COMMENTS_WEIGHT
            continue
        if line.role == "prose":
            prose_seen += line.words
        score = _line_score(line)
        if score < 0:
            score *= 1.0 + GAP_GROWTH * gap
            gap += 1
        else:
            gap = 0
        if total <= 0:
            total, run_start = 0.0, index
        total += score
        if total > 0 and (best is None or total * weight > best[0]):
            best = (total * weight, run_start, index)
    return (best[1], best[2]) if best else None


def _title_words(text: str, line: Line, bulleted: bool = False) -> int:
    """How much a line looks like the headline: its word count, or 0 where it cannot be one
    (a sentence, a breadcrumb "Home > News", a handle or address, a label of a word or two).
    With `bulleted`, a list item's words after its bullet may be the headline."""
    roles = ("short", "prose", "list_item") if bulleted else ("short", "prose")
    if line.role not in roles or not TITLE_MIN_WORDS <= line.words <= TITLE_MAX_WORDS:
        return 0
    candidate = _without_site(BULLET.sub("", text[line.start : line.end]))
    if candidate.endswith(".") or any(mark in candidate for mark in NOT_IN_TITLES):
        return 0
    return count_words(candidate)


def _site_suffix(line: str) -> re.Match[str] | None:
    """The "| Site" at the end of a headline line, if the part after the bar is a name."""
    match = SITE_SUFFIX.search(line)
    if match is None or count_words(match.group("site")) > SITE_MAX_WORDS:
        return None
    head = line[: match.start()]
    return match if count_words(head) >= TITLE_MIN_WORDS and "|" not in head else None


def _without_site(line: str) -> str:
    match = _site_suffix(line)
    return line[: match.start()] if match else line


def _label_header(text: str, lines: list[Line], body_start: int, labels: list[SegmentKind]) -> None:
    """Title, byline and dateline sit in the few lines above the body; the title is the page's
    first line when it is headline-shaped, else the longest headline-shaped line there, the
    nearest one on a tie."""
    title: tuple[int, int] | None = None
    for index in range(body_start - 1, max(-1, body_start - 1 - HEADER_WINDOW), -1):
        line = lines[index]
        if line.role in ("byline", "source"):
            labels[index] = line.role
        elif line.role == "date":
            labels[index] = "dateline"
        elif (words := _title_words(text, line, bulleted=index == body_start - 1)) and (
            title is None or words > title[0]
        ):
            title = (words, index)
    first = body_start - HEADER_WINDOW <= 0 < body_start
    if first and _title_words(text, lines[0]) >= FIRST_LINE_TITLE_WORDS:
        title = (0, 0)  # a page that opens with a headline opens with its own
    if title is not None:
        labels[title[1]] = "title"
        # the headline repeated above the story (or cut short there) is the headline again
        headline = _without_site(text[lines[title[1]].start : lines[title[1]].end]).lower()
        for index in range(max(0, body_start - HEADER_WINDOW), body_start):
            above = text[lines[index].start : lines[index].end].lower()
            if index != title[1] and len(above) >= TITLE_MIN_CHARS and headline.startswith(above):
                labels[index] = "title"


def _label_footer(lines: list[Line], body_end: int, labels: list[SegmentKind]) -> None:
    """After the body, each section header decides what the lines under it are."""
    section: SegmentKind | None = None
    for index in range(body_end + 1, len(lines)):
        role = lines[index].role
        near = index - body_end <= FOOTER_WINDOW
        if role == "comments_header":
            section = "comments"
        elif role == "related_header":
            section = "related"
        elif role in ("reply_form", "legal"):
            section = "chrome"
        elif section is None and near and role in ("byline", "source"):
            labels[index] = role
            continue
        labels[index] = section or "chrome"


def _label_lines(text: str, lines: list[Line]) -> list[SegmentKind]:
    labels: list[SegmentKind] = ["chrome"] * len(lines)
    body = _find_body(text, lines)
    if body is None:
        _label_teasers(text, lines, labels)
        return labels
    first, last = body
    if last == len(lines) - 2 and _cut_off_sentence(text, lines[last + 1]):
        last += 1
    for index in range(first, last + 1):
        labels[index] = "body"
    _label_header(text, lines, first, labels)
    _label_footer(lines, last, labels)
    _label_teasers(text, lines, labels)
    return labels


def _cut_off_sentence(text: str, line: Line) -> bool:
    """The page's last line, right under the story, where a copy of the page stops mid-sentence
    ("In 2010, 76 men died in Dantewada as they were on an exe") or a sentence runs into the
    agency's credit ("... have been killed. — NNN-AGENCIES"): the story's last words."""
    words = text[line.start : line.end]
    return line.role == "short" and line.words >= CUT_OFF_MIN_WORDS and words[0].isupper()


def _label_teasers(text: str, lines: list[Line], labels: list[SegmentKind]) -> None:
    """Links to other reports, wherever they stand: a line opening with "Go to video", "Watch:",
    "Read more:" (and the headline under a bare "Go to video"). They report other events: kept as
    related links, out of the body whose claims feed the page's events."""
    pending = False
    for index, line in enumerate(lines):
        words = text[line.start : line.end]
        if line.role != "prose" and PLAYLIST_ITEM.match(words):
            labels[index] = "related"
            pending = False
            continue
        marker = TEASER_MARKER.match(words)
        if marker is not None and line.words <= TEASER_MAX_WORDS:
            labels[index] = "related"
            pending = not words[marker.end() :].strip(" :|»›>-–—")
            continue
        if pending and line.role != "prose" and line.words <= TEASER_MAX_WORDS:
            labels[index] = "related"
        pending = False


def segment_text_scrape(text: str) -> tuple[Segment, ...]:
    """Segments of a plain-text scrape: sorted, non-overlapping, trimmed of whitespace, and
    together covering every non-whitespace character of `text`."""
    lines = _classify_lines(text)
    labels = _label_lines(text, lines)
    segments: list[Segment] = []
    for line, kind in zip(lines, labels, strict=True):
        for start, end, part in _line_parts(text, line, kind):
            # a headline repeated on the next line is a title of its own, parsed on its own
            if segments and segments[-1].kind == part and part != "title":
                segments[-1] = Segment(part, segments[-1].start, end)
            else:
                segments.append(Segment(part, start, end))
    return tuple(segments)


def _line_parts(text: str, line: Line, kind: SegmentKind) -> list[tuple[int, int, SegmentKind]]:
    """A title line's "| Site" is the site's name, and its bullet a mark: chrome, not words of
    the headline."""
    if kind == "title" and (bullet := BULLET.match(text[line.start : line.end])) is not None:
        mark: tuple[int, int, SegmentKind] = (
            line.start,
            line.start + len(bullet.group().rstrip()),
            "chrome",
        )
        rest = Line(line.start + bullet.end(), line.end, line.role, line.words)
        return [mark, *_line_parts(text, rest, kind)]
    suffix = _site_suffix(text[line.start : line.end]) if kind == "title" else None
    if suffix is None:
        return [(line.start, line.end, kind)]
    bar = text.index("|", line.start + suffix.start())
    return [(line.start, line.start + suffix.start(), "title"), (bar, line.end, "chrome")]


def _first_value(text: str, segments: tuple[Segment, ...], kind: SegmentKind) -> str | None:
    for segment in segments:
        if segment.kind != kind:
            continue
        first_line = text[segment.start : segment.end].split("\n", 1)[0].strip()
        if kind == "byline":
            return byline_name(first_line)
        if kind == "source":
            name = source_name(first_line)
            # "Source: Xinhua| 2018-08-27 07:57:35|Editor: ...": the name before the bar
            return re.split(r"\s*[|•]\s*", name, maxsplit=1)[0] or None if name else None
        return first_line
    return None


def _comment_count(text: str, segments: tuple[Segment, ...]) -> int | None:
    """The count the first comments section announces in its header line."""
    for segment in segments:
        if segment.kind == "comments":
            header = text[segment.start : segment.end].split("\n", 1)[0].strip()
            count = comment_count(header)
            return count if count is not None and count >= 0 else None
    return None


def dateline_date(text: str, segments: tuple[Segment, ...]) -> str | None:
    """The date the page's dateline lines state outright ("March 11, 2024", "Created: 08/09/2014
    5:14 AM"), the earliest where they give several ("Updated: ..." above "Created: ...");
    relative words are not read."""
    found = []
    for segment in segments:
        if segment.kind != "dateline":
            continue
        for line in text[segment.start : segment.end].splitlines():
            value = STAMP_LABEL.sub("", line.strip())[:DATELINE_CHARS]
            day = _absolute_date(value) if value else None
            if day is None and (shaped := DATE_SHAPE.search(value)) is not None:
                day = _absolute_date(shaped.group())  # "08/09/2014 5:14 AM KSTP.com"
            if day is not None:
                found.append(day)
    return min(found) if found else None


def _absolute_date(value: str) -> str | None:
    found = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "PARSERS": ["absolute-time", "custom-formats"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "STRICT_PARSING": True,
        },
    )
    return found.date().isoformat() if found else None


def _agency(text: str, segments: tuple[Segment, ...]) -> str | None:
    """The agency a dateline names at the start of the body: "KABUL (Reuters) - ..."."""
    for segment in segments:
        if segment.kind != "body":
            continue
        head = text[segment.start : min(segment.end, segment.start + DATELINE_AGENCY_CHARS)]
        for line in head.splitlines():
            match = DATELINE_AGENCY.match(line.strip())
            if match is None:
                continue
            agency = match.group("agency").strip()
            if agency.split()[0].lower() not in NOT_AGENCIES and not agency.isdigit():
                return agency
        return None
    return None


def _site(text: str, segments: tuple[Segment, ...]) -> str | None:
    """The site's name after the title's bar ("... | Levant Daily"), or after the first line's."""
    title = next((s for s in segments if s.kind == "title"), None)
    start = title.start if title is not None else len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    line = text[start : len(text) if line_end < 0 else line_end].strip()
    match = _site_suffix(line)
    return match.group("site").strip() if match else None


def host_name(url: str | None) -> str | None:
    """The site an address names, as people write it: "http://www.example.co.uk/a" ->
    "example.co.uk"; the last address of an archived one (web.archive.org/web/.../http://...)."""
    hosts = URL_HOST.findall(url or "")
    if not hosts:
        return None
    labels = hosts[-1].lower().rstrip(".").split(".")
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    # "bbc.co.uk", "dawn.com.pk": a two-letter country code under a short second level
    keep = 3 if len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    if ".".join(labels[-2:]) in SHARED_HOSTS:
        keep = 3
    return ".".join(labels[-keep:])


def scrape_outlet(
    text: str, segments: tuple[Segment, ...], url: str | None, named: str | None = None
) -> str | None:
    """Who publishes a scrape, best evidence first: its "Source:" line, the outlet its record
    names, the agency of its dateline ("(AP)"), the site's name after the title's bar, the
    address's host. Never the title line itself."""
    return (
        _first_value(text, segments, "source")
        or named
        or _agency(text, segments)
        or _site(text, segments)
        or host_name(url)
    )


TITLE_SEPARATOR = "\n\n"


def _starts_with_title(text: str, title: str) -> bool:
    """Whether the text opens with the title (words compared, spacing and case aside)."""
    words = title.lower().split()
    return text.lower().split()[: len(words)] == words


def read_text_scrape(
    text: str,
    *,
    input: str,
    options: ReadOptions,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> Document:
    """A Document over the scrape as given (newlines normalised), with its segments and the
    title, byline, original source and comment count they carry; `outlet` is the one a record
    names (see `scrape_outlet` for the order of evidence)."""
    text = text.replace("\r\n", "\n")
    segments = segment_text_scrape(text)
    if title and title.strip() and not _starts_with_title(text, title):
        # A record's title that its text leaves out is still what the page says first (and
        # often the only place the toll is stated): it becomes the title segment.
        heading = " ".join(title.split())
        shift = len(heading) + len(TITLE_SEPARATOR)
        text = heading + TITLE_SEPARATOR + text
        segments = (
            Segment("title", 0, len(heading)),
            *(Segment(s.kind, s.start + shift, s.end + shift) for s in segments),
        )
    published_from: Literal["page", "user", "record"] | None = "record" if published else None
    if not published and (published := dateline_date(text, segments)):
        published_from = "page"
    if not published and (published := options.published):
        published_from = "user"
    return Document(
        id=document_id(text, url=url, input=input),
        text_id=content_id(text),
        text=text,
        segments=segments,
        input=input,
        input_kind="text",
        url=url,
        title=title or _first_value(text, segments, "title"),
        byline=_first_value(text, segments, "byline"),
        original_source=_first_value(text, segments, "source"),
        outlet=scrape_outlet(text, segments, url, outlet),
        comment_count=_comment_count(text, segments),
        published=published,
        published_from=published_from,
        version=__version__,
    )
