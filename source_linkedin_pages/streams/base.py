"""Stream declarations, and how they become CDK concurrent streams: plans per organization, partitions, cursors.

A stream is a small declaration — name, primary key, cursor field, role family, docs link — plus `read`, the
records of one partition. `plan` says which partitions an organization needs (one by default; per-post
streams split their posts into several) and, for incremental reads, how closed partitions move the
organization's state entry. The CDK's concurrent framework runs the plans (partition generation) and the
partitions on its thread pool; `state.Checkpointer` closes them.
"""

from __future__ import annotations

import itertools
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, cast

from airbyte_cdk.models import AirbyteStream, SyncMode
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.utils.schema_helpers import ResourceSchemaLoader

from ..api.client import LinkedInClient
from ..api.constants import STATISTICS
from ..api.ledger import CallLedger
from ..cdk import (
    Cursor,
    CursorField,
    DefaultStream,
    FinalStateCursor,
    MessageRepository,
    Partition,
    PartitionGenerator,
    Record,
)
from ..context import SyncContext
from ..organizations import Organization
from ..state import Checkpointer, CommitGroup, PartOutcome, StreamState
from ..state.checkpoint import Fold
from ..state.stream_state import ValueCheck, epoch_ms

Data = Mapping[str, Any]


@dataclass
class Plan:
    """What one organization needs in this sync: one partition per unit, and how their outcomes move its state."""

    organization: Organization | None  # None: data not tied to an organization (the lookup streams)
    units: list[Any] = field(default_factory=lambda: [None])
    fold: Fold | None = None  # None: the organization's state does not move (full refresh)


class LinkedInStream(ABC):
    """A LinkedIn Pages stream: a declaration plus how to read one partition."""

    name: ClassVar[str]
    primary_key: ClassVar[tuple[str, ...]]
    cursor_field: ClassVar[str | None] = None  # set: the stream can be read incrementally
    family: ClassVar[str] = STATISTICS  # which page roles it needs (api.constants.FAMILY_ROLES)
    docs_url: ClassVar[str] = ""
    cursor_check: ClassVar[ValueCheck] = staticmethod(epoch_ms)
    legacy_state_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: SyncContext, *, incremental: bool = False, state: StreamState | None = None) -> None:
        self.ctx = ctx
        self.incremental = incremental and self.cursor_field is not None
        self.state = state if state is not None else self.new_state()

    # --- declaration ---------------------------------------------------------------------------------------
    @classmethod
    def new_state(cls) -> StreamState:
        return StreamState(cls.name, cls.cursor_field or "", check=cls.cursor_check,
                           extras=cls.check_state_entry, legacy_keys=cls.legacy_state_keys)

    @classmethod
    def check_state_entry(cls, entry: Mapping[str, Any]) -> None:
        """Validate the extras of a saved state entry (raise ValueError naming the problem)."""
        return None

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return _schema(cls.name)

    @classmethod
    def as_airbyte_stream(cls) -> AirbyteStream:
        modes = [SyncMode.full_refresh] + ([SyncMode.incremental] if cls.cursor_field else [])
        stream = AirbyteStream(name=cls.name, json_schema=cls.json_schema(), supported_sync_modes=modes,
                               source_defined_primary_key=[[key] for key in cls.primary_key],
                               is_resumable=cls.cursor_field is not None)
        if cls.cursor_field:
            stream.source_defined_cursor = True
            stream.default_cursor_field = [cls.cursor_field]
        return stream

    # --- reading ---------------------------------------------------------------------------------------------
    @property
    def client(self) -> LinkedInClient:
        return self.ctx.client

    @property
    def logger(self) -> logging.Logger:
        return self.ctx.logger

    def saved(self, org: Organization) -> dict[str, Any] | None:
        """The organization's saved state entry, on an incremental read."""
        return self.state.entry(org.urn) if self.incremental else None

    def saved_cursor(self, org: Organization) -> Any | None:
        entry = self.saved(org)
        return entry.get(self.cursor_field) if entry and self.cursor_field else None

    def organizations(self) -> list[Organization]:
        return self.ctx.organizations.usable(self.family)

    def plans(self) -> Iterator[Plan | Exception]:
        """One plan per organization; an organization whose plan fails yields its error (the others go on)."""
        for org in self.organizations():
            try:
                yield self.plan(org)
            except Exception as error:
                yield PlanFailure(org, error)

    def plan(self, org: Organization) -> Plan:
        """One partition per organization; an incremental read moves its cursor to the newest record's."""
        return Plan(org, fold=self.cursor_fold(org) if self.incremental else None)

    def cursor_fold(self, org: Organization, closing: Any | None = None) -> Fold:
        """Move the organization's cursor, once every partition closed, to the newest of: the saved cursor, the
        newest record, `closing` (what was read even where LinkedIn sent no record)."""
        saved = self.saved_cursor(org)
        field_name = self.cursor_field or ""

        def fold(outcomes: list[PartOutcome], complete: bool) -> dict[str, Any] | None:
            if not complete:
                return None
            values = [value for value in (saved, closing, *(o.newest for o in outcomes)) if value is not None]
            return {field_name: max(values)} if values else None

        return fold

    @abstractmethod
    def read(self, org: Organization, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        """The records of one partition; per-post streams note what they finished in `outcome`."""


@cache
def _schema(name: str) -> dict[str, Any]:
    return ResourceSchemaLoader("source_linkedin_pages").get_schema(name)


class LinkedInPartition(Partition):
    """One unit of a plan; tracks the newest cursor value of its records and folds its outcome on close."""

    _ids = itertools.count()

    def __init__(self, stream: LinkedInStream, plan: Plan, index: int, group: CommitGroup | None) -> None:
        self._stream = stream
        self._plan = plan
        self._unit = plan.units[index]
        self._group = group
        organization = plan.organization.urn if plan.organization is not None else None
        self._slice = {"organization": organization, "part": index + 1, "parts": len(plan.units)}
        self._outcome: PartOutcome | None = None
        self._id = next(self._ids)

    def read(self) -> Iterable[Record]:
        stream, name = self._stream, self._stream.name
        cursor_field = stream.cursor_field if stream.incremental else None
        outcome = PartOutcome()
        CallLedger.attribute_to(name)
        try:
            # An organization-less plan (lookup streams) goes to a stream whose `read` accepts None.
            for data in stream.read(cast(Organization, self._plan.organization), self._unit, outcome):
                if cursor_field is not None:
                    outcome.see(data.get(cursor_field))
                yield Record(data=data, stream_name=name, associated_slice=self._slice)  # type: ignore[arg-type]
        except Exception:
            if self._group is not None:
                self._group.keep_progress(outcome)  # posts it finished are not read again
            raise
        finally:
            CallLedger.attribute_to(None)
        self._outcome = outcome

    def close(self) -> tuple[bool, bool]:
        """Fold this partition's outcome into its organization's state: (state changed, organization complete)."""
        if self._group is None or self._outcome is None:
            return False, False
        return self._group.close(self._outcome)

    def to_slice(self) -> Mapping[str, Any] | None:
        return self._slice

    def stream_name(self) -> str:
        return self._stream.name

    def __hash__(self) -> int:
        return self._id


class PlanFailure(Exception):
    """The plan of one organization failed with `error`."""

    def __init__(self, organization: Organization, error: Exception) -> None:
        super().__init__(str(error))
        self.organization, self.error = organization, error


class FailedPlan(Partition):
    """An organization whose plan failed: reading it raises that error, so the other organizations go on."""

    def __init__(self, stream: str, org: Organization, error: Exception) -> None:
        self._stream, self._error = stream, error
        self._slice = {"organization": org.urn, "part": 0, "parts": 0}

    def read(self) -> Iterable[Record]:
        raise self._error

    def to_slice(self) -> Mapping[str, Any] | None:
        return self._slice

    def stream_name(self) -> str:
        return self._stream

    def __hash__(self) -> int:
        return id(self)


class LinkedInPartitionGenerator(PartitionGenerator):
    """Runs the stream's plans (on the framework's pool: per-post plans list posts and summaries, costing calls)."""

    def __init__(self, stream: LinkedInStream) -> None:
        self._stream = stream

    def generate(self) -> Iterable[Partition]:
        stream = self._stream
        CallLedger.attribute_to(stream.name)
        try:
            for plan in stream.plans():
                if isinstance(plan, PlanFailure):
                    yield FailedPlan(stream.name, plan.organization, plan.error)
                    continue
                if not isinstance(plan, Plan):
                    raise plan
                key = plan.organization.urn if plan.organization is not None else ""
                group = CommitGroup(key, stream.state, len(plan.units), plan.fold) if plan.fold else None
                for index in range(len(plan.units)):
                    yield LinkedInPartition(stream, plan, index, group)
        finally:
            CallLedger.attribute_to(None)


def concurrent_stream(
    stream: LinkedInStream, repository: MessageRepository, state_manager: ConnectorStateManager,
    logger: logging.Logger,
) -> DefaultStream:
    """The CDK concurrent stream reading `stream`."""
    cursor: Cursor
    if stream.incremental:
        cursor = Checkpointer(stream.name, stream.state, repository, state_manager)
    else:
        cursor = FinalStateCursor(stream.name, None, repository)
    return DefaultStream(
        partition_generator=LinkedInPartitionGenerator(stream),
        name=stream.name,
        json_schema=stream.json_schema,
        primary_key=list(stream.primary_key),
        cursor_field=CursorField(stream.cursor_field) if stream.incremental and stream.cursor_field else None,
        logger=logger,
        cursor=cursor,
    )
