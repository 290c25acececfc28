"""`posts`: an organization's posts, incremental on `lastModifiedAt`; the listing feeds every other post stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..api.constants import CONTENT
from ..caches.posts import PostCatalog, modified_at
from ..organizations import Organization
from ..state import PartOutcome
from .base import Data, LinkedInStream


class Posts(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api"""

    name = "posts"
    primary_key = ("id",)
    cursor_field = "lastModifiedAt"
    family = CONTENT

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        # Whole posts stream straight through (the shared catalog keeps slim copies), newest first, and paging
        # stops at the first page reaching posts older than the cursor minus the lookback (or start_date).
        floors = [value for value in (self.ctx.config.start_date_ms,) if value is not None]
        cursor = self.saved_cursor(org)
        if cursor is not None:
            floors.append(int(cursor) - self.ctx.config.lookback_ms)
        since = max(floors) if floors else None
        seen: set[str] = set()  # an edit during paging shifts the pages: a post may come twice
        for post in PostCatalog.of(self.ctx).whole(org.urn, since):
            urn = str(post.get("id"))
            if urn in seen:
                continue
            seen.add(urn)
            if since is None or modified_at(post) >= since:
                yield {**post, "organization": org.urn}
