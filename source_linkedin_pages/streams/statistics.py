"""Statistics streams: follower, share and page statistics, lifetime and time-bound (incremental), per organization."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..api.client import LinkedInClient
from ..api.errors import message
from ..context import SyncContext
from . import windows
from .base import IncrementalLinkedInStream, LinkedInStream, Partition, Record

FOLLOWER_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics"
SHARE_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics"
PAGE_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/page-statistics"


def statistics_record(element: Mapping[str, Any], entity_field: str, organization: str) -> Record:
    """LinkedIn's element, its organization field guaranteed, plus flat `timeRangeStart`/`timeRangeEnd` if bucketed."""
    record: dict[str, Any] = {entity_field: organization, **element}
    time_range = element.get("timeRange")
    if isinstance(time_range, Mapping):
        record["timeRangeStart"] = time_range.get("start")
        record["timeRangeEnd"] = time_range.get("end")
    return record


def _day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d")


def read_statistics(
    client: LinkedInClient,
    resource: str,
    entity_param: str,
    organization: str,
    time_intervals: Mapping[str, Any] | None = None,
) -> Iterable[Record]:
    """One finder call `?q=<entity_param>&<entity_param>=<organization>[&timeIntervals=…]`, as records."""
    params = {"q": entity_param, entity_param: organization, "timeIntervals": time_intervals}
    for element in client.elements(resource, params):  # time-bound answers are not paged: one year, one answer
        yield statistics_record(element, entity_param, organization)


class StatisticsDeclaration:
    """What a statistics stream declares: the LinkedIn resource and its organization parameter."""

    resource: str
    entity_param: str  # LinkedIn's finder parameter naming the organization; also the record's organization field


class LifetimeStatistics(StatisticsDeclaration, LinkedInStream):
    """Lifetime statistics: one finder call per organization, one record per element."""

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        yield from read_statistics(self.client, self.resource, self.entity_param, partition["organization"])


class TimeBoundStatistics(StatisticsDeclaration, IncrementalLinkedInStream):
    """Time-bound statistics: one record per DAY or MONTH bucket, incremental on `timeRangeEnd` per organization.

    The windows come from `windows.plan`: one call per organization covers the whole year LinkedIn serves.
    """

    cursor_field = "timeRangeEnd"
    # The official connector saved `{"timeRangeEnd": ms}` for its single organization.
    legacy_state_keys = ("timeRangeEnd",)

    def __init__(self, ctx: SyncContext) -> None:
        super().__init__(ctx)
        # Per organization: the end of the last whole bucket requested in this sync.
        self._read_until: dict[str, int] = {}
        self._read_until_lock = threading.Lock()

    @property
    def primary_key(self) -> list[str]:
        return [self.entity_param, "timeRangeStart"]

    def closing_cursor(self, partition: Partition, newest: Any | None) -> Any | None:
        """The end of the window read: LinkedIn may leave out trailing buckets without data, read all the same."""
        with self._read_until_lock:
            read_until = self._read_until.pop(str(partition[self.partition_field]), None)
        candidates = [value for value in (newest, read_until) if value is not None]
        return max(candidates) if candidates else None

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        organization = partition["organization"]
        config = self.ctx.config
        granularity = config.time_granularity_type
        # "Now" per partition, right before its call: LinkedIn judges the window by the request's day.
        now_ms = int(datetime.now(UTC).timestamp() * 1000)
        start_date_ms = int(config.start_date.timestamp() * 1000) if config.start_date else None
        planned = windows.plan(
            now_ms=now_ms,
            granularity=granularity,
            start_date_ms=start_date_ms,
            cursor_ms=cursor,
            lookback_days=config.lookback_window_days,
        )
        if planned.clamped_from is not None:
            self._warn_clamped(planned, organization, cursor is not None)
        for window in planned.windows:
            time_intervals = {
                "timeRange": {"start": window.start, "end": window.end},
                "timeGranularityType": granularity,
            }
            yield from read_statistics(self.client, self.resource, self.entity_param, organization, time_intervals)
        if planned.windows:
            with self._read_until_lock:
                self._read_until[organization] = planned.windows[-1].end

    def _warn_clamped(self, planned: windows.Plan, organization: str, from_state: bool) -> None:
        """One warning per sync and cause (not per stream or organization): the 12-month limit is the same for all."""
        served = _day(planned.windows[0].start if planned.windows else planned.earliest)
        wanted = _day(planned.clamped_from or 0)
        key = "stats_state_clamped" if from_state else "stats_start_date_clamped"
        self.ctx.warn_once(key, message(key, stream=self.name, organization=organization, wanted=wanted, served=served))


class FollowerStatistics(LifetimeStatistics):
    name = "follower_statistics"
    docs_url = FOLLOWER_DOCS
    primary_key = "organizationalEntity"
    resource = "organizationalEntityFollowerStatistics"
    entity_param = "organizationalEntity"


class ShareStatistics(LifetimeStatistics):
    name = "share_statistics"
    docs_url = SHARE_DOCS
    primary_key = "organizationalEntity"
    resource = "organizationalEntityShareStatistics"
    entity_param = "organizationalEntity"


class PageStatistics(LifetimeStatistics):
    name = "page_statistics"
    docs_url = PAGE_DOCS
    primary_key = "organization"
    resource = "organizationPageStatistics"
    entity_param = "organization"


class FollowerStatisticsTimeBound(TimeBoundStatistics):
    name = "follower_statistics_time_bound"
    docs_url = FOLLOWER_DOCS
    resource = FollowerStatistics.resource
    entity_param = FollowerStatistics.entity_param


class ShareStatisticsTimeBound(TimeBoundStatistics):
    name = "share_statistics_time_bound"
    docs_url = SHARE_DOCS
    resource = ShareStatistics.resource
    entity_param = ShareStatistics.entity_param


class PageStatisticsTimeBound(TimeBoundStatistics):
    name = "page_statistics_time_bound"
    docs_url = PAGE_DOCS
    resource = PageStatistics.resource
    entity_param = PageStatistics.entity_param
