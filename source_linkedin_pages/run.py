"""Console entry point `source-linkedin-pages`: the Airbyte protocol verbs through the CDK entrypoint, and `auth`.

`LinkedInEntrypoint` routes the CDK's configuration validation (which `check` always runs, and `discover` and
`read` run for sources that ask for it) through `config.parse_config`, so every verb answers a bad value
with the same field-named message and never with JSON-schema validator wording. A failure before the verb
runs (an unreadable config, state or catalog file) ends as one config error naming the file, without a
traceback — for `check` as a failed connection status, as the CDK does for config errors.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any

from airbyte_cdk.entrypoint import AirbyteEntrypoint
from airbyte_cdk.logger import PRINT_BUFFER
from airbyte_cdk.models import (
    AirbyteConnectionStatus,
    AirbyteMessage,
    ConnectorSpecification,
    FailureType,
    Status,
    Type,
)
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .config import parse_config
from .source import SourceLinkedinPages


class LinkedInEntrypoint(AirbyteEntrypoint):
    """The CDK entrypoint with this connector's validation of the configuration."""

    @staticmethod
    def validate_connection(source_spec: ConnectorSpecification, config: Mapping[str, Any]) -> None:
        parse_config(config)


def messages(args: list[str]) -> Iterator[str]:
    """The protocol output of one command, line by line (what the console script prints)."""
    entrypoint = LinkedInEntrypoint(SourceLinkedinPages())
    parsed = entrypoint.parse_args(args)
    try:
        yield from entrypoint.run(parsed)
    except AirbyteTracedException as error:
        if error.failure_type == FailureType.system_error:
            raise
        trace = error.as_sanitized_airbyte_message()
        trace.trace.error.stack_trace = None  # type: ignore[union-attr]  # a user error: the message says it all
        yield entrypoint.airbyte_message_to_string(trace)
        if parsed.command == "check" and error.failure_type == FailureType.config_error:
            status = AirbyteConnectionStatus(status=Status.FAILED, message=error.message)
            yield entrypoint.airbyte_message_to_string(AirbyteMessage(type=Type.CONNECTION_STATUS,
                                                                      connectionStatus=status))
            return
        raise SystemExit(1) from None


def run() -> None:
    args = sys.argv[1:]
    if args[:1] == ["auth"]:
        # Not an Airbyte command: the OAuth helper for a person at a terminal (docs/setup-guide.md, Step 4a).
        from .oauth_helper import main

        sys.exit(main(args[1:]))
    with PRINT_BUFFER:
        for line in messages(args):
            # One write per message (with its newline), as the CDK's launch does, so threads never interleave.
            print(f"{line}\n", end="")
