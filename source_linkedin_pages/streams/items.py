"""`comments` and `reactions`: read only for posts whose engagement summary changed, from each post's own point.

Rule (docs/engagement-rule.md): a post is read when its socialMetadata fingerprint is not `0` and differs
from the one in the registry; it is read from its own watermark (its registry entry's `@` value, else the
organization's cursor) minus the lookback, or in full when new to the registry. Pages are read newest first
only where they prove that order — LinkedIn documents no order for comments — else every page is read and
filtered. A post LinkedIn refuses or leaves out of the summaries keeps its old registry entry and its own
watermark, so whatever arrives on it meanwhile is read on a later sync.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from ..api import constants
from ..api.restli import encode_key
from ..caches.summaries import EngagementSummaries
from ..organizations import Organization
from ..state import PartOutcome
from ..state.registry import join_watermark, split_watermark
from .base import Data
from .per_post import UNREAD, Decision, PerPostStream, Registry

JSON = dict[str, Any]


def comment_urn(item: Mapping[str, Any]) -> str:
    """A comment's URN: LinkedIn's `commentUrn`, else its `$URN`, else built from the post activity and id."""
    for key in ("commentUrn", "$URN"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return f"urn:li:comment:({item.get('object')},{item.get('id')})"


def _time(item: Mapping[str, Any], key: str) -> int | None:
    stamp = item.get(key)
    value = stamp.get("time") if isinstance(stamp, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class PostItems(PerPostStream):
    """Items attached to posts (comments or reactions), read only where a post's summary changed."""

    fingerprint_index: ClassVar[int]  # which of the cached fingerprints (comments, reactions) this stream uses

    def pages(self, post: str) -> Iterator[list[JSON]]:
        raise NotImplementedError

    def record(self, org: Organization, post: str, item: Mapping[str, Any]) -> dict[str, Any]:
        return {**item, "post": post, "organization": org.urn, "createdAt": _time(item, "created"),
                "lastModifiedAt": _time(item, "lastModified")}

    def decide(self, org: Organization, registry: Registry | None, listed: dict[str, dict[str, Any]]) -> Decision:
        known = registry.posts if registry is not None else {}
        # A cursor without registry (an older state): every post counts as synced up to that cursor.
        default = registry.cursor if registry is not None else self.saved_cursor(org)
        candidates = list(dict.fromkeys([*listed, *known]))
        summaries = EngagementSummaries.of(self.ctx).fingerprints(org.urn, candidates)
        self.report_refused(org, len(candidates), summaries.errors)
        floor, lookback = self.ctx.config.start_date_ms, self.ctx.config.lookback_ms
        decision = Decision()
        for urn in candidates:
            old = known.get(urn)
            old_print, own = split_watermark(old) if old is not None else (UNREAD, None)
            synced_to = own if own is not None else (default if old_print != UNREAD or registry is None else None)
            # Until this post is read completely, it keeps its old entry with its own watermark.
            waiting = join_watermark(old_print, synced_to if old_print != UNREAD or registry is None else None)
            if urn not in summaries.fingerprints:
                if str(summaries.errors.get(urn, {}).get("status")) != "404":  # a 404: deleted, forget it
                    decision.base[urn] = waiting
                continue
            fingerprint = summaries.fingerprints[urn][self.fingerprint_index]
            if fingerprint == "0" or fingerprint == old_print:
                decision.base[urn] = fingerprint
                continue
            decision.base[urn] = waiting
            thresholds = [value for value in (floor, synced_to - lookback if synced_to is not None else None)
                          if value is not None]
            decision.work.append({"post": urn, "since": max(thresholds) if thresholds else None,
                                  "done": fingerprint})
        self.logger.info(f"{self.name}: {org.label}: {len(candidates)} posts considered, {len(decision.work)} to read")
        return decision

    def read_item(self, org: Organization, item: Mapping[str, Any], outcome: PartOutcome) -> Iterable[Data]:
        post, since = item["post"], item["since"]
        field_name = self.cursor_field or ""
        newest_first, previous = True, None
        for page in self.pages(post):
            created = [_time(element, "created") or 0 for element in page]
            for element, when in zip(page, created, strict=True):
                newest_first = newest_first and (previous is None or when <= previous)
                previous = when
                record = self.record(org, post, element)
                if since is None or int(record.get(field_name) or 0) >= since:
                    yield record
            # Stop early only where every item seen so far proves the pages come newest first.
            if since is not None and newest_first and created and min(created) < since:
                break
        outcome.done[post] = item["done"]


class Comments(PostItems):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/comments-api"""

    name = "comments"
    primary_key = ("commentUrn",)
    cursor_field = "lastModifiedAt"
    fingerprint_index = 0

    def pages(self, post: str) -> Iterator[list[JSON]]:
        return self.client.paginate(f"socialActions/{encode_key(post)}/comments", {}, page_size=constants.PAGE_SIZE)

    def record(self, org: Organization, post: str, item: Mapping[str, Any]) -> dict[str, Any]:
        return {**super().record(org, post, item), "commentUrn": comment_urn(item)}


class Reactions(PostItems):
    """https://learn.microsoft.com/linkedin/marketing/community-management/shares/reactions-api"""

    name = "reactions"
    primary_key = ("id",)
    cursor_field = "createdAt"
    fingerprint_index = 1

    def pages(self, post: str) -> Iterator[list[JSON]]:
        params = {"q": "entity", "sort": {"value": "REVERSE_CHRONOLOGICAL"}}
        return self.client.paginate(f"reactions/{encode_key({'entity': post})}", params, page_size=constants.PAGE_SIZE)
