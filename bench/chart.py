"""bench/results.svg, hand-written: calls and records/s per shared stream, ours vs the official connector."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

COLORS = {"ours": "#2b6cb0", "official": "#dd6b20"}
LABEL_W, PANEL_W, GAP, ROW_H, TOP = 230, 270, 40, 38, 70


@dataclass
class Row:
    stream: str
    calls: dict[str, int]  # "ours" / "official"
    rate: dict[str, float]  # records per second of stream time


def text(x: float, y: float, body: str, size: int = 12, anchor: str = "start", weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'font-family="sans-serif">{escape(body)}</text>'
    )


def bar(x: float, y: float, width: float, who: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 1):.1f}" height="13" fill="{COLORS[who]}"/>'


def linear(value: float, top: float) -> float:
    return PANEL_W * 0.85 * value / top if top else 0.0


def logarithmic(value: float, top: float) -> float:
    if value <= 1:
        return 1.0
    return PANEL_W * 0.85 * math.log10(value) / math.log10(max(top, 10))


def panel(rows: list[Row], x0: float, title: str, values: str, scale: str) -> list[str]:
    top = max((getattr(r, values).get(w, 0) for r in rows for w in COLORS), default=1)
    width = logarithmic if scale == "log" else linear
    parts = [text(x0, TOP - 20, title, 13, weight="bold")]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_H
        for offset, who in enumerate(COLORS):
            value = getattr(row, values).get(who)
            if value is None:
                continue
            w = width(value, top)
            parts.append(bar(x0, y + offset * 15, w, who))
            parts.append(text(x0 + w + 4, y + offset * 15 + 11, f"{value:,.0f}", 10))
    return parts


def render(rows: list[Row], caption: str) -> str:
    height = TOP + len(rows) * ROW_H + 50
    width = LABEL_W + 2 * PANEL_W + GAP + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        text(10, 22, caption, 13, weight="bold"),
    ]
    for index, row in enumerate(rows):
        parts.append(text(LABEL_W - 10, TOP + index * ROW_H + 18, row.stream, 12, anchor="end"))
    parts += panel(rows, LABEL_W, "API calls", "calls", "linear")
    parts += panel(rows, LABEL_W + PANEL_W + GAP, "records/s of stream time (log scale)", "rate", "log")
    legend_y = height - 22
    for offset, who in enumerate(COLORS):
        parts.append(bar(LABEL_W + offset * 140, legend_y - 11, 13, who))
        parts.append(text(LABEL_W + offset * 140 + 18, legend_y, "ours" if who == "ours" else "official", 12))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
