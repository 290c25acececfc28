"""Page streams: the organization lookup and the total follower count."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..api.constants import ANY
from ..api.restli import encode_key
from ..organizations import Organization
from ..state import PartOutcome
from .base import Data, LinkedInStream


class OrganizationLookup(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/organization-lookup-api"""

    name = "organization_lookup"
    primary_key = ("id",)
    family = ANY  # LinkedIn answers a subset of the fields to a non-administrator, never a 403

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        # Resolving the sync's organizations fetched every one in a single BATCH_GET already.
        details = self.ctx.organizations.details.get(org.id)
        yield details if details is not None else self.client.get(f"organizations/{org.id}", organization=org.urn)


class TotalFollowerCount(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics#retrieve-total-follower-count"""

    name = "total_follower_count"
    primary_key = ("organizationalEntity",)

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        body = self.client.get(f"networkSizes/{encode_key(org.urn)}", {"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"},
                               organization=org.urn)
        yield {"organizationalEntity": org.urn, "firstDegreeSize": body.get("firstDegreeSize")}
