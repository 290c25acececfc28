"""posts (author finder, batch get, single get) and videoAnalytics."""
from __future__ import annotations

from typing import Any

from .. import errors
from ..auth import POST_ROLES
from ..context import Ctx, Response, org_id_from_urn
from ..store import Post
from ..timeutil import DAY_MS, add_months, day_floor
from ..variations import seeded

MAX_COUNT = 100
VIDEO_TYPES = ("VIDEO_VIEW", "VIEWER", "TIME_WATCHED", "TIME_WATCHED_FOR_VIDEO_VIEWS")
RECENT_ONLY_TYPES = ("VIDEO_VIEW", "VIEWER")


def post_json(ctx: Ctx, post: Post) -> dict[str, Any]:
    out: dict[str, Any] = {"id": post.urn, **post.body, "lifecycleState": post.lifecycle,
                           "lifecycleStateInfo": {"isEditedByAuthor": post.edited}, "createdAt": post.created,
                           "lastModifiedAt": post.last_modified}
    if post.published is not None:
        out["publishedAt"] = post.published
    if ctx.state.variations.sparse:
        # production leaves out what is empty or default; `content` and `reshareContext` are already absent
        # when the post has none (see Generator.make_post)
        distribution = out["distribution"]
        if not distribution.get("targetEntities"):
            out["distribution"] = {k: v for k, v in distribution.items() if k != "targetEntities"}
        if not post.edited and seeded(ctx.state.config.seed, "lifecycle-info", post.urn) % 2:
            del out["lifecycleStateInfo"]  # only where it would say isEditedByAuthor: false
    return out


def batch_answer(ctx: Ctx, ids: list[str], render: Any) -> Response:
    """BATCH_GET of posts or their summaries: 404 for a missing or deleted post, 403 without a role."""
    def answer(urn: str) -> Any:
        post = ctx.state.store.live_post(urn)
        if post is None:
            return 404
        if not ctx.has_role(post.org_id, POST_ROLES):
            return 403
        return render(ctx, post)

    return ctx.batch(ids, answer)


def readable_post(ctx: Ctx, urn: Any) -> Post:
    """Live post the token may read, or the matching 400/404/403."""
    if not isinstance(urn, str) or not (urn.startswith("urn:li:share:") or urn.startswith("urn:li:ugcPost:")):
        raise errors.invalid_param()
    post = ctx.state.store.live_post(urn)
    if post is None:
        raise errors.not_found()
    ctx.require_role(post.org_id, POST_ROLES)
    return post


def collection(ctx: Ctx) -> Response:
    if "ids" in ctx.params:
        ctx.resolve("posts", "BATCH_GET")
        ctx.require_scope("social")
        ctx.allow("ids")
        return batch_answer(ctx, ctx.urn_list("ids") or [], post_json)
    if ctx.params.get("q") != "author":
        raise errors.unresolved_method()
    ctx.resolve("posts", "FINDER", "author")
    ctx.require_scope("social")
    ctx.allow("q", "author", "sortBy", "start", "count", "viewContext")
    author = ctx.text("author")
    sort_by = ctx.text("sortBy", required=False) or "LAST_MODIFIED"
    view = ctx.text("viewContext", required=False)
    if sort_by not in ("LAST_MODIFIED", "CREATED") or view not in (None, "AUTHOR", "READER"):
        raise errors.invalid_param()
    start, count = ctx.paging(max_count=MAX_COUNT)
    oid = org_id_from_urn(author or "")
    if oid is None:
        raise errors.invalid_param()
    if oid not in ctx.state.store.org_by_id:
        raise ctx._denied()
    ctx.require_role(oid, POST_ROLES)
    live = [p for p in ctx.state.store.posts_by_org[oid] if not p.deleted]
    if sort_by == "CREATED":
        live.sort(key=lambda p: (p.created, p.urn), reverse=True)
    else:
        live.sort(key=lambda p: (p.last_modified, p.urn), reverse=True)
    body = ctx.page(live, start, count)
    body["elements"] = [post_json(ctx, p) for p in body["elements"]]
    return Response(200, body)


def get_one(ctx: Ctx) -> Response:
    ctx.resolve("posts", "GET")
    ctx.require_scope("social")
    ctx.allow("viewContext")
    return Response(200, post_json(ctx, readable_post(ctx, ctx.path_key("key"))))


def video_analytics(ctx: Ctx) -> Response:
    if ctx.params.get("q") != "entity":
        raise errors.unresolved_method()
    ctx.resolve("videoAnalytics", "FINDER", "entity")
    ctx.require_scope("social")
    ctx.allow("q", "entity", "type", "aggregation", "timeRange")
    kind = ctx.text("type")
    aggregation = ctx.text("aggregation", required=False) or "ALL"
    if kind not in VIDEO_TYPES or aggregation not in ("DAY", "ALL"):
        raise errors.invalid_param()
    t_range = ctx.params.get("timeRange")
    lo, hi = None, None
    if t_range is not None:
        if not isinstance(t_range, dict) or set(t_range) - {"start", "end"} or not all(
                isinstance(v, str) and v.isdigit() for v in t_range.values()):
            raise errors.invalid_param()
        lo = int(t_range["start"]) if "start" in t_range else None
        hi = int(t_range["end"]) if "end" in t_range else None
        if lo is not None and hi is not None and lo >= hi:
            raise errors.bad_request("Invalid param. timeRange start must be before end")
    post = readable_post(ctx, ctx.text("entity"))
    if not post.is_video:
        raise errors.bad_request("Invalid param. The entity is not a video post")
    if kind in RECENT_ONLY_TYPES and post.created < add_months(ctx.now, -6):
        raise errors.bad_request(f"Invalid param. {kind} is not available for videos older than 6 months")
    gen = ctx.state.generator
    first = day_floor(post.published or post.created)
    begin = max(first, day_floor(lo)) if lo is not None else first
    stop = min(gen.anchor, hi) if hi is not None else gen.anchor  # whole days up to the data anchor
    days = []
    d = begin
    while d + DAY_MS <= stop:
        days.append((d, gen.video_daily(post, d)[kind]))
        d += DAY_MS
    if aggregation == "DAY":
        elements = [{"entity": post.urn, "statisticsType": kind, "value": v,
                     "timeRange": {"start": s, "end": s + DAY_MS}} for s, v in days]
    else:
        elements = [{"entity": post.urn, "statisticsType": kind, "value": sum(v for _, v in days),
                     "timeRange": {"start": lo if lo is not None else first, "end": hi if hi is not None else stop}}]
    return Response(200, ctx.whole(elements))
