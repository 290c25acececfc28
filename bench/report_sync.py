"""Report sections: the `sync` scenario and everything measured of the official connector."""

from __future__ import annotations

from calls import SHARED_CALL_NOTES
from fmt import ms_date, rate, ratio, statuses, table
from measure import Run
from results import Results
from scenario_official import FULL_SYNC_HOUR, NextSync, OfficialResult, Window, time_bound_state
from scenario_sync import SyncResult
from settings import TIME_BOUND_SHARED

Goal = tuple[str, str, bool | None]
WINDOW_HEADERS = ["stream", "window start (UTC)", "window end (UTC)", "hours", "status", "emulator's message"]


def stream_table(run: Run) -> str:
    """Per stream: records, calls, calls per record, stream time and records/s; then the process totals."""
    names = list(dict.fromkeys([*run.records, *run.calls, *run.stream_s]))
    rows = [
        [
            name + (" ¹" if name in SHARED_CALL_NOTES else ""),
            f"{run.records.get(name, 0):,}",
            f"{run.calls.get(name, 0):,}",
            f"{run.calls.get(name, 0) / run.records[name]:.3f}" if run.records.get(name) else "-",
            f"{run.stream_s[name]:.2f}" if name in run.stream_s else "-",
            rate(run.records.get(name, 0), run.stream_s.get(name)),
        ]
        for name in names
    ]
    rows.append(
        [
            f"**total ({run.processes} process{'es' if run.processes > 1 else ''})**",
            f"**{run.total_records:,}**",
            f"**{run.total_calls:,}**",
            f"**{run.total_calls / max(run.total_records, 1):.3f}**",
            f"**{run.wall_s:.2f}** wall",
            f"**{rate(run.total_records, run.wall_s)}**",
        ]
    )
    usage = run.usage
    return table(["stream", "records", "API calls", "calls/record", "stream time s", "records/s"], rows) + (
        f"\n\nPeak RSS **{usage.maxrss_mib:.0f} MiB**; CPU {usage.user_s:.2f} s user + {usage.sys_s:.2f} s system; "
        f"HTTP statuses {statuses(run.statuses)}." + (f" ERRORS: {run.errors}" if run.errors else "")
    )


def sync_sections(results: Results) -> list[str]:
    out: list[str] = []
    for entry in results.sync:
        out += [
            f"### {entry.key}: our connector, all streams ({entry.sizes.label} posts), default workers",
            "",
            stream_table(entry.ours_all),
            "",
        ]
    return out


def comparison_row(entry: SyncResult) -> list[str]:
    ours, theirs = entry.ours_shared, entry.official
    assert theirs is not None
    pair = [(ours.total_calls, theirs.total_calls), (ours.total_records, theirs.total_records)]
    return [
        entry.key,
        *(f"{a:,} / {b:,}" for a, b in pair),
        f"{rate(ours.total_records, ours.wall_s)} / {rate(theirs.total_records, theirs.wall_s)}",
        ratio(ours.total_records / ours.wall_s, theirs.total_records / theirs.wall_s) if theirs.wall_s else "-",
        ratio(ours.total_records / ours.sync_s, theirs.total_records / theirs.sync_s)
        if ours.sync_s and theirs.sync_s
        else "-",
        f"{ours.wall_s:.2f} / {theirs.wall_s:.2f}",
        f"{ours.usage.cpu_s:.2f} / {theirs.usage.cpu_s:.2f}",
        f"{ours.usage.maxrss_mib:.0f} / {theirs.usage.maxrss_mib:.0f}",
        "; ".join(theirs.errors[-1:]) or "none",
    ]


COMPARISON_HEADERS = [
    "run",
    "API calls",
    "records",
    "records/s (process wall)",
    "records/s ratio",
    "ratio without start-up ²",
    "wall s",
    "CPU s",
    "peak RSS MiB",
    "official's errors",
]


def comparison_intro(results: Results) -> str:
    release = results.official.release if results.official else "1.0.17 (PyPI package, airbyte-cdk 0.80)"
    return (
        f"Official {release}, its manifest edited in memory (bench/manifest_patch.py): emulator URLs, "
        f"`LinkedIn-Version: {results.official_version or '?'}` (the emulator's newest active version) instead "
        "of the sunset one, the `networkSizes` path key percent-encoded. Same organizations and `start_date`, "
        "one sync each; the official reads one `org_id` per process, so it runs once per organization, one "
        "after the other (wall and CPU summed, memory the largest). Ours / official:"
    )


def comparison(results: Results) -> tuple[list[str], list[Goal]]:
    entries = [e for e in results.sync if e.official is not None]
    if not entries:
        return [], []
    out = [
        "### (b) With an active version: the six shared streams, ours vs the official",
        "",
        comparison_intro(results),
        "",
        table(COMPARISON_HEADERS, [comparison_row(e) for e in entries]),
        "",
        "² records ÷ (first stream STARTED → last COMPLETE), which leaves out process start-up and imports.",
        "",
    ]
    for entry in entries:
        assert entry.official is not None
        out += [
            f"<details><summary>{entry.key}: per stream, ours (six streams) and the official</summary>",
            "",
            stream_table(entry.ours_shared),
            "",
            stream_table(entry.official),
            "",
            "</details>",
            "",
        ]
    goals: list[Goal] = [
        (
            f"{e.key}: time-bound calls, ours vs official (measured)",
            f"{time_bound_calls(e.ours_shared)} vs {time_bound_calls(e.official)}",
            None,
        )
        for e in entries
        if e.official is not None
    ]
    return out, goals


def time_bound_calls(run: Run) -> int:
    return sum(run.calls.get(name, 0) for name in TIME_BOUND_SHARED)


def window_rows(windows: list[Window]) -> list[list[str]]:
    return [
        [
            w.stream,
            ms_date(w.start_ms),
            ms_date(w.end_ms),
            f"{w.hours:.2f}" if w.hours is not None else "-",
            str(w.status),
            w.message or "",
        ]
        for w in windows
    ]


def next_sync_lines(sync: NextSync) -> list[str]:
    run = sync.run
    outcome = f"it ends with the error `{run.errors[-1][:300]}`" if run.errors else "no error"
    return [
        f"**{sync.label}** (clock +{sync.advance_ms / 3_600_000:.2f} h, from the state {sync.state_in}): "
        f"{run.total_calls} calls, statuses {statuses(run.statuses)}, time-bound records "
        f"{ {n: run.records.get(n, 0) for n in TIME_BOUND_SHARED} }, state after {sync.state_out}; {outcome}.",
        "",
        table(WINDOW_HEADERS, window_rows(sync.windows)),
        "",
    ]


def shipped_section(result: OfficialResult) -> list[str]:
    shipped = result.shipped
    assert shipped is not None
    last = (shipped.errors or ["none"])[-1][:400]
    return [
        "### (a) As shipped",
        "",
        f"Official {result.release}, only its two LinkedIn URLs pointed at the emulator; it sends its hard-coded "
        f"`LinkedIn-Version: {result.shipped_version}`. {shipped.total_calls} calls, HTTP statuses "
        f"{statuses(shipped.statuses)}, {shipped.total_records} records; it ends with {len(shipped.errors)} error "
        f"trace(s), the last: `{last}`",
        "",
    ]


def next_sync_section(result: OfficialResult) -> list[str]:
    assert result.full is not None
    out = [
        "### (c) Its next incremental sync",
        "",
        f"A full sync with an active version at {FULL_SYNC_HOUR}:00 UTC (the emulator's clock and the connector's, "
        "bench/clockshift, set alike), then both clocks moved on, and the incremental sync run from the state of "
        "the full sync. Windows are the "
        "`timeIntervals` the connector sent (request log); status is the emulator's answer; a refused call is "
        "made again right after the sync to read the emulator's message.",
        "",
        f"Full sync: its windows below; time-bound state after it {time_bound_state(result.full)}.",
        "",
        table(WINDOW_HEADERS, window_rows(result.full_windows)),
        "",
    ]
    for sync in result.next_syncs:
        out += next_sync_lines(sync)
    return out


def official_sections(results: Results) -> tuple[list[str], list[Goal]]:
    """(a) as shipped, (b) with an active version side by side with ours, (c) its next incremental syncs."""
    result = results.official
    compared, goals = comparison(results)
    if result is None:
        return ["The official connector's (a) and (c) were not run.", "", *compared], goals
    shipped = result.shipped
    assert shipped is not None
    goals = [
        ("official as shipped: calls and answers", f"{shipped.total_calls} calls, {statuses(shipped.statuses)}", None),
        *goals,
    ]
    goals += [
        (
            f"official incremental sync, {s.label}: time-bound windows answered",
            ", ".join(f"{w.hours or 0:.1f} h: {w.status}" for w in s.windows) or "no call",
            None,
        )
        for s in result.next_syncs
    ]
    return [*shipped_section(result), *compared, *next_sync_section(result)], goals
