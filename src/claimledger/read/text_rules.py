"""Line classifiers for plain-text scrapes: what a single line looks like, with no context.

Rules describe shapes common to news and blog pages (prose, menu items, comment headers, reply
forms, legal lines) in a few languages, not one site's wording. Every pattern is matched on a
bounded prefix of the line, so a megabyte-long line costs no more than a short one.
"""

from __future__ import annotations

import re
from typing import Literal

# Headers, bylines and legal lines are short: looking further than this never changes a verdict.
HEAD = 240

LineRole = Literal[
    "prose", "short", "legal", "byline", "source", "date", "comments_header", "reply_form",
    "related_header", "list_item",
]

WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")

COMMENT_WORDS = (
    r"comments?|responses?|replies|reactions?|thoughts?|comentários?|comentarios?|commenti|"
    r"commentaires?|kommentare?|reacties|opiniones"
)
COMMENTS_HEADER = re.compile(
    rf"^[\[(]?\s*(?:(?P<count>\d[\d,.]*)\s+)?"
    rf"(?:(?:reader|user|top rated|top|latest|newest|recent|all|view all|show all|read)\s+)?"
    rf"(?:{COMMENT_WORDS})(?:\s*\(\s*(?P<paren>\d[\d,.]*)\s*\))?"
    rf"(?:\s+(?:on|to|so far)\b.{{0,{HEAD}}})?\s*[\])]?\s*:?$",
    re.IGNORECASE,
)
NO_COMMENTS = re.compile(
    r"^(?:no|nessun|sem|sin|aucun|keine)\s+(?:comments?|commento|comentários?|comentarios?"
    r"|commentaires?|kommentare?)(?:\s+yet)?\.?$",
    re.IGNORECASE,
)
REPLY_FORM = re.compile(
    r"^(?:leave|post|add|write|submit|join)\s+(?:a|your|the)?\s*(?:reply|comment|response|"
    r"discussion|conversation)\b|^(?:cancel reply|post comment|submit comment)\b|"
    r"^your email address will not be published|^you must be logged in to post|"
    r"^deixe (?:uma|um|seu|sua) (?:resposta|comentário)|^lascia un commento|^deja un comentario|"
    r"^laisser un commentaire|^o seu endereço de e-?mail não será publicado|"
    r"^devi essere connesso per inviare",
    re.IGNORECASE,
)
RELATED_HEADER = re.compile(
    r"^(?:(?:similar|related|recommended|popular|recent|latest|trending|more|other|top|"
    r"suggested|featured|further)\s+(?:posts?|articles?|stories|news|reads?|reading|content|"
    r"videos?|links?|coverage|from\b.{0,80}|on\b.{0,80}|in\b.{0,80})|related|see also|"
    r"read (?:more|next|also)|you (?:may|might) (?:also )?(?:like|enjoy)|"
    r"(?:don't|do not) miss|also read|more stories|most (?:read|popular|viewed|shared)|"
    r"artigos relacionados|articoli correlati|artículos relacionados|articles similaires|"
    r"leia também|leggi anche|lee también)\s*:?$",
    re.IGNORECASE,
)
LEGAL = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcookies?\b|\bprivacy (?:policy|notice|settings)\b|"
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bterms & conditions\b|"
    r"\bcopyright\b|\bpowered by\b|\bskip to (?:main )?content\b",
    re.IGNORECASE,
)
# Account and mailing-list calls: chrome as a button or a one-line prompt, not inside prose.
ACCOUNT = re.compile(
    r"\bsubscribe\b|\bnewsletters?\b|\bsign (?:in|up)\b|\blog ?in\b|\bregister\b|"
    r"\bfollow us\b|\bunsubscribe\b",
    re.IGNORECASE,
)
COOKIE_BANNER = re.compile(
    r"\bcookies?\b.{0,300}?\b(?:consent|accept|agree|experience|browsing|settings|policy|"
    r"personali[sz]e|analytics|advertising|partners)\b|"
    r"\b(?:we|this (?:site|website)|our (?:site|website|partners))\b.{0,120}?\buse cookies\b",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|story by|author:|autor:|di|por|par|von)\s+"
    r"(?P<rest>[^\W\d_].{0,200})$",
    re.IGNORECASE,
)
# Where a byline's name stops: "By Jane Doe | Reuters", "By Jane Doe - 3 hours ago".
BYLINE_END = re.compile(
    r"\s+[|•–—-]\s+|\s*[|•]\s*|,\s+(?=\d)|\s+(?:on|at|updated|published)\s+|"
    r"\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
SOURCE = re.compile(
    r"^(?:source|sources|via|originally published (?:at|on|by)|fonte|fuente|quelle)\s*:\s*"
    r"(?P<name>\S.{0,120}?)\s*$",
    re.IGNORECASE,
)
MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    rf"\b{MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{MONTH}\s+\d{{4}}\b|"
    rf"\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
    rf"\b\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?",
    re.IGNORECASE,
)
TEASER_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|read more|more\s*»)\s*$", re.IGNORECASE)
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[•*·▪–-])\s+\S")

PROSE_MIN_WORDS = 8
LONG_LINE_WORDS = 25
LEGAL_MAX_WORDS = 30
BANNER_MAX_WORDS = 120
ACCOUNT_MAX_WORDS = 12


def count_words(line: str) -> int:
    return len(WORD.findall(line))


def ends_sentence(line: str) -> bool:
    return SENTENCE_END.search(line[-8:]) is not None


def is_prose(line: str, words: int) -> bool:
    """A sentence or more: enough words ending like a sentence, or a line too long to be a
    heading. A teaser cut short ("... returned home broke on…") is a link to prose, not prose."""
    if TEASER_END.search(line[-12:]):
        return False
    if words >= LONG_LINE_WORDS:
        return True
    if words < PROSE_MIN_WORDS:
        return False
    return ends_sentence(line)


def comment_count(line: str) -> int | None:
    """The count a comments header announces ("2 Comments", "Comments (14)"); -1 for a header
    with no count ("Comments"), None for a line that is no comments header."""
    match = COMMENTS_HEADER.match(line[: HEAD + 40])
    if match is None:
        return None
    raw = match.group("count") or match.group("paren")
    if raw is None:
        return -1
    digits = re.sub(r"\D", "", raw)
    return int(digits) if digits else -1


def is_comments_header(line: str) -> bool:
    """A header over reader comments; "0 Comments" and "No comments" head none, so they count
    as page chrome, not as a section."""
    if len(line) > HEAD + 40 or NO_COMMENTS.match(line):
        return False
    count = comment_count(line)
    return count is not None and count != 0


def byline_name(line: str) -> str | None:
    """The name in a byline ("By Tyler Durden" gives "Tyler Durden"), if the line is one."""
    if len(line) > HEAD:
        return None
    match = BYLINE.match(line)
    if match is None:
        return None
    name = BYLINE_END.split(match.group("rest"), maxsplit=1)[0].strip(" ,.;:")
    words = name.split()
    # A name is a few words, mostly capitalised; "by the time we arrived" is not one.
    capitalised = sum(1 for w in words if w[:1].isupper())
    if not words or len(words) > 8 or capitalised * 2 < len(words):
        return None
    return name


def source_name(line: str) -> str | None:
    """The original source a "Source: ..." line credits, if the line is one."""
    if len(line) > HEAD:
        return None
    match = SOURCE.match(line)
    return match.group("name").strip() if match else None


def classify_line(line: str, words: int) -> LineRole:
    """The role a stripped, non-empty line plays on its own."""
    short = len(line) <= HEAD
    if short and is_comments_header(line):
        return "comments_header"
    if short and REPLY_FORM.search(line):
        return "reply_form"
    if short and RELATED_HEADER.match(line):
        return "related_header"
    if short and source_name(line) is not None:
        return "source"
    if short and words <= 10 and byline_name(line) is not None:
        return "byline"
    # Legal lines can be whole sentences ("© 2018 Example Ltd. All rights reserved."), and a
    # long paragraph that mentions cookies is still prose.
    if words < LEGAL_MAX_WORDS and LEGAL.search(line[:HEAD]):
        return "legal"
    if words < ACCOUNT_MAX_WORDS and ACCOUNT.search(line[:HEAD]):
        return "legal"
    if words < BANNER_MAX_WORDS and COOKIE_BANNER.search(line[: HEAD * 4]):
        return "legal"
    if is_prose(line, words):
        return "prose"
    if short and words <= 12 and DATE.search(line):
        return "date"
    if LIST_ITEM.match(line):
        return "list_item"
    return "short"
