"""The CDK's concurrent framework, as this connector builds on it: one module, so a CDK change shows up here.

Only public classes are used (checked against airbyte-cdk 7.39.1, and at the declared floor 7.19.0 by
`make test-floors`); no underscore attribute of the CDK is read or written anywhere in the connector. The floor is
7.19.0 because earlier ConcurrentMessageRepository blocks when the main thread (the queue's only reader) emits a
stream's final state onto a full queue: the sync deadlocks (seen on 7.10 and 7.15). What the connector relies on
beyond the signatures is behaviour, and unit_tests/test_cdk_seams.py pins each point against the installed CDK
(with a timeout, so a change fails loudly instead of hanging a sync):
- `Cursor.close_partition` runs on the worker thread after every record of the partition was put on the queue,
  and only for a partition that read to its end;
- `Cursor.ensure_at_least_one_state_emitted` runs once a stream's last partition finished, failed ones included;
- a message emitted to a `ConcurrentMessageRepository` goes on the records' queue, behind the records queued
  before it, and the main thread's emission never blocks on a full queue;
- `Cursor`'s abstract methods are the ones `state.Checkpointer` implements;
- the records' queue given to `ConcurrentSource.create` is read by the main thread alone, through `get` and
  `empty`, and a partition's records and then its end are put from the one worker thread that read it
  (records_queue.RecordsQueue batches on that; the seams test runs the framework on it and on a plain Queue).
"""

from __future__ import annotations

from airbyte_cdk.sources.concurrent_source.concurrent_source import ConcurrentSource
from airbyte_cdk.sources.message import InMemoryMessageRepository, MessageRepository
from airbyte_cdk.sources.message.concurrent_repository import ConcurrentMessageRepository
from airbyte_cdk.sources.streams.concurrent.cursor import Cursor, CursorField, FinalStateCursor
from airbyte_cdk.sources.streams.concurrent.default_stream import DefaultStream
from airbyte_cdk.sources.streams.concurrent.partitions.partition import Partition
from airbyte_cdk.sources.streams.concurrent.partitions.partition_generator import PartitionGenerator
from airbyte_cdk.sources.streams.concurrent.partitions.types import QueueItem
from airbyte_cdk.sources.types import Record, StreamSlice
from airbyte_cdk.sources.utils.slice_logger import DebugSliceLogger

__all__ = [
    "ConcurrentMessageRepository",
    "ConcurrentSource",
    "Cursor",
    "CursorField",
    "DebugSliceLogger",
    "DefaultStream",
    "FinalStateCursor",
    "InMemoryMessageRepository",
    "MessageRepository",
    "Partition",
    "PartitionGenerator",
    "QueueItem",
    "Record",
    "StreamSlice",
]
