"""Tables for the demographic flattening, the enum labels, LinkedIn's localized names and the once-per-sync lookups."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest

from source_linkedin_pages.api.constants import FOLLOWER_FACETS, PAGE_FACETS, PAGE_VIEW_COLUMNS
from source_linkedin_pages.caches.lifetime import FOLLOWERS, PAGES
from source_linkedin_pages.caches.names import (
    ENUM_NAMES,
    FUNCTIONS,
    GEO,
    INDUSTRIES,
    Names,
    enum_name,
    facet_items,
    geo_ids,
    geo_localized,
    locale_param,
    localized,
    lookup_record,
)
from source_linkedin_pages.streams.demographics import count, demographic_rows, follower_counts, page_view_counts

STAFF_RANGES = ("SIZE_1", "SIZE_2_TO_10", "SIZE_11_TO_50", "SIZE_51_TO_200", "SIZE_201_TO_500", "SIZE_501_TO_1000",
                "SIZE_1001_TO_5000", "SIZE_5001_TO_10000", "SIZE_10001_OR_MORE")  # wire reference 3.11


# --- builders -------------------------------------------------------------------------------------------------
def follower_item(key: str, value: str, organic: Any = 10, paid: Any = 1) -> dict[str, Any]:
    return {key: value, "followerCounts": {"organicFollowerCount": organic, "paidFollowerCount": paid}}


def page_item(key: str, value: str, **views: int) -> dict[str, Any]:
    return {key: value, "pageStatistics": {"views": {k: {"pageViews": v} for k, v in views.items()}}}


def facet(name: str, facets: tuple[Any, ...] = FOLLOWER_FACETS) -> Any:
    return next(f for f in facets if f.name == name)


# --- enum labels ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("facet_name", "value", "locale", "expected"), [
    ("staffCountRange", "SIZE_1", "en_US", "1 employee"),
    ("staffCountRange", "SIZE_2_TO_10", "en_US", "2-10 employees"),
    ("staffCountRange", "SIZE_501_TO_1000", "en_US", "501-1,000 employees"),
    ("staffCountRange", "SIZE_10001_OR_MORE", "en_US", "10,001+ employees"),
    ("staffCountRange", "SIZE_2_TO_10", "de_DE", "2-10 Beschäftigte"),
    ("staffCountRange", "SIZE_1001_TO_5000", "de_DE", "1.001-5.000 Beschäftigte"),
    ("staffCountRange", "SIZE_11_TO_50", "fr_FR", "11-50 employés"),
    ("staffCountRange", "SIZE_11_TO_50", "es_ES", "11-50 employees"),  # a locale without labels: en_US
    ("staffCountRange", "SIZE_UNKNOWN", "en_US", None),
    ("associationType", "EMPLOYEE", "en_US", "Employees"),
    ("associationType", "INFLUENCER", "en_US", "Influencers"),
    ("associationType", "EMPLOYEE", "de_DE", "Beschäftigte"),
    ("associationType", "INFLUENCER", "fr_FR", "Influenceurs"),
    ("seniority", "urn:li:seniority:3", "en_US", None),  # not an enum facet
])
def test_enum_names(facet_name: str, value: str, locale: str, expected: str | None) -> None:
    assert enum_name(facet_name, value, locale) == expected


@pytest.mark.parametrize("value", STAFF_RANGES)
def test_every_staff_count_range_has_a_label_in_every_served_locale(value: str) -> None:
    assert set(ENUM_NAMES["staffCountRange"][value]) == {"en_US", "de_DE", "fr_FR"}


# --- LinkedIn's localized names -------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "locale", "expected"), [
    ({"localized": {"de_DE": "Technik"}}, "de_DE", ("Technik", "de_DE")),
    ({"localized": {"en_US": "Engineering", "de_DE": "Technik"}}, "de_DE", ("Technik", "de_DE")),
    ({"localized": {"en_US": "Engineering"}}, "de_DE", ("Engineering", "en_US")),  # LinkedIn fell back
    ({"localized": {"fr_FR": "Ingénierie"}}, "de_DE", ("Ingénierie", "fr_FR")),  # else the first one
    ({"localized": {}}, "en_US", (None, None)),
    ({}, "en_US", (None, None)),
    (None, "en_US", (None, None)),
])
def test_localized(name: Any, locale: str, expected: tuple[str | None, str | None]) -> None:
    assert localized(name, locale) == expected


@pytest.mark.parametrize(("element", "expected"), [
    ({"id": 1, "defaultLocalizedName": {"locale": {"country": "DE", "language": "de"}, "value": "Deutschland"}},
     ("Deutschland", "de_DE")),
    ({"id": 1, "defaultLocalizedName": {"value": "Germany"}}, ("Germany", None)),
    ({"id": 1, "name": {"localized": {"en_US": "Germany"}}}, ("Germany", "en_US")),
    ({"id": 1}, (None, None)),
])
def test_geo_localized(element: dict[str, Any], expected: tuple[str | None, str | None]) -> None:
    assert geo_localized(element, "de_DE") == expected


@pytest.mark.parametrize(("kind", "element", "expected"), [
    (FUNCTIONS, {"id": 8, "$URN": "urn:li:function:8", "name": {"localized": {"en_US": "Engineering"}}},
     {"urn": "urn:li:function:8", "id": 8, "name": "Engineering", "locale": "en_US"}),
    (FUNCTIONS, {"$URN": "urn:li:function:8", "name": {"localized": {"en_US": "Engineering"}}},
     {"urn": "urn:li:function:8", "id": 8, "name": "Engineering", "locale": "en_US"}),
    (GEO, {"id": 103644278, "defaultLocalizedName": {"locale": {"country": "US", "language": "en"},
                                                      "value": "United States"}},
     {"urn": "urn:li:geo:103644278", "id": 103644278, "name": "United States", "locale": "en_US"}),
    (INDUSTRIES, {"id": 4, "name": {"localized": {"en_US": "Software Development"}},
                  "parentIndustries": ["urn:li:industry:6"]},
     {"urn": "urn:li:industry:4", "id": 4, "name": "Software Development", "locale": "en_US",
      "parentIndustries": ["urn:li:industry:6"], "childrenIndustries": [], "taxonomyVersion": "DEFAULT"}),
    (FUNCTIONS, {"name": {"localized": {"en_US": "Engineering"}}}, None),
])
def test_lookup_record(kind: str, element: dict[str, Any], expected: dict[str, Any] | None) -> None:
    assert lookup_record(kind, element, "en_US") == expected


@pytest.mark.parametrize(("locale", "expected"), [
    ("de_DE", {"language": "de", "country": "DE"}), ("en_US", {"language": "en", "country": "US"}),
])
def test_locale_param(locale: str, expected: dict[str, str]) -> None:
    assert locale_param(locale) == expected


# --- facets ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("element", "facet_name", "facets", "expected"), [
    ({"followerCountsByFunction": [follower_item("function", "urn:li:function:8")]}, "function", FOLLOWER_FACETS,
     ["urn:li:function:8"]),
    ({"followerCountsByGeoCountry": [follower_item("geo", "urn:li:geo:1")]}, "geoCountry", FOLLOWER_FACETS,
     ["urn:li:geo:1"]),
    # the same value twice keeps the first; items without a value, or not objects, are skipped
    ({"followerCountsByFunction": [follower_item("function", "urn:li:function:8"), {"followerCounts": {}}, None,
                                   follower_item("function", "urn:li:function:8")]}, "function", FOLLOWER_FACETS,
     ["urn:li:function:8"]),
    # page views: industryV2 is the industry facet; the V2 array wins over the older one
    ({"pageStatisticsByIndustryV2": [page_item("industryV2", "urn:li:industry:4")],
      "pageStatisticsByIndustry": [page_item("industry", "urn:li:industry:99")]}, "industry", PAGE_FACETS,
     ["urn:li:industry:4"]),
    ({"pageStatisticsByIndustry": [page_item("industry", "urn:li:industry:99")]}, "industry", PAGE_FACETS,
     ["urn:li:industry:99"]),
    ({}, "function", FOLLOWER_FACETS, []),
    ({"followerCountsByFunction": None}, "function", FOLLOWER_FACETS, []),
])
def test_facet_items(element: dict[str, Any], facet_name: str, facets: tuple[Any, ...], expected: list[str]) -> None:
    assert [value for value, _ in facet_items(element, facet(facet_name, facets))] == expected


def test_geo_ids_come_from_the_geo_facets_only() -> None:
    element = {
        "followerCountsByGeoCountry": [follower_item("geo", "urn:li:geo:103644278")],
        "followerCountsByGeo": [follower_item("geo", "urn:li:geo:90000084"), follower_item("geo", "not-a-geo")],
        "followerCountsByIndustry": [follower_item("industry", "urn:li:industry:4")],
    }
    assert geo_ids(element, FOLLOWER_FACETS) == {103644278, 90000084}


# --- flattening -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [(12, 12), (12.0, 12), (12.5, None), (None, None), (True, None),
                                                 ("12", None)])
def test_count(value: Any, expected: int | None) -> None:
    assert count(value) == expected


@pytest.mark.parametrize(("item", "expected"), [
    (follower_item("function", "x", 10, 2), {"organicFollowerCount": 10, "paidFollowerCount": 2}),
    ({"function": "x", "followerCounts": {"organicFollowerCount": 3}}, {"organicFollowerCount": 3,
                                                                        "paidFollowerCount": None}),
    ({"function": "x"}, {"organicFollowerCount": None, "paidFollowerCount": None}),
])
def test_follower_counts(item: dict[str, Any], expected: dict[str, Any]) -> None:
    assert follower_counts(item) == expected


def test_page_view_counts_has_one_column_per_section_and_none_for_what_linkedin_left_out() -> None:
    counts = page_view_counts(page_item("geo", "urn:li:geo:1", allPageViews=9, careersPageViews=4,
                                        desktopCareersPageViews=3))
    assert list(counts) == list(PAGE_VIEW_COLUMNS)
    assert [c for c in PAGE_VIEW_COLUMNS if c.endswith("PageViews") and not c.startswith("all")] == [
        "overviewPageViews", "aboutPageViews", "careersPageViews", "jobsPageViews", "lifeAtPageViews",
        "peoplePageViews", "productsPageViews", "insightsPageViews"]
    assert {k: v for k, v in counts.items() if v is not None} == {"allPageViews": 9, "careersPageViews": 4}


@pytest.mark.parametrize(("resource", "element", "expected"), [
    (FOLLOWERS, {"organizationalEntity": "urn:li:organization:1",
                 "followerCountsByAssociationType": [follower_item("associationType", "EMPLOYEE", 5, 0)],
                 "followerCountsByStaffCountRange": [follower_item("staffCountRange", "SIZE_11_TO_50", 7, 1)],
                 "followerCountsByGeoCountry": [follower_item("geo", "urn:li:geo:1", 4, 0)],
                 "followerCountsByGeo": [follower_item("geo", "urn:li:geo:1", 3, 0)]},
     [("associationType", "EMPLOYEE", 5), ("staffCountRange", "SIZE_11_TO_50", 7), ("geoCountry", "urn:li:geo:1", 4),
      ("geo", "urn:li:geo:1", 3)]),
    (PAGES, {"organization": "urn:li:organization:1",
             "pageStatisticsBySeniority": [page_item("seniority", "urn:li:seniority:3", allPageViews=8)],
             "pageStatisticsByIndustryV2": [page_item("industryV2", "urn:li:industry:4", allPageViews=6)]},
     [("seniority", "urn:li:seniority:3", 8), ("industry", "urn:li:industry:4", 6)]),
    (FOLLOWERS, {"organizationalEntity": "urn:li:organization:1", "followerCountsByFunction": []}, []),
])
def test_demographic_rows(resource: str, element: dict[str, Any], expected: list[tuple[str, str, int]]) -> None:
    first = "organicFollowerCount" if resource == FOLLOWERS else "allPageViews"
    rows = list(demographic_rows(resource, element))
    assert [(r["facet"], r["value"], r[first]) for r in rows] == expected


# --- the lookups are fetched once per sync --------------------------------------------------------------------
class FakeClient:
    """Answers GET_ALL with `pages` elements (or `status`), slowly, counting calls."""

    def __init__(self, status: int = 200, size: int = 3) -> None:
        self.status, self.size, self.calls = status, size, 0
        self.lock = threading.Lock()

    def call(self, path: str, params: dict[str, Any], answer: frozenset[int]) -> tuple[int, Any]:
        with self.lock:
            self.calls += 1
        time.sleep(0.02)
        if self.status == 403:
            return 403, {"message": f"Not enough permissions to access: {path}.GET_ALL.20261001"}
        elements = [{"id": i, "name": {"localized": {"en_US": f"F{i}"}}} for i in range(1, self.size + 1)]
        return 200, {"elements": elements}


def fake_context(client: FakeClient) -> Any:
    shared: dict[str, Any] = {}
    warned: list[str] = []
    return SimpleNamespace(
        config=SimpleNamespace(locale="en_US"), client=client, selected=frozenset(), warned=warned,
        shared=lambda key, factory: shared.setdefault(key, factory()) if key not in shared else shared[key],
        warn_once=lambda key, **values: None if key in warned else warned.append(key),
    )


@pytest.mark.parametrize(("status", "records", "calls"), [(200, 3, 1), (403, 0, 1)])
def test_concurrent_readers_share_one_call(status: int, records: int, calls: int) -> None:
    client = FakeClient(status)
    ctx = fake_context(client)
    results: list[int] = []
    kinds = [FUNCTIONS, "seniorities", INDUSTRIES] if status == 403 else [FUNCTIONS] * 3
    threads = [threading.Thread(target=lambda k=k: results.append(len(Names.of(ctx).records(k))))
               for k in kinds * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [records] * len(threads)
    assert client.calls == calls  # a refusal: one call in all, not one per lookup
    assert len(ctx.warned) == (1 if status == 403 else 0)
    assert Names.of(ctx).name("function", "urn:li:function:2") == ("F2" if status == 200 else None)


# --- the demo's table -----------------------------------------------------------------------------------------
def test_followers_by_function_sums_organizations_and_falls_back_to_the_urn() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "demo_tables.py"
    spec = importlib.util.spec_from_file_location("demo_tables", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def row(org: int, value: str, name: str | None, organic: int, paid: int) -> dict[str, Any]:
        return {"organization": f"urn:li:organization:{org}", "facet": "function", "value": value, "name": name,
                "snapshotDate": "2026-01-02", "organicFollowerCount": organic, "paidFollowerCount": paid}

    records = [row(1, "urn:li:function:8", "Engineering", 1000, 20), row(2, "urn:li:function:8", "Engineering", 5, 0),
               row(1, "urn:li:function:1", None, 7, 1), {"facet": "seniority", "value": "urn:li:seniority:3"}]
    lines = module.followers_by_function(records).splitlines()
    assert lines[0] == "followers by function (2 organization(s), snapshot 2026-01-02)"
    assert lines[2].split() == ["Engineering", "1,005", "20", "1,025"]
    assert lines[3].split() == ["urn:li:function:1", "7", "1", "8"]
    assert module.followers_by_function([]) == "followers by function: no follower_demographics records"
