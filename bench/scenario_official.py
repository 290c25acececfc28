"""`official`: the official connector (a) as shipped and (c) on its next daily incremental sync."""

# (a) as shipped: only the URLs point at the emulator; its hard-coded LinkedIn-Version stays.
# (c) a full sync with an active version at 10:00 UTC (emulator and connector clocks set alike), then
# the clock moved on and
# the incremental sync from the state of the first: 24 h later (the next daily sync) and 1 h later
# (a second sync the same day).
# Records what the emulator answered and the windows the connector asked for (request-log params).

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from calls import call_stream, is_time_bound
from emulator import Emulator
from fmt import statuses
from harness import Harness
from measure import Run
from official import OfficialConnector
from scenarios import Plan
from settings import DAY_MS, TOKEN, log, org_ids

# From the state of the full sync: the next daily sync, and a second sync on the same day (a manual
# re-run, or a schedule more frequent than daily). The full sync runs at FULL_SYNC_HOUR UTC on both
# clocks, so the windows do not depend on when the benchmark runs.
ADVANCES = [("next day, 24 h later", DAY_MS), ("same day, 1 h later", 3_600_000)]
FULL_SYNC_HOUR = 10


def full_sync_time(now_ms: int) -> int:
    """The first FULL_SYNC_HOUR:00 UTC after now (epoch ms)."""
    at = now_ms - now_ms % DAY_MS + FULL_SYNC_HOUR * 3_600_000
    return at if at > now_ms else at + DAY_MS


@dataclass
class Window:
    """One time-bound call: the window asked for and LinkedIn's (the emulator's) answer."""

    stream: str
    start_ms: int | None
    end_ms: int | None
    status: int | None
    message: str = ""  # the emulator's error message, from the same call made again right after the sync

    @property
    def hours(self) -> float | None:
        return (self.end_ms - self.start_ms) / 3_600_000 if self.start_ms and self.end_ms else None


@dataclass
class NextSync:
    label: str
    advance_ms: int
    run: Run
    windows: list[Window]
    state_in: dict[str, Any]
    state_out: dict[str, Any]


@dataclass
class OfficialResult:
    release: str
    shipped: Run | None = None
    shipped_version: str = ""
    full: Run | None = None
    full_windows: list[Window] = field(default_factory=list)
    next_syncs: list[NextSync] = field(default_factory=list)


def window_param(params: dict[str, Any], name: str) -> int | None:
    """`start`/`end` of timeIntervals, in the Rest.li 2.0 structure or the 1.0 dotted form."""
    nested = params.get("timeIntervals")
    if isinstance(nested, dict) and isinstance(nested.get("timeRange"), dict):
        value = nested["timeRange"].get(name)
    else:
        value = params.get(f"timeIntervals.timeRange.{name}")
    return int(value) if value not in (None, "") and str(value).isdigit() else None


def refused_message(emulator: Emulator, entry: dict[str, Any]) -> str:
    """The emulator's answer to a refused call, asked again with the same path, query and headers."""
    headers = {
        k: v
        for k, v in (entry.get("headers") or {}).items()
        if v and k in ("LinkedIn-Version", "X-Restli-Protocol-Version")
    }
    query = entry.get("query") or ""
    response = requests.get(
        f"{emulator.url}{entry['path']}" + (f"?{query}" if query else ""),
        headers={**headers, "Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    try:
        return str(response.json().get("message", ""))[:200]
    except ValueError:
        return response.text[:200]


def windows(run: Run, emulator: Emulator) -> list[Window]:
    """Every time-bound call of the run: its window, status, and for a refusal the emulator's message."""
    found = []
    for entry in run.entries:
        if not is_time_bound(entry):
            continue
        params = entry.get("params") or {}
        status = entry.get("status")
        message = refused_message(emulator, entry) if status and status >= 400 else ""
        found.append(
            Window(call_stream(entry), window_param(params, "start"), window_param(params, "end"), status, message)
        )
    return found


def time_bound_state(run: Run) -> dict[str, Any]:
    return {
        s["stream"]["stream_descriptor"]["name"]: s["stream"].get("stream_state")
        for s in run.states
        if s.get("type") == "STREAM" and "time_bound" in s["stream"]["stream_descriptor"]["name"]
    }


def as_shipped(official: OfficialConnector, emulator: Emulator, harness: Harness, org: str) -> Run:
    log("official (a): as shipped — its hard-coded LinkedIn-Version, only the URLs point at the emulator")
    run = official.read("official-as-shipped", emulator, [org], harness.start_date, mode="as-shipped", keep_log=True)
    log(
        f"official (a): {run.total_calls} calls, statuses {statuses(run.statuses)}, "
        f"{run.total_records} records; last error: {(run.errors or ['none'])[-1][:160]}"
    )
    return run


def next_sync(
    official: OfficialConnector, emulator: Emulator, harness: Harness, org: str, full: Run, label: str, advance_ms: int
) -> NextSync:
    emulator.reset()
    clock = emulator.set_clock(full_sync_time(emulator.clock()["now_ms"]) + advance_ms)
    run = official.read(
        f"official-next-{advance_ms}",
        emulator,
        [org],
        harness.start_date,
        states=full.states,
        clock_offset_ms=clock["offset_ms"],
        keep_log=True,
    )
    asked = windows(run, emulator)
    log(
        f"official (c) {label}: "
        + "; ".join(f"{w.stream} [{w.start_ms}, {w.end_ms}) = {w.hours or 0:.2f} h → {w.status}" for w in asked)
    )
    return NextSync(label, advance_ms, run, asked, time_bound_state(full), time_bound_state(run))


def run(harness: Harness, plan: Plan) -> OfficialResult | None:
    official = harness.official
    if official is None:
        return None
    result = OfficialResult(official.release)
    org = org_ids(1)[0]
    log(f"official: starting the emulator ({plan.official_sizes.label}), release {official.release}")
    with Emulator(plan.official_sizes) as emulator:
        result.shipped = as_shipped(official, emulator, harness, org)
        result.shipped_version = sorted({e["headers"].get("LinkedIn-Version") or "" for e in result.shipped.entries})[0]
        log("official (c): full sync with an active version (the state the next day starts from)")
        emulator.reset()
        clock = emulator.set_clock(full_sync_time(emulator.clock()["now_ms"]))
        result.full = official.read(
            "official-full", emulator, [org], harness.start_date, clock_offset_ms=clock["offset_ms"], keep_log=True
        )
        result.full_windows = windows(result.full, emulator)
        log(f"official (c): state after the full sync: {time_bound_state(result.full)}")
        result.next_syncs = [
            next_sync(official, emulator, harness, org, result.full, label, advance) for label, advance in ADVANCES
        ]
    return result
