"""`backfill`: the first full sync of all 14 streams at 100 ms per call; are the workers kept busy?"""

# utilisation = (calls x latency ÷ workers) ÷ wall time; the target is wall ≤ 1.25 x calls x latency ÷
# workers (utilisation ≥ 0.8). Per-stream spans and the in-flight profile come from the request log's
# arrival times (the connector logs no per-partition timing).

from __future__ import annotations

from dataclasses import dataclass

from calls import Busy, Span, busy_profile, stream_spans
from emulator import Emulator
from harness import Harness
from measure import Run
from scenarios import Plan, Sizes
from settings import log, org_ids

from source_linkedin_pages.api.constants import DEFAULT_WORKERS

TARGET_FACTOR = 1.25


@dataclass
class BackfillRun:
    workers: int
    default: bool
    latency_ms: int
    run: Run
    spans: dict[str, Span]
    busy: Busy | None

    @property
    def ideal_s(self) -> float:
        """calls x latency ÷ workers: the wall time if every worker always had a call in flight."""
        return self.run.total_calls * self.latency_ms / 1000 / self.workers

    def utilisation(self, wall_s: float) -> float:
        return self.ideal_s / wall_s if wall_s else 0.0

    def meets(self, wall_s: float) -> bool:
        return wall_s <= TARGET_FACTOR * self.ideal_s


@dataclass
class BackfillResult:
    sizes: Sizes
    latency_ms: int
    runs: list[BackfillRun]


def one(harness: Harness, emulator: Emulator, workers: int, latency: int) -> BackfillRun:
    default = workers == DEFAULT_WORKERS
    label = f"backfill-{latency}ms-workers-{workers}"
    log(f"backfill: all streams, num_workers {workers}{' (the default)' if default else ''}, {latency} ms per call")
    run = harness.ours.read(
        label,
        emulator,
        org_ids(emulator.sizes.orgs),
        harness.start_date,
        workers=None if default else workers,
        keep_log=True,
    )
    result = BackfillRun(
        workers, default, latency, run, stream_spans(run.entries), busy_profile(run.entries, latency, workers)
    )
    run.entries = []  # the spans and the profile are what is kept
    log(
        f"backfill: num_workers {workers}: {run.total_calls:,} calls, {run.total_records:,} records, wall "
        f"{run.wall_s:.1f} s (ideal {result.ideal_s:.1f} s): utilisation {result.utilisation(run.wall_s):.2f}, "
        f"target wall ≤ {TARGET_FACTOR} x ideal {'met' if result.meets(run.wall_s) else 'NOT met'}"
        f"{' ERRORS ' + str(run.errors[:1]) if run.errors else ''}"
    )
    return result


def run(harness: Harness, plan: Plan) -> BackfillResult:
    counts = sorted({DEFAULT_WORKERS, *plan.workers}, key=lambda n: (n != DEFAULT_WORKERS, n))
    log(f"backfill: starting the emulator ({plan.backfill_sizes.label})")
    with Emulator(plan.backfill_sizes) as emulator:
        emulator.set_latency(plan.backfill_latency)
        runs = [one(harness, emulator, n, plan.backfill_latency) for n in counts]
    return BackfillResult(plan.backfill_sizes, plan.backfill_latency, runs)
