"""Which organizations a sync reads: configured references resolved to ids, or every page the member administers."""

from __future__ import annotations

import logging
import threading

from .api.client import LinkedInClient
from .api.errors import LinkedInError, NotFoundError
from .config import ConnectorConfig, OrgRef

ORG_URN_PREFIX = "urn:li:organization:"


def org_urn(org_id: int) -> str:
    return f"{ORG_URN_PREFIX}{org_id}"


def org_id_of(urn: str) -> int:
    return int(urn.rsplit(":", 1)[1])


def administered_organizations(client: LinkedInClient) -> list[int]:
    """Ids of organizations on which the token's member is an APPROVED ADMINISTRATOR (organizationAcls)."""
    params = {"q": "roleAssignee", "role": "ADMINISTRATOR", "state": "APPROVED"}
    ids: list[int] = []
    for acl in client.iterate("organizationAcls", params):
        # Filters are optional on LinkedIn's side, so re-check role and state here.
        if acl.get("role") == "ADMINISTRATOR" and acl.get("state") == "APPROVED":
            org_id = org_id_of(acl["organization"])
            if org_id not in ids:
                ids.append(org_id)
    return ids


def resolve_reference(client: LinkedInClient, ref: OrgRef) -> int:
    """A numeric reference as is; a vanity name through the `vanityName` finder."""
    if ref.id is not None:
        return ref.id
    body = client.get("organizations", {"q": "vanityName", "vanityName": ref.vanity})
    for element in body.get("elements") or []:
        if str(element.get("vanityName", "")).lower() == str(ref.vanity).lower() and "id" in element:
            return int(element["id"])
    raise LinkedInError("vanity_not_found", vanity=ref.vanity, source=ref.source)


class OrganizationResolver:
    """Resolves once per sync, on first use (so `discover` and `spec` make no API call)."""

    def __init__(self, client: LinkedInClient, config: ConnectorConfig, logger: logging.Logger) -> None:
        self._client = client
        self._config = config
        self._logger = logger
        self._lock = threading.Lock()
        self._ids: list[int] | None = None
        self._administered: list[int] | None = None

    def administered(self) -> list[int]:
        with self._lock:
            if self._administered is None:
                self._administered = administered_organizations(self._client)
            return self._administered

    def ids(self) -> list[int]:
        if self._ids is None:
            if self._config.org_refs:
                resolved = [resolve_reference(self._client, ref) for ref in self._config.org_refs]
                self._ids = list(dict.fromkeys(resolved))
            else:
                self._ids = self.administered()
                if not self._ids:
                    raise LinkedInError("no_admin_orgs")
                self._logger.info(f"Reading the {len(self._ids)} organization(s) the member administers: {self._ids}")
        return self._ids

    def ensure_exists(self, org_id: int) -> None:
        """Raise a config error naming an organization LinkedIn does not know."""
        source = next((ref.source for ref in self._config.org_refs if ref.id == org_id), str(org_id))
        try:
            self._client.get(f"organizations/{org_id}")
        except NotFoundError:
            raise LinkedInError("org_not_found", organization=org_id, source=source) from None
