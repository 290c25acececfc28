"""The records' queue: batches keep each thread's order, others flush first, and progress never overtakes records."""

from __future__ import annotations

import threading
from queue import Full
from typing import Any

import pytest
from airbyte_cdk.models import AirbyteLogMessage, AirbyteMessage, Level, Type

from source_linkedin_pages.cdk import QueueItem, Record
from source_linkedin_pages.records_queue import RecordsQueue, flush_pending
from source_linkedin_pages.state import CommitGroup, PartOutcome, StreamState


def record(source: str, n: int) -> Record:
    return Record(data={"source": source, "n": n}, stream_name="s")


def marker(text: str) -> AirbyteMessage:
    return AirbyteMessage(type=Type.LOG, log=AirbyteLogMessage(level=Level.INFO, message=text))


def label(item: QueueItem) -> str:
    if isinstance(item, Record):
        return f"{item.data['source']}:{item.data['n']}"
    assert isinstance(item, AirbyteMessage) and item.log is not None
    return item.log.message


def drain(queue: RecordsQueue) -> list[str]:
    items = []
    while not queue.empty():
        items.append(label(queue.get()))
    return items


def on_thread(target: Any) -> None:
    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    ("batch_size", "records", "entries_before_marker", "entries_after_marker"),
    [
        (1, 5, 5, 6),  # every record its own entry
        (3, 5, 1, 3),  # one full batch waits; the marker flushes the other two first
        (10, 5, 0, 2),  # nothing reaches the queue until something else is put
    ],
)
def test_a_threads_records_arrive_in_order_and_before_what_it_puts_next(
    batch_size: int, records: int, entries_before_marker: int, entries_after_marker: int
) -> None:
    queue = RecordsQueue(batches=100, batch_size=batch_size)
    entries: list[int] = []

    def produce() -> None:
        for n in range(records):
            queue.put(record("a", n))
        entries.append(queue.qsize())
        queue.put(marker("end"))
        entries.append(queue.qsize())

    on_thread(produce)
    assert entries == [entries_before_marker, entries_after_marker]
    assert drain(queue) == [f"a:{n}" for n in range(records)] + ["end"]


def test_many_threads_keep_their_own_order_and_lose_nothing() -> None:
    queue = RecordsQueue(batches=3, batch_size=7)  # small: producers block on a full queue and interleave
    threads, per_thread = 6, 500

    def produce(source: str) -> None:
        for n in range(per_thread):
            queue.put(record(source, n))
            if n % 97 == 0:
                queue.put(marker(f"{source}-mark{n}"))
        queue.put(marker(f"{source}-end"))

    workers = [threading.Thread(target=produce, args=(f"t{i}",)) for i in range(threads)]
    for worker in workers:
        worker.start()
    seen: dict[str, list[str]] = {}
    ended = 0
    while ended < threads:
        item = label(queue.get())
        source = item.split("-")[0].split(":")[0]
        seen.setdefault(source, []).append(item)
        ended += item.endswith("-end")
    for worker in workers:
        worker.join(timeout=10)
    for i in range(threads):
        source = f"t{i}"
        expected = []
        for n in range(per_thread):
            expected.append(f"{source}:{n}")
            if n % 97 == 0:
                expected.append(f"{source}-mark{n}")
        assert seen[source] == [*expected, f"{source}-end"]
    assert queue.empty()


def test_the_readers_own_non_blocking_put_raises_full_as_the_cdk_expects() -> None:
    queue = RecordsQueue(batches=1, batch_size=5)
    queue.put(marker("fills the queue"))
    with pytest.raises(Full):
        queue.put(marker("state"), block=False)


def test_a_non_blocking_put_on_a_full_queue_raises_full_and_keeps_the_pending_batch() -> None:
    queue = RecordsQueue(batches=2, batch_size=5)
    outcome: list[str] = []

    def produce() -> None:
        queue.put(marker("fills"))
        queue.put(marker("the queue"))
        queue.put(record("a", 0))  # batched: waits in this thread's batch
        for item in (record("a", 1), marker("late")):
            try:
                queue.put(item, block=False)
            except Full:
                outcome.append(f"full: {label(item)}")
        # Room again (this test's thread is also the reader), for the pending batch and one more.
        assert [label(queue.get()), label(queue.get())] == ["fills", "the queue"]
        queue.put(marker("end"))

    on_thread(produce)
    assert outcome == ["full: a:1", "full: late"]
    assert drain(queue) == ["a:0", "end"]  # the pending record was kept; the refused ones were not queued


def test_a_thread_that_moves_to_another_queue_flushes_the_first() -> None:
    first, second = RecordsQueue(batches=10, batch_size=10), RecordsQueue(batches=10, batch_size=10)

    def produce() -> None:
        first.put(record("a", 0))
        first.put(record("a", 1))
        second.put(record("b", 0))
        flush_pending()

    on_thread(produce)
    assert drain(first) == ["a:0", "a:1"]
    assert drain(second) == ["b:0"]


def test_progress_folded_on_one_thread_never_overtakes_its_records() -> None:
    """Thread A reads a partition and closes it without emitting (the state is emitted at most every few
    seconds); thread B closes the organization's last partition and emits the state, which carries A's progress.
    A's records must be on the queue before that state: CommitGroup flushes the closing thread's batch."""
    queue = RecordsQueue(batches=100, batch_size=50)
    state = StreamState("s", "lastModifiedAt")
    queued_at_fold: list[int] = []

    def fold(outcomes: list[PartOutcome], complete: bool) -> dict[str, Any]:
        queued_at_fold.append(queue.qsize())  # the closing thread's records are on the queue before the fold
        return {"lastModifiedAt": max(o.newest for o in outcomes)}

    group = CommitGroup("urn:li:organization:1", state, parts=2, fold=fold)

    def thread_a() -> None:
        queue.put(record("a", 0))
        queue.put(record("a", 1))
        group.close(PartOutcome(newest=2))

    def thread_b() -> None:
        queue.put(record("b", 0))
        group.close(PartOutcome(newest=1))
        queue.put(marker("state"))  # as Checkpointer emits it, through the repository, from B

    on_thread(thread_a)
    on_thread(thread_b)
    assert queued_at_fold == [1, 2]  # A's batch, then A's and B's
    assert drain(queue) == ["a:0", "a:1", "b:0", "state"]


def test_a_partition_that_fails_midway_queues_its_records_before_keeping_its_progress() -> None:
    queue = RecordsQueue(batches=100, batch_size=50)
    state = StreamState("s", "lastModifiedAt")
    queued_at_fold: list[int] = []

    def fold(outcomes: list[PartOutcome], complete: bool) -> dict[str, Any]:
        queued_at_fold.append(queue.qsize())
        return {"posts": 1}

    group = CommitGroup("urn:li:organization:1", state, parts=1, fold=fold)

    def failing() -> None:
        queue.put(record("a", 0))
        group.keep_progress(PartOutcome(done={"urn:li:share:1": "1:2"}))

    on_thread(failing)
    assert queued_at_fold == [1]
    assert drain(queue) == ["a:0"]
