"""Cross-document event linking: the same real-world event reported by different pages.

Documents are never merged: a link joins two per-document events and records the signals that
made it (date gap, place, type, actors, text similarity), so every decision can be read and undone.
Blocking keeps the work near-linear: only events whose dates fall within `window_days` of each
other (or that are undated) and whose countries agree (or are unknown) are compared. Text
similarity is the cosine of TF-IDF vectors over each event's sentences and its page's title.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import msgspec
from sklearn.feature_extraction.text import TfidfVectorizer

from claimledger.model import Document, Event, EventLink
from claimledger.taxonomy import FAMILY, date_range

CONTEXT_CHARS = 400


class LinkOptions(msgspec.Struct, frozen=True, kw_only=True):
    window_days: int = 7
    threshold: float = 0.55
    min_text_similarity: float = 0.08
    weights: dict[str, float] = msgspec.field(
        default_factory=lambda: {
            "date": 0.25,
            "place": 0.25,
            "type": 0.15,
            "actors": 0.1,
            "text": 0.25,
        }
    )


class _Profile(msgspec.Struct, kw_only=True):
    event: Event
    days: tuple[date, date] | None
    country: str | None
    area: str | None
    actor_words: frozenset[str]
    text: str


def _context(event: Event, document: Document) -> str:
    """The page title and the text around the event's trigger."""
    start = max(0, event.trigger.start - CONTEXT_CHARS)
    end = min(len(document.text), event.trigger.end + CONTEXT_CHARS)
    return f"{document.title or ''}\n{document.text[start:end]}"


def _profile(event: Event, document: Document) -> _Profile:
    place = event.place.resolved if event.place else None
    if place is None and event.place and event.place.candidates:
        codes = {c.country_code for c in event.place.candidates}
        country = codes.pop() if len(codes) == 1 else None
    else:
        country = place.country_code if place else None
    area = None
    if place is not None:
        area = f"{place.country_code}:{place.admin1 or ''}:{place.name}".lower()
    words = frozenset(
        w for actor in event.actors for w in actor.name.lower().split() if len(w) > 3
    )
    return _Profile(
        event=event,
        days=date_range(event.date) if event.date else None,
        country=country,
        area=area,
        actor_words=words,
        text=_context(event, document),
    )


def _date_signal(a: _Profile, b: _Profile, window: int) -> float | None:
    """1 for overlapping dates, falling to 0 at the window's edge; None when incompatible."""
    if a.days is None or b.days is None:
        return 0.5
    gap = max(0, (max(a.days[0], b.days[0]) - min(a.days[1], b.days[1])).days)
    if gap > window:
        return None
    return 1.0 - gap / (window + 1)


def _place_signal(a: _Profile, b: _Profile) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if a.area and b.area:
        if a.area == b.area:
            return 1.0
        return 0.7 if a.area.split(":")[:2] == b.area.split(":")[:2] else 0.4
    return 0.4 if a.country and a.country == b.country else 0.2


def _type_signal(a: Event, b: Event) -> float | None:
    if a.event_type == b.event_type:
        return 1.0
    if FAMILY.get(a.event_type) == FAMILY.get(b.event_type):
        return 0.6
    return None


def _actor_signal(a: _Profile, b: _Profile) -> float:
    if not a.actor_words or not b.actor_words:
        return 0.0
    return len(a.actor_words & b.actor_words) / len(a.actor_words | b.actor_words)


def _blocks(profiles: Sequence[_Profile], window: int) -> list[tuple[int, int]]:
    """Candidate pairs: sorted by first day, compared only within the window (undated: all)."""
    dated = sorted(
        (i for i, p in enumerate(profiles) if p.days is not None),
        key=lambda i: profiles[i].days[0],  # type: ignore[index]
    )
    undated = {i for i, p in enumerate(profiles) if p.days is None}
    pairs: list[tuple[int, int]] = []
    for position, i in enumerate(dated):
        end_i = profiles[i].days[1]  # type: ignore[index]
        for j in dated[position + 1 :]:
            if (profiles[j].days[0] - end_i).days > window:  # type: ignore[index]
                break
            pairs.append((i, j))
    for i in sorted(undated):
        pairs += [(i, j) for j in range(len(profiles)) if j != i and (j not in undated or j > i)]
    return pairs


def link_events(
    events: Sequence[Event],
    documents: Mapping[str, Document],
    *,
    options: LinkOptions | None = None,
) -> list[EventLink]:
    """Links between events of different documents that report the same real-world event."""
    options = options or LinkOptions()
    profiles = [_profile(e, documents[e.document_id]) for e in events if e.document_id in documents]
    if len(profiles) < 2:
        return []
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [p.text for p in profiles]
    )
    links: list[EventLink] = []
    weights = options.weights
    for i, j in _blocks(profiles, options.window_days):
        a, b = profiles[i], profiles[j]
        if a.event.document_id == b.event.document_id:
            continue
        date_signal = _date_signal(a, b, options.window_days)
        place_signal = _place_signal(a, b)
        type_signal = _type_signal(a.event, b.event)
        if date_signal is None or place_signal is None or type_signal is None:
            continue
        text_signal = float((vectors[i] @ vectors[j].T).toarray()[0, 0])
        if text_signal < options.min_text_similarity:
            continue
        signals = {
            "date": round(date_signal, 3),
            "place": round(place_signal, 3),
            "type": round(type_signal, 3),
            "actors": round(_actor_signal(a, b), 3),
            "text": round(text_signal, 3),
        }
        score = sum(weights[name] * value for name, value in signals.items())
        if score >= options.threshold:
            first, second = sorted((a.event.id, b.event.id))
            links.append(EventLink(a=first, b=second, score=round(score, 3), signals=signals))
    links.sort(key=lambda link: (link.a, link.b))
    return links
