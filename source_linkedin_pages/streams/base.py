"""Base streams: partitions (organizations, posts) read through the shared client, with per-partition state.

A stream declares its partitions and how to read one partition; incremental streams also name a
cursor field. State is Airbyte per-stream state with partitions:
`{"states": [{"partition": {"organization": URN}, "cursor": {<cursor_field>: value}}]}`.
A partition's cursor advances only when the partition is closed, after all its records were emitted
(see concurrency.py), so a sync killed at any moment resumes without gaps.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from airbyte_cdk.models import SyncMode
from airbyte_cdk.sources.streams import CheckpointMixin, Stream

from ..api.client import LinkedInClient
from ..config import ConfigError
from ..context import SyncContext
from ..organizations import org_urn

Record = Mapping[str, Any]
Partition = Mapping[str, Any]


class LinkedInStream(Stream, ABC):
    """A stream is a small declaration: name, keys, docs link, and how to read one partition."""

    name: str  # type: ignore[assignment]
    docs_url: str = ""
    incremental = False  # set by the source from the configured catalog

    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx

    @property
    def client(self) -> LinkedInClient:
        return self.ctx.client

    def partitions(self) -> Iterable[Partition]:
        """One partition per organization by default."""
        for org_id in self.ctx.organizations():
            yield {"organization": org_urn(org_id)}

    def stream_slices(self, **kwargs: Any) -> Iterable[Mapping[str, Any] | None]:
        yield from self.partitions()

    def read_records(
        self,
        sync_mode: SyncMode,
        cursor_field: list[str] | None = None,
        stream_slice: Mapping[str, Any] | None = None,
        stream_state: Mapping[str, Any] | None = None,
    ) -> Iterable[Record]:
        partition = stream_slice or {}
        yield from self.read_partition(partition, self.saved_cursor(partition))

    def saved_cursor(self, partition: Partition) -> Any | None:
        """The cursor a partition resumes from; none for a full-refresh stream."""
        return None

    @abstractmethod
    def read_partition(self, partition: Partition, cursor: Any | None) -> Iterable[Record]:
        """Records of one partition; `cursor` is the saved cursor value of that partition (incremental only)."""


class IncrementalLinkedInStream(LinkedInStream, CheckpointMixin, ABC):
    """Incremental on `cursor_field`, with one cursor per partition."""

    cursor_field: str  # type: ignore[assignment]
    partition_field = "organization"
    # A state saved by the official connector: {"timeRangeEnd": ms} for its one organization.
    legacy_state_keys: tuple[str, ...] = ()

    def __init__(self, ctx: SyncContext) -> None:
        super().__init__(ctx)
        self._cursors: dict[str, Any] = {}
        self._legacy_cursor: Any | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> MutableMapping[str, Any]:
        with self._lock:
            states = [
                {"partition": {self.partition_field: key}, "cursor": {self.cursor_field: value}}
                for key, value in sorted(self._cursors.items())
            ]
        return {"states": states}

    @state.setter
    def state(self, value: MutableMapping[str, Any]) -> None:
        self._cursors, self._legacy_cursor = self.parse_state(value or {})

    def parse_state(self, value: Mapping[str, Any]) -> tuple[dict[str, Any], Any | None]:
        """Cursors per partition from a saved state; a malformed state is a config error naming the stream."""
        if not isinstance(value, Mapping):
            raise self._bad_state("it is not a JSON object")
        for key in self.legacy_state_keys:
            if set(value) == {key}:
                return {}, self._checked_value(value[key])
        cursors: dict[str, Any] = {}
        states = value.get("states", [])
        if set(value) - {"states", "use_global_cursor", "state", "lookback_window", "parent_state"}:
            raise self._bad_state(f"unexpected keys {sorted(value)}")
        if not isinstance(states, list):
            raise self._bad_state("'states' is not a list")
        for item in states:
            partition = item.get("partition") if isinstance(item, Mapping) else None
            cursor = item.get("cursor") if isinstance(item, Mapping) else None
            if not isinstance(partition, Mapping) or not isinstance(cursor, Mapping):
                raise self._bad_state("each entry needs 'partition' and 'cursor' objects")
            if self.partition_field not in partition or self.cursor_field not in cursor:
                raise self._bad_state(f"entries need partition.{self.partition_field} and cursor.{self.cursor_field}")
            cursors[str(partition[self.partition_field])] = self._checked_value(cursor[self.cursor_field])
        return cursors, None

    def _checked_value(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._bad_state(f"cursor {self.cursor_field} must be epoch milliseconds, got {value!r}")
        return value

    def _bad_state(self, problem: str) -> ConfigError:
        return ConfigError(
            f"state of stream {self.name}",
            f"is malformed ({problem}). Reset the stream's state in Airbyte (or pass no --state) to read it again.",
        )

    def cursor_of(self, partition: Partition) -> Any | None:
        with self._lock:
            return self._cursors.get(str(partition[self.partition_field]), self._legacy_cursor)

    def advance(self, partition: Partition, value: Any) -> bool:
        """Move the partition's cursor to `value` (never back); whether the stream's state may have changed."""
        key = str(partition[self.partition_field])
        with self._lock:
            current = self._cursors.get(key, self._legacy_cursor)
            if value is not None and (current is None or value > current):
                self._cursors[key] = value
            elif current is not None:
                self._cursors[key] = current
        return True

    def closing_cursor(self, partition: Partition, newest: Any | None) -> Any | None:
        """The cursor a fully read partition closes at; by default the newest cursor value among its records."""
        return newest

    def saved_cursor(self, partition: Partition) -> Any | None:
        # The concurrent framework always reads with sync_mode full_refresh, so the catalog's choice is
        # `self.incremental`.
        return self.cursor_of(partition) if self.incremental else None
