"""Demographic streams: the lifetime follower and page-view facets as daily snapshots, one row per facet value."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar

from ..api.constants import FOLLOWER_COUNT_COLUMNS, PAGE_VIEW_COLUMNS
from ..caches.lifetime import FOLLOWERS, PAGES, LifetimeStatistics
from ..caches.names import FACETS, Names, facet_items
from ..organizations import Organization
from ..state import PartOutcome
from ..state.stream_state import ValueCheck, utc_day
from . import windows
from .base import Data, LinkedInStream, Plan

Counts = dict[str, int | None]


def count(value: Any) -> int | None:
    """A count as an integer (LinkedIn sends whole numbers); None when LinkedIn sent none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def follower_counts(item: Mapping[str, Any]) -> Counts:
    """`followerCounts` of a follower facet item, flat."""
    counts = _mapping(item.get("followerCounts"))
    return {column: count(counts.get(column)) for column in FOLLOWER_COUNT_COLUMNS}


def page_view_counts(item: Mapping[str, Any]) -> Counts:
    """`pageStatistics.views.<key>.pageViews` of a page facet item, flat: all, desktop, mobile, and each section."""
    views = _mapping(_mapping(item.get("pageStatistics")).get("views"))
    return {column: count(_mapping(views.get(column)).get("pageViews")) for column in PAGE_VIEW_COLUMNS}


COUNTS: dict[str, Callable[[Mapping[str, Any]], Counts]] = {FOLLOWERS: follower_counts, PAGES: page_view_counts}


def demographic_rows(resource: str, element: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """`facet`, `value` and the flat counts of every facet value of one lifetime element."""
    counts = COUNTS[resource]
    for facet in FACETS[resource]:
        for value, item in facet_items(element, facet):
            yield {"facet": facet.name, "value": value, **counts(item)}


class Demographics(LinkedInStream):
    """Today's snapshot of an organization's lifetime facets (the answer the nested statistics stream reads too).

    Incremental on `snapshotDate`, the UTC day of the sync: each day appends a snapshot; a second sync on the same
    day emits the same keys again, so a destination replaces them. LinkedIn keeps no history of these numbers.
    """

    resource: ClassVar[str]
    primary_key = ("organization", "facet", "value", "snapshotDate")
    cursor_field = "snapshotDate"
    cursor_check: ClassVar[ValueCheck] = staticmethod(utc_day)

    def snapshot_date(self) -> str:
        return windows.utc_day(self.ctx.started_ms)

    def plan(self, org: Organization) -> Plan:
        return Plan(org, fold=self.cursor_fold(org, self.snapshot_date()) if self.incremental else None)

    def read(self, org: Organization | None, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        assert org is not None  # planned per organization
        day, saved = self.snapshot_date(), self.saved_cursor(org)
        if saved is not None and saved > day:
            return  # the state is from a later day (clock or a hand-made state): nothing newer to add
        names = Names.of(self.ctx)
        for element in LifetimeStatistics.of(self.ctx).elements(self.resource, org.urn):
            for row in demographic_rows(self.resource, element):
                facet, value = row.pop("facet"), row.pop("value")
                yield {"organization": org.urn, "facet": facet, "value": value, "name": names.name(facet, value),
                       "snapshotDate": day, **row}


class FollowerDemographics(Demographics):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics"""

    name = "follower_demographics"
    resource = FOLLOWERS


class PageViewDemographics(Demographics):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/page-statistics"""

    name = "page_view_demographics"
    resource = PAGES
