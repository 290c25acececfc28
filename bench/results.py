"""Everything one `bench/run.py` invocation measured, handed from the scenarios to the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from scenario_backfill import BackfillResult
from scenario_cpu import CpuResult
from scenario_engagement import EngagementResult
from scenario_next_day import NextDayResult
from scenario_official import OfficialResult
from scenario_startup import Startup
from scenario_sync import SyncResult
from scenarios import Plan


@dataclass
class Results:
    plan: Plan
    command: str
    start_date: str
    generated: str = ""
    default_plan: bool = True  # False: sizes or scenarios differ from `make bench`'s
    official_version: str = ""  # the active LinkedIn-Version patched into the official manifest
    bench_s: float = 0.0
    sync: list[SyncResult] = field(default_factory=list)
    official: OfficialResult | None = None
    next_day: list[NextDayResult] = field(default_factory=list)
    backfill: BackfillResult | None = None
    cpu: CpuResult | None = None
    engagement: EngagementResult | None = None
    startup: list[Startup] = field(default_factory=list)

    def failed(self) -> list[str]:
        """Runs that ended with errors, except the official as shipped (it is meant to fail)."""
        runs = [
            (f"sync {s.key} {name}", run)
            for s in self.sync
            for name, run in (("ours", s.ours_all), ("ours shared", s.ours_shared), ("official", s.official))
            if run is not None
        ]
        runs += [(f"next-day {n.variant} day {d.day}", d.run) for n in self.next_day for d in n.days]
        runs += [(f"next-day {n.variant} full", n.full) for n in self.next_day]
        if self.backfill:
            runs += [(f"backfill {b.workers} workers", b.run) for b in self.backfill.runs]
        if self.engagement:
            runs += [
                (f"engagement {p.side} {name}", run) for p in self.engagement.sides() for name, run in p.runs.items()
            ]
        if self.official and self.official.full:
            runs.append(("official full", self.official.full))
        return [name for name, run in runs if run.errors]
