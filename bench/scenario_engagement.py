"""`engagement`: records/s and records per CPU-second of comments, reactions, video_analytics, before vs now."""

# "now" is the installed connector; "before" is an earlier commit's connector (bench/before.py, default
# 7428412, whose cursor ran json.dumps over the whole partition slice for every record) on the same
# airbyte-cdk. Each stream is read alone in its own process (so CPU is per stream), then the three together;
# a first (full) sync of an incremental catalog at 0 ms latency, the two sides taking turns on one emulator.

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from before import Export, ExportError, export_ref, head_label
from emulator import Emulator
from harness import Harness
from measure import Run, run_process
from protocol import configured_catalog, discover, write_json
from scenarios import Plan, Sizes
from settings import OUR_CLI, log, org_ids

STREAMS = ["comments", "reactions", "video_analytics"]
ALL = "all three"


@dataclass
class Program:
    """One side: how its connector starts, the streams it discovers, and its runs."""

    side: str  # "before" or "now"
    argv: list[str]
    env: dict[str, str] | None
    streams: list[dict[str, Any]] = field(default_factory=list)
    runs: dict[str, Run] = field(default_factory=dict)  # a stream name or ALL -> its read
    startup_cpu_s: float = 0.0  # CPU of the same program's `spec`

    def sync_modes(self) -> str:
        catalog = configured_catalog(self.streams, STREAMS)
        return ", ".join(sorted({s["sync_mode"] for s in catalog["streams"]}))


@dataclass
class EngagementResult:
    sizes: Sizes
    cdk: str
    now_label: str  # HEAD's commit of the installed connector
    now: Program
    before: Program | None
    tree: Export | None  # the exported "before"
    before_ref: str
    unavailable: str = ""  # why there is no "before"
    startup_runs: int = 1  # `spec` runs per side, median taken

    def sides(self) -> list[Program]:
        return [p for p in (self.before, self.now) if p is not None]


def read(program: Program, harness: Harness, emulator: Emulator, name: str) -> Run:
    names = STREAMS if name == ALL else [name]
    config = harness.ours.config(emulator, org_ids(emulator.sizes.orgs), harness.start_date)
    label = f"engagement-{program.side}-{name.replace(' ', '-')}"
    catalog = write_json(harness.workdir / f"{label}.catalog.json", configured_catalog(program.streams, names))
    argv = [*program.argv, "read", "--config", str(config), "--catalog", str(catalog)]
    run = run_process(label, argv, emulator, harness.workdir, program.env)
    errors = f"; ERRORS {run.errors[:1]}" if run.errors else ""
    log(
        f"engagement {program.side} {name}: {run.total_records:,} records, {run.wall_s:.1f} s, "
        f"CPU {run.usage.cpu_s:.1f} s{errors}"
    )
    return run


def prepare(program: Program, harness: Harness, emulator: Emulator, runs: int) -> None:
    """Discover (once per side) and the median CPU of its `spec`, for the figures net of start-up."""
    config = harness.ours.config(emulator, org_ids(emulator.sizes.orgs), harness.start_date)
    program.streams = discover([*program.argv, "discover", "--config", str(config)], program.env)
    argv = [*program.argv, "spec"]
    specs = [
        run_process(f"engagement-{program.side}-spec-{i}", argv, None, harness.workdir, program.env).usage.cpu_s
        for i in range(max(runs, 1))
    ]
    program.startup_cpu_s = statistics.median(specs)
    log(f"engagement {program.side}: `spec` CPU {program.startup_cpu_s:.2f} s (median of {len(specs)})")


def export_before(ref: str) -> tuple[Program | None, Export | None, str]:
    try:
        found = export_ref(ref)
    except ExportError as error:
        log(f"engagement: no 'before' ({error}); reporting 'now' only")
        return None, None, str(error)
    log(f"engagement: 'before' = {ref} ({found.commit[:12]}, {found.date}) exported to {found.path}")
    return Program("before", found.argv(), found.env()), found, ""


def run(harness: Harness, plan: Plan) -> EngagementResult:
    old, found, why = export_before(plan.before_ref)
    now = Program("now", [OUR_CLI], None)
    result = EngagementResult(
        plan.engagement_sizes,
        version("airbyte-cdk"),
        head_label(),
        now,
        old,
        found,
        plan.before_ref,
        why,
        plan.startup_runs,
    )
    log(f"engagement: starting the emulator ({plan.engagement_sizes.label})")
    with Emulator(plan.engagement_sizes) as emulator:
        for program in result.sides():
            prepare(program, harness, emulator, plan.startup_runs)
        for name in [*STREAMS, ALL]:  # the sides take turns, so drift in the machine's load hits both
            for program in result.sides():
                program.runs[name] = read(program, harness, emulator, name)
    return result
