"""The state home: saved cursors per organization, state files, commit groups, and the per-post watermark rule."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest

from source_linkedin_pages.caches.summaries import Summaries
from source_linkedin_pages.config import ConfigError
from source_linkedin_pages.organizations import Organization
from source_linkedin_pages.state import CommitGroup, PartOutcome, StreamState, decode_digest, encode_digest
from source_linkedin_pages.state.stream_state import normalize_state_file
from source_linkedin_pages.streams.items import Comments
from source_linkedin_pages.streams.per_post import Registry

ORG = Organization(2414183, "2414183", "Emu Analytics", frozenset({"ADMINISTRATOR"}))
DAY = 86_400_000


def entry(cursor: dict[str, Any], org: str = ORG.urn) -> dict[str, Any]:
    return {"partition": {"organization": org}, "cursor": cursor}


@pytest.mark.parametrize(
    ("saved", "cursor"),
    [
        ({"states": [entry({"timeRangeEnd": 1795910400000})]}, 1795910400000),
        ({"timeRangeEnd": 1795910400000}, 1795910400000),  # the official connector, a number
        ({"timeRangeEnd": "1795910400000"}, 1795910400000),  # the official declarative cursor, a string
        ({"states": [], "use_global_cursor": False, "state": {}}, None),  # the CDK's per-partition keys
        ({}, None),
        (None, None),
    ],
)
def test_saved_cursors_in_every_accepted_form(saved: Any, cursor: int | None) -> None:
    state = StreamState("follower_statistics_time_bound", "timeRangeEnd", legacy_keys=("timeRangeEnd",)).load(saved)
    assert state.cursor(ORG.urn) == cursor


@pytest.mark.parametrize(
    "saved",
    [
        "yesterday",
        {"states": "all of them"},
        {"states": [{"partition": {}, "cursor": {"timeRangeEnd": 1}}]},
        {"states": [entry({"timeRangeEnd": "2026-01-01"})]},
        {"states": [entry({"timeRangeEnd": -5})]},
        {"states": [entry({"timeRangeEnd": True})]},
        {"timeRangeEnd": "2026-01-01"},
        {"cursor": 5, "whatever": True},
    ],
)
def test_malformed_state_is_a_config_error_naming_the_stream(saved: Any) -> None:
    with pytest.raises(ConfigError, match="state of stream follower_statistics_time_bound"):
        StreamState("follower_statistics_time_bound", "timeRangeEnd", legacy_keys=("timeRangeEnd",)).load(saved)


def test_snapshot_round_trips_and_put_reports_changes() -> None:
    state = StreamState("posts", "lastModifiedAt")
    assert state.put(ORG.urn, {"lastModifiedAt": 5}) and not state.put(ORG.urn, {"lastModifiedAt": 5})
    again = StreamState("posts", "lastModifiedAt").load(state.snapshot())
    assert again.snapshot() == state.snapshot() == {"states": [entry({"lastModifiedAt": 5})]}


STREAM = {"stream_descriptor": {"name": "posts"}, "stream_state": {"states": [entry({"lastModifiedAt": 5})]}}


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ([{"type": "STREAM", "stream": STREAM}], ["posts"]),
        ({"posts": STREAM["stream_state"]}, ["posts"]),  # legacy {stream: state}
        ({"type": "GLOBAL", "global": {"stream_states": [STREAM]}}, ["posts"]),
        ([{"type": "GLOBAL", "global": {"stream_states": [STREAM]}}], ["posts"]),
        ([], []),
        (None, []),
    ],
)
def test_state_files_in_every_accepted_form(raw: Any, names: list[str]) -> None:
    messages = normalize_state_file(raw, "state file s.json")
    assert [m["stream"]["stream_descriptor"]["name"] for m in messages] == names


@pytest.mark.parametrize("raw", ["text", 3, [1, 2], [{"type": "SOMETHING"}], [{"type": "STREAM", "stream": {}}],
                                 {"posts": "not an object"}])
def test_unreadable_state_files_are_config_errors_naming_the_file(raw: Any) -> None:
    with pytest.raises(ConfigError, match=r"state file s\.json"):
        normalize_state_file(raw, "state file s.json")


def comments(start_date_ms: int | None = None, lookback_days: int = 2, summaries: Summaries | None = None) -> Comments:
    """A comments stream on a fake sync whose socialMetadata answers are `summaries`."""
    cached = SimpleNamespace(fingerprints=lambda organization, urns: summaries)
    config = SimpleNamespace(start_date_ms=start_date_ms, lookback_ms=lookback_days * DAY, num_workers=8)
    ctx = SimpleNamespace(config=config, logger=logging.getLogger("test"), shared=lambda key, factory: cached)
    return Comments(ctx, incremental=True)  # type: ignore[arg-type]


C = 1_000 * DAY  # the organization's saved cursor


@pytest.mark.parametrize(
    ("known", "answered", "errors", "since", "waiting"),
    [
        # new to the registry: read in full, unread ("?") until done
        (None, "2.2", {}, None, "?"),
        # known, changed: from the organization's cursor minus the lookback, with that cursor as its watermark
        ("1.1", "2.2", {}, C - 2 * DAY, f"1.1@{C}"),
        # refused in an earlier sync: from its own watermark, older than the organization's cursor
        (f"1.1@{C - 30 * DAY}", "2.2", {}, C - 32 * DAY, f"1.1@{C - 30 * DAY}"),
        # unchanged: nothing to read, complete (no watermark of its own any more)
        (f"2.2@{C - 30 * DAY}", "2.2", {}, "skip", "2.2"),
        # refused now (403, or left out of the answer): kept with its own watermark, compared again next time
        ("1.1", None, {"status": 403}, "skip", f"1.1@{C}"),
        ("1.1", None, {"message": "absent from LinkedIn's answer"}, "skip", f"1.1@{C}"),
        # 404: deleted since it was listed, forgotten
        ("1.1", None, {"status": 404}, "skip", None),
        # no comments any more
        ("1.1", "0", {}, "skip", "0"),
    ],
)
def test_each_post_is_read_from_its_own_watermark(known: str | None, answered: str | None, errors: dict[str, Any],
                                                  since: Any, waiting: str | None) -> None:
    post = "urn:li:share:1"
    summaries = Summaries({post: (answered, "0")} if answered else {}, {post: errors} if errors else {})
    stream = comments(summaries=summaries)
    registry = Registry(C, 0, {post: known} if known else {})
    listed = {} if known else {post: {"id": post, "lastModifiedAt": C + DAY}}
    decision = stream.decide(ORG, registry, listed)
    assert decision.base.get(post) == waiting
    if since == "skip":
        assert decision.work == []
    else:
        assert decision.work == [{"post": post, "since": since, "done": answered}]


def test_start_date_is_a_floor_for_every_post() -> None:
    post = "urn:li:share:1"
    stream = comments(start_date_ms=C + 5 * DAY, summaries=Summaries({post: ("2.2", "0")}, {}))
    decision = stream.decide(ORG, Registry(C, 0, {post: "1.1"}), {})
    assert decision.work[0]["since"] == C + 5 * DAY


def test_registry_moves_per_partition_and_the_cursor_when_all_closed() -> None:
    stream = comments()
    base = {"urn:li:share:1": "?", "urn:li:share:2": f"1.1@{C}", "urn:li:share:3": "4.4"}
    fold = stream.registry_fold(ORG, Registry(C, 70, {}), base, posts_modified_at=90)
    group = CommitGroup(ORG.urn, stream.state, parts=2, fold=fold)
    first = PartOutcome(newest=C + 9, done={"urn:li:share:1": "3.3"})
    assert group.close(first) == (True, False)
    saved = stream.state.snapshot()["states"][0]["cursor"]  # as emitted
    assert saved["lastModifiedAt"] == C and saved["postsModifiedAt"] == 90  # the cursor waits for the last part
    assert decode_digest(saved["posts"]) == {**base, "urn:li:share:1": "3.3"}  # finished posts survive a stop
    second = PartOutcome(newest=C + 4, done={"urn:li:share:2": "2.2"}, deleted={"urn:li:share:3"})
    assert group.close(second) == (True, True)
    saved = stream.state.snapshot()["states"][0]["cursor"]  # as emitted
    assert saved["lastModifiedAt"] == C + 9
    assert decode_digest(saved["posts"]) == {"urn:li:share:1": "3.3", "urn:li:share:2": "2.2"}


@pytest.mark.parametrize(
    "cursor",
    [
        {"lastModifiedAt": 1, "postsModifiedAt": "x", "posts": encode_digest({})},
        {"lastModifiedAt": 1, "postsModifiedAt": 1, "posts": "garbage"},
        {"lastModifiedAt": 1, "postsModifiedAt": 1},
    ],
)
def test_malformed_registry_is_a_config_error(cursor: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="state of stream comments"):
        Comments.new_state().load({"states": [entry(cursor)]})
