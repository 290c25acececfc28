"""Stream declarations; `ALL_STREAMS` is the order `discover` lists them in and the order a sync starts them.

Statistics first (few calls: a tight call budget or daily quota goes to them first), then the lookup and
demographic streams (which reuse the lifetime statistics answers), then `posts`, whose listing every per-post
stream reuses, then the per-post streams.
"""

from __future__ import annotations

from .base import LinkedInStream
from .demographics import FollowerDemographics, PageViewDemographics
from .items import Comments, Reactions
from .lookups import Functions, Geo, Industries, Seniorities
from .pages import OrganizationLookup, TotalFollowerCount
from .posts import Posts
from .refreshed import PostEngagement, PostStatistics
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
    Geo,
    Industries,
    Functions,
    Seniorities,
    FollowerDemographics,
    PageViewDemographics,
    Posts,
    PostStatistics,
    PostEngagement,
    Comments,
    Reactions,
    VideoAnalytics,
]
STREAMS_BY_NAME: dict[str, type[LinkedInStream]] = {stream.name: stream for stream in ALL_STREAMS}
