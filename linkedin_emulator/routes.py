"""URL table: path regex -> (resource name for logs and 403 messages, handler)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .context import Ctx, Response
from .handlers import engagement, organizations, posts, standardized, statistics

Handler = Callable[[Ctx], Response]


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    resource: str
    handler: Handler


def _r(regex: str, resource: str, handler: Handler) -> Route:
    return Route(re.compile(regex), resource, handler)


# Only GET (or tunneled GET) exists on /rest; the emulator is read-only like the connector.
REST_ROUTES: list[Route] = [
    _r(r"^/rest/organizations/(?P<key>[^/]+)$", "organizations", organizations.get_one),
    _r(r"^/rest/organizations$", "organizations", organizations.collection),
    _r(r"^/rest/organizationAcls$", "organizationAcls", organizations.acls),
    _r(r"^/rest/organizationalEntityFollowerStatistics$", "organizationalEntityFollowerStatistics",
       statistics.followers),
    _r(r"^/rest/organizationalEntityShareStatistics$", "organizationalEntityShareStatistics", statistics.shares),
    _r(r"^/rest/organizationPageStatistics$", "organizationPageStatistics", statistics.page),
    _r(r"^/rest/networkSizes/(?P<key>[^/]+)$", "networkSizes", statistics.network_size),
    _r(r"^/rest/posts$", "posts", posts.collection),
    _r(r"^/rest/posts/(?P<key>[^/]+)$", "posts", posts.get_one),
    _r(r"^/rest/videoAnalytics$", "videoAnalytics", posts.video_analytics),
    _r(r"^/rest/socialMetadata$", "socialMetadata", engagement.metadata_batch),
    _r(r"^/rest/socialMetadata/(?P<key>[^/]+)$", "socialMetadata", engagement.metadata_one),
    _r(r"^/rest/socialActions/(?P<key>[^/]+)/comments$", "comments", engagement.comments),
    _r(r"^/rest/socialActions/(?P<key>[^/]+)$", "socialActions", engagement.social_actions),
    _r(r"^/rest/reactions/(?P<key>[^/]+)$", "reactions", engagement.reactions),
    # standardized data (names for the URNs in demographic facets)
    _r(r"^/rest/geo$", "geo", standardized.geo_collection),
    _r(r"^/rest/geo/(?P<key>[^/]+)$", "geo", standardized.geo_one),
    _r(r"^/rest/industryTaxonomyVersions/(?P<version>[^/]+)/industries$", "industries", standardized.industries),
    _r(r"^/rest/industryTaxonomyVersions/(?P<version>[^/]+)/industries/(?P<key>[^/]+)$", "industries",
       standardized.industry_one),
    _r(r"^/rest/functions$", "functions", standardized.functions),
    _r(r"^/rest/functions/(?P<key>[^/]+)$", "functions", standardized.function_one),
    _r(r"^/rest/seniorities$", "seniorities", standardized.seniorities),
    _r(r"^/rest/seniorities/(?P<key>[^/]+)$", "seniorities", standardized.seniority_one),
]


def match_rest(path: str) -> tuple[Route, dict[str, str]] | None:
    for route in REST_ROUTES:
        m = route.pattern.match(path)
        if m:
            return route, m.groupdict()
    return None
