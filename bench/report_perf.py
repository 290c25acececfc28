"""Report sections: the backfill's worker utilisation, CPU against the floors, start-up times."""

from __future__ import annotations

from calls import Span
from fmt import table
from results import Results
from scenario_backfill import TARGET_FACTOR, BackfillResult, BackfillRun
from scenario_cpu import CALLS_TARGET, RECORDS_TARGET, CpuResult, Pair
from scenario_startup import Startup

Goal = tuple[str, str, bool | None]
MIN_NET_SHARE = 2.0  # a net-of-start-up figure is shown only when the process used ≥ 2x its start-up CPU


def backfill_row(run: BackfillRun) -> list[str]:
    r = run.run
    busy = run.busy
    return [
        f"{run.workers}{' (default)' if run.default else ''}",
        f"{r.total_calls:,}",
        f"{r.total_records:,}",
        f"{r.wall_s:.1f}",
        f"{r.sync_s:.1f}",
        f"{run.ideal_s:.1f}",
        f"{run.utilisation(r.wall_s):.2f}",
        f"{run.utilisation(r.sync_s):.2f}",
        "yes" if run.meets(r.wall_s) else "**no**",
        f"{busy.tail_s:.1f}" if busy else "-",
        str(busy.peak) if busy else "-",
    ]


def spans_table(spans: dict[str, Span], latency_ms: int) -> str:
    ordered = sorted(spans.items(), key=lambda item: -item[1].seconds(latency_ms))
    return table(
        ["stream (calls)", "calls", "first → last call + latency, s"],
        [[name, f"{s.calls:,}", f"{s.seconds(latency_ms):.1f}"] for name, s in ordered],
    )


BACKFILL_HEADERS = [
    "workers",
    "calls",
    "records",
    "wall s",
    "sync s ³",
    "ideal s",
    "utilisation (wall)",
    "utilisation (sync)",
    "target met",
    "tail s",
    "peak in flight",
]


def backfill_intro(result: BackfillResult) -> str:
    return (
        f"Emulator {result.sizes.label} posts, {result.latency_ms} ms added to every call, all 14 streams, a "
        "first (full) sync. Ideal = calls x latency ÷ workers; utilisation = ideal ÷ wall; target wall ≤ "
        f"{TARGET_FACTOR} x ideal (utilisation ≥ {1 / TARGET_FACTOR:.2f}) on the process wall time. Tail = the "
        "final stretch with fewer than half the workers' calls in flight; both from the request log's arrival "
        "times, each call counted as busy for one latency. The connector's thread pool has num_workers + 1 "
        "threads (one more for the partition generators), so up to workers + 1 calls can be in flight."
    )


def backfill_goals(result: BackfillResult, default: BackfillRun) -> list[Goal]:
    wall = default.run.wall_s
    goals: list[Goal] = [
        (
            f"backfill {result.sizes.label} @ {result.latency_ms} ms, {default.workers} workers: "
            f"wall ≤ {TARGET_FACTOR} x calls x latency ÷ workers",
            f"{wall:.1f} s vs {TARGET_FACTOR * default.ideal_s:.1f} s (utilisation {default.utilisation(wall):.2f})",
            default.meets(wall),
        )
    ]
    one = next((r for r in result.runs if r.workers == 1), None)
    if one and one is not default:
        goals.append(
            (
                f"backfill: {default.workers} workers vs 1, wall",
                f"{wall:.1f} s vs {one.run.wall_s:.1f} s ({wall / one.run.wall_s:.2f}x)",
                None,
            )
        )
    return goals


def backfill_sections(results: Results) -> tuple[list[str], list[Goal]]:
    result = results.backfill
    if result is None:
        return [], []
    default = next((r for r in result.runs if r.default), result.runs[0])
    out = [
        backfill_intro(result),
        "",
        table(BACKFILL_HEADERS, [backfill_row(r) for r in result.runs]),
        "",
        "³ first stream STARTED → last COMPLETE, without process start-up.",
        "",
        f"Per-stream spans, {default.workers} workers (the connector logs no per-partition timing; the longest "
        "span bounds its longest partition):",
        "",
        spans_table(default.spans, result.latency_ms),
        "",
    ]
    return out, backfill_goals(result, default)


def net_or_dash(pair: Pair, per: float, ours: bool) -> str:
    run, startup = (pair.ours, pair.ours_startup_cpu_s) if ours else (pair.floor, pair.floor_startup_cpu_s)
    if run.usage.cpu_s < MIN_NET_SHARE * startup:
        return "-"
    return f"{per / (run.usage.cpu_s - startup):,.0f}" if per else "-"


def cpu_rows(result: CpuResult) -> list[list[str]]:
    rows = []
    rec = result.records
    if rec is not None:
        rows.append(
            [
                f"(a) records per CPU-second, `{rec.stream}` ({rec.work:,} records)",
                f"{rec.work / rec.ours_cpu(False):,.0f}",
                f"{rec.work / rec.floor_cpu(False):,.0f} (trivial source)",
                f"{result.records_ratio(False):.0%}",
                net_or_dash(rec, rec.work, True),
                net_or_dash(rec, rec.work, False),
                f"≥ {RECORDS_TARGET:.0%}",
            ]
        )
    calls = result.calls
    if calls is not None:
        bare_calls = max(calls.floor.total_calls, 1)
        rows.append(
            [
                f"(b) CPU ms per call, `{calls.stream}` ({calls.work:,} calls)",
                f"{calls.ours_cpu(False) * 1000 / calls.work:.2f}",
                f"{calls.floor_cpu(False) * 1000 / bare_calls:.2f} (bare requests loop)",
                f"{result.calls_ratio(False):.2f}x",
                net_ms(calls, True),
                net_ms(calls, False),
                f"≤ {CALLS_TARGET}x",
            ]
        )
    return rows


def net_ms(pair: Pair, ours: bool) -> str:
    run, startup = (pair.ours, pair.ours_startup_cpu_s) if ours else (pair.floor, pair.floor_startup_cpu_s)
    calls = pair.work if ours else max(pair.floor.total_calls, 1)
    if run.usage.cpu_s < MIN_NET_SHARE * startup:
        return "-"
    return f"{(run.usage.cpu_s - startup) * 1000 / calls:.2f}"


def cpu_goals(result: CpuResult) -> list[Goal]:
    goals: list[Goal] = []
    if result.records is not None:
        value = result.records_ratio(False)
        goals.append(
            ("records per CPU-second, ours ÷ trivial source (whole process)", f"{value:.0%}", value >= RECORDS_TARGET)
        )
    if result.calls is not None:
        value = result.calls_ratio(False)
        goals.append(
            ("CPU per call, ours ÷ bare requests loop (whole process)", f"{value:.2f}x", value <= CALLS_TARGET)
        )
    return goals


def cpu_sections(results: Results) -> tuple[list[str], list[Goal]]:
    result = results.cpu
    if result is None:
        return [], []
    out = [
        f"Emulator {result.sizes.label} posts, 0 ms latency; each pair (ours, then its floor) ran {result.runs} "
        "time(s), the run with the median ratio is shown. CPU = user + system seconds of the process "
        "(os.wait4 of the child, bench/launcher.py), so the emulator's share of the machine does not count. "
        "Net = minus the CPU of the same program's start-up (`spec` for ours and the trivial source, "
        f"`import requests` for the bare loop); shown only where the run used ≥ {MIN_NET_SHARE:.0f}x that.",
        "",
        table(["measure", "ours", "floor", "ours ÷ floor", "ours net", "floor net", "target"], cpu_rows(result)),
        "",
    ]
    if result.runs > 1:
        out += [
            "Every run's ratio, in run order (whole process): (a) "
            + ", ".join(f"{r:.0%}" for r in result.records_ratios)
            + "; (b) " + ", ".join(f"{r:.2f}x" for r in result.calls_ratios) + ".",
            "",
        ]
    return out, cpu_goals(result)


def startup_sections(items: list[Startup]) -> tuple[list[str], list[Goal]]:
    if not items:
        return [], []
    runs = items[0].runs
    out = [
        f"Median of {runs} run(s) each; wall from fork to exit, CPU = user + system of the process.",
        "",
        table(["command", "wall s", "CPU s"], [[f"`{s.command}`", f"{s.wall_s:.2f}", f"{s.cpu_s:.2f}"] for s in items]),
        "",
    ]
    by = {s.label: s for s in items}
    goals: list[Goal] = []
    if "spec" in by and "import-cdk" in by:
        goals.append(
            (
                "`spec` start-up: wall (importing airbyte_cdk.entrypoint alone)",
                f"{by['spec'].wall_s:.2f} s ({by['import-cdk'].wall_s:.2f} s)",
                None,
            )
        )
    return out, goals
