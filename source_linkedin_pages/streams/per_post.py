"""Streams read per post, which do not list every post on every sync: a registry of the posts in the state.

State entry per organization, next to the stream's cursor: `postsModifiedAt` (the newest post lastModifiedAt
listed so far) and `posts` (the registry digest, state.registry). A sync lists only posts modified since
`postsModifiedAt - lookback_window_days`, takes the older ones from the registry, and decides per post what
to read (`decide`). Each organization's work is split into partitions of 5-50 posts, so the framework reads
many posts at once; per-post results fold into the registry as partitions close, the cursor when all did.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..api.constants import CONTENT
from ..api.errors import NotFoundError, message
from ..caches.posts import PostCatalog, chunks, modified_at
from ..organizations import Organization
from ..state import PartOutcome, decode_digest
from ..state.checkpoint import Fold
from ..state.stream_state import epoch_ms
from .base import Data, LinkedInStream, Plan

UNREAD = "?"  # registry value of a post never read: it differs from every real fingerprint


@dataclass(frozen=True)
class Registry:
    """What the state remembers of one organization's posts."""

    cursor: Any | None
    posts_modified_at: int
    posts: dict[str, str]


@dataclass
class Decision:
    """Which posts to read in this sync (work items, JSON-able), and each known post's registry value meanwhile."""

    work: list[dict[str, Any]] = field(default_factory=list)
    base: dict[str, str] = field(default_factory=dict)


class PerPostStream(LinkedInStream):
    """A stream read per post, with a registry of posts in its state (incremental) or every post (full refresh)."""

    family = CONTENT
    # Posts per partition: about four partitions per worker and organization keep every worker busy, without
    # thousands of pending partitions, which the framework holds in memory until they are read.
    min_posts_per_partition: ClassVar[int] = 5
    max_posts_per_partition: ClassVar[int] = 50

    @classmethod
    def check_state_entry(cls, entry: Mapping[str, Any]) -> None:
        if "posts" not in entry and "postsModifiedAt" not in entry:
            return  # a cursor without registry (older state): that organization is listed in full once
        try:
            epoch_ms(entry.get("postsModifiedAt"))
        except ValueError as problem:
            raise ValueError(f"cursor postsModifiedAt {problem}") from None
        cls.check_registry(decode_digest(entry.get("posts")))

    @classmethod
    def check_registry(cls, posts: Mapping[str, str]) -> None:
        """Validate the registry values of this stream (raise ValueError)."""
        return None

    def registry(self, org: Organization) -> Registry | None:
        entry = self.saved(org)
        if not entry or "posts" not in entry:
            return None
        posts = entry["posts"]
        return Registry(entry.get(self.cursor_field or ""), epoch_ms(entry["postsModifiedAt"]),
                        dict(posts) if isinstance(posts, dict) else decode_digest(posts))

    def listed(self, org: Organization, registry: Registry | None) -> dict[str, dict[str, Any]]:
        """Posts of the finder this sync needs: modified since the registry was written (all without one)."""
        floors = [value for value in (self.ctx.config.start_date_ms,) if value is not None]
        if registry is not None:
            floors.append(registry.posts_modified_at - self.ctx.config.lookback_ms)
        since = max(floors) if floors else None
        return {post["id"]: post for post in PostCatalog.of(self.ctx).since(org.urn, since) if "id" in post}

    def plan(self, org: Organization) -> Plan:
        registry = self.registry(org)
        listed = self.listed(org, registry)
        decision = self.decide(org, registry, listed)
        wanted = math.ceil(len(decision.work) / (4 * self.ctx.config.num_workers))
        size = max(self.min_posts_per_partition, min(self.max_posts_per_partition, wanted))
        units: list[Any] = list(chunks(decision.work, size)) or [[]]
        modified = max([modified_at(post) for post in listed.values()]
                       + [registry.posts_modified_at if registry else 0])
        fold = self.registry_fold(org, registry, decision.base, modified) if self.incremental else None
        return Plan(org, units, fold)

    def registry_fold(self, org: Organization, registry: Registry | None, base: dict[str, str],
                      posts_modified_at: int) -> Fold:
        """Per-post results move the registry as each partition closes; the cursor moves when all closed."""
        saved = registry.cursor if registry is not None else self.saved_cursor(org)
        field_name = self.cursor_field or ""

        def fold(outcomes: list[PartOutcome], complete: bool) -> dict[str, Any]:
            posts = dict(base)
            newest = [saved]
            for outcome in outcomes:
                posts.update(outcome.done)
                for urn in outcome.deleted:
                    posts.pop(urn, None)
                newest.append(outcome.newest)
            values = [value for value in (newest if complete else [saved]) if value is not None]
            # The registry stays a dict here; the state encodes it only when it is emitted.
            return {field_name: max(values) if values else 0, "postsModifiedAt": posts_modified_at, "posts": posts}

        return fold

    @abstractmethod
    def decide(self, org: Organization, registry: Registry | None, listed: dict[str, dict[str, Any]]) -> Decision:
        """Which posts to read, and the registry values of every post meanwhile."""

    @abstractmethod
    def read_item(self, org: Organization, item: Mapping[str, Any], outcome: PartOutcome) -> Iterable[Data]:
        """Records of one work item; on success note its new registry value in `outcome.done`."""

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        for item in unit:
            try:
                yield from self.read_item(org, item, outcome)
            except NotFoundError:
                # Deleted between the list and this call: skip it, and forget it.
                self.logger.warning(message("post_deleted", stream=self.name, post=item["post"],
                                            organization=org.label))
                outcome.deleted.add(item["post"])

    def report_refused(self, org: Organization, asked: int, errors: Mapping[str, Mapping[str, Any]]) -> None:
        """One warning per organization with the posts LinkedIn refused in its summaries, by status."""
        if not errors:
            return
        by_status: dict[str, list[str]] = {}
        for urn, error in sorted(errors.items()):
            by_status.setdefault(str(error.get("status", "missing")), []).append(urn)
        detail = "; ".join(f"HTTP {status} x {len(urns)}: {', '.join(urns[:20])}" + (" …" if len(urns) > 20 else "")
                           for status, urns in sorted(by_status.items()))
        self.logger.warning(message("posts_refused", stream=self.name, answered=asked - len(errors), asked=asked,
                                    organization=org.label, skipped=len(errors), detail=detail))
