"""Pure helpers of the post streams: digests, retention dates, post kinds, engagement fingerprints, the finder cache."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from source_linkedin_pages.streams.engagement import comment_fingerprint, reaction_fingerprint
from source_linkedin_pages.streams.post_registry import decode_digest, encode_digest
from source_linkedin_pages.streams.posts import PostCatalog, add_months, born_at, is_video, post_kind, retention_start


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


class FakeClient:
    """The posts finder over `posts` (already newest first), counting calls."""

    def __init__(self, modified: list[int]) -> None:
        self.posts = [{"id": f"urn:li:share:{i}", "lastModifiedAt": t} for i, t in enumerate(modified)]
        self.starts: list[int] = []

    def get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        assert path == "posts" and params["sortBy"] == "LAST_MODIFIED" and params["count"] == 100
        self.starts.append(params["start"])
        return {"elements": self.posts[params["start"] : params["start"] + params["count"]]}


def catalog(client: FakeClient) -> PostCatalog:
    return PostCatalog(SimpleNamespace(client=client))  # type: ignore[arg-type]


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


def registry_stream(
    view: Any = None, work: list[dict[str, Any]] | None = None, registry: dict[str, str] | None = None
) -> Any:
    """A Comments stream whose organizations, post view and plan are given (no API)."""
    from source_linkedin_pages.streams.engagement import Comments
    from source_linkedin_pages.streams.post_registry import Plan

    class Planned(Comments):
        def partitions(self):  # type: ignore[no-untyped-def]
            yield {"organization": ORG}

        def registry_view(self, partition, cursor):  # type: ignore[no-untyped-def]
            return view

        def plan(self, organization, view, cursor):  # type: ignore[no-untyped-def]
            return Plan(work or [], registry or {})

    stream = Planned(SimpleNamespace(config=SimpleNamespace(num_workers=8)))  # type: ignore[arg-type]
    stream.incremental = True
    return stream


ORG = "urn:li:organization:1"


def test_registry_state_round_trip_and_commit_when_the_last_part_closes() -> None:
    from source_linkedin_pages.streams.post_registry import RegistryView

    view = RegistryView(
        {"urn:li:share:1": "2.2"}, {"urn:li:share:9": {"id": "urn:li:share:9", "lastModifiedAt": 70}}, True
    )
    work = [{"post": f"urn:li:share:{n}", "since": None} for n in range(7)]  # two partitions of 5 and 2
    stream = registry_stream(view, work, {"urn:li:share:1": "3.3", "urn:li:share:9": "0"})
    stream.state = {
        "states": [
            {
                "partition": {"organization": ORG},
                "cursor": {
                    "lastModifiedAt": 5,
                    "postsModifiedAt": 7,
                    "posts": encode_digest({"urn:li:share:1": "2.2"}),
                },
            }
        ]
    }
    assert stream.state["states"][0]["cursor"]["postsModifiedAt"] == 7
    slices = list(stream.stream_slices())
    assert [(s["part"], s["parts"], len(s["work"])) for s in slices] == [(1, 2, 5), (2, 2, 2)]
    stream.advance(slices[1], 9)
    # One of two partitions closed: the state still shows the old cursor and registry.
    cursor = stream.state["states"][0]["cursor"]
    assert cursor["lastModifiedAt"] == 5 and decode_digest(cursor["posts"]) == {"urn:li:share:1": "2.2"}
    stream.advance(slices[0], 8)
    cursor = stream.state["states"][0]["cursor"]
    assert cursor["lastModifiedAt"] == 9 and cursor["postsModifiedAt"] == 70
    assert decode_digest(cursor["posts"]) == {"urn:li:share:1": "3.3", "urn:li:share:9": "0"}


def test_an_organization_without_items_keeps_its_registry_with_cursor_zero() -> None:
    from source_linkedin_pages.streams.post_registry import RegistryView

    stream = registry_stream(RegistryView({}, {}, False), [], {"urn:li:share:1": "0"})
    (only,) = stream.stream_slices()  # nothing to read is still one partition, so the registry is saved
    assert only["work"] == []
    stream.advance(only, None)
    (entry,) = stream.state["states"]
    assert entry["cursor"]["lastModifiedAt"] == 0 and decode_digest(entry["cursor"]["posts"]) == {"urn:li:share:1": "0"}
    stream.state = stream.state  # what the next sync reads back
    assert stream.cursor_of({"organization": ORG}) == 0


@pytest.mark.parametrize(
    "cursor",
    [
        {"lastModifiedAt": 1, "postsModifiedAt": "x", "posts": "z1:"},
        {"lastModifiedAt": 1, "postsModifiedAt": 1, "posts": "garbage"},
        {"lastModifiedAt": 1, "postsModifiedAt": 1},
    ],
)
def test_malformed_registry_is_a_config_error(cursor: dict[str, Any]) -> None:
    from source_linkedin_pages.config import ConfigError

    with pytest.raises(ConfigError, match="comments"):
        registry_stream().state = {"states": [{"partition": {"organization": "o"}, "cursor": cursor}]}


@pytest.mark.parametrize(
    ("posts", "workers", "size"),
    [(7, 8, 5), (1000, 8, 32), (5000, 8, 50), (5000, 1, 50), (40, 1, 10)],
)
def test_partition_size_keeps_workers_busy_without_thousands_of_partitions(posts: int, workers: int, size: int) -> None:
    from source_linkedin_pages.streams.post_registry import RegistryView

    stream = registry_stream(
        RegistryView({}, {}, False), [{"post": f"urn:li:share:{n}", "since": None} for n in range(posts)]
    )
    stream.ctx.config.num_workers = workers
    slices = list(stream.stream_slices())
    assert len(slices[0]["work"]) == size
    assert sum(len(s["work"]) for s in slices) == posts
