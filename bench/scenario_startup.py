"""`startup`: wall and CPU time of our CLI's `spec` and `check`, and of importing the CDK alone."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass

from emulator import Emulator
from harness import Harness
from measure import Usage, run_process
from scenarios import Plan, Sizes
from settings import OUR_CLI, log, org_ids


@dataclass
class Startup:
    """Median wall and CPU seconds of `runs` runs of one command."""

    label: str
    command: str
    runs: int
    wall_s: float
    cpu_s: float
    errors: list[str]


def median_of(
    harness: Harness, label: str, argv: list[str], runs: int, shown: str, emulator: Emulator | None = None
) -> Startup:
    usages: list[Usage] = []
    errors: list[str] = []
    for index in range(runs):
        run = run_process(f"startup-{label}-{index}", argv, emulator, harness.workdir)
        usages.append(run.usage)
        errors += run.errors
    wall = statistics.median(u.wall_s for u in usages)
    cpu = statistics.median(u.cpu_s for u in usages)
    log(f"startup: {shown}: median of {runs}: wall {wall:.2f} s, CPU {cpu:.2f} s")
    return Startup(label, shown, runs, wall, cpu, errors)


def run(harness: Harness, plan: Plan) -> list[Startup]:
    runs = plan.startup_runs
    python = sys.executable
    with Emulator(Sizes(1, 10)) as emulator:
        config = harness.ours.config(emulator, org_ids(1), harness.start_date)
        return [
            median_of(harness, "python", [python, "-c", "pass"], runs, 'python -c "pass"'),
            median_of(
                harness,
                "import-cdk",
                [python, "-c", "import airbyte_cdk.entrypoint"],
                runs,
                'python -c "import airbyte_cdk.entrypoint"',
            ),
            median_of(harness, "spec", [OUR_CLI, "spec"], runs, "source-linkedin-pages spec"),
            median_of(
                harness,
                "check",
                [OUR_CLI, "check", "--config", str(config)],
                runs,
                "source-linkedin-pages check --config … (emulator, 0 ms)",
                emulator,
            ),
        ]
