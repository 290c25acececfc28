"""Organization streams: page lookup and total follower count."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..api.errors import NotFoundError
from ..api.restli import encode_key
from ..organizations import org_id_of
from .base import LinkedInStream, Partition, Record


class OrganizationLookup(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/organization-lookup-api"""

    name = "organization_lookup"
    primary_key = "id"

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        org_id = org_id_of(partition["organization"])
        try:
            yield self.client.get(f"organizations/{org_id}")
        except NotFoundError:
            self.ctx.resolver.ensure_exists(org_id)  # raises the config error naming the organization
            raise


class TotalFollowerCount(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/follower-statistics#retrieve-total-follower-count"""

    name = "total_follower_count"
    primary_key = "organizationalEntity"

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        organization = partition["organization"]
        body = self.client.get(f"networkSizes/{encode_key(organization)}", {"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"})
        yield {"organizationalEntity": organization, "firstDegreeSize": body.get("firstDegreeSize")}
