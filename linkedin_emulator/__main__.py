"""CLI: python -m linkedin_emulator --port 0 --seed 1 ... (prints one 'listening on' line, runs until SIGTERM)."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .config import EmulatorConfig
from .faults import parse_cli_spec, parse_fault
from .handlers import standardized
from .server import EmulatorServer


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m linkedin_emulator", description="LinkedIn API emulator")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--orgs", type=int, default=2)
    p.add_argument("--posts", type=int, default=40, help="posts per organization")
    p.add_argument("--days", type=int, default=400, help="days of statistics history")
    p.add_argument("--comments", type=int, default=5, help="average comments per post")
    p.add_argument("--reactions", type=int, default=8, help="average reactions per post")
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--versions", default=None, help="comma separated active versions, e.g. 202511,202610")
    p.add_argument("--fault", action="append", default=[], help="e.g. kind=429,rate=0.2 (repeatable)")
    p.add_argument("--daily-limit", type=int, default=None, help="after N /rest calls every call gets 429 DAY")
    p.add_argument("--port-file", default=None)
    p.add_argument("--unknown-standardized-ids", choices=standardized.UNKNOWN_IDS_MODES, default="absent",
                   help="BATCH_GET of geo/industries/functions/seniorities: leave unknown ids out, or 404 in errors")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    a = _args(argv)
    faults = []
    for spec in a.fault:
        try:
            fault = parse_cli_spec(spec)
            parse_fault(fault)  # validate now, not at the first request
        except ValueError as exc:
            sys.stderr.write(f"bad --fault {spec!r}: {exc}\n")
            return 2
        faults.append(fault)
    standardized.set_unknown_ids(a.unknown_standardized_ids)
    versions = [v.strip() for v in a.versions.split(",") if v.strip()] if a.versions else None
    config = EmulatorConfig(host=a.host, port=a.port, seed=a.seed, orgs=a.orgs, posts=a.posts, days=a.days,
                            comments=a.comments, reactions=a.reactions, latency_ms=a.latency_ms, versions=versions,
                            faults=faults, daily_limit=a.daily_limit)
    server = EmulatorServer(config).start()
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    if a.port_file:
        with open(a.port_file, "w", encoding="utf-8") as fh:
            fh.write(str(server.port))
    print(f"linkedin-emulator listening on {server.url}", flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
