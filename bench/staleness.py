"""Staleness of each stream across consecutive syncs: what the destination holds that a sync did not refresh."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from settings import DAY_MS

# The definitions the report quotes.
DEFINITIONS = [
    "entity streams (one value per organization, post or video, overwritten when read again: organization_lookup, "
    "follower_statistics, share_statistics, page_statistics, total_follower_count, post_statistics, "
    "post_engagement, video_analytics): an entity is *refreshed* by a sync that emits a record for it. After sync "
    "k, the stream's staleness is the largest `t_k - t_last(E)` over its entities E, where t_k is LinkedIn's (the "
    "emulator's) clock when sync k started and t_last(E) the start of the latest sync that emitted E: how old the "
    "newest value of the least recently refreshed entity can be. `touched posts missed`: new posts and old posts "
    "with new comments or reactions that the sync did not emit; `never read`: posts or videos LinkedIn has that "
    "no sync so far emitted.",
    "change streams (posts, comments, reactions; incremental, records re-emitted only when they change): staleness "
    "is what sync k did not deliver of the changes made before it (new and edited posts, new comments and "
    "reactions, from the emulator's activity answer): the count missed.",
    "time series (*_time_bound): the newest bucket delivered so far, as days before the sync day (LinkedIn serves "
    "buckets up to 00:00 UTC two days ago, so 2 is as fresh as possible).",
]
ENTITY_KEYS: dict[str, Callable[[dict[str, Any]], str]] = {
    "organization_lookup": lambda r: str(r.get("id")),
    "follower_statistics": lambda r: str(r.get("organizationalEntity")),
    "share_statistics": lambda r: str(r.get("organizationalEntity")),
    "page_statistics": lambda r: str(r.get("organization")),
    "total_follower_count": lambda r: str(r.get("organizationalEntity")),
    "post_statistics": lambda r: str(r.get("post")),
    "post_engagement": lambda r: str(r.get("entity")),
    "video_analytics": lambda r: str(r.get("entity")),
}
CHANGE_KEYS: dict[str, Callable[[dict[str, Any]], str]] = {
    "posts": lambda r: str(r.get("id")),
    "comments": lambda r: str(r.get("commentUrn")),
    "reactions": lambda r: str(r.get("id")),
}
SERIES = ("follower_statistics_time_bound", "share_statistics_time_bound", "page_statistics_time_bound")
STREAMS = [*ENTITY_KEYS, *CHANGE_KEYS, *SERIES]


@dataclass
class StreamStaleness:
    """One stream after the last sync of a series."""

    stream: str
    kind: str
    entities: int = 0  # entity streams: entities ever emitted
    refreshed: int = 0  # ... of which the last sync emitted
    oldest_age_h: float = 0.0  # entity streams: largest t_k - t_last(E), hours
    changes: int = 0  # change streams (and post streams for touched posts): changes made before the last sync
    missed: int = 0  # ... that the last sync did not deliver
    newest_bucket_days: float | None = None  # time series: newest bucket end, days before the sync day
    never: int = 0  # entity streams: posts or videos LinkedIn has that no sync so far emitted


@dataclass
class Tracker:
    """Last refresh time of every entity, and what each sync delivered."""

    last_refresh: dict[str, dict[str, int]] = field(default_factory=lambda: {s: {} for s in ENTITY_KEYS})
    newest_bucket: dict[str, int] = field(default_factory=dict)

    def observe(self, stream: str, records: list[dict[str, Any]], clock_ms: int) -> set[str]:
        """Note one sync's records of one stream; returns the keys it emitted."""
        if stream in SERIES:
            ends = [int(r["timeRangeEnd"]) for r in records if r.get("timeRangeEnd") is not None]
            self.newest_bucket[stream] = max([self.newest_bucket.get(stream, 0), *ends])
            return set()
        key = (ENTITY_KEYS | CHANGE_KEYS)[stream]
        keys = {key(r) for r in records}
        if stream in ENTITY_KEYS:
            self.last_refresh[stream].update(dict.fromkeys(keys, clock_ms))
        return keys

    def judge(
        self, stream: str, emitted: set[str], expected: set[str], clock_ms: int, universe: set[str] | None = None
    ) -> StreamStaleness:
        if stream in SERIES:
            newest = self.newest_bucket.get(stream)
            days = (clock_ms - clock_ms % DAY_MS - newest) / DAY_MS if newest else None
            return StreamStaleness(stream, "time series", newest_bucket_days=days)
        missed = len(expected - emitted)
        if stream in CHANGE_KEYS:
            return StreamStaleness(stream, "changes", changes=len(expected), missed=missed)
        seen = self.last_refresh[stream]
        oldest = max((clock_ms - t for t in seen.values()), default=0)
        refreshed = sum(1 for t in seen.values() if t == clock_ms)
        never = len(universe - seen.keys()) if universe is not None else 0
        return StreamStaleness(
            stream, "entity", len(seen), refreshed, oldest / 3_600_000, len(expected), missed, never=never
        )


def universes(truth: dict[str, Any]) -> dict[str, set[str]]:
    """What LinkedIn (the emulator's ground truth) has for the per-post entity streams."""
    posts = {urn for urns in truth["posts"].values() for urn in urns}
    return {"post_statistics": posts, "post_engagement": posts, "video_analytics": set(truth["video_posts"])}


def expected_changes(activity: list[dict[str, Any]], touched: list[str]) -> dict[str, set[str]]:
    """Per stream, the keys a sync after this activity must emit to be up to date."""
    new_posts = {urn for answer in activity for urn in answer.get("posts", [])}
    edited = {urn for answer in activity for urn in answer.get("edited", [])}
    comments = {c for answer in activity for urns in answer.get("comments", {}).values() for c in urns}
    reactions = {r for answer in activity for ids in answer.get("reactions", {}).values() for r in ids}
    engaged = new_posts | set(touched)
    return {
        "posts": new_posts | edited,
        "comments": comments,
        "reactions": reactions,
        "post_statistics": engaged,
        "post_engagement": engaged,
    }
