"""socialMetadata (batch, single), legacy socialActions, comments and reactions."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import errors
from ..context import Ctx, Response
from ..state import EmulatorState
from ..store import REACTION_TYPES, Post
from ..variations import seeded
from .posts import batch_answer, readable_post

MAX_COUNT = 100
URN_FORMS = ("commentUrn", "$URN", "both", "neither")  # what comment_urn=mixed picks from, per comment


@lru_cache(maxsize=1 << 16)
def _order_key(seed: int, post_urn: str, comment_id: str) -> int:
    # cached: every page of a long comment list re-sorts the whole list
    return seeded(seed, "comment-order", post_urn, comment_id)


def served_comments(state: EmulatorState, post: Post) -> list[dict[str, Any]]:
    """Every comment of the post in the order the comments finder serves them (the comment_order variation).

    `unordered` sorts on a seeded key per comment: the permutation is the same on every page and call, and a
    comment added later gets a key of its own, so it lands anywhere in the list, not at an end.
    """
    items = state.store.comments(post)  # newest first
    order = state.variations.comment_order
    if order == "oldest":
        return items[::-1]
    if order == "unordered":
        seed = state.config.seed
        return sorted(items, key=lambda c: _order_key(seed, post.urn, c["id"]))
    return items


def shown_comment(c: dict[str, Any], mode: str, seed: int) -> dict[str, Any]:
    """A comment as served: its URN under commentUrn, $URN, both or neither (comment_urn variation)."""
    if mode == "mixed":
        mode = URN_FORMS[seeded(seed, "comment-urn", c["id"]) % len(URN_FORMS)]
    if mode == "commentUrn":
        return c
    urn = c["commentUrn"]  # always urn:li:comment:({object},{id}), the form a client builds when both are absent
    out = {k: v for k, v in c.items() if mode == "both" or k != "commentUrn"}
    if mode in ("$URN", "both"):
        out = {"$URN": urn, **out}
    return out


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
    body = ctx.page(served_comments(ctx.state, post), start, count)
    mode, seed = ctx.state.variations.comment_urn, ctx.state.config.seed
    body["elements"] = [shown_comment(c, mode, seed) for c in body["elements"]]
    return Response(200, body)


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
    return Response(200, ctx.page(items, start, count))
