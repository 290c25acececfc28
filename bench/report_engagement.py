"""Report section: the engagement streams' records/s and records per CPU-second, before vs now."""

from __future__ import annotations

import platform

from fmt import ratio, table
from measure import Run
from results import Results
from scenario_engagement import ALL, STREAMS, EngagementResult, Program

Goal = tuple[str, str, bool | None]
MIN_NET_SHARE = 2.0  # a net-of-start-up figure only where the process used ≥ 2x its start-up CPU
HEADERS = ["stream (process)", "connector", "records", "calls", "wall s", "records/s", "CPU s", "records per CPU-s"]
NET = "records per CPU-s net of start-up"


def per_wall(run: Run) -> float:
    return run.total_records / run.wall_s if run.wall_s > 0 else 0.0


def per_cpu(run: Run, startup_cpu_s: float = 0.0) -> float:
    cpu = run.usage.cpu_s - startup_cpu_s
    return run.total_records / cpu if cpu > 0 else 0.0


def net(program: Program, run: Run) -> float | None:
    if run.usage.cpu_s < MIN_NET_SHARE * program.startup_cpu_s:
        return None
    return per_cpu(run, program.startup_cpu_s)


def side_name(result: EngagementResult, program: Program) -> str:
    if program.side == "now":
        return f"now ({result.now_label})"
    return f"before ({result.before_ref})"


def side_row(result: EngagementResult, program: Program, name: str) -> list[str]:
    run = program.runs[name]
    value = net(program, run)
    errors = " **errors**" if run.errors else ""
    return [
        name if program.side == result.sides()[0].side else "",
        side_name(result, program) + errors,
        f"{run.total_records:,}",
        f"{run.total_calls:,}",
        f"{run.wall_s:.1f}",
        f"{per_wall(run):,.0f}",
        f"{run.usage.cpu_s:.1f}",
        f"{per_cpu(run):,.0f}",
        f"{value:,.0f}" if value is not None else "-",
    ]


def ratio_row(result: EngagementResult, name: str) -> list[str]:
    assert result.before is not None
    old, new = result.before.runs[name], result.now.runs[name]
    old_net, new_net = net(result.before, old), net(result.now, new)
    return [
        "",
        "**now ÷ before**",
        "",
        "",
        "",
        f"**{ratio(per_wall(new), per_wall(old))}**",
        "",
        f"**{ratio(per_cpu(new), per_cpu(old))}**",
        ratio(new_net, old_net) if new_net is not None and old_net is not None else "-",
    ]


def rows(result: EngagementResult) -> list[list[str]]:
    out = []
    for name in [*STREAMS, ALL]:
        out += [side_row(result, program, name) for program in result.sides()]
        if result.before is not None:
            out.append(ratio_row(result, name))
    return out


def before_text(result: EngagementResult) -> str:
    tree = result.tree
    if tree is None:
        return f'> No "before": `{result.before_ref}` could not be exported ({result.unavailable}); only "now" ran.'
    distance = f", {tree.commits_behind} commits before HEAD" if tree.commits_behind is not None else ""
    did = (
        "Its cursor (`PartitionStateCursor.observe`, source_linkedin_pages/concurrency.py) ran "
        "`json.dumps(record.associated_slice, sort_keys=True, default=str)` for every record, under a lock, to "
        "find the partition whose newest cursor value the record might move. "
        if tree.hashes_slice_per_record
        else ""
    )
    return (
        f'"Before" is commit `{tree.commit[:12]}` ({tree.date}{distance}), exported with `git archive '
        f"{result.before_ref} source_linkedin_pages main.py` into bench/out/{tree.path.name}/ and run as "
        '`PYTHONPATH=<export> python -P -c "from source_linkedin_pages.run import run; run()" read …`. '
        f"{did}It differs from now by every commit in between, not only the cursor: the records and calls columns "
        "show where the work itself differs."
    )


def intro(result: EngagementResult) -> list[str]:
    startups = ", ".join(f"{p.side} {p.startup_cpu_s:.2f} s" for p in result.sides())
    runs = max(result.startup_runs, 1)
    return [
        f"Emulator {result.sizes.label} posts, 0 ms latency; a first (full) sync of an incremental catalog "
        f"({result.now.sync_modes()}). Each stream is read alone in its own process (so CPU is per stream), then "
        "the three together in one; the two connectors take turns on one emulator.",
        "",
        f'"Now" is the installed connector (checkout {result.now_label}): each partition tracks the newest cursor '
        "value of the records it yields (`LinkedInPartition.read`, source_linkedin_pages/streams/base.py).",
        "",
        before_text(result),
        "",
        f"{'Both ran' if result.before else 'It ran'} on the same airbyte-cdk {result.cdk} (Python "
        f"{platform.python_version()}, this venv) and machine, one run each: rerun to see the noise. "
        "Wall = the process from fork to exit (start-up included); records/s = records ÷ wall; "
        "CPU = user + system seconds of the process (os.wait4, bench/launcher.py); "
        f"net = records ÷ (CPU - the same program's `spec` CPU, median of {runs}: {startups}), "
        f"shown where the run used ≥ {MIN_NET_SHARE:.0f}x that. "
        "now ÷ before of a rate above 1: now does more per second.",
        "",
    ]


def engagement_goals(result: EngagementResult) -> list[Goal]:
    if result.before is None:
        return []
    old, new = result.before.runs[ALL], result.now.runs[ALL]
    what = f"engagement streams together ({result.sizes.label} posts), now vs before ({result.before_ref})"
    return [
        (
            f"{what}: records/s",
            f"{per_wall(old):,.0f} → {per_wall(new):,.0f} ({ratio(per_wall(new), per_wall(old))})",
            None,
        ),
        (
            f"{what}: records per CPU-second",
            f"{per_cpu(old):,.0f} → {per_cpu(new):,.0f} ({ratio(per_cpu(new), per_cpu(old))})",
            None,
        ),
    ]


def engagement_sections(results: Results) -> tuple[list[str], list[Goal]]:
    result = results.engagement
    if result is None:
        return [], []
    out = [*intro(result), table([*HEADERS, NET], rows(result)), ""]
    return out, engagement_goals(result)
