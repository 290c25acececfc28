"""The CDK behaviours source_linkedin_pages/cdk.py relies on, against the installed CDK; fails loudly, never hangs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from queue import Queue
from typing import Any

import pytest
from airbyte_cdk.models import AirbyteLogMessage, AirbyteMessage, Level, Type

from source_linkedin_pages.cdk import (
    ConcurrentMessageRepository,
    ConcurrentSource,
    Cursor,
    DebugSliceLogger,
    DefaultStream,
    InMemoryMessageRepository,
    Partition,
    PartitionGenerator,
    QueueItem,
    Record,
    StreamSlice,
)
from source_linkedin_pages.records_queue import RecordsQueue
from source_linkedin_pages.state import Checkpointer

LOGGER = logging.getLogger("airbyte.seams")
STREAM = "seams"


def test_the_cursor_interface_is_what_the_checkpointer_implements() -> None:
    abstract = set(Cursor.__abstractmethods__)
    assert abstract == {"state", "observe", "close_partition", "ensure_at_least_one_state_emitted",
                        "should_be_synced"}, "the CDK's Cursor changed: review state.Checkpointer"
    assert abstract <= set(vars(Checkpointer))


class Part(Partition):
    def __init__(self, index: int, records: int, fail: bool = False) -> None:
        self.index, self.records, self.fail = index, records, fail

    def read(self) -> Iterable[Record]:
        for n in range(self.records):
            yield Record(data={"part": self.index, "n": n}, stream_name=STREAM, associated_slice={"part": self.index})
        if self.fail:
            raise RuntimeError("this partition fails after its records")

    def to_slice(self) -> Mapping[str, Any] | None:
        return {"part": self.index}

    def stream_name(self) -> str:
        return STREAM

    def __hash__(self) -> int:
        return self.index


class Generator(PartitionGenerator):
    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts

    def generate(self) -> Iterable[Partition]:
        yield from self.parts


class Recorder(Cursor):
    """Emits a marker message per closed partition, and records what the framework called."""

    def __init__(self, repository: ConcurrentMessageRepository) -> None:
        self.repository = repository
        self.closed: list[int] = []
        self.ensured = 0

    @property
    def state(self) -> MutableMapping[str, Any]:
        return {}

    def observe(self, record: Record) -> None:
        return None

    def close_partition(self, partition: Partition) -> None:
        index = partition.to_slice()["part"]  # type: ignore[index]
        self.closed.append(index)
        log = AirbyteLogMessage(level=Level.INFO, message=f"closed {index}")
        self.repository.emit_message(AirbyteMessage(type=Type.LOG, log=log))

    def ensure_at_least_one_state_emitted(self) -> None:
        self.ensured += 1  # on the reader's thread: its emission goes on the queue without blocking
        log = AirbyteLogMessage(level=Level.INFO, message="ensured")
        self.repository.emit_message(AirbyteMessage(type=Type.LOG, log=log))

    def should_be_synced(self, record: Record) -> bool:
        return True

    def stream_slices(self) -> Iterable[StreamSlice]:
        return iter(())


# Small queues, so records and markers interleave under pressure; the CDK's own, and the connector's batching one.
QUEUES: dict[str, Callable[[], Queue[QueueItem]]] = {
    "queue.Queue": lambda: Queue(maxsize=50),
    "RecordsQueue": lambda: RecordsQueue(batches=5, batch_size=7),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", list(QUEUES))
def test_partitions_close_after_their_records_on_the_records_queue(kind: str) -> None:
    messages: list[AirbyteMessage] = []
    failure: list[BaseException] = []
    cursors: list[Recorder] = []

    def run() -> None:
        # Built on the reading thread, as a sync builds them on its main thread: the repository takes the
        # thread it is made on for the queue's reader, whose own emissions must not block.
        queue: Queue[QueueItem] = QUEUES[kind]()
        repository = ConcurrentMessageRepository(queue, InMemoryMessageRepository())
        cursors.append(Recorder(repository))
        parts = [Part(index, 300, fail=index == 3) for index in range(6)]
        stream = DefaultStream(partition_generator=Generator(parts), name=STREAM, json_schema={}, primary_key=[],
                               cursor_field=None, logger=LOGGER, cursor=cursors[0])
        source = ConcurrentSource.create(num_workers=4, initial_number_of_partitions_to_generate=1, logger=LOGGER,
                                         slice_logger=DebugSliceLogger(), message_repository=repository, queue=queue)
        try:
            messages.extend(source.read([stream]))
        except BaseException as error:  # the failing partition ends the read with the CDK's summary error
            failure.append(error)

    reader = threading.Thread(target=run, daemon=True)
    reader.start()
    reader.join(timeout=50)
    assert not reader.is_alive(), "the CDK's concurrent read hung"
    cursor = cursors[0]
    assert failure, "a failing partition must end the read with an error"
    assert sorted(cursor.closed) == [0, 1, 2, 4, 5]  # never for the partition that failed
    assert cursor.ensured == 1  # once, after every partition (the failed one included) finished
    seen: dict[int, int] = {}
    for message in messages:
        if message.type == Type.RECORD:
            part = message.record.data["part"]  # type: ignore[union-attr]
            seen[part] = seen.get(part, 0) + 1
        elif message.type == Type.LOG and message.log.message.startswith("closed "):  # type: ignore[union-attr]
            part = int(message.log.message.split()[1])  # type: ignore[union-attr]
            assert seen.get(part) == 300, f"partition {part} closed before its records were emitted"
    assert seen == dict.fromkeys(range(6), 300)  # the failed partition's records were emitted too
    ensured = [i for i, m in enumerate(messages) if m.type == Type.LOG and m.log.message == "ensured"]  # type: ignore[union-attr]
    last_record = max(i for i, m in enumerate(messages) if m.type == Type.RECORD)
    assert len(ensured) == 1 and ensured[0] > last_record  # the reader's own emission, after every record


@pytest.mark.timeout(20)
@pytest.mark.parametrize("kind", ["queue.Queue", "RecordsQueue"])
def test_the_main_thread_can_emit_when_the_records_queue_is_full(kind: str) -> None:
    """The state a stream's end emits comes from the main thread, the queue's only reader: since airbyte-cdk 7.19
    the repository buffers it instead of blocking (before, a full queue deadlocked the sync) — the floor's reason."""
    queue: Queue[QueueItem] = Queue(maxsize=1) if kind == "queue.Queue" else RecordsQueue(batches=1, batch_size=7)
    repository = ConcurrentMessageRepository(queue, InMemoryMessageRepository())
    queue.put(AirbyteMessage(type=Type.LOG, log=AirbyteLogMessage(level=Level.INFO, message="fills the queue")))
    repository.emit_message(AirbyteMessage(type=Type.LOG, log=AirbyteLogMessage(level=Level.INFO, message="state")))
    assert [m.log.message for m in repository.consume_queue()] == ["state"]  # type: ignore[union-attr]
