"""Request log of every /rest and /oauth call (control calls are not logged)."""
from __future__ import annotations

import itertools
import threading
from typing import Any

LOGGED_HEADERS = ("LinkedIn-Version", "X-Restli-Protocol-Version", "X-HTTP-Method-Override", "Content-Type",
                  "User-Agent")


class RequestLog:
    """Append-only list of JSON-ready entries; thread safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []
        self._seq = itertools.count(1)

    def new_entry(self, method: str, path: str, query: str, headers: dict[str, str | None], ts: int) -> dict[str, Any]:
        return {"seq": None, "ts": ts, "method": method, "path": path, "query": query, "resource": None,
                "restli_method": None, "finder": None, "params": None, "batch_size": None,
                "headers": {h: headers.get(h) for h in LOGGED_HEADERS}, "token_label": None, "status": None,
                "fault": None, "failed_keys": None, "tunneled": False}

    def append(self, entry: dict[str, Any]) -> None:
        with self._lock:
            entry["seq"] = next(self._seq)
            self._entries.append(entry)

    def list(self, resource: str | None = None, since: int = 0) -> list[dict[str, Any]]:
        with self._lock:
            return [e for e in self._entries
                    if e["seq"] > since and (resource is None or e["resource"] == resource)]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
