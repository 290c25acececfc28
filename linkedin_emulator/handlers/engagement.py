"""socialMetadata (batch, single), legacy socialActions, comments and reactions."""
from __future__ import annotations

from typing import Any

from .. import errors
from ..context import Ctx, Response, collection
from ..store import REACTION_TYPES, Post
from .posts import batch_answer, readable_post

MAX_COUNT = 100


def metadata(ctx: Ctx, post: Post) -> dict[str, Any]:
    """Counts are computed from exactly the lists the comments/reactions endpoints serve."""
    store = ctx.state.store
    counts = {t: 0 for t in REACTION_TYPES}
    for r in store.reactions(post):
        counts[r["reactionType"]] += 1
    comments = store.comments(post)
    top = sum(1 for c in comments if "parentComment" not in c)
    return {"reactionSummaries": {t: {"reactionType": t, "count": n} for t, n in counts.items() if n},
            "commentSummary": {"count": len(comments), "topLevelCount": top},
            "commentsState": "OPEN", "entity": post.urn}


def metadata_batch(ctx: Ctx) -> Response:
    if "ids" not in ctx.params:
        raise errors.unresolved_method()
    ctx.resolve("socialMetadata", "BATCH_GET")
    ctx.require_scope("engagement")
    ctx.allow("ids")
    return batch_answer(ctx, ctx.urn_list("ids") or [], metadata)


def metadata_one(ctx: Ctx) -> Response:
    ctx.resolve("socialMetadata", "GET")
    ctx.require_scope("engagement")
    ctx.allow()
    return Response(200, metadata(ctx, readable_post(ctx, ctx.path_key("key"))))


def social_actions(ctx: Ctx) -> Response:
    ctx.resolve("socialActions", "GET")
    ctx.require_scope("engagement")
    ctx.allow()
    post = readable_post(ctx, ctx.path_key("key"))
    store = ctx.state.store
    likes = len(store.reactions(post))
    comments = store.comments(post)
    top = sum(1 for c in comments if "parentComment" not in c)
    return Response(200, {"likesSummary": {"totalLikes": likes, "aggregatedTotalLikes": likes,
                                           "likedByCurrentUser": False},
                          "commentsSummary": {"totalFirstLevelComments": top, "aggregatedTotalComments": len(comments)},
                          "target": post.urn})


def comments(ctx: Ctx) -> Response:
    ctx.resolve("comments", "GET_ALL")
    ctx.require_scope("engagement")
    ctx.allow("start", "count")
    start, count = ctx.paging(max_count=MAX_COUNT)
    post = readable_post(ctx, ctx.path_key("key"))
    items = ctx.state.store.comments(post)
    return Response(200, collection(items[start:start + count], start, count))


def reactions(ctx: Ctx) -> Response:
    key = ctx.path_key("key")
    if ctx.params.get("q") != "entity":
        raise errors.unresolved_method()
    ctx.resolve("reactions", "FINDER", "entity")
    ctx.require_scope("engagement")
    ctx.allow("q", "sort", "start", "count")
    if not isinstance(key, dict) or set(key) != {"entity"}:
        raise errors.invalid_param()
    sort = ctx.params.get("sort")
    order = "REVERSE_CHRONOLOGICAL"
    if sort is not None:
        if not isinstance(sort, dict) or set(sort) != {"value"} or sort["value"] not in (
                "REVERSE_CHRONOLOGICAL", "CHRONOLOGICAL", "RELEVANCE"):
            raise errors.invalid_param()
        order = str(sort["value"])
    start, count = ctx.paging(max_count=MAX_COUNT)
    post = readable_post(ctx, key["entity"])
    items = ctx.state.store.reactions(post)
    if order == "CHRONOLOGICAL":
        items = items[::-1]
    return Response(200, collection(items[start:start + count], start, count))
