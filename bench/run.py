"""`make bench`: our connector and the official one against the LinkedIn emulator; writes bench/results.md."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import readme_section
import report
import scenario_backfill
import scenario_cpu
import scenario_engagement
import scenario_next_day
import scenario_official
import scenario_startup
import scenario_sync
from harness import Harness
from official import OfficialConnector, ensure_venv
from ours import OurConnector
from results import Results
from scenarios import BEFORE_REF, SCENARIOS, Activity, Plan, Sizes, SyncCase
from settings import BENCH, OUT, ROOT, log

USAGE = f"""`make bench`: our connector and the official one against the LinkedIn emulator; writes bench/results.md.

A benchmark, not a test: it measures and reports (progress on stdout, tables in results.md, a chart
in results.svg, the README performance text in README-section.md); it fails only when a run fails.

Scenarios (all by default; --only / --skip pick some):
  sync      full syncs of every stream per size and latency; the six shared streams ours vs official
  official  the official connector as shipped (426) and its next incremental syncs (clock moved on)
  next-day  full sync, a day of activity (or none), clock +1 day, incremental: calls per 1,000 posts
  backfill  first sync of all 14 streams at 100 ms per call: worker utilisation, per-stream spans
  cpu       CPU per record (video_analytics) and per call (reactions) next to a trivial source / bare loop
  engagement
            comments, reactions, video_analytics (each alone, then the three together), first sync: records/s
            and records per CPU-second of the installed connector ("now") vs an earlier commit's ("before",
            --before REF, default {BEFORE_REF}, whose cursor ran json.dumps over the partition slice for every
            record), exported with `git archive` into bench/out/before-REF/ and run on the same airbyte-cdk;
            outside a git checkout the scenario reports "now" only
  startup   spec and check start-up, and importing the CDK alone

Sizes are ORGSxPOSTS[,comments=N,reactions=N,days=N]. Examples:
  .venv/bin/python bench/run.py --quick                       # everything tiny, ~2 min
  .venv/bin/python bench/run.py --only next-day --next-day-size 1x300
  .venv/bin/python bench/run.py --only sync --sync small=1x200@0 --no-official
  .venv/bin/python bench/run.py --only engagement --engagement-size 1x300 --before 7428412
A full default run writes bench/results.md, results.svg and README-section.md; any other run writes
them into its bench/out/run-*/ directory unless --results is given.
"""


# (flag, metavar, help) of the options that pick a size or a count; each maps onto a Plan field.
SIZE_OPTIONS = [
    ("--official-size", "SIZE", "data set of `official` (default 1x200)"),
    ("--next-day-size", "SIZE", "data set of `next-day` (default 2x1000)"),
    ("--next-days", "N", "consecutive daily syncs per next-day variant (default 1)"),
    (
        "--activity",
        "K=V,...",
        "one day's activity per organization (default new_posts=5,posts_edited=5,"
        "comments_on_existing=20,reactions_on_existing=40,old_posts_touched=10)",
    ),
    ("--backfill-size", "SIZE", "data set of `backfill` (default 1x1000)"),
    ("--backfill-latency", "MS", "latency of `backfill` (default 100)"),
    ("--workers", "N,N", "num_workers compared in `backfill`, besides the default (default 1,4,8)"),
    ("--cpu-size", "SIZE", "data set of `cpu` (default 1x5000)"),
    ("--cpu-runs", "N", "runs of each CPU pair, the median ratio quoted (default 5)"),
    ("--engagement-size", "SIZE", "data set of `engagement` (default 1x1000)"),
    ("--before", "REF", f'the git commit or ref `engagement` measures as "before" (default {BEFORE_REF})'),
    (
        "--startup-runs",
        "N",
        "runs per start-up command (`startup`, round by round, and `spec` in `engagement`), median quoted"
        " (default 5)",
    ),
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bench/run.py", description=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--quick", action="store_true", help="every scenario tiny (a smoke check, about 2 minutes)")
    p.add_argument("--only", help=f"comma-separated scenarios to run ({', '.join(SCENARIOS)})")
    p.add_argument("--skip", default="", help="comma-separated scenarios to leave out")
    p.add_argument(
        "--sync",
        action="append",
        metavar="NAME=SIZE@MS[,MS]",
        help="a sync case, repeatable; extras after `;` (e.g. small=1x200;comments=5@0,100); default "
        "small=1x200@0,100 and large=5x5000@0",
    )
    p.add_argument("--no-official", action="store_true", help="do not run the official connector")
    p.add_argument(
        "--official-manifest",
        metavar="PATH",
        help="run this saved manifest file (e.g. release 1.1.26's) on our airbyte-cdk, the way "
        "source-declarative-manifest runs it, instead of the PyPI 1.0.17",
    )
    for flag, metavar, text in SIZE_OPTIONS:
        p.add_argument(flag, metavar=metavar, type=int if metavar in ("N", "MS") else str, help=text)
    p.add_argument(
        "--results",
        metavar="PATH",
        help="where results.md goes (results.svg and README-section.md "
        "beside it); default bench/results.md for a full default run, else the run's bench/out/ dir",
    )
    return p


def scenario_list(args: argparse.Namespace) -> list[str]:
    chosen = [s.strip() for s in (args.only or ",".join(SCENARIOS)).split(",") if s.strip()]
    skipped = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = (set(chosen) | skipped) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenario(s) {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    return [s for s in SCENARIOS if s in chosen and s not in skipped]


def plan_from(args: argparse.Namespace) -> Plan:
    plan = Plan().quick() if args.quick else Plan()
    changes: dict[str, object] = {
        "scenarios": scenario_list(args),
        "official": not args.no_official,
        "official_manifest": args.official_manifest,
    }
    sizes = {
        "official_sizes": args.official_size,
        "next_day_sizes": args.next_day_size,
        "backfill_sizes": args.backfill_size,
        "cpu_sizes": args.cpu_size,
        "engagement_sizes": args.engagement_size,
    }
    changes |= {key: Sizes.parse(value) for key, value in sizes.items() if value}
    numbers = {
        "next_days": args.next_days,
        "backfill_latency": args.backfill_latency,
        "startup_runs": args.startup_runs,
        "cpu_runs": args.cpu_runs,
    }
    changes |= {key: value for key, value in numbers.items() if value is not None}
    if args.before:
        changes["before_ref"] = args.before
    if args.sync:
        changes["sync_cases"] = [SyncCase.parse(text) for text in args.sync]
    if args.activity:
        changes["activity"] = Activity.parse(args.activity)
    if args.workers:
        changes["workers"] = [int(x) for x in args.workers.split(",") if x]
    return replace(plan, **changes)  # type: ignore[arg-type]


def is_default_run(args: argparse.Namespace) -> bool:
    given = {k: v for k, v in vars(args).items() if k not in ("skip",) and v not in (None, False, "")}
    return not given and not args.skip


def make_harness(plan: Plan, workdir: Path) -> Harness:
    official = None
    python = ensure_venv() if plan.official else None
    if python is not None:
        manifest = Path(plan.official_manifest).resolve() if plan.official_manifest else None
        official = OfficialConnector(python, workdir, manifest)
    return Harness(workdir, OurConnector(workdir), official)


# scenario name -> (module with run(harness, plan), the Results field it fills), in the order they run
RUNNERS = {
    "sync": (scenario_sync, "sync"),
    "official": (scenario_official, "official"),
    "next-day": (scenario_next_day, "next_day"),
    "backfill": (scenario_backfill, "backfill"),
    "cpu": (scenario_cpu, "cpu"),
    "engagement": (scenario_engagement, "engagement"),
    "startup": (scenario_startup, "startup"),
}


def run_scenarios(plan: Plan, harness: Harness, results: Results) -> None:
    for name, (module, field) in RUNNERS.items():
        if name in plan.scenarios:
            setattr(results, field, module.run(harness, plan))


def write_outputs(results: Results, results_md: Path) -> None:
    svg = report.write(results, results_md)
    section = results_md.with_name("README-section.md")
    readme_section.write(results, section, results_md)
    shown = [p for p in (results_md, svg, section) if p is not None]
    log("wrote " + ", ".join(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in shown))


def main() -> int:
    args = parser().parse_args()
    plan = plan_from(args)
    OUT.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
    results_md = (
        Path(args.results)
        if args.results
        else (BENCH / "results.md" if is_default_run(args) else workdir / "results.md")
    )
    log(f"bench: scenarios {', '.join(plan.scenarios)}; raw output in {workdir.relative_to(ROOT)}")
    started = time.monotonic()
    harness = make_harness(plan, workdir)
    results = Results(
        plan, "bench/run.py " + " ".join(sys.argv[1:]) if sys.argv[1:] else "make bench", harness.start_date
    )
    results.default_plan = is_default_run(args)
    run_scenarios(plan, harness, results)
    results.official_version = harness.official.active_version if harness.official else ""
    results.bench_s = time.monotonic() - started
    results.generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    write_outputs(results, results_md)
    log(f"bench took {results.bench_s / 60:.1f} min")
    failed = results.failed()
    if failed:
        print(f"runs with errors: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
