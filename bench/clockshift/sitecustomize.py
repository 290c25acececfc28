"""Imported at start-up from PYTHONPATH: runs this process's wall clock BENCH_CLOCK_OFFSET_MS ahead."""

# The benchmark's next-day syncs run "tomorrow" today: the emulator's clock is advanced through
# POST /_emulator/clock and the connector process gets the same offset here, so both agree on
# "now" (time.time, time.time_ns, date.today, datetime.now/utcnow/today). Monotonic clocks are
# left alone. Without the variable (or with 0) nothing is changed.

from __future__ import annotations

import datetime as _datetime
import os
import time as _time

_OFFSET_NS = int(os.environ.get("BENCH_CLOCK_OFFSET_MS", "0") or 0) * 1_000_000


def _install(offset_ns: int) -> None:
    real_time, real_time_ns = _time.time, _time.time_ns

    def shifted_time() -> float:
        return real_time() + offset_ns / 1e9

    def shifted_time_ns() -> int:
        return real_time_ns() + offset_ns

    class ShiftedDatetime(_datetime.datetime):
        @classmethod
        def now(cls, tz: _datetime.tzinfo | None = None) -> ShiftedDatetime:
            return cls.fromtimestamp(shifted_time(), tz)

        @classmethod
        def utcnow(cls) -> ShiftedDatetime:
            return cls.fromtimestamp(shifted_time(), _datetime.UTC).replace(tzinfo=None)

    ShiftedDatetime.__name__ = ShiftedDatetime.__qualname__ = "datetime"
    ShiftedDatetime.__module__ = "datetime"
    _time.time, _time.time_ns = shifted_time, shifted_time_ns  # date.today() reads time.time()
    _datetime.datetime = ShiftedDatetime


if _OFFSET_NS:
    _install(_OFFSET_NS)
