"""429 bodies without DAY: the sticky 429_plain_day quota, plain=1 on short-term 429s and daily_limit, the CLI."""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import requests

from linkedin_emulator.client import EmulatorControl

from .conftest import ORG1, ORG1_URN, Api

PLAIN_BODY = {"status": 429, "serviceErrorCode": 101, "code": "TOO_MANY_REQUESTS",
              "message": "Resource level throttle limit for calls to this resource is reached."}
DAY_BODY = {**PLAIN_BODY, "message": "Resource level throttle APPLICATION DAY limit for calls to this resource is "
                                     "reached."}


def test_plain_day_quota_is_sticky(api: Api, control: EmulatorControl) -> None:
    control.add_faults({"kind": "429_plain_day", "count": 1, "resource": "posts"})
    assert api.ok(f"organizations/{ORG1}")  # only posts trips it
    for path, query in (("posts", f"q=author&author={ORG1_URN}"), (f"organizations/{ORG1}", ""),
                        ("organizationAcls", "q=roleAssignee")):
        r = api.get(path, query)  # the quota stays exhausted for every resource, not just the faulted one
        assert r.status_code == 429 and r.json() == PLAIN_BODY and "Retry-After" not in r.headers
    faults = control.faults()
    assert faults["day_limit_hit"] is True
    assert [e["fault"] for e in control.requests()][-3:] == ["429_plain_day"] * 3
    control.clear_faults()
    assert api.get(f"organizations/{ORG1}").status_code == 200


@pytest.mark.parametrize("spec, body, retry_after", [
    ({"kind": "429", "count": 1, "plain": True}, PLAIN_BODY, None),
    ({"kind": "429", "count": 1, "plain": True, "retry_after": 3}, PLAIN_BODY, "3"),
    ({"kind": "429", "count": 1, "plain": False}, {**PLAIN_BODY, "message": "Too many requests"}, None),
])
def test_short_term_429_may_use_the_plain_wording(api: Api, control: EmulatorControl, spec: dict[str, Any],
                                                  body: dict[str, Any], retry_after: str | None) -> None:
    control.add_faults(spec)
    r = api.get(f"organizations/{ORG1}")
    assert r.status_code == 429 and r.json() == body and r.headers.get("Retry-After") == retry_after
    assert api.get(f"organizations/{ORG1}").status_code == 200  # short-term: the next call goes through


@pytest.mark.parametrize("plain, body", [(True, PLAIN_BODY), (False, DAY_BODY)])
def test_daily_limit_wording(api: Api, control: EmulatorControl, plain: bool, body: dict[str, Any]) -> None:
    control.add_faults({"kind": "daily_limit", "calls": 2, "plain": plain})
    codes = [api.get(f"organizations/{ORG1}") for _ in range(4)]
    assert [r.status_code for r in codes] == [200, 200, 429, 429]
    assert all(r.json() == body and "Retry-After" not in r.headers for r in codes[2:])


@pytest.mark.parametrize("spec", [
    {"kind": "429_plain_day", "retry_after": 5},   # the point of it: no Retry-After
    {"kind": "5xx", "plain": True},
    {"kind": "429", "plain": "yes"},
])
def test_bad_plain_specs_are_rejected(control: EmulatorControl, spec: dict[str, Any]) -> None:
    with pytest.raises(requests.HTTPError):
        control.add_faults(spec)


def test_plain_day_on_oauth_is_not_sticky(api: Api, control: EmulatorControl) -> None:
    control.add_faults({"kind": "429_plain_day", "count": 1, "resource": "oauth.accessToken"})
    form = {"grant_type": "refresh_token", "refresh_token": "emu-refresh-token", "client_id": "emu-client-id",
            "client_secret": "emu-client-secret"}
    assert requests.post(f"{api.base}/oauth/v2/accessToken", data=form, timeout=10).status_code == 429
    assert api.get(f"organizations/{ORG1}").status_code == 200  # the /rest quota is a different one


@pytest.mark.parametrize("fault", ["kind=429_plain_day,count=1", "kind=daily_limit,calls=0,plain=1"])
def test_cli_fault(tmp_path: Any, fault: str) -> None:
    port_file = tmp_path / "port"
    proc = subprocess.Popen([sys.executable, "-m", "linkedin_emulator", "--port", "0", "--orgs", "1", "--posts", "3",
                             "--fault", fault, "--port-file", str(port_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and "listening" in proc.stdout.readline()
        api = Api(f"http://127.0.0.1:{port_file.read_text()}")
        for _ in range(2):
            r = api.get(f"organizations/{ORG1}")
            assert r.status_code == 429 and r.json() == PLAIN_BODY
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_bad_cli_fault_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "linkedin_emulator", "--fault", "kind=429_plain_day,retry_after=5"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "Retry-After" in proc.stderr
