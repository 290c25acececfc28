"""Engagement per post: `post_engagement` summaries, and `comments` / `reactions` read only where activity changed."""

from __future__ import annotations

import logging
import sys
import threading
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..api import constants
from ..api.client import BatchResult
from ..api.restli import encode_key
from ..context import SyncContext
from .base import LinkedInStream, Partition, Record
from .post_registry import Plan, PostRegistryStream, RegistryView
from .posts import PostCatalog, lookback_ms, start_date_ms

REACTION_TYPES = ("LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
JSON = dict[str, Any]
UNREAD = "?"  # registry fingerprint of a post never summarised: it differs from every real fingerprint


def comment_fingerprint(summary: Mapping[str, Any]) -> str:
    """`count.topLevelCount` of a socialMetadata answer ("0" without comments): changes when comments come or go."""
    comments = summary.get("commentSummary") or {}
    count, top_level = int(comments.get("count") or 0), int(comments.get("topLevelCount") or 0)
    return "0" if count == 0 else f"{count}.{top_level}"


def reaction_fingerprint(summary: Mapping[str, Any]) -> str:
    """Counts per reaction type in a fixed order, e.g. `3.1.0.0.0.0` ("0" without reactions)."""
    counts = {
        str(kind): int((value or {}).get("count") or 0)
        for kind, value in (summary.get("reactionSummaries") or {}).items()
    }
    if sum(counts.values()) == 0:
        return "0"
    kinds = [*REACTION_TYPES, *sorted(set(counts) - set(REACTION_TYPES))]
    return ".".join(str(counts.get(kind, 0)) for kind in kinds)


def fingerprints(summary: Mapping[str, Any]) -> tuple[str, str]:
    """(comments, reactions) fingerprints of a socialMetadata answer: all the shared cache keeps of it."""
    return comment_fingerprint(summary), reaction_fingerprint(summary)


class EngagementSummaries:
    """Per-sync cache of `socialMetadata` fingerprints, so comments and reactions ask once per post.

    Only two short strings per post are kept (memory stays flat with the number of posts);
    `post_engagement` streams whole answers itself and hands their fingerprints to this cache.
    """

    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx
        self._results: dict[str, tuple[str, str]] = {}
        self._errors: dict[str, JSON] = {}
        self._lock = threading.Lock()  # guards the dicts only, never held across a call
        self._organization_locks: dict[str, threading.Lock] = {}

    @classmethod
    def of(cls, ctx: SyncContext) -> EngagementSummaries:
        return ctx.shared("engagement.summaries", lambda: cls(ctx))

    def offer(self, batch: BatchResult) -> None:
        """Remember the counts of an answer fetched by whichever stream asked."""
        with self._lock:
            self._results.update({sys.intern(urn): fingerprints(summary) for urn, summary in batch.results.items()})
            self._errors.update(batch.errors)

    def get(self, organization: str, urns: Sequence[str]) -> BatchResult:
        """Summaries of one organization's `urns` (BATCH_GET of at most BATCH_GET_SIZE keys); failures in `errors`.

        Streams asking for the same organization wait for each other, so each post is asked for once;
        different organizations are fetched at the same time.
        """
        with self._lock:
            organization_lock = self._organization_locks.setdefault(organization, threading.Lock())
        with organization_lock:
            with self._lock:
                missing = [u for u in dict.fromkeys(urns) if u not in self._results and u not in self._errors]
            for batch in self._ctx.client.batch_get("socialMetadata", missing, batch_size=constants.BATCH_GET_SIZE):
                self.offer(batch)
            with self._lock:
                for urn in missing:
                    if urn not in self._results and urn not in self._errors:
                        # LinkedIn left the key out of results, statuses and errors alike.
                        self._errors[urn] = {"message": "absent from LinkedIn's answer"}
                return BatchResult(
                    {urn: self._results[urn] for urn in urns if urn in self._results},
                    {urn: self._errors[urn] for urn in urns if urn in self._errors},
                )


def report_failures(
    logger: logging.Logger, stream: str, organization: str, asked: int, errors: Mapping[str, JSON]
) -> None:
    """One warning per partition with the number of posts LinkedIn refused, by status, and their keys."""
    if not errors:
        return
    by_status: dict[str, list[str]] = {}
    for urn, error in sorted(errors.items()):
        by_status.setdefault(str(error.get("status", "?")), []).append(urn)
    detail = "; ".join(f"HTTP {status} x {len(urns)}: {', '.join(urns)}" for status, urns in sorted(by_status.items()))
    logger.warning(
        f"{stream}: LinkedIn answered socialMetadata for {asked - len(errors)} of {asked} posts of {organization}; "
        f"skipped {len(errors)} ({detail}). A 404 is a post deleted since it was listed; a 403 a post the token "
        "may not read."
    )


class PostEngagement(LinkedInStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/social-metadata-api"""

    name = "post_engagement"
    primary_key = "entity"

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        # Whole answers stream straight through; the shared cache keeps only their counts.
        organization = partition["organization"]
        urns = [post["id"] for post in PostCatalog.of(self.ctx).since(organization, None)]
        shared = EngagementSummaries.of(self.ctx)
        errors: dict[str, JSON] = {}
        answered: set[str] = set()
        for batch in self.client.batch_get("socialMetadata", urns, batch_size=constants.BATCH_GET_SIZE):
            shared.offer(batch)
            errors.update(batch.errors)
            for urn, summary in batch.results.items():
                answered.add(urn)
                yield {**summary, "entity": urn, "organization": organization}
        missing = {urn: {"message": "absent from LinkedIn's answer"} for urn in urns if urn not in answered}
        report_failures(self.logger, self.name, organization, len(urns), {**missing, **errors})


class PostChildStream(PostRegistryStream):
    """Comments or reactions of every post, read only for posts whose engagement summary changed.

    Rule (docs/engagement-rule.md): a post's items are read when its socialMetadata fingerprint
    differs from the one remembered in the state and is not empty; a remembered post is read
    newest first only until items are older than the cursor minus the lookback window.
    """

    # Which of the cached fingerprints (comments, reactions) tells this stream a post has new items.
    fingerprint_index: int

    @abstractmethod
    def pages(self, post: str) -> Iterator[list[JSON]]:
        """The post's items, newest first, page by page."""

    def plan(self, organization: str, view: RegistryView, cursor: Any | None) -> Plan:
        candidates = list(dict.fromkeys([*view.listed, *view.known]))
        summaries = EngagementSummaries.of(self.ctx).get(organization, candidates)
        report_failures(self.logger, self.name, organization, len(candidates), summaries.errors)
        floor = start_date_ms(self.ctx)
        registry: dict[str, str] = {}
        work: list[dict[str, Any]] = []
        for urn in candidates:
            if urn not in summaries.results:
                if str(summaries.errors.get(urn, {}).get("status")) != "404":
                    # Not answered this time (403, or left out): keep it, to compare again on the next sync.
                    registry[urn] = view.known.get(urn, UNREAD)
                continue
            fingerprint = summaries.results[urn][self.fingerprint_index]
            registry[urn] = fingerprint
            if fingerprint == "0" or fingerprint == view.known.get(urn):
                continue
            thresholds = [value for value in (floor,) if value is not None]
            # A post the registry knows, or any post when the state has a cursor but no registry (a state
            # written without one): items older than the cursor were synced before.
            if cursor is not None and (not view.incremental or view.known.get(urn, UNREAD) != UNREAD):
                thresholds.append(int(cursor) - lookback_ms(self.ctx))
            work.append({"post": urn, "since": max(thresholds) if thresholds else None})
        self.logger.info(f"{self.name}: {organization}: {len(candidates)} posts considered, {len(work)} to read")
        return Plan(work, registry)

    def read_item(self, organization: str, item: Mapping[str, Any]) -> Iterable[Record]:
        return self._read_post(organization, item["post"], item["since"])

    def _read_post(self, organization: str, post: str, threshold: int | None) -> Iterator[Record]:
        for page in self.pages(post):
            for item in page:
                record = {
                    **item,
                    "post": post,
                    "organization": organization,
                    "createdAt": (item.get("created") or {}).get("time"),
                    "lastModifiedAt": (item.get("lastModified") or {}).get("time"),
                }
                if threshold is None or int(record.get(self.cursor_field) or 0) >= threshold:
                    yield record
            created = [int((item.get("created") or {}).get("time") or 0) for item in page]
            # Newest first: once a page reaches items created before the threshold, older pages hold nothing new.
            if threshold is not None and created and min(created) < threshold:
                return


class Comments(PostChildStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/comments-api"""

    name = "comments"
    primary_key = "commentUrn"
    cursor_field = "lastModifiedAt"

    fingerprint_index = 0

    def pages(self, post: str) -> Iterator[list[JSON]]:
        return self.client.paginate(f"socialActions/{encode_key(post)}/comments", {}, page_size=constants.PAGE_SIZE)


class Reactions(PostChildStream):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/reactions-api"""

    name = "reactions"
    primary_key = "id"
    cursor_field = "createdAt"

    fingerprint_index = 1

    def pages(self, post: str) -> Iterator[list[JSON]]:
        params = {"q": "entity", "sort": {"value": "REVERSE_CHRONOLOGICAL"}}
        return self.client.paginate(f"reactions/{encode_key({'entity': post})}", params, page_size=constants.PAGE_SIZE)
