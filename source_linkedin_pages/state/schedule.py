"""The refresh schedule of per-post statistics and video analytics: recent posts every sync, older ones in turn.

Every post is refreshed at least every `interval` days (while syncs run at least that often): a post younger
than `interval` days on every sync; an older one on the day of its slot (a stable hash of its URN modulo
`interval`, so the older posts spread evenly over the days), and on any sync once its last refresh is
`interval` days old or more (a missed slot is caught up on the next sync).
"""

from __future__ import annotations

import zlib

from ..api.constants import DAY_MS


def day_number(ms: int) -> int:
    """Days since the epoch of the UTC day holding `ms`."""
    return ms // DAY_MS


def slot(urn: str, interval: int) -> int:
    """A stable slot for the post (crc32 is the same in every process, unlike hash())."""
    return zlib.crc32(urn.encode()) % interval


def is_due(urn: str, *, born_ms: int, last_day: int | None, today: int, interval: int) -> bool:
    """Whether the post is refreshed in a sync running on day `today` (day numbers)."""
    if last_day is None or interval <= 1:
        return True
    if today - day_number(born_ms) < interval or today - last_day >= interval:
        return True
    return last_day < today and today % interval == slot(urn, interval)
