"""The daily cost (issue 15): the refresh schedule keeps every post and video within its bound across daily syncs,
and a sync stopped by its call budget resumes and completes without gaps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest

from integration_tests.harness import final_states, make_config, read, records_by_stream
from source_linkedin_pages import clock
from source_linkedin_pages.caches.posts import retention_start

ORG1 = "2414183"
DAY_MS = 86_400_000
INTERVAL = 7


@pytest.fixture()
def days(emulator) -> Iterator[callable]:
    """Moves LinkedIn's (the emulator's) clock and the connector's together, one day at a time."""
    moved = 0

    def next_day() -> None:
        nonlocal moved
        moved += DAY_MS
        emulator.advance_clock(DAY_MS)
        clock.shift(moved)

    yield next_day
    clock.shift(0)


def asked(log: list[dict], resource: str) -> set[str]:
    """The post or video URNs a sync asked LinkedIn about, from the request log."""
    urns: set[str] = set()
    for entry in log:
        if entry["resource"] != resource:
            continue
        params = entry["params"] or {}
        for key in ("ids", "shares", "ugcPosts"):
            urns.update(params.get(key) or [])
        if "entity" in params and isinstance(params["entity"], str):
            urns.add(params["entity"])
    return urns


def test_every_post_and_video_is_refreshed_within_the_interval(url, emulator, days):
    config = make_config(url, org_ids=[ORG1], refresh_interval_days=INTERVAL, video_analytics_max_age_days=366)
    streams = ["post_statistics", "post_engagement", "video_analytics"]
    first = read(config, [*streams, "posts"])
    assert not first.errors
    created = {r["id"]: r["createdAt"] for r in records_by_stream(first)["posts"]}
    resources = {"post_statistics": "organizationalEntityShareStatistics", "post_engagement": "socialMetadata",
                 "video_analytics": "videoAnalytics"}
    log = emulator.requests()
    followed = {stream: asked(log, resource) for stream, resource in resources.items()}
    assert all(followed.values())
    last = {stream: dict.fromkeys(urns, 0) for stream, urns in followed.items()}
    per_day: dict[str, list[int]] = defaultdict(list)
    states = final_states(first)
    for day in range(1, 3 * INTERVAL + 1):
        days()
        emulator.clear_requests()
        output = read(config, streams, state=states)
        assert not output.errors, (day, [e.trace.error.message for e in output.errors])
        states = final_states(output)
        log = emulator.requests()
        for stream, resource in resources.items():
            refreshed = asked(log, resource) & followed[stream]
            per_day[stream].append(len(refreshed))
            last[stream].update(dict.fromkeys(refreshed, day))
            # LinkedIn serves share statistics for posts of the last 12 months: older ones leave the schedule.
            served_from = retention_start(clock.now_ms(), 12) if stream == "post_statistics" else 0
            stale = {urn: day - seen for urn, seen in last[stream].items()
                     if day - seen >= INTERVAL and created.get(urn, 0) >= served_from}
            assert not stale, (stream, day, stale)
    for stream, counts in per_day.items():
        assert max(counts) < len(followed[stream]), (stream, counts)  # a rotation, not every post every day
        assert sum(counts) >= 3 * len(followed[stream]) - len(followed[stream]), stream  # each about weekly


def test_a_budget_stopped_sync_resumes_and_completes_without_gaps(url, emulator):
    streams = ["follower_statistics_time_bound", "posts", "comments", "reactions"]
    clean = records_by_stream(read(make_config(url, org_ids=[ORG1]), streams))
    emulator.reset()
    config = make_config(url, org_ids=[ORG1], max_calls_per_sync=25)
    collected: dict[str, set] = defaultdict(set)
    keys = {"follower_statistics_time_bound": "timeRangeStart", "posts": "id", "comments": "commentUrn",
            "reactions": "id"}
    states, runs = None, 0
    while runs < 20:
        runs += 1
        emulator.clear_requests()
        output = read(config, streams, state=states)
        rest_calls = [e for e in emulator.requests() if not e["resource"].startswith("oauth")]
        assert len(rest_calls) <= 25
        for stream, records in records_by_stream(output).items():
            collected[stream].update(r[keys[stream]] for r in records)
        states = final_states(output) or states
        if not output.errors:
            break
        error = output.errors[-1].trace.error
        assert error.failure_type.value == "transient_error" and "max_calls_per_sync = 25" in error.message
        assert any("by stream:" in m.log.message for m in output.logs)  # calls per stream, every sync
        if runs == 1:
            # statistics first: the budget goes to them before the per-post streams
            assert collected["follower_statistics_time_bound"] == {r["timeRangeStart"] for r in
                                                                   clean["follower_statistics_time_bound"]}
    assert runs > 2, "the budget should have stopped some syncs"
    for stream, records in clean.items():
        assert collected[stream] >= {r[keys[stream]] for r in records}, stream
