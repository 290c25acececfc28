"""Paths, fixed values and the progress log that every bench module shares."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
OUR_CLI = str(Path(sys.executable).parent / "source-linkedin-pages")
LAUNCHER = BENCH / "launcher.py"
CLOCKSHIFT = BENCH / "clockshift"  # on PYTHONPATH of a connector process whose clock must run a day ahead
TOKEN = "emu-token-full"
SEED = 7
RUN_TIMEOUT_S = 1800
DAY_MS = 86_400_000
SHARED_STREAMS = [
    "organization_lookup",
    "follower_statistics",
    "share_statistics",
    "total_follower_count",
    "follower_statistics_time_bound",
    "share_statistics_time_bound",
]
TIME_BOUND_SHARED = ["follower_statistics_time_bound", "share_statistics_time_bound"]


def log(text: str) -> None:
    """One progress line on stdout, with the time of day."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def org_ids(count: int) -> list[str]:
    """The emulator's organization ids: 2414183, 2415183, ..."""
    return [str(2414183 + 1000 * i) for i in range(count)]
