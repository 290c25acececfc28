"""Statistics endpoints: window rules, bucket alignment, MONTH == DAY sums, lifetime shapes, caps."""
from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.store import VIEW_KEYS
from linkedin_emulator.timeutil import DAY_MS, add_months, day_floor

from .conftest import ORG1, ORG1_URN, VERSION, Api

# The emulator's clock is pinned to NOW (every reset, i.e. every test, sets it back to NOW), so the windows below,
# computed at collection, are judged against the same "now" however long after collection a test runs. Noon, and in
# the month of the conftest's LinkedIn-Version, so that it is an active version.
NOW = calendar.timegm((int(VERSION[:4]), int(VERSION[4:]), 15, 12, 0, 0)) * 1000
TODAY = day_floor(NOW)
EARLIEST = add_months(TODAY, -12)
LATEST = TODAY - 2 * DAY_MS


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    """The conftest's emulator, with its clock pinned to NOW."""
    with EmulatorServer(EmulatorConfig(port=0, seed=1, orgs=3, posts=40, comments=5, reactions=8, now_ms=NOW)) as emu:
        yield emu


ENDPOINTS = {
    "followers": ("organizationalEntityFollowerStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}"),
    "shares": ("organizationalEntityShareStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}"),
    "page": ("organizationPageStatistics", f"q=organization&organization={ORG1_URN}"),
}


def window(start: int, end: int, gran: str = "DAY") -> str:
    return f"timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:{gran})"


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("start, end, gran, ok", [
    (EARLIEST, LATEST, "DAY", True),
    (EARLIEST - 1, LATEST, "DAY", False),             # older than 12 months
    (LATEST - 5 * DAY_MS, LATEST + 1, "DAY", True),  # end after 00:00 two days ago but before now - 2 days
    (LATEST - 5 * DAY_MS, NOW - 2 * DAY_MS + 3_600_000, "DAY", False),  # end an hour later than now - 2 days
    (LATEST - DAY_MS, LATEST - DAY_MS, "DAY", False),  # zero length
    (LATEST - DAY_MS, LATEST - 2 * DAY_MS, "DAY", False),  # start after end
    (LATEST - 12 * 3_600_000, LATEST, "DAY", False),  # DAY window shorter than a day
    (EARLIEST, LATEST, "MONTH", True),
    (LATEST - 10 * DAY_MS, LATEST, "YEAR", False),
])
def test_window_rules(api: Api, endpoint: str, start: int, end: int, gran: str, ok: bool) -> None:
    path, query = ENDPOINTS[endpoint]
    r = api.get(path, f"{query}&{window(start, end, gran)}")
    if ok:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 400
        assert "Invalid timeIntervals parameter" in r.json()["message"]


def test_week_only_for_followers(api: Api) -> None:
    w = window(LATEST - 28 * DAY_MS, LATEST, "WEEK")
    assert len(api.ok(ENDPOINTS["followers"][0], f"{ENDPOINTS['followers'][1]}&{w}")["elements"]) == 4
    assert api.get(ENDPOINTS["shares"][0], f"{ENDPOINTS['shares'][1]}&{w}").status_code == 400


def test_day_buckets_aligned_and_complete(api: Api) -> None:
    start = LATEST - 10 * DAY_MS + 5 * 3_600_000  # mid-day start: the bucket starts at 00:00 that day
    path, query = ENDPOINTS["followers"]
    elements = api.ok(path, f"{query}&{window(start, LATEST)}")["elements"]
    ranges = [(e["timeRange"]["start"], e["timeRange"]["end"]) for e in elements]
    assert ranges[0][0] == day_floor(start) and ranges[-1][1] == LATEST
    assert all(b - a == DAY_MS for a, b in ranges) and len(ranges) == 10
    assert set(elements[0]) == {"organizationalEntity", "timeRange", "followerGains"}


def _sum(elements: list[dict[str, Any]], pick: Callable[[dict[str, Any]], int]) -> int:
    return sum(pick(e) for e in elements)


@pytest.mark.parametrize("endpoint, pick", [
    ("followers", lambda e: e["followerGains"]["organicFollowerGain"] + 1000 * e["followerGains"]["paidFollowerGain"]),
    ("shares", lambda e: e["totalShareStatistics"]["impressionCount"]),
    ("shares", lambda e: e["totalShareStatistics"]["likeCount"]),
    ("page", lambda e: e["totalPageStatistics"]["views"]["allPageViews"]["pageViews"]),
    ("page", lambda e: e["totalPageStatistics"]["views"]["careersPageViews"]["uniquePageViews"]),
    ("page", lambda e: e["totalPageStatistics"]["clicks"]["careersPageClicks"]["careersPageJobsClicks"]),
])
def test_month_sums_equal_day_sums(api: Api, endpoint: str, pick: Callable[[dict[str, Any]], int]) -> None:
    path, query = ENDPOINTS[endpoint]
    start = EARLIEST + 7 * 3_600_000
    days = api.ok(path, f"{query}&{window(start, LATEST, 'DAY')}")["elements"]
    months = api.ok(path, f"{query}&{window(start, LATEST, 'MONTH')}")["elements"]
    assert 12 <= len(months) <= 13 and len(days) >= 360
    assert months[0]["timeRange"]["start"] == days[0]["timeRange"]["start"]
    assert months[-1]["timeRange"]["end"] == days[-1]["timeRange"]["end"]
    assert _sum(days, pick) == _sum(months, pick) > 0


def test_follower_lifetime_shape(api: Api) -> None:
    path, query = ENDPOINTS["followers"]
    el = api.ok(path, query)["elements"][0]
    facets = {"followerCountsByAssociationType": "associationType", "followerCountsBySeniority": "seniority",
              "followerCountsByFunction": "function", "followerCountsByIndustry": "industry",
              "followerCountsByStaffCountRange": "staffCountRange", "followerCountsByGeoCountry": "geo",
              "followerCountsByGeo": "geo"}
    assert set(el) == {"organizationalEntity", *facets}
    for facet, key in facets.items():
        assert 0 < len(el[facet]) <= 100
        assert set(el[facet][0]) == {key, "followerCounts"}
        assert set(el[facet][0]["followerCounts"]) == {"organicFollowerCount", "paidFollowerCount"}
    assert len(el["followerCountsByIndustry"]) == 100  # top 100 cut


def test_quiet_org_has_empty_facets(api: Api) -> None:
    el = api.ok("organizationalEntityFollowerStatistics",
                "q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A2416183")["elements"][0]
    assert el["followerCountsBySeniority"] == [] and el["followerCountsByGeo"] == []


def test_page_shapes(api: Api) -> None:
    path, query = ENDPOINTS["page"]
    el = api.ok(path, query)["elements"][0]
    views = el["totalPageStatistics"]["views"]
    assert set(views) == set(VIEW_KEYS) and len(VIEW_KEYS) == 27
    assert all(set(v) == {"pageViews"} for v in views.values())
    assert views["allPageViews"]["pageViews"] == (views["allDesktopPageViews"]["pageViews"]
                                                  + views["allMobilePageViews"]["pageViews"])
    clicks = el["totalPageStatistics"]["clicks"]
    assert set(clicks) == {"careersPageClicks", "mobileCareersPageClicks"}
    for facet in ("pageStatisticsBySeniority", "pageStatisticsByFunction", "pageStatisticsByIndustryV2",
                  "pageStatisticsByStaffCountRange", "pageStatisticsByGeoCountry", "pageStatisticsByGeo"):
        assert 0 < len(el[facet]) <= 100
    tb = api.ok(path, f"{query}&{window(LATEST - 3 * DAY_MS, LATEST)}")["elements"][0]
    assert set(tb) == {"organization", "timeRange", "totalPageStatistics"}
    assert all(set(v) == {"pageViews", "uniquePageViews"} for v in tb["totalPageStatistics"]["views"].values())


def test_share_lifetime_and_per_post(api: Api, control: Any) -> None:
    path, query = ENDPOINTS["shares"]
    total = api.ok(path, query)["elements"][0]["totalShareStatistics"]
    assert set(total) == {"shareCount", "clickCount", "engagement", "likeCount", "impressionCount", "commentCount",
                          "uniqueImpressionsCount", "shareMentionsCount", "commentMentionsCount"}
    assert isinstance(total["engagement"], float)
    urns = control.truth(ORG1, activity=False)["posts"][str(ORG1)]
    shares = [u for u in urns if ":share:" in u]
    ugcs = [u for u in urns if ":ugcPost:" in u]
    per_post: list[dict[str, Any]] = []
    for i in range(0, len(urns), 20):
        s = ",".join(u.replace(":", "%3A") for u in shares[i:i + 20])
        per_post += api.ok(path, f"{query}&shares=List({s})")["elements"]
    for i in range(0, len(ugcs), 20):
        s = ",".join(u.replace(":", "%3A") for u in ugcs[i:i + 20])
        per_post += api.ok(path, f"{query}&ugcPosts=List({s})")["elements"]
    assert per_post and all(("share" in e) != ("ugcPost" in e) for e in per_post)
    for key in ("impressionCount", "likeCount", "commentCount", "clickCount"):
        assert total[key] >= sum(e["totalShareStatistics"][key] for e in per_post)
    too_many = ",".join(f"urn%3Ali%3Ashare%3A{i}" for i in range(11))
    r = api.get(path, f"{query}&shares=List({too_many})&ugcPosts=List({too_many.replace('share', 'ugcPost')})")
    assert r.status_code == 400


@pytest.mark.parametrize("edge, status", [("COMPANY_FOLLOWED_BY_MEMBER", 200), ("CompanyFollowedByMember", 400)])
def test_network_sizes(api: Api, edge: str, status: int) -> None:
    r = api.get(f"networkSizes/{ORG1_URN}", f"edgeType={edge}")
    assert r.status_code == status
    if status == 200:
        assert r.json()["firstDegreeSize"] > 0
    assert api.get(f"networkSizes/urn:li:organization:{ORG1}", f"edgeType={edge}").status_code == 400
