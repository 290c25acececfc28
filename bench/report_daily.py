"""Report section: the `next-day` scenario — calls per 1,000 posts by endpoint, and staleness per stream."""

from __future__ import annotations

import staleness
from fmt import table
from results import Results
from scenario_next_day import TARGET_PER_1000, DaySync, NextDayResult
from staleness import StreamStaleness

Goal = tuple[str, str, bool | None]


def endpoint_table(series: list[NextDayResult]) -> str:
    """Calls per 1,000 posts by endpoint, one column per variant and day."""
    columns = [(f"{s.variant} day {d.day}", d) for s in series for d in s.days]
    names = sorted(
        {name for _, d in columns for name in d.run.endpoints},
        key=lambda n: -max(d.run.endpoints.get(n, 0) for _, d in columns),
    )
    rows = [
        [
            f"`{name}`",
            *(
                f"{d.run.endpoints.get(name, 0) * 1000 / d.posts:.1f} ({d.run.endpoints.get(name, 0)})"
                for _, d in columns
            ),
        ]
        for name in names
    ]
    rows.append(["**total**", *(f"**{d.per_1000:.1f}** ({d.run.total_calls})" for _, d in columns)])
    rows.append(["posts at the sync", *(f"{d.posts:,}" for _, d in columns)])
    return table(["endpoint (request log `resource`)", *(label for label, _ in columns)], rows)


def staleness_cell(item: StreamStaleness) -> str:
    if item.kind == "time series":
        days = item.newest_bucket_days
        return f"newest bucket ends {days:.0f} d before the sync day" if days is not None else "no bucket"
    if item.kind == "changes":
        return f"{item.missed} of {item.changes} changes missed"
    text = f"{item.refreshed:,} of {item.entities:,} refreshed; oldest value {item.oldest_age_h:.1f} h old"
    if item.changes:
        text += f"; {item.missed} of {item.changes} touched posts missed"
    return text + (f"; {item.never:,} never read" if item.never else "")


def staleness_table(day: DaySync) -> str:
    return table(["stream", "kind", "after this sync"], [[s.stream, s.kind, staleness_cell(s)] for s in day.staleness])


def next_day_sections(results: Results) -> tuple[list[str], list[Goal]]:
    series = results.next_day
    if not series:
        return [], []
    sizes, activity = series[0].sizes, series[0].activity
    out = [
        f"Emulator {sizes.label} posts (organizations x posts each). A full sync of every stream (incremental "
        "where supported); then, for `activity`, POST /_emulator/activity per organization at midday "
        f"({activity}: new posts, edited posts, new comments and reactions on old posts spread over the whole "
        "post list), for `no-activity` nothing; the clock one day on (POST /_emulator/clock, and the connector's "
        "clock with it); the incremental sync from the state of the previous one. "
        f"{len(series[0].days)} daily sync(s) per variant.",
        "",
        "#### Calls per 1,000 posts by endpoint (calls in brackets)",
        "",
        endpoint_table(series),
        "",
    ]
    for entry in series:
        for day in entry.days[-1:]:
            out += [f"#### Staleness after {entry.variant} day {day.day}", "", staleness_table(day), ""]
    out += ["Definitions (bench/staleness.py):", "", *(f"- {line}" for line in staleness.DEFINITIONS), ""]
    quiet = next((s for s in series if s.activity is None and s.days), None)
    goals: list[Goal] = []
    if quiet:
        value = quiet.days[0].per_1000
        goals.append(
            (
                f"next-day sync with no activity ≤ {TARGET_PER_1000} calls per 1,000 posts ({sizes.label})",
                f"{value:.0f}",
                value <= TARGET_PER_1000,
            )
        )
    return out, goals
