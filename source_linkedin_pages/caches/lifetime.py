"""Each organization's lifetime statistics answer, fetched once per sync for every stream that needs it."""

from __future__ import annotations

import threading
from typing import Any

from ..context import SyncContext

FOLLOWERS = "organizationalEntityFollowerStatistics"
SHARES = "organizationalEntityShareStatistics"
PAGES = "organizationPageStatistics"
# LinkedIn's finder parameter naming the organization, per resource; also the record's organization field.
ENTITY_PARAM = {FOLLOWERS: "organizationalEntity", SHARES: "organizationalEntity", PAGES: "organization"}


class LifetimeStatistics:
    """Shared by the nested statistics streams, the demographic streams and the geo lookup (small: top-100
    facets), kept for the sync."""

    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx
        self._answers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, ctx: SyncContext) -> LifetimeStatistics:
        return ctx.shared("lifetime", lambda: cls(ctx))

    def elements(self, resource: str, organization: str) -> list[dict[str, Any]]:
        key = (resource, organization)
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # a second stream asking for the same answer waits for the first call, it does not repeat it
            if key not in self._answers:
                param = ENTITY_PARAM[resource]
                self._answers[key] = self._ctx.client.elements(
                    resource, {"q": param, param: organization}, organization=organization
                )
            return self._answers[key]
