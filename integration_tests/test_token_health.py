"""Token health: `check` and every sync report when the tokens expire and warn within 14 days of either."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from .harness import OAUTH, check, make_config, read, run_entrypoint

ORG = "2414183"
DAY_S = 86_400


def expected_date(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%d")


@pytest.mark.parametrize(("days", "warned"), [(10, True), (13, True), (30, False), (200, False)])
def test_check_warns_before_the_refresh_token_runs_out(url, emulator, days, warned):
    emulator.set_oauth(refresh_token_expires_in=days * DAY_S)
    status, message = check(make_config(url, credentials=OAUTH, org_ids=[ORG]))
    assert status == "SUCCEEDED"
    if warned:
        assert message and "refresh token expires on" in message and expected_date(days) in message
        assert "source-linkedin-pages auth" in message
    else:
        assert not message


def test_a_sync_warns_too_and_still_reads(url, emulator):
    emulator.set_oauth(refresh_token_expires_in=5 * DAY_S)
    output = read(make_config(url, credentials=OAUTH, org_ids=[ORG]), ["organization_lookup"])
    assert not output.errors and len(output.records) == 1
    warnings = [m.log.message for m in output.logs if m.log.level.value == "WARN"]
    assert any("refresh token expires on" in w and expected_date(5) in w for w in warnings)


def test_check_reports_both_lives_and_warns_only_for_what_the_user_renews(url, emulator, tmp_path):
    emulator.set_oauth(access_token_expires_in=3 * DAY_S)  # renewed by the connector: reported, never warned
    path = tmp_path / "config.json"
    path.write_text(json.dumps(make_config(url, credentials=OAUTH, org_ids=[ORG])))
    output = run_entrypoint(["check", "--config", str(path)])
    assert output.connection_status_messages[-1].connectionStatus.status.value == "SUCCEEDED"
    lives = [m.log.message for m in output.logs if m.log.message.startswith("Token lives")]
    assert lives and f"access token expires {expected_date(3)}" in lives[0] and "refresh token expires" in lives[0]
    assert not [m for m in output.logs if m.log.level.value == "WARN"]
