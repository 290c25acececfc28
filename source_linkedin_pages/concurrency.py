"""Concurrent reading through the CDK's concurrent framework, with per-partition state.

The CDK's ConcurrentCursor keeps one datetime interval per stream; LinkedIn streams need one
cursor per organization (or post), so this module supplies the small Cursor that bridges the
framework and `IncrementalLinkedInStream`'s per-partition state. A partition's cursor moves only
in `close_partition`, which the framework calls on the worker thread after every record of that
partition was queued; the state message goes on the same queue (the source uses a
ConcurrentMessageRepository), so it never overtakes the records it covers.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.message import MessageRepository
from airbyte_cdk.sources.streams.concurrent.cursor import Cursor
from airbyte_cdk.sources.streams.concurrent.partitions.partition import Partition
from airbyte_cdk.sources.types import Record, StreamSlice
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .streams.base import IncrementalLinkedInStream


class PartitionStateCursor(Cursor):
    """Per-partition cursor of an IncrementalLinkedInStream; emits the stream's state after each partition."""

    def __init__(
        self,
        stream: IncrementalLinkedInStream,
        message_repository: MessageRepository,
        state_manager: ConnectorStateManager,
    ) -> None:
        self._stream = stream
        self._message_repository = message_repository
        self._state_manager = state_manager
        self._newest: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def state(self) -> MutableMapping[str, Any]:
        return self._stream.state

    @staticmethod
    def _key(partition_slice: Mapping[str, Any] | None) -> str:
        # Several partitions may share an organization (posts read in batches): key by the whole slice.
        return json.dumps(partition_slice or {}, sort_keys=True, default=str)

    def observe(self, record: Record) -> None:
        value = record.data.get(self._stream.cursor_field)
        if value is None:
            return
        key = self._key(record.associated_slice)
        with self._lock:
            current = self._newest.get(key)
            if current is None or value > current:
                self._newest[key] = value

    def close_partition(self, partition: Partition) -> None:
        partition_slice = partition.to_slice() or {}
        with self._lock:
            newest = self._newest.pop(self._key(partition_slice), None)
        # A partition that moves no cursor (one batch of an organization's posts) writes no state: the
        # state can be large, and thousands of identical copies would only slow the sync down.
        if self._stream.advance(partition_slice, self._stream.closing_cursor(partition_slice, newest)):
            self._emit()

    def ensure_at_least_one_state_emitted(self) -> None:
        self._emit()

    def should_be_synced(self, record: Record) -> bool:
        return True

    def stream_slices(self) -> Iterable[StreamSlice]:
        return iter(())  # partitions come from the stream's own partition generator

    def _emit(self) -> None:
        self._state_manager.update_state_for_stream(self._stream.name, self._stream.namespace, self._stream.state)
        self._message_repository.emit_message(
            self._state_manager.create_state_message(self._stream.name, self._stream.namespace)
        )


def quiet_known_failures(logger: logging.Logger) -> None:
    """Keep tracebacks out of the log for errors a user caused or can wait out (not defects).

    The CDK logs every stream failure with `logger.exception`; for a documented config or transient
    error the message itself is the whole story, and a traceback only buries it.
    """
    for existing in logger.filters:
        if isinstance(existing, _KnownFailureFilter):
            return
    logger.addFilter(_KnownFailureFilter())


class _KnownFailureFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            while error is not None and not isinstance(error, AirbyteTracedException):
                error = error.__cause__ or getattr(error, "exception", None)
            if isinstance(error, AirbyteTracedException) and error.failure_type != FailureType.system_error:
                record.exc_info = None
                record.exc_text = None
                record.msg = f"{record.getMessage()}: {error.message}"
                record.args = ()
        return True
