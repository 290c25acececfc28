"""The source: spec (spec.json), check, the list of streams, and a concurrent read."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from queue import Queue
from typing import Any

from airbyte_cdk.models import AirbyteMessage, AirbyteStateMessage, ConfiguredAirbyteCatalog, FailureType, SyncMode
from airbyte_cdk.sources.concurrent_source.concurrent_source import ConcurrentSource
from airbyte_cdk.sources.concurrent_source.concurrent_source_adapter import ConcurrentSourceAdapter
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.message import InMemoryMessageRepository, MessageRepository
from airbyte_cdk.sources.message.concurrent_repository import ConcurrentMessageRepository
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.sources.streams.concurrent.adapters import StreamFacade
from airbyte_cdk.sources.streams.concurrent.cursor import FinalStateCursor
from airbyte_cdk.sources.streams.concurrent.partitions.types import QueueItem
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .check import run_check
from .concurrency import PartitionStateCursor, quiet_known_failures
from .config import ConfigError, parse_config
from .context import SyncContext
from .streams import ALL_STREAMS
from .streams.base import IncrementalLinkedInStream, LinkedInStream

logger = logging.getLogger("airbyte")
QUEUE_SIZE = 1_000


class SourceLinkedinPages(ConcurrentSourceAdapter):
    """LinkedIn company pages: organizations, followers, shares, page views, posts and engagement."""

    # config.parse_config validates every field and names it in the message; the CDK's generic
    # JSON-schema check would answer first with messages that do not say which field is wrong.
    check_config_against_spec = False

    def __init__(self) -> None:
        self._repository: MessageRepository = InMemoryMessageRepository()
        # The worker count comes from the config, known only at `read`; this placeholder serves discover/check.
        super().__init__(self._make_concurrent_source(1))
        self._catalog: ConfiguredAirbyteCatalog | None = None
        self._state_manager: ConnectorStateManager | None = None
        quiet_known_failures(logger)

    @property
    def message_repository(self) -> MessageRepository:
        return self._repository

    def _make_concurrent_source(self, workers: int) -> ConcurrentSource:
        # State messages must travel on the same queue as records: partitions are closed (and their
        # state emitted) on worker threads, and a separate repository could overtake queued records.
        # Bounded well below the CDK's 10,000: records wait here only while stdout is busy, and a post
        # can weigh kilobytes, so a deep queue is memory that grows with the page's history.
        queue: Queue[QueueItem] = Queue(maxsize=QUEUE_SIZE)
        self._repository = ConcurrentMessageRepository(queue, InMemoryMessageRepository())
        # The framework's pool also runs the partition generators, so it gets one more thread than readers.
        return ConcurrentSource.create(
            num_workers=workers + 1,
            initial_number_of_partitions_to_generate=1,
            logger=logger,
            slice_logger=self._slice_logger,
            message_repository=self._repository,
            queue=queue,
        )

    def check_connection(self, logger: logging.Logger, config: Mapping[str, Any]) -> tuple[bool, Any]:
        try:
            return run_check(SyncContext(parse_config(config), logger))
        except AirbyteTracedException as error:
            return False, error.message

    def streams(self, config: Mapping[str, Any]) -> list[Stream]:
        ctx = SyncContext(parse_config(config), logger)
        plain = [stream_class(ctx) for stream_class in ALL_STREAMS]
        if self._catalog is None or self._state_manager is None:
            return list(plain)  # discover: the plain streams describe themselves best
        return [self._to_concurrent(stream, self._catalog, self._state_manager) for stream in plain]

    def _to_concurrent(
        self, stream: LinkedInStream, catalog: ConfiguredAirbyteCatalog, state_manager: ConnectorStateManager
    ) -> Stream:
        configured = next((c for c in catalog.streams if c.stream.name == stream.name), None)
        incremental = configured is not None and configured.sync_mode == SyncMode.incremental
        if incremental and isinstance(stream, IncrementalLinkedInStream):
            stream.incremental = True
            stream.state = state_manager.get_stream_state(stream.name, stream.namespace)  # validates it
            cursor = PartitionStateCursor(stream, self.message_repository, state_manager)  # type: ignore[arg-type]
        else:
            cursor = FinalStateCursor(stream.name, stream.namespace, self.message_repository)  # type: ignore[arg-type]
        return StreamFacade.create_from_stream(stream, self, logger, {}, cursor)

    def read(
        self,
        logger: logging.Logger,
        config: Mapping[str, Any],
        catalog: ConfiguredAirbyteCatalog,
        state: list[AirbyteStateMessage] | None = None,
    ) -> Iterator[AirbyteMessage]:
        parsed = parse_config(config)
        known = {stream_class.name for stream_class in ALL_STREAMS}
        unknown = sorted(c.stream.name for c in catalog.streams if c.stream.name not in known)
        if unknown:
            raise ConfigError(
                "catalog",
                f"names stream(s) this source does not have: {', '.join(unknown)}. Refresh the source schema "
                f"(discover) and select from: {', '.join(sorted(known))}.",
            )
        self._concurrent_source = self._make_concurrent_source(parsed.num_workers)
        self._catalog = catalog
        self._state_manager = ConnectorStateManager(state=state)
        failures: list[AirbyteTracedException] = []
        try:
            for message in super().read(logger, config, catalog, state):
                if message.trace is not None and message.trace.error is not None:
                    failures.append(_as_exception(message))
                yield message
        except AirbyteTracedException as error:
            # The CDK ends a failed sync with a generic config_error; carry the failures' own type and message.
            if not failures:
                raise
            raise _summary(failures) from error
        finally:
            self._catalog = None
            self._state_manager = None


def _as_exception(message: AirbyteMessage) -> AirbyteTracedException:
    error = message.trace.error  # type: ignore[union-attr]
    return AirbyteTracedException(message=error.message, failure_type=error.failure_type)


def _summary(failures: list[AirbyteTracedException]) -> AirbyteTracedException:
    """One final error: transient if any stream can succeed on a later run, else config, else system."""
    for failure_type in (FailureType.transient_error, FailureType.config_error, FailureType.system_error):
        matching = [f for f in failures if f.failure_type == failure_type]
        if matching:
            text = matching[0].message or "The sync failed."
            if len(failures) > 1:
                text = f"{text} ({len(failures)} stream failure(s) in this sync; see the messages above.)"
            return AirbyteTracedException(message=text, internal_message=text, failure_type=failure_type)
    return failures[0]
