"""Stream declarations; `ALL_STREAMS` is the order `discover` lists them in."""

from __future__ import annotations

from .base import LinkedInStream
from .organizations import OrganizationLookup, TotalFollowerCount
from .statistics import (
    FollowerStatistics,
    FollowerStatisticsTimeBound,
    PageStatistics,
    PageStatisticsTimeBound,
    ShareStatistics,
    ShareStatisticsTimeBound,
)

ALL_STREAMS: list[type[LinkedInStream]] = [
    OrganizationLookup,
    FollowerStatistics,
    FollowerStatisticsTimeBound,
    ShareStatistics,
    ShareStatisticsTimeBound,
    PageStatistics,
    PageStatisticsTimeBound,
    TotalFollowerCount,
]
