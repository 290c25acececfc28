"""Posts and engagement streams against the emulator: completeness, incremental reads, batch caps, partial failures."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from integration_tests.harness import (
    assert_valid_and_unique,
    discover_catalog,
    final_states,
    make_config,
    read,
    records_by_stream,
    state_of,
    stream_state_message,
)
from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl
from source_linkedin_pages.state import decode_digest, encode_digest

ORG1, ORG2 = 2414183, 2415183
ORGS = [str(ORG1), str(ORG2)]
POST_STREAMS = ["posts", "post_statistics", "post_engagement", "comments", "reactions", "video_analytics"]
INCREMENTAL = ["posts", "comments", "reactions", "video_analytics"]
DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def big_server() -> Iterator[EmulatorServer]:
    """More than two finder pages per organization, so that an incremental sync can be seen to stop early."""
    server = EmulatorServer(EmulatorConfig(port=0, seed=11, orgs=2, posts=230, days=400, comments=2, reactions=3))
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def big(big_server: EmulatorServer) -> tuple[str, EmulatorControl]:
    control = EmulatorControl(big_server.url)
    control.reset()
    return big_server.url, control


def warnings_of(output: Any) -> list[str]:
    return [m.log.message for m in output.logs if m.log.level.value in ("WARN", "WARNING")]


def finder_pages(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in log if e["resource"] == "posts" and e["finder"] == "author"]


def calls(log: list[dict[str, Any]]) -> Counter[str]:
    return Counter(e["resource"] for e in log)


def all_keys(mapping: dict[str, list[str]]) -> set[str]:
    return {key for keys in mapping.values() for key in keys}


# Follow every video of the data set (a year), not only the default 180 days.
FOLLOW_ALL_VIDEOS = {"video_analytics_max_age_days": 366}


def test_full_sync_returns_exactly_what_linkedin_holds(url, emulator):
    config = make_config(url, org_ids=ORGS, **FOLLOW_ALL_VIDEOS)
    output = read(config, POST_STREAMS)
    assert not output.errors
    grouped = records_by_stream(output)
    truth = emulator.truth()
    assert_valid_and_unique(config, grouped)

    for org in ORGS:
        posts = [r for r in grouped["posts"] if r["organization"] == f"urn:li:organization:{org}"]
        assert sorted(r["id"] for r in posts) == sorted(truth["posts"][org])
    post_org = {urn: org for org, urns in truth["posts"].items() for urn in urns}
    comments = grouped["comments"]
    assert {r["commentUrn"] for r in comments} == all_keys(truth["comments"])
    assert len(comments) == sum(len(keys) for keys in truth["comments"].values())
    assert {r["id"] for r in grouped["reactions"]} == all_keys(truth["reactions"])
    assert len(grouped["reactions"]) == sum(len(keys) for keys in truth["reactions"].values())
    for record in comments + grouped["reactions"]:
        key = record.get("commentUrn") or record["id"]
        assert key in truth["comments" if "commentUrn" in record else "reactions"][record["post"]]
        assert record["organization"] == f"urn:li:organization:{post_org[record['post']]}"
        assert record["createdAt"] == record["created"]["time"]
        assert record["lastModifiedAt"] == record["lastModified"]["time"]
    assert {r["entity"] for r in grouped["post_engagement"]} == set(post_org)
    assert {r["entity"] for r in grouped["video_analytics"]} == set(truth["video_posts"])
    assert {r["post"] for r in grouped["post_statistics"]} <= set(post_org)

    log = emulator.requests()
    # Posts are listed once per sync and organization, whatever number of streams use them; twice at
    # most, when a per-post stream needed the list before the posts stream had read it.
    assert len(ORGS) <= len(finder_pages(log)) <= 2 * len(ORGS)
    assert all(e["status"] == 200 for e in log)


@pytest.mark.parametrize(
    ("resource", "cap"),
    [("organizationalEntityShareStatistics", 20), ("socialMetadata", 50)],
)
def test_batches_never_exceed_the_caps(big, resource, cap):
    url, emulator = big
    output = read(make_config(url, org_ids=ORGS), ["post_statistics", "post_engagement"])
    assert not output.errors
    batches = [e["batch_size"] for e in emulator.requests(resource)]
    assert batches and max(batches) <= cap
    assert all(int(e["params"]["count"]) <= 100 for e in finder_pages(emulator.requests()))


def test_post_statistics_only_for_posts_within_twelve_months(big):
    url, emulator = big
    output = read(make_config(url, org_ids=ORGS), ["posts", "post_statistics"])
    grouped = records_by_stream(output)
    start_ms = emulator.truth(activity=False)["start_ms"]
    cutoff = start_ms - 365 * DAY_MS
    asked = set()
    for entry in emulator.requests("organizationalEntityShareStatistics"):
        asked |= set(entry["params"].get("shares") or []) | set(entry["params"].get("ugcPosts") or [])
    created = {r["id"]: r["createdAt"] for r in grouped["posts"]}
    assert asked and all(created[urn] >= cutoff for urn in asked)
    recent = {urn for urn, at in created.items() if at >= cutoff + 2 * DAY_MS}
    assert recent <= asked  # none forgotten either
    assert {r["post"] for r in grouped["post_statistics"]} == asked
    for record in grouped["post_statistics"]:
        assert record["post"] == (record.get("share") or record.get("ugcPost"))


def test_second_sync_reads_only_new_activity(big):
    url, emulator = big
    config = make_config(url, org_ids=ORGS)
    first = read(config, INCREMENTAL)
    assert not first.errors
    first_log = emulator.requests()
    states = final_states(first)
    pages_per_org = -(-230 // 100)
    assert len(ORGS) * pages_per_org <= len(finder_pages(first_log)) <= 2 * len(ORGS) * pages_per_org

    added = emulator.add_activity(
        ORG1, new_posts=2, comments_on_existing=3, reactions_on_existing=4, posts_touched=2, posts_edited=1
    )
    emulator.clear_requests()
    second = read(config, INCREMENTAL, state=states)
    assert not second.errors
    log = emulator.requests()
    grouped = records_by_stream(second)

    # New and edited posts come back; the finder stopped after its first page for each organization.
    post_ids = {r["id"] for r in grouped["posts"]}
    assert set(added["posts"]) | set(added["edited"]) <= post_ids
    assert len(grouped["posts"]) < 20
    assert len(ORGS) <= len(finder_pages(log)) <= 2 * len(ORGS)  # the first page only
    # Every new comment and reaction is read, and only the touched posts' comments and reactions are asked for.
    assert all_keys(added["comments"]) <= {r["commentUrn"] for r in grouped.get("comments", [])}
    assert all_keys(added["reactions"]) <= {r["id"] for r in grouped.get("reactions", [])}
    touched = set(added["comments"]) | set(added["reactions"])
    counted = calls(log)
    assert counted["comments"] <= len(added["comments"])
    assert counted["reactions"] <= len(added["reactions"])
    assert {e["path"].split("/")[3] for e in log if e["resource"] in ("comments",)} <= {
        p.replace(":", "%3A") for p in touched
    }
    # socialMetadata: one batch per 50 known posts, nothing more.
    assert counted["socialMetadata"] == len(ORGS) * -(-232 // 50)
    first_counts = calls(first_log)
    assert counted["comments"] + counted["reactions"] < (first_counts["comments"] + first_counts["reactions"]) / 20
    truth = emulator.truth()
    assert {r["commentUrn"] for r in grouped.get("comments", [])} <= all_keys(truth["comments"])
    assert_valid_and_unique(config, grouped)

    # A third sync without new activity asks for no comment or reaction at all.
    emulator.clear_requests()
    third = read(config, INCREMENTAL, state=final_states(second))
    assert not third.errors
    counted = calls(emulator.requests())
    assert counted["comments"] == counted["reactions"] == 0


def test_state_is_compact_and_per_organization(big):
    url, _ = big
    output = read(make_config(url, org_ids=ORGS), ["comments"])
    state = state_of(final_states(output), "comments")
    assert [entry["partition"]["organization"] for entry in state["states"]] == [
        f"urn:li:organization:{org}" for org in ORGS
    ]
    for entry in state["states"]:
        known = decode_digest(entry["cursor"]["posts"])
        assert len(known) == 230
        assert len(entry["cursor"]["posts"]) < 40 * len(known)  # a few bytes per post, not a JSON object each


def test_a_post_refused_inside_a_batch_is_reported_and_the_sync_goes_on(url, emulator):
    """A post the token may not read (403 in the socialMetadata batch) is named in a warning; the rest is read."""
    config = make_config(url, org_ids=ORGS)
    states = final_states(read(config, ["comments"]))
    state = state_of(states, "comments")
    org1, org2 = state["states"]
    foreign = sorted(decode_digest(org2["cursor"]["posts"]))[0]
    known = decode_digest(org1["cursor"]["posts"])
    known[foreign] = "1.1"
    org1["cursor"]["posts"] = encode_digest(known)
    emulator.add_activity(ORG1, comments_on_existing=1)
    emulator.clear_requests()
    # emu-token-not-admin administers organization 1 only: the organization 2 post answers 403 inside the batch.
    output = read(
        make_config(url, token="emu-token-not-admin", org_ids=[str(ORG1)]),
        ["comments"],
        state=[stream_state_message("comments", {"states": [org1]})],
    )
    assert not output.errors
    warnings = [w for w in warnings_of(output) if foreign in w]
    assert warnings and "403" in warnings[0] and "skipped 1" in warnings[0]
    assert any(e["resource"] == "socialMetadata" and foreign in str(e["params"]) for e in emulator.requests())
    assert len(records_by_stream(output)["comments"]) >= 1


def test_a_post_deleted_since_the_last_sync_is_skipped_with_a_warning(url, emulator):
    # Every video followed and read again on every sync, so its 404 shows the deletion (an unfollowed video
    # costs no call, so it stays in the registry until it is followed again).
    config = make_config(url, org_ids=[str(ORG1)], refresh_interval_days=1, **FOLLOW_ALL_VIDEOS)
    states = final_states(read(config, ["comments", "reactions", "video_analytics"]))
    truth = emulator.truth(ORG1)
    victim = next(urn for urn in truth["video_posts"] if truth["comments"][urn])
    emulator.delete_post(victim)
    output = read(config, ["comments", "reactions", "video_analytics"], state=states)
    assert not output.errors
    assert any(victim in w and "404" in w for w in warnings_of(output))
    for stream in ("comments", "reactions", "video_analytics"):
        state = state_of(final_states(output), stream)
        assert victim not in decode_digest(state["states"][0]["cursor"]["posts"])


def test_a_post_deleted_between_the_list_and_its_comments_is_skipped(url, emulator, monkeypatch):
    from source_linkedin_pages.caches import summaries

    truth = emulator.truth(ORG1)
    victim = next(urn for urn, keys in truth["comments"].items() if keys)
    original = summaries.EngagementSummaries.fingerprints

    def get_then_delete(self, organization, urns):
        answer = original(self, organization, urns)
        if victim in answer.fingerprints:
            emulator.delete_post(victim)  # deleted after LinkedIn summarised it, before its comments are read
        return answer

    monkeypatch.setattr(summaries.EngagementSummaries, "fingerprints", get_then_delete)
    output = read(make_config(url, org_ids=[str(ORG1)]), ["comments"])
    assert not output.errors
    assert any(victim in w and "deleted" in w for w in warnings_of(output))
    comments = records_by_stream(output)["comments"]
    assert victim not in {r["post"] for r in comments}
    expected = {k for urn, keys in truth["comments"].items() if urn != victim for k in keys}
    assert {r["commentUrn"] for r in comments} == expected


def test_video_analytics_respects_the_six_month_limit(url, emulator):
    output = read(make_config(url, org_ids=ORGS, **FOLLOW_ALL_VIDEOS), ["video_analytics"])
    assert not output.errors
    log = emulator.requests("videoAnalytics")
    assert log and all(e["status"] == 200 for e in log)
    records = records_by_stream(output)["video_analytics"]
    types = Counter(r["statisticsType"] for r in records)
    assert set(types) == {"VIDEO_VIEW", "VIEWER", "TIME_WATCHED", "TIME_WATCHED_FOR_VIDEO_VIEWS"}
    assert types["TIME_WATCHED"] > types["VIDEO_VIEW"]  # old videos have no VIDEO_VIEW series
    assert all(r["timeRangeEnd"] - r["timeRangeStart"] == DAY_MS for r in records)


def test_video_analytics_second_sync_asks_only_for_recent_days(url, emulator):
    config = make_config(url, org_ids=ORGS, lookback_window_days=2, refresh_interval_days=1)
    first = read(config, ["video_analytics"])
    emulator.clear_requests()
    second = read(config, ["video_analytics"], state=final_states(first))
    assert not second.errors
    for entry in emulator.requests("videoAnalytics"):
        window = entry["params"]["timeRange"]
        assert int(window["end"]) - int(window["start"]) <= 2 * DAY_MS
    assert 0 < len(records_by_stream(second)["video_analytics"]) < len(records_by_stream(first)["video_analytics"])


def test_malformed_registry_state_is_a_config_error(url, emulator):
    bad = {
        "states": [
            {
                "partition": {"organization": f"urn:li:organization:{ORG1}"},
                "cursor": {"lastModifiedAt": 1, "postsModifiedAt": 1, "posts": "not-a-digest"},
            }
        ]
    }
    output = read(
        make_config(url, org_ids=[str(ORG1)]),
        ["comments"],
        state=[stream_state_message("comments", bad)],
        expect_failure=True,
    )
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and "comments" in error.message


@pytest.mark.parametrize(
    ("kind", "present"),
    [
        ("text", lambda p: "content" not in p and "reshareContext" not in p),
        ("image", lambda p: str(p.get("content", {}).get("media", {}).get("id", "")).startswith("urn:li:image:")),
        ("video", lambda p: str(p.get("content", {}).get("media", {}).get("id", "")).startswith("urn:li:video:")),
        ("article", lambda p: "article" in p.get("content", {})),
        ("multiImage", lambda p: "multiImage" in p.get("content", {})),
        ("poll", lambda p: "poll" in p.get("content", {})),
        ("carousel", lambda p: "carousel" in p.get("content", {})),
        ("reshare", lambda p: "reshareContext" in p),
        ("sponsored", lambda p: "adContext" in p),
    ],
)
def test_posts_of_every_content_type_validate_against_the_typed_schema(big, kind, present):
    url, _ = big
    config = make_config(url, org_ids=ORGS)
    grouped = records_by_stream(read(config, ["posts"]))
    matching = [p for p in grouped["posts"] if present(p)]
    assert matching, f"no {kind} post in the data set"
    assert_valid_and_unique(config, {"posts": matching})
    schema = discover_catalog(config)["posts"].json_schema
    content = schema["properties"]["content"]["properties"]
    assert {"media", "article", "multiImage", "poll", "carousel"} <= set(content)
    assert all(value.get("properties") for value in content.values())  # typed, not placeholders


def test_a_refused_video_view_series_is_a_warning_not_a_failure(url, emulator, monkeypatch):
    """Should LinkedIn's six-month limit come earlier than the connector thinks, the 400 skips that series only."""
    from source_linkedin_pages.streams import video

    monkeypatch.setattr(video, "retention_start", lambda now, months: 0)  # every video looks recent
    output = read(make_config(url, org_ids=[str(ORG1)], **FOLLOW_ALL_VIDEOS), ["video_analytics"])
    assert not output.errors
    refused = [e for e in emulator.requests("videoAnalytics") if e["status"] == 400]
    assert refused and all(e["params"]["type"] in ("VIDEO_VIEW", "VIEWER") for e in refused)
    assert any("refused VIDEO_VIEW" in w for w in warnings_of(output))
    assert {r["statisticsType"] for r in records_by_stream(output)["video_analytics"]} >= {"TIME_WATCHED"}


@pytest.mark.parametrize("max_age_days", [0, 60, 180])
def test_videos_older_than_the_age_limit_cost_no_calls(url, emulator, max_age_days):
    config = make_config(url, org_ids=ORGS, video_analytics_max_age_days=max_age_days)
    output = read(config, ["video_analytics"])
    assert not output.errors
    limit = time.time() * 1000 - max_age_days * DAY_MS
    truth = emulator.truth()
    asked = {e["params"]["entity"] for e in emulator.requests("videoAnalytics")}
    published = {r["id"]: r.get("publishedAt") or r["createdAt"] for r in emulator_posts(url, ORGS)}
    expected = {urn for urn in truth["video_posts"] if published[urn] >= limit + DAY_MS}
    assert expected <= asked
    assert all(published[urn] >= limit - DAY_MS for urn in asked)
    if max_age_days == 0:
        assert asked == set() and "video_analytics" not in records_by_stream(output)


def emulator_posts(url, orgs):
    """Every post, read from LinkedIn's own answer (the posts stream, full refresh)."""
    return records_by_stream(read(make_config(url, org_ids=orgs), ["posts"], incremental=False))["posts"]


@pytest.mark.parametrize("stream", ["comments", "reactions", "video_analytics"])
def test_a_cursor_without_registry_still_bounds_what_is_emitted(url, emulator, stream):
    """A state with only a cursor (no post registry) lists every post once, but emits nothing older than the cursor."""
    future = int(time.time() * 1000) + 365 * DAY_MS
    cursor_field = {"comments": "lastModifiedAt", "reactions": "createdAt", "video_analytics": "timeRangeEnd"}[stream]
    state = {"states": [{"partition": {"organization": f"urn:li:organization:{org}"}, "cursor": {cursor_field: future}}
                        for org in ORGS]}
    output = read(make_config(url, org_ids=ORGS), [stream], state=[stream_state_message(stream, state)])
    assert not output.errors
    assert stream not in records_by_stream(output)
    assert any(e["resource"] == "posts" for e in emulator.requests())  # the posts were listed to rebuild the registry


ENGAGEMENT = ["post_engagement", "comments", "reactions"]


def engaged_post(truth: dict[str, Any], org: int = ORG1) -> str:
    """A post of `org` with comments and reactions."""
    return next(urn for urn in truth["posts"][str(org)] if truth["comments"][urn] and truth["reactions"][urn])


@pytest.mark.parametrize("status", [403, 404])
@pytest.mark.parametrize("selection", ["first_key_of_the_batch", "chosen_post"])
def test_a_post_failed_inside_a_social_metadata_batch_is_reported_and_the_sync_goes_on(url, emulator, status,
                                                                                       selection):
    """A per-key error inside a 200 socialMetadata batch: a warning per stream with counts, the other posts synced."""
    truth = emulator.truth()
    # post_engagement streams whole answers itself while comments and reactions share counts, so the
    # post is answered (at most) twice: fail it in every batch that holds it.
    if selection == "chosen_post":
        victim = engaged_post(truth)
    else:  # the most recently modified post: the first key of the first batch
        victim = max(emulator_posts(url, [str(ORG1)]), key=lambda post: post["lastModifiedAt"])["id"]
        emulator.clear_requests()
    fault = {"kind": "batch_key_error", "resource": "socialMetadata", "status": status, "keys": [victim]}
    emulator.add_faults(fault)
    config = make_config(url, org_ids=ORGS)
    output = read(config, ENGAGEMENT)
    assert not output.errors
    emulator.clear_faults()

    failed = [e for e in emulator.requests("socialMetadata") if e["fault"] == "batch_key_error"]
    assert 1 <= len(failed) <= 2 and all(e["failed_keys"] == [victim] for e in failed)
    org = next(o for o in ORGS if victim in truth["posts"][o])
    asked = len(truth["posts"][org])
    for stream in ENGAGEMENT:
        reported = [w for w in warnings_of(output) if w.startswith(f"{stream}:") and victim in w]
        assert len(reported) == 1, (stream, warnings_of(output))
        assert f"for {asked - 1} of {asked} posts of organization {org}" in reported[0]
        assert f"skipped 1 (HTTP {status} x 1: {victim})" in reported[0]

    grouped = records_by_stream(output)
    everything = {urn for urns in truth["posts"].values() for urn in urns}
    assert {r["entity"] for r in grouped["post_engagement"]} == everything - {victim}
    expected_comments = all_keys(truth["comments"]) - set(truth["comments"][victim])
    assert {r["commentUrn"] for r in grouped["comments"]} == expected_comments
    assert {r["id"] for r in grouped["reactions"]} == all_keys(truth["reactions"]) - set(truth["reactions"][victim])
    assert victim not in {e["path"].split("/")[3].replace("%3A", ":") for e in emulator.requests("comments")}

    # The next sync (the fault is spent): a 403 was kept in the registry unread ("?"), so the post is read in
    # full; a 404 means "deleted since listed" and the post left the registry (docs/engagement-rule.md, 5.).
    states = final_states(output)
    for stream in ("comments", "reactions"):
        partition = next(s for s in state_of(states, stream)["states"]
                         if s["partition"]["organization"] == f"urn:li:organization:{org}")
        registry = decode_digest(partition["cursor"]["posts"])
        assert registry.get(victim) == ("?" if status == 403 else None)
    second = records_by_stream(read(config, ENGAGEMENT, state=states))
    back_in_engagement = victim in {r["entity"] for r in second["post_engagement"]}
    assert back_in_engagement == (status == 403 or selection == "first_key_of_the_batch")
    comments_back = {r["commentUrn"] for r in second.get("comments", []) if r["post"] == victim}
    if status == 403 or selection == "first_key_of_the_batch":
        # 403: read in full. 404 of the newest post: the finder lists it again (within postsModifiedAt - lookback),
        # so it is new to the registry and read in full.
        assert comments_back == set(truth["comments"][victim])
        assert {r["id"] for r in second["reactions"] if r["post"] == victim} == set(truth["reactions"][victim])
    else:
        # 404 of an old post (the oldest with engagement): out of the registry and older than the finder's
        # lookback, it is never read again until it is edited. Pinned (the rule takes a 404 for a deletion).
        assert comments_back == set()


def test_an_edited_comment_is_not_reread_when_the_counts_stay(url, emulator):
    """docs/engagement-rule.md "What the rule can miss": a comment edit moves no socialMetadata count."""
    config = make_config(url, org_ids=[str(ORG1)])
    first = read(config, ["comments"])
    assert not first.errors
    victim = engaged_post(emulator.truth(ORG1))
    edited = emulator.add_activity(ORG1, comments_edited=1, posts=[victim])["comments_edited"][victim]
    emulator.clear_requests()
    second = read(config, ["comments"], state=final_states(first))
    assert not second.errors
    assert not set(edited) & {r["commentUrn"] for r in records_by_stream(second).get("comments", [])}
    assert calls(emulator.requests())["comments"] == 0  # the fingerprint did not move: the post is not read


@pytest.mark.parametrize(
    ("deleted_kind", "caught"),
    [
        ("top_level", False),  # count and topLevelCount unchanged: the new comment is missed
        ("reply", True),  # count unchanged, topLevelCount + 1: the post is read, the new comment synced
    ],
)
def test_a_deletion_plus_an_addition_on_one_post(url, emulator, deleted_kind, caught):
    """docs/engagement-rule.md "What the rule can miss": `topLevelCount` catches part of these."""
    config = make_config(url, org_ids=[str(ORG1)])
    first = read(config, ["comments"])
    assert not first.errors
    comments = records_by_stream(first)["comments"]
    parents = {c.get("parentComment") for c in comments}
    victim = next(
        urn
        for urn in emulator.truth(ORG1)["posts"][str(ORG1)]
        if any(c["post"] == urn and "parentComment" in c for c in comments)
        and any(c["post"] == urn and "parentComment" not in c and c["commentUrn"] not in parents for c in comments)
    )
    activity = emulator.add_activity(
        ORG1, comments_deleted=1, deleted_kind=deleted_kind, comments_on_existing=1, posts=[victim]
    )
    added, deleted = activity["comments"][victim], activity["comments_deleted"][victim]
    emulator.clear_requests()
    second = read(config, ["comments"], state=final_states(first))
    assert not second.errors
    synced = {r["commentUrn"] for r in records_by_stream(second).get("comments", [])}
    assert not set(deleted) & synced  # a deletion is never signalled (no tombstone record)
    assert (set(added) <= synced) is caught
    assert calls(emulator.requests())["comments"] == (1 if caught else 0)
