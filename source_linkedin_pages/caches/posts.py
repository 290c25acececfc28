"""Posts listed once per sync and shared by every post stream (PostCatalog), and small helpers about posts."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from .. import clock
from ..api import constants
from ..context import SyncContext
from ..streams.windows import add_months, day_floor

POST_URN_TYPES = {"urn:li:share:": "share", "urn:li:ugcPost:": "ugcPost"}
VIDEO_VIEWS_RETENTION_MONTHS = 6  # VIDEO_VIEW / VIEWER are served for videos younger than six months
# A per-post stream waiting for the posts stream to list an organization gives up waiting (and lists the
# posts itself) when the listing has made no progress for this long: a stuck handoff must never hang a sync.
HANDOFF_PATIENCE_S = 300.0

Post = Mapping[str, Any]
T = TypeVar("T")


def now_ms() -> int:
    return clock.now_ms()


def retention_start(now: int, months: int) -> int:
    """Earliest instant LinkedIn still serves for a rolling `months`-month window (the later of calendar months
    and 30.4-day months, so that a post on the boundary is never asked for)."""
    by_calendar = add_months(day_floor(now), -months)
    by_days = day_floor(now) - round(months * 30.44) * constants.DAY_MS
    return max(by_calendar, by_days)


def post_kind(urn: str) -> str | None:
    """`share` or `ugcPost` (the parameter family LinkedIn uses for the post), None for other URNs."""
    for prefix, kind in POST_URN_TYPES.items():
        if urn.startswith(prefix):
            return kind
    return None


def is_video(post: Post) -> bool:
    """A video post: its media is a `urn:li:video:` asset (videoAnalytics answers 400 for anything else)."""
    content = post.get("content")
    media = content.get("media") if isinstance(content, Mapping) else None
    return isinstance(media, Mapping) and str(media.get("id", "")).startswith("urn:li:video:")


def born_at(post: Post) -> int:
    """When a post went live (publishedAt, else createdAt, else lastModifiedAt)."""
    for key in ("publishedAt", "createdAt", "lastModifiedAt"):
        value = post.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return 0


def modified_at(post: Post) -> int:
    value = post.get("lastModifiedAt")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def slim(post: Post) -> dict[str, Any]:
    """What the other post streams need of a post (id, times, the video media id), not the whole post.

    The catalog keeps every post of a sync; whole posts would make memory grow with the page's history.
    """
    kept: dict[str, Any] = {"id": sys.intern(str(post["id"]))} if "id" in post else {}
    kept.update({key: post[key] for key in ("lastModifiedAt", "createdAt", "publishedAt") if key in post})
    if is_video(post):
        kept["content"] = {"media": {"id": post["content"]["media"]["id"]}}
    return kept


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for offset in range(0, len(items), size):
        yield list(items[offset : offset + size])


def finder_params(organization: str) -> dict[str, Any]:
    """The posts finder: an organization's posts, most recently modified first."""
    return {"q": "author", "author": organization, "sortBy": "LAST_MODIFIED"}


class _Listing:
    """The finder pages of one organization fetched so far in this sync (newest lastModifiedAt first)."""

    def __init__(self, by_posts_stream: bool) -> None:
        self.cond = threading.Condition()
        self.posts: dict[str, dict[str, Any]] = {}
        self.next_start = 0
        self.exhausted = False
        self.oldest: int | None = None  # lastModifiedAt of the oldest post fetched so far
        self.awaiting_posts_stream = by_posts_stream
        self.progress = time.monotonic()

    def deep_enough(self, since: int | None) -> bool:
        return self.exhausted or (since is not None and self.oldest is not None and self.oldest < since)

    def store(self, elements: list[Post]) -> None:
        for post in elements:
            # A post edited while we page moves to the top and shifts the later pages, so a post may come
            # twice: keep one copy. The edited post is read by the next sync (its lastModifiedAt is newer).
            if "id" in post and post["id"] not in self.posts:
                kept = slim(post)
                self.posts[kept["id"]] = kept
            modified = modified_at(post)
            if self.oldest is None or modified < self.oldest:
                self.oldest = modified
        self.next_start += constants.PAGE_SIZE
        self.exhausted = self.exhausted or len(elements) < constants.PAGE_SIZE
        self.progress = time.monotonic()
        self.cond.notify_all()


class PostCatalog:
    """Per sync: each organization's posts (slim copies) from the posts finder, listed once for all streams.

    When the `posts` stream is selected it lists each of its organizations first (it needs the whole posts,
    which the catalog does not keep) and hands the pages over as it goes; a per-post stream waits for what it
    needs and pages further itself only below where the posts stream stopped. No lock is held while records
    are handed to the destination.
    """

    def __init__(self, ctx: SyncContext, listed_by_posts_stream: frozenset[str]) -> None:
        self._ctx = ctx
        self._by_posts_stream = listed_by_posts_stream
        self._listings: dict[str, _Listing] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, ctx: SyncContext) -> PostCatalog:
        def make() -> PostCatalog:
            listed: frozenset[str] = frozenset()
            if "posts" in ctx.selected:
                listed = frozenset(org.urn for org in ctx.organizations.usable(constants.CONTENT))
            return cls(ctx, listed)

        return ctx.shared("posts.catalog", make)

    def _listing(self, organization: str) -> _Listing:
        with self._lock:
            if organization not in self._listings:
                self._listings[organization] = _Listing(organization in self._by_posts_stream)
            return self._listings[organization]

    def _page(self, organization: str, start: int) -> list[Post]:
        params = {**finder_params(organization), "start": start, "count": constants.PAGE_SIZE}
        return list(self._ctx.client.get("posts", params, organization=organization).get("elements") or [])

    def since(self, organization: str, since: int | None) -> list[dict[str, Any]]:
        """Posts with lastModifiedAt ≥ `since` (every post when None), newest first.

        Paging stops as soon as a page reaches a post older than `since`; a page shorter than the page size is
        the last one.
        """
        listing = self._listing(organization)
        with listing.cond:
            while listing.awaiting_posts_stream and not listing.deep_enough(since):
                if time.monotonic() - listing.progress > HANDOFF_PATIENCE_S:
                    listing.awaiting_posts_stream = False
                    break
                listing.cond.wait(timeout=5.0)
            while not listing.deep_enough(since):
                # Under the listing's lock: per-post streams of one organization take turns, never page twice.
                listing.store(self._page(organization, listing.next_start))
            posts = list(listing.posts.values())
        return posts if since is None else [post for post in posts if modified_at(post) >= since]

    def whole(self, organization: str, since: int | None) -> Iterator[Post]:
        """Whole posts from the finder, newest first, down to the first page reaching posts older than `since`,
        for the `posts` stream; their slim copies feed the catalog."""
        listing = self._listing(organization)
        start = 0
        try:
            while True:
                elements = self._page(organization, start)
                with listing.cond:
                    if start == listing.next_start and not listing.exhausted:
                        listing.store(elements)  # extends the shared list only where it ends
                yield from elements
                if len(elements) < constants.PAGE_SIZE:
                    return
                if since is not None and any(modified_at(post) < since for post in elements):
                    return
                start += constants.PAGE_SIZE
        finally:
            with listing.cond:
                listing.awaiting_posts_stream = False
                listing.cond.notify_all()
