"""Per-organization post registry kept in the state of per-post incremental streams (see docs/engagement-rule.md)."""

from __future__ import annotations

import base64
import binascii
import json
import sys
import threading
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from ..api.errors import NotFoundError
from ..context import SyncContext
from .base import IncrementalLinkedInStream, Partition, Record
from .posts import Post, PostCatalog, chunks, lookback_ms

DIGEST_PREFIX = "z1:"
URN_PREFIX = "urn:li:"


def encode_digest(posts: Mapping[str, str]) -> str:
    """`{post URN: fingerprint}` → `z1:` + base64url(zlib(JSON [[URN without "urn:li:", fingerprint], …] sorted)).

    Post ids share long prefixes, so 5,000 posts take tens of kilobytes instead of hundreds.
    """
    items = sorted([urn.removeprefix(URN_PREFIX), str(value)] for urn, value in posts.items())
    raw = json.dumps(items, separators=(",", ":")).encode()
    return DIGEST_PREFIX + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode()


def decode_digest(text: str) -> dict[str, str]:
    """Inverse of `encode_digest`; ValueError for anything else."""
    if not isinstance(text, str) or not text.startswith(DIGEST_PREFIX):
        raise ValueError("the post digest must be a string starting with 'z1:'")
    try:
        items = json.loads(zlib.decompress(base64.urlsafe_b64decode(text[len(DIGEST_PREFIX) :].encode())))
    except (binascii.Error, zlib.error, ValueError) as error:
        raise ValueError(f"the post digest does not decode ({type(error).__name__})") from None
    if not isinstance(items, list) or not all(
        isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item) for item in items
    ):
        raise ValueError("the post digest is not a list of [post, fingerprint] pairs")
    return {sys.intern(URN_PREFIX + urn): sys.intern(value) for urn, value in items}


@dataclass(frozen=True)
class Registry:
    """What a stream remembers of one organization: the newest post lastModifiedAt it listed, and its posts."""

    posts_modified_at: int
    posts: dict[str, str]  # post URN -> stream-specific fingerprint (counts, publication time…)
    digest: str = ""  # `posts` encoded for the state, made once: a state is written after every partition

    @classmethod
    def of(cls, posts_modified_at: int, posts: dict[str, str], digest: str | None = None) -> Registry:
        return cls(posts_modified_at, posts, digest if digest is not None else encode_digest(posts))


@dataclass(frozen=True)
class RegistryView:
    """The posts a partition must consider: the remembered ones and the ones the finder listed in this sync."""

    known: dict[str, str]
    listed: dict[str, Post]
    incremental: bool  # a registry was loaded for the organization (else every post was listed)


@dataclass(frozen=True)
class Plan:
    """What one organization needs this sync: work items (one per post, JSON) and its registry once all are read."""

    work: list[dict[str, Any]]
    registry: dict[str, str]


@dataclass
class _OpenOrganization:
    """An organization whose partitions are being read; its cursor and registry move when the last one closes."""

    parts: int
    registry: dict[str, str]
    posts_modified_at: int
    closed: int = 0
    newest: Any | None = None
    deleted: set[str] = field(default_factory=set)


class PostRegistryStream(IncrementalLinkedInStream, ABC):
    """An incremental stream read per post that does not list every post on every sync.

    Its partition state carries, next to the cursor, `postsModifiedAt` (newest post lastModifiedAt
    seen) and `posts` (a compact digest of every known post with a fingerprint). A sync lists only
    posts modified since `postsModifiedAt - lookback` and takes the older ones from the digest.

    Each organization's work is split into partitions of 5-50 posts, so the concurrent framework
    reads many posts at once (one post's calls are sequential). State stays per organization: its
    cursor and registry move only when the last of its partitions closes.
    """

    # Posts per partition: enough partitions per organization to keep every worker busy (4 per worker),
    # but not thousands of pending ones, which the framework holds in memory until they are read.
    min_posts_per_partition = 5
    max_posts_per_partition = 50

    def __init__(self, ctx: SyncContext) -> None:
        super().__init__(ctx)
        self._registry: dict[str, Registry] = {}
        self._open: dict[str, _OpenOrganization] = {}
        self._registry_lock = threading.Lock()

    @abstractmethod
    def plan(self, organization: str, view: RegistryView, cursor: Any | None) -> Plan:
        """Which posts to read (work items) and the organization's next registry."""

    @abstractmethod
    def read_item(self, organization: str, item: Mapping[str, Any]) -> Iterable[Record]:
        """Records of one work item; NotFoundError when its post was deleted."""

    @property
    def state(self) -> MutableMapping[str, Any]:
        value = IncrementalLinkedInStream.state.fget(self)  # type: ignore[attr-defined]
        with self._registry_lock:
            registry = dict(self._registry)
        entries = {entry["partition"][self.partition_field]: entry for entry in value["states"]}
        for key, known in registry.items():
            # An organization without any record yet still needs its registry: its cursor is 0 ("nothing yet").
            entry = entries.setdefault(
                key, {"partition": {self.partition_field: key}, "cursor": {self.cursor_field: 0}}
            )
            entry["cursor"].update({"postsModifiedAt": known.posts_modified_at, "posts": known.digest})
        return {"states": [entries[key] for key in sorted(entries)]}

    @state.setter
    def state(self, value: MutableMapping[str, Any]) -> None:
        IncrementalLinkedInStream.state.fset(self, value)  # type: ignore[attr-defined]
        registry: dict[str, Registry] = {}
        for item in (value or {}).get("states", []) if isinstance(value, Mapping) else []:
            cursor = item["cursor"]
            if "posts" not in cursor and "postsModifiedAt" not in cursor:
                continue  # a cursor without registry (older state): that organization lists every post once
            modified = cursor.get("postsModifiedAt")
            if isinstance(modified, bool) or not isinstance(modified, int) or modified < 0:
                raise self._bad_state(f"cursor postsModifiedAt must be epoch milliseconds, got {modified!r}")
            try:
                posts = decode_digest(cursor.get("posts"))
            except ValueError as error:
                raise self._bad_state(str(error)) from None
            registry[str(item["partition"][self.partition_field])] = Registry.of(modified, posts, cursor.get("posts"))
        with self._registry_lock:
            self._registry = registry

    def registry_view(self, partition: Partition, cursor: Any | None) -> RegistryView:
        """Known posts (incremental reads only) plus the posts modified since the registry was written."""
        organization = partition[self.partition_field]
        with self._registry_lock:
            known = self._registry.get(str(organization)) if cursor is not None else None
        since = known.posts_modified_at - lookback_ms(self.ctx) if known is not None else None
        listed = {post["id"]: post for post in PostCatalog.of(self.ctx).since(organization, since)}
        return RegistryView(dict(known.posts) if known else {}, listed, known is not None)

    def stream_slices(self, **kwargs: Any) -> Iterable[Mapping[str, Any] | None]:
        for organization_partition in self.partitions():
            organization = organization_partition[self.partition_field]
            cursor = self.cursor_of(organization_partition) if self.incremental else None
            view = self.registry_view(organization_partition, cursor)
            plan = self.plan(organization, view, cursor)
            wanted = -(-len(plan.work) // (4 * self.ctx.config.num_workers))
            size = max(self.min_posts_per_partition, min(self.max_posts_per_partition, wanted))
            batches = list(chunks(plan.work, size)) or [[]]
            with self._registry_lock:
                previous = self._registry.get(str(organization))
                newest = max(
                    [int(post.get("lastModifiedAt") or 0) for post in view.listed.values()]
                    + ([previous.posts_modified_at] if previous else [0])
                )
                self._open[str(organization)] = _OpenOrganization(len(batches), plan.registry, newest)
            for index, batch in enumerate(batches, start=1):
                yield {self.partition_field: organization, "part": index, "parts": len(batches), "work": batch}

    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        organization = partition[self.partition_field]
        for item in partition.get("work", []):
            try:
                yield from self.read_item(organization, item)
            except NotFoundError:
                # Deleted between the list and this call: skip it, and forget it.
                self.logger.warning(f"{self.name}: post {item['post']} of {organization} was deleted (404); skipped.")
                with self._registry_lock:
                    self._open[str(organization)].deleted.add(item["post"])

    def advance(self, partition: Partition, value: Any) -> bool:
        # Called as each partition closes, after its records were queued and before its state message.
        # Only when the organization's last partition closes may its cursor and registry move.
        key = str(partition[self.partition_field])
        with self._registry_lock:
            open_organization = self._open.get(key)
            if open_organization is None:
                return False
            open_organization.closed += 1
            if value is not None and (open_organization.newest is None or value > open_organization.newest):
                open_organization.newest = value
            if open_organization.closed < open_organization.parts:
                return False
            del self._open[key]
        super().advance({self.partition_field: key}, open_organization.newest)
        deleted = open_organization.deleted
        registry = {urn: value for urn, value in open_organization.registry.items() if urn not in deleted}
        with self._registry_lock:
            self._registry[key] = Registry.of(open_organization.posts_modified_at, registry)
        return True
