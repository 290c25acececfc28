"""Follower, share and page statistics (lifetime, time-bound, per post) and networkSizes."""
from __future__ import annotations

from typing import Any

from .. import errors
from ..auth import STATS_ROLES
from ..context import Ctx, Response, org_id_from_urn
from ..generator import view_series
from ..store import BUTTON_DEVICES, CLICK_GROUPS, CLICK_KEYS, SHARE_FIELDS, VIEW_KEYS, Org
from ..timeutil import DAY_MS, add_months, day_floor, next_month_start
from ..variations import seeded

MAX_POSTS_PER_CALL = 20
# share_fields=mixed: what a bucket lacks, picked per bucket (seeded)
SHARE_GAPS = ((), ("uniqueImpressionsCount",), ("shareMentionsCount", "commentMentionsCount"),
              ("uniqueImpressionsCount", "shareMentionsCount", "commentMentionsCount"))


def _org_param(ctx: Ctx, name: str) -> Org | None:
    """Parse the organization URN parameter; None when unknown (the role check then answers 403)."""
    urn = ctx.text(name)
    assert urn is not None
    oid = org_id_from_urn(urn)
    if oid is None:
        raise errors.invalid_param()
    return ctx.state.store.org_by_id.get(oid)


def _require_admin(ctx: Ctx, org: Org | None) -> Org:
    if org is None:
        raise ctx._denied()  # no role on a page that does not exist either
    ctx.require_role(org.id, STATS_ROLES)
    return org


def parse_window(ctx: Ctx, granularities: tuple[str, ...]) -> tuple[int, int, str] | None:
    """Validate timeIntervals against LinkedIn's window rules; None when absent (lifetime)."""
    ti = ctx.params.get("timeIntervals")
    if ti is None:
        return None
    if not isinstance(ti, dict) or set(ti) - {"timeRange", "timeGranularityType"}:
        raise errors.invalid_time_intervals("expected (timeRange:(start:S,end:E),timeGranularityType:G)")
    tr, gran = ti.get("timeRange"), ti.get("timeGranularityType")
    if not isinstance(tr, dict) or set(tr) != {"start", "end"} or not isinstance(gran, str):
        raise errors.invalid_time_intervals("timeRange needs start and end, and timeGranularityType is required")
    if gran not in granularities:
        raise errors.invalid_time_intervals(f"timeGranularityType must be one of {', '.join(granularities)}")
    s, e = tr["start"], tr["end"]
    if not (isinstance(s, str) and s.isdigit() and isinstance(e, str) and e.isdigit()):
        raise errors.invalid_time_intervals("start and end must be epoch milliseconds")
    start, end = int(s), int(e)
    today = day_floor(ctx.now)
    if start < add_months(today, -12):
        raise errors.invalid_time_intervals("start must not be older than 12 months")
    # Wire reference: `end` at least 2 days before now (whole buckets only, so the newest DAY bucket
    # served ends at 00:00 UTC two days ago).
    if end > ctx.now - 2 * DAY_MS:
        raise errors.invalid_time_intervals("end must be at least 2 days before now")
    if start >= end:
        raise errors.invalid_time_intervals("start must be before end")
    if end >= add_months(start, 14):
        raise errors.invalid_time_intervals("the time range must span less than 14 months")
    if gran == "DAY" and end - start < DAY_MS:
        raise errors.invalid_time_intervals("a DAY interval must cover at least one whole day")
    return start, end, gran


def buckets(start: int, end: int, gran: str) -> list[tuple[int, int]]:
    """00:00 UTC aligned buckets: whole days/weeks inside [floor_day(start), end); months clipped to it."""
    out: list[tuple[int, int]] = []
    cur = day_floor(start)
    if gran in ("DAY", "WEEK"):
        step = DAY_MS if gran == "DAY" else 7 * DAY_MS
        while cur + step <= end:
            out.append((cur, cur + step))
            cur += step
        return out
    stop = day_floor(end)  # only whole days, so months sum exactly to the DAY buckets
    while cur < stop:
        nxt = min(next_month_start(cur), stop)
        out.append((cur, nxt))
        cur = nxt
    return out


def _stats_list(ctx: Ctx, resource: str, finder: str) -> None:
    ctx.resolve(resource, "FINDER", finder)


# followers -------------------------------------------------------------------------------
def followers(ctx: Ctx) -> Response:
    if ctx.params.get("q") != "organizationalEntity":
        raise errors.unresolved_method()
    _stats_list(ctx, "organizationalEntityFollowerStatistics", "organizationalEntity")
    ctx.require_scope("followers")
    ctx.allow("q", "organizationalEntity", "timeIntervals")
    org = _org_param(ctx, "organizationalEntity")
    window = parse_window(ctx, ("DAY", "WEEK", "MONTH"))
    org = _require_admin(ctx, org)
    if window is None:
        element: dict[str, Any] = {"organizationalEntity": org.urn}
        element.update({k: [dict(i) for i in v] for k, v in org.follower_facets.items()})
        return Response(200, ctx.whole([element]))
    elements = [{"organizationalEntity": org.urn, "timeRange": {"start": bs, "end": be},
                 "followerGains": {"organicFollowerGain": org.total("organicFollowerGain", bs, be),
                                   "paidFollowerGain": org.total("paidFollowerGain", bs, be)}}
                for bs, be in buckets(*window)]
    return Response(200, ctx.whole(elements))


def follower_total(org: Org) -> int:
    return org.base_followers + org.lifetime("organicFollowerGain") + org.lifetime("paidFollowerGain")


def network_size(ctx: Ctx) -> Response:
    ctx.resolve("networkSizes", "GET")
    ctx.require_scope("followers")
    ctx.allow("edgeType")
    edge = ctx.text("edgeType")
    if edge != "COMPANY_FOLLOWED_BY_MEMBER":
        raise errors.invalid_param()  # includes the legacy CompanyFollowedByMember
    key = ctx.path_key("key")
    if not isinstance(key, str) or org_id_from_urn(key) is None:
        raise errors.invalid_param()
    org = _require_admin(ctx, ctx.state.store.org_by_id.get(org_id_from_urn(key) or 0))
    return Response(200, {"firstDegreeSize": follower_total(org)})


# shares ----------------------------------------------------------------------------------
def share_totals(ctx: Ctx, values: dict[str, int], *bucket: int | str) -> dict[str, Any]:
    """totalShareStatistics of one bucket, lifetime answer or post (`bucket` names it for the seeded gaps)."""
    out: dict[str, Any] = dict(values)
    imp = values["impressionCount"]
    acts = values["clickCount"] + values["likeCount"] + values["commentCount"] + values["shareCount"]
    out["engagement"] = acts / imp if imp else 0.0
    mode = ctx.state.variations.share_fields
    if mode == "minimal":
        gaps = SHARE_GAPS[-1]
    elif mode == "mixed":
        gaps = SHARE_GAPS[seeded(ctx.state.config.seed, "share-fields", *bucket) % len(SHARE_GAPS)]
    else:
        gaps = ()
    for name in gaps:
        del out[name]
    return out


def post_stats(ctx: Ctx, urn: str) -> dict[str, int] | None:
    """Lifetime stats of one post including added activity; None when LinkedIn would not answer."""
    store = ctx.state.store
    post = store.live_post(urn)
    if post is None or post.created < add_months(day_floor(ctx.now), -12):
        return None  # share statistics cover a rolling 12 months
    stats = dict(post.stats)
    stats["likeCount"] += len(post.added_reactions)
    stats["commentCount"] += post.comment_delta
    return stats


def shares(ctx: Ctx) -> Response:
    if ctx.params.get("q") != "organizationalEntity":
        raise errors.unresolved_method()
    _stats_list(ctx, "organizationalEntityShareStatistics", "organizationalEntity")
    ctx.require_scope("social")
    ctx.allow("q", "organizationalEntity", "timeIntervals", "shares", "ugcPosts")
    org = _org_param(ctx, "organizationalEntity")
    share_list = ctx.urn_list("shares")
    ugc_list = ctx.urn_list("ugcPosts")
    if share_list is not None or ugc_list is not None:
        if "timeIntervals" in ctx.params:
            raise errors.unresolved_method()  # emulator choice: per-post statistics are lifetime only
        share_list, ugc_list = share_list or [], ugc_list or []
        if any(not u.startswith("urn:li:share:") for u in share_list) or \
                any(not u.startswith("urn:li:ugcPost:") for u in ugc_list):
            raise errors.invalid_param()
        if len(share_list) + len(ugc_list) > MAX_POSTS_PER_CALL:
            raise errors.bad_request(f"Invalid param. At most {MAX_POSTS_PER_CALL} shares and ugcPosts per request")
        org = _require_admin(ctx, org)
        elements = []
        for field, urns in (("share", share_list), ("ugcPost", ugc_list)):
            for urn in urns:
                post = ctx.state.store.live_post(urn)
                stats = post_stats(ctx, urn) if post is not None and post.org_id == org.id else None
                if stats is not None:
                    elements.append({"organizationalEntity": org.urn, field: urn,
                                     "totalShareStatistics": share_totals(ctx, stats, org.id, urn)})
        return Response(200, ctx.whole(elements))
    window = parse_window(ctx, ("DAY", "MONTH"))
    org = _require_admin(ctx, org)
    if window is None:
        values = {f: org.lifetime(f) + org.added_share.get(f, 0) for f in SHARE_FIELDS}
        element = {"organizationalEntity": org.urn,
                   "totalShareStatistics": share_totals(ctx, values, org.id, "lifetime")}
        return Response(200, ctx.whole([element]))
    elements = [{"organizationalEntity": org.urn, "timeRange": {"start": bs, "end": be},
                 "totalShareStatistics": share_totals(ctx, {f: org.total(f, bs, be) for f in SHARE_FIELDS},
                                                      org.id, bs, be)}
                for bs, be in buckets(*window)]
    return Response(200, ctx.whole(elements))


# page statistics -------------------------------------------------------------------------
def _clicks(org: Org, bs: int | None, be: int | None) -> dict[str, Any]:
    def value(name: str) -> int:
        return org.lifetime(name) if bs is None or be is None else org.total(name, bs, be)

    return {g: {k: value(f"{g}.{k}") for k in CLICK_KEYS} for g in CLICK_GROUPS}


def page(ctx: Ctx) -> Response:
    if ctx.params.get("q") != "organization":
        raise errors.unresolved_method()
    _stats_list(ctx, "organizationPageStatistics", "organization")
    ctx.require_scope("social")
    ctx.allow("q", "organization", "timeIntervals")
    org = _org_param(ctx, "organization")
    window = parse_window(ctx, ("DAY", "MONTH"))
    org = _require_admin(ctx, org)
    variations = ctx.state.variations
    if window is None:
        views = {k: {"pageViews": sum(org.lifetime(s) for s in view_series(k, False))} for k in VIEW_KEYS}
        with_clicks = variations.page_clicks == "present" or (
            variations.page_clicks == "mixed" and seeded(ctx.state.config.seed, "page-clicks", org.id) % 2 == 0)
        total: dict[str, Any] = {"views": views, "clicks": _clicks(org, None, None)} if with_clicks else {
            "views": views}
        element: dict[str, Any] = {"organization": org.urn, "totalPageStatistics": total}
        element.update({k: v for k, v in org.page_facets.items()})
        if not with_clicks:  # recorded views-only answers come with this empty facet
            element["pageStatisticsByTargetedContent"] = []
        return Response(200, ctx.whole([element]))
    elements = []
    for bs, be in buckets(*window):
        views = {k: {"pageViews": sum(org.total(s, bs, be) for s in view_series(k, False)),
                     "uniquePageViews": sum(org.total(s, bs, be) for s in view_series(k, True))}
                 for k in VIEW_KEYS}
        clicks = _clicks(org, bs, be)
        if variations.custom_buttons:
            for device in BUTTON_DEVICES:
                n = org.total(f"{device}CustomButtonClicks", bs, be)
                clicks[f"{device}CustomButtonClickCounts"] = (
                    [{"customButtonType": org.custom_button, "clicks": n}] if n else [])
        elements.append({"organization": org.urn, "timeRange": {"start": bs, "end": be},
                         "totalPageStatistics": {"views": views, "clicks": clicks}})
    return Response(200, ctx.whole(elements))
