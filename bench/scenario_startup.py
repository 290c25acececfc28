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


def summarize(label: str, shown: str, usages: list[Usage], errors: list[str]) -> Startup:
    wall = statistics.median(u.wall_s for u in usages)
    cpu = statistics.median(u.cpu_s for u in usages)
    log(f"startup: {shown}: median of {len(usages)}: wall {wall:.2f} s, CPU {cpu:.2f} s")
    return Startup(label, shown, len(usages), wall, cpu, errors)


def run(harness: Harness, plan: Plan) -> list[Startup]:
    python = sys.executable
    with Emulator(Sizes(1, 10)) as emulator:
        config = harness.ours.config(emulator, org_ids(1), harness.start_date)
        commands: list[tuple[str, list[str], str, Emulator | None]] = [
            ("python", [python, "-c", "pass"], 'python -c "pass"', None),
            ("import-cdk", [python, "-c", "import airbyte_cdk.entrypoint"],
             'python -c "import airbyte_cdk.entrypoint"', None),
            ("spec", [OUR_CLI, "spec"], "source-linkedin-pages spec", None),
            ("check", [OUR_CLI, "check", "--config", str(config)],
             "source-linkedin-pages check --config … (emulator, 0 ms)", emulator),
        ]
        usages: dict[str, list[Usage]] = {label: [] for label, *_ in commands}
        errors: dict[str, list[str]] = {label: [] for label, *_ in commands}
        # Round by round, one run of each command: a slow spell of the shared machine hits them all alike
        # (run one command's runs in a row, and importing the CDK alone once measured slower than `spec`).
        for index in range(plan.startup_runs):
            for label, argv, _, needs in commands:
                run = run_process(f"startup-{label}-{index}", argv, needs, harness.workdir)
                usages[label].append(run.usage)
                errors[label] += run.errors
        return [summarize(label, shown, usages[label], errors[label]) for label, _, shown, _ in commands]
