"""Stores for the viewer's tests: the hand-built battle, and an injection corpus of hostile pages
read from files and written to a store, with records whose every field carries hostile markup."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from battle_records import battle_link, first_analysis, second_analysis
from claimledger.derived import write_derived
from claimledger.model import (
    Actor,
    Analysis,
    Attribution,
    Count,
    DateMention,
    Document,
    Event,
    EventLink,
    Figure,
    PlaceCandidate,
    PlaceMention,
    Span,
)
from claimledger.read import read_paths
from claimledger.store import open_store

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2;alert(2)">'
JS_LINK = '<a href="javascript:window.__pwned=3;alert(3)">click me</a>'
SVG = '<svg onload="window.__pwned=4">'
BREAK_OUT = "</script><script>window.__pwned=5</script><!--"
ENTITIES = (
    "&lt;script&gt;window.__pwned=6&lt;/script&gt; &#x3C;img src=x onerror=alert(6)&#x3E; &amp"
)
TEMPLATE = "{{ 7*7 }} {% raw %}"
HOSTILE_NAME = '"><img src=x onerror="window.__pwned=7;alert(7)">'
HOSTILE_URL = "javascript:window.__pwned=8;alert(8)"
PAYLOADS = (SCRIPT, IMG, JS_LINK, SVG, BREAK_OUT, ENTITIES, TEMPLATE)

HOSTILE_TEXT = (
    f"Attack {SCRIPT} near the base\n\n"
    f"At least 30 people were killed {IMG}, the army said. {JS_LINK}\n"
    f"A witness said {SVG} that 12 died. {BREAK_OUT} {ENTITIES} {TEMPLATE}\n\n"
    "By A. Reporter\n\n"
    "2 Comments\n"
    f"Reader: {SCRIPT} {IMG}\n\n"
    "Leave a Reply\nYour email address will not be published."
)
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>&lt;img src=x onerror=alert(9)&gt; Toll rises</title>"
    '<meta property="og:site_name" content="&lt;script&gt;alert(9)&lt;/script&gt;">'
    "<script>window.__pwned=9</script></head><body><article><h1>Toll rises</h1>"
    "<p>At least 40 people were killed near the border on Monday, officials said, "
    "&lt;script&gt;window.__pwned=10&lt;/script&gt; and &lt;a href=&quot;javascript:alert(10)"
    "&quot;&gt;more&lt;/a&gt;.</p>"
    "<p>The attack <img src=x onerror=\"window.__pwned=11\"> came at dawn, residents said, "
    "and dozens of homes burned.</p></article></body></html>"
)


def write_injection_corpus(directory: Path) -> list[Path]:
    """The hostile inputs as files: a text scrape, an HTML page and a JSONL dump."""
    directory.mkdir(parents=True, exist_ok=True)
    text = directory / "hostile-scrape.txt"
    text.write_text(HOSTILE_TEXT, encoding="utf-8")
    html = directory / "hostile-page.html"
    html.write_text(HOSTILE_HTML, encoding="utf-8")
    dump = directory / "hostile-dump.jsonl"
    record = {
        "url": HOSTILE_URL,
        "title": SCRIPT + " headline",
        "published": "2024-05-02",
        "source": HOSTILE_NAME,
        "author": IMG,
        "text": "From the dump. " + HOSTILE_TEXT,
    }
    dump.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return [text, html, dump]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def hostile_analysis(document: Document) -> Analysis:
    """Records over a read document whose spans and names are the hostile text itself."""
    text = document.text
    body = next((s for s in document.segments if s.kind == "body"), None)
    start, end = (body.start, body.end) if body else (0, len(text))
    middle = start + (end - start) // 2
    content = _span(text, start, end)
    source = _span(text, start, min(start + 24, end))
    figure_span = _span(text, middle, min(middle + 12, end))
    place = PlaceCandidate(name=HOSTILE_NAME, feature="city", country_code="XX",
                           country=SCRIPT, latitude=1.5, longitude=30.2)
    attribution = Attribution(
        id=f"{document.id}-a1", content=content, direct=True, source=source,
        cue=_span(text, middle, min(middle + 5, end)), cue_class="say",
        source_name=HOSTILE_NAME, source_kind="person", chain=(SCRIPT, HOSTILE_NAME),
        hedged=True, hedge=IMG,
    )
    figure = Figure(
        id=f"{document.id}-f1", span=figure_span,
        count=Count(low=30, high=None, hedge="at_least"),
        measure="killed", population=IMG, modality=SCRIPT, attribution_id=attribution.id,
        source_name=HOSTILE_NAME,
    )
    date = DateMention(span=_span(text, start, start + 6), value=SCRIPT, rule=IMG)
    mention = PlaceMention(span=_span(text, middle, middle + 8), name=SCRIPT,
                           candidates=(place,), resolved=place)
    event = Event(
        id=f"{document.id}-e1", document_id=document.id,
        trigger=_span(text, start, start + 6), event_type=SCRIPT, sub_event_type=IMG,
        date=date, place=mention, actors=(Actor(name=HOSTILE_NAME, role="initiator"),),
        figure_ids=(figure.id,), attribution_ids=(attribution.id,),
    )
    return Analysis(document=document, attributions=(attribution,), figures=(figure,),
                    dates=(date,), places=(mention,), events=(event,), version=SCRIPT,
                    model=IMG)


def hostile_store(directory: Path) -> tuple[Path, list[Analysis]]:
    """The injection corpus read, given hostile records, linked, and stored with its clusters and
    ledgers, as relink stores them."""
    paths = write_injection_corpus(directory / "corpus")
    documents = [d for d in read_paths(paths) if isinstance(d, Document)]
    analyses = [hostile_analysis(document) for document in documents]
    events = [a.events[0] for a in analyses]
    links = [EventLink(a=x.id, b=y.id, score=1.0, signals={SCRIPT: 1.0})
             for x, y in pairwise(events)]
    path = directory / "hostile.db"
    with open_store(path) as store:
        store.write_analyses(analyses)
        store.write_links(links)
        write_derived(store, events, links)
    return path, analyses


def battle_store(path: Path) -> Path:
    """The two hand-built battle pages, linked, with their clusters and ledgers."""
    analyses = [first_analysis(), second_analysis()]
    with open_store(path) as store:
        store.write_analyses(analyses)
        store.write_links([battle_link()])
        write_derived(store, [a.events[0] for a in analyses], [battle_link()])
    return path
