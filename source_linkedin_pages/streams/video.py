"""`video_analytics`: daily video statistics of every followed video post, incremental on the bucket end.

Aggregation DAY with a timeRange: one call per video and statistic type returns every daily bucket of the
window (as many calls as aggregation ALL), gives a history users can chart, and lets a sync ask only for the
days since the video was last read. The registry keeps every video: `<publication ms>:<day read up to, ms>`,
or `<publication ms>:` for a video never read yet. Videos younger than `video_analytics_max_age_days` are followed
(2-4 calls each per refresh), on the refresh schedule (state.schedule); raising the age limit brings older
videos back from the registry, read from where they stopped (or from publication).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..api import constants
from ..api.errors import NotFoundError, message
from ..caches.posts import VIDEO_VIEWS_RETENTION_MONTHS, born_at, is_video, now_ms, retention_start
from ..organizations import Organization
from ..state import PartOutcome
from ..state.schedule import day_number, is_due
from .base import Data
from .per_post import Decision, PerPostStream, Registry
from .windows import day_floor

STATISTICS_TYPES = ("VIDEO_VIEW", "VIEWER", "TIME_WATCHED", "TIME_WATCHED_FOR_VIDEO_VIEWS")
# LinkedIn serves these two only for videos younger than six months (older ones answer 400).
RECENT_ONLY_TYPES = frozenset({"VIDEO_VIEW", "VIEWER"})


def parse_video(value: str, default: int | None) -> tuple[int, int | None]:
    """Registry value → (publication ms, day read up to ms, or None when never read); ValueError when malformed.

    `<ms>:` was never read (a video older than the age limit so far); `<ms>` alone, as states written before the
    per-video day existed, was read up to the organization's cursor, `default`.
    """
    born, separator, read_to = value.partition(":")
    if not born.isdigit() or (read_to and not read_to.isdigit()):
        raise ValueError(f"a video's registry value must be '<ms>', '<ms>:' or '<ms>:<ms>', got {value!r}")
    if read_to:
        return int(born), int(read_to)
    return int(born), None if separator else default


class VideoAnalytics(PerPostStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/video-analytics-api"""

    name = "video_analytics"
    primary_key = ("entity", "statisticsType", "timeRangeStart")
    cursor_field = "timeRangeEnd"

    @classmethod
    def check_registry(cls, posts: Mapping[str, str]) -> None:
        for value in posts.values():
            parse_video(value, None)

    def decide(self, org: Organization, registry: Registry | None, listed: dict[str, dict[str, Any]]) -> Decision:
        config = self.ctx.config
        default = registry.cursor if registry is not None else self.saved_cursor(org)
        videos: dict[str, tuple[int, int | None]] = {}
        for urn, value in (registry.posts if registry is not None else {}).items():
            videos[urn] = parse_video(value, default or None)
        for urn, post in listed.items():
            if is_video(post) and urn not in videos:
                # A cursor without registry (an older state) counts as read up to that cursor.
                videos[urn] = (born_at(post), default if registry is None else None)
        now = now_ms()
        today = day_floor(now)  # complete days only
        # One day of margin so a video on the six-month boundary is not asked for VIDEO_VIEW / VIEWER.
        recent_from = retention_start(now, VIDEO_VIEWS_RETENTION_MONTHS) + constants.DAY_MS
        followed_from = now - config.video_analytics_max_age_days * constants.DAY_MS
        decision, not_followed = Decision(), 0
        for urn, (born, read_to) in videos.items():
            decision.base[urn] = f"{born}:{read_to or ''}"
            if born < followed_from:
                not_followed += 1
                continue
            last_day = day_number(read_to) if read_to else None  # the day of the sync that read it
            if self.incremental and not is_due(urn, born_ms=born, last_day=last_day, today=day_number(now),
                                               interval=config.refresh_interval_days):
                continue
            start = day_floor(born)
            if read_to is not None:
                start = max(start, day_floor(read_to - config.lookback_ms))
            if config.start_date_ms is not None:
                start = max(start, day_floor(config.start_date_ms))
            if start >= today:
                continue
            types = [kind for kind in STATISTICS_TYPES if born >= recent_from or kind not in RECENT_ONLY_TYPES]
            decision.work.append({"post": urn, "types": types, "start": start, "end": today,
                                  "done": f"{born}:{today}"})
        if not_followed:
            self.logger.info(message("videos_not_followed", stream=self.name, organization=org.label,
                                     count=not_followed, days=config.video_analytics_max_age_days))
        return decision

    def read_item(self, org: Organization, item: Mapping[str, Any], outcome: PartOutcome) -> Iterable[Data]:
        for kind in item["types"]:
            yield from self._statistics(org, item["post"], kind, item["start"], item["end"])
        outcome.done[item["post"]] = item["done"]

    def _statistics(self, org: Organization, urn: str, kind: str, start: int, end: int) -> Iterator[Data]:
        params = {"q": "entity", "entity": urn, "type": kind, "aggregation": "DAY",
                  "timeRange": {"start": start, "end": end}}
        answer = frozenset({400}) if kind in RECENT_ONLY_TYPES else frozenset()
        status, body = self.client.call("videoAnalytics", params, organization=org.urn, answer=answer)
        if status == 404:
            raise NotFoundError("videoAnalytics")
        if status == 400:
            # LinkedIn does not serve this series for this video (six-month limit): a warning, never a failure.
            self.logger.warning(message("video_series_refused", stream=self.name, kind=kind, post=urn,
                                        detail=str(body.get("message", ""))[:200]))
            return
        organization = org.urn  # once per answer: tens of records each
        for element in body.get("elements") or []:
            time_range = element.get("timeRange") or {}
            yield {**element, "entity": element.get("entity", urn),
                   "statisticsType": element.get("statisticsType", kind), "organization": organization,
                   "timeRangeStart": time_range.get("start"), "timeRangeEnd": time_range.get("end")}
