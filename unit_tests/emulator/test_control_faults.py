"""Control API (reset, activity, delete, truth), every fault kind, determinism, CLI and scale."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import pytest
import requests

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl
from linkedin_emulator.timeutil import day_floor, now_ms

from .conftest import ORG1, ORG1_URN, Api
from .test_posts_engagement import _served, all_posts, enc

DAY_BODY = {"status": 429, "serviceErrorCode": 101, "code": "TOO_MANY_REQUESTS",
            "message": "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}


def test_activity_and_delete(api: Api, control: Any) -> None:
    control.set_variations(comment_order="newest")  # added comments are then the first served
    before = {p["id"] for p in all_posts(api)}
    newest = max(all_posts(api, "CREATED"), key=lambda p: p["createdAt"])
    meta0 = api.ok(f"socialMetadata/{enc(newest['id'])}")
    added = control.add_activity(ORG1, new_posts=3, comments_on_existing=5, reactions_on_existing=4, posts_touched=1)
    assert len(added["posts"]) == 3
    after = all_posts(api)
    assert {p["id"] for p in after} == before | set(added["posts"])
    meta1 = api.ok(f"socialMetadata/{enc(newest['id'])}")
    assert meta1["commentSummary"]["count"] == meta0["commentSummary"]["count"] + 5
    comments, reactions = _served(api, newest["id"])
    assert [c["commentUrn"] for c in comments[:5]] == added["comments"][newest["id"]][::-1]
    assert len(reactions) == sum(v["count"] for v in meta1["reactionSummaries"].values())
    same = next(p for p in after if p["id"] == newest["id"])
    assert same["lastModifiedAt"] == newest["lastModifiedAt"]  # comments never touch lastModifiedAt
    control.delete_post(added["posts"][0])
    assert added["posts"][0] not in {p["id"] for p in all_posts(api)}
    assert api.get(f"posts/{enc(added['posts'][0])}").status_code == 404
    control.reset()
    assert {p["id"] for p in all_posts(api)} == before


def test_faults_count_and_kinds(api: Api, control: Any) -> None:
    control.add_faults({"kind": "429", "count": 1, "retry_after": 7})
    r = api.get(f"organizations/{ORG1}")
    assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert r.json()["message"] == "Too many requests"
    assert api.get(f"organizations/{ORG1}").status_code == 200
    control.add_faults({"kind": "5xx", "count": 1, "status": 502, "resource": "posts"})
    assert api.get(f"organizations/{ORG1}").status_code == 200  # other resource untouched
    assert api.get("posts", f"q=author&author={ORG1_URN}").status_code == 502
    control.add_faults({"kind": "drop", "count": 1})
    with pytest.raises(requests.ConnectionError):
        api.get(f"organizations/{ORG1}")
    control.add_faults({"kind": "truncate", "count": 1})
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
        api.get(f"organizations/{ORG1}")
    control.add_faults({"kind": "slow", "count": 1, "delay_ms": 300})
    t0 = time.monotonic()
    assert api.get(f"organizations/{ORG1}").status_code == 200
    assert time.monotonic() - t0 >= 0.3
    faults = [e["fault"] for e in control.requests()]
    assert faults == ["429", None, None, "5xx", "drop", "truncate", "slow"]
    statuses = [e["status"] for e in control.requests()]
    assert statuses[4] is None and statuses[5] == 200


def test_day_limit_is_sticky(api: Api, control: Any) -> None:
    control.add_faults({"kind": "429_day", "count": 1, "resource": "posts"})
    r = api.get("posts", f"q=author&author={ORG1_URN}")
    assert r.status_code == 429 and r.json() == DAY_BODY
    assert api.get(f"organizations/{ORG1}").json() == DAY_BODY  # quota stays exhausted
    requests.get(f"{api.base}/_emulator/health")  # control is never throttled
    control.clear_faults()
    assert api.get(f"organizations/{ORG1}").status_code == 200


def test_daily_limit_and_rate(api: Api, control: Any) -> None:
    control.add_faults({"kind": "daily_limit", "calls": 3})
    codes = [api.get(f"organizations/{ORG1}").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    control.clear_faults()
    control.add_faults({"kind": "5xx", "rate": 0.5, "status": 503})
    codes = [api.get(f"organizations/{ORG1}").status_code for _ in range(40)]
    assert 5 < codes.count(503) < 35 and set(codes) == {200, 503}


def test_oauth_faults_need_explicit_resource(api: Api, control: Any) -> None:
    form = {"grant_type": "refresh_token", "refresh_token": "emu-refresh-token", "client_id": "emu-client-id",
            "client_secret": "emu-client-secret"}
    control.add_faults({"kind": "5xx", "count": 1})
    assert requests.post(f"{api.base}/oauth/v2/accessToken", data=form).status_code == 200
    control.add_faults({"kind": "5xx", "count": 1, "resource": "oauth.accessToken", "status": 500})
    assert requests.post(f"{api.base}/oauth/v2/accessToken", data=form).status_code == 500


def test_bad_fault_rejected(control: Any) -> None:
    with pytest.raises(requests.HTTPError):
        control.add_faults({"kind": "meteor"})


def test_determinism() -> None:
    cfg = dict(port=0, seed=7, orgs=2, posts=15, comments=3, reactions=4, now_ms=day_floor(now_ms()) + 1000)
    bodies = []
    for _ in range(2):
        with EmulatorServer(EmulatorConfig(**cfg)) as emu:  # type: ignore[arg-type]
            api = Api(emu.url)
            ctl = EmulatorControl(emu.url)
            bodies.append((ctl.truth(), api.ok("posts", f"q=author&author={ORG1_URN}&count=100"),
                           api.ok("organizationalEntityFollowerStatistics",
                                  f"q=organizationalEntity&organizationalEntity={ORG1_URN}")))
    assert bodies[0] == bodies[1]
    with EmulatorServer(EmulatorConfig(**{**cfg, "seed": 8})) as emu:  # type: ignore[arg-type]
        assert EmulatorControl(emu.url).truth() != bodies[0][0]


def test_large_data_set_starts_fast() -> None:
    t0 = time.monotonic()
    with EmulatorServer(EmulatorConfig(port=0, orgs=5, posts=5000, comments=20, reactions=30)) as emu:
        assert time.monotonic() - t0 < 10
        api = Api(emu.url)
        t1 = time.monotonic()
        page = api.ok("posts", "q=author&author=urn%3Ali%3Aorganization%3A2418183&count=100")["elements"]
        ids = ",".join(enc(p["id"]) for p in page[:50])
        api.ok("socialMetadata", f"ids=List({ids})")
        assert time.monotonic() - t1 < 3


def test_cli_starts_and_stops(tmp_path: Any) -> None:
    port_file = tmp_path / "port"
    proc = subprocess.Popen([sys.executable, "-m", "linkedin_emulator", "--port", "0", "--orgs", "1", "--posts", "5",
                             "--versions", "202511,202610", "--fault", "kind=429,count=1",
                             "--port-file", str(port_file)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip() if proc.stdout else ""
        port = port_file.read_text()
        assert line == f"linkedin-emulator listening on http://127.0.0.1:{port}"
        api = Api(f"http://127.0.0.1:{port}")
        assert api.get(f"organizations/{ORG1}").status_code == 429
        assert api.get(f"organizations/{ORG1}").status_code == 200
        assert api.get(f"organizations/{ORG1}", version="202609").status_code == 426
        assert json.loads(requests.get(f"{api.base}/_emulator/config").text)["versions"] == ["202511", "202610"]
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
