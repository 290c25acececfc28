"""Builders and runners for integration tests: configs, catalogs, in-process and CLI runs, record checks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
from airbyte_cdk.logger import AirbyteLogFormatter
from airbyte_cdk.models import (
    AirbyteStateMessageSerializer,
    ConfiguredAirbyteCatalog,
    ConfiguredAirbyteCatalogSerializer,
    ConfiguredAirbyteStream,
    DestinationSyncMode,
    SyncMode,
)
from airbyte_cdk.test import entrypoint_wrapper
from airbyte_cdk.test.entrypoint_wrapper import EntrypointOutput

from source_linkedin_pages import SourceLinkedinPages, run
from source_linkedin_pages.logs import KnownFailureFilter

ROOT = Path(__file__).resolve().parent.parent
FULL_TOKEN = "emu-token-full"
OAUTH = {
    "auth_method": "oAuth2.0",
    "client_id": "emu-client-id",
    "client_secret": "emu-client-secret",
    "refresh_token": "emu-refresh-token",
}
# Every secret the tests use; no output of any run may contain one of them.
SECRETS = ("emu-token-", "emu-client-secret", "emu-refresh-token", "emu-access-")


def make_config(
    url: str, token: str = FULL_TOKEN, credentials: Mapping[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    creds = dict(credentials) if credentials else {"auth_method": "access_token", "access_token": token}
    return {
        "credentials": creds,
        "api_base_url": f"{url}/rest",
        "oauth_base_url": f"{url}/oauth/v2",
        **extra,
    }


def discover_catalog(config: Mapping[str, Any]) -> dict[str, Any]:
    """Stream name → AirbyteStream from an in-process discover."""
    output = entrypoint_wrapper.discover(SourceLinkedinPages(), config)
    assert not output.errors, output.errors
    return {stream.name: stream for stream in output.catalog.catalog.streams}


def configured_catalog(
    config: Mapping[str, Any], streams: Iterable[str] | None = None, incremental: bool = True
) -> ConfiguredAirbyteCatalog:
    """Configured catalog of `streams` (all by default), incremental where a stream supports it."""
    available = discover_catalog(config)
    chosen = list(streams) if streams is not None else list(available)
    configured = []
    for name in chosen:
        stream = available[name]
        supported = SyncMode.incremental in stream.supported_sync_modes
        mode = SyncMode.incremental if incremental and supported else SyncMode.full_refresh
        configured.append(
            ConfiguredAirbyteStream(
                stream=stream,
                sync_mode=mode,
                destination_sync_mode=(DestinationSyncMode.append_dedup if mode == SyncMode.incremental
                                       else DestinationSyncMode.overwrite),
                cursor_field=stream.default_cursor_field if mode == SyncMode.incremental else None,
                primary_key=stream.source_defined_primary_key,
            )
        )
    return ConfiguredAirbyteCatalog(streams=configured)


def run_entrypoint(args: list[str]) -> EntrypointOutput:
    """In-process run of exactly what the console script runs (`run.messages`: this connector's entrypoint and
    its validation), with the log lines captured as the CDK's test wrapper captures them."""
    buffer = StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.INFO)
    handler.setFormatter(AirbyteLogFormatter())
    handler.addFilter(KnownFailureFilter())  # what the connector installs on its own log handler
    root = logging.getLogger("")
    root.addHandler(handler)
    lines: list[str] = []
    uncaught: BaseException | None = None
    try:
        for line in run.messages(args):
            lines.append(line)
    except SystemExit:
        pass  # the error trace was printed (yielded) before the exit
    except Exception as exception:
        uncaught = exception
    finally:
        root.removeHandler(handler)
    logs = buffer.getvalue().split("\n")[:-1]
    return EntrypointOutput(messages=lines + logs, uncaught_exception=uncaught)


def _write(folder: Path, name: str, content: Any) -> str:
    path = folder / name
    path.write_text(json.dumps(content))
    return str(path)


def read(
    config: Mapping[str, Any],
    streams: Iterable[str] | None = None,
    state: list[dict[str, Any]] | None = None,
    incremental: bool = True,
    expect_failure: bool = False,
    catalog: ConfiguredAirbyteCatalog | None = None,
) -> EntrypointOutput:
    """A read through the connector's entrypoint, from files as the CLI reads them."""
    configured = catalog if catalog is not None else configured_catalog(config, streams, incremental)
    catalog_json = ConfiguredAirbyteCatalogSerializer.dump(configured)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = ["read", "--config", _write(folder, "config.json", config), "--catalog",
                _write(folder, "catalog.json", catalog_json)]
        if state is not None:
            args += ["--state", _write(folder, "state.json", state)]
        output = run_entrypoint(args)
    failed = bool(output.errors)
    assert failed == expect_failure or not expect_failure, "expected the read to fail"
    return output


def check(config: Mapping[str, Any]) -> tuple[str, str | None]:
    """(status, message) of a check through the connector's entrypoint."""
    with tempfile.TemporaryDirectory() as tmp:
        output = run_entrypoint(["check", "--config", _write(Path(tmp), "config.json", config)])
    statuses = output.connection_status_messages
    assert statuses, f"no connection status: {output.errors}"
    status = statuses[-1].connectionStatus
    return status.status.value, status.message


def records_by_stream(output: EntrypointOutput) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for message in output.records:
        grouped[message.record.stream].append(message.record.data)
    return dict(grouped)


def final_states(output: EntrypointOutput) -> list[dict[str, Any]]:
    """The last state message of each stream, serialized, ready to pass to the next read."""
    last: dict[str, dict[str, Any]] = {}
    for message in output.state_messages:
        serialized = AirbyteStateMessageSerializer.dump(message.state)
        last[message.state.stream.stream_descriptor.name] = serialized
    return list(last.values())


def state_of(states: list[dict[str, Any]], stream: str) -> dict[str, Any]:
    for item in states:
        if item["stream"]["stream_descriptor"]["name"] == stream:
            return item["stream"]["stream_state"]
    raise KeyError(stream)


def stream_state_message(stream: str, stream_state: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "STREAM", "stream": {"stream_descriptor": {"name": stream}, "stream_state": dict(stream_state)}}


def primary_key_values(record: Mapping[str, Any], key: list[list[str]]) -> tuple[Any, ...]:
    return tuple(record.get(path[0]) for path in key)


def assert_valid_and_unique(config: Mapping[str, Any], grouped: Mapping[str, list[dict[str, Any]]]) -> None:
    """Every record validates against its stream's schema; primary keys are unique."""
    catalog = discover_catalog(config)
    for name, records in grouped.items():
        stream = catalog[name]
        validator = jsonschema.Draft7Validator(stream.json_schema)
        for record in records:
            errors = sorted(validator.iter_errors(record), key=str)
            assert not errors, f"{name}: {errors[0].message} in {json.dumps(record)[:300]}"
        keys = [primary_key_values(record, stream.source_defined_primary_key) for record in records]
        assert len(keys) == len(set(keys)), f"{name}: duplicate primary keys"


def run_cli(
    args: list[str], env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    executable = Path(sys.executable).parent / "source-linkedin-pages"
    return subprocess.run(
        [str(executable), *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"secret-like value {secret!r} leaked into output"
