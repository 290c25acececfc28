"""LinkedIn as it really answers (issue 10): every recorded production variation, no ordering assumption, no
engagement lost after a refused or missing post, and socialMetadata asked once per post per sync."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from integration_tests.harness import (
    FULL_TOKEN,
    assert_valid_and_unique,
    final_states,
    make_config,
    read,
    records_by_stream,
)

ORG1, ORG2 = 2414183, 2415183
ORGS = [str(ORG1), str(ORG2)]
EVERYTHING = None  # every stream
ENGAGEMENT = ["posts", "post_engagement", "comments", "reactions"]

# Each switch of the emulator's answer variations (linkedin_emulator/variations.py), one at a time.
VARIATIONS = [
    {"comment_urn": "commentUrn"}, {"comment_urn": "$URN"}, {"comment_urn": "both"}, {"comment_urn": "neither"},
    {"comment_urn": "mixed"},
    {"comment_order": "newest"}, {"comment_order": "oldest"}, {"comment_order": "unordered"},
    {"paging_total": "all", "paging_links": "present"}, {"paging_total": "none", "paging_links": "absent"},
    {"paging_links": "empty"},
    {"sparse": True}, {"sparse": False},
    {"page_clicks": "absent"}, {"page_clicks": "mixed"}, {"custom_buttons": False},
    {"share_fields": "minimal"}, {"share_fields": "mixed"},
    {"org_extras": False},
    {"batch_keys": "raw"}, {"batch_keys": "mixed"},
]


def label(variation: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in variation.items())


def all_keys(mapping: dict[str, list[str]]) -> set[str]:
    return {key for keys in mapping.values() for key in keys}


def served_comments(url: str, post: str) -> dict[str, dict[str, Any]]:
    """The post's comments straight from the emulator, by canonical URN (the content the records must carry)."""
    quoted = requests.utils.quote(post, safe="")
    headers = {"Authorization": f"Bearer {FULL_TOKEN}", "LinkedIn-Version": "202610",
               "X-Restli-Protocol-Version": "2.0.0"}
    items: list[dict[str, Any]] = []
    start = 0
    while True:
        page = requests.get(f"{url}/rest/socialActions/{quoted}/comments?start={start}&count=100", headers=headers,
                            timeout=30).json()["elements"]
        items += page
        if len(page) < 100:
            break
        start += 100
    return {f"urn:li:comment:({item['object']},{item['id']})": item for item in items}


@pytest.mark.parametrize("variation", VARIATIONS, ids=label)
def test_a_full_sync_equals_linkedins_truth_under_every_variation(url, emulator, variation):
    emulator.set_variations(**variation)
    config = make_config(url, org_ids=ORGS, video_analytics_max_age_days=366)
    output = read(config, EVERYTHING)
    assert not output.errors, [e.trace.error.message for e in output.errors]
    grouped = records_by_stream(output)
    assert_valid_and_unique(config, grouped)  # typed schemas hold, primary keys unique (never null)
    truth = emulator.truth()
    assert {r["id"] for r in grouped["posts"]} == all_keys(truth["posts"])
    assert {r["commentUrn"] for r in grouped["comments"]} == all_keys(truth["comments"])
    assert {r["id"] for r in grouped["reactions"]} == all_keys(truth["reactions"])
    assert {r["entity"] for r in grouped["post_engagement"]} == all_keys(truth["posts"])
    for stream in ("organization_lookup", "follower_statistics", "share_statistics", "page_statistics",
                   "follower_statistics_time_bound", "share_statistics_time_bound", "page_statistics_time_bound"):
        assert len(grouped[stream]) >= 2, stream
    # Content, not only keys: each comment record is LinkedIn's element plus the connector's fields.
    by_urn = {r["commentUrn"]: r for r in grouped["comments"]}
    post = max(truth["comments"], key=lambda p: len(truth["comments"][p]))
    for urn, item in served_comments(url, post).items():
        record = by_urn[urn]
        assert {k: record[k] for k in item} == item
        assert record["createdAt"] == item["created"]["time"] and record["post"] == post


@pytest.mark.parametrize("order", ["newest", "oldest", "unordered"])
def test_an_incremental_sync_misses_nothing_on_posts_with_several_pages_of_comments(url, emulator, order):
    emulator.set_variations(comment_order=order)
    config = make_config(url, org_ids=[str(ORG1)], lookback_window_days=2)
    first = read(config, ENGAGEMENT)
    assert not first.errors
    truth = emulator.truth(ORG1)
    busy, other = truth["posts"][str(ORG1)][:2]
    # 250 comments on one post (three pages of 100), a few on another, reactions on both.
    emulator.add_activity(ORG1, comments_on_existing=250, reactions_on_existing=120, posts=[busy])
    emulator.add_activity(ORG1, comments_on_existing=3, reactions_on_existing=2, posts=[other])
    emulator.clear_requests()
    second = read(config, ENGAGEMENT, state=final_states(first))
    assert not second.errors
    after = emulator.truth(ORG1)
    synced = {r["commentUrn"] for run in (first, second) for r in records_by_stream(run).get("comments", [])}
    assert synced == all_keys(after["comments"])
    reacted = {r["id"] for run in (first, second) for r in records_by_stream(run).get("reactions", [])}
    assert reacted == all_keys(after["reactions"])
    new = set(after["comments"][busy]) - set(truth["comments"][busy])
    assert len(new) == 250 and new <= {r["commentUrn"] for r in records_by_stream(second)["comments"]}
    pages = [e for e in emulator.requests("comments") if busy.replace(":", "%3A") in e["path"]]
    if order == "newest":
        assert len(pages) <= 3  # the pages prove newest-first: read down to the cursor only
    else:
        assert len(pages) == math.ceil(len(after["comments"][busy]) / 100) + (len(after["comments"][busy]) % 100 == 0)


@pytest.mark.parametrize("refusal", [{"status": 403}, {"status": 0}], ids=["403", "left out of the answer"])
def test_no_comment_or_reaction_is_lost_after_a_refused_post(url, emulator, refusal):
    """Activity on P, days later on Q; a sync with P refused; a clean sync: the union of the syncs holds everything.

    P's items are older than the organization's new cursor minus the lookback, so reading P from the
    organization's cursor would filter them out: P must be read from its own watermark.
    """
    config = make_config(url, org_ids=[str(ORG1)], lookback_window_days=2)
    streams = ["comments", "reactions"]
    runs = [read(config, streams)]
    posts = emulator.truth(ORG1)["posts"][str(ORG1)]
    p, q = posts[3], posts[7]
    emulator.add_activity(ORG1, comments_on_existing=2, reactions_on_existing=2, posts=[p])
    emulator.advance_clock(3 * 86_400_000)
    emulator.add_activity(ORG1, comments_on_existing=2, reactions_on_existing=2, posts=[q])
    emulator.add_faults({"kind": "batch_key_error", "resource": "socialMetadata", "keys": [p], **refusal})
    runs.append(read(config, streams, state=final_states(runs[-1])))
    emulator.clear_faults()
    second = records_by_stream(runs[-1])
    assert p not in {r["post"] for r in second.get("comments", [])} and q in {r["post"] for r in second["comments"]}
    emulator.add_activity(ORG1, comments_on_existing=1, posts=[q])  # the cursor moves on meanwhile
    runs.append(read(config, streams, state=final_states(runs[-1])))
    assert not any(run.errors for run in runs)
    truth = emulator.truth(ORG1)
    synced = {r["commentUrn"] for run in runs for r in records_by_stream(run).get("comments", [])}
    assert synced == all_keys(truth["comments"])
    reacted = {r["id"] for run in runs for r in records_by_stream(run).get("reactions", [])}
    assert reacted == all_keys(truth["reactions"])


def test_social_metadata_is_asked_once_per_post_per_sync(url, emulator):
    config = make_config(url, org_ids=ORGS)
    states = None
    for _ in ("full", "incremental"):
        emulator.clear_requests()
        output = read(config, ["posts", "post_statistics", "post_engagement", "comments", "reactions"], state=states)
        assert not output.errors
        truth = emulator.truth()
        asked = [key for e in emulator.requests("socialMetadata") for key in e["params"]["ids"]]
        assert sorted(asked) == sorted(all_keys(truth["posts"]))  # each post exactly once
        per_org = [math.ceil(len(posts) / 50) for posts in truth["posts"].values()]
        assert len(emulator.requests("socialMetadata")) == sum(per_org)
        states = final_states(output)


def test_the_acls_listing_refused_as_a_whole_still_reads_the_configured_organizations(url, emulator):
    config = make_config(url, token="emu-token-acl-revoked", org_ids=ORGS)
    output = read(config, ["organization_lookup", "follower_statistics", "posts"])
    assert not output.errors, [e.trace.error.message for e in output.errors]
    grouped = records_by_stream(output)
    assert {r["id"] for r in grouped["organization_lookup"]} == {ORG1, ORG2}
    assert any("organizationAcls answered 403" in m.log.message for m in output.logs)


@pytest.mark.parametrize("fault", [
    {"kind": "429_plain_day", "count": 1},
    {"kind": "daily_limit", "calls": 3, "plain": 1},
], ids=["429 without DAY", "daily quota without DAY"])
def test_a_daily_quota_without_day_wording_stops_promptly_and_resumes(url, emulator, fault):
    config = make_config(url, org_ids=ORGS)
    clean = records_by_stream(read(config, ["posts", "follower_statistics_time_bound"]))
    emulator.reset()
    emulator.add_faults(fault)
    first = read(config, ["posts", "follower_statistics_time_bound"], expect_failure=True)
    error = first.errors[-1].trace.error
    assert error.failure_type.value == "transient_error" and "00:00 UTC" in error.message
    throttled = [e for e in emulator.requests() if e["status"] == 429]
    assert len(throttled) <= 8 * 8 + 8  # at most the retry budget of the calls in flight, then no more calls
    emulator.clear_faults()
    second = read(config, ["posts", "follower_statistics_time_bound"], state=final_states(first))
    assert not second.errors
    resumed = {r["id"] for run in (first, second) for r in records_by_stream(run).get("posts", [])}
    assert resumed == {r["id"] for r in clean["posts"]}


def test_raising_the_video_age_limit_brings_older_videos_back(url, emulator):
    config = make_config(url, org_ids=ORGS, video_analytics_max_age_days=60)
    first = read(config, ["video_analytics"])
    assert not first.errors
    followed = {r["entity"] for r in records_by_stream(first).get("video_analytics", [])}
    emulator.clear_requests()
    raised = make_config(url, org_ids=ORGS, video_analytics_max_age_days=366)
    second = read(raised, ["video_analytics"], state=final_states(first))
    assert not second.errors
    second_calls = max(e["seq"] for e in emulator.requests())
    brought_back = {r["entity"] for r in records_by_stream(second)["video_analytics"]} - followed
    fresh = {r["entity"] for r in records_by_stream(read(raised, ["video_analytics"]))["video_analytics"]}
    assert brought_back and followed | brought_back == fresh  # as if the limit had always been 366 days
    asked = {e["params"]["entity"] for e in emulator.requests("videoAnalytics") if e["seq"] <= second_calls}
    assert brought_back <= asked  # without listing the posts again: they came from the registry
    assert not [e for e in emulator.requests("posts") if e["seq"] <= second_calls and int(e["params"]["start"]) > 0]


def test_start_date_scopes_every_per_post_stream_the_same_way(url, emulator):
    day = 86_400_000
    probe = records_by_stream(read(make_config(url, org_ids=[str(ORG1)]), ["posts"]))["posts"]
    cutoff = sorted(r["lastModifiedAt"] for r in probe)[len(probe) // 2]
    start_date = datetime.fromtimestamp(cutoff // day * day / 1000, UTC).strftime("%Y-%m-%d")
    config = make_config(url, org_ids=[str(ORG1)], start_date=start_date)
    grouped = records_by_stream(read(config, ["posts", "post_statistics", "post_engagement", "comments"]))
    in_scope = {r["id"] for r in grouped["posts"]}
    assert in_scope and all(r["lastModifiedAt"] >= cutoff // day * day for r in grouped["posts"])
    assert {r["entity"] for r in grouped["post_engagement"]} == in_scope
    assert {r["post"] for r in grouped["post_statistics"]} <= in_scope
    assert {r["post"] for r in grouped.get("comments", [])} <= in_scope
    assert all(r["lastModifiedAt"] >= cutoff // day * day for r in grouped.get("comments", []))
