"""POST/GET /_emulator/clock: "now" moves for window rules, token expiry and activity, the data does not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import requests

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl
from linkedin_emulator.timeutil import DAY_MS, add_months, day_floor, now_ms

from .conftest import ORG1, ORG1_URN, Api

HOUR_MS = 3_600_000
# Pinned at noon UTC, so that no case crosses a midnight while the module runs.
START = day_floor(now_ms()) + 12 * HOUR_MS
TODAY = day_floor(START)
FOLLOWERS = ("organizationalEntityFollowerStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}")


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(port=0, seed=3, orgs=1, posts=10, comments=2, reactions=2, now_ms=START)) as emu:
        yield emu


def window(start: int, end: int) -> str:
    return f"timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:DAY)"


def status_of(api: Api, start: int, end: int) -> int:
    path, query = FOLLOWERS
    return api.get(path, f"{query}&{window(start, end)}").status_code


# (case, start, end, advance_ms, valid before, valid after) — the rules of linkedin-api.md 3.3:
# start not older than 12 months before the request day, end at least 2 days before now, >= one whole day.
WINDOWS = [
    ("newest bucket stays valid a day later", TODAY - 10 * DAY_MS, TODAY - 2 * DAY_MS, DAY_MS, True, True),
    ("yesterday's end becomes valid a day later", TODAY - 10 * DAY_MS, TODAY - DAY_MS, DAY_MS, False, True),
    (
        "end at now - 2 days is too late an hour earlier",
        TODAY - 10 * DAY_MS,
        START - 2 * DAY_MS - 60_000,
        -HOUR_MS,
        True,
        False,
    ),
    ("the oldest start is too old a day later", add_months(TODAY, -12), TODAY - 2 * DAY_MS, DAY_MS, True, False),
    (
        "a start older than 12 months becomes valid a day earlier",
        add_months(TODAY, -12) - DAY_MS,
        TODAY - 3 * DAY_MS,
        -DAY_MS,
        False,
        True,
    ),
    ("a sub-day window stays invalid", TODAY - 3 * DAY_MS, TODAY - 3 * DAY_MS + 20 * HOUR_MS, DAY_MS, False, False),
]


@pytest.mark.parametrize(("case", "start", "end", "advance", "before", "after"), WINDOWS, ids=[w[0] for w in WINDOWS])
def test_window_validity_follows_the_clock(
    api: Api, control: EmulatorControl, case: str, start: int, end: int, advance: int, before: bool, after: bool
) -> None:
    assert (status_of(api, start, end) == 200) is before, case
    control.advance_clock(advance)
    assert (status_of(api, start, end) == 200) is after, case
    control.reset()
    assert (status_of(api, start, end) == 200) is before, f"{case}: reset restores the start clock"


def test_get_and_set(control: EmulatorControl) -> None:
    first = control.clock()
    assert abs(first["now_ms"] - START) < 60_000
    assert first["offset_ms"] == pytest.approx(START - now_ms(), abs=60_000)
    moved = control.advance_clock(DAY_MS)
    assert moved["offset_ms"] - first["offset_ms"] == DAY_MS
    assert control.set_clock(START + 5 * DAY_MS)["now_ms"] == pytest.approx(START + 5 * DAY_MS, abs=1_000)
    control.reset()
    assert abs(control.clock()["offset_ms"] - first["offset_ms"]) < 60_000


def test_the_data_is_not_regenerated(control: EmulatorControl) -> None:
    before = control.truth()
    control.advance_clock(3 * DAY_MS)
    after = control.truth()
    assert after["posts"] == before["posts"] and after["start_ms"] == before["start_ms"]


def test_token_expiry_follows_the_clock(api: Api, control: EmulatorControl) -> None:
    path, query = FOLLOWERS
    assert api.get(path, query).status_code == 200
    control.advance_clock(51 * DAY_MS)  # emu-token-full lives 50 days
    r = api.get(path, query)
    assert r.status_code == 401 and r.json().get("serviceErrorCode") == 65602


def test_activity_is_stamped_with_the_shifted_clock(api: Api, control: EmulatorControl) -> None:
    control.advance_clock(DAY_MS)
    urn = control.add_activity(ORG1, new_posts=1)["posts"][0]
    assert urn in control.truth(ORG1)["posts"][str(ORG1)]
    post = api.ok("posts/" + quote(urn, safe=""))
    assert post["createdAt"] >= START + DAY_MS - 60_000


@pytest.mark.parametrize(
    "body", [{"advance_ms": "1"}, {"advance_ms": 1, "set_ms": 2}, {"set_ms": -5}, {"ms": 3}, {"advance_ms": True}]
)
def test_bad_bodies(control: EmulatorControl, body: dict[str, Any]) -> None:
    assert requests.post(control.base + "/clock", json=body, timeout=10).status_code == 400
