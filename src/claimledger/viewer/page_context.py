"""What each viewer page's template is given: links between the pages, the record cards the
article page's script shows, and the article and event contexts.

Everything here is data for autoescaping templates; the two pieces of markup made here (JSON in a
data block, SVG charts) are escaped where they are built.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from datasette.utils import tilde_encode
from markupsafe import Markup

from claimledger.extract.phones import PHONE_RULE
from claimledger.model import (
    Analysis,
    Attribution,
    Confidence,
    DateMention,
    Event,
    Figure,
    PlaceMention,
    format_count,
)
from claimledger.viewer.highlight import (
    analysis_marks,
    date_record_id,
    document_blocks,
    place_record_id,
)
from claimledger.viewer.reads import ArticleView, ClusterView
from claimledger.viewer.svg import interval_chart_svg, timeline_svg

if TYPE_CHECKING:
    from datasette.app import Datasette

PREFIX = "/-/claimledger"


def safe_http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL; None otherwise (javascript:, data:...)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def json_for_script(value: object) -> Markup:
    """JSON safe inside a <script type="application/json"> element: no "<", ">" or "&"
    survives, so no "</script>" or "<!--" in the data can end the element."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class Links:
    """URLs of the plugin's pages and of Datasette's rows, honouring Datasette's base_url."""

    def __init__(self, datasette: Datasette, database: str) -> None:
        self.datasette = datasette
        self.database = database

    def article(self, document_id: str, anchor: str | None = None) -> str:
        path = self.datasette.urls.path(f"{PREFIX}/article/{quote(document_id, safe='')}")
        return f"{path}#{quote(anchor, safe='')}" if anchor else str(path)

    def event(self, cluster_id: str, rule: str | None = None) -> str:
        path = str(self.datasette.urls.path(f"{PREFIX}/event/{quote(cluster_id, safe='')}"))
        return f"{path}?rule={quote(rule, safe='')}" if rule else path

    def map(self) -> str:
        return str(self.datasette.urls.path(f"{PREFIX}/map"))

    def static(self, name: str) -> str:
        return str(self.datasette.urls.path(f"{PREFIX}/static/{name}"))

    def tiles(self) -> str:
        """The base map's tile URLs, as Leaflet's template."""
        return str(self.datasette.urls.path(f"{PREFIX}/tiles/")) + "{z}/{x}/{y}.png"

    def table(self, table: str) -> str:
        return str(self.datasette.urls.table(self.database, table))

    def row(self, table: str, key: str) -> str:
        return f"{self.table(table)}/{tilde_encode(key)}"


def _span_text(span: Any) -> str:
    return span.text if span is not None else ""


def attribution_card(attribution: Attribution) -> dict[str, str]:
    return {
        "record": "claim",
        "source": attribution.source_name or _span_text(attribution.source),
        "source kind": attribution.source_kind,
        "chain": " → ".join(attribution.chain),
        "cue": _span_text(attribution.cue),
        "cue class": attribution.cue_class or "",
        "content": attribution.content.text,
        "speech": "direct (quoted)" if attribution.direct else "indirect",
        "denial": "yes" if attribution.denial else "",
        "hedge": attribution.hedge or ("hedged" if attribution.hedged else ""),
        "confidence": confidence_text(attribution.confidence),
    }


def confidence_text(confidence: Confidence | None) -> str:
    """ "0.82 (cue 0.97, source 0.88, content 0.90)"; "" where none was computed."""
    if confidence is None:
        return ""
    roles = [
        f"{role} {value:.2f}"
        for role, value in (
            ("cue", confidence.cue), ("source", confidence.source),
            ("content", confidence.content),
        )
        if value is not None
    ]
    return f"{confidence.whole:.2f}" + (f" ({', '.join(roles)})" if roles else "")


def figure_card(figure: Figure) -> dict[str, str]:
    return {
        "record": "figure",
        "text": figure.span.text,
        "interval": figure.count.text(),
        "hedge": figure.count.hedge,
        "approximate": "yes" if figure.count.approximate else "",
        "vague": "yes" if figure.count.vague else "",
        "measure": figure.measure or "",
        "population": figure.population or "",
        "source": figure.source_name,
        "negated": "yes" if figure.negated else "",
        "modality": figure.modality or "",
    }


def date_card(mention: DateMention) -> dict[str, str]:
    return {"record": "date", "text": mention.span.text, "value": mention.value or "",
            "granularity": mention.granularity, "rule": mention.rule}


def place_card(mention: PlaceMention) -> dict[str, str]:
    resolved = mention.resolved
    card = {"record": "place", "text": mention.span.text, "name": mention.name,
            "candidates": str(len(mention.candidates))}
    if resolved is not None:
        card |= {"match": resolved.name, "admin1": resolved.admin1 or "",
                 "country": resolved.country}
        if resolved.latitude is not None and resolved.longitude is not None:
            card["coordinates"] = f"{resolved.latitude}, {resolved.longitude}"
    return card


def _event_place_label(place: PlaceMention) -> str:
    """The place as the page names it; a site's home state or town, or a telephone number's,
    standing in is said to be one."""
    if place.rule is None or place.resolved is None:
        return place.name
    if place.rule == PHONE_RULE:
        return f"{place.name} (where the page's telephone number {place.span.text} lies)"
    home = "the site's home state" if place.resolved.feature == "admin1" else (
        "the site's home town")
    if place.span.end == place.span.start:
        return f"{place.name} ({home})"
    return f"{place.name} ({place.resolved.name}, {home})"


def event_card(event: Event, href: str) -> dict[str, str]:
    resolved = event.place.resolved if event.place else None
    return {
        "record": "event",
        "type": " / ".join(t for t in (event.event_type, event.sub_event_type) if t),
        "date": (event.date.value or "") if event.date else "",
        "place": _event_place_label(event.place) if event.place else "",
        "country": resolved.country if resolved else "",
        "actors": "; ".join(f"{a.name} ({a.role})" for a in event.actors),
        "href": href,
    }


def record_cards(analysis: Analysis, event_hrefs: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Record id -> the fields its card shows, for every highlight on the article page."""
    cards: dict[str, dict[str, str]] = {}
    cards.update((a.id, attribution_card(a)) for a in analysis.attributions)
    cards.update((f.id, figure_card(f)) for f in analysis.figures)
    cards.update((date_record_id(d.span), date_card(d)) for d in analysis.dates)
    cards.update((place_record_id(p.span), place_card(p)) for p in analysis.places)
    cards.update((e.id, event_card(e, event_hrefs[e.id])) for e in analysis.events)
    return {key: {k: v for k, v in card.items() if v} for key, card in cards.items()}


def article_context(view: ArticleView, links: Links) -> dict[str, Any]:
    analysis = view.analysis
    document = analysis.document
    event_hrefs = {e.id: links.event(view.clusters[e.id]) for e in analysis.events}
    figures_by_attribution: dict[str, list[Figure]] = {}
    for figure in analysis.figures:
        if figure.attribution_id:
            figures_by_attribution.setdefault(figure.attribution_id, []).append(figure)
    return {
        "document": document,
        "analysis": analysis,
        "original_url": safe_http_url(document.url),
        "blocks": document_blocks(document, analysis_marks(analysis)),
        "records_json": json_for_script(record_cards(analysis, event_hrefs)),
        "figures_by_attribution": figures_by_attribution,
        "unattributed_figures": [f for f in analysis.figures if not f.attribution_id],
        "event_hrefs": event_hrefs,
        "row_href": links.row("documents", document.id),
    }


def event_context(view: ClusterView, links: Links) -> dict[str, Any]:
    first = view.events[0] if view.events else None
    return {
        "view": view,
        "first": first,
        "charts": [(entry, interval_chart_svg(entry), timeline_svg(entry),
                    {figure_id for pair in entry.disputes for figure_id in pair})
                   for entry in view.entries],
        "rule_hrefs": {rule: links.event(view.cluster_id, rule) for rule in view.rules},
        "page_urls": {key: safe_http_url(page.url) for key, page in view.pages.items()},
        "format_count": format_count,
    }
