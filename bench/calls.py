"""Request-log accounting: which stream a call served, calls per endpoint, spans and concurrency in time."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

# Calls several streams share: `posts` pages are listed once per sync for every post stream;
# socialMetadata answers are shared by post_engagement, comments and reactions.
SHARED_CALL_NOTES = {
    "posts": "posts finder pages, shared by posts, post_statistics, post_engagement, comments, reactions, "
    "video_analytics",
    "post_engagement": "socialMetadata batches, shared by post_engagement, comments and reactions",
}
_BY_RESOURCE = {
    "organizationAcls": "(organization discovery)",
    "networkSizes": "total_follower_count",
    "socialMetadata": "post_engagement",
    "socialActions": "post_engagement",
    "videoAnalytics": "video_analytics",
}


def is_time_bound(entry: dict[str, Any]) -> bool:
    """A statistics call with a window (from the raw query too: a call refused early has no parsed params)."""
    return "timeIntervals" in str(entry.get("query") or "") or any(
        str(key).startswith("timeIntervals") for key in (entry.get("params") or {})
    )


def call_stream(entry: dict[str, Any]) -> str:
    """The stream a logged /rest or /oauth call served (see SHARED_CALL_NOTES for calls several streams use)."""
    resource = entry.get("resource") or ""
    params = entry.get("params") or {}
    suffix = "_time_bound" if is_time_bound(entry) else ""
    if str(entry.get("path", "")).startswith("/oauth"):
        return "(oauth)"
    if resource == "organizations":
        one = entry.get("restli_method") == "GET" or str(entry.get("path", "")).startswith("/rest/organizations/")
        return "organization_lookup" if one else "(organization resolution)"
    if resource == "organizationalEntityFollowerStatistics":
        return "follower_statistics" + suffix
    if resource == "organizationalEntityShareStatistics":
        query = str(entry.get("query") or "")
        per_post = any(key in params or f"{key}=" in query for key in ("shares", "ugcPosts"))
        return "post_statistics" if per_post else "share_statistics" + suffix
    if resource == "organizationPageStatistics":
        return "page_statistics" + suffix
    return _BY_RESOURCE.get(resource, resource or "(unknown)")


def endpoint_of(entry: dict[str, Any]) -> str:
    """The request log's `resource`, with time-bound statistics calls told apart from lifetime ones."""
    resource = entry.get("resource") or "(none)"
    return f"{resource} (timeIntervals)" if is_time_bound(entry) else resource


def by_endpoint(entries: list[dict[str, Any]]) -> Counter:
    return Counter(endpoint_of(entry) for entry in entries)


@dataclass
class Span:
    """First and last call of a stream in a sync, from the emulator's arrival times (epoch ms)."""

    first_ms: int
    last_ms: int
    calls: int

    def seconds(self, latency_ms: int) -> float:
        return (self.last_ms - self.first_ms + latency_ms) / 1000


def stream_spans(entries: list[dict[str, Any]]) -> dict[str, Span]:
    times: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        times[call_stream(entry)].append(int(entry["ts"]))
    return {name: Span(min(ts), max(ts), len(ts)) for name, ts in times.items()}


@dataclass
class Busy:
    """How many calls were in flight over a sync, each call counted as [arrival, arrival + latency)."""

    span_s: float  # first arrival -> last arrival + latency
    busy_s: float  # call-seconds: calls x latency
    tail_s: float  # the final stretch with fewer than half the workers busy
    peak: int  # the most calls in flight at once


def busy_profile(entries: list[dict[str, Any]], latency_ms: int, workers: int) -> Busy | None:
    """In-flight calls over time from arrival stamps; only meaningful when latency dominates a call."""
    if not entries or latency_ms <= 0:
        return None
    events = sorted([(int(e["ts"]), 1) for e in entries] + [(int(e["ts"]) + latency_ms, -1) for e in entries])
    level = peak = 0
    low_since: int | None = None
    for ts, step in events:
        level += step
        peak = max(peak, level)
        if level * 2 < workers and low_since is None:
            low_since = ts
        elif level * 2 >= workers:
            low_since = None
    start, end = events[0][0], events[-1][0]
    tail = (end - low_since) / 1000 if low_since is not None else 0.0
    return Busy((end - start) / 1000, len(entries) * latency_ms / 1000, tail, peak)
