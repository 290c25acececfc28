"""CLI: python -m linkedin_emulator --port 0 --seed 1 ... (prints one 'listening on' line, runs until SIGTERM)."""
from __future__ import annotations

import argparse
import signal
import sys
import textwrap
import threading
from types import FrameType

from . import auth, variations
from .config import EmulatorConfig
from .faults import parse_cli_spec, parse_fault
from .handlers import standardized
from .server import EmulatorServer

DESCRIPTION = """Strict stand-in for LinkedIn's Community Management API: /rest (versioned API), /oauth/v2
(accessToken, introspectToken) and the /_emulator control API (reset, request log, faults, tokens, latency,
variations, activity, restate, truth; see linkedin_emulator/README.md). Prints one line,
'linkedin-emulator listening on http://HOST:PORT', and runs until SIGTERM or SIGINT."""


def _epilog() -> str:
    # auth.py's docstring is the one list of the built-in tokens and OAuth app credentials
    body = textwrap.dedent((auth.__doc__ or "").partition("\n")[2]).strip()
    return f"Built-in tokens and OAuth app (send tokens as 'Authorization: Bearer <token>'):\n{body}"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m linkedin_emulator", description=DESCRIPTION, epilog=_epilog(),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1,
                   help="seed of the generated data set and of every seeded variation (default: %(default)s)")
    p.add_argument("--orgs", type=int, default=2, help="number of organizations (default: %(default)s)")
    p.add_argument("--posts", type=int, default=40, help="posts per organization (default: %(default)s)")
    p.add_argument("--days", type=int, default=400,
                   help="days of daily statistics history before the start day (default: %(default)s)")
    p.add_argument("--comments", type=int, default=5,
                   help="average comments per post; each post gets 0..2x this (default: %(default)s)")
    p.add_argument("--reactions", type=int, default=8,
                   help="average reactions per post; each post gets 0..2x this (default: %(default)s)")
    p.add_argument("--latency-ms", type=int, default=0,
                   help="milliseconds added to every /rest and /oauth answer (default: %(default)s)")
    p.add_argument("--versions", default=None,
                   help="comma separated active LinkedIn-Version months YYYYMM, e.g. 202511,202610; others get 426 "
                        "(default: the 12 months ending with the current UTC month)")
    p.add_argument("--fault", action="append", default=[],
                   help="fault rule as comma separated key=value pairs, repeatable. kind is one of 429, 429_day, "
                        "429_plain_day, 5xx, drop, slow, truncate, daily_limit, batch_key_error; then rate=0..1 "
                        "(probability per call) or count=N "
                        "(next N calls), resource=NAME, retry_after=SECONDS, status=CODE, delay_ms=MILLISECONDS, "
                        "calls=N (daily_limit), plain=1 (429/daily_limit body without DAY); "
                        "e.g. kind=429,rate=0.2 (default: none)")
    p.add_argument("--daily-limit", type=int, default=None,
                   help="after N /rest calls every /rest call gets the sticky 429 DAY (default: no limit)")
    p.add_argument("--port-file", default=None,
                   help="file to write the listening port to, once listening (default: none)")
    variations.add_arguments(p)
    p.add_argument("--unknown-standardized-ids", choices=standardized.UNKNOWN_IDS_MODES, default="absent",
                   help="BATCH_GET of geo/industries/functions/seniorities: leave unknown ids out (absent), or answer "
                        "them in `errors` with status 404 (errors) (default: %(default)s)")
    return p


def _args(argv: list[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


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
                            faults=faults, daily_limit=a.daily_limit, variations=variations.from_arguments(a))
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
