"""`cpu`: our connector's CPU per record and per call, next to floors on the same machine and CDK."""

# (a) records per CPU-second on `video_analytics` (record-heavy) vs bench/trivial_source.py emitting as
# many records of the same shape without HTTP; target ours ≥ 50 % of the trivial source's.
# (b) CPU ms per call on `reactions` (call-heavy) vs bench/bare_loop.py making the same GET calls on one
# requests.Session; target ours ≤ 1.5x the bare loop's.
# CPU is the child's user + system time from os.wait4 (bench/launcher.py), at 0 ms latency. Each figure
# is given for the whole process and net of start-up (minus the same program's `spec` run).

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator import Emulator
from harness import Harness
from measure import Run, records_of, run_process
from protocol import configured_catalog, write_json
from scenarios import Plan, Sizes
from settings import BENCH, OUR_CLI, TOKEN, log, org_ids

RECORDS_TARGET = 0.5  # ours ≥ 50 % of the trivial source's records per CPU-second
CALLS_TARGET = 1.5  # ours ≤ 1.5x the bare loop's CPU per call
MAX_SAMPLES = 2000


@dataclass
class Pair:
    """Ours next to its floor: the work done (records or calls) and each process's CPU."""

    stream: str
    work: int
    ours: Run
    floor: Run
    ours_startup_cpu_s: float
    floor_startup_cpu_s: float

    def cpu(self, run: Run, startup: float, net: bool) -> float:
        return max(run.usage.cpu_s - (startup if net else 0.0), 1e-9)

    def ours_cpu(self, net: bool) -> float:
        return self.cpu(self.ours, self.ours_startup_cpu_s, net)

    def floor_cpu(self, net: bool) -> float:
        return self.cpu(self.floor, self.floor_startup_cpu_s, net)

    def floor_over_ours(self, net: bool = False) -> float:
        """For the same work: ours' rate ÷ the floor's (records per CPU-second)."""
        return self.floor_cpu(net) / self.ours_cpu(net)

    def ours_over_floor(self, net: bool = False) -> float:
        """For the same work: ours' cost ÷ the floor's (CPU per call)."""
        return self.ours_cpu(net) / self.floor_cpu(net)


@dataclass
class CpuResult:
    sizes: Sizes
    records: Pair | None
    calls: Pair | None
    runs: int = 1
    # Every run's ratio (whole process), in run order: the spread says how noisy the machine was.
    records_ratios: list[float] = field(default_factory=list)
    calls_ratios: list[float] = field(default_factory=list)

    def records_ratio(self, net: bool) -> float:
        """Ours' records per CPU-second ÷ the trivial source's (same record count, so CPU_floor ÷ CPU_ours)."""
        assert self.records is not None
        return self.records.floor_over_ours(net)

    def calls_ratio(self, net: bool) -> float:
        """Ours' CPU per call ÷ the bare loop's (same calls)."""
        assert self.calls is not None
        return self.calls.ours_over_floor(net)


def startup_cpu(argv: list[str], harness: Harness, label: str) -> float:
    return run_process(label, argv, None, harness.workdir).usage.cpu_s


def trivial_run(harness: Harness, ours: Run, stream: str, count: int) -> Run:
    """The trivial source emitting `count` records cycled from ours' own records of `stream`."""
    samples = records_of(ours, stream)[:MAX_SAMPLES]
    schema = next(s["json_schema"] for s in harness.ours.streams or [] if s["name"] == stream)
    config = {
        "stream": stream,
        "count": count,
        "schema": schema,
        "samples": str(write_json(harness.workdir / "trivial-samples.json", samples)),
    }
    config_path = write_json(harness.workdir / "trivial-config.json", config)
    catalog = configured_catalog(
        [{"name": stream, "json_schema": schema, "supported_sync_modes": ["full_refresh"]}], None
    )
    catalog_path = write_json(harness.workdir / "trivial-catalog.json", catalog)
    argv = [
        sys.executable,
        str(BENCH / "trivial_source.py"),
        "read",
        "--config",
        str(config_path),
        "--catalog",
        str(catalog_path),
    ]
    return run_process("cpu-trivial-source", argv, None, harness.workdir)


def records_pair(harness: Harness, emulator: Emulator) -> Pair:
    stream = "video_analytics"
    log(f"cpu (a): ours, {stream} only, 0 ms")
    ours = harness.ours.read(
        f"cpu-{stream}", emulator, org_ids(emulator.sizes.orgs), harness.start_date, names=[stream]
    )
    count = ours.records[stream]
    log(f"cpu (a): the trivial source, {count:,} records of the same shape")
    floor = trivial_run(harness, ours, stream, count)
    trivial_spec = [sys.executable, str(BENCH / "trivial_source.py"), "spec"]
    pair = Pair(
        stream,
        count,
        ours,
        floor,
        startup_cpu([OUR_CLI, "spec"], harness, "cpu-ours-spec"),
        startup_cpu(trivial_spec, harness, "cpu-trivial-spec"),
    )
    log(f"cpu (a): {count / pair.ours_cpu(False):,.0f} vs {count / pair.floor_cpu(False):,.0f} records per CPU-second")
    return pair


def calls_pair(harness: Harness, emulator: Emulator) -> Pair:
    stream = "reactions"
    log(f"cpu (b): ours, {stream} only, 0 ms")
    ours = harness.ours.read(
        f"cpu-{stream}", emulator, org_ids(emulator.sizes.orgs), harness.start_date, names=[stream], keep_log=True
    )
    calls_file = write_json(harness.workdir / "bare-loop-calls.json", ours.entries)
    log(f"cpu (b): the bare requests loop, the same {len(ours.entries):,} calls")
    argv = [sys.executable, str(BENCH / "bare_loop.py"), emulator.url, TOKEN, str(calls_file)]
    floor = run_process("cpu-bare-loop", argv, emulator, harness.workdir)
    bare_import = [sys.executable, "-c", "import json, requests"]
    pair = Pair(
        stream,
        ours.total_calls,
        ours,
        floor,
        startup_cpu([OUR_CLI, "spec"], harness, "cpu-ours-spec"),
        startup_cpu(bare_import, harness, "cpu-bare-import"),
    )
    ours.entries = []
    ours_ms, floor_ms = (
        pair.ours_cpu(False) * 1000 / pair.work,
        pair.floor_cpu(False) * 1000 / max(floor.total_calls, 1),
    )
    log(f"cpu (b): {ours_ms:.2f} vs {floor_ms:.2f} CPU ms per call")
    return pair


def median_pair(pairs: list[Pair], ratio: Callable[[Pair], float]) -> Pair:
    """The run whose ratio is the median of the runs' (the machine is shared: single runs vary)."""
    return sorted(pairs, key=ratio)[len(pairs) // 2]


def run(harness: Harness, plan: Plan) -> CpuResult:
    log(f"cpu: starting the emulator ({plan.cpu_sizes.label}); each pair {plan.cpu_runs} time(s), median quoted")
    with Emulator(plan.cpu_sizes) as emulator:
        records = [records_pair(harness, emulator) for _ in range(plan.cpu_runs)]
        calls = [calls_pair(harness, emulator) for _ in range(plan.cpu_runs)]
    return CpuResult(plan.cpu_sizes, median_pair(records, Pair.floor_over_ours),
                     median_pair(calls, Pair.ours_over_floor), plan.cpu_runs,
                     [p.floor_over_ours() for p in records], [p.ours_over_floor() for p in calls])
