"""`check`: the token works and carries the scopes the sync needs, and every configured organization is readable."""

from __future__ import annotations

from typing import Any

from . import clock
from .api import auth
from .api.constants import CONTENT, FAMILY_SCOPE_TO_ADD, SCOPE_FAMILIES, STATISTICS
from .api.errors import message
from .api.restli import encode_key
from .context import SyncContext
from .organizations import Organization
from .token_health import TokenHealth, assess, describe

# What each scope family feeds, for the message that names a missing scope.
FAMILY_STREAMS = {
    "organizations": "organization lookup",
    "followers": "follower statistics and total follower count",
    "content": "share and page statistics, posts and video analytics",
    "engagement": "engagement summaries, comments and reactions",
}


def introspection(ctx: SyncContext) -> dict[str, Any] | None:
    """LinkedIn's token introspection of the access token in use (OAuth only: it needs the app's id and secret)."""
    credentials = ctx.config.credentials
    answer = auth.introspect(ctx.config.oauth_base_url, credentials["client_id"], credentials["client_secret"],
                             ctx.client.tokens.token())
    return answer if answer is not None and answer.get("active", False) else None


def scopes_of(answer: dict[str, Any] | None) -> set[str] | None:
    if answer is None:
        return None
    return {scope.strip() for scope in str(answer.get("scope", "")).replace(" ", ",").split(",") if scope.strip()}


def token_health(ctx: SyncContext, introspected: dict[str, Any] | None = None) -> TokenHealth:
    """What LinkedIn told this run about the tokens' lives (introspection, the refresh answer)."""
    now = clock.now()
    life = ctx.client.tokens.life if isinstance(ctx.client.tokens, auth.RefreshingToken) else None
    access = (introspected or {}).get("expires_at") or (life.access_expires_at if life else None)
    refresh_in = life.refresh_expires_at - now.timestamp() if life and life.refresh_expires_at else None
    health = assess(now, auth_method=ctx.config.credentials["auth_method"], access_expires_at=access,
                    refresh_token_expires_in=refresh_in, received_at=now)
    lives = [f"{name} token expires {describe(moment, now)}" for name, moment in
             (("access", health.access_token_expires_at), ("refresh", health.refresh_token_expires_at)) if moment]
    if lives:
        ctx.logger.info(message("token_lives", lives="; ".join(lives)))
    for text in health.warnings:
        ctx.logger.warning(text)  # texts from the message table (token_health)
    return health


def probed_missing_families(ctx: SyncContext, org: Organization) -> set[str]:
    """One cheap call per scope family on an organization the member administers; a 403 means the scope is missing."""
    client = ctx.client
    probes = {
        "followers": (f"networkSizes/{encode_key(org.urn)}", {"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"}),
        "content": ("organizationalEntityShareStatistics",
                    {"q": "organizationalEntity", "organizationalEntity": org.urn}),
    }
    missing = set()
    for family, (path, params) in probes.items():
        if client.call(path, params, answer=frozenset({403}))[0] == 403:
            missing.add(family)
    if "content" in missing:
        # r_organization_social also grants engagement; without it, probe r_social_engagement alone.
        status, _ = client.call(f"socialMetadata/{encode_key('urn:li:share:0')}", answer=frozenset({403}))
        if status == 403:
            missing.add("engagement")
    return missing


def missing_from_scopes(scopes: set[str]) -> set[str]:
    return {family for family, granting in SCOPE_FAMILIES.items() if not scopes.intersection(granting)}


def run_check(ctx: SyncContext) -> tuple[bool, str | None]:
    """(ok, message): the message names every missing scope and unusable organization and what fixes it."""
    plan = ctx.organizations  # also proves the token is valid and unexpired
    problems = [problem.describe() for problem in plan.problems({STATISTICS, CONTENT})]
    introspected = introspection(ctx) if ctx.client.oauth else None
    health = token_health(ctx, introspected)
    scopes = scopes_of(introspected)
    admin = next(iter(plan.usable(STATISTICS)), None)
    if scopes is not None:
        missing = missing_from_scopes(scopes)
    else:
        missing = probed_missing_families(ctx, admin) if admin is not None else set()
    if missing and scopes is None and admin is not None and admin.roles is None:
        # LinkedIn would not list the member's roles, so a probe's 403 may be a missing role as well as a
        # missing scope: say both, never blame the token alone.
        probes = {"followers": "organizationalEntityFollowerStatistics",
                  "content": "organizationalEntityShareStatistics", "engagement": "socialMetadata"}
        problems.extend(plan.explain_denial(probes[family], admin.urn).message or "" for family in sorted(missing))
    elif missing:
        ordered = [family for family in SCOPE_FAMILIES if family in missing]
        problems.insert(0, message(
            "missing_scopes",
            scopes=", ".join(dict.fromkeys(FAMILY_SCOPE_TO_ADD[family] for family in ordered)),
            streams="; ".join(FAMILY_STREAMS[family] for family in ordered),
        ))
    if problems:
        return False, " ".join([*problems, *health.warnings])
    labels = ", ".join(org.label for org in plan.organizations)
    ctx.logger.info(f"Check passed for {labels} with LinkedIn-Version {ctx.client.api_version}.")
    return True, " ".join(health.warnings) or None

