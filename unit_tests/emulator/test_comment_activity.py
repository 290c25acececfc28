"""Control activity comments_edited / comments_deleted: lastModified moves, counts follow the served comments."""
from __future__ import annotations

from typing import Any

import pytest
import requests

from .conftest import ORG1, ORG1_URN, ORG2, Api
from .test_posts_engagement import _served, enc

SHARES = "organizationalEntityShareStatistics"


def rich_post(api: Api, control: Any) -> str:
    """A post of ORG1 with at least 2 top-level comments without replies and 2 replies."""
    for urn in control.truth(ORG1, activity=False)["posts"][str(ORG1)]:
        comments, _ = _served(api, urn)
        parents = {c.get("parentComment") for c in comments}
        leaves = [c for c in comments if "parentComment" not in c and c["commentUrn"] not in parents]
        if len(leaves) >= 2 and sum("parentComment" in c for c in comments) >= 2:
            return urn
    raise AssertionError("no post with top-level comments and replies in the data set")


def summary(api: Api, urn: str) -> dict[str, Any]:
    return api.ok("socialMetadata", f"ids=List({enc(urn)})")["results"][enc(urn)]["commentSummary"]


def post_comment_count(api: Api, urn: str) -> int:
    kind = "shares" if ":share:" in urn else "ugcPosts"
    elements = api.ok(SHARES, f"q=organizationalEntity&organizationalEntity={ORG1_URN}&{kind}=List({enc(urn)})")
    return int(elements["elements"][0]["totalShareStatistics"]["commentCount"])


def org_comment_count(api: Api) -> int:
    body = api.ok(SHARES, f"q=organizationalEntity&organizationalEntity={ORG1_URN}")
    return int(body["elements"][0]["totalShareStatistics"]["commentCount"])


@pytest.mark.parametrize("n", [1, 2])
def test_edit_moves_last_modified_only(api: Api, control: Any, n: int) -> None:
    urn = rich_post(api, control)
    before, _ = _served(api, urn)
    meta0, post_count0 = summary(api, urn), post_comment_count(api, urn)
    posts0 = api.ok(f"posts/{enc(urn)}")
    out = control.add_activity(ORG1, comments_edited=n, posts=[urn])
    oldest = [c["commentUrn"] for c in sorted(before, key=lambda c: (c["created"]["time"], c["id"]))[:n]]
    assert out["comments_edited"] == {urn: oldest}
    after, _ = _served(api, urn)
    assert [c["commentUrn"] for c in after] == [c["commentUrn"] for c in before]  # same comments, same order
    start = control.truth(activity=False)["start_ms"]
    for old, new in zip(before, after, strict=True):
        assert new["created"] == old["created"]
        if new["commentUrn"] in oldest:
            assert new["lastModified"]["time"] > max(old["lastModified"]["time"], start - 1)
            assert new["message"]["text"] != old["message"]["text"]
        else:
            assert new == old
    assert summary(api, urn) == meta0 and post_comment_count(api, urn) == post_count0
    assert api.ok(f"posts/{enc(urn)}")["lastModifiedAt"] == posts0["lastModifiedAt"]  # a comment is not a post edit


@pytest.mark.parametrize("kind, top_drop", [("top_level", 1), ("reply", 0)])
@pytest.mark.parametrize("n", [1, 2])
def test_delete_drops_counts_everywhere(api: Api, control: Any, kind: str, top_drop: int, n: int) -> None:
    urn = rich_post(api, control)
    before, _ = _served(api, urn)
    meta0, post_count0, org_count0 = summary(api, urn), post_comment_count(api, urn), org_comment_count(api)
    out = control.add_activity(ORG1, comments_deleted=n, deleted_kind=kind, posts=[urn])
    gone = out["comments_deleted"][urn]
    assert len(gone) == n
    after, _ = _served(api, urn)
    assert {c["commentUrn"] for c in after} == {c["commentUrn"] for c in before} - set(gone)
    assert all(c.get("parentComment") not in gone for c in after)  # only comments without replies are deleted
    deleted = [c for c in before if c["commentUrn"] in gone]
    assert all(("parentComment" in c) == (kind == "reply") for c in deleted)
    assert summary(api, urn) == {"count": meta0["count"] - n, "topLevelCount": meta0["topLevelCount"] - top_drop * n}
    legacy = api.ok(f"socialActions/{enc(urn)}")["commentsSummary"]
    assert legacy == {"totalFirstLevelComments": meta0["topLevelCount"] - top_drop * n,
                      "aggregatedTotalComments": meta0["count"] - n}
    assert post_comment_count(api, urn) == post_count0 - n
    assert org_comment_count(api) == org_count0 - n
    assert set(control.truth(ORG1)["comments"][urn]) == {c["commentUrn"] for c in after}


def test_delete_plus_add_keeps_the_count(api: Api, control: Any) -> None:
    urn = rich_post(api, control)
    meta0 = summary(api, urn)
    out = control.add_activity(ORG1, comments_deleted=1, deleted_kind="top_level", comments_on_existing=1,
                               posts=[urn])
    assert summary(api, urn) == meta0  # same count and topLevelCount: a summary cannot tell
    served = {c["commentUrn"] for c in _served(api, urn)[0]}
    assert set(out["comments"][urn]) <= served and not set(out["comments_deleted"][urn]) & served


def test_default_touches_the_newest_posts_round_robin(api: Api, control: Any) -> None:
    truth = control.truth(ORG1)
    with_comments = sum(1 for urn in truth["posts"][str(ORG1)] if truth["comments"][urn])
    assert with_comments >= 2
    out = control.add_activity(ORG1, comments_edited=3, posts_touched=len(truth["posts"][str(ORG1)]))
    assert sum(len(v) for v in out["comments_edited"].values()) == 3 and len(out["comments_edited"]) == 3


@pytest.mark.parametrize("spec", [
    {"comments_deleted": 10_000},                 # more than the touched posts hold
    {"comments_edited": 10_000},
    {"comments_deleted": 1, "deleted_kind": "oldest"},
    {"comments_deleted": -1},
    {"comments_removed": 1},                      # unknown key: a typo must not be a silent no-op
    {"comments_edited": 1, "posts": ["urn:li:share:1"]},
    {"comments_edited": 1, "posts": []},
])
def test_bad_activity_is_rejected_and_changes_nothing(api: Api, control: Any, spec: dict[str, Any]) -> None:
    truth0 = control.truth()
    r = requests.post(f"{api.base}/_emulator/activity", json={"organization": ORG1, "posts_touched": 3, **spec})
    assert r.status_code == 400, r.text
    assert control.truth() == truth0


def test_posts_of_another_organization_are_refused(api: Api, control: Any) -> None:
    other = control.truth(ORG2, activity=False)["posts"][str(ORG2)][0]
    r = requests.post(f"{api.base}/_emulator/activity", json={"organization": ORG1, "posts": [other],
                                                              "comments_on_existing": 1})
    assert r.status_code == 400


def test_reset_restores_edited_and_deleted_comments(api: Api, control: Any) -> None:
    urn = rich_post(api, control)
    before, _ = _served(api, urn)
    control.add_activity(ORG1, comments_edited=1, comments_deleted=1, posts=[urn])
    assert _served(api, urn)[0] != before
    control.reset()  # regenerates from a new start instant: times move, ids and texts come back
    restored = _served(api, urn)[0]
    assert [(c["commentUrn"], c["message"]) for c in restored] == [(c["commentUrn"], c["message"]) for c in before]
