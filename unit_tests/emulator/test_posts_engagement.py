"""Posts, batch get, socialMetadata consistency, comments, reactions and video analytics."""
from __future__ import annotations

from typing import Any

import pytest

from .conftest import ORG1, ORG1_URN, Api


def enc(urn: str) -> str:
    return urn.replace(":", "%3A").replace("(", "%28").replace(")", "%29").replace(",", "%2C")


def all_posts(api: Api, sort: str = "LAST_MODIFIED") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    start = 0
    while True:
        page = api.ok("posts", f"q=author&author={ORG1_URN}&sortBy={sort}&start={start}&count=15")["elements"]
        out += page
        if len(page) < 15:
            return out
        start += 15


def test_finder_sorted_and_complete(api: Api, control: Any) -> None:
    truth = control.truth(ORG1, activity=False)
    for sort, field in (("LAST_MODIFIED", "lastModifiedAt"), ("CREATED", "createdAt")):
        posts = all_posts(api, sort)
        assert sorted(p["id"] for p in posts) == sorted(truth["posts"][str(ORG1)])
        assert [p[field] for p in posts] == sorted((p[field] for p in posts), reverse=True)
    for p in posts:
        if "publishedAt" in p:
            assert p["createdAt"] <= p["publishedAt"] <= p["lastModifiedAt"]
    assert any(p["id"].startswith("urn:li:ugcPost:") for p in posts)
    video = [p for p in posts if p["id"] in truth["video_posts"]]
    assert all(p["id"].startswith("urn:li:ugcPost:") and p["content"]["media"]["id"].startswith("urn:li:video:")
               for p in video)


@pytest.mark.parametrize("path, query", [
    ("posts", f"q=author&author={ORG1_URN}&count=101"),
    ("socialActions/urn%3Ali%3Ashare%3A1/comments", "count=101"),
    ("reactions/(entity:urn%3Ali%3Ashare%3A1)", "q=entity&count=101"),
    ("organizationAcls", "q=roleAssignee&count=101"),
])
def test_count_caps(api: Api, path: str, query: str) -> None:
    assert api.get(path, query).status_code == 400


def test_batch_get_keys_and_per_key_errors(api: Api, control: Any) -> None:
    truth = control.truth(activity=False)
    org1_post = truth["posts"][str(ORG1)][0]
    org2_post = truth["posts"]["2415183"][0]
    missing = "urn:li:share:1"
    q = f"ids=List({enc(org1_post)},{enc(org2_post)},{enc(missing)})"
    body = api.ok("posts", q, token="emu-token-not-admin")
    assert body["statuses"] == {enc(org1_post): 200, enc(org2_post): 403, enc(missing): 404}
    assert list(body["results"]) == [enc(org1_post)]
    assert body["errors"][enc(org2_post)]["status"] == 403
    meta = api.ok("socialMetadata", q, token="emu-token-not-admin")
    assert meta["statuses"] == body["statuses"]
    single = api.ok(f"posts/{enc(org1_post)}")
    assert single["id"] == org1_post
    assert api.get(f"posts/{enc(missing)}").status_code == 404
    assert api.get(f"posts/{enc(org2_post)}", token="emu-token-not-admin").status_code == 403


def _served(api: Api, urn: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    comments = api.ok(f"socialActions/{enc(urn)}/comments", "start=0&count=100")["elements"]
    reactions = api.ok(f"reactions/(entity:{enc(urn)})",
                       "q=entity&sort=(value:REVERSE_CHRONOLOGICAL)&start=0&count=100")["elements"]
    return comments, reactions


def test_social_metadata_matches_served(api: Api, control: Any) -> None:
    control.set_variations(comment_order="newest")  # the order checked below; the default is unordered
    urns = control.truth(ORG1, activity=False)["posts"][str(ORG1)][:20]
    meta = api.ok("socialMetadata", f"ids=List({','.join(enc(u) for u in urns)})")["results"]
    for urn in urns:
        comments, reactions = _served(api, urn)
        m = meta[enc(urn)]
        assert m["entity"] == urn
        assert m["commentSummary"]["count"] == len(comments)
        assert m["commentSummary"]["topLevelCount"] == sum(1 for c in comments if "parentComment" not in c)
        assert sum(v["count"] for v in m["reactionSummaries"].values()) == len(reactions)
        legacy = api.ok(f"socialActions/{enc(urn)}")
        assert legacy["likesSummary"]["totalLikes"] == len(reactions)
        assert [c["created"]["time"] for c in comments] == sorted((c["created"]["time"] for c in comments),
                                                                  reverse=True)
        assert len({r["id"] for r in reactions}) == len(reactions)
    assert api.ok(f"socialMetadata/{enc(urns[0])}") == meta[enc(urns[0])]


def test_comment_and_reaction_shapes(api: Api, control: Any) -> None:
    truth = control.truth(ORG1)
    urn = max(truth["comments"], key=lambda u: len(truth["comments"][u]))
    comments, _ = _served(api, urn)
    assert [c["commentUrn"] for c in comments] == truth["comments"][urn]
    c = comments[0]
    assert c["commentUrn"] == f"urn:li:comment:({c['object']},{c['id']})"
    urn = max(truth["reactions"], key=lambda u: len(truth["reactions"][u]))
    _, reactions = _served(api, urn)
    r = reactions[0]
    assert r["id"].startswith("urn:li:reaction:(") and r["reactionType"] in (
        "LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
    assert api.get(f"reactions/(entity:{enc(urn)})", "q=entity", v2=False).status_code == 400


def test_video_analytics(api: Api, control: Any) -> None:
    from linkedin_emulator.timeutil import add_months, now_ms
    truth = control.truth(ORG1, activity=False)
    posts = {p["id"]: p for p in all_posts(api)}
    videos = [posts[u] for u in truth["video_posts"] if u in posts]
    assert videos
    old = [v for v in videos if v["createdAt"] < add_months(now_ms(), -6)]
    recent = [v for v in videos if v["createdAt"] >= add_months(now_ms(), -6)]
    for v in videos:
        body = api.ok("videoAnalytics", f"q=entity&entity={enc(v['id'])}&type=TIME_WATCHED&aggregation=ALL")
        daily = api.ok("videoAnalytics", f"q=entity&entity={enc(v['id'])}&type=TIME_WATCHED&aggregation=DAY")
        assert body["elements"][0]["value"] == sum(e["value"] for e in daily["elements"])
    for v in old:
        assert api.get("videoAnalytics", f"q=entity&entity={enc(v['id'])}&type=VIDEO_VIEW&aggregation=ALL"
                       ).status_code == 400
    for v in recent:
        api.ok("videoAnalytics", f"q=entity&entity={enc(v['id'])}&type=VIEWER&aggregation=DAY")
    text = next(u for u, p in posts.items() if u not in truth["video_posts"])
    assert api.get("videoAnalytics", f"q=entity&entity={enc(text)}&type=TIME_WATCHED&aggregation=ALL"
                   ).status_code == 400
