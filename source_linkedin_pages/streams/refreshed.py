"""Per-post snapshots: `post_statistics` (lifetime share statistics) and `post_engagement` (socialMetadata).

Full refresh reads every post in scope. Incremental (source-defined cursor `retrievedAt`, the epoch ms of the
read) follows a refresh schedule kept in the registry (state.schedule): recent posts every sync, older ones
in turn, every post at least every `refresh_interval_days`; with "incremental + deduped" the destination
keeps each post's latest values. `post_engagement` refreshes every post when `comments` or `reactions` are
selected, since their change detection asks LinkedIn for every post's summary anyway. Registry value per
post: `<creation day>.<day of the last refresh>` (day numbers since the epoch; the second empty if never).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..api import constants
from ..api.constants import CONTENT, STATISTICS
from ..caches.posts import now_ms, post_kind, retention_start
from ..caches.summaries import EngagementSummaries
from ..organizations import Organization
from ..state import PartOutcome
from ..state.schedule import day_number, is_due
from .base import Data
from .per_post import Decision, PerPostStream, Registry

_VALUE = re.compile(r"^(\d+)\.(\d*)$")


def created_day(post: Mapping[str, Any]) -> int:
    for key in ("createdAt", "publishedAt", "lastModifiedAt"):
        value = post.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return day_number(value)
    return 0


class RefreshedPerPost(PerPostStream):
    """A per-post snapshot stream with a refresh schedule for incremental reads; one LinkedIn call per partition."""

    cursor_field = "retrievedAt"

    @classmethod
    def check_registry(cls, posts: Mapping[str, str]) -> None:
        if not all(_VALUE.match(value) for value in posts.values()):
            raise ValueError(f"registry values of {cls.name} must be '<creation day>.<refresh day>'")

    def keep(self, post_urn: str, created: int) -> bool:
        """Whether the post is still worth asking LinkedIn about."""
        return True

    def refresh_all(self) -> bool:
        """Whether every post is refreshed on every sync (full refresh, or when it costs no extra call)."""
        return not self.incremental

    def decide(self, org: Organization, registry: Registry | None, listed: dict[str, dict[str, Any]]) -> Decision:
        created = {urn: created_day(post) for urn, post in listed.items()}
        last: dict[str, int] = {}
        for urn, value in (registry.posts if registry is not None else {}).items():
            found = _VALUE.match(value)
            if found:
                created.setdefault(urn, int(found.group(1)))
                if found.group(2):
                    last[urn] = int(found.group(2))
        today, interval = day_number(self.ctx.started_ms), self.ctx.config.refresh_interval_days
        decision = Decision()
        for urn, day in created.items():
            if not self.keep(urn, day):
                continue  # out of scope for good: forgotten
            decision.base[urn] = f"{day}.{last.get(urn, '')}"
            if self.refresh_all() or is_due(urn, born_ms=day * constants.DAY_MS, last_day=last.get(urn),
                                            today=today, interval=interval):
                decision.work.append({"post": urn, "done": f"{day}.{today}"})
        return decision

    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        if unit:
            yield from self.read_batch(org, {item["post"]: item["done"] for item in unit}, outcome)

    def read_batch(self, org: Organization, posts: dict[str, str], outcome: PartOutcome) -> Iterable[Data]:
        """Records of one call about `posts` (URN -> registry value once refreshed)."""
        raise NotImplementedError

    def read_item(self, org: Organization, item: Mapping[str, Any], outcome: PartOutcome) -> Iterable[Data]:
        raise NotImplementedError  # whole batches are read, see read()


class PostStatistics(RefreshedPerPost):
    """https://learn.microsoft.com/linkedin/marketing/community-management/organizations/share-statistics#retrieve-statistics-for-specific-shares"""

    name = "post_statistics"
    primary_key = ("post",)
    family = STATISTICS
    min_posts_per_partition = max_posts_per_partition = constants.POST_STATS_BATCH

    def keep(self, post_urn: str, created: int) -> bool:
        # LinkedIn keeps share statistics for posts created within a rolling 12 months: never ask for older ones.
        oldest = retention_start(now_ms(), constants.STATS_RETENTION_MONTHS)
        return post_kind(post_urn) is not None and created * constants.DAY_MS >= oldest

    def read_batch(self, org: Organization, posts: dict[str, str], outcome: PartOutcome) -> Iterable[Data]:
        params: dict[str, Any] = {"q": "organizationalEntity", "organizationalEntity": org.urn}
        for kind in ("share", "ugcPost"):
            of_kind = [urn for urn in posts if post_kind(urn) == kind]
            if of_kind:
                params[f"{kind}s"] = of_kind
        for element in self.client.elements("organizationalEntityShareStatistics", params, organization=org.urn):
            post = element.get("share") or element.get("ugcPost")
            if post:
                yield {**element, "post": post, "organization": org.urn, "retrievedAt": self.ctx.started_ms}
        # A post without activity may be absent from the answer: there was nothing to refresh, so it counts.
        outcome.done.update(posts)


class PostEngagement(RefreshedPerPost):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/social-metadata-api"""

    name = "post_engagement"
    primary_key = ("entity",)
    family = CONTENT
    min_posts_per_partition = max_posts_per_partition = constants.BATCH_GET_SIZE

    def refresh_all(self) -> bool:
        return super().refresh_all() or bool({"comments", "reactions"} & self.ctx.selected)

    def read_batch(self, org: Organization, posts: dict[str, str], outcome: PartOutcome) -> Iterable[Data]:
        answers, errors = EngagementSummaries.of(self.ctx).whole(org.urn, list(posts))
        for urn, summary in answers.items():
            outcome.done[urn] = posts[urn]
            yield {**summary, "entity": urn, "organization": org.urn, "retrievedAt": self.ctx.started_ms}
        self.report_refused(org, len(posts), errors)
        outcome.deleted.update(urn for urn, error in errors.items() if str(error.get("status")) == "404")
