"""Stream declarations; `ALL_STREAMS` is the order `discover` lists them in."""

from __future__ import annotations

from .base import LinkedInStream
from .engagement import Comments, PostEngagement, Reactions
from .organizations import OrganizationLookup, TotalFollowerCount
from .posts import Posts, PostStatistics
from .statistics import (
    FollowerStatistics,
    FollowerStatisticsTimeBound,
    PageStatistics,
    PageStatisticsTimeBound,
    ShareStatistics,
    ShareStatisticsTimeBound,
)
from .video import VideoAnalytics

ALL_STREAMS: list[type[LinkedInStream]] = [
    OrganizationLookup,
    FollowerStatistics,
    FollowerStatisticsTimeBound,
    ShareStatistics,
    ShareStatisticsTimeBound,
    PageStatistics,
    PageStatisticsTimeBound,
    TotalFollowerCount,
    Posts,
    PostStatistics,
    PostEngagement,
    Comments,
    Reactions,
    VideoAnalytics,
]
