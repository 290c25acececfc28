"""Posts listed once per sync and shared by all post streams (PostCatalog); the posts and post_statistics streams."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..api import constants
from ..context import SyncContext
from .base import IncrementalLinkedInStream, LinkedInStream, Partition, Record
from .windows import add_months, day_floor

POST_URN_TYPES = {"urn:li:share:": "share", "urn:li:ugcPost:": "ugcPost"}
# Statistics LinkedIn keeps per post (share statistics) and for VIDEO_VIEW / VIEWER.
VIDEO_VIEWS_RETENTION_MONTHS = 6

Post = Mapping[str, Any]
T = TypeVar("T")


def now_ms() -> int:
    return int(time.time() * 1000)


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
        if isinstance(value, int):
            return value
    return 0


def slim(post: Post) -> Post:
    """What the other post streams need of a post (ids and times, and the video media id), not the whole post.

    The catalog keeps every post of a sync; whole posts would make memory grow with the page's history.
    """
    keys = ("lastModifiedAt", "createdAt", "publishedAt")
    # One string object per post URN for the whole sync: the catalog, the engagement cache and three
    # registries all hold it, and 25,000 posts make that worth it.
    kept: dict[str, Any] = {"id": sys.intern(str(post["id"]))} if "id" in post else {}
    kept.update({key: post[key] for key in keys if key in post})
    if is_video(post):
        kept["content"] = {"media": {"id": post["content"]["media"]["id"]}}
    return kept


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for offset in range(0, len(items), size):
        yield list(items[offset : offset + size])


@dataclass
class _OrgPosts:
    """The finder pages of one organization fetched so far in this sync (newest lastModifiedAt first)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    posts: dict[str, Post] = field(default_factory=dict)
    next_start: int = 0
    exhausted: bool = False
    oldest: int | None = None  # lastModifiedAt of the oldest post fetched so far
    pages: int = 0


def finder_params(organization: str) -> dict[str, Any]:
    """The posts finder: an organization's posts, most recently modified first."""
    return {"q": "author", "author": organization, "sortBy": "LAST_MODIFIED"}


class PostCatalog:
    """Per-sync cache of the posts finder (sortBy=LAST_MODIFIED), shared by the per-post streams of a sync.

    Pages are fetched lazily and only as deep as the oldest `since` any stream asked for, so an
    incremental sync reads only the first pages, and no stream lists the posts a second time.
    """

    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx
        self._orgs: dict[str, _OrgPosts] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, ctx: SyncContext) -> PostCatalog:
        return ctx.shared("posts.catalog", lambda: cls(ctx))

    def _org(self, organization: str) -> _OrgPosts:
        with self._lock:
            return self._orgs.setdefault(organization, _OrgPosts())

    def since(self, organization: str, since: int | None) -> list[Post]:
        """Posts with lastModifiedAt ≥ `since` (every post when None), newest first.

        Paging stops as soon as a page reaches a post older than `since`; a page shorter than the
        page size is the last one.
        """
        cache = self._org(organization)
        with cache.lock:
            while not cache.exhausted and (since is None or cache.oldest is None or cache.oldest >= since):
                self._fetch_page(organization, cache)
            posts = list(cache.posts.values())
        if since is None:
            return posts
        return [post for post in posts if int(post.get("lastModifiedAt") or 0) >= since]

    def whole(self, organization: str, since: int | None) -> Iterator[Post]:
        """Whole posts from the finder, newest first, for the `posts` stream; their slim copies feed the cache.

        The organization's cache stays locked while the posts stream pages, so a per-post stream that
        needs the same list waits for it instead of listing it again; the pages are read by the `posts`
        partitions, which run for every organization at once.
        """
        cache = self._org(organization)
        with cache.lock:
            start = 0
            while True:
                elements = self._page(organization, start)
                if start == cache.next_start and not cache.exhausted:
                    self._store(cache, elements)  # extends the shared list only where it ends
                yield from elements
                if len(elements) < constants.PAGE_SIZE:
                    return
                if since is not None and any(int(post.get("lastModifiedAt") or 0) < since for post in elements):
                    return
                start += constants.PAGE_SIZE

    def _page(self, organization: str, start: int) -> list[Post]:
        params = {**finder_params(organization), "start": start, "count": constants.PAGE_SIZE}
        return list(self._ctx.client.get("posts", params).get("elements") or [])

    def _fetch_page(self, organization: str, cache: _OrgPosts) -> None:
        self._store(cache, self._page(organization, cache.next_start))

    @staticmethod
    def _store(cache: _OrgPosts, elements: list[Post]) -> None:
        cache.pages += 1
        for post in elements:
            # A post edited while we page moves to the top and shifts the later pages, so a post may come
            # twice: keep one copy. The edited post is read by the next sync (its lastModifiedAt is newer
            # than any cursor this sync saves).
            if "id" in post and post["id"] not in cache.posts:
                slimmed = slim(post)
                cache.posts[slimmed["id"]] = slimmed
            modified = post.get("lastModifiedAt")
            if isinstance(modified, int) and (cache.oldest is None or modified < cache.oldest):
                cache.oldest = modified
        cache.next_start += constants.PAGE_SIZE
        if len(elements) < constants.PAGE_SIZE:
            cache.exhausted = True

    def finder_pages(self) -> int:
        """Finder calls made in this sync (for logs and tests)."""
        with self._lock:
            return sum(org.pages for org in self._orgs.values())


def start_date_ms(ctx: SyncContext) -> int | None:
    start = ctx.config.start_date
    return int(start.timestamp() * 1000) if start is not None else None


def lookback_ms(ctx: SyncContext) -> int:
    return ctx.config.lookback_window_days * constants.DAY_MS


class Posts(IncrementalLinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api"""

    name = "posts"
    primary_key = "id"
    cursor_field = "lastModifiedAt"

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        # Whole posts stream straight through (the shared catalog keeps slim copies), newest first, and
        # paging stops at the first page that reaches posts older than the cursor minus the lookback.
        organization = partition["organization"]
        floors = [value for value in (start_date_ms(self.ctx),) if value is not None]
        if cursor is not None:
            floors.append(int(cursor) - lookback_ms(self.ctx))
        since = max(floors) if floors else None
        seen: set[str] = set()  # an edit during paging shifts the pages: a post may come twice
        for post in PostCatalog.of(self.ctx).whole(organization, since):
            if post.get("id") in seen:
                continue
            seen.add(post.get("id"))
            if since is None or int(post.get("lastModifiedAt") or 0) >= since:
                yield {**post, "organization": organization}


class PostStatistics(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics#retrieve-statistics-for-specific-shares"""

    name = "post_statistics"
    primary_key = "post"

    def stream_slices(self, **kwargs: Any) -> Iterable[Mapping[str, Any] | None]:
        # One partition per call (20 posts), so the calls of one organization run concurrently too.
        for partition in self.partitions():
            organization = partition["organization"]
            # LinkedIn keeps share statistics for posts created within a rolling 12 months: never ask for older ones.
            oldest = retention_start(now_ms(), constants.STATS_RETENTION_MONTHS)
            urns = [
                post["id"]
                for post in PostCatalog.of(self.ctx).since(organization, oldest)
                if post_kind(post["id"]) is not None and int(post.get("createdAt") or born_at(post)) >= oldest
            ]
            for chunk in chunks(urns, constants.POST_STATS_BATCH):
                yield {"organization": organization, "posts": chunk}

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        organization, chunk = partition["organization"], partition["posts"]
        params: dict[str, Any] = {"q": "organizationalEntity", "organizationalEntity": organization}
        for kind in ("share", "ugcPost"):
            of_kind = [urn for urn in chunk if post_kind(urn) == kind]
            if of_kind:
                params[f"{kind}s"] = of_kind
        for element in self.client.elements("organizationalEntityShareStatistics", params):
            post = element.get("share") or element.get("ugcPost")
            if post:
                yield {**element, "post": post}
