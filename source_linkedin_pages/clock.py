"""The connector's calendar clock: the one place that reads the date and time (tests shift it to play days).

Durations (retries, deadlines, throttling of state messages) use `time.monotonic` where they are measured, and
token lives use the wall clock LinkedIn counts them in; everything that depends on *which day it is* — windows,
the refresh schedule, snapshot dates, the age of posts — reads `now_ms` here.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

_offset_ms = 0


def now_ms() -> int:
    """Epoch milliseconds, now."""
    return int(time.time() * 1000) + _offset_ms


def now() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.fromtimestamp(now_ms() / 1000, tz=UTC)


def shift(offset_ms: int) -> None:
    """Move the clock by `offset_ms` from the wall clock (tests that play several days)."""
    global _offset_ms
    _offset_ms = offset_ms
