"""`sync`: a full sync of every stream, and of the six shared streams ours vs the official (active version)."""

from __future__ import annotations

from dataclasses import dataclass

from emulator import Emulator
from harness import Harness
from measure import Run
from scenarios import Plan, Sizes, SyncCase
from settings import SHARED_STREAMS, log, org_ids


@dataclass
class SyncResult:
    case: str
    sizes: Sizes
    latency_ms: int
    ours_all: Run
    ours_shared: Run
    official: Run | None

    @property
    def key(self) -> str:
        return f"{self.case}@{self.latency_ms}ms"


def summary(run: Run) -> str:
    errors = f" ERRORS {run.errors[:1]}" if run.errors else ""
    return (
        f"{run.total_records:,} records, {run.total_calls:,} calls, {run.wall_s:.1f} s, "
        f"{run.usage.maxrss_mib:.0f} MiB{errors}"
    )


def run_case(harness: Harness, case: SyncCase, emulator: Emulator, latency: int) -> SyncResult:
    orgs = org_ids(case.sizes.orgs)
    key = f"{case.name}@{latency}ms"
    emulator.set_latency(latency)
    log(f"sync {key}: ours, all streams (incremental where supported), default workers")
    full = harness.ours.read(f"sync-{key}-ours-all", emulator, orgs, harness.start_date)
    log(f"sync {key}: {summary(full)}")
    log(f"sync {key}: ours, the six shared streams")
    shared = harness.ours.read(f"sync-{key}-ours-shared", emulator, orgs, harness.start_date, names=SHARED_STREAMS)
    log(f"sync {key}: {summary(shared)}")
    official = None
    if harness.official is not None:
        log(f"sync {key}: official, the six shared streams (active version patched in), one process per organization")
        official = harness.official.read(f"sync-{key}-official", emulator, orgs, harness.start_date)
        log(f"sync {key}: {summary(official)}")
    return SyncResult(case.name, case.sizes, latency, full, shared, official)


def run(harness: Harness, plan: Plan) -> list[SyncResult]:
    results = []
    for case in plan.sync_cases:
        log(f"sync {case.name}: starting the emulator ({case.sizes.label})")
        with Emulator(case.sizes) as emulator:
            results += [run_case(harness, case, emulator, latency) for latency in case.latencies]
    return results
