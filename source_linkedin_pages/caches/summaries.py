"""Engagement summaries (`socialMetadata`), asked once per post per sync whatever streams are selected.

`comments` and `reactions` need only two short fingerprints per post to see which posts changed;
`post_engagement` needs the whole answers. Whichever stream asks first fetches a post's summary; when
`post_engagement` is selected the whole answer is kept until it takes it, otherwise only the fingerprints.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..api import constants
from ..context import SyncContext

REACTION_TYPES = ("LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
ABSENT = {"message": "absent from LinkedIn's answer"}
JSON = dict[str, Any]


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


@dataclass
class Summaries:
    """Fingerprints (comments, reactions) of the posts LinkedIn answered, and why the others were not."""

    fingerprints: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: dict[str, JSON] = field(default_factory=dict)


class EngagementSummaries:
    """Per sync; one lock per organization, so different organizations are fetched at the same time."""

    def __init__(self, ctx: SyncContext, keep_whole: bool) -> None:
        self._ctx = ctx
        self._keep_whole = keep_whole
        self._fingerprints: dict[str, tuple[str, str]] = {}
        self._whole: dict[str, JSON] = {}
        self._errors: dict[str, JSON] = {}
        self._lock = threading.Lock()  # guards the dicts only, never held across a call
        self._organization_locks: dict[str, threading.Lock] = {}

    @classmethod
    def of(cls, ctx: SyncContext) -> EngagementSummaries:
        return ctx.shared("engagement.summaries", lambda: cls(ctx, keep_whole="post_engagement" in ctx.selected))

    def _fetch(self, organization: str, urns: Sequence[str]) -> None:
        with self._lock:
            organization_lock = self._organization_locks.setdefault(organization, threading.Lock())
        with organization_lock:
            with self._lock:
                missing = [u for u in dict.fromkeys(urns) if u not in self._fingerprints and u not in self._errors]
            for batch in self._ctx.client.batch_get(
                "socialMetadata", missing, batch_size=constants.BATCH_GET_SIZE, organization=organization
            ):
                with self._lock:
                    for urn, summary in batch.results.items():
                        urn = sys.intern(urn)
                        self._fingerprints[urn] = (comment_fingerprint(summary), reaction_fingerprint(summary))
                        if self._keep_whole:
                            self._whole[urn] = summary
                    self._errors.update(batch.errors)
            with self._lock:
                for urn in missing:
                    if urn not in self._fingerprints and urn not in self._errors:
                        self._errors[urn] = dict(ABSENT)  # LinkedIn left the key out of results and errors alike

    def fingerprints(self, organization: str, urns: Sequence[str]) -> Summaries:
        """Fingerprints of one organization's `urns`; failures in `errors`."""
        self._fetch(organization, urns)
        with self._lock:
            return Summaries(
                {urn: self._fingerprints[urn] for urn in urns if urn in self._fingerprints},
                {urn: self._errors[urn] for urn in urns if urn in self._errors},
            )

    def whole(self, organization: str, urns: Sequence[str]) -> tuple[dict[str, JSON], dict[str, JSON]]:
        """Whole answers for `post_engagement` (each handed out once), and the failures."""
        self._fetch(organization, urns)
        with self._lock:
            answers = {urn: self._whole.pop(urn) for urn in urns if urn in self._whole}
            return answers, {urn: self._errors[urn] for urn in urns if urn in self._errors}
