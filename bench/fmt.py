"""Markdown tables and number formats for the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(a: float, b: float) -> str:
    """a ÷ b as `1.23x` (or `1/N` below 0.1); `-` without a denominator."""
    if not b:
        return "-"
    value = a / b
    return f"{value:.2f}x" if value >= 0.1 else (f"1/{b / a:.0f}" if a else "0")


def rate(count: float, seconds: float | None) -> str:
    return f"{count / seconds:,.0f}" if seconds and seconds > 0 else "-"


def yes_no(ok: bool | None) -> str:
    return "yes" if ok else ("**no**" if ok is not None else "-")


def ms_date(ms: int | None) -> str:
    """Epoch milliseconds as `YYYY-MM-DD HH:MM:SS` UTC."""
    if ms is None:
        return "-"
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")


def statuses(counts: Mapping[str, int]) -> str:
    """HTTP statuses as `426 x6` (most frequent first)."""
    return ", ".join(f"{status} x{count}" for status, count in sorted(counts.items(), key=lambda kv: -kv[1]))
