"""Which organizations a sync reads: references resolved to ids, the member's roles on each, and the unusable ones.

One rule for every form a user gives (numeric id, URN, page URL, vanity name): an organization LinkedIn does
not know, or on which the member holds no usable role, is skipped with a message naming it, the others are
read, and the sync ends with a config error listing the skipped ones. Resolution costs one organizationAcls
listing, one organizations BATCH_GET (names, which organization_lookup reuses) and one call per vanity name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .api import constants
from .api.client import LinkedInClient
from .api.constants import ANY, CONTENT, FAMILY_ROLES, RESOURCES, STATISTICS
from .api.errors import LinkedInError, message
from .config import ConnectorConfig, OrgRef

ORG_URN_PREFIX = "urn:li:organization:"
ROLE_WORDS = {
    STATISTICS: "ADMINISTRATOR",
    CONTENT: "ADMINISTRATOR, CONTENT_ADMINISTRATOR or DIRECT_SPONSORED_CONTENT_POSTER",
}
FAMILY_STREAMS = {
    STATISTICS: "the statistics streams, total_follower_count, post_statistics and the demographic streams",
    CONTENT: "posts, post_engagement, comments, reactions and video_analytics",
}


def org_urn(org_id: int) -> str:
    return f"{ORG_URN_PREFIX}{org_id}"


def org_id_of(urn: str) -> int:
    return int(urn.rsplit(":", 1)[1])


@dataclass(frozen=True)
class Organization:
    """An organization of this sync, with the member's approved roles on it (None: LinkedIn would not say)."""

    id: int
    source: str
    name: str | None = None
    roles: frozenset[str] | None = None

    @property
    def urn(self) -> str:
        return org_urn(self.id)

    @property
    def label(self) -> str:
        return f"organization {self.id} ({self.name})" if self.name else f"organization {self.id}"

    def allows(self, family: str) -> bool:
        return family == ANY or self.roles is None or bool(self.roles & FAMILY_ROLES[family])


@dataclass(frozen=True)
class Unusable:
    """An organization the sync cannot read (for some streams or all), and why."""

    label: str
    reason: str

    def describe(self) -> str:
        return message("org_unusable", organization=self.label, reason=self.reason)


@dataclass
class OrganizationPlan:
    """The organizations of one sync."""

    organizations: list[Organization]
    unusable: list[Unusable] = field(default_factory=list)
    details: dict[int, dict[str, Any]] = field(default_factory=dict)  # organizations BATCH_GET results

    def usable(self, family: str) -> list[Organization]:
        return [org for org in self.organizations if org.allows(family)]

    def by_urn(self, urn: str | None) -> Organization | None:
        return next((org for org in self.organizations if org.urn == urn), None)

    def label(self, urn: str) -> str:
        org = self.by_urn(urn)
        return org.label if org is not None else f"organization {urn.rsplit(':', 1)[-1]}"

    def problems(self, families: Iterable[str]) -> list[Unusable]:
        """Unusable organizations, and organizations the selected families cannot read, for the final error."""
        found = list(self.unusable)
        for family in sorted(set(families) - {ANY}):
            for org in self.organizations:
                if not org.allows(family):
                    roles = ", ".join(sorted(org.roles or ())) or "no role"
                    found.append(Unusable(org.label, message("org_not_admin", roles=roles,
                                                             streams=FAMILY_STREAMS[family])))
        return found

    def explain_denial(self, resource: str | None, urn: str | None) -> AirbyteTracedException:
        """The error for a 403: a missing role when the roles are known to lack it, else a missing scope."""
        what, scope, family = RESOURCES.get(resource or "", ("this data", "r_organization_social", CONTENT))
        org = self.by_urn(urn)
        label = org.label if org is not None else (self.label(urn) if urn else "the organization")
        roles = ROLE_WORDS.get(family, ROLE_WORDS[CONTENT])
        if org is not None and org.roles is not None:
            key = "access_denied_scope" if org.allows(family) else "access_denied_role"
        else:
            key = "access_denied"
        return LinkedInError(key, what=what, organization=label, scope=scope, roles=roles)


def member_roles(client: LinkedInClient, logger: logging.Logger) -> dict[int, frozenset[str]] | None:
    """Approved roles of the token's member per organization id; None when LinkedIn refuses the listing."""
    params = {"q": "roleAssignee", "state": "APPROVED"}
    status, body = client.call("organizationAcls", {**params, "start": 0, "count": constants.PAGE_SIZE},
                               answer=frozenset({403}))
    if status == 403:
        logger.warning(message("acls_denied"))
        return None
    acls = list(body.get("elements") or [])
    if len(acls) == constants.PAGE_SIZE:
        for page in client.paginate("organizationAcls", params, start=constants.PAGE_SIZE):
            acls.extend(page)
    roles: dict[int, set[str]] = {}
    for acl in acls:
        # Filters are optional on LinkedIn's side, so re-check the state here.
        organization = str(acl.get("organization", ""))
        if acl.get("state") == "APPROVED" and organization.startswith(ORG_URN_PREFIX):
            roles.setdefault(org_id_of(organization), set()).add(str(acl.get("role")))
    return {org_id: frozenset(values) for org_id, values in roles.items()}


def _vanity(client: LinkedInClient, ref: OrgRef) -> dict[str, Any] | None:
    body = client.get("organizations", {"q": "vanityName", "vanityName": ref.vanity})
    for element in body.get("elements") or []:
        if str(element.get("vanityName", "")).lower() == str(ref.vanity).lower() and "id" in element:
            return dict(element)
    return None


def resolve(client: LinkedInClient, config: ConnectorConfig, logger: logging.Logger) -> OrganizationPlan:
    """Resolve the configured organizations (or discover the administered ones) for one sync or check."""
    roles = member_roles(client, logger)
    unusable: list[Unusable] = []
    details: dict[int, dict[str, Any]] = {}
    wanted: dict[int, str] = {}
    for ref in config.org_refs:
        if ref.id is not None:
            wanted.setdefault(ref.id, ref.source)
            continue
        found = _vanity(client, ref)
        if found is None:
            unusable.append(Unusable(f"page '{ref.vanity}' (from {ref.source})",
                                     message("vanity_not_found", vanity=ref.vanity)))
        else:
            details[int(found["id"])] = found
            wanted.setdefault(int(found["id"]), ref.source)
    if not config.org_refs:
        if roles is None:
            raise LinkedInError("no_admin_orgs")
        wanted = {org_id: str(org_id) for org_id, held in roles.items() if "ADMINISTRATOR" in held}
        if not wanted:
            raise LinkedInError("no_admin_orgs")
        logger.info(f"Reading the {len(wanted)} organization(s) the member administers: {sorted(wanted)}")
    missing = [org_id for org_id in wanted if org_id not in details]
    for batch in client.batch_get("organizations", [str(org_id) for org_id in missing]):
        for key, value in batch.results.items():
            if key.isdigit():
                details[int(key)] = value
    organizations: list[Organization] = []
    for org_id, source in wanted.items():
        detail = details.get(org_id)
        name = str(detail.get("localizedName")) if detail and detail.get("localizedName") else None
        held = roles.get(org_id, frozenset()) if roles is not None else None
        org = Organization(org_id, source, name, held)
        shown = org.label if source == str(org_id) else f"{org.label} (from {source})"
        if detail is None:
            unusable.append(Unusable(shown, message("org_not_found")))
        elif held is not None and not held:
            unusable.append(Unusable(shown, message("org_no_role")))
        elif held is not None and not org.allows(CONTENT) and not org.allows(STATISTICS):
            unusable.append(Unusable(shown, message("org_role_unusable", roles=", ".join(sorted(held)))))
        else:
            organizations.append(org)
    return OrganizationPlan(organizations, unusable, details)
