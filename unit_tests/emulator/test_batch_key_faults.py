"""batch_key_error fault: per-key 403/404 inside a 200 BATCH_GET (socialMetadata, posts, organizations)."""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import requests

from .conftest import ORG1, ORG2, VERSION, Api
from .test_posts_engagement import enc

RESOURCES = ("socialMetadata", "posts", "organizations")


def keys_for(control: Any, resource: str, n: int = 3) -> list[str]:
    """n raw keys that answer 200 for emu-token-full."""
    if resource == "organizations":
        return [str(o) for o in control.truth(activity=False)["organizations"]][:n]
    return control.truth(ORG1, activity=False)["posts"][str(ORG1)][:n]


def batch(api: Api, resource: str, keys: list[str]) -> dict[str, Any]:
    return api.ok(resource, f"ids=List({','.join(enc(k) for k in keys)})")


def message(resource: str, status: int) -> str:
    if status == 404:
        return "Not Found"
    return f"Not enough permissions to access: {resource}.BATCH_GET.{VERSION}01"


@pytest.mark.parametrize("status", [403, 404])
@pytest.mark.parametrize("resource", RESOURCES)
def test_count_fails_the_first_keys_of_the_next_batch(api: Api, control: Any, resource: str, status: int) -> None:
    keys = keys_for(control, resource)
    control.add_faults({"kind": "batch_key_error", "resource": resource, "status": status, "count": 1})
    body = batch(api, resource, keys)
    first, rest = enc(keys[0]), [enc(k) for k in keys[1:]]
    assert body["statuses"] == {first: status, **{k: 200 for k in rest}}
    assert body["errors"] == {first: {"status": status, "message": message(resource, status)}}
    assert list(body["results"]) == rest
    entry = control.requests(resource)[-1]
    assert entry["status"] == 200 and entry["fault"] == "batch_key_error" and entry["failed_keys"] == [keys[0]]
    again = batch(api, resource, keys)  # the count is spent
    assert set(again["statuses"].values()) == {200} and again["errors"] == {}
    assert control.requests(resource)[-1]["fault"] is None


@pytest.mark.parametrize("count, sizes, expected", [
    (3, [2, 2], [[0, 1], [0]]),   # the count carries over to the next batch
    (1, [3, 3], [[0], []]),
    (5, [1, 1, 1], [[0], [0], [0]]),
])
def test_count_is_a_number_of_keys_across_batches(api: Api, control: Any, count: int, sizes: list[int],
                                                   expected: list[list[int]]) -> None:
    keys = keys_for(control, "socialMetadata", 6)
    control.add_faults({"kind": "batch_key_error", "resource": "socialMetadata", "count": count})
    offset = 0
    for size, failed in zip(sizes, expected, strict=True):
        chunk = keys[offset:offset + size]
        offset += size
        body = batch(api, "socialMetadata", chunk)
        assert sorted(k for k, s in body["statuses"].items() if s == 403) == sorted(enc(chunk[i]) for i in failed)
        assert len(body["results"]) == size - len(failed)


@pytest.mark.parametrize("resource", ["socialMetadata", "posts"])
def test_only_keys_that_would_answer_200_are_failed(api: Api, control: Any, resource: str) -> None:
    good = keys_for(control, resource, 2)
    control.delete_post(good[0])
    keys = ["urn:li:share:1", *good]  # unknown, deleted, readable
    control.add_faults({"kind": "batch_key_error", "resource": resource, "status": 403, "count": 1})
    body = batch(api, resource, keys)
    assert body["statuses"] == {enc(keys[0]): 404, enc(good[0]): 404, enc(good[1]): 403}
    assert body["errors"][enc(good[0])] == {"status": 404, "message": "Not Found"}
    assert control.requests(resource)[-1]["failed_keys"] == [good[1]]


def test_keys_pin_the_failing_key_on_every_batch(api: Api, control: Any) -> None:
    keys = keys_for(control, "socialMetadata", 3)
    control.add_faults({"kind": "batch_key_error", "resource": "socialMetadata", "keys": [keys[1]]})
    for _ in range(2):  # no count: every batch holding the key
        body = batch(api, "socialMetadata", keys)
        assert [k for k, s in body["statuses"].items() if s != 200] == [enc(keys[1])]
    assert set(batch(api, "socialMetadata", [keys[0], keys[2]])["statuses"].values()) == {200}


@pytest.mark.parametrize("call", ["other_resource", "single_get", "finder"])
def test_other_calls_are_untouched_and_do_not_spend_the_count(api: Api, control: Any, call: str) -> None:
    keys = keys_for(control, "socialMetadata", 2)
    control.add_faults({"kind": "batch_key_error", "resource": "socialMetadata", "count": 1})
    if call == "other_resource":
        assert set(batch(api, "posts", keys)["statuses"].values()) == {200}
    elif call == "single_get":
        assert api.get(f"socialMetadata/{enc(keys[0])}").status_code == 200
    else:
        assert api.get(f"organizations/{ORG2}").status_code == 200
    assert batch(api, "socialMetadata", keys)["statuses"][enc(keys[0])] == 403


def test_without_resource_any_batch_get_is_hit(api: Api, control: Any) -> None:
    control.add_faults({"kind": "batch_key_error", "count": 2, "status": 404})
    assert batch(api, "organizations", [str(ORG1)])["statuses"] == {str(ORG1): 404}
    posts = keys_for(control, "posts", 1)
    assert batch(api, "posts", posts)["statuses"] == {enc(posts[0]): 404}
    assert batch(api, "posts", posts)["statuses"] == {enc(posts[0]): 200}


@pytest.mark.parametrize("spec", [
    {"kind": "batch_key_error", "status": 500},
    {"kind": "batch_key_error", "keys": "urn:li:share:1"},
    {"kind": "batch_key_error", "keys": []},
    {"kind": "5xx", "keys": ["urn:li:share:1"]},
])
def test_bad_specs_are_rejected(control: Any, spec: dict[str, Any]) -> None:
    with pytest.raises(requests.HTTPError):
        control.add_faults(spec)


@pytest.mark.parametrize("status", [403, 404])
def test_cli_fault(tmp_path: Any, status: int) -> None:
    port_file = tmp_path / "port"
    proc = subprocess.Popen([sys.executable, "-m", "linkedin_emulator", "--port", "0", "--orgs", "1", "--posts", "5",
                             "--fault", f"kind=batch_key_error,resource=socialMetadata,status={status},count=1",
                             "--port-file", str(port_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and "listening" in proc.stdout.readline()
        api = Api(f"http://127.0.0.1:{port_file.read_text()}")
        post = requests.get(f"{api.base}/_emulator/truth").json()["posts"][str(ORG1)][0]
        body = api.ok("socialMetadata", f"ids=List({enc(post)})")
        assert body["statuses"] == {enc(post): status}
        assert body["errors"][enc(post)]["message"] == message("socialMetadata", status)
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_bad_cli_fault_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "linkedin_emulator", "--fault", "kind=batch_key_error,status=500"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "403, 404 or 0" in proc.stderr


@pytest.mark.parametrize("resource", RESOURCES)
def test_status_0_leaves_the_key_out_of_the_answer(api: Api, control: Any, resource: str) -> None:
    keys = keys_for(control, resource)
    control.add_faults({"kind": "batch_key_error", "resource": resource, "status": 0, "keys": [keys[1]]})
    body = batch(api, resource, keys)
    rest = [enc(k) for k in (keys[0], keys[2])]
    assert list(body["statuses"]) == rest and list(body["results"]) == rest and body["errors"] == {}
    assert control.requests(resource)[-1]["failed_keys"] == [keys[1]]
