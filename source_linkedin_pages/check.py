"""`check`: the token works, carries the scopes the sync needs, and administers every configured organization."""

from __future__ import annotations

import logging

import requests

from .api.client import LinkedInClient
from .api.constants import FAMILY_SCOPE_TO_ADD, SCOPE_FAMILIES
from .api.errors import LinkedInError, message
from .api.restli import encode_key
from .config import ConnectorConfig
from .context import SyncContext
from .organizations import org_urn

# What each scope family feeds, for the message that names a missing scope.
FAMILY_STREAMS = {
    "organizations": "organization lookup",
    "followers": "follower statistics and total follower count",
    "content": "share and page statistics, posts and video analytics",
    "engagement": "engagement summaries, comments and reactions",
}


def introspected_scopes(config: ConnectorConfig, client: LinkedInClient, logger: logging.Logger) -> set[str] | None:
    """Scopes read from LinkedIn's token introspection (OAuth only); None when it cannot tell."""
    credentials = config.credentials
    token = client.authenticator.current_token()  # type: ignore[attr-defined]
    try:
        response = requests.post(
            f"{config.oauth_base_url}/introspectToken",
            data={"client_id": credentials["client_id"], "client_secret": credentials["client_secret"], "token": token},
            timeout=30,
        )
    except requests.RequestException as error:
        logger.warning(f"Token introspection failed ({type(error).__name__}); probing scopes instead.")
        return None
    if response.status_code == 401:
        raise LinkedInError("client_rejected")
    if not response.ok:
        logger.warning(f"Token introspection answered HTTP {response.status_code}; probing scopes instead.")
        return None
    body = response.json()
    if not body.get("active", False):
        raise LinkedInError("token_revoked" if body.get("status") == "revoked" else "token_expired")
    return {scope.strip() for scope in str(body.get("scope", "")).replace(" ", ",").split(",") if scope.strip()}


def probed_missing_families(client: LinkedInClient, org_id: int) -> set[str]:
    """One cheap call per scope family on an organization the member administers; a 403 means the scope is missing."""
    urn = org_urn(org_id)
    missing = set()
    probes = {
        "followers": (f"networkSizes/{encode_key(urn)}", {"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"}),
        "content": ("organizationalEntityShareStatistics", {"q": "organizationalEntity", "organizationalEntity": urn}),
    }
    for family, (path, params) in probes.items():
        if client.status(path, params) == 403:
            missing.add(family)
    if "content" in missing:
        # r_organization_social also grants engagement; without it, probe r_social_engagement alone.
        probe_post = encode_key("urn:li:share:0")
        if client.status(f"socialMetadata/{probe_post}") == 403:
            missing.add("engagement")
    return missing


def missing_from_scopes(scopes: set[str]) -> set[str]:
    return {family for family, granting in SCOPE_FAMILIES.items() if not scopes.intersection(granting)}


def run_check(ctx: SyncContext) -> tuple[bool, str | None]:
    """Returns (ok, message); the message names every missing scope and organization and the step that fixes it."""
    config, client, logger, resolver = ctx.config, ctx.client, ctx.logger, ctx.resolver
    administered = resolver.administered()  # also proves the token is valid and unexpired
    organizations = resolver.ids()
    for org_id in organizations:
        if org_id not in administered:
            resolver.ensure_exists(org_id)
    not_admin = [org_id for org_id in organizations if org_id not in administered]

    scopes = introspected_scopes(config, client, logger) if client.oauth else None
    if scopes is not None:
        missing = missing_from_scopes(scopes)
    else:
        probe_org = next((org_id for org_id in organizations if org_id in administered), None)
        missing = probed_missing_families(client, probe_org) if probe_org is not None else set()

    problems = []
    if missing:
        ordered = [family for family in SCOPE_FAMILIES if family in missing]
        problems.append(
            message(
                "missing_scopes",
                scopes=", ".join(dict.fromkeys(FAMILY_SCOPE_TO_ADD[family] for family in ordered)),
                streams="; ".join(FAMILY_STREAMS[family] for family in ordered),
            )
        )
    if not_admin:
        problems.append(message("not_admin", organizations=", ".join(str(org_id) for org_id in not_admin)))
    if problems:
        return False, " ".join(problems)
    logger.info(f"Check passed for organization(s) {organizations} with LinkedIn-Version {client.api_version}.")
    return True, None
