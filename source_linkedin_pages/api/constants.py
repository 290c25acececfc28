"""Fixed values of the LinkedIn API and of this connector's defaults."""

from __future__ import annotations

DEFAULT_API_BASE_URL = "https://api.linkedin.com/rest"
DEFAULT_OAUTH_BASE_URL = "https://www.linkedin.com/oauth/v2"
# A recent active LinkedIn-Version; a sunset one is stepped over at run time (see client.py).
DEFAULT_API_VERSION = "202610"
RESTLI_PROTOCOL_VERSION = "2.0.0"

PAGE_SIZE = 100  # the largest `count` LinkedIn serves on our finders (acls, posts, comments, reactions)
POST_STATS_BATCH = 20  # URNs per per-post share statistics call (LinkedIn's cap)
BATCH_GET_SIZE = 50  # keys per BATCH_GET; longer batches are tunneled anyway

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

DEFAULT_WORKERS = 8  # concurrent partitions; LinkedIn's quotas are per day, and round trips dominate a sync
MAX_WORKERS = 16
DEFAULT_VIDEO_MAX_AGE_DAYS = 180  # older videos are not re-read on each sync: 2-4 calls each, every day
MAX_VIDEO_MAX_AGE_DAYS = 366
