"""Pure time arithmetic for the statistics windows and post streams (epoch milliseconds, UTC, calendar months by
pendulum, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from ..api.constants import DAY_MS, STATS_LAG_DAYS, STATS_RETENTION_MONTHS

DAY = "DAY"
MONTH = "MONTH"
GRANULARITIES = (DAY, MONTH)
# LinkedIn rejects a request spanning 14 months or more; 13 whole months is the widest safe window.
MAX_WINDOW_MONTHS = 13


@dataclass(frozen=True)
class Window:
    """One request's `timeRange`: `start` inclusive, `end` exclusive, both on bucket boundaries."""

    start: int
    end: int


@dataclass(frozen=True)
class WindowPlan:
    """What to request for one partition, and whether the wanted start was older than LinkedIn serves."""

    windows: tuple[Window, ...]
    earliest: int  # the oldest start LinkedIn accepts today
    clamped_from: int | None = None  # the wanted start, when it was older than `earliest`


def _utc_day(ms: int) -> pendulum.DateTime:
    """00:00 UTC of the day holding `ms` (whole seconds, so no float rounding reaches the milliseconds)."""
    return pendulum.from_timestamp((ms - ms % DAY_MS) // 1000, tz="UTC")


def _ms(moment: pendulum.DateTime) -> int:
    return moment.int_timestamp * 1000


def day_floor(ms: int) -> int:
    """00:00 UTC of the day holding `ms`."""
    return ms - ms % DAY_MS


def day_ceil(ms: int) -> int:
    """The first 00:00 UTC at or after `ms`."""
    floor = day_floor(ms)
    return floor if floor == ms else floor + DAY_MS


def add_months(ms: int, months: int) -> int:
    """The same day of month (clamped: Jan 31 + 1 month → Feb 28/29) and time of day, `months` later."""
    return _ms(_utc_day(ms).add(months=months)) + ms % DAY_MS


def month_floor(ms: int) -> int:
    """00:00 UTC on the first day of the month holding `ms`."""
    return _ms(_utc_day(ms).start_of("month"))


def month_ceil(ms: int) -> int:
    """The first month start at or after `ms`."""
    floor = month_floor(ms)
    return floor if floor == ms else add_months(floor, 1)


def utc_day(ms: int) -> str:
    """`YYYY-MM-DD` of the UTC day holding `ms`."""
    return _utc_day(ms).to_date_string()


def served_range(now_ms: int) -> tuple[int, int]:
    """[earliest start, latest end] LinkedIn accepts today: 12 months back, up to today 00:00 UTC - 2 days."""
    today = day_floor(now_ms)
    return add_months(today, -STATS_RETENTION_MONTHS), today - STATS_LAG_DAYS * DAY_MS


def split(start: int, end: int) -> tuple[Window, ...]:
    """[start, end) as few windows as LinkedIn allows, each under 14 months and ending on a bucket boundary."""
    windows = []
    while start < end:
        # `start` is a day or month boundary, so a whole number of months later is one too.
        stop = min(end, add_months(start, MAX_WINDOW_MONTHS))
        windows.append(Window(start, stop))
        start = stop
    return tuple(windows)


def plan(
    *,
    now_ms: int,
    granularity: str,
    start_date_ms: int | None,
    cursor_ms: int | None,
    lookback_days: int,
) -> WindowPlan:
    """The windows to request for one partition.

    The wanted start is `cursor - lookback` on an incremental sync (never before `start_date`), else
    `start_date`, else as far back as LinkedIn serves. It is then aligned to a bucket boundary and clamped
    to what LinkedIn serves. Only whole buckets are requested, so the cursor (the end of the newest
    record) is always the end of the last whole bucket; an empty or sub-bucket window plans no call.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"unsupported granularity {granularity!r}")
    earliest, latest = served_range(now_ms)
    wanted = start_date_ms
    if cursor_ms is not None:
        resume = cursor_ms - lookback_days * DAY_MS
        wanted = resume if start_date_ms is None else max(resume, start_date_ms)
    clamped_from = wanted if wanted is not None and wanted < earliest else None
    if granularity == DAY:
        # A day bucket holding `wanted` is read whole; `earliest` is itself 00:00 UTC.
        start = earliest if wanted is None or wanted < earliest else day_floor(wanted)
        end = latest
    else:
        # MONTH buckets are calendar months. LinkedIn clips a bucket to the window, so a window starting
        # mid-month would give a partial first "month" (e.g. 15-30 June) whose total is no month's total
        # and whose key no later sync overwrites. So start at the month holding `wanted` when LinkedIn
        # still serves its first day, else at the first month start after the 12-month limit (the
        # oldest whole month served); and end at the last month start before today - 2 days, leaving
        # the running month for a later sync (the cursor then points at it; it is read once whole).
        candidate = month_floor(earliest if wanted is None else max(wanted, earliest))
        start = candidate if candidate >= earliest else month_ceil(earliest)
        end = month_floor(latest)
    if start >= end:  # both are bucket boundaries, so a non-empty window holds at least one whole bucket
        return WindowPlan((), earliest, clamped_from)
    return WindowPlan(split(start, end), earliest, clamped_from)
