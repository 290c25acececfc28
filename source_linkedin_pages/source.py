"""The source: spec (spec.json), check, and the list of streams."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from airbyte_cdk.sources import AbstractSource
from airbyte_cdk.sources.streams import Stream
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .check import run_check
from .config import parse_config
from .context import SyncContext
from .streams import ALL_STREAMS


class SourceLinkedinPages(AbstractSource):
    """LinkedIn company pages: organizations, followers, shares, page views, posts and engagement."""

    def check_connection(self, logger: logging.Logger, config: Mapping[str, Any]) -> tuple[bool, Any]:
        try:
            parsed = parse_config(config)
            ctx = SyncContext(parsed, logger)
            return run_check(parsed, ctx.client, logger)
        except AirbyteTracedException as error:
            return False, error.message

    def streams(self, config: Mapping[str, Any]) -> list[Stream]:
        ctx = SyncContext(parse_config(config), logging.getLogger("airbyte"))
        return [stream_class(ctx) for stream_class in ALL_STREAMS]
