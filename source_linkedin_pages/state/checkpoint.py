"""Closing partitions: outcomes fold into the organization's state entry, and the stream's state is emitted.

The CDK's concurrent framework calls `Cursor.close_partition` on the worker thread after every record of the
partition was handed to the records' queue, which batches a worker's records (records_queue.py): folding an
outcome first puts the closing thread's batch on the queue, and the state message goes on that same queue (the
source uses a ConcurrentMessageRepository), so it never overtakes the records it covers, and a sync killed at any moment
resumes from its last state without gaps. An organization read in several partitions (posts in batches) moves
its cursor only when its last partition closes; per-post registry entries may move earlier, so that a sync
stopped by a daily limit or the call budget keeps the posts it finished.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager

from ..cdk import Cursor, MessageRepository, Partition, Record, StreamSlice
from ..records_queue import flush_pending
from .stream_state import StreamState

# Writing a large state after every partition slows a big sync down; between organization completions the
# state is written at most this often (and always when an organization completes and at the stream's end).
EMIT_EVERY_SECONDS = 5.0


@dataclass
class PartOutcome:
    """What one partition achieved: the newest cursor value among its records, and per-post results."""

    newest: Any | None = None
    done: dict[str, str] = field(default_factory=dict)  # post URN -> its new registry value
    deleted: set[str] = field(default_factory=set)
    extra: dict[str, Any] = field(default_factory=dict)

    def see(self, value: Any) -> None:
        if value is not None and (self.newest is None or value > self.newest):
            self.newest = value


# (outcomes of the closed partitions, whether every partition of the organization closed) -> new entry or None
Fold = Callable[[list[PartOutcome], bool], dict[str, Any] | None]


class CommitGroup:
    """The partitions of one organization in one stream; their outcomes fold into its state entry."""

    def __init__(self, key: str, state: StreamState, parts: int, fold: Fold) -> None:
        self.key = key
        self.parts = parts
        self._state = state
        self._fold = fold
        self._outcomes: list[PartOutcome] = []
        self._lock = threading.Lock()

    def close(self, outcome: PartOutcome) -> tuple[bool, bool]:
        """Record one successful partition: (state changed, organization complete)."""
        flush_pending()  # this thread's records on the queue before any state can carry their progress
        with self._lock:
            self._outcomes.append(outcome)
            complete = len(self._outcomes) == self.parts
            entry = self._fold(list(self._outcomes), complete)
            changed = self._state.put(self.key, entry) if entry is not None else False
        return changed, complete

    def keep_progress(self, outcome: PartOutcome) -> None:
        """A partition failed midway (a daily limit, the call budget): keep what it finished (per-post entries)
        without counting it as closed, so the organization's cursor stays. Its records are on the queue before the
        progress is folded, and the state is next emitted after them (at a later close or the stream's end)."""
        if not outcome.done and not outcome.deleted:
            return
        flush_pending()  # as in close: the records before the progress
        with self._lock:
            self._outcomes.append(PartOutcome(done=outcome.done, deleted=outcome.deleted))
            entry = self._fold(list(self._outcomes), False)
            self.parts += 1  # the failed partition's share of the count, so "complete" still needs every part
            if entry is not None:
                self._state.put(self.key, entry)


@runtime_checkable
class Closable(Protocol):
    """A partition that knows how to record its outcome (see streams.base.LinkedInPartition)."""

    def close(self) -> tuple[bool, bool]: ...


class Checkpointer(Cursor):
    """The CDK cursor of an incremental LinkedIn stream: per-organization state, emitted on the records' queue."""

    def __init__(
        self,
        stream_name: str,
        state: StreamState,
        message_repository: MessageRepository,
        state_manager: ConnectorStateManager,
    ) -> None:
        self._name = stream_name
        self._stream_state = state
        self._repository = message_repository
        self._manager = state_manager
        self._lock = threading.Lock()
        self._last_emit = 0.0
        self._dirty = False

    @property
    def state(self) -> MutableMapping[str, Any]:
        return self._stream_state.snapshot()

    def observe(self, record: Record) -> None:
        # Partitions track their own newest cursor value while reading (once per record, no slice hashing).
        return None

    def close_partition(self, partition: Partition) -> None:
        changed, complete = partition.close() if isinstance(partition, Closable) else (False, False)
        with self._lock:
            self._dirty = self._dirty or changed
            due = complete or time.monotonic() - self._last_emit >= EMIT_EVERY_SECONDS
            if not (self._dirty and due):
                return
            self._dirty = False
            self._last_emit = time.monotonic()
            self._emit()

    def ensure_at_least_one_state_emitted(self) -> None:
        with self._lock:
            self._dirty = False
            self._emit()

    def should_be_synced(self, record: Record) -> bool:
        return True

    def stream_slices(self) -> Iterable[StreamSlice]:
        return iter(())  # partitions come from the stream's own partition generator

    def _emit(self) -> None:
        self._manager.update_state_for_stream(self._name, None, self._stream_state.snapshot())
        self._repository.emit_message(self._manager.create_state_message(self._name, None))
