"""POST /_emulator/restate: one day's value changes, and its DAY, MONTH and lifetime answers follow consistently."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from linkedin_emulator.timeutil import DAY_MS, add_months, day_floor, month_start, next_month_start, now_ms

from .conftest import ORG1, ORG1_URN, Api
from .test_statistics import ENDPOINTS, window

TODAY = day_floor(now_ms())
EARLIEST = add_months(TODAY, -12)
LATEST = TODAY - 2 * DAY_MS


def views(*keys: str) -> Callable[[dict[str, Any]], dict[str, int]]:
    return lambda e: {k: e["totalPageStatistics"]["views"][k]["pageViews"] for k in keys}


# series (as given) -> (endpoint, series restated, fields of a bucket that must move by delta)
CASES: dict[str, tuple[str, str, Callable[[dict[str, Any]], dict[str, int]]]] = {
    "followers": ("followers", "organicFollowerGain", lambda e: dict(e["followerGains"])),
    "paidFollowerGain": ("followers", "paidFollowerGain", lambda e: dict(e["followerGains"])),
    "shares": ("shares", "impressionCount",
               lambda e: {"impressionCount": e["totalShareStatistics"]["impressionCount"]}),
    "clickCount": ("shares", "clickCount", lambda e: {"clickCount": e["totalShareStatistics"]["clickCount"]}),
    "pages": ("page", "desktopOverviewPageViews",
              views("allPageViews", "allDesktopPageViews", "overviewPageViews", "desktopOverviewPageViews",
                    "allMobilePageViews", "careersPageViews")),
    "mobileCareersPageViews": ("page", "mobileCareersPageViews",
                               views("allPageViews", "allMobilePageViews", "careersPageViews",
                                     "mobileCareersPageViews", "allDesktopPageViews", "overviewPageViews")),
}
# fields that must move for each restated series (the others must not)
MOVED = {
    "organicFollowerGain": {"organicFollowerGain"}, "paidFollowerGain": {"paidFollowerGain"},
    "impressionCount": {"impressionCount"}, "clickCount": {"clickCount"},
    "desktopOverviewPageViews": {"allPageViews", "allDesktopPageViews", "overviewPageViews",
                                 "desktopOverviewPageViews"},
    "mobileCareersPageViews": {"allPageViews", "allMobilePageViews", "careersPageViews", "mobileCareersPageViews"},
}


def buckets(api: Api, endpoint: str, start: int, end: int, gran: str) -> list[dict[str, Any]]:
    path, query = ENDPOINTS[endpoint]
    return api.ok(path, f"{query}&{window(start, end, gran)}")["elements"]


def lifetime(api: Api, endpoint: str) -> dict[str, int]:
    """Lifetime totals that are sums of the daily series."""
    if endpoint == "followers":
        size = api.ok(f"networkSizes/{ORG1_URN}", "edgeType=COMPANY_FOLLOWED_BY_MEMBER")["firstDegreeSize"]
        el = api.ok(*ENDPOINTS["followers"])["elements"][0]
        by_seniority = sum(i["followerCounts"]["organicFollowerCount"] + i["followerCounts"]["paidFollowerCount"]
                           for i in el["followerCountsBySeniority"])
        return {"firstDegreeSize": size, "seniority": by_seniority}
    el = api.ok(*ENDPOINTS[endpoint])["elements"][0]
    if endpoint == "shares":
        return {k: v for k, v in el["totalShareStatistics"].items() if k != "engagement"}
    return {k: v["pageViews"] for k, v in el["totalPageStatistics"]["views"].items()}


def snapshot(api: Api, endpoint: str, pick: Callable[[dict[str, Any]], dict[str, int]], day: int) -> dict[str, Any]:
    days = buckets(api, endpoint, day - 2 * DAY_MS, min(day + 3 * DAY_MS, LATEST), "DAY")
    month = buckets(api, endpoint, max(month_start(day), EARLIEST), min(next_month_start(day), LATEST), "MONTH")
    assert len(month) == 1
    return {"days": {e["timeRange"]["start"]: pick(e) for e in days}, "month": pick(month[0]),
            "lifetime": lifetime(api, endpoint)}


@pytest.mark.parametrize("delta", [5, -1])
@pytest.mark.parametrize("days_ago", [3, 40])
@pytest.mark.parametrize("series", list(CASES))
def test_restated_day_month_and_lifetime_agree(api: Api, control: Any, series: str, days_ago: int,
                                               delta: int) -> None:
    endpoint, name, pick = CASES[series]
    day = TODAY - days_ago * DAY_MS
    if delta < 0:  # a day holding 0 cannot lose one: raise it first
        control.restate(ORG1, days_ago, series, 1)
    before = snapshot(api, endpoint, pick, day)
    out = control.restate(ORG1, days_ago, series, delta)
    assert out["series"] == name and out["timeRange"] == {"start": day, "end": day + DAY_MS}
    assert out["after"] == out["before"] + delta
    after = snapshot(api, endpoint, pick, day)
    moved = MOVED[name]

    def shifted(values: dict[str, int]) -> dict[str, int]:
        return {k: v + delta if k in moved else v for k, v in values.items()}

    assert after["days"] == {d: shifted(v) if d == day else v for d, v in before["days"].items()}
    assert after["month"] == shifted(before["month"])
    if endpoint == "followers":
        assert after["lifetime"]["firstDegreeSize"] == before["lifetime"]["firstDegreeSize"] + delta
        assert after["lifetime"]["seniority"] == before["lifetime"]["seniority"] + delta  # demographics follow
    else:
        assert after["lifetime"] == shifted(before["lifetime"])


def test_a_restated_page_view_never_leaves_more_unique_views(api: Api, control: Any) -> None:
    day = TODAY - 5 * DAY_MS
    control.restate(ORG1, 5, "pages", 50)

    def overview() -> dict[str, int]:
        return buckets(api, "page", day, day + DAY_MS, "DAY")[0]["totalPageStatistics"]["views"][
            "desktopOverviewPageViews"]

    control.restate(ORG1, 5, "pages", -overview()["pageViews"])
    assert overview() == {"pageViews": 0, "uniquePageViews": 0}


def test_reset_undoes_a_restatement(api: Api, control: Any) -> None:
    day = TODAY - 3 * DAY_MS
    before = buckets(api, "followers", day, day + DAY_MS, "DAY")
    control.restate(ORG1, 3, "followers", 7)
    assert buckets(api, "followers", day, day + DAY_MS, "DAY") != before
    control.reset()
    assert buckets(api, "followers", day, day + DAY_MS, "DAY") == before


@pytest.mark.parametrize("spec", [
    {"days_ago": 0, "series": "followers", "delta": 1},
    {"days_ago": 100_000, "series": "followers", "delta": 1},   # before the data starts
    {"days_ago": 3, "series": "likes", "delta": 1},
    {"days_ago": 3, "series": "desktopOverviewUnique", "delta": 1},  # unique counts are not restated alone
    {"days_ago": 3, "series": "followers", "delta": 1.5},
    {"days_ago": 3, "series": "followers", "delta": -10**9},    # below zero
    {"days_ago": 3, "series": "followers", "delta": 1, "organization": 1},
    {"days_ago": 3, "series": "followers", "delta": 1, "when": "now"},
])
def test_bad_restatements_are_rejected(api: Api, control: Any, spec: dict[str, Any]) -> None:
    r = requests.post(f"{api.base}/_emulator/restate", json={"organization": ORG1, **spec})
    assert r.status_code == 400, r.text
