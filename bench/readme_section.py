"""bench/README-section.md: the README "Performance" text, quoting only numbers this run measured."""

from __future__ import annotations

import os
from pathlib import Path

from fmt import rate
from results import Results
from scenario_next_day import TARGET_PER_1000
from scenario_official import OfficialResult
from settings import TIME_BOUND_SHARED


def official_rows(official: OfficialResult | None) -> list[str]:
    if official is None or official.shipped is None:
        return []
    shipped = official.shipped
    rows = [
        f"| official as shipped (1.0.17 sends `LinkedIn-Version: {official.shipped_version}`) | - | "
        f"{shipped.total_calls} calls, statuses {dict(shipped.statuses)}, {shipped.total_records} records |"
    ]
    for sync in official.next_syncs:
        windows = ", ".join(f"{w.hours:.1f} h → {w.status}" for w in sync.windows if w.hours is not None)
        records = sum(sync.run.records.get(n, 0) for n in TIME_BOUND_SHARED)
        rows.append(
            f"| official incremental sync, {sync.label}: time-bound windows asked | - | {windows or 'none'}; "
            f"{records} time-bound records |"
        )
    return rows


def sync_rows(results: Results) -> list[str]:
    rows = []
    for entry in results.sync:
        ours, theirs = entry.ours_shared, entry.official
        if theirs is None:
            continue
        rows.append(
            f"| six shared streams, {entry.key} ({entry.sizes.label} posts): calls, records, records/s "
            f"(process wall) | {ours.total_calls}, {ours.total_records:,}, {rate(ours.total_records, ours.wall_s)} "
            f"| {theirs.total_calls}, {theirs.total_records:,}, {rate(theirs.total_records, theirs.wall_s)} |"
        )
    for entry in results.sync:
        run = entry.ours_all
        rows.append(
            f"| all 14 streams, {entry.key} ({entry.sizes.label} posts) | {run.total_records:,} records, "
            f"{run.total_calls:,} calls, {run.wall_s:.0f} s, {run.usage.maxrss_mib:.0f} MiB | - |"
        )
    return rows


def daily_rows(results: Results) -> list[str]:
    rows = []
    for series in results.next_day:
        if series.days:
            day = series.days[0]
            met = f" (target ≤ {TARGET_PER_1000}: {'met' if day.per_1000 <= TARGET_PER_1000 else 'not met'})"
            rows.append(
                f"| next-day incremental sync, {series.sizes.label} posts, {series.variant} | "
                f"{day.per_1000:.0f} calls per 1,000 posts{met if series.activity is None else ''} | - |"
            )
    return rows


def perf_rows(results: Results) -> list[str]:
    rows = []
    if results.backfill:
        b = results.backfill
        run = next((r for r in b.runs if r.default), b.runs[0])
        rows.append(
            f"| full backfill, {b.sizes.label} posts, all 14 streams, {b.latency_ms} ms per call, "
            f"{run.workers} workers | {run.run.wall_s:.1f} s for {run.run.total_calls:,} calls: utilisation "
            f"{run.utilisation(run.run.wall_s):.2f} (target ≥ 0.80) | - |"
        )
    cpu = results.cpu
    if cpu and cpu.records and cpu.calls:
        rows.append(
            f"| CPU: records per CPU-second on `video_analytics`, ours vs a trivial CDK source | "
            f"{cpu.records.work / cpu.records.ours_cpu(False):,.0f} vs "
            f"{cpu.records.work / cpu.records.floor_cpu(False):,.0f} ({cpu.records_ratio(False):.0%}; target "
            "≥ 50 %) | - |"
        )
        rows.append(
            f"| CPU per call on `reactions`, ours vs a bare `requests` loop | "
            f"{cpu.calls.ours_cpu(False) * 1000 / cpu.calls.work:.2f} vs "
            f"{cpu.calls.floor_cpu(False) * 1000 / max(cpu.calls.floor.total_calls, 1):.2f} ms "
            f"({cpu.calls_ratio(False):.2f}x; target ≤ 1.5x) | - |"
        )
    by = {s.label: s for s in results.startup}
    if "spec" in by and "import-cdk" in by:
        rows.append(
            f"| `spec` start-up: wall (of which `import airbyte_cdk.entrypoint`) | {by['spec'].wall_s:.2f} s "
            f"({by['import-cdk'].wall_s:.2f} s) | - |"
        )
    return rows


def render(results: Results, results_md: Path) -> str:
    cores = os.cpu_count()
    link = (
        "bench/results.md" if results_md.name == "results.md" and results_md.parent.name == "bench" else str(results_md)
    )
    return "\n".join(
        [
            "## Performance",
            "",
            "```bash",
            f"make bench   # about {results.bench_s / 60:.0f} minutes on {cores} cores: ours and the official "
            "connector against the emulator",
            "```",
            "",
            "`make bench` (`bench/run.py`; `--help` for the options, `--quick` for a two-minute smoke run) runs the "
            "installed connector against the project's LinkedIn emulator next to the official connector's last PyPI "
            "release (1.0.17, in its own Python 3.10 venv): full syncs, the official as shipped and with an active "
            "version, tomorrow's incremental sync (the emulator's clock moved one day), a backfill at 100 ms per call, "
            "CPU next to a trivial CDK source and a bare `requests` loop, and start-up times. Everything lands in "
            f"[{link}]({link}), with a chart.",
            "",
            f"Measured by `{results.command}` on {results.generated}, {cores} cores, one run each (numbers from that "
            "run only):",
            "",
            "| | ours | official |",
            "| --- | --- | --- |",
            *official_rows(results.official),
            *sync_rows(results),
            *daily_rows(results),
            *perf_rows(results),
            "",
            "The official releases 1.1.x are manifest-only (not on PyPI); this run measured 1.0.17. Its time-bound "
            "streams read one window per sync (one call per stream), as 1.1.18-1.1.26 do: the same "
            "`DatetimeBasedCursor` without `step`.",
            "",
        ]
    )


def write(results: Results, path: Path, results_md: Path) -> None:
    path.write_text(render(results, results_md))
