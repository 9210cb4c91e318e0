"""Calibration measured: expected calibration error, and the reliability diagram as an SVG image
(written by hand: no plotting library needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BINS = 10


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    confidence: float  # mean predicted probability in the bin
    accuracy: float  # how often the predictions in it were right


@dataclass(frozen=True)
class ReliabilityCurve:
    name: str
    bins: tuple[ReliabilityBin, ...]
    total: int

    @property
    def ece(self) -> float:
        """Expected calibration error: the bins' gaps between confidence and accuracy, each
        weighted by its share of the predictions."""
        gaps = sum(b.count * abs(b.accuracy - b.confidence) for b in self.bins)
        return gaps / self.total if self.total else 0.0


def curve(name: str, pairs: Sequence[tuple[float, bool]], bins: int = BINS) -> ReliabilityCurve:
    """Predictions (probability, right) grouped into `bins` equal-width bins of probability;
    empty bins are left out."""
    grouped: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for p, right in pairs:
        grouped[min(int(p * bins), bins - 1)].append((p, right))
    found = tuple(
        ReliabilityBin(
            low=k / bins,
            high=(k + 1) / bins,
            count=len(group),
            confidence=sum(p for p, _ in group) / len(group),
            accuracy=sum(right for _, right in group) / len(group),
        )
        for k, group in enumerate(grouped)
        if group
    )
    return ReliabilityCurve(name, found, len(pairs))


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = BINS) -> float:
    """The mean gap between confidence and accuracy over equal-width bins, each weighted by its
    share of the predictions (0 for none)."""
    return curve("", pairs, bins).ece


_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_SIZE = 360  # the plot's side, in pixels
_MARGIN = 48


def reliability_svg(curves: Sequence[ReliabilityCurve], title: str = "") -> str:
    """Each curve's bins as points (area by count) joined by lines, over the diagonal of perfect
    calibration; x is the predicted probability, y how often such predictions were right."""
    side, margin = _SIZE, _MARGIN
    width, height = side + 2 * margin + 220, side + 2 * margin

    def x(p: float) -> float:
        return margin + p * side

    def y(p: float) -> float:
        return margin + (1 - p) * side

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<rect x="{margin}" y="{margin}" width="{side}" height="{side}" fill="none"'
        ' stroke="#888"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#bbb"'
        ' stroke-dasharray="4 4"/>',
    ]
    for k in range(0, 11, 2):
        p = k / 10
        parts.append(
            f'<text x="{x(p):.1f}" y="{margin + side + 16}" text-anchor="middle">{p:.1f}</text>'
        )
        parts.append(f'<text x="{margin - 6}" y="{y(p) + 4:.1f}" text-anchor="end">{p:.1f}</text>')
    parts.append(
        f'<text x="{margin + side / 2}" y="{height - 10}" text-anchor="middle">'
        "predicted probability</text>"
    )
    parts.append(
        f'<text transform="translate(14 {margin + side / 2}) rotate(-90)" text-anchor="middle">'
        "observed frequency right</text>"
    )
    if title:
        parts.append(
            f'<text x="{margin + side / 2}" y="{margin - 16}" text-anchor="middle"'
            f' font-weight="bold">{escape(title)}</text>'
        )
    for index, found in enumerate(curves):
        colour = _COLOURS[index % len(_COLOURS)]
        points = " ".join(f"{x(b.confidence):.1f},{y(b.accuracy):.1f}" for b in found.bins)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}"/>')
        for b in found.bins:
            radius = 2 + 6 * (b.count / max(found.total, 1)) ** 0.5
            parts.append(
                f'<circle cx="{x(b.confidence):.1f}" cy="{y(b.accuracy):.1f}" r="{radius:.1f}"'
                f' fill="{colour}" fill-opacity="0.6"/>'
            )
        legend_y = margin + 14 + 18 * index
        parts.append(
            f'<rect x="{margin + side + 16}" y="{legend_y - 9}" width="10" height="10"'
            f' fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{margin + side + 32}" y="{legend_y}">{escape(found.name)}'
            f" (n={found.total}, ECE {found.ece:.3f})</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
