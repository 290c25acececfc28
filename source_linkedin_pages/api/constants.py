"""Fixed values of the LinkedIn API and of this connector's defaults."""

from __future__ import annotations

from typing import NamedTuple

DEFAULT_API_BASE_URL = "https://api.linkedin.com/rest"
DEFAULT_OAUTH_BASE_URL = "https://www.linkedin.com/oauth/v2"
# A recent active LinkedIn-Version; a sunset one is stepped over at run time (see client.py).
DEFAULT_API_VERSION = "202610"
RESTLI_PROTOCOL_VERSION = "2.0.0"

PAGE_SIZE = 100  # the largest `count` LinkedIn serves on our finders (acls, posts, comments, reactions)
POST_STATS_BATCH = 20  # URNs per per-post share statistics call (LinkedIn's cap)
BATCH_GET_SIZE = 50  # keys per BATCH_GET; longer batches are tunneled anyway
GEO_BATCH_SIZE = 100  # ids per geo BATCH_GET (the emulator enforces LinkedIn's unconfirmed 100)
HTTP_TIMEOUT = (10, 120)  # connect, read seconds
CHECK_SECONDS = 50  # `check` gives up retrying after this long in total (it must answer within a minute)

DAY_MS = 86_400_000
STATS_RETENTION_MONTHS = 12  # statistics windows may not start earlier than this
STATS_LAG_DAYS = 2  # newest statistics bucket ends this many days before today 00:00 UTC
DEFAULT_LOOKBACK_DAYS = 2
MAX_LOOKBACK_DAYS = 30

ADMIN_SCOPE = "rw_organization_admin"

# Scope families: which scopes grant each endpoint family (wire reference, section 2).
SCOPE_FAMILIES: dict[str, tuple[str, ...]] = {
    "organizations": ("r_organization_social", "r_organization_followers", ADMIN_SCOPE),
    "followers": ("r_organization_followers", ADMIN_SCOPE),
    "content": ("r_organization_social", ADMIN_SCOPE),
    "engagement": ("r_social_engagement", "r_organization_social", ADMIN_SCOPE),
}
# The scope a user should add when a family is missing (the one the setup guide names).
FAMILY_SCOPE_TO_ADD: dict[str, str] = {
    "organizations": "r_organization_social",
    "followers": "r_organization_followers",
    "content": "r_organization_social",
    "engagement": "r_social_engagement",
}

# Which page roles a family of endpoints needs (wire reference, section 2).
STATISTICS, CONTENT, ANY = "statistics", "content", "any"
FAMILY_ROLES: dict[str, frozenset[str]] = {
    STATISTICS: frozenset({"ADMINISTRATOR"}),
    CONTENT: frozenset({"ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER"}),
}
# LinkedIn resource (as named in a 403 message) -> (what a user calls it, the scope to grant, its role family).
RESOURCES: dict[str, tuple[str, str, str]] = {
    "organizationalEntityFollowerStatistics": ("follower statistics", "r_organization_followers", STATISTICS),
    "networkSizes": ("the follower count", "r_organization_followers", STATISTICS),
    "organizationalEntityShareStatistics": ("share statistics", "r_organization_social", STATISTICS),
    "organizationPageStatistics": ("page statistics", "r_organization_social", STATISTICS),
    "posts": ("posts", "r_organization_social", CONTENT),
    "videoAnalytics": ("video analytics", "r_organization_social", CONTENT),
    "socialMetadata": ("engagement summaries", "r_social_engagement", CONTENT),
    "socialActions": ("comments", "r_social_engagement", CONTENT),
    "comments": ("comments", "r_social_engagement", CONTENT),
    "reactions": ("reactions", "r_social_engagement", CONTENT),
    "organizations": ("the organization lookup", "r_organization_social", ANY),
    "organizationAcls": ("the page roles", "r_organization_social", ANY),
}

DEFAULT_WORKERS = 8  # concurrent partitions; LinkedIn's quotas are per day, and round trips dominate a sync
MAX_WORKERS = 16
DEFAULT_VIDEO_MAX_AGE_DAYS = 180  # older videos are not re-read on each sync: 2-4 calls each, every day
MAX_VIDEO_MAX_AGE_DAYS = 366
DEFAULT_REFRESH_INTERVAL_DAYS = 7  # every post's statistics and video analytics are refreshed at least this often
MAX_REFRESH_INTERVAL_DAYS = 30
DEFAULT_LOCALE = "en_US"

# Standardized data (wire reference 3.11): names for the URNs in the demographic facets.
INDUSTRY_TAXONOMY = "DEFAULT"  # the latest taxonomy version; the facets' industry URNs use it
# Sections of a page's views (wire reference 3.5): one `<section>PageViews` column each in page_view_demographics.
PAGE_SECTIONS = ("overview", "about", "careers", "jobs", "lifeAt", "people", "products", "insights")
PAGE_VIEW_COLUMNS = ("allPageViews", "allDesktopPageViews", "allMobilePageViews",
                     *(f"{section}PageViews" for section in PAGE_SECTIONS))
FOLLOWER_COUNT_COLUMNS = ("organicFollowerCount", "paidFollowerCount")


class Facet(NamedTuple):
    """A lifetime demographic facet: where LinkedIn puts it, and its name in the demographic streams."""

    arrays: tuple[str, ...]  # the element's array of the facet; the first one present wins (older names last)
    keys: tuple[str, ...]  # the item key holding the value (URN or enum); the first one present wins
    name: str  # the `facet` column


# Wire reference 3.3: items {<key>: value, "followerCounts": {...}}, at most the top 100 values per facet.
FOLLOWER_FACETS = (
    Facet(("followerCountsByAssociationType",), ("associationType",), "associationType"),
    Facet(("followerCountsBySeniority",), ("seniority",), "seniority"),
    Facet(("followerCountsByFunction",), ("function",), "function"),
    Facet(("followerCountsByIndustry", "followerCountsByIndustryV2"), ("industry", "industryV2"), "industry"),
    Facet(("followerCountsByStaffCountRange",), ("staffCountRange",), "staffCountRange"),
    Facet(("followerCountsByGeoCountry",), ("geo", "geoCountry"), "geoCountry"),
    Facet(("followerCountsByGeo",), ("geo",), "geo"),
)
# Wire reference 3.5: items {<key>: value, "pageStatistics": {"views": {...}}}.
PAGE_FACETS = (
    Facet(("pageStatisticsBySeniority",), ("seniority",), "seniority"),
    Facet(("pageStatisticsByFunction",), ("function",), "function"),
    Facet(("pageStatisticsByIndustryV2", "pageStatisticsByIndustry"), ("industryV2", "industry"), "industry"),
    Facet(("pageStatisticsByStaffCountRange",), ("staffCountRange",), "staffCountRange"),
    Facet(("pageStatisticsByGeoCountry",), ("geo", "geoCountry"), "geoCountry"),
    Facet(("pageStatisticsByGeo",), ("geo",), "geo"),
)
GEO_FACETS = frozenset({"geoCountry", "geo"})
