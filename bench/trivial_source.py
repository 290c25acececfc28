"""A trivial source on the installed airbyte-cdk: one stream yielding pre-built records, no HTTP."""

# The floor of what any CDK source pays per record (message objects, serialization, stdout), to hold
# our connector's CPU per record against. Config: {"stream": NAME, "samples": FILE (a JSON list of
# record dicts, cycled), "count": N, "schema": {…}}. Run through the CDK entrypoint:
#
#     python bench/trivial_source.py read --config C --catalog K

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from airbyte_cdk.entrypoint import launch
from airbyte_cdk.models import ConnectorSpecification, SyncMode
from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream


class Replay(Stream):
    """`count` records, cycling over the samples (built once, before the sync)."""

    primary_key = None

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = config["stream"]
        self._schema = config.get("schema") or {"type": "object"}
        self._count = int(config["count"])
        with open(config["samples"]) as samples:
            self._samples: list[dict[str, Any]] = json.load(samples)

    @property
    def name(self) -> str:
        return self._name

    def get_json_schema(self) -> Mapping[str, Any]:
        return self._schema

    def read_records(
        self,
        sync_mode: SyncMode,
        cursor_field: list[str] | None = None,
        stream_slice: Mapping[str, Any] | None = None,
        stream_state: Mapping[str, Any] | None = None,
    ) -> Iterable[Mapping[str, Any]]:
        samples, size = self._samples, len(self._samples)
        for index in range(self._count):
            yield samples[index % size]


class TrivialSource(AbstractSource):
    def spec(self, logger: logging.Logger) -> ConnectorSpecification:
        return ConnectorSpecification(connectionSpecification={"type": "object"})

    def check_connection(self, logger: logging.Logger, config: Mapping[str, Any]) -> tuple[bool, Any]:
        return True, None

    def streams(self, config: Mapping[str, Any]) -> list[Stream]:
        return [Replay(config)]


if __name__ == "__main__":
    launch(TrivialSource(), sys.argv[1:])
