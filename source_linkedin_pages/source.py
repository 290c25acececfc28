"""The source: spec (spec.json), check, discover (the stream declarations) and a concurrent read.

Built on the CDK's public pieces, the way the CDK's own concurrent declarative source is: `Source` for the
protocol verbs, `ConcurrentSource` to run `DefaultStream`s whose partitions and cursors live in
`streams.base` and `state`, and a `ConcurrentMessageRepository` so state messages travel on the records' queue.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

from airbyte_cdk.models import (
    AirbyteCatalog,
    AirbyteConnectionStatus,
    AirbyteMessage,
    AirbyteStateMessage,
    AirbyteStateMessageSerializer,
    ConfiguredAirbyteCatalog,
    ConfiguredAirbyteCatalogSerializer,
    ConnectorSpecification,
    ConnectorSpecificationSerializer,
    FailureType,
    Status,
    SyncMode,
    Type,
)
from airbyte_cdk.sources import Source
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .api import constants
from .api.client import RetryPolicy
from .api.errors import message
from .cdk import ConcurrentMessageRepository, ConcurrentSource, DebugSliceLogger, InMemoryMessageRepository
from .check import run_check, token_health
from .config import ConfigError, parse_config
from .context import SyncContext
from .logs import quiet_known_failures
from .records_queue import RecordsQueue
from .state import normalize_state_file
from .streams import ALL_STREAMS, STREAMS_BY_NAME
from .streams.base import LinkedInStream, concurrent_stream

# The records' queue (records_queue.py): at most 20 x 50 records wait for the main thread, as a 1,000-item queue did.
QUEUE_BATCHES, BATCH_SIZE = 20, 50
# Partition generators that may run at once (per-post streams list posts and summaries while generating).
MAX_GENERATORS = 3


def read_json_file(path: str, what: str) -> Any:
    """A JSON file given on the command line; a config error naming the file when it is unreadable."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(f"{what} file {path}", f"cannot be read ({reason}).") from None
    except ValueError as error:
        raise ConfigError(f"{what} file {path}", f"is not valid JSON ({error}).") from None


class SourceLinkedinPages(Source):
    """LinkedIn company pages: organizations, followers, shares, page views, posts and engagement."""

    # config.parse_config validates every field for every verb and names the field; run.py's entrypoint routes
    # the CDK's config validation through it too, so no JSON-schema wording reaches a user.
    check_config_against_spec = True

    def __init__(self) -> None:
        quiet_known_failures()

    # --- files given on the command line -----------------------------------------------------------------------
    @staticmethod
    def read_config(config_path: str) -> dict[str, Any]:
        raw = read_json_file(config_path, "config")
        if not isinstance(raw, dict):
            raise ConfigError(f"config file {config_path}", "must hold a JSON object (the connector configuration).")
        return raw

    @classmethod
    def read_state(cls, state_path: str) -> list[AirbyteStateMessage]:
        if not state_path:
            return []
        messages = normalize_state_file(read_json_file(state_path, "state"), f"state file {state_path}")
        try:
            return [AirbyteStateMessageSerializer.load(item) for item in messages]
        except Exception as error:  # the serializer's own wording names no field a user knows
            problem = f"holds a malformed state message ({type(error).__name__})."
            raise ConfigError(f"state file {state_path}", problem) from None

    @classmethod
    def read_catalog(cls, catalog_path: str) -> ConfiguredAirbyteCatalog:
        raw = read_json_file(catalog_path, "catalog")
        try:
            return ConfiguredAirbyteCatalogSerializer.load(raw)
        except Exception as error:
            problem = f"is not a configured catalog ({type(error).__name__})."
            raise ConfigError(f"catalog file {catalog_path}", problem) from None

    # --- protocol verbs --------------------------------------------------------------------------------------
    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        text = resources.files("source_linkedin_pages").joinpath("spec.json").read_text(encoding="utf-8")
        return ConnectorSpecificationSerializer.load(json.loads(text))

    def check(self, logger: logging.Logger, config: Mapping[str, Any]) -> AirbyteConnectionStatus:
        try:
            ctx = SyncContext(parse_config(config), logger,
                              policy=RetryPolicy(deadline=time.monotonic() + constants.CHECK_SECONDS))
            ok, text = run_check(ctx)
        except AirbyteTracedException as error:
            if error.failure_type == FailureType.system_error:
                raise
            # Config and transient failures alike: the message says what to do; the check itself answered.
            return AirbyteConnectionStatus(status=Status.FAILED, message=error.message)
        return AirbyteConnectionStatus(status=Status.SUCCEEDED if ok else Status.FAILED, message=text)

    def discover(self, logger: logging.Logger, config: Mapping[str, Any]) -> AirbyteCatalog:
        parse_config(config)
        return AirbyteCatalog(streams=[stream.as_airbyte_stream() for stream in ALL_STREAMS])

    def read(
        self,
        logger: logging.Logger,
        config: Mapping[str, Any],
        catalog: ConfiguredAirbyteCatalog,
        state: list[AirbyteStateMessage] | None = None,
    ) -> Iterator[AirbyteMessage]:
        parsed = parse_config(config)
        modes = _catalog_modes(catalog)
        ctx = SyncContext(parsed, logger, selected=modes)
        manager = _state_manager(state, logger)
        streams = [_stream(ctx, name, mode, manager) for name, mode in modes.items()]
        try:
            plan = ctx.organizations  # resolve once up front: a token or role problem is one clear error
        except AirbyteTracedException:
            # Nothing was read; the saved state is handed back unchanged, so the next sync starts from it.
            for stream in streams:
                if stream.incremental:
                    manager.update_state_for_stream(stream.name, None, stream.state.snapshot())
                    yield manager.create_state_message(stream.name, None)
            raise
        token_health(ctx)  # a refresh token near its end is a warning on every sync, not a surprise failure
        workers, generators = parsed.num_workers, min(MAX_GENERATORS, parsed.num_workers)
        queue = RecordsQueue(QUEUE_BATCHES, BATCH_SIZE)
        repository = ConcurrentMessageRepository(queue, InMemoryMessageRepository())
        # The pool also runs the partition generators, so it gets that many threads more than readers.
        source = ConcurrentSource.create(
            num_workers=workers + generators, initial_number_of_partitions_to_generate=generators, logger=logger,
            slice_logger=DebugSliceLogger(), message_repository=repository, queue=queue,
        )
        failures: dict[str, tuple[FailureType, list[str]]] = {}
        try:
            for item in source.read([concurrent_stream(s, repository, manager, logger) for s in streams]):
                error = item.trace.error if item.type == Type.TRACE and item.trace and item.trace.error else None
                if error is not None:
                    name = error.stream_descriptor.name if error.stream_descriptor else "sync"
                    seen = failures.get(error.message or "")
                    failures.setdefault(error.message or "", (error.failure_type or FailureType.system_error, []))
                    failures[error.message or ""][1].append(name)
                    if seen is not None:
                        continue  # at most one error trace per distinct cause
                    if error.failure_type != FailureType.system_error:
                        error.stack_trace = None  # the message is the whole story; a traceback only buries it
                yield item
        except AirbyteTracedException:
            if not failures:
                raise
        finally:
            logger.info(message("calls_summary", total=ctx.ledger.total, detail=ctx.ledger.summary()))
        problems = plan.problems({stream.family for stream in streams})
        if problems:
            text = message("orgs_unusable", count=len(problems), details="; ".join(p.describe() for p in problems))
            failures.setdefault(text, (FailureType.config_error, ["organizations"]))
            trace = AirbyteTracedException(message=text, internal_message=text,
                                           failure_type=FailureType.config_error).as_airbyte_message()
            trace.trace.error.stack_trace = None  # type: ignore[union-attr]
            yield trace
        if failures:
            raise _summary(failures)


def _catalog_modes(catalog: ConfiguredAirbyteCatalog) -> dict[str, SyncMode]:
    """Configured streams in the order a sync starts them; unknown names are a config error."""
    configured = {entry.stream.name: entry.sync_mode for entry in catalog.streams}
    unknown = sorted(set(configured) - set(STREAMS_BY_NAME))
    if unknown:
        raise ConfigError(
            "catalog",
            f"names stream(s) this source does not have: {', '.join(unknown)}. Refresh the source schema "
            f"(discover) and select from: {', '.join(sorted(STREAMS_BY_NAME))}.",
        )
    return {stream.name: configured[stream.name] for stream in ALL_STREAMS if stream.name in configured}


def _state_manager(state: list[AirbyteStateMessage] | None, logger: logging.Logger) -> ConnectorStateManager:
    try:
        manager = ConnectorStateManager(state=state)
    except ValueError:
        raise ConfigError("state", "is a GLOBAL state with shared_state, which this source never writes.") from None
    named = {descriptor.name for descriptor in manager.per_stream_states}
    foreign = sorted(named - set(STREAMS_BY_NAME))
    if named and foreign == sorted(named):
        logger.warning(message("foreign_state", streams=", ".join(foreign)))
    elif foreign:
        logger.warning(message("state_stream_unknown", streams=", ".join(foreign)))
    return manager


def _stream(ctx: SyncContext, name: str, mode: SyncMode, manager: ConnectorStateManager) -> LinkedInStream:
    declaration = STREAMS_BY_NAME[name]
    incremental = mode == SyncMode.incremental and declaration.cursor_field is not None
    state = declaration.new_state()
    if incremental:
        state.load(manager.get_stream_state(name, None))  # a malformed state is a config error naming the stream
    return declaration(ctx, incremental=incremental, state=state)


def _summary(failures: dict[str, tuple[FailureType, list[str]]]) -> AirbyteTracedException:
    """One final error: transient if a later run can succeed, else config, else system; every cause, per stream."""
    kinds = {kind for kind, _ in failures.values()}
    order = (FailureType.transient_error, FailureType.config_error, FailureType.system_error)
    failure_type = next((kind for kind in order if kind in kinds), FailureType.system_error)
    lines = [f"{text} ({', '.join(sorted(set(streams)))})" for text, (_, streams) in failures.items()]
    head = lines[0] if len(lines) == 1 else f"{len(lines)} problems stopped parts of the sync: " + " | ".join(lines)
    return AirbyteTracedException(message=head, internal_message=head, failure_type=failure_type)
