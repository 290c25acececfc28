"""/_emulator control API: reset, log, faults, tokens, latency, clock, variations, activity, restate, delete
post, truth."""
from __future__ import annotations

import json
import random
from typing import Any
from urllib.parse import parse_qs, unquote

from .. import errors
from ..generator import COMMENT_ID_BASE, make_comment, make_reaction
from ..state import EmulatorState
from ..store import REACTION_TYPES, Post
from ..timeutil import DAY_MS, day_floor
from . import oauth
from .engagement import served_comments


def _body(raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise errors.control_error(400, "body must be JSON") from None
    if not isinstance(data, dict):
        raise errors.control_error(400, "body must be a JSON object")
    return data


def handle(state: EmulatorState, method: str, path: str, query: str, raw: bytes) -> tuple[int, Any]:
    route = path[len("/_emulator"):].rstrip("/")
    q = {k: v[0] for k, v in parse_qs(query).items()}
    if route == "/health" and method == "GET":
        return 200, {"ok": True}
    if route == "/reset" and method == "POST":
        state.reset()
        return 200, {"ok": True, "build_seconds": round(state.build_seconds, 3)}
    if route == "/requests":
        if method == "GET":
            return 200, state.log.list(q.get("resource"), int(q.get("since", "0")))
        if method == "DELETE":
            state.log.clear()
            return 200, {"ok": True}
    if route == "/faults":
        if method == "GET":
            return 200, {"faults": [f.to_json() for f in state.faults.faults],
                         "day_limit_hit": state.faults.day_limit_hit}
        if method == "POST":
            specs = _body(raw).get("faults")
            if not isinstance(specs, list):
                raise errors.control_error(400, 'expected {"faults": [...]}')
            try:
                added = state.faults.add(specs)
            except (ValueError, TypeError) as exc:
                raise errors.control_error(400, str(exc)) from None
            return 200, {"ok": True, "added": [f.to_json() for f in added]}
        if method == "DELETE":
            state.faults.clear()
            return 200, {"ok": True}
    if route == "/tokens" and method == "POST":
        return 200, _add_token(state, _body(raw))
    if route == "/oauth":
        # The emulated app's OAuth settings (consent, redirect URIs, token lives...): see handlers/oauth.py.
        if method == "GET":
            return 200, oauth.settings(state.auth)
        if method == "POST":
            return 200, oauth.configure(state, _body(raw))
    if route == "/latency" and method == "POST":
        ms = _body(raw).get("ms")
        if not isinstance(ms, int) or ms < 0:
            raise errors.control_error(400, 'expected {"ms": N}')
        state.latency_ms = ms
        return 200, {"ok": True, "ms": ms}
    if route == "/variations":
        if method == "GET":
            return 200, state.variations.to_json()
        if method == "POST":
            # a partial update: switches not named keep their current value; reset brings back the CLI values
            try:
                state.variations = state.variations.updated(_body(raw))
            except ValueError as exc:
                raise errors.control_error(400, str(exc)) from None
            return 200, state.variations.to_json()
    if route == "/clock" and method in ("GET", "POST"):
        return 200, _clock(state, _body(raw) if method == "POST" else {})
    if route == "/activity" and method == "POST":
        return 200, _activity(state, _body(raw))
    if route == "/restate" and method == "POST":
        return 200, _restate(state, _body(raw))
    if route.startswith("/posts/") and method == "DELETE":
        urn = unquote(route[len("/posts/"):])
        post = state.store.live_post(urn)
        if post is None:
            raise errors.control_error(404, f"no live post {urn}")
        post.deleted = True
        return 200, {"ok": True, "deleted": urn}
    if route == "/truth" and method == "GET":
        return 200, _truth(state, q)
    if route == "/config" and method == "GET":
        cfg = state.config
        return 200, {"seed": cfg.seed, "orgs": cfg.orgs, "posts": cfg.posts, "days": cfg.days,
                     "comments": cfg.comments, "reactions": cfg.reactions, "versions": state.versions,
                     "latency_ms": state.latency_ms, "start_ms": state.start_ms,
                     "variations": cfg.variations.to_json()}
    raise errors.control_error(404, f"unknown control endpoint {method} {path}")


def _clock(state: EmulatorState, spec: dict[str, Any]) -> dict[str, int]:
    """`{"advance_ms": N}` or `{"set_ms": T}` shifts "now" (window rules, token expiry, activity times); {} reads it."""
    if set(spec) - {"advance_ms", "set_ms"} or len(spec) > 1:
        raise errors.control_error(400, 'expected {"advance_ms": N} or {"set_ms": EPOCH_MS}')
    value = next(iter(spec.values()), 0)
    if not isinstance(value, int) or isinstance(value, bool) or ("set_ms" in spec and value < 0):
        raise errors.control_error(400, "advance_ms and set_ms must be whole numbers of milliseconds")
    return state.shift_clock(spec.get("advance_ms"), spec.get("set_ms"))


def _add_token(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    value = spec.get("token")
    if not isinstance(value, str) or not value:
        raise errors.control_error(400, "token is required")
    scopes = spec.get("scopes", [])
    status = spec.get("status", "active")
    if not isinstance(scopes, list) or status not in ("active", "expired", "revoked"):
        raise errors.control_error(400, "scopes must be a list; status active|expired|revoked")
    roles_in = spec.get("roles")
    roles: dict[int, list[str]] | None = None
    if roles_in is not None:
        if not isinstance(roles_in, dict):
            raise errors.control_error(400, "roles must map organization id to role(s)")
        roles = {int(k): ([v] if isinstance(v, str) else list(v)) for k, v in roles_in.items()}
    tok = state.auth.add(value, [str(s) for s in scopes], str(spec.get("member", "urn:li:person:emuAdmin")), roles,
                         status, spec.get("expires_after_calls"), state.now(), spec.get("expires_in"))
    return {"ok": True, "label": tok.label}


ACTIVITY_KEYS = {"organization", "new_posts", "comments_on_existing", "reactions_on_existing", "posts_touched",
                 "posts_edited", "posts", "comments_edited", "comments_deleted", "deleted_kind"}
DELETED_KINDS = ("any", "top_level", "reply")


def _count(spec: dict[str, Any], name: str) -> int:
    value = spec.get(name, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise errors.control_error(400, f"{name} must be a whole number >= 0")
    return value


def _spread(posts: list[Post], candidates: dict[str, list[dict[str, Any]]], n: int,
            what: str) -> list[tuple[Post, dict[str, Any]]]:
    """n (post, comment) pairs, round robin over the posts that still have candidates; 400 if too few."""
    if sum(len(candidates[p.urn]) for p in posts) < n:
        raise errors.control_error(400, f"the touched posts have fewer than {n} comments to {what}")
    picked: list[tuple[Post, dict[str, Any]]] = []
    taken = {p.urn: 0 for p in posts}
    while len(picked) < n:
        for post in posts:
            if len(picked) < n and taken[post.urn] < len(candidates[post.urn]):
                picked.append((post, candidates[post.urn][taken[post.urn]]))
                taken[post.urn] += 1
    return picked


def _touched(store: Any, org: Any, spec: dict[str, Any], existing: list[Post]) -> list[Post]:
    """The posts given in `posts`, else the `posts_touched` newest ones."""
    if "posts" not in spec:
        return existing[:max(1, int(spec.get("posts_touched", 1)))] if existing else []
    urns = spec["posts"]
    if not isinstance(urns, list) or not urns:
        raise errors.control_error(400, "posts must be a non-empty list of post URNs")
    out = []
    for urn in urns:
        post = store.live_post(urn) if isinstance(urn, str) else None
        if post is None or post.org_id != org.id:
            raise errors.control_error(400, f"{urn} is not a live post of organization {org.id}")
        out.append(post)
    return out


def _activity(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    store = state.store
    unknown = set(spec) - ACTIVITY_KEYS
    if unknown:
        raise errors.control_error(400, f"unknown activity keys {sorted(unknown)}")
    try:
        org = store.org_by_id[int(spec["organization"])]
    except (KeyError, ValueError, TypeError):
        raise errors.control_error(400, "organization must be a known organization id") from None
    n_comments, n_reactions = _count(spec, "comments_on_existing"), _count(spec, "reactions_on_existing")
    n_edited, n_deleted = _count(spec, "comments_edited"), _count(spec, "comments_deleted")
    kind = spec.get("deleted_kind", "any")
    if kind not in DELETED_KINDS:
        raise errors.control_error(400, f"deleted_kind must be one of {', '.join(DELETED_KINDS)}")
    existing = sorted((p for p in store.posts_by_org[org.id] if not p.deleted),
                      key=lambda p: (p.created, p.urn), reverse=True)
    touched = _touched(store, org, spec, existing)
    if (n_comments or n_reactions or n_edited or n_deleted) and not touched:
        raise errors.control_error(400, "organization has no posts to add activity to")
    # Edits and deletions act on the comments present before this call; plan both before changing anything.
    served = {p.urn: store.comments(p) for p in touched} if n_edited or n_deleted else {}
    edits = _spread(touched, {u: cs[::-1] for u, cs in served.items()}, n_edited, "edit") if n_edited else []
    edited_ids = {c["id"] for _, c in edits}
    deletions: list[tuple[Post, dict[str, Any]]] = []
    if n_deleted:
        leaves: dict[str, list[dict[str, Any]]] = {}
        for urn, cs in served.items():
            parents = {c.get("parentComment") for c in cs}
            leaves[urn] = [c for c in cs if c["commentUrn"] not in parents and c["id"] not in edited_ids and (
                kind == "any" or (kind == "reply") == ("parentComment" in c))]  # newest first
        deletions = _spread(touched, leaves, n_deleted, "delete")
    now = state.now()
    state.activity_counter += 1
    rng = random.Random(state.config.seed * 1000 + state.activity_counter)
    out: dict[str, Any] = {"posts": [], "comments": {}, "reactions": {}, "edited": [], "comments_edited": {},
                           "comments_deleted": {}}
    for k, (post, c) in enumerate(edits):
        post.edited_comments[c["id"]] = now + k  # lastModified moves; counts do not
        out["comments_edited"].setdefault(post.urn, []).append(c["commentUrn"])
    for post, c in deletions:
        post.deleted_comments.add(c["id"])
        post.edited_comments.pop(c["id"], None)
        org.added_share["commentCount"] = org.added_share.get("commentCount", 0) - 1
        out["comments_deleted"].setdefault(post.urn, []).append(c["commentUrn"])
    for k in range(n_comments):
        post = touched[k % len(touched)]
        j = 5000 + len(post.added_comments)  # generated comments use j < 5000
        cid = str(COMMENT_ID_BASE + (post.org_index * 1_000_000_000 + post.seq) * 10_000 + j)
        actor = f"urn:li:person:emuNew{state.activity_counter}x{k}"
        c = make_comment(post, cid, actor, f"New comment {k + 1}", now + k, now + k, None)
        post.added_comments.append(c)
        org.added_share["commentCount"] = org.added_share.get("commentCount", 0) + 1
        out["comments"].setdefault(post.urn, []).append(c["commentUrn"])
    for k in range(n_reactions):
        post = touched[k % len(touched)]
        actor = f"urn:li:person:emuFan{state.activity_counter}x{k}"
        r = make_reaction(post, actor, rng.choice(REACTION_TYPES), now + k)
        post.added_reactions.append(r)
        org.added_share["likeCount"] = org.added_share.get("likeCount", 0) + 1
        out["reactions"].setdefault(post.urn, []).append(r["id"])
    for k in range(_count(spec, "posts_edited")):
        # an edit bumps lastModifiedAt (comments and reactions never do); older posts are edited
        idx = len(existing) // 2 + k
        if idx < len(existing):
            post = existing[idx]
            post.last_modified = now + k
            post.edited = True
            out["edited"].append(post.urn)
    for k in range(_count(spec, "new_posts")):
        seq = len(store.posts_by_org[org.id])
        post = state.generator.make_post(store, org, seq, now + k, rng, fresh=True)
        post.published = post.last_modified = now + k
        store.add_post(post)
        out["posts"].append(post.urn)
    return out


# family -> daily series restated when `series` names the family
RESTATE_FAMILIES = {"followers": "organicFollowerGain", "shares": "impressionCount",
                    "pages": "desktopOverviewPageViews"}


def _restate(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    """Change one day's value of one daily series; DAY/WEEK/MONTH buckets and lifetime sums follow."""
    unknown = set(spec) - {"organization", "days_ago", "series", "delta"}
    if unknown:
        raise errors.control_error(400, f"unknown restate keys {sorted(unknown)}")
    try:
        org = state.store.org_by_id[int(spec["organization"])]
    except (KeyError, ValueError, TypeError):
        raise errors.control_error(400, "organization must be a known organization id") from None
    days_ago, delta = spec.get("days_ago"), spec.get("delta")
    if not isinstance(days_ago, int) or isinstance(days_ago, bool) or days_ago < 1:
        raise errors.control_error(400, "days_ago must be a whole number >= 1")
    if not isinstance(delta, int) or isinstance(delta, bool):
        raise errors.control_error(400, "delta must be a whole number")
    name = str(spec.get("series", ""))
    name = RESTATE_FAMILIES.get(name, name)
    if name not in org.series or name.endswith("Unique"):
        raise errors.control_error(400, f"series must be one of {', '.join(RESTATE_FAMILIES)} or a daily series "
                                        "name such as paidFollowerGain, clickCount, mobileCareersPageViews")
    day = day_floor(state.now()) - days_ago * DAY_MS
    values = org.series[name]
    idx = (day - org.data_start_ms) // DAY_MS
    if not 0 <= idx < len(values):
        raise errors.control_error(400, f"days_ago {days_ago} is outside the {len(values)} days of data")
    before = values[idx]
    if before + delta < 0:
        raise errors.control_error(400, f"the day holds {before}; delta {delta} would make it negative")
    values[idx] = before + delta
    unique = {"impressionCount": "uniqueImpressionsCount"}.get(name, name.replace("PageViews", "Unique"))
    if unique != name and unique in org.series:  # a unique count never exceeds its total
        org.series[unique][idx] = min(org.series[unique][idx], values[idx])
    org.finish_series()
    if name in ("organicFollowerGain", "paidFollowerGain"):
        # lifetime demographics follow the follower total: the largest value of each facet takes the change
        counter = "organicFollowerCount" if name == "organicFollowerGain" else "paidFollowerCount"
        for facet, items in org.follower_facets.items():
            if items and facet != "followerCountsByAssociationType":
                counts = items[0]["followerCounts"]
                counts[counter] = max(0, counts[counter] + delta)
    return {"organization": org.id, "series": name, "timeRange": {"start": day, "end": day + DAY_MS},
            "before": before, "after": values[idx]}


def _truth(state: EmulatorState, q: dict[str, str]) -> dict[str, Any]:
    store = state.store
    orgs = store.orgs
    if "organization" in q:
        orgs = [o for o in orgs if str(o.id) == q["organization"]]
    with_activity = q.get("activity", "1") != "0"
    posts: dict[str, list[str]] = {}
    comments: dict[str, list[str]] = {}
    reactions: dict[str, list[str]] = {}
    video: list[str] = []
    for org in orgs:
        live = [p for p in store.posts_by_org[org.id] if not p.deleted]
        posts[str(org.id)] = [p.urn for p in live]
        video += [p.urn for p in live if p.is_video]
        if with_activity:
            for p in live:
                # canonical URNs whatever comment_urn says, in the order the comments finder serves them
                comments[p.urn] = [c["commentUrn"] for c in served_comments(state, p)]
                reactions[p.urn] = [r["id"] for r in store.reactions(p)]
    return {"organizations": [o.id for o in store.orgs], "vanity_names": {str(o.id): o.vanity for o in store.orgs},
            "posts": posts, "comments": comments, "reactions": reactions, "video_posts": video,
            "versions": state.versions, "start_ms": state.start_ms, "anchor_day_ms": store.anchor_day_ms}
