"""Per-organization post registry kept in the state of per-post incremental streams (see docs/engagement-rule.md)."""

from __future__ import annotations

import base64
import binascii
import json
import threading
import zlib
from abc import ABC
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from ..context import SyncContext
from .base import IncrementalLinkedInStream, Partition
from .posts import Post, PostCatalog, lookback_ms

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
    return {URN_PREFIX + urn: value for urn, value in items}


@dataclass(frozen=True)
class Registry:
    """What a stream remembers of one organization: the newest post lastModifiedAt it listed, and its posts."""

    posts_modified_at: int
    posts: dict[str, str]  # post URN -> stream-specific fingerprint (counts, publication time…)


@dataclass(frozen=True)
class RegistryView:
    """The posts a partition must consider: the remembered ones and the ones the finder listed in this sync."""

    known: dict[str, str]
    listed: dict[str, Post]
    incremental: bool  # a registry was loaded for the organization (else every post was listed)


class PostRegistryStream(IncrementalLinkedInStream, ABC):
    """An incremental stream read per post that does not list every post on every sync.

    Its partition state carries, next to the cursor, `postsModifiedAt` (newest post lastModifiedAt
    seen) and `posts` (a compact digest of every known post with a fingerprint). A sync lists only
    posts modified since `postsModifiedAt - lookback` and takes the older ones from the digest.
    """

    def __init__(self, ctx: SyncContext) -> None:
        super().__init__(ctx)
        self._registry: dict[str, Registry] = {}
        self._pending: dict[str, Registry] = {}  # partitions read to the end but not yet closed
        self._registry_lock = threading.Lock()

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
            entry["cursor"].update({"postsModifiedAt": known.posts_modified_at, "posts": encode_digest(known.posts)})
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
            registry[str(item["partition"][self.partition_field])] = Registry(modified, posts)
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

    def remember(self, partition: Partition, view: RegistryView, posts: dict[str, str]) -> None:
        """Hold `posts` as the organization's next registry; it becomes state when the partition closes."""
        key = str(partition[self.partition_field])
        with self._registry_lock:
            previous = self._registry.get(key)
            newest = max(
                [int(post.get("lastModifiedAt") or 0) for post in view.listed.values()]
                + ([previous.posts_modified_at] if previous else [0])
            )
            self._pending[key] = Registry(newest, posts)

    def advance(self, partition: Partition, value: Any) -> None:
        # Called when the partition closes, after all its records were queued and before its state message:
        # only then may the registry say its posts were read.
        super().advance(partition, value)
        key = str(partition[self.partition_field])
        with self._registry_lock:
            pending = self._pending.pop(key, None)
            if pending is not None:
                self._registry[key] = pending
