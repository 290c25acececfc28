"""Window arithmetic of the time-bound statistics streams: alignment, clamping, lookback, month buckets, leap days."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from source_linkedin_pages.streams.windows import (
    DAY,
    MONTH,
    Window,
    add_months,
    day_ceil,
    day_floor,
    month_ceil,
    month_floor,
    plan,
    served_range,
    split,
)

DAY_MS = 86_400_000


def ms(text: str) -> int:
    """'2025-06-15' or '2025-06-15T13:45' (UTC) as epoch milliseconds."""
    fmt = "%Y-%m-%dT%H:%M" if "T" in text else "%Y-%m-%d"
    return int(datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp() * 1000)


def windows_of(*pairs: tuple[str, str]) -> tuple[Window, ...]:
    return tuple(Window(ms(start), ms(end)) for start, end in pairs)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", -12, "2023-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-12-15", 1, "2025-01-15"),
        ("2025-01-15", -1, "2024-12-15"),
        ("2025-06-15T13:45", -12, "2024-06-15T13:45"),
    ],
)
def test_add_months(moment, months, expected):
    assert add_months(ms(moment), months) == ms(expected)


@pytest.mark.parametrize(
    ("function", "moment", "expected"),
    [
        (day_floor, "2025-06-15T13:45", "2025-06-15"),
        (day_floor, "2025-06-15", "2025-06-15"),
        (day_ceil, "2025-06-15T00:01", "2025-06-16"),
        (day_ceil, "2025-06-15", "2025-06-15"),
        (month_floor, "2024-02-29T23:59", "2024-02-01"),
        (month_ceil, "2024-02-29", "2024-03-01"),
        (month_ceil, "2024-12-02", "2025-01-01"),
        (month_ceil, "2024-12-01", "2024-12-01"),
    ],
)
def test_alignment(function, moment, expected):
    assert function(ms(moment)) == ms(expected)


@pytest.mark.parametrize(
    ("now", "earliest", "latest"),
    [
        ("2025-06-15T13:45", "2024-06-15", "2025-06-13"),
        ("2024-02-29T10:00", "2023-02-28", "2024-02-27"),  # leap day today: 12 months back has no Feb 29
        ("2025-03-01T00:00", "2024-03-01", "2025-02-27"),
        ("2025-02-28T23:59", "2024-02-28", "2025-02-26"),
        ("2025-01-01T08:00", "2024-01-01", "2024-12-30"),  # the lag crosses a year boundary
    ],
)
def test_served_range(now, earliest, latest):
    assert served_range(ms(now)) == (ms(earliest), ms(latest))


# (case, now, granularity, start_date, cursor, lookback, expected windows, clamped_from)
PLAN_CASES = [
    ("first sync, default start", "2025-06-15T13:45", DAY, None, None, 2, [("2024-06-15", "2025-06-13")], None),
    ("start_date too old is clamped", "2025-06-15T13:45", DAY, "2023-06-01", None, 2,
     [("2024-06-15", "2025-06-13")], "2023-06-01"),
    ("start_date mid-day reads its whole day", "2025-06-15T13:45", DAY, "2025-03-10T15:30", None, 2,
     [("2025-03-10", "2025-06-13")], None),
    ("start_date on the limit is not clamped", "2025-06-15T13:45", DAY, "2024-06-15", None, 2,
     [("2024-06-15", "2025-06-13")], None),
    ("start_date one day past the limit", "2025-06-15T13:45", DAY, "2024-06-14", None, 2,
     [("2024-06-15", "2025-06-13")], "2024-06-14"),
    ("start_date newer than the newest bucket", "2025-06-15T13:45", DAY, "2025-06-14", None, 2, [], None),
    ("start_date on the newest bucket's end", "2025-06-15T13:45", DAY, "2025-06-13", None, 2, [], None),
    ("start_date one day before it", "2025-06-15T13:45", DAY, "2025-06-12", None, 2,
     [("2025-06-12", "2025-06-13")], None),
    ("incremental re-reads the lookback days", "2025-06-15T13:45", DAY, None, "2025-06-10", 2,
     [("2025-06-08", "2025-06-13")], None),
    ("up to date, lookback 0: no call", "2025-06-15T13:45", DAY, None, "2025-06-13", 0, [], None),
    ("up to date, lookback 2: two days", "2025-06-15T13:45", DAY, None, "2025-06-13", 2,
     [("2025-06-11", "2025-06-13")], None),
    ("one whole day left", "2025-06-15T13:45", DAY, None, "2025-06-12", 0, [("2025-06-12", "2025-06-13")], None),
    ("same day, later run: still no call", "2025-06-15T23:59", DAY, None, "2025-06-13", 0, [], None),
    ("next day: exactly one new day", "2025-06-16T00:00", DAY, None, "2025-06-13", 0,
     [("2025-06-13", "2025-06-14")], None),
    ("cursor in the future", "2025-06-15T13:45", DAY, None, "2025-06-20", 2, [], None),
    ("start_date bounds the lookback", "2025-06-15T13:45", DAY, "2025-06-09", "2025-06-10", 5,
     [("2025-06-09", "2025-06-13")], None),
    ("state older than a year is clamped", "2025-06-15T13:45", DAY, None, "2024-01-01", 2,
     [("2024-06-15", "2025-06-13")], "2023-12-30"),
    ("unaligned legacy cursor reads its whole day", "2025-06-15T13:45", DAY, None, "2025-06-10T07:00", 0,
     [("2025-06-10", "2025-06-13")], None),
    ("leap day today", "2024-02-29T10:00", DAY, None, None, 2, [("2023-02-28", "2024-02-27")], None),
    ("lookback over a leap day", "2024-03-05T10:00", DAY, None, "2024-03-01", 2, [("2024-02-28", "2024-03-03")], None),
    # MONTH: whole calendar months only, from the first month start LinkedIn still serves
    ("month, default start", "2025-06-15T13:45", MONTH, None, None, 2, [("2024-07-01", "2025-06-01")], None),
    ("month, limit on a month start", "2025-06-01T05:00", MONTH, None, None, 2, [("2024-06-01", "2025-05-01")], None),
    ("month, lag crosses into last month", "2025-06-02T05:00", MONTH, None, None, 2,
     [("2024-07-01", "2025-05-01")], None),
    ("month, lag just inside the month", "2025-06-03T05:00", MONTH, None, None, 2,
     [("2024-07-01", "2025-06-01")], None),
    ("month, start_date mid-month reads its whole month", "2025-06-15T13:45", MONTH, "2025-03-15", None, 2,
     [("2025-03-01", "2025-06-01")], None),
    ("month, start_date's month partly unserved", "2025-06-15T13:45", MONTH, "2024-06-20", None, 2,
     [("2024-07-01", "2025-06-01")], None),
    ("month, start_date too old", "2025-06-15T13:45", MONTH, "2023-01-01", None, 2,
     [("2024-07-01", "2025-06-01")], "2023-01-01"),
    ("month, lookback re-reads the previous month", "2025-06-15T13:45", MONTH, None, "2025-05-01", 2,
     [("2025-04-01", "2025-06-01")], None),
    ("month, lookback 0 re-reads nothing whole", "2025-06-15T13:45", MONTH, None, "2025-05-01", 0,
     [("2025-05-01", "2025-06-01")], None),
    ("month, running month not yet whole", "2025-06-15T13:45", MONTH, None, "2025-06-01", 0, [], None),
    ("month, running month complete", "2025-07-03T00:00", MONTH, None, "2025-06-01", 0,
     [("2025-06-01", "2025-07-01")], None),
    ("month, day cursor (granularity switched)", "2025-06-15T13:45", MONTH, None, "2025-06-13", 2, [], None),
    ("month, leap February inside", "2024-03-10T00:00", MONTH, None, None, 2, [("2023-04-01", "2024-03-01")], None),
    ("month, year boundary", "2024-12-31T12:00", MONTH, None, None, 2, [("2024-01-01", "2024-12-01")], None),
]


@pytest.mark.parametrize(
    ("case", "now", "granularity", "start_date", "cursor", "lookback", "expected", "clamped_from"),
    PLAN_CASES,
    ids=[case[0] for case in PLAN_CASES],
)
def test_plan(case, now, granularity, start_date, cursor, lookback, expected, clamped_from):
    planned = plan(
        now_ms=ms(now),
        granularity=granularity,
        start_date_ms=ms(start_date) if start_date else None,
        cursor_ms=ms(cursor) if cursor else None,
        lookback_days=lookback,
    )
    assert planned.windows == windows_of(*expected)
    assert planned.clamped_from == (ms(clamped_from) if clamped_from else None)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-01-01", "2024-12-01", [("2024-01-01", "2024-12-01")]),
        ("2023-01-01", "2025-01-01", [("2023-01-01", "2024-02-01"), ("2024-02-01", "2025-01-01")]),
        ("2023-01-31", "2024-03-05", [("2023-01-31", "2024-02-29"), ("2024-02-29", "2024-03-05")]),
        ("2024-01-01", "2024-01-01", []),
    ],
)
def test_split(start, end, expected):
    assert split(ms(start), ms(end)) == windows_of(*expected)


def test_every_plan_obeys_linkedins_window_rules():
    """Random nows, cursors, start dates: every window is one LinkedIn accepts, in one call, whole buckets only."""
    rng = random.Random(20240229)
    base = ms("2023-01-01")
    for _ in range(3000):
        now = base + rng.randrange(0, 3 * 365 * DAY_MS)
        granularity = rng.choice([DAY, MONTH])
        cursor = day_floor(now - rng.randrange(0, 500 * DAY_MS)) if rng.random() < 0.6 else None
        start_date = now - rng.randrange(0, 800 * DAY_MS) if rng.random() < 0.5 else None
        lookback = rng.randrange(0, 31)
        planned = plan(now_ms=now, granularity=granularity, start_date_ms=start_date, cursor_ms=cursor,
                       lookback_days=lookback)
        earliest, latest = served_range(now)
        wanted = start_date
        if cursor is not None:
            wanted = max(cursor - lookback * DAY_MS, start_date or 0)
        assert planned.clamped_from == (wanted if wanted is not None and wanted < earliest else None)
        assert len(planned.windows) <= 1  # a year always fits one call
        bucket_floor = day_floor if granularity == DAY else month_floor
        bucket_ceil = day_ceil if granularity == DAY else month_ceil
        # The first bucket: the one holding the wanted start, or the oldest whole bucket LinkedIn still serves.
        if wanted is not None and bucket_floor(wanted) >= earliest:
            first = bucket_floor(wanted)
        else:
            first = bucket_ceil(earliest)
        newest_end = bucket_floor(latest)  # the end of the newest whole bucket
        if first < newest_end:
            assert planned.windows == (Window(first, newest_end),)
        else:
            assert planned.windows == ()
        for window in planned.windows:
            assert earliest <= window.start < window.end <= latest
            assert window.end < add_months(window.start, 14)
