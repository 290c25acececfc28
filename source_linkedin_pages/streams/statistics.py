"""Statistics streams: follower, share and page statistics, lifetime and time-bound (incremental), per organization."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import clock
from ..caches.lifetime import ENTITY_PARAM, FOLLOWERS, PAGES, SHARES, LifetimeStatistics
from ..organizations import Organization
from ..state import PartOutcome
from . import windows
from .base import Data, LinkedInStream, Plan

FOLLOWER_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics"
SHARE_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics"
PAGE_DOCS = "https://learn.microsoft.com/linkedin/marketing/community-management/organizations/page-statistics"
def statistics_record(element: Mapping[str, Any], entity_field: str, organization: str) -> dict[str, Any]:
    """LinkedIn's element, its organization field guaranteed, plus flat `timeRangeStart`/`timeRangeEnd` if bucketed."""
    record: dict[str, Any] = {entity_field: organization, **element}
    time_range = element.get("timeRange")
    if isinstance(time_range, Mapping):
        record["timeRangeStart"] = time_range.get("start")
        record["timeRangeEnd"] = time_range.get("end")
    return record


class Lifetime(LinkedInStream):
    """Lifetime statistics: one finder call per organization, one record per element."""

    resource: str

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        entity = ENTITY_PARAM[self.resource]
        for element in LifetimeStatistics.of(self.ctx).elements(self.resource, org.urn):
            yield statistics_record(element, entity, org.urn)


class TimeBound(LinkedInStream):
    """Time-bound statistics: one record per DAY or MONTH bucket, incremental on `timeRangeEnd` per organization.

    The windows come from `windows.plan`: one call per organization covers the whole year LinkedIn serves. The
    cursor moves to the end of the window read, since LinkedIn may leave out trailing buckets without data.
    """

    resource: str
    cursor_field = "timeRangeEnd"
    # The official connector saved `{"timeRangeEnd": ms}` (or a string of digits) for its single organization.
    legacy_state_keys = ("timeRangeEnd",)

    @classmethod
    def entity(cls) -> str:
        return ENTITY_PARAM[cls.resource]

    def plan(self, org: Organization) -> Plan:
        config = self.ctx.config
        # "Now" per organization, right before its call: LinkedIn judges the window by the request's day.
        planned = windows.plan(
            now_ms=clock.now_ms(),
            granularity=config.time_granularity_type,
            start_date_ms=config.start_date_ms,
            cursor_ms=self.saved_cursor(org),
            lookback_days=config.lookback_window_days,
        )
        if planned.clamped_from is not None:
            self._warn_clamped(planned, org)
        closing = planned.windows[-1].end if planned.windows else None
        return Plan(org, [planned.windows], self.cursor_fold(org, closing) if self.incremental else None)

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        entity, granularity = self.entity(), self.ctx.config.time_granularity_type
        for window in unit:
            params = {
                "q": entity,
                entity: org.urn,
                "timeIntervals": {"timeRange": {"start": window.start, "end": window.end},
                                  "timeGranularityType": granularity},
            }
            # Time-bound answers are not paged: one year, one answer.
            for element in self.client.elements(self.resource, params, organization=org.urn):
                yield statistics_record(element, entity, org.urn)

    def _warn_clamped(self, planned: windows.WindowPlan, org: Organization) -> None:
        """One warning per sync and cause (not per stream or organization): the 12-month limit is the same for all."""
        served = windows.utc_day(planned.windows[0].start if planned.windows else planned.earliest)
        wanted = windows.utc_day(planned.clamped_from or 0)
        key = "stats_state_clamped" if self.saved_cursor(org) is not None else "stats_start_date_clamped"
        self.ctx.warn_once(key, stream=self.name, organization=org.label, wanted=wanted, served=served)


class FollowerStatistics(Lifetime):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics"""

    name = "follower_statistics"
    primary_key = ("organizationalEntity",)
    resource = FOLLOWERS


class ShareStatistics(Lifetime):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics"""

    name = "share_statistics"
    primary_key = ("organizationalEntity",)
    resource = SHARES


class PageStatistics(Lifetime):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/page-statistics"""

    name = "page_statistics"
    primary_key = ("organization",)
    resource = PAGES


class FollowerStatisticsTimeBound(TimeBound):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics"""

    name = "follower_statistics_time_bound"
    primary_key = ("organizationalEntity", "timeRangeStart")
    resource = FOLLOWERS


class ShareStatisticsTimeBound(TimeBound):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics"""

    name = "share_statistics_time_bound"
    primary_key = ("organizationalEntity", "timeRangeStart")
    resource = SHARES


class PageStatisticsTimeBound(TimeBound):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/page-statistics"""

    name = "page_statistics_time_bound"
    primary_key = ("organization", "timeRangeStart")
    resource = PAGES
