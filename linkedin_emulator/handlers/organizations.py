"""organizations (lookup, vanityName finder, batch) and organizationAcls."""
from __future__ import annotations

from typing import Any

from .. import errors
from ..auth import STATS_ROLES
from ..context import Ctx, Response
from ..store import Org

PUBLIC_FIELDS = ("id", "localizedName", "vanityName", "localizedWebsite", "logoV2")
ACL_ROLES = ("ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER", "RECRUITING_POSTER", "LEAD_CAPTURE_ADMINISTRATOR",
             "LEAD_GEN_FORMS_MANAGER", "ANALYST", "CURATOR", "CONTENT_ADMINISTRATOR")
ACL_STATES = ("APPROVED", "REJECTED", "REQUESTED", "REVOKED")


def _extras(ctx: Ctx, org: Org) -> dict[str, Any]:
    """Fields production lookups add (org_extras variation); shapes of LinkedIn's recorded lookup answers."""
    details = org.details
    out: dict[str, Any] = {
        "groups": [], "alternativeNames": [], "localizedSpecialties": list(details["specialties"]),
        "autoCreated": False,
        "website": {"localized": {"en_US": details["localizedWebsite"]}, "preferredLocale": details["defaultLocale"]},
    }
    if org.index == 2:  # one showcase-like page whose parent is the first organization of the data set
        out["parentRelationship"] = {"relationshipStatus": "ACTIVE", "parent": ctx.state.store.orgs[0].urn}
    return out


def _view(ctx: Ctx, org: Org) -> dict[str, Any]:
    """Administrators see the full object; everyone else a public subset (never a 403)."""
    if not ctx.has_role(org.id, STATS_ROLES):
        return {k: org.details[k] for k in PUBLIC_FIELDS}  # recorded non-admin answers carry no extras either
    if ctx.state.variations.org_extras:
        return {"$URN": org.urn, **org.details, **_extras(ctx, org)}
    return dict(org.details)


def get_one(ctx: Ctx) -> Response:
    ctx.resolve("organizations", "GET")
    ctx.require_scope("organizations")
    ctx.allow()
    key = ctx.path_key("key")
    if not isinstance(key, str) or not key.isdigit():
        raise errors.invalid_param()
    org = ctx.state.store.org_by_id.get(int(key))
    if org is None:
        raise errors.not_found()
    return Response(200, _view(ctx, org))


def collection(ctx: Ctx) -> Response:
    if "ids" in ctx.params:
        ctx.resolve("organizations", "BATCH_GET")
        ctx.require_scope("organizations")
        ctx.allow("ids")
        ids = ctx.urn_list("ids") or []

        def answer(raw: str) -> Any:
            org = ctx.state.store.org_by_id.get(int(raw)) if raw.isdigit() else None
            return 404 if org is None else _view(ctx, org)

        return ctx.batch(ids, answer)
    finder = ctx.params.get("q")
    if finder != "vanityName":
        raise errors.unresolved_method()
    ctx.resolve("organizations", "FINDER", "vanityName")
    ctx.require_scope("organizations")
    ctx.allow("q", "vanityName", "start", "count")
    vanity = ctx.text("vanityName")
    start, count = ctx.paging()
    matches = [_view(ctx, o) for o in ctx.state.store.orgs if o.vanity == vanity]
    return Response(200, ctx.page(matches, start, count))


def acls(ctx: Ctx) -> Response:
    if ctx.params.get("q") != "roleAssignee":
        raise errors.unresolved_method()
    ctx.resolve("organizationAcls", "FINDER", "roleAssignee")
    ctx.require_scope("organizations")
    ctx.allow("q", "role", "state", "start", "count")
    role = ctx.text("role", required=False)
    state = ctx.text("state", required=False)
    if (role is not None and role not in ACL_ROLES) or (state is not None and state not in ACL_STATES):
        raise errors.invalid_param()
    start, count = ctx.paging(max_count=100)
    tok = ctx.token
    assignments = ctx.state.auth.acls(tok)
    if any(a.state == "REVOKED" and a.organization not in ctx.state.store.org_by_id for a in assignments):
        # Seen in production: a REVOKED role on a page the member can no longer see fails the whole listing,
        # whatever the role/state filters; every other endpoint keeps working for the member's pages.
        raise ctx._denied()
    created = ctx.state.start_ms - 400 * 86_400_000
    rows = [{"roleAssignee": tok.member, "state": a.state, "role": a.role,
             "organization": f"urn:li:organization:{a.organization}",
             "created": {"actor": tok.member, "time": created},
             "lastModified": {"actor": tok.member, "time": created}}
            for a in assignments
            if (role is None or a.role == role) and (state is None or a.state == state)]
    return Response(200, ctx.page(rows, start, count))
