"""UTC day/month arithmetic in epoch milliseconds (statistics buckets are aligned to 00:00 UTC)."""
from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime

DAY_MS = 86_400_000


def now_ms() -> int:
    return int(time.time() * 1000)


def day_floor(ms: int) -> int:
    return ms - ms % DAY_MS


def _to_dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms // 1000, tz=UTC)


def _from_parts(year: int, month: int, day: int, rest_ms: int) -> int:
    return calendar.timegm((year, month, day, 0, 0, 0)) * 1000 + rest_ms


def add_months(ms: int, months: int) -> int:
    """Same day-of-month (clamped) and time of day, `months` calendar months later/earlier."""
    dt = _to_dt(ms)
    y, m = divmod(dt.month - 1 + months, 12)
    year, month = dt.year + y, m + 1
    day = min(dt.day, calendar.monthrange(year, month)[1])
    return _from_parts(year, month, day, ms - day_floor(ms))


def month_start(ms: int) -> int:
    dt = _to_dt(ms)
    return _from_parts(dt.year, dt.month, 1, 0)


def next_month_start(ms: int) -> int:
    return add_months(month_start(ms), 1)


def yyyymm(ms: int) -> str:
    dt = _to_dt(ms)
    return f"{dt.year:04d}{dt.month:02d}"


def default_versions(at_ms: int) -> list[str]:
    """The 12 monthly versions ending with the month of `at_ms`."""
    first = month_start(at_ms)
    return [yyyymm(add_months(first, -k)) for k in range(11, -1, -1)]
