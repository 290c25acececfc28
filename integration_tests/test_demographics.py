"""Lookup and demographic streams against the emulator: names per locale, rows equal to the lifetime arrays, calls."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest
import requests
from airbyte_cdk.models import Level

from integration_tests.harness import (
    assert_valid_and_unique,
    final_states,
    make_config,
    read,
    records_by_stream,
    state_of,
    stream_state_message,
)
from linkedin_emulator.client import EmulatorControl
from linkedin_emulator.industry_taxonomy import INDUSTRIES
from linkedin_emulator.reference_data import FUNCTIONS, GEO, SENIORITIES, Named
from source_linkedin_pages.api.errors import message

ORGS = ["2414183", "2415183"]
URNS = [f"urn:li:organization:{org}" for org in ORGS]
FOLLOWERS, PAGES = "organizationalEntityFollowerStatistics", "organizationPageStatistics"
SHARES = "organizationalEntityShareStatistics"
LOOKUPS = ["geo", "industries", "functions", "seniorities"]
DEMOGRAPHICS = ["follower_demographics", "page_view_demographics"]
NESTED = ["follower_statistics", "page_statistics"]
STANDARDIZED = {"geo", "industries", "functions", "seniorities"}  # emulator log resources
# The wire reference's lifetime arrays (3.3, 3.5), written out here independently of the connector:
# array -> (item key, facet of the demographic streams)
FOLLOWER_ARRAYS = {
    "followerCountsByAssociationType": ("associationType", "associationType"),
    "followerCountsBySeniority": ("seniority", "seniority"),
    "followerCountsByFunction": ("function", "function"),
    "followerCountsByIndustry": ("industry", "industry"),
    "followerCountsByStaffCountRange": ("staffCountRange", "staffCountRange"),
    "followerCountsByGeoCountry": ("geo", "geoCountry"),
    "followerCountsByGeo": ("geo", "geo"),
}
PAGE_ARRAYS = {
    "pageStatisticsBySeniority": ("seniority", "seniority"),
    "pageStatisticsByFunction": ("function", "function"),
    "pageStatisticsByIndustryV2": ("industryV2", "industry"),
    "pageStatisticsByStaffCountRange": ("staffCountRange", "staffCountRange"),
    "pageStatisticsByGeoCountry": ("geo", "geoCountry"),
    "pageStatisticsByGeo": ("geo", "geo"),
}
SECTIONS = ("overview", "about", "careers", "jobs", "lifeAt", "people", "products", "insights")
PAGE_COLUMNS = ("allPageViews", "allDesktopPageViews", "allMobilePageViews", *(f"{s}PageViews" for s in SECTIONS))
FOLLOWER_COLUMNS = ("organicFollowerCount", "paidFollowerCount")
# stream -> (lifetime resource, arrays)
SOURCES = {"follower_demographics": (FOLLOWERS, FOLLOWER_ARRAYS), "page_view_demographics": (PAGES, PAGE_ARRAYS)}
# URN type -> the emulator's table of names
TABLES: dict[str, dict[int, Any]] = {"function": FUNCTIONS, "seniority": SENIORITIES, "industry": INDUSTRIES,
                                     "geo": GEO}
LOOKUP_TYPES = {"functions": "function", "seniorities": "seniority", "industries": "industry", "geo": "geo"}


# --- builders -------------------------------------------------------------------------------------------------
def today() -> str:
    return datetime.now(UTC).date().isoformat()


def lifetime(url: str, resource: str, urn: str) -> dict[str, Any]:
    """The lifetime element straight from the emulator (call after the request-log assertions)."""
    param = "organization" if resource == PAGES else "organizationalEntity"
    headers = {"Authorization": "Bearer emu-token-full", "LinkedIn-Version": "202610",
               "X-Restli-Protocol-Version": "2.0.0"}
    answer = requests.get(f"{url}/rest/{resource}?q={param}&{param}={quote(urn, safe='')}", headers=headers, timeout=30)
    answer.raise_for_status()
    return answer.json()["elements"][0]  # type: ignore[no-any-return]


def expected_rows(url: str, stream: str) -> dict[tuple[str, str, str], dict[str, int]]:
    """(organization, facet, value) -> counts, from the lifetime arrays of every organization."""
    resource, arrays = SOURCES[stream]
    rows = {}
    for urn in URNS:
        element = lifetime(url, resource, urn)
        for array, (key, facet) in arrays.items():
            for item in element[array]:
                if resource == FOLLOWERS:
                    counts = dict(item["followerCounts"])
                else:
                    counts = {c: item["pageStatistics"]["views"][c]["pageViews"] for c in PAGE_COLUMNS}
                rows[(urn, facet, item[key])] = counts
    return rows


def facet_urns(url: str, resources: tuple[str, ...] = (FOLLOWERS, PAGES)) -> set[str]:
    """Every URN value in the lifetime facets of the organizations."""
    found = set()
    for resource in resources:
        arrays = FOLLOWER_ARRAYS if resource == FOLLOWERS else PAGE_ARRAYS
        for urn in URNS:
            element = lifetime(url, resource, urn)
            found |= {item[key] for array, (key, _) in arrays.items() for item in element[array]
                      if item[key].startswith("urn:li:")}
    return found


def geo_ids(urns: set[str]) -> set[int]:
    return {int(u.rsplit(":", 1)[1]) for u in urns if u.startswith("urn:li:geo:")}


def expected_name(urn: str, locale: str) -> str:
    kind, number = urn.split(":")[2], int(urn.rsplit(":", 1)[1])
    entry: Named = TABLES[kind][number]
    return entry.names[locale]


def counts_of(record: dict[str, Any], stream: str) -> dict[str, Any]:
    return {c: record.get(c) for c in (FOLLOWER_COLUMNS if stream == "follower_demographics" else PAGE_COLUMNS)}


def key_of(record: dict[str, Any]) -> tuple[str, str, str, str]:
    return record["organization"], record["facet"], record["value"], record["snapshotDate"]


def warnings(output: Any) -> list[str]:
    return [m.log.message for m in output.logs if m.log.level == Level.WARN]


def sync(url: str, streams: list[str] | None, token: str = "emu-token-full", **config: Any) -> Any:
    output = read(make_config(url, token=token, org_ids=ORGS, **config), streams)
    assert not output.errors, [e.trace.error.message for e in output.errors]
    return output


def is_lifetime(entry: dict[str, Any]) -> bool:
    """A lifetime statistics call (not time-bound, not per post)."""
    params = entry["params"] or {}
    return entry["resource"] in (FOLLOWERS, PAGES, SHARES) and not {"timeIntervals", "shares", "ugcPosts"} & set(params)


def standardized_calls(log: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return (entry for entry in log if entry["resource"] in STANDARDIZED)


# --- names ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_lookup_streams_hold_the_emulators_names(url: str, emulator: EmulatorControl, locale: str) -> None:
    grouped = records_by_stream(sync(url, LOOKUPS + DEMOGRAPHICS, locale=locale))
    assert_valid_and_unique(make_config(url), grouped)
    for stream, kind in LOOKUP_TYPES.items():
        for record in grouped[stream]:
            assert record["urn"] == f"urn:li:{kind}:{record['id']}"
            assert (record["name"], record["locale"]) == (TABLES[kind][record["id"]].names[locale], locale), record
    for stream, table in (("functions", FUNCTIONS), ("seniorities", SENIORITIES), ("industries", INDUSTRIES)):
        assert sorted(r["id"] for r in grouped[stream]) == sorted(table), stream
    for record in grouped["industries"]:
        industry = INDUSTRIES[record["id"]]
        assert record["taxonomyVersion"] == "DEFAULT"
        assert record["parentIndustries"] == ([] if industry.parent is None else [f"urn:li:industry:{industry.parent}"])
        assert record["childrenIndustries"] == [f"urn:li:industry:{c}" for c in industry.children]
    # geo: exactly the ids of this sync's facets, no more
    assert {r["id"] for r in grouped["geo"]} == geo_ids(facet_urns(url))


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_every_facet_urn_gets_its_name(url: str, emulator: EmulatorControl, locale: str) -> None:
    grouped = records_by_stream(sync(url, DEMOGRAPHICS, locale=locale))
    seen = set()
    for stream in DEMOGRAPHICS:
        for record in grouped[stream]:
            if record["value"].startswith("urn:li:"):
                assert record.get("name") == expected_name(record["value"], locale), record
                seen.add(record["value"])
            else:
                assert record.get("name"), record  # enums: the project's labels (unit-tested per locale)
    assert seen == facet_urns(url)


# --- rows -----------------------------------------------------------------------------------------------------
def test_rows_equal_the_lifetime_arrays(url: str, emulator: EmulatorControl) -> None:
    grouped = records_by_stream(sync(url, DEMOGRAPHICS))
    assert_valid_and_unique(make_config(url), grouped)
    for stream in DEMOGRAPHICS:
        records = grouped[stream]
        assert {r["organization"] for r in records} == set(URNS)
        assert {r["snapshotDate"] for r in records} == {today()}
        got = {(r["organization"], r["facet"], r["value"]): counts_of(r, stream) for r in records}
        assert len(got) == len(records)
        assert got == expected_rows(url, stream), stream
        assert all(type(v) is int for r in records for v in counts_of(r, stream).values())


def test_same_day_incremental_syncs_yield_the_same_keys(url: str, emulator: EmulatorControl) -> None:
    config = make_config(url, org_ids=ORGS)
    first = read(config, DEMOGRAPHICS)
    states = final_states(first)
    for stream in DEMOGRAPHICS:
        cursors = {s["partition"]["organization"]: s["cursor"] for s in state_of(states, stream)["states"]}
        assert cursors == {urn: {"snapshotDate": today()} for urn in URNS}
    second = read(config, DEMOGRAPHICS, state=states)
    full = read(config, DEMOGRAPHICS, incremental=False)
    assert not (first.errors or second.errors or full.errors)
    for stream in DEMOGRAPHICS:
        keys = [sorted(map(key_of, records_by_stream(out)[stream])) for out in (first, second, full)]
        assert keys[0] and keys[0] == keys[1] == keys[2], stream


def test_a_state_from_a_later_day_reads_nothing(url: str, emulator: EmulatorControl) -> None:
    later = {"states": [{"partition": {"organization": urn}, "cursor": {"snapshotDate": "2999-01-01"}} for urn in URNS]}
    state = [stream_state_message(stream, later) for stream in DEMOGRAPHICS]
    output = read(make_config(url, org_ids=ORGS), DEMOGRAPHICS, state=state)
    assert not output.errors and not output.records
    assert not [e for e in emulator.requests() if e["resource"] in (FOLLOWERS, PAGES)]


def test_malformed_snapshot_state_is_a_config_error(url: str, emulator: EmulatorControl) -> None:
    bad = {"states": [{"partition": {"organization": URNS[0]}, "cursor": {"snapshotDate": 1700000000000}}]}
    state = [stream_state_message("follower_demographics", bad)]
    output = read(make_config(url, org_ids=ORGS), ["follower_demographics"], state=state, expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and "follower_demographics" in error.message


# --- refusals and missing names -------------------------------------------------------------------------------
def test_refused_standardized_data_is_one_warning_and_null_names(url: str, emulator: EmulatorControl) -> None:
    output = sync(url, LOOKUPS + DEMOGRAPHICS + NESTED, token="emu-token-no-lookups")
    grouped = records_by_stream(output)
    assert not set(grouped) & set(LOOKUPS)
    for stream in DEMOGRAPHICS:
        assert grouped[stream]
        for record in grouped[stream]:
            if record["value"].startswith("urn:li:"):
                assert record.get("name") is None
    refused = list(standardized_calls(emulator.requests()))
    assert [e["status"] for e in refused] == [403], "after one refusal no other standardized data is asked for"
    assert warnings(output) == [message("names_unavailable", resource=refused[0]["resource"])]


@pytest.mark.parametrize("batch_keys", ["raw", "encoded", "mixed"])
def test_geo_batch_keys_raw_or_encoded(url: str, emulator: EmulatorControl, batch_keys: str) -> None:
    emulator.set_variations(batch_keys=batch_keys)
    grouped = records_by_stream(sync(url, ["geo"]))
    assert {r["id"] for r in grouped["geo"]} == geo_ids(facet_urns(url))


@pytest.mark.parametrize(("status", "detail"), [(404, "HTTP 404: 3"), (403, "HTTP 403: 3"), (0, "absent: 3")])
def test_geo_ids_linkedin_cannot_name_stay_null(url: str, emulator: EmulatorControl, status: int, detail: str) -> None:
    emulator.add_faults({"kind": "batch_key_error", "resource": "geo", "status": status, "count": 3})
    output = sync(url, ["geo", "follower_demographics"])
    failed = {int(k) for e in emulator.requests("geo") for k in e["failed_keys"] or []}
    assert len(failed) == 3
    grouped = records_by_stream(output)
    assert not failed & {r["id"] for r in grouped["geo"]}
    unnamed = {r["value"] for r in grouped["follower_demographics"] if r.get("name") is None}
    assert unnamed == {f"urn:li:geo:{i}" for i in failed}
    assert warnings(output) == [message("geo_names_missing", count=3, detail=detail)]


# --- calls ----------------------------------------------------------------------------------------------------
def test_calls_are_the_minimum_with_every_stream_selected(url: str, emulator: EmulatorControl) -> None:
    sync(url, None)  # every stream
    log = emulator.requests()
    lifetime_calls = Counter((e["resource"], e["params"][e["params"]["q"]]) for e in log if is_lifetime(e))
    assert lifetime_calls == {(r, urn): 1 for r in (FOLLOWERS, PAGES, SHARES) for urn in URNS}
    calls = Counter(e["resource"] for e in standardized_calls(log))
    geo_batches = [e for e in log if e["resource"] == "geo"]
    ids = geo_ids(facet_urns(url))
    assert calls == {"geo": math.ceil(len(ids) / 100), "industries": len(INDUSTRIES) // 100 + 1,
                     "functions": 1, "seniorities": 1}
    assert sum(e["batch_size"] for e in geo_batches) == len(ids)
    assert all(e["batch_size"] <= 100 and e["status"] == 200 for e in geo_batches)


@pytest.mark.parametrize(("streams", "resources"), [
    (["follower_demographics"], (FOLLOWERS,)),
    (["page_view_demographics"], (PAGES,)),
    (["geo"], (FOLLOWERS, PAGES)),
])
def test_geo_ids_come_from_the_answers_the_selection_reads(
    url: str, emulator: EmulatorControl, streams: list[str], resources: tuple[str, ...]
) -> None:
    sync(url, streams)
    log = emulator.requests()
    read_resources = {e["resource"] for e in log if e["resource"] in (FOLLOWERS, PAGES)}
    asked = sum(e["batch_size"] for e in log if e["resource"] == "geo")
    assert read_resources == set(resources)
    assert asked == len(geo_ids(facet_urns(url, resources)))
