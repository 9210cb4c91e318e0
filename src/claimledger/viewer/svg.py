"""Charts drawn on the server as SVG, so the viewer needs no script library and no network:
each source's interval for one ledger entry and the figure's timeline across publication dates
(the events map is Leaflet's: see tiles.py).

Every string that reaches the SVG comes from scraped pages, so each one is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from claimledger.model import APPROXIMATE_TOLERANCE, LedgerEntry, LedgerRow, format_count

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf")
WIDTH = 680
LABEL_WIDTH = 230
ROW_HEIGHT = 26
LABEL_CHARS = 36


def nice_step(span: float, target: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `target` ticks over span."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def ticks(low: float, high: float, target: int = 5) -> list[float]:
    step = nice_step(high - low, target)
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [first + i * step for i in range(max(count, 0))]


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def row_label(row: LedgerRow) -> str:
    parts = [row.source_name or "(unattributed)"]
    if row.outlet and row.outlet.casefold() != row.source_name.casefold():
        parts.append(f"via {row.outlet}")
    return " ".join(parts)


def source_colours(rows: Sequence[LedgerRow]) -> dict[str, str]:
    """One colour per source, the same in every chart of an entry."""
    sources = sorted({row.source_name for row in rows}, key=lambda name: (name.casefold(), name))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sources)}


def _row_extent(row: LedgerRow, tolerance: float) -> tuple[float, float | None]:
    """The lowest and highest count a row allows (None above: open-ended)."""
    interval = row.count.widened(tolerance)
    return interval.low, interval.high if math.isfinite(interval.high) else None


def _domain_top(values: Sequence[float]) -> float:
    finite = [v for v in values if math.isfinite(v)]
    top = max(finite, default=1.0) * 1.15
    return max(top, 1.0)


def _end_cap(x: float, y: float, inclusive: bool, colour: str) -> str:
    fill = colour if inclusive else "#fff"
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{colour}" '
            'stroke-width="1.5"/>')


def interval_chart_svg(entry: LedgerEntry, *, tolerance: float = APPROXIMATE_TOLERANCE) -> Markup:
    """Each source's interval for one ledger entry, one row per figure, with the entry's
    low / best / high as vertical lines. Open-ended figures ("more than 200") run off the
    right edge as an arrow; open circles are exclusive bounds; dashed bars are approximate
    figures widened by the ledger's tolerance."""
    rows = entry.rows
    extents = [_row_extent(row, tolerance) for row in rows]
    values = [v for low, high in extents for v in (low, high) if v is not None]
    values += [v for v in (entry.low, entry.best, entry.high) if v is not None]
    top = _domain_top(values)
    x0, x1 = LABEL_WIDTH + 10, WIDTH - 20
    height = 40 + ROW_HEIGHT * max(len(rows), 1) + 30

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * min(value, top) / top

    plot_bottom = 30 + ROW_HEIGHT * max(len(rows), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="interval-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'data-measure="{escape(entry.measure)}">',
        f"<title>{escape(entry.measure)}: each source's figure</title>",
    ]
    for tick in ticks(0.0, top):
        x = x_of(tick)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="24" x2="{x:.1f}" '
                     f'y2="{plot_bottom}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{x:.1f}" y="{plot_bottom + 16}" font-size="11" '
                     f'text-anchor="middle" fill="#555">{escape(format_count(tick))}</text>')
    named: dict[float, list[str]] = {}
    for name, value in (("low", entry.low), ("best", entry.best), ("high", entry.high)):
        if value is not None and math.isfinite(value):
            named.setdefault(value, []).append(name)
    for value, names in named.items():
        x = x_of(value)
        dash = "" if "best" in names else ' stroke-dasharray="3 3"'
        parts.extend(f'<line class="estimate estimate-{name}" x1="{x:.1f}" y1="20" '
                     f'x2="{x:.1f}" y2="{plot_bottom}" stroke="#333"{dash}/>' for name in names)
        # Estimates that coincide share one label ("low = best 100") instead of overprinting.
        parts.append(f'<text x="{x:.1f}" y="14" font-size="10" text-anchor="middle" '
                     f'fill="#333">{" = ".join(names)} {escape(format_count(value))}</text>')
    colours = source_colours(rows)
    for i, (row, (low, high)) in enumerate(zip(rows, extents, strict=True)):
        y = 30 + ROW_HEIGHT * i + ROW_HEIGHT / 2
        colour = colours[row.source_name]
        label = row_label(row)
        tip = f"{label}: “{row.text}” ({row.published or 'undated'})"
        parts.append(f'<g class="chart-row" data-figure="{escape(row.figure_id)}">'
                     f"<title>{escape(tip)}</title>")
        parts.append(f'<text x="{LABEL_WIDTH}" y="{y + 4:.1f}" font-size="12" '
                     f'text-anchor="end">{escape(_shorten(label))}</text>')
        dash = ' stroke-dasharray="5 3"' if row.count.approximate else ""
        left = x_of(low)
        if high is None:
            parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{x1 - 6:.1f}" y2="{y:.1f}" '
                         f'stroke="{colour}" stroke-width="3"{dash}/>')
            parts.append(f'<polygon points="{x1:.1f},{y:.1f} {x1 - 8:.1f},{y - 5:.1f} '
                         f'{x1 - 8:.1f},{y + 5:.1f}" fill="{colour}"/>')
        else:
            right = x_of(high)
            parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                         f'stroke="{colour}" stroke-width="3"{dash}/>')
            if not row.count.approximate:
                parts.append(_end_cap(right, y, row.count.high_inclusive, colour))
        if row.count.low is not None and not row.count.approximate:
            parts.append(_end_cap(left, y, row.count.low_inclusive, colour))
        if row.count.approximate and row.count.low is not None:
            parts.append(f'<circle cx="{x_of(row.count.low):.1f}" cy="{y:.1f}" r="4" '
                         f'fill="{colour}"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp; None for anything else (never guessed)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline_svg(entry: LedgerEntry, *, height: int = 240) -> Markup:
    """The figure across publication dates: one vertical bar per source's figure at the date of
    its page (arrow up: open-ended), coloured by source. Undated pages are left out."""
    dated = [(day, row) for row in entry.rows if (day := parse_day(row.published))]
    x0, x1, y0, y1 = 60, WIDTH - 160, height - 30, 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'data-measure="{escape(entry.measure)}">',
        f"<title>{escape(entry.measure)} by publication date</title>",
    ]
    if not dated:
        parts.append(f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" '
                     'fill="#777">No dated pages</text></svg>')
        return Markup("".join(parts))
    first = min(day for day, _ in dated).toordinal() - 1
    last = max(day for day, _ in dated).toordinal() + 1
    values = [v for _, row in dated for v in (row.count.low, row.count.high) if v is not None]
    top = _domain_top(values)

    def x_of(day: date) -> float:
        return x0 + (x1 - x0) * (day.toordinal() - first) / (last - first)

    def y_of(value: float) -> float:
        return y0 - (y0 - y1) * min(value, top) / top

    for tick in ticks(0.0, top, 4):
        y = y_of(tick)
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#555">{escape(format_count(tick))}</text>')
    for day in sorted({day for day, _ in dated}):
        parts.append(f'<text x="{x_of(day):.1f}" y="{y0 + 16}" font-size="11" '
                     f'text-anchor="middle" fill="#555">{escape(day.isoformat())}</text>')
    colours = source_colours(entry.rows)
    sources = [name for name in colours if any(row.source_name == name for _, row in dated)]
    per_day: dict[date, int] = {}
    for day, row in dated:
        # Figures published the same day sit side by side rather than on top of each other.
        offset = per_day.get(day, 0)
        per_day[day] = offset + 1
        x = x_of(day) + 7 * offset
        colour = colours[row.source_name]
        low = row.count.low if row.count.low is not None else 0.0
        tip = f"{row_label(row)}, {day.isoformat()}: “{row.text}”"
        parts.append(f'<g class="timeline-point" data-figure="{escape(row.figure_id)}">'
                     f"<title>{escape(tip)}</title>")
        if row.count.high is None:
            parts.append(f'<line x1="{x:.1f}" y1="{y_of(low):.1f}" x2="{x:.1f}" '
                         f'y2="{y1 + 6}" stroke="{colour}" stroke-width="3"/>')
            parts.append(f'<polygon points="{x:.1f},{y1} {x - 5:.1f},{y1 + 8} '
                         f'{x + 5:.1f},{y1 + 8}" fill="{colour}"/>')
        elif row.count.high != low:
            parts.append(f'<line x1="{x:.1f}" y1="{y_of(low):.1f}" x2="{x:.1f}" '
                         f'y2="{y_of(row.count.high):.1f}" stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y_of(low):.1f}" r="4" fill="{colour}"/>')
        parts.append("</g>")
    for i, name in enumerate(sources):
        y = y1 + 14 * i + 6
        parts.append(f'<rect x="{x1 + 14}" y="{y - 8}" width="10" height="10" '
                     f'fill="{colours[name]}"/>')
        parts.append(f'<text x="{x1 + 28}" y="{y + 1}" font-size="11">'
                     f"{escape(_shorten(name or '(unattributed)', 20))}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
