"""Resilience: faults, daily quota, token expiry mid-sync, killed syncs, bad input — and no secret in any output."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from airbyte_cdk.models import (
    AirbyteMessageSerializer,
    AirbyteStream,
    ConfiguredAirbyteCatalog,
    ConfiguredAirbyteCatalogSerializer,
    ConfiguredAirbyteStream,
    DestinationSyncMode,
    SyncMode,
)
from airbyte_cdk.test import entrypoint_wrapper

from integration_tests.harness import (
    OAUTH,
    assert_no_secrets,
    configured_catalog,
    discover_catalog,
    final_states,
    make_config,
    primary_key_values,
    read,
    records_by_stream,
    stream_state_message,
)

ORGS = ["2414183", "2415183"]


def keyed(config: dict[str, Any], grouped: dict[str, list[dict[str, Any]]]) -> dict[str, dict[tuple, str]]:
    """Stream → primary key → record content (canonical JSON, without the read time `retrievedAt`), to compare runs
    exactly."""
    catalog = discover_catalog(config)
    return {
        name: {
            primary_key_values(r, catalog[name].source_defined_primary_key): json.dumps(
                {k: v for k, v in r.items() if k != "retrievedAt"}, sort_keys=True)
            for r in records
        }
        for name, records in grouped.items()
    }


def all_output(output: entrypoint_wrapper.EntrypointOutput) -> str:
    return "\n".join(json.dumps(AirbyteMessageSerializer.dump(m)) for m in output._messages)


@pytest.fixture()
def clean(url, emulator):
    """The records of a clean full sync of every stream for two organizations."""
    config = make_config(url, org_ids=ORGS)
    output = read(config)
    assert not output.errors
    emulator.clear_requests()
    return config, keyed(config, records_by_stream(output))


def test_short_term_faults_change_nothing(clean, emulator):
    config, expected = clean
    # Short-term means a retry gets through: at these rates one call faults with p = 1 - .9*.95*.96 = 0.18, and all
    # eight attempts with p^8 < 1e-6 (at 0.2/0.1/0.05, p^8 = 1e-4 per call: one sync in twenty, seen in CI, ran
    # into the persistent-429 rule, which is right there and not what this test is about). ~280 calls still meet
    # every kind many times.
    emulator.add_faults(
        {"kind": "429", "rate": 0.1},
        {"kind": "5xx", "rate": 0.05, "status": 503},
        {"kind": "drop", "rate": 0.04},
    )
    output = read(config)
    assert not output.errors, [m.trace.error.message for m in output.errors]
    got = keyed(config, records_by_stream(output))
    assert got == expected  # same keys, same content, no duplicates (keys are dict keys of equal-length maps)
    assert sum(len(r) for r in records_by_stream(output).values()) == sum(len(v) for v in expected.values())
    faulted = [e for e in emulator.requests() if e["fault"]]
    assert {e["fault"] for e in faulted} >= {"429", "5xx", "drop"}
    assert_no_secrets(all_output(output))


def test_retry_after_is_honoured(url, emulator):
    emulator.add_faults({"kind": "429", "count": 1, "retry_after": 2, "resource": "networkSizes"})
    started = time.monotonic()
    output = read(make_config(url, org_ids=ORGS[:1]), ["total_follower_count"])
    assert not output.errors and len(output.records) == 1
    assert time.monotonic() - started >= 2


def test_daily_limit_keeps_records_and_state_and_resumes(clean, emulator):
    config, expected = clean
    emulator.add_faults({"kind": "daily_limit", "calls": 60})
    first = read(config, expect_failure=True)
    error = first.errors[-1].trace.error
    assert error.failure_type.value == "transient_error"
    assert "daily API limit" in error.message and "00:00 UTC" in error.message
    assert first.state_messages, "the state reached must be emitted"
    # Promptly: after the first DAY 429 the connector stops calling instead of hammering the quota.
    day_limited = [e for e in emulator.requests() if e["status"] == 429]
    assert 1 <= len(day_limited) <= 8
    emulator.clear_faults()
    second = read(config, state=final_states(first))
    assert not second.errors
    combined: dict[str, dict[tuple, str]] = {}
    for run in (first, second):
        for name, records in keyed(config, records_by_stream(run)).items():
            combined.setdefault(name, {}).update(records)
    for name, records in expected.items():
        assert set(records) <= set(combined.get(name, {})), f"{name}: records missing after resume"
    assert_no_secrets(all_output(first) + all_output(second))


def test_oauth_token_expiring_mid_sync_is_refreshed(clean, url, emulator):
    _, expected = clean
    emulator.set_oauth_expiry(120)  # several refreshes per sync; never twice within one request's retries
    config = make_config(url, credentials=OAUTH, org_ids=ORGS)
    output = read(config)
    assert not output.errors, output.errors
    assert keyed(config, records_by_stream(output)) == expected
    refreshes = [e for e in emulator.requests() if e["resource"] == "oauth.accessToken"]
    assert len(refreshes) >= 2
    assert_no_secrets(all_output(output))


def test_a_refresh_race_never_ends_a_sync(clean, url, emulator):
    """Tokens LinkedIn expires every 20 calls while 8 workers read every stream: 20 syncs in a row each complete
    with exactly the clean run's records, and each expiry costs one refresh shared by all workers."""
    _, expected = clean
    emulator.set_oauth_expiry(20)
    config = make_config(url, credentials=OAUTH, org_ids=ORGS, num_workers=8)
    for run in range(20):
        emulator.clear_requests()
        output = read(config)
        assert not output.errors, (run, [e.trace.error.message for e in output.errors])
        assert keyed(config, records_by_stream(output)) == expected, run
        log = emulator.requests()
        served = sum(1 for e in log if e["resource"] != "oauth.accessToken" and e["status"] == 200)
        refreshes = sum(1 for e in log if e["resource"] == "oauth.accessToken")
        assert served / 20 - 1 <= refreshes <= served / 20 + 3, (run, served, refreshes)


def test_expired_access_token_fails_fast_with_config_error(url, emulator):
    output = read(make_config(url, token="emu-token-expired", org_ids=ORGS, num_workers=2), expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and "expired" in error.message
    # Only calls already in flight on the 2 workers, not one per stream and partition (28 here).
    assert len(emulator.requests()) <= 6
    logs = "\n".join(m.log.message for m in output.logs)
    assert "Traceback (most recent call last)" not in logs


def test_killed_sync_resumes_without_gaps(clean, url, emulator, tmp_path):
    config, expected = clean
    emulator.set_latency(15)
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(config))
    catalog_path = tmp_path / "catalog.json"
    catalog_path.write_text(json.dumps(ConfiguredAirbyteCatalogSerializer.dump(configured_catalog(config))))
    cli = str(Path(sys.executable).parent / "source-linkedin-pages")
    process = subprocess.Popen([cli, "read", "--config", str(config_path), "--catalog", str(catalog_path)],
                               stdout=subprocess.PIPE, text=True)
    messages, states_seen = [], 0
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("{"):
            message = json.loads(line)
            messages.append(message)
            if message["type"] == "STATE":
                states_seen += 1
                if states_seen == 6:
                    process.send_signal(signal.SIGKILL)  # the process, not a simulated flag
                    break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    emulator.set_latency(0)
    last_state: dict[str, dict[str, Any]] = {}
    first_records: dict[str, list[dict[str, Any]]] = {}
    for message in messages:
        if message["type"] == "STATE":
            last_state[message["state"]["stream"]["stream_descriptor"]["name"]] = message["state"]
        elif message["type"] == "RECORD":
            first_records.setdefault(message["record"]["stream"], []).append(message["record"]["data"])
    resumed = read(config, state=list(last_state.values()))
    assert not resumed.errors
    combined = keyed(config, first_records)
    for name, records in keyed(config, records_by_stream(resumed)).items():
        combined.setdefault(name, {}).update(records)
    for name, records in expected.items():
        assert set(records) <= set(combined.get(name, {})), f"{name}: records lost across the kill"


def _catalog_with(name: str) -> ConfiguredAirbyteCatalog:
    stream = AirbyteStream(name=name, json_schema={}, supported_sync_modes=[SyncMode.full_refresh])
    return ConfiguredAirbyteCatalog(
        streams=[ConfiguredAirbyteStream(stream=stream, sync_mode=SyncMode.full_refresh,
                                         destination_sync_mode=DestinationSyncMode.overwrite)]
    )


BAD_CONFIGS = [
    ({"credentials": None}, "credentials"),
    ({"credentials": {"auth_method": "password", "password": "x"}}, "credentials.auth_method"),
    ({"credentials": {"auth_method": "access_token", "access_token": "  "}}, "credentials.access_token"),
    ({"credentials": {"auth_method": "oAuth2.0", "client_id": "emu-client-id", "refresh_token": "emu-refresh-token"}},
     "credentials.client_secret"),
    ({"org_ids": "2414183"}, "org_ids"),
    ({"org_ids": ["https://www.linkedin.com/school/x/"]}, "org_ids[0]"),
    ({"org_id": "urn:li:person:abc"}, "org_id"),
    ({"start_date": "01/02/2026"}, "start_date"),
    ({"start_date": "2099-01-01"}, "start_date"),
    ({"lookback_window_days": 99}, "lookback_window_days"),
    ({"lookback_window_days": -1}, "lookback_window_days"),
    ({"time_granularity_type": "YEAR"}, "time_granularity_type"),
    ({"api_version": "2026-10"}, "api_version"),
    ({"api_base_url": "http://api.linkedin.com/rest"}, "api_base_url"),
    ({"oauth_base_url": "http://10.1.2.3/oauth/v2"}, "oauth_base_url"),
    ({"num_workers": 100}, "num_workers"),
]


@pytest.mark.parametrize(("override", "field"), BAD_CONFIGS)
def test_bad_config_is_a_config_error_naming_the_field(url, emulator, override, field):
    config = {**make_config(url, org_ids=ORGS[:1]), **override}
    catalog = _catalog_with("organization_lookup")
    output = read(config, catalog=catalog, expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error"
    assert f"Invalid configuration: {field} " in error.message
    assert emulator.requests() == []  # rejected before any call
    assert_no_secrets(all_output(output))


BAD_STATES = [
    ("posts", {"states": "all of them"}),
    ("posts", {"states": [{"partition": {}, "cursor": {"lastModifiedAt": 1}}]}),
    ("posts", {"states": [{"partition": {"organization": "urn:li:organization:2414183"},
                           "cursor": {"lastModifiedAt": "yesterday"}}]}),
    ("follower_statistics_time_bound", {"timeRangeEnd": "2026-01-01"}),
    ("follower_statistics_time_bound", {"cursor": 5, "whatever": True}),
]


@pytest.mark.parametrize(("stream", "state"), BAD_STATES)
def test_malformed_or_foreign_state_is_a_config_error_naming_the_stream(url, emulator, stream, state):
    config = make_config(url, org_ids=ORGS[:1])
    output = read(config, [stream], state=[stream_state_message(stream, state)], expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error"
    assert f"state of stream {stream}" in error.message


def test_unknown_stream_in_catalog_is_a_config_error(url, emulator):
    output = read(make_config(url), catalog=_catalog_with("ads_analytics"), expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and "ads_analytics" in error.message


def test_state_never_overtakes_the_records_it_covers(url, emulator):
    """In one sync, no record of a (stream, organization) may follow a state that already closed it.

    An organization is closed once its cursor in the state moved (a first sync starts from none; per-post
    streams write their registry before, with the cursor still at 0, so finished posts survive a stop).
    """
    emulator.set_latency(5)  # spread the partitions over the workers
    output = read(make_config(url, org_ids=ORGS, num_workers=6))
    assert not output.errors
    closed: set[tuple[str, str]] = set()
    checked = 0
    for message in output._messages:
        if message.type.value == "STATE":
            stream = message.state.stream.stream_descriptor.name
            for entry in (message.state.stream.stream_state.__dict__ or {}).get("states", []):
                if any(entry["cursor"].get(key) for key in ("timeRangeEnd", "lastModifiedAt", "createdAt",
                                                            "retrievedAt", "snapshotDate")):
                    closed.add((stream, entry["partition"].get("organization")))
        elif message.type.value == "RECORD":
            data = message.record.data
            organization = data.get("organization") or data.get("organizationalEntity")
            assert (message.record.stream, organization) not in closed, "a state ran ahead of its records"
            checked += 1
    assert checked > 100 and closed


def test_no_active_version_is_a_config_error_naming_the_version():
    """When no version of the past 13 months is active, the sync stops with a config_error naming the configured one."""
    from linkedin_emulator import EmulatorConfig, EmulatorServer

    with EmulatorServer(EmulatorConfig(port=0, orgs=1, posts=2, versions=["202001"])) as server:
        output = read(make_config(server.url, org_ids=ORGS[:1], api_version="202409"), ["organization_lookup"],
                      expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error"
    assert "202409" in error.message and "api_version" in error.message
