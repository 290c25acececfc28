"""bench/README-section.md: the README "Performance" text, quoting only numbers this run measured."""

from __future__ import annotations

import os
from pathlib import Path

from fmt import rate, ratio, statuses
from report_engagement import per_cpu, per_wall
from results import Results
from scenario_engagement import ALL
from scenario_next_day import TARGET_PER_1000
from scenario_official import NextSync, OfficialResult
from settings import TIME_BOUND_SHARED


def next_sync_row(sync: NextSync) -> str:
    asked = ", ".join(f"{w.hours:.1f} h → {w.status}" for w in sync.windows if w.hours is not None)
    messages = sorted({w.message for w in sync.windows if w.message})
    records = sum(sync.run.records.get(n, 0) for n in TIME_BOUND_SHARED)
    said = f" (`{messages[0]}`)" if messages else ""
    ended = "; the sync ends with an error" if sync.run.errors else ""
    return (
        f"| its incremental sync {sync.label}: the time-bound windows it asks for | - | {asked or 'none'}{said}; "
        f"{records} time-bound records{ended} |"
    )


def official_rows(official: OfficialResult | None) -> list[str]:
    if official is None or official.shipped is None:
        return []
    shipped = official.shipped
    rows = [
        f"| official as shipped (sends `LinkedIn-Version: {official.shipped_version}`) | - | "
        f"{shipped.total_calls} calls: {statuses(shipped.statuses)}; {shipped.total_records} records |"
    ]
    return rows + [next_sync_row(sync) for sync in official.next_syncs]


def sync_rows(results: Results) -> list[str]:
    rows = []
    for entry in results.sync:
        ours, theirs = entry.ours_shared, entry.official
        if theirs is not None:
            rows.append(
                f"| six shared streams, {entry.key} ({entry.sizes.label} posts): calls, records, records/s "
                f"(process wall) | {ours.total_calls}, {ours.total_records:,}, "
                f"{rate(ours.total_records, ours.wall_s)} | {theirs.total_calls}, {theirs.total_records:,}, "
                f"{rate(theirs.total_records, theirs.wall_s)} |"
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


def backfill_rows(results: Results) -> list[str]:
    if not results.backfill:
        return []
    b = results.backfill
    run = next((r for r in b.runs if r.default), b.runs[0])
    return [
        f"| full backfill, {b.sizes.label} posts, all 14 streams, {b.latency_ms} ms per call, {run.workers} "
        f"workers | {run.run.wall_s:.1f} s for {run.run.total_calls:,} calls: utilisation "
        f"{run.utilisation(run.run.wall_s):.2f} (target ≥ 0.80) | - |"
    ]


def cpu_rows(results: Results) -> list[str]:
    cpu = results.cpu
    if not (cpu and cpu.records and cpu.calls):
        return []
    rec, calls = cpu.records, cpu.calls
    return [
        f"| CPU: records per CPU-second on `video_analytics`, ours vs a trivial CDK source | "
        f"{rec.work / rec.ours_cpu(False):,.0f} vs {rec.work / rec.floor_cpu(False):,.0f} "
        f"({cpu.records_ratio(False):.0%}; target ≥ 50%) | - |",
        f"| CPU per call on `reactions`, ours vs a bare `requests` loop | "
        f"{calls.ours_cpu(False) * 1000 / calls.work:.2f} vs "
        f"{calls.floor_cpu(False) * 1000 / max(calls.floor.total_calls, 1):.2f} ms "
        f"({cpu.calls_ratio(False):.2f}x; target ≤ 1.5x) | - |",
    ]


def engagement_rows(results: Results) -> list[str]:
    result = results.engagement
    if result is None:
        return []
    new = result.now.runs[ALL]
    what = (
        f"| engagement streams (comments, reactions, video_analytics) in one first sync, {result.sizes.label} posts: "
        "records/s and records per CPU-second"
    )
    if result.before is None:
        missing = f'(no "before": {result.before_ref} not exported)'
        return [f"{what} {missing} | {per_wall(new):,.0f}, {per_cpu(new):,.0f} | - |"]
    old = result.before.runs[ALL]
    return [
        f"{what}, before the per-partition cursor (`{result.before_ref}`) → now | "
        f"{per_wall(old):,.0f} → {per_wall(new):,.0f} ({ratio(per_wall(new), per_wall(old))}); "
        f"{per_cpu(old):,.0f} → {per_cpu(new):,.0f} ({ratio(per_cpu(new), per_cpu(old))}) | - |"
    ]


def startup_rows(results: Results) -> list[str]:
    by = {s.label: s for s in results.startup}
    if "spec" not in by or "import-cdk" not in by:
        return []
    return [
        f'| `spec` start-up, wall (and `python -c "import airbyte_cdk.entrypoint"` alone) | '
        f"{by['spec'].wall_s:.2f} s ({by['import-cdk'].wall_s:.2f} s) | - |"
    ]


def intro(results: Results, link: str) -> list[str]:
    return [
        "## Performance",
        "",
        "```bash",
        "make bench   # ours and the official connector against the emulator; BENCH_ARGS=--quick: 2-minute smoke run",
        "```",
        "",
        "`make bench` (`bench/run.py --help` lists the options) runs the installed connector against the "
        "project's LinkedIn emulator next to the official connector's last PyPI release (1.0.17, in its own "
        "Python 3.10 venv): full syncs; the official as shipped, with an active version, and on its next "
        "incremental syncs; tomorrow's incremental sync of ours (the emulator's clock moved one day); a backfill "
        "at 100 ms per call; CPU next to a trivial CDK source and a bare `requests` loop; the engagement streams' "
        "records/s against the connector before the per-partition cursor (same CDK); start-up times. "
        f"Everything lands in [{link}]({link}), with a chart.",
        "",
    ]


def render(results: Results, results_md: Path) -> str:
    in_bench = results_md.name == "results.md" and results_md.parent.name == "bench"
    link = "bench/results.md" if in_bench else str(results_md)
    rows = [
        *official_rows(results.official),
        *sync_rows(results),
        *daily_rows(results),
        *backfill_rows(results),
        *cpu_rows(results),
        *engagement_rows(results),
        *startup_rows(results),
    ]
    return "\n".join(
        [
            *intro(results, link),
            f"Measured by `{results.command}` on {results.generated} ({os.cpu_count()} cores; the run took "
            f"{results.bench_s / 60:.1f} min), one run each; the numbers are that run's:",
            "",
            *(
                []
                if results.default_plan
                else [
                    "> Not `make bench`'s plan (sizes or scenarios chosen on the command "
                    "line): `make bench` regenerates this text.",
                    "",
                ]
            ),
            "| | ours | official |",
            "| --- | --- | --- |",
            *rows,
            "",
            "Releases 1.1.x of the official connector are manifest-only (not on PyPI), so this run measured 1.0.17; "
            "their manifests (read, not run) have the same time-bound cursor, a `DatetimeBasedCursor` without `step`: "
            "one window, one call per stream and sync.",
            "",
        ]
    )


def write(results: Results, path: Path, results_md: Path) -> None:
    path.write_text(render(results, results_md))
