"""Standardized data endpoints: shapes, both locale forms, fallback, paging, id cap, unknown ids, 403, request log."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from linkedin_emulator.handlers import standardized
from linkedin_emulator.industry_taxonomy import INDUSTRIES
from linkedin_emulator.reference_data import FUNCTIONS, GEO, SENIORITIES

from .conftest import ORG1, ORG1_URN, Api

INDUSTRIES_PATH = "industryTaxonomyVersions/DEFAULT/industries"
ILLEGAL = {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT"}
UNRESOLVED = {**ILLEGAL, "message": "Resource method could not be resolved from request parameters."}
INVALID = {**ILLEGAL, "message": "Invalid param. Please see errorDetails for more information."}
DE_2 = "locale=(language:de,country:DE)"
DE_1 = "locale.language=de&locale.country=DE"


@pytest.fixture()
def unknown_ids_as_errors() -> Iterator[None]:
    standardized.set_unknown_ids("errors")
    try:
        yield
    finally:
        standardized.set_unknown_ids("absent")


def _elements(api: Api, path: str, query: str = "", **kw: Any) -> list[dict[str, Any]]:
    return api.ok(path, query, **kw)["elements"]


# shapes -----------------------------------------------------------------------------------
def test_geo_batch_shape(api: Api) -> None:
    body = api.ok("geo", "ids=List(103644278,90009496)&locale=(language:en,country:US)")
    assert body == {
        "results": {
            "103644278": {"id": 103644278, "defaultLocalizedName": {"locale": {"country": "US", "language": "en"},
                                                                    "value": "United States"}},
            "90009496": {"id": 90009496, "defaultLocalizedName": {"locale": {"country": "US", "language": "en"},
                                                                  "value": "London Area, United Kingdom"}}},
        "statuses": {"103644278": 200, "90009496": 200}, "errors": {}}


@pytest.mark.parametrize("path, expected", [
    ("geo/101282230", {"id": 101282230, "defaultLocalizedName": {"locale": {"country": "US", "language": "en"},
                                                                 "value": "Germany"}}),
    (f"{INDUSTRIES_PATH}/4", {"id": 4, "$URN": "urn:li:industry:4",
                              "name": {"localized": {"en_US": "Software Development"}},
                              "parentIndustries": ["urn:li:industry:6"],
                              "childrenIndustries": [f"urn:li:industry:{c}" for c in INDUSTRIES[4].children]}),
    (f"{INDUSTRIES_PATH}/1594", {"id": 1594, "$URN": "urn:li:industry:1594",
                                 "name": {"localized": {"en_US": "Technology, Information and Media"}},
                                 "parentIndustries": [], "childrenIndustries": ["urn:li:industry:6",
                                                                                "urn:li:industry:3133"]}),
    ("functions/8", {"id": 8, "$URN": "urn:li:function:8", "name": {"localized": {"en_US": "Engineering"}}}),
    ("seniorities/3", {"id": 3, "$URN": "urn:li:seniority:3", "name": {"localized": {"en_US": "Entry"}}}),
])
def test_get_one_shapes(api: Api, path: str, expected: dict[str, Any]) -> None:
    assert api.ok(path) == expected


@pytest.mark.parametrize("path, total, keys", [
    (INDUSTRIES_PATH, 434, {"id", "$URN", "name", "parentIndustries", "childrenIndustries"}),
    ("functions", 26, {"id", "$URN", "name"}),
    ("seniorities", 10, {"id", "$URN", "name"}),
])
def test_get_all_shapes(api: Api, path: str, total: int, keys: set[str]) -> None:
    body = api.ok(path, "start=0&count=100")
    assert body["paging"] == {"start": 0, "count": 100, "links": []}
    assert len(body["elements"]) == min(total, 100)
    kind = body["elements"][0]["$URN"].split(":")[2]
    for el in body["elements"]:
        assert set(el) == keys and el["$URN"] == f"urn:li:{kind}:{el['id']}"
        assert list(el["name"]["localized"]) == ["en_US"]


def test_real_lists(api: Api) -> None:
    functions = {e["id"]: e["name"]["localized"]["en_US"] for e in _elements(api, "functions", "count=100")}
    assert list(functions) == list(range(1, 27))
    assert (functions[1], functions[8], functions[13], functions[25], functions[26]) == (
        "Accounting", "Engineering", "Information Technology", "Sales", "Support")
    seniorities = [e["name"]["localized"]["en_US"] for e in _elements(api, "seniorities", "count=10")]
    assert seniorities == ["Unpaid", "Training", "Entry", "Senior", "Manager", "Director", "VP", "CXO", "Partner",
                           "Owner"]


@pytest.mark.parametrize("path", [INDUSTRIES_PATH, "functions", "seniorities"])
def test_batch_get(api: Api, path: str) -> None:
    body = api.ok(path, "ids=List(4,6)")
    assert set(body["results"]) == {"4", "6"} and body["statuses"] == {"4": 200, "6": 200} and body["errors"] == {}
    assert body["results"]["4"] == api.ok(f"{path}/4")
    # the 1.0 repeated-key form needs no protocol header
    assert api.ok(path, "ids=4&ids=6", v2=False) == body


@pytest.mark.parametrize("version", ["V1_0", "V2_5", "V2_6", "V2_7", "DEFAULT"])
def test_taxonomy_versions(api: Api, version: str) -> None:
    el = api.ok(f"industryTaxonomyVersions/{version}/industries/4")
    assert el["id"] == 4
    if version == "V1_0":  # emulator choice: V1 is flat and limited to the V1 id range
        assert el["parentIndustries"] == el["childrenIndustries"] == []
        assert api.get("industryTaxonomyVersions/V1_0/industries/1594").status_code == 404
    else:
        assert el == api.ok(f"{INDUSTRIES_PATH}/4")


# locales ------------------------------------------------------------------------------------
LOCALE_CASES = [
    ("geo", "ids=List(101282230)", lambda b: b["results"]["101282230"]["defaultLocalizedName"],
     lambda loc: {"locale": {"country": loc[3:], "language": loc[:2]}, "value": GEO[101282230].names[loc]}),
    (INDUSTRIES_PATH, "ids=List(4)", lambda b: b["results"]["4"]["name"],
     lambda loc: {"localized": {loc: INDUSTRIES[4].names[loc]}}),
    ("functions", "start=7&count=1", lambda b: b["elements"][0]["name"],
     lambda loc: {"localized": {loc: FUNCTIONS[8].names[loc]}}),
    ("seniorities", "start=2&count=1", lambda b: b["elements"][0]["name"],
     lambda loc: {"localized": {loc: SENIORITIES[3].names[loc]}}),
]


@pytest.mark.parametrize("path, query, pick, expected", LOCALE_CASES, ids=["geo", "industries", "functions",
                                                                             "seniorities"])
@pytest.mark.parametrize("locale_query, locale", [
    ("locale=(language:de,country:DE)", "de_DE"),
    ("locale=(country:DE,language:de)", "de_DE"),  # record key order is free
    ("locale=(language:fr,country:FR)", "fr_FR"),
    ("locale=(language:en,country:US)", "en_US"),
    ("", "en_US"),
    ("locale=(language:es,country:ES)", "en_US"),  # unsupported -> en_US
    ("locale=(language:de,country:AT)", "en_US"),
    ("locale=(language:de)", "en_US"),
])
def test_locale_v2_and_fallback(api: Api, path: str, query: str, pick: Any, expected: Any, locale_query: str,
                                locale: str) -> None:
    body = api.ok(path, "&".join(q for q in (query, locale_query) if q))
    assert pick(body) == expected(locale)


@pytest.mark.parametrize("path, query, pick, expected", LOCALE_CASES, ids=["geo", "industries", "functions",
                                                                             "seniorities"])
def test_locale_one_dot_zero_form(api: Api, path: str, query: str, pick: Any, expected: Any) -> None:
    query = query.replace("ids=List(", "ids=").replace(")", "")  # 1.0 all the way: no protocol header
    assert pick(api.ok(path, f"{query}&{DE_1}", v2=False)) == expected("de_DE")
    assert pick(api.ok(path, f"{query}&locale.language=xx&locale.country=YY", v2=False)) == expected("en_US")


def test_names_differ_per_locale(api: Api) -> None:
    names = {loc: _elements(api, INDUSTRIES_PATH, f"count=100&locale=(language:{loc[:2]},country:{loc[3:]})")
             for loc in ("en_US", "de_DE", "fr_FR")}
    for en, de, fr in zip(names["en_US"], names["de_DE"], names["fr_FR"], strict=True):
        assert en["id"] == de["id"] == fr["id"]
        values = [en["name"]["localized"]["en_US"], de["name"]["localized"]["de_DE"], fr["name"]["localized"]["fr_FR"]]
        assert len(set(values)) == 3, values


@pytest.mark.parametrize("path, query, kw, expected", [
    ("functions", DE_2, {"v2": False}, INVALID),  # 2.0 syntax needs the protocol header, like every 2.0 query
    ("geo", "ids=List(101282230)", {"v2": False}, INVALID),
    ("functions", "locale=de_DE", {}, INVALID),
    ("functions", "locale=(language:de,region:DE)", {}, INVALID),
    ("functions", f"{DE_2}&locale.language=de", {}, INVALID),
    ("functions", "q=search", {}, UNRESOLVED),
    ("functions", "start=0&bogus=1", {}, UNRESOLVED),
    ("geo", "", {}, UNRESOLVED),  # geo has no GET_ALL
    ("geo", "start=0&count=10", {}, UNRESOLVED),
    ("geo", "q=search&keywords=Berlin", {}, UNRESOLVED),
    ("geo", "ids=List(abc)", {}, INVALID),
    ("geo/abc", "", {}, INVALID),
    (INDUSTRIES_PATH, "count=101", {}, {**ILLEGAL, "message": "Invalid param. count 101 exceeds the maximum of 100"}),
])
def test_bad_requests(api: Api, path: str, query: str, kw: dict[str, Any], expected: dict[str, Any]) -> None:
    r = api.get(path, query, **kw)
    assert r.status_code == 400 and r.json() == expected


# paging -------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, count, total", [
    (INDUSTRIES_PATH, 100, 434), (INDUSTRIES_PATH, 7, 434), ("functions", 5, 26), ("functions", 26, 26),
    ("seniorities", 3, 10), ("seniorities", 10, 10), ("functions", 10, 26),
])
def test_paging_union_is_the_whole_list(api: Api, path: str, count: int, total: int) -> None:
    seen: list[int] = []
    start = 0
    while True:
        body = api.ok(path, f"start={start}&count={count}")
        assert body["paging"]["start"] == start and body["paging"]["count"] == count
        seen += [e["id"] for e in body["elements"]]
        if len(body["elements"]) < count:  # the end is a short page
            break
        start += count
    assert len(seen) == len(set(seen)) == total
    assert seen == sorted(seen)
    first = seen[:100]  # the pages agree with BATCH_GET of the same ids
    assert set(api.ok(path, f"ids=List({','.join(map(str, first))})")["results"]) == {str(i) for i in first}


def test_default_page_size_is_ten(api: Api) -> None:
    assert len(_elements(api, "seniorities")) == 10 and len(_elements(api, "functions")) == 10


def test_hierarchy_is_consistent_over_the_api(api: Api) -> None:
    elements: dict[int, dict[str, Any]] = {}
    for start in range(0, 500, 100):
        elements.update({e["id"]: e for e in _elements(api, INDUSTRIES_PATH, f"start={start}&count=100")})
    assert len(elements) == 434
    roots = [e for e in elements.values() if not e["parentIndustries"]]
    assert len(roots) == 20
    for el in elements.values():
        assert len(el["parentIndustries"]) <= 1
        for parent in el["parentIndustries"]:
            assert el["$URN"] in elements[int(parent.rsplit(":", 1)[1])]["childrenIndustries"]
        for child in el["childrenIndustries"]:
            assert elements[int(child.rsplit(":", 1)[1])]["parentIndustries"] == [el["$URN"]]


# batch cap and unknown ids -----------------------------------------------------------------
def test_at_most_100_ids(api: Api) -> None:
    ids = list(GEO)[:101]
    body = api.ok("geo", f"ids=List({','.join(map(str, ids[:100]))})")
    assert len(body["results"]) == 100
    r = api.get("geo", f"ids=List({','.join(map(str, ids))})")
    assert r.status_code == 400
    assert r.json() == {**ILLEGAL, "message": "Invalid param. At most 100 ids per request"}
    r = api.get(INDUSTRIES_PATH, f"ids=List({','.join(map(str, range(1, 102)))})")
    assert r.status_code == 400


@pytest.mark.parametrize("path, known, unknown", [("geo", "103644278", "999999999,2"), (INDUSTRIES_PATH, "4", "2,9999"),
                                                  ("functions", "8", "0,27"), ("seniorities", "3", "11,0")])
def test_unknown_ids_absent_by_default(api: Api, path: str, known: str, unknown: str) -> None:
    body = api.ok(path, f"ids=List({known},{unknown})")
    assert set(body["results"]) == set(body["statuses"]) == {known} and body["errors"] == {}
    assert api.get(f"{path}/999999999").status_code == 404


@pytest.mark.usefixtures("unknown_ids_as_errors")
@pytest.mark.parametrize("path, known", [("geo", "103644278"), (INDUSTRIES_PATH, "4"), ("functions", "8"),
                                         ("seniorities", "3")])
def test_unknown_ids_as_404_errors(api: Api, path: str, known: str) -> None:
    body = api.ok(path, f"ids=List({known},999999999)")
    assert set(body["results"]) == {known}
    assert body["statuses"] == {known: 200, "999999999": 404}
    assert body["errors"] == {"999999999": {"status": 404, "message": "Not Found"}}


def test_unknown_ids_mode_is_validated() -> None:
    with pytest.raises(ValueError):
        standardized.set_unknown_ids("maybe")
    from linkedin_emulator.__main__ import _args
    assert _args(["--unknown-standardized-ids", "errors"]).unknown_standardized_ids == "errors"
    assert _args([]).unknown_standardized_ids == "absent"


def test_unknown_taxonomy_version(api: Api) -> None:
    r = api.get("industryTaxonomyVersions/V3_0/industries")
    assert r.status_code == 404 and r.json()["code"] == "NOT_FOUND"


def test_batch_key_error_fault_applies(api: Api, control: Any) -> None:
    control.add_faults({"kind": "batch_key_error", "resource": "geo", "status": 403, "count": 1})
    body = api.ok("geo", "ids=List(103644278,101282230)")
    assert set(body["results"]) == {"101282230"}
    assert body["errors"]["103644278"] == {"status": 403,
                                           "message": "Not enough permissions to access: geo.BATCH_GET.20261001"}


# access -------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, query, message", [
    ("geo", "ids=List(103644278)", "geo.BATCH_GET"),
    ("geo/103644278", "", "geo.GET"),
    (INDUSTRIES_PATH, "start=0&count=10", "industries.GET_ALL"),
    (INDUSTRIES_PATH, "ids=List(4)", "industries.BATCH_GET"),
    (f"{INDUSTRIES_PATH}/4", "", "industries.GET"),
    ("functions", "", "functions.GET_ALL"),
    ("functions", "ids=List(8)", "functions.BATCH_GET"),
    ("seniorities", "", "seniorities.GET_ALL"),
    ("seniorities/3", "", "seniorities.GET"),
])
def test_no_lookups_token_gets_403(api: Api, path: str, query: str, message: str) -> None:
    r = api.get(path, query, token="emu-token-no-lookups")
    assert r.status_code == 403
    assert r.json() == {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
                        "message": f"Not enough permissions to access: {message}.20261001"}
    assert api.get(path, query, token="emu-token-full").status_code == 200


@pytest.mark.parametrize("path, query", [
    (f"organizations/{ORG1}", ""),
    ("organizationalEntityFollowerStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}"),
    ("organizationPageStatistics", f"q=organization&organization={ORG1_URN}"),
    ("posts", f"q=author&author={ORG1_URN}&count=10"),
])
def test_no_lookups_token_reads_everything_else(api: Api, path: str, query: str) -> None:
    assert api.get(path, query, token="emu-token-no-lookups").status_code == 200


@pytest.mark.parametrize("token", ["emu-token-admin-scope", "emu-token-no-followers", "emu-token-not-admin"])
def test_other_fixed_tokens_read_lookups(api: Api, token: str) -> None:
    assert api.get("functions", token=token).status_code == 200


@pytest.mark.parametrize("kw, status", [({"token": None}, 401), ({"token": "emu-token-expired"}, 401),
                                        ({"version": "202404"}, 426), ({"version": None}, 400)])
def test_same_auth_and_version_rules(api: Api, kw: dict[str, Any], status: int) -> None:
    assert api.get("geo", "ids=List(103644278)", **kw).status_code == status


def test_added_token_scopes(api: Api, control: Any) -> None:
    control.add_token("basic-only", ["r_basicprofile"])
    control.add_token("nothing", [])
    assert api.get("functions", token="basic-only").status_code == 200
    assert api.get(f"organizations/{ORG1}", token="basic-only").status_code == 403
    assert api.get("functions", token="nothing").status_code == 403


# request log --------------------------------------------------------------------------------
def test_request_log(api: Api, control: Any) -> None:
    api.ok("geo", "ids=List(103644278,90009496,1)")
    api.ok(INDUSTRIES_PATH, "start=0&count=5")
    api.ok("functions", "ids=List(1,2)")
    api.ok("seniorities")
    entries = control.requests()
    assert [(e["resource"], e["restli_method"], e["batch_size"]) for e in entries] == [
        ("geo", "BATCH_GET", 3), ("industries", "GET_ALL", None), ("functions", "BATCH_GET", 2),
        ("seniorities", "GET_ALL", None)]
    assert len(control.requests(resource="geo")) == 1


def test_tunneled_batch(api: Api, control: Any) -> None:
    """A long BATCH_GET sent as POST with X-HTTP-Method-Override: GET answers like the GET."""
    query = f"ids=List({','.join(map(str, list(GEO)[:100]))})&{DE_2}"
    headers = api.headers(**{"X-HTTP-Method-Override": "GET", "Content-Type": "application/x-www-form-urlencoded"})
    r = api.session.post(f"{api.base}/rest/geo", data=query, headers=headers, timeout=10)
    assert r.status_code == 200 and r.json() == api.ok("geo", query)
    assert control.requests(resource="geo")[0]["tunneled"] is True
