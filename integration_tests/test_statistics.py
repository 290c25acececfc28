"""Statistics streams against the emulator: one call per organization and year, incremental state, clamping, MONTH."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest

from integration_tests.harness import (
    assert_valid_and_unique,
    discover_catalog,
    final_states,
    make_config,
    read,
    records_by_stream,
    state_of,
    stream_state_message,
)

ORG1, ORG2 = 2414183, 2415183
URN1, URN2 = f"urn:li:organization:{ORG1}", f"urn:li:organization:{ORG2}"
ORGS = [str(ORG1), str(ORG2)]
# stream → (organization field, LinkedIn resource)
TIME_BOUND = {
    "follower_statistics_time_bound": ("organizationalEntity", "organizationalEntityFollowerStatistics"),
    "share_statistics_time_bound": ("organizationalEntity", "organizationalEntityShareStatistics"),
    "page_statistics_time_bound": ("organization", "organizationPageStatistics"),
}
LIFETIME = {
    "follower_statistics": ("organizationalEntity", "organizationalEntityFollowerStatistics"),
    "share_statistics": ("organizationalEntity", "organizationalEntityShareStatistics"),
    "page_statistics": ("organization", "organizationPageStatistics"),
}
DAY_MS = 86_400_000


# Expected dates, computed here with `datetime.date` (independently of the connector's windows.py).
def today() -> date:
    return datetime.now(UTC).date()


def ms(day: date) -> int:
    return calendar.timegm(day.timetuple()) * 1000


def as_date(value: int) -> date:
    return datetime.fromtimestamp(value / 1000, tz=UTC).date()


def year_before(day: date) -> date:
    """The same day a year earlier (Feb 29 → Feb 28): the oldest day LinkedIn serves."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def first_served_day() -> date:
    return year_before(today())


def newest_end() -> date:
    return today() - timedelta(days=2)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def time_bound_calls(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry for entry in log if (entry.get("params") or {}).get("timeIntervals")]


def window_of(entry: Mapping[str, Any]) -> tuple[int, int, str]:
    intervals = entry["params"]["timeIntervals"]
    return int(intervals["timeRange"]["start"]), int(intervals["timeRange"]["end"]), intervals["timeGranularityType"]


def organization_of(entry: Mapping[str, Any]) -> str:
    params = entry["params"]
    return params.get("organizationalEntity") or params["organization"]


def calls_per_resource_and_org(log: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for entry in time_bound_calls(log):
        counts[(entry["resource"], organization_of(entry))] += 1
    return dict(counts)


def numeric_leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from numeric_leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, value


def undeclared(schema: Mapping[str, Any], value: Any, path: str = "") -> Iterator[str]:
    """Paths in `value` that the (ref-resolved) schema does not declare: a schema must type every field."""
    if isinstance(value, Mapping):
        properties = schema.get("properties") or {}
        for key, item in value.items():
            if key not in properties:
                yield f"{path}.{key}" if path else key
            else:
                yield from undeclared(properties[key], item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from undeclared(schema.get("items") or {}, item, f"{path}[]")


def cursors_of(states: list[dict[str, Any]], stream: str) -> dict[str, int]:
    """Organization URN → saved `timeRangeEnd` in a stream's per-partition state."""
    entries = state_of(states, stream)["states"]
    return {item["partition"]["organization"]: item["cursor"]["timeRangeEnd"] for item in entries}


def warnings_of(output: Any) -> list[str]:
    return [m.log.message for m in output.logs if m.log.level.value in ("WARN", "WARNING")]


def test_first_sync_reads_every_statistics_stream_for_two_organizations(url, emulator):
    config = make_config(url, org_ids=ORGS)
    output = read(config, [*LIFETIME, *TIME_BOUND])
    assert not output.errors, output.errors
    grouped = records_by_stream(output)
    assert_valid_and_unique(config, grouped)
    catalog = discover_catalog(config)
    for stream, records in grouped.items():
        missing = {path for record in records for path in undeclared(catalog[stream].json_schema, record)}
        assert not missing, (stream, sorted(missing))
    for stream, (field, _) in LIFETIME.items():
        assert sorted(r[field] for r in grouped[stream]) == [URN1, URN2], stream
    first, end = ms(first_served_day()), ms(newest_end())
    days = (newest_end() - first_served_day()).days
    for stream, (field, _) in TIME_BOUND.items():
        for urn in (URN1, URN2):
            records = sorted((r for r in grouped[stream] if r[field] == urn), key=lambda r: r["timeRangeStart"])
            # A whole year of whole days, contiguous, from the oldest day served to today - 2 days.
            assert len(records) == days, (stream, urn)
            assert records[0]["timeRangeStart"] == first and records[-1]["timeRangeEnd"] == end
            for before, after in pairwise(records):
                assert before["timeRangeEnd"] == after["timeRangeStart"]
            for record in records:
                assert record["timeRangeEnd"] - record["timeRangeStart"] == DAY_MS
                assert (record["timeRangeStart"], record["timeRangeEnd"]) == (
                    record["timeRange"]["start"],
                    record["timeRange"]["end"],
                )
        assert cursors_of(final_states(output), stream) == {URN1: end, URN2: end}, stream
    log = emulator.requests()
    assert all(entry["status"] == 200 for entry in log)
    # One call per time-bound stream per organization for the whole year; one lifetime call each too.
    counts = calls_per_resource_and_org(log)
    assert counts == {(resource, urn): 1 for _, resource in TIME_BOUND.values() for urn in (URN1, URN2)}
    lifetime_calls = [e for e in log if e["resource"] in {r for _, r in LIFETIME.values()} and e not in
                      time_bound_calls(log)]
    assert len(lifetime_calls) == 2 * len(LIFETIME)
    assert not warnings_of(output)  # no start_date: nothing was clamped


@pytest.mark.parametrize("granularity", ["DAY", "MONTH"])
@pytest.mark.parametrize("lookback", [0, 3, 10])
def test_second_sync_rereads_only_the_lookback(url, emulator, granularity, lookback):
    config = make_config(url, org_ids=ORGS, lookback_window_days=lookback, time_granularity_type=granularity)
    first = read(config, list(TIME_BOUND))
    assert not first.errors
    states = final_states(first)
    emulator.clear_requests()
    second = read(config, list(TIME_BOUND), state=states)
    assert not second.errors, second.errors
    grouped = records_by_stream(second)
    log = emulator.requests()
    assert_valid_and_unique(config, grouped)
    for stream, (field, resource) in TIME_BOUND.items():
        cursors = cursors_of(states, stream)
        assert set(cursors) == {URN1, URN2}
        for urn, cursor in cursors.items():
            reread_from = cursor - lookback * DAY_MS
            records = [r for r in grouped.get(stream, []) if r[field] == urn]
            calls = [e for e in time_bound_calls(log) if e["resource"] == resource and organization_of(e) == urn]
            # Every re-read bucket overlaps the lookback days; nothing older comes back.
            assert all(r["timeRangeEnd"] > reread_from for r in records), (stream, urn)
            if granularity == "DAY":
                assert all(r["timeRangeStart"] >= reread_from for r in records)
                assert len(records) == lookback
                assert [window_of(e)[0] for e in calls] == ([reread_from] if lookback else [])
            else:
                # Whole months only: the month holding the first lookback day, if it is not the running one.
                month = as_date(reread_from).replace(day=1)
                expected = [ms(month)] if ms(month) < cursor else []
                assert [window_of(e)[0] for e in calls] == expected
                assert [r["timeRangeStart"] for r in records] == expected
        # The state survives, and an empty re-read keeps it.
        assert cursors_of(final_states(second), stream) == cursors
    assert len(time_bound_calls(log)) <= len(TIME_BOUND) * 2


@pytest.mark.parametrize("granularity", ["DAY", "MONTH"])
def test_old_start_date_is_clamped_with_one_warning(url, emulator, granularity):
    two_years_back = today().replace(year=today().year - 2, day=1)
    config = make_config(url, org_ids=ORGS, start_date=two_years_back.isoformat(), time_granularity_type=granularity)
    output = read(config, list(TIME_BOUND))
    assert not output.errors, output.errors
    warnings = [text for text in warnings_of(output) if "start_date" in text]
    assert len(warnings) == 1, warnings_of(output)
    assert two_years_back.isoformat() in warnings[0] and "12 months" in warnings[0]
    oldest_served = first_served_day()
    expected_start = oldest_served if granularity == "DAY" or oldest_served.day == 1 else next_month(oldest_served)
    assert expected_start.isoformat() in warnings[0]  # says what it reads instead
    calls = time_bound_calls(emulator.requests())
    assert len(calls) == len(TIME_BOUND) * 2
    assert {window_of(e)[0] for e in calls} == {ms(expected_start)}
    assert min(m.record.data["timeRangeStart"] for m in output.records) == ms(expected_start)


def test_month_totals_equal_day_totals_over_the_same_months(url, emulator):
    config_day = make_config(url, org_ids=ORGS, time_granularity_type="DAY")
    config_month = make_config(url, org_ids=ORGS, time_granularity_type="MONTH")
    by_day = records_by_stream(read(config_day, list(TIME_BOUND)))
    emulator.clear_requests()
    month_output = read(config_month, list(TIME_BOUND))
    assert not month_output.errors
    by_month = records_by_stream(month_output)
    assert_valid_and_unique(config_month, by_month)
    calls = time_bound_calls(emulator.requests())
    assert len(calls) == len(TIME_BOUND) * 2 and {window_of(e)[2] for e in calls} == {"MONTH"}
    compared = 0
    for stream, (field, _) in TIME_BOUND.items():
        for urn in (URN1, URN2):
            months = sorted((r for r in by_month[stream] if r[field] == urn), key=lambda r: r["timeRangeStart"])
            assert len(months) >= 10  # a year holds at least 10 whole calendar months LinkedIn serves
            for record in months:
                start, end = as_date(record["timeRangeStart"]), as_date(record["timeRangeEnd"])
                assert start.day == 1 and end == next_month(start), "only whole calendar months"
                days = [r for r in by_day[stream]
                        if r[field] == urn and record["timeRangeStart"] <= r["timeRangeStart"] < record["timeRangeEnd"]]
                assert len(days) == (end - start).days
                month_values = dict(numeric_leaves(record))
                for path, value in month_values.items():
                    # Ratios (engagement) and unique counts do not add up over days; ids and times are not totals.
                    if "unique" in path.lower() or "engagement" in path or path.startswith("timeRange"):
                        continue
                    assert value == sum(dict(numeric_leaves(d)).get(path, 0) for d in days), (stream, path)
                    compared += 1
            assert months[-1]["timeRangeEnd"] <= ms(newest_end())
    assert compared > 0


@pytest.mark.parametrize("stream", list(TIME_BOUND))
def test_official_connector_state_resumes_without_rereading_history(url, emulator, stream):
    cursor = ms(newest_end() - timedelta(days=20))
    config = make_config(url, org_ids=ORGS)  # default lookback: 2 days
    output = read(config, [stream], state=[stream_state_message(stream, {"timeRangeEnd": cursor})])
    assert not output.errors, output.errors
    calls = time_bound_calls(emulator.requests())
    assert sorted(organization_of(e) for e in calls) == [URN1, URN2]
    assert {window_of(e)[:2] for e in calls} == {(cursor - 2 * DAY_MS, ms(newest_end()))}
    records = [m.record.data for m in output.records]
    assert len(records) == 2 * 22 and min(r["timeRangeStart"] for r in records) == cursor - 2 * DAY_MS
    # Resumed into the per-organization format.
    assert cursors_of(final_states(output), stream) == {URN1: ms(newest_end()), URN2: ms(newest_end())}


@pytest.mark.parametrize(
    "bad_state",
    [
        {"timeRangeEnd": "2024-01-01"},
        {"timeRangeEnd": -1},
        {"states": "not a list"},
        {"states": [{"partition": {"organization": URN1}}]},
        {"states": [{"partition": {"org": URN1}, "cursor": {"timeRangeEnd": 1}}]},
        {"cursor": 5},
    ],
)
def test_malformed_state_is_a_config_error_naming_the_stream(url, emulator, bad_state):
    stream = "share_statistics_time_bound"
    output = read(make_config(url, org_ids=ORGS), [stream], state=[stream_state_message(stream, bad_state)],
                  expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error"
    assert stream in error.message
    assert not time_bound_calls(emulator.requests())


def test_state_older_than_a_year_is_clamped_with_one_warning(url, emulator):
    stale = ms(today().replace(year=today().year - 2, day=1))
    state = [stream_state_message(stream, {"timeRangeEnd": stale}) for stream in TIME_BOUND]
    output = read(make_config(url, org_ids=ORGS), list(TIME_BOUND), state=state)
    assert not output.errors, output.errors
    warnings = [text for text in warnings_of(output) if "saved state" in text]
    assert len(warnings) == 1 and "12 months" in warnings[0] and first_served_day().isoformat() in warnings[0]
    calls = time_bound_calls(emulator.requests())
    assert len(calls) == len(TIME_BOUND) * 2
    assert {window_of(e)[:2] for e in calls} == {(ms(first_served_day()), ms(newest_end()))}


# stream → (series given to the emulator, how to read the restated value from a record)
RESTATED = {
    "follower_statistics_time_bound": ("followers", lambda r: r["followerGains"]["organicFollowerGain"]),
    "share_statistics_time_bound": ("shares", lambda r: r["totalShareStatistics"]["impressionCount"]),
    "page_statistics_time_bound": ("pages", lambda r: r["totalPageStatistics"]["views"]["allPageViews"]["pageViews"]),
}


@pytest.mark.parametrize(
    ("days_ago", "reread"),
    [
        (3, True),  # the newest bucket LinkedIn serves ([today - 3 days, today - 2 days))
        (5, True),  # the oldest bucket of a 3-day lookback: cursor (today - 2 days) - 3 days
        (6, False),  # one day older than the lookback: the destination keeps the stale value
        (40, False),
    ],
)
@pytest.mark.parametrize("stream", list(RESTATED))
def test_a_restated_day_reaches_the_destination_only_within_the_lookback(url, emulator, stream, days_ago, reread):
    config = make_config(url, org_ids=ORGS, lookback_window_days=3, time_granularity_type="DAY")
    series, value_of = RESTATED[stream]
    field = TIME_BOUND[stream][0]
    first = read(config, [stream])
    assert not first.errors
    day = ms(today() - timedelta(days=days_ago))
    old = next(value_of(r) for r in records_by_stream(first)[stream] if r[field] == URN1 and r["timeRangeStart"] == day)
    restated = emulator.restate(ORG1, days_ago, series, 5)
    assert restated["timeRange"]["start"] == day and restated["after"] == restated["before"] + 5
    second = read(config, [stream], state=final_states(first))
    assert not second.errors
    records = [r for r in records_by_stream(second)[stream] if r[field] == URN1]
    assert sorted(r["timeRangeStart"] for r in records) == [ms(today() - timedelta(days=d)) for d in (5, 4, 3)]
    emitted = [value_of(r) for r in records if r["timeRangeStart"] == day]
    assert emitted == ([old + 5] if reread else [])
