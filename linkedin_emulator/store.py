"""In-memory model: organizations with daily series, posts, lazily generated comments and reactions."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .timeutil import DAY_MS

REACTION_TYPES = ("LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
SHARE_FIELDS = ("impressionCount", "uniqueImpressionsCount", "clickCount", "likeCount", "commentCount",
                "shareCount", "shareMentionsCount", "commentMentionsCount")
PAGE_SECTIONS = ("overview", "about", "careers", "jobs", "lifeAt", "people", "products", "insights")
CLICK_KEYS = ("careersPageJobsClicks", "careersPagePromoLinksClicks", "careersPageBannerPromoClicks",
              "careersPageEmployeesClicks")
CLICK_GROUPS = ("careersPageClicks", "mobileCareersPageClicks")
# A page has at most one custom button; VISIT_WEBSITE is the type seen in recorded answers.
CUSTOM_BUTTON_TYPES = ("VISIT_WEBSITE", "CONTACT_US", "LEARN_MORE", "REGISTER", "SIGN_UP")
BUTTON_DEVICES = ("desktop", "mobile")  # daily series f"{device}CustomButtonClicks"


def view_keys() -> list[str]:
    """Every views key of organizationPageStatistics, in a stable order."""
    keys = ["allPageViews", "allDesktopPageViews", "allMobilePageViews"]
    for s in PAGE_SECTIONS:
        cap = s[0].upper() + s[1:]
        keys += [f"{s}PageViews", f"desktop{cap}PageViews", f"mobile{cap}PageViews"]
    return keys


VIEW_KEYS = view_keys()


@dataclass
class Org:
    """One organization: lookup object, daily series (index 0 = data_start_ms) and lifetime facets."""

    index: int
    id: int
    vanity: str
    details: dict[str, Any]
    data_start_ms: int
    series: dict[str, list[int]] = field(default_factory=dict)
    prefix: dict[str, list[int]] = field(default_factory=dict)
    base_followers: int = 0
    follower_facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    page_facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    added_share: dict[str, int] = field(default_factory=dict)  # control-added activity, lifetime only
    custom_button: str | None = None  # customButtonType of the page's button; None: the page has none

    @property
    def urn(self) -> str:
        return f"urn:li:organization:{self.id}"

    def finish_series(self) -> None:
        """Build prefix sums so any bucket sum is O(1)."""
        for name, values in self.series.items():
            acc = [0]
            for v in values:
                acc.append(acc[-1] + v)
            self.prefix[name] = acc

    def total(self, name: str, start_ms: int, end_ms: int) -> int:
        """Sum of whole days in [start_ms, end_ms) (both day aligned); days without data count 0."""
        pre = self.prefix[name]
        n = len(pre) - 1
        i = max(0, min(n, (start_ms - self.data_start_ms) // DAY_MS))
        j = max(0, min(n, (end_ms - self.data_start_ms) // DAY_MS))
        return pre[j] - pre[i] if j > i else 0

    def lifetime(self, name: str) -> int:
        return self.prefix[name][-1]


@dataclass
class Post:
    """One post; the served JSON is built on demand by the posts handler."""

    urn: str
    org_id: int
    org_index: int
    seq: int  # per-organization sequence, stable across runs with the same seed
    kind: str  # share | ugcPost
    ctype: str
    created: int
    published: int | None
    last_modified: int
    lifecycle: str
    activity: str
    seed: int
    n_comments: int
    n_reactions: int
    body: dict[str, Any]  # visibility, commentary, content, distribution, adContext...
    stats: dict[str, int]
    deleted: bool = False
    edited: bool = False
    added_comments: list[dict[str, Any]] = field(default_factory=list)
    added_reactions: list[dict[str, Any]] = field(default_factory=list)
    edited_comments: dict[str, int] = field(default_factory=dict)  # comment id -> lastModified.time
    deleted_comments: set[str] = field(default_factory=set)  # comment ids

    @property
    def comment_delta(self) -> int:
        """Comments added minus comments deleted through the control API."""
        return len(self.added_comments) - len(self.deleted_comments)

    @property
    def is_video(self) -> bool:
        return self.ctype == "video"


class Store:
    """All data of one emulator run; comment/reaction lists come from per-post seeds (LRU cached)."""

    def __init__(self, anchor_day_ms: int, start_ms: int,
                 comment_gen: Callable[[Post], list[dict[str, Any]]],
                 reaction_gen: Callable[[Post], list[dict[str, Any]]]) -> None:
        self.anchor_day_ms = anchor_day_ms
        self.start_ms = start_ms
        self.orgs: list[Org] = []
        self.org_by_id: dict[int, Org] = {}
        self.posts: dict[str, Post] = {}
        self.posts_by_org: dict[int, list[Post]] = {}
        self._comment_gen = comment_gen
        self._reaction_gen = reaction_gen
        self._cache: OrderedDict[tuple[str, str], list[dict[str, Any]]] = OrderedDict()

    def add_org(self, org: Org) -> None:
        self.orgs.append(org)
        self.org_by_id[org.id] = org
        self.posts_by_org[org.id] = []

    def add_post(self, post: Post) -> None:
        self.posts[post.urn] = post
        self.posts_by_org[post.org_id].append(post)

    def live_post(self, urn: str) -> Post | None:
        post = self.posts.get(urn)
        return None if post is None or post.deleted else post

    def _cached(self, kind: str, post: Post, gen: Callable[[Post], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        key = (kind, post.urn)
        hit = self._cache.get(key)
        if hit is None:
            hit = gen(post)
            self._cache[key] = hit
            if len(self._cache) > 1024:  # bounded: big data sets must not hold every comment in memory
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return hit

    @staticmethod
    def _newest_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda c: (c["created"]["time"], c["id"]), reverse=True)

    def comments(self, post: Post) -> list[dict[str, Any]]:
        """Every comment (top level and replies), newest first, with control-API edits and deletions."""
        base = self._cached("c", post, self._comment_gen)
        items = self._newest_first(base + post.added_comments) if post.added_comments else base
        if not (post.edited_comments or post.deleted_comments):
            return items
        out = []
        for c in items:
            if c["id"] in post.deleted_comments:
                continue
            modified = post.edited_comments.get(c["id"])
            if modified is not None:  # copies: the cached generated lists stay untouched
                c = {**c, "lastModified": {**c["lastModified"], "time": modified},
                     "message": {**c["message"], "text": c["message"]["text"] + " (edited)"}}
            out.append(c)
        return out

    def reactions(self, post: Post) -> list[dict[str, Any]]:
        base = self._cached("r", post, self._reaction_gen)
        return self._newest_first(base + post.added_reactions) if post.added_reactions else base
