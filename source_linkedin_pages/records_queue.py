"""The records' queue of a sync: a worker's records reach the main thread in batches, everything else as it comes.

Why not the CDK's plain `queue.Queue`: its `PartitionReader` puts every record on the queue on its own, and
each put and get takes the queue's lock and signals a condition. With eight workers feeding one reader
the threads hand the lock and the GIL back and forth about once per record (strace of a `video_analytics`
read: ~2 futex calls per record); batching on the producer's side makes that once per batch, and the
reader takes a batch's records without any lock. The queue is a public extension point of the CDK
(`ConcurrentSource.create(queue=...)`); the order it keeps, pinned by unit_tests/test_records_queue.py:

- a thread's records reach the queue in the order it put them, and before anything else that thread puts
  afterwards (a partition's sentinel, an exception, a state or log message flush the thread's batch
  first), so a partition's records precede its end and the state its close emits;
- progress another thread's state could carry becomes visible only after the closing thread's batch is on
  the queue: `state.CommitGroup` calls `flush_pending()` before it folds an outcome;
- the main thread, the only reader, never puts records, and its non-blocking puts raise `queue.Full` as the
  CDK's `ConcurrentMessageRepository` expects.

`maxsize` counts entries (a batch is one), so at most `batches x batch_size` records wait on the queue, plus
one unfinished batch per worker.
"""

from __future__ import annotations

import threading
from collections import deque
from queue import Queue

from .cdk import QueueItem, Record


class _Batch(list[Record]):
    """Records of one thread, in the order it put them (a type of its own: no other item is one)."""


class _Pending(threading.local):
    """The calling thread's unfinished batch, and the queue it is for."""

    queue: RecordsQueue | None = None
    batch: _Batch | None = None


_pending = _Pending()


def flush_pending(block: bool = True, timeout: float | None = None) -> None:
    """Put the calling thread's unfinished batch on its queue now; on `queue.Full` the batch stays pending."""
    queue, batch = _pending.queue, _pending.batch
    if queue is not None and batch:
        queue.put_batch(batch, block, timeout)
        _pending.batch = None


class RecordsQueue(Queue[QueueItem]):
    """A `queue.Queue` of the CDK's queue items whose records travel in batches of `batch_size`."""

    def __init__(self, batches: int, batch_size: int) -> None:
        super().__init__(maxsize=batches)
        self.batch_size = batch_size
        self._taken: deque[QueueItem] = deque()  # the batch the reader is emptying (the main thread's own)

    def put(self, item: QueueItem, block: bool = True, timeout: float | None = None) -> None:
        if _pending.queue is not self:
            flush_pending()  # a thread that fed another queue before (tests run several syncs in one process)
            _pending.queue, _pending.batch = self, None
        # Batched: a worker's blocking put of a Record (the exact type: a subclass passes unbatched, which is
        # correct, only slower). A non-blocking or timed put keeps its meaning: it may raise `queue.Full`.
        if type(item) is Record and block and timeout is None:
            batch = _pending.batch
            if batch is None:
                batch = _pending.batch = _Batch()
            batch.append(item)
            if len(batch) >= self.batch_size:
                flush_pending()
            return
        flush_pending(block, timeout)
        super().put(item, block, timeout)

    def put_batch(self, batch: _Batch, block: bool = True, timeout: float | None = None) -> None:
        # One entry for many records; only `get` ever sees it (it hands the records out one by one).
        super().put(batch, block, timeout)  # type: ignore[arg-type]

    def get(self, block: bool = True, timeout: float | None = None) -> QueueItem:
        taken = self._taken
        if taken:
            return taken.popleft()
        item: QueueItem | _Batch = super().get(block, timeout)
        if type(item) is _Batch:
            taken.extend(item)
            return taken.popleft()
        return item  # type: ignore[return-value]  # not a batch: one of the CDK's items

    def empty(self) -> bool:
        return not self._taken and super().empty()

    def qsize(self) -> int:
        """Approximate, as Queue's: entries waiting (a batch counts once) and the records left of the batch being
        read. `full()` is Queue's own (entries against `maxsize`). The CDK uses neither."""
        return len(self._taken) + super().qsize()
