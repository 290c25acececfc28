"""The first ten minutes: every mistake a new user makes, through `check` and `read` of the connector's entrypoint.

Each ends with the right failure type and a message naming the field, file or organization — never JSON-schema
validator wording, a traceback or a secret — and an organization problem skips that organization only.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from airbyte_cdk.models import AirbyteMessageSerializer

from .harness import (
    FULL_TOKEN,
    SECRETS,
    configured_catalog,
    make_config,
    records_by_stream,
    run_cli,
    run_entrypoint,
)

ORG1, ORG2 = "2414183", "2415183"
VALIDATOR_WORDING = ("does not match", "is not of type", "is less than the minimum", "is greater than the maximum",
                     "is not valid under any of the given schemas", "was expected", "Config validation error")


def output_text(output: Any) -> str:
    return "\n".join(json.dumps(AirbyteMessageSerializer.dump(m)) for m in output._messages)


def assert_clean(text: str) -> None:
    """No validator wording, no traceback (in a log line or an error trace), no secret anywhere."""
    for words in VALIDATOR_WORDING:
        assert words not in text, words
    assert "Traceback (most recent call last)" not in text
    for secret in SECRETS:
        assert secret not in text, secret


def write(folder: Path, name: str, content: Any) -> str:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def run_check(folder: Path, config: Any) -> tuple[str, str, Any]:
    output = run_entrypoint(["check", "--config", write(folder, "config.json", config)])
    status = output.connection_status_messages[-1].connectionStatus
    return status.status.value, status.message or "", output


def run_read(folder: Path, config: Any, catalog: Any = None, state: Any = None) -> Any:
    if catalog is None:
        catalog = configured_catalog(make_config("http://127.0.0.1:1"), ["organization_lookup"])
        from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer

        catalog = ConfiguredAirbyteCatalogSerializer.dump(catalog)
    args = ["read", "--config", write(folder, "config.json", config),
            "--catalog", write(folder, "catalog.json", catalog)]
    if state is not None:
        args += ["--state", write(folder, "state.json", state)]
    return run_entrypoint(args)


# (what the user got wrong, the config (or raw file text) given, what the message must name)
CONFIG_MISTAKES = [
    ("a US date", {"start_date": "01/02/2026"}, "start_date"),
    ("zero workers", {"num_workers": 0}, "num_workers"),
    ("too much lookback", {"lookback_window_days": 31}, "lookback_window_days"),
    ("a string for a number", {"num_workers": "8"}, "num_workers"),
    ("org_ids as one string", {"org_ids": ORG1}, "org_ids"),
    ("a person URN", {"org_id": "urn:li:person:abc"}, "org_id"),
    ("no credentials", {"credentials": None}, "credentials"),
    ("an unknown auth method", {"credentials": {"auth_method": "password", "password": "x"}},
     "credentials.auth_method"),
    ("OAuth without secret", {"credentials": {"auth_method": "oAuth2.0", "client_id": "emu-client-id",
                                              "refresh_token": "emu-refresh-token"}}, "credentials.client_secret"),
    ("api_base_url without /rest", {"api_base_url": "http://127.0.0.1:8765"}, "api_base_url must end with /rest"),
    ("http to a remote host", {"oauth_base_url": "http://example.com/oauth/v2"}, "oauth_base_url"),
    ("a locale with a dash", {"locale": "de-DE"}, "locale"),
    ("MONTHLY", {"time_granularity_type": "MONTHLY"}, "time_granularity_type"),
]


@pytest.mark.parametrize(("what", "override", "named"), CONFIG_MISTAKES, ids=[m[0] for m in CONFIG_MISTAKES])
def test_a_config_mistake_is_named_the_same_way_by_check_and_read(url, emulator, tmp_path, what, override, named):
    config = {**make_config(url, org_ids=[ORG1]), **override}
    status, text, checked = run_check(tmp_path, config)
    assert status == "FAILED" and text.startswith("Invalid configuration: ") and named in text
    read = run_read(tmp_path, config)
    error = read.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and error.message == text  # one validation path
    assert emulator.requests() == []  # refused before any call
    assert_clean(output_text(checked) + output_text(read))


FILE_MISTAKES = [
    ("config", "not json at all", "is not valid JSON"),
    ("config", "[1, 2]", "must hold a JSON object"),
    ("state", "{not json", "is not valid JSON"),
    ("state", '"a string"', "must be a JSON list of state messages"),
    ("catalog", '{"streams": "all"}', "is not a configured catalog"),
]


@pytest.mark.parametrize(("which", "content", "problem"), FILE_MISTAKES)
def test_an_unreadable_file_is_a_config_error_naming_the_file(url, emulator, tmp_path, which, content, problem):
    config = make_config(url, org_ids=[ORG1])
    files = {"config": config, "state": [], "catalog": None}
    files[which] = content
    if which == "config":
        status, text, output = run_check(tmp_path, content)
        assert status == "FAILED" and f"config file {tmp_path}/config.json" in text and problem in text
    output = run_read(tmp_path, files["config"], catalog=files["catalog"], state=files["state"])
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error"
    assert f"{which} file {tmp_path}/{which}.json" in error.message and problem in error.message
    assert_clean(output_text(output))


ORG_MISTAKES = [
    ("an unknown numeric id", FULL_TOKEN, [ORG1, "999999"], "organization 999999", "knows no organization"),
    ("an unknown vanity name", FULL_TOKEN, [ORG1, "https://www.linkedin.com/company/no-such-page/"],
     "no-such-page", "vanity name"),
    ("a page the member does not administer", "emu-token-not-admin", [ORG1, ORG2], f"organization {ORG2}",
     "ANALYST"),
]


@pytest.mark.parametrize(("what", "token", "org_ids", "named", "reason"), ORG_MISTAKES,
                         ids=[m[0] for m in ORG_MISTAKES])
def test_an_unusable_organization_is_skipped_named_and_the_others_are_read(url, emulator, tmp_path, what, token,
                                                                         org_ids, named, reason):
    config = make_config(url, token=token, org_ids=org_ids)
    status, text, checked = run_check(tmp_path, config)
    assert status == "FAILED" and named in text and reason in text and "scope" not in text
    streams = ["organization_lookup", "follower_statistics", "posts"]
    from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer

    catalog = ConfiguredAirbyteCatalogSerializer.dump(configured_catalog(config, streams))
    output = run_read(tmp_path, config, catalog=catalog)
    grouped = records_by_stream(output)
    assert {r["id"] for r in grouped["organization_lookup"]} == {int(ORG1)}  # the usable one is read
    assert {r["organization"] for r in grouped["posts"]} == {f"urn:li:organization:{ORG1}"}
    errors = output.errors
    assert len(errors) == 2  # the skipped organization (once), then the sync's summary
    final = errors[-1].trace.error
    assert final.failure_type.value == "config_error" and named in final.message and reason in final.message
    assert "scope" not in final.message  # a role or existence problem is never blamed on the token
    assert_clean(output_text(checked) + output_text(output))


def test_an_unreachable_host_fails_check_within_a_minute_naming_the_host(tmp_path):
    """Connection refused on a loopback port, with the real backoff (not the tests' shortened one)."""
    config = make_config("http://127.0.0.1:9", org_ids=[ORG1])  # port 9 (discard): nothing listens
    path = write(tmp_path, "config.json", config)
    started = time.monotonic()
    result = run_cli(["check", "--config", path], env={"SOURCE_LINKEDIN_PAGES_BACKOFF_BASE": "2"}, timeout=120)
    elapsed = time.monotonic() - started
    status = next(json.loads(line) for line in result.stdout.splitlines() if '"CONNECTION_STATUS"' in line)
    text = status["connectionStatus"]["message"]
    assert status["connectionStatus"]["status"] == "FAILED" and elapsed < 60
    assert "127.0.0.1:9" in text and "refused" in text and "Rate limit" not in result.stdout
    assert "api_base_url" in text  # a custom host: the message shows the expected form


def test_tls_to_a_plain_http_server_is_named_as_a_tls_failure(url, emulator, tmp_path):
    config = make_config(url.replace("http://", "https://"), org_ids=[ORG1])
    status, text, _ = run_check(tmp_path, config)
    assert status == "FAILED" and "TLS" in text and url.removeprefix("http://") in text


@pytest.mark.parametrize(
    "state_file",
    [
        {"follower_statistics_time_bound": {"timeRangeEnd": "1795910400000"}},  # legacy {stream: state}
        [{"type": "GLOBAL", "global": {"stream_states": [
            {"stream_descriptor": {"name": "follower_statistics_time_bound"},
             "stream_state": {"timeRangeEnd": "1795910400000"}}]}}],
    ],
    ids=["legacy", "global"],
)
def test_legacy_and_global_states_are_read(url, emulator, tmp_path, state_file):
    config = make_config(url, org_ids=[ORG1])
    from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer

    catalog = ConfiguredAirbyteCatalogSerializer.dump(configured_catalog(config, ["follower_statistics_time_bound"]))
    output = run_read(tmp_path, config, catalog=catalog, state=state_file)
    assert not output.errors
    (call,) = emulator.requests("organizationalEntityFollowerStatistics")
    start = int(call["params"]["timeIntervals"]["timeRange"]["start"])
    assert start >= 1795910400000 - 3 * 86_400_000  # resumed from the saved cursor, not a year back


def test_another_connectors_state_is_ignored_with_a_warning(url, emulator, tmp_path):
    config = make_config(url, org_ids=[ORG1])
    state = [{"type": "STREAM", "stream": {"stream_descriptor": {"name": "campaigns"},
                                           "stream_state": {"updated_at": "2026-01-01"}}}]
    output = run_read(tmp_path, config, state=state)
    assert not output.errors
    assert any("another connector's state" in m.log.message and "campaigns" in m.log.message for m in output.logs)


def test_a_bad_token_is_one_error_trace_not_one_per_stream(url, emulator, tmp_path):
    config = make_config(url, token="not-a-token-at-all", org_ids=[ORG1, ORG2])
    from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer

    catalog = ConfiguredAirbyteCatalogSerializer.dump(configured_catalog(make_config(url)))
    output = run_read(tmp_path, config, catalog=catalog)
    traces = [e.trace.error.message for e in output.errors]
    assert len(set(traces)) == 1 and "does not recognise the access token" in traces[0]
    errors = [m for m in output.logs if m.log.level.value in ("ERROR", "FATAL")]
    assert len(errors) <= 1
    assert_clean(output_text(output))


def test_check_without_the_role_listing_never_blames_the_token_alone(url, emulator, tmp_path):
    """organizationAcls refused as a whole: a probe's 403 may be a role as well as a scope; the message says both."""
    emulator.add_token("emu-test-acl-no-followers", ["r_organization_social", "r_social_engagement"],
                       member="urn:li:person:emuRevoked")
    config = make_config(url, token="emu-test-acl-no-followers", org_ids=[ORG1])
    status, text, _ = run_check(tmp_path, config)
    assert status == "FAILED" and f"organization {ORG1}" in text
    assert "either the token lacks the scope r_organization_followers or the member is not" in text
