"""Every LinkedIn call of a sync, counted per endpoint and per stream, and the optional call budget."""

from __future__ import annotations

import threading
from collections import Counter

from airbyte_cdk.models import FailureType

from .errors import SyncHalted, message

_current = threading.local()


def endpoint_of(path: str) -> str:
    """The endpoint a path belongs to, named as LinkedIn names the resource (`socialActions/…/comments` → comments)."""
    parts = path.strip("/").split("/")
    if parts[0] == "socialActions" and parts[-1] in ("comments", "likes"):
        return parts[-1]
    if parts[0] == "industryTaxonomyVersions":
        return "industries"
    return parts[0].split("?", 1)[0]


class CallLedger:
    """Thread-safe call counts; `charge` refuses a call once the budget is spent."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = budget
        self._lock = threading.Lock()
        self.by_endpoint: Counter[str] = Counter()
        self.by_stream: Counter[str] = Counter()
        self.total = 0

    @staticmethod
    def attribute_to(stream: str | None) -> None:
        """Calls made on this thread from now on count for `stream` (set by the partition being read)."""
        _current.stream = stream

    def charge(self, endpoint: str) -> None:
        """Count one call about to be sent; raises when the budget is spent (the call is not sent)."""
        with self._lock:
            if self.budget is not None and self.total >= self.budget:
                text = message("call_budget", budget=self.budget)
                raise SyncHalted(message=text, internal_message=text, failure_type=FailureType.transient_error)
            self.total += 1
            self.by_endpoint[endpoint] += 1
            self.by_stream[getattr(_current, "stream", None) or "(setup)"] += 1

    def summary(self) -> str:
        with self._lock:
            endpoints = ", ".join(f"{name} {count}" for name, count in self.by_endpoint.most_common())
            streams = ", ".join(f"{name} {count}" for name, count in self.by_stream.most_common())
            return f"by endpoint: {endpoints or 'none'}; by stream: {streams or 'none'}"
