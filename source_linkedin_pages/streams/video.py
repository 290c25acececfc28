"""`video_analytics`: daily video statistics of every video post, incremental on the bucket end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..api import constants
from .base import Record
from .post_registry import Plan, PostRegistryStream, RegistryView
from .posts import (
    VIDEO_VIEWS_RETENTION_MONTHS,
    born_at,
    day_floor,
    is_video,
    lookback_ms,
    now_ms,
    retention_start,
    start_date_ms,
)

STATISTICS_TYPES = ("VIDEO_VIEW", "VIEWER", "TIME_WATCHED", "TIME_WATCHED_FOR_VIDEO_VIEWS")
# LinkedIn serves these two only for videos younger than six months (older ones answer 400).
RECENT_ONLY_TYPES = frozenset({"VIDEO_VIEW", "VIEWER"})


class VideoAnalytics(PostRegistryStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/video-analytics-api

    Aggregation DAY with a timeRange: one call per video and statistic type returns every daily
    bucket of the window (as many calls as aggregation ALL), gives a history users can chart, and
    makes the `timeRangeEnd` cursor meaningful: a sync asks only for the days since the cursor.
    The registry in the state remembers each video's publication time, so old videos are found
    without listing every post again.
    """

    name = "video_analytics"
    primary_key = ["entity", "statisticsType", "timeRangeStart"]
    cursor_field = "timeRangeEnd"

    def plan(self, organization: str, view: RegistryView, cursor: Any | None) -> Plan:
        videos = {urn: self._published(value) for urn, value in view.known.items()}
        videos.update({urn: born_at(post) for urn, post in view.listed.items() if is_video(post)})
        now = now_ms()
        today = day_floor(now)  # complete days only
        # One day of margin so a video on the six-month boundary is not asked for VIDEO_VIEW / VIEWER.
        recent_from = retention_start(now, VIDEO_VIEWS_RETENTION_MONTHS) + constants.DAY_MS
        floor = start_date_ms(self.ctx)
        # Every followed video costs 2-4 calls per sync; past this age its history is kept, not re-read.
        followed_from = now - self.ctx.config.video_analytics_max_age_days * constants.DAY_MS
        registry: dict[str, str] = {}
        work: list[dict[str, Any]] = []
        too_old = not_followed = 0
        for urn, born in videos.items():
            if born < followed_from:
                not_followed += 1  # and forgotten: the state keeps only the videos still followed
                continue
            registry[urn] = str(born)
            start = day_floor(born)
            if cursor is not None and (not view.incremental or urn in view.known):
                start = max(start, day_floor(int(cursor) - lookback_ms(self.ctx)))
            if floor is not None:
                start = max(start, day_floor(floor))
            if start >= today:
                continue
            types = [kind for kind in STATISTICS_TYPES if born >= recent_from or kind not in RECENT_ONLY_TYPES]
            too_old += len(STATISTICS_TYPES) - len(types)
            work.append({"post": urn, "types": types, "start": start, "end": today})
        if not_followed:
            self.logger.info(
                f"{self.name}: {organization}: {not_followed} video(s) older than video_analytics_max_age_days "
                f"({self.ctx.config.video_analytics_max_age_days}) not re-read."
            )
        if too_old:
            self.logger.info(
                f"{self.name}: {organization}: {too_old} VIDEO_VIEW/VIEWER series not asked for: LinkedIn keeps them "
                "for videos younger than six months only."
            )
        return Plan(work, registry)

    def read_item(self, organization: str, item: Mapping[str, Any]) -> Iterable[Record]:
        for kind in item["types"]:
            yield from self._statistics(organization, item["post"], kind, item["start"], item["end"])

    def _published(self, value: str) -> int:
        if not value.isdigit():
            raise self._bad_state(f"a video's publication time must be epoch milliseconds, got {value!r}")
        return int(value)

    def _statistics(self, organization: str, urn: str, kind: str, start: int, end: int) -> Iterator[Record]:
        params = {
            "q": "entity",
            "entity": urn,
            "type": kind,
            "aggregation": "DAY",
            "timeRange": {"start": start, "end": end},
        }
        if kind not in RECENT_ONLY_TYPES:
            status, body = 200, self.client.get("videoAnalytics", params)
        else:
            status, body = self.client.get_or_status("videoAnalytics", params, frozenset({400}))
        if status == 400:
            # LinkedIn does not serve this series for this video (six-month limit): a warning, never a failure.
            self.logger.warning(
                f"{self.name}: LinkedIn refused {kind} for {urn} ({str(body.get('message', ''))[:200]}); skipped."
            )
            return
        for element in body.get("elements") or []:
            time_range = element.get("timeRange") or {}
            yield {
                **element,
                "entity": element.get("entity", urn),
                "statisticsType": element.get("statisticsType", kind),
                "organization": organization,
                "timeRangeStart": time_range.get("start"),
                "timeRangeEnd": time_range.get("end"),
            }
