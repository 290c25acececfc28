"""Pure helpers of the post streams: digests, watermarks, the refresh schedule, retention dates, post kinds,
engagement fingerprints, and the shared finder cache."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from source_linkedin_pages.caches.posts import PostCatalog, born_at, is_video, post_kind, retention_start
from source_linkedin_pages.caches.summaries import comment_fingerprint, reaction_fingerprint
from source_linkedin_pages.state import decode_digest, encode_digest
from source_linkedin_pages.state.registry import join_watermark, split_watermark
from source_linkedin_pages.state.schedule import is_due, slot
from source_linkedin_pages.streams.windows import add_months


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


@pytest.mark.parametrize(
    "posts",
    [
        {},
        {"urn:li:share:7100000001000000001": "0"},
        {f"urn:li:{'share' if i % 3 else 'ugcPost'}:{7100000001000000000 + i}": f"{i}.{i // 2}" for i in range(5000)},
    ],
)
def test_digest_round_trip(posts: dict[str, str]) -> None:
    text = encode_digest(posts)
    assert text.startswith("z1:")
    assert decode_digest(text) == posts


def test_digest_of_5000_posts_is_small() -> None:
    posts = {f"urn:li:share:{7100000001000000000 + i * 7919}": str(i % 40) for i in range(5000)}
    assert len(encode_digest(posts)) < 60_000  # vs. about 220 kB as a plain JSON object


@pytest.mark.parametrize("bad", [None, 3, "", "z1:", "z1:!!!", "v9:abc", "z1:" + "eJyrVkrLz1eyUkpKLFKqBQAdegQ0"])
def test_bad_digest_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError):
        decode_digest(bad)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-11-28T10:00:00", -12, "2025-11-28T10:00:00"),
        ("2026-03-31T00:00:00", -1, "2026-02-28T00:00:00"),
        ("2024-03-31T00:00:00", -1, "2024-02-29T00:00:00"),
        ("2026-01-15T00:00:00", -6, "2025-07-15T00:00:00"),
        ("2025-12-31T23:59:59", 2, "2026-02-28T23:59:59"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(ms(start), months) == ms(expected)


@pytest.mark.parametrize("months", [6, 12])
def test_retention_start_is_never_earlier_than_either_definition(months: int) -> None:
    now = ms("2026-03-01T12:00:00")
    start = retention_start(now, months)
    assert start >= add_months(ms("2026-03-01T00:00:00"), -months)
    assert start % 86_400_000 == 0


@pytest.mark.parametrize(
    ("urn", "kind"),
    [("urn:li:share:1", "share"), ("urn:li:ugcPost:2", "ugcPost"), ("urn:li:activity:3", None), ("", None)],
)
def test_post_kind(urn: str, kind: str | None) -> None:
    assert post_kind(urn) == kind


@pytest.mark.parametrize(
    ("post", "video"),
    [
        ({"content": {"media": {"id": "urn:li:video:C4D05AQabc"}}}, True),
        ({"content": {"media": {"id": "urn:li:image:C4D22AQabc"}}}, False),
        ({"content": {"article": {"source": "https://x"}}}, False),
        ({}, False),
        ({"content": None}, False),
    ],
)
def test_is_video(post: dict[str, Any], video: bool) -> None:
    assert is_video(post) is video


def test_born_at_prefers_publication() -> None:
    assert born_at({"createdAt": 1, "publishedAt": 2, "lastModifiedAt": 3}) == 2
    assert born_at({"createdAt": 1, "lastModifiedAt": 3}) == 1
    assert born_at({}) == 0


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ({}, "0"),
        ({"commentSummary": {"count": 0, "topLevelCount": 0}}, "0"),
        ({"commentSummary": {"count": 3, "topLevelCount": 2}}, "3.2"),
    ],
)
def test_comment_fingerprint(summary: dict[str, Any], expected: str) -> None:
    assert comment_fingerprint(summary) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ({"reactionSummaries": {}}, "0"),
        ({"reactionSummaries": {"LIKE": {"reactionType": "LIKE", "count": 3}}}, "3.0.0.0.0.0"),
        (
            {"reactionSummaries": {"PRAISE": {"count": 1}, "LIKE": {"count": 2}, "FUNNY": {"count": 4}}},
            "2.1.0.0.0.0.4",
        ),
    ],
)
def test_reaction_fingerprint(summary: dict[str, Any], expected: str) -> None:
    assert reaction_fingerprint(summary) == expected


@pytest.mark.parametrize(
    ("value", "parts"),
    [("7.5", ("7.5", None)), ("7.5@1795707628797", ("7.5", 1795707628797)), ("?", ("?", None)),
     ("1771203475096:1796083200000", ("1771203475096:1796083200000", None)), ("0@x", ("0@x", None))],
)
def test_watermark_split_and_join(value: str, parts: tuple[str, int | None]) -> None:
    assert split_watermark(value) == parts
    assert join_watermark(*parts) == value


DAY = 20_000  # a day number


@pytest.mark.parametrize(
    ("born_day", "last_day", "today", "due"),
    [
        (DAY - 3, DAY - 1, DAY, True),  # younger than the interval: every sync
        (DAY - 100, None, DAY, True),  # never refreshed
        (DAY - 100, DAY - 7, DAY, True),  # overdue: a missed slot is caught up
        (DAY - 100, DAY, DAY, False),  # refreshed today already
    ],
)
def test_refresh_schedule(born_day: int, last_day: int | None, today: int, due: bool) -> None:
    assert is_due("urn:li:share:1", born_ms=born_day * 86_400_000, last_day=last_day, today=today, interval=7) is due


def test_refresh_schedule_spreads_old_posts_over_the_interval_and_bounds_staleness() -> None:
    posts = [f"urn:li:share:{7100000001000000000 + n}" for n in range(700)]
    last = {urn: DAY for urn in posts}
    per_day = []
    for today in range(DAY + 1, DAY + 29):
        due = [urn for urn in posts if is_due(urn, born_ms=0, last_day=last[urn], today=today, interval=7)]
        per_day.append(len(due))
        for urn in due:
            last[urn] = today
        assert all(today - day < 7 for day in last.values())  # never older than the interval
    assert max(per_day[7:]) < 2 * 700 / 7  # about a seventh of the old posts each day, no spike
    assert {slot(urn, 7) for urn in posts} == set(range(7))


class FakeClient:
    """The posts finder over `posts` (already newest first), counting calls."""

    def __init__(self, modified: list[int]) -> None:
        self.posts = [{"id": f"urn:li:share:{i}", "lastModifiedAt": t} for i, t in enumerate(modified)]
        self.starts: list[int] = []

    def get(self, path: str, params: dict[str, Any], organization: str | None = None) -> dict[str, Any]:
        assert path == "posts" and params["sortBy"] == "LAST_MODIFIED" and params["count"] == 100
        self.starts.append(params["start"])
        return {"elements": self.posts[params["start"] : params["start"] + params["count"]]}


def catalog(client: FakeClient, by_posts_stream: frozenset[str] = frozenset()) -> PostCatalog:
    return PostCatalog(SimpleNamespace(client=client), by_posts_stream)  # type: ignore[arg-type]


def test_catalog_stops_at_the_first_page_reaching_older_posts() -> None:
    client = FakeClient(list(range(1000, 750, -1)))  # 250 posts, 3 pages
    posts = catalog(client).since("urn:li:organization:1", 950)
    assert client.starts == [0]
    assert [p["lastModifiedAt"] for p in posts] == list(range(1000, 949, -1))


def test_catalog_pages_deeper_only_when_a_later_stream_asks_for_older_posts() -> None:
    client = FakeClient(list(range(1000, 750, -1)))
    shared = catalog(client)
    shared.since("org", 950)
    assert len(shared.since("org", 850)) == 151
    assert client.starts == [0, 100]
    assert len(shared.since("org", None)) == 250
    assert client.starts == [0, 100, 200]
    shared.since("org", None)
    assert client.starts == [0, 100, 200]  # never twice


def test_catalog_reads_an_exact_multiple_of_the_page_size_to_the_empty_page() -> None:
    client = FakeClient(list(range(1000, 800, -1)))  # exactly 200
    assert len(catalog(client).since("org", None)) == 200
    assert client.starts == [0, 100, 200]


def test_the_posts_stream_hands_its_pages_over_and_others_wait_for_them() -> None:
    """A per-post stream waits while the posts stream lists, then pages further itself only below it."""
    import threading

    client = FakeClient(list(range(1000, 750, -1)))
    shared = catalog(client, frozenset({"org"}))
    result: list[int] = []
    waiting = threading.Thread(target=lambda: result.append(len(shared.since("org", None))))
    waiting.start()
    whole = list(shared.whole("org", 880))  # the posts stream stops after two pages
    waiting.join(timeout=10)
    assert not waiting.is_alive() and result == [250]
    assert len(whole) == 200 and client.starts == [0, 100, 200]  # the third page fetched once, by the waiter
