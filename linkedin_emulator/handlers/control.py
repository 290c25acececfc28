"""/_emulator control API: reset, request log, faults, tokens, latency, activity, delete post, truth."""
from __future__ import annotations

import json
import random
from typing import Any
from urllib.parse import parse_qs, unquote

from .. import errors
from ..generator import COMMENT_ID_BASE, make_comment, make_reaction
from ..state import EmulatorState
from ..store import REACTION_TYPES


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
    if route == "/oauth" and method == "POST":
        # Access tokens issued by later refreshes expire after N successful /rest calls (a mid-sync expiry).
        calls = _body(raw).get("expires_after_calls")
        if calls is not None and (not isinstance(calls, int) or isinstance(calls, bool) or calls < 0):
            raise errors.control_error(400, "expires_after_calls must be a whole number >= 0 or null")
        state.auth.issued_expires_after_calls = calls
        return 200, {"expires_after_calls": calls}
    if route == "/latency" and method == "POST":
        ms = _body(raw).get("ms")
        if not isinstance(ms, int) or ms < 0:
            raise errors.control_error(400, 'expected {"ms": N}')
        state.latency_ms = ms
        return 200, {"ok": True, "ms": ms}
    if route == "/activity" and method == "POST":
        return 200, _activity(state, _body(raw))
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
                     "latency_ms": state.latency_ms, "start_ms": state.start_ms}
    raise errors.control_error(404, f"unknown control endpoint {method} {path}")


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


def _activity(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    store = state.store
    try:
        org = store.org_by_id[int(spec["organization"])]
    except (KeyError, ValueError, TypeError):
        raise errors.control_error(400, "organization must be a known organization id") from None
    now = state.now()
    state.activity_counter += 1
    rng = random.Random(state.config.seed * 1000 + state.activity_counter)
    existing = sorted((p for p in store.posts_by_org[org.id] if not p.deleted),
                      key=lambda p: (p.created, p.urn), reverse=True)
    touched = existing[:max(1, int(spec.get("posts_touched", 1)))] if existing else []
    out: dict[str, Any] = {"posts": [], "comments": {}, "reactions": {}, "edited": []}
    n_comments = int(spec.get("comments_on_existing", 0))
    n_reactions = int(spec.get("reactions_on_existing", 0))
    if (n_comments or n_reactions) and not touched:
        raise errors.control_error(400, "organization has no posts to add activity to")
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
    for k in range(int(spec.get("posts_edited", 0))):
        # an edit bumps lastModifiedAt (comments and reactions never do); older posts are edited
        idx = len(existing) // 2 + k
        if idx < len(existing):
            post = existing[idx]
            post.last_modified = now + k
            post.edited = True
            out["edited"].append(post.urn)
    for k in range(int(spec.get("new_posts", 0))):
        seq = len(store.posts_by_org[org.id])
        post = state.generator.make_post(store, org, seq, now + k, rng, fresh=True)
        post.published = post.last_modified = now + k
        store.add_post(post)
        out["posts"].append(post.urn)
    return out


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
                comments[p.urn] = [c["commentUrn"] for c in store.comments(p)]
                reactions[p.urn] = [r["id"] for r in store.reactions(p)]
    return {"organizations": [o.id for o in store.orgs], "vanity_names": {str(o.id): o.vanity for o in store.orgs},
            "posts": posts, "comments": comments, "reactions": reactions, "video_posts": video,
            "versions": state.versions, "start_ms": state.start_ms, "anchor_day_ms": store.anchor_day_ms}
