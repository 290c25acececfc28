"""One stream's saved state: a cursor object per organization, parsed, validated and formatted (thread-safe).

Format (Airbyte per-stream state with partitions):
`{"states": [{"partition": {"organization": URN}, "cursor": {<cursor_field>: value, …extras}}]}`. The
official connector's `{"timeRangeEnd": ms}` (the value a number or a string of digits) is accepted too: it
applies to every organization until each has a cursor of its own.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ..config import ConfigError
from .registry import encode_digest

PARTITION_FIELD = "organization"
REGISTRY_FIELD = "posts"  # the per-post registry of an entry (state.registry)
# Keys the CDK's declarative per-partition cursor writes next to `states`; harmless here.
TOLERATED_KEYS = frozenset({"states", "use_global_cursor", "state", "lookback_window", "parent_state"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ValueCheck = Callable[[Any], Any]
ExtrasCheck = Callable[[Mapping[str, Any]], None]


def epoch_ms(value: Any) -> int:
    """Epoch milliseconds: a whole number, or a string of digits as the official declarative cursor writes it."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"must be epoch milliseconds, got {value!r}")
    return value


def utc_day(value: Any) -> str:
    """A UTC day `YYYY-MM-DD`."""
    if not isinstance(value, str) or not _DAY.match(value):
        raise ValueError(f"must be a day YYYY-MM-DD, got {value!r}")
    return value


class StreamState:
    """Cursor objects per organization URN for one stream."""

    def __init__(
        self,
        stream: str,
        cursor_field: str,
        *,
        check: ValueCheck = epoch_ms,
        extras: ExtrasCheck | None = None,
        legacy_keys: tuple[str, ...] = (),
    ) -> None:
        self.stream = stream
        self.cursor_field = cursor_field
        self._check = check
        self._extras = extras
        self._legacy_keys = legacy_keys
        self._entries: dict[str, dict[str, Any]] = {}
        self._versions: dict[str, int] = {}
        # A registry folded in this sync is kept as a dict and encoded only when a state is emitted, once per
        # change: encoding 5,000 posts at every partition close made a large sync 2.5x slower.
        self._digests: dict[str, tuple[int, str]] = {}
        self._legacy: Any | None = None
        self._lock = threading.Lock()

    def error(self, problem: str) -> ConfigError:
        return ConfigError(
            f"state of stream {self.stream}",
            f"is malformed ({problem}). Reset the stream's state in Airbyte (or pass no --state) to read it again.",
        )

    def load(self, value: Any) -> StreamState:
        """Parse a saved state (empty or None: nothing saved); a malformed one is a config error naming the stream."""
        if not value:
            return self
        if not isinstance(value, Mapping):
            raise self.error("it is not a JSON object")
        for key in self._legacy_keys:
            if set(value) == {key}:
                self._legacy = self._value(value[key])
                return self
        unexpected = set(value) - TOLERATED_KEYS
        if unexpected:
            raise self.error(f"unexpected keys {sorted(unexpected)}")
        states = value.get("states", [])
        if not isinstance(states, list):
            raise self.error("'states' is not a list")
        for item in states:
            partition = item.get("partition") if isinstance(item, Mapping) else None
            cursor = item.get("cursor") if isinstance(item, Mapping) else None
            if not isinstance(partition, Mapping) or not isinstance(cursor, Mapping):
                raise self.error("each entry needs 'partition' and 'cursor' objects")
            if PARTITION_FIELD not in partition or self.cursor_field not in cursor:
                raise self.error(f"entries need partition.{PARTITION_FIELD} and cursor.{self.cursor_field}")
            entry = dict(cursor)
            entry[self.cursor_field] = self._value(cursor[self.cursor_field])
            if self._extras is not None:
                try:
                    self._extras(entry)
                except ValueError as problem:
                    raise self.error(str(problem)) from None
            self._entries[str(partition[PARTITION_FIELD])] = entry
        return self

    def _value(self, value: Any) -> Any:
        try:
            return self._check(value)
        except ValueError as problem:
            raise self.error(f"cursor {self.cursor_field} {problem}") from None

    def entry(self, key: str) -> dict[str, Any] | None:
        """A copy of the organization's saved cursor object (the official connector's cursor when it has none)."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                return copy.copy(found)
        return {self.cursor_field: self._legacy} if self._legacy is not None else None

    def cursor(self, key: str) -> Any | None:
        entry = self.entry(key)
        return entry.get(self.cursor_field) if entry else None

    def put(self, key: str, entry: Mapping[str, Any]) -> bool:
        """Store the organization's new cursor object; whether anything changed."""
        new = dict(entry)
        with self._lock:
            if self._entries.get(key) == new:
                return False
            self._entries[key] = new
            self._versions[key] = self._versions.get(key, 0) + 1
            return True

    def snapshot(self) -> dict[str, Any]:
        """The state to emit (registries folded in this sync encoded as digests)."""
        with self._lock:
            states = [{"partition": {PARTITION_FIELD: key}, "cursor": self._encoded(key)}
                      for key in sorted(self._entries)]
        return {"states": states}

    def _encoded(self, key: str) -> dict[str, Any]:
        entry = dict(self._entries[key])
        posts = entry.get(REGISTRY_FIELD)
        if isinstance(posts, dict):
            version = self._versions.get(key, 0)
            cached = self._digests.get(key)
            if cached is None or cached[0] != version:
                cached = (version, encode_digest(posts))
                self._digests[key] = cached
            entry[REGISTRY_FIELD] = cached[1]
        return entry


def normalize_state_file(raw: Any, source: str) -> list[dict[str, Any]]:
    """A state file as Airbyte per-stream messages: lists of STREAM messages, a GLOBAL message (its per-stream
    states are used) and the legacy `{stream: state}` object are accepted; anything else is a config error."""
    if raw in (None, {}, []):
        return []
    if isinstance(raw, Mapping) and "type" not in raw:
        # Legacy state: one object keyed by stream name.
        if not all(isinstance(value, Mapping) for value in raw.values()):
            raise ConfigError(source, "is a legacy state object whose values are not all JSON objects.")
        return [_stream_message(name, value) for name, value in raw.items()]
    items = [raw] if isinstance(raw, Mapping) else raw
    if not isinstance(items, list):
        raise ConfigError(source, "must be a JSON list of state messages (or a legacy state object).")
    messages: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise ConfigError(source, "holds an entry that is not a JSON object.")
        kind = item.get("type", "STREAM")
        if kind == "GLOBAL":
            global_state = item.get("global") or {}
            for stream_state in global_state.get("stream_states") or []:
                descriptor = (stream_state or {}).get("stream_descriptor") or {}
                messages.append(_stream_message(str(descriptor.get("name")), stream_state.get("stream_state") or {}))
        elif kind == "STREAM":
            stream = item.get("stream") or {}
            descriptor = stream.get("stream_descriptor") if isinstance(stream, Mapping) else None
            if not isinstance(descriptor, Mapping) or not isinstance(descriptor.get("name"), str):
                raise ConfigError(source, "holds a STREAM state without stream.stream_descriptor.name.")
            messages.append(dict(item))
        elif kind == "LEGACY":
            data = item.get("data") or {}
            messages.extend(_stream_message(name, value) for name, value in data.items() if isinstance(value, Mapping))
        else:
            raise ConfigError(source, f"holds a state message of unknown type {kind!r}.")
    return messages


def _stream_message(stream: str, state: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "STREAM", "stream": {"stream_descriptor": {"name": stream}, "stream_state": dict(state)}}
