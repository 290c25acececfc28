"""The LinkedIn emulator as a child process: start, stop, and its /_emulator control API."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import requests
from scenarios import Sizes
from settings import ROOT, SEED


class Emulator:
    """`python -m linkedin_emulator` on a free port, with the control calls the benchmark uses."""

    def __init__(self, sizes: Sizes) -> None:
        self.sizes = sizes
        argv = [sys.executable, "-m", "linkedin_emulator", "--port", "0", "--seed", str(SEED), *sizes.emulator_args()]
        self.process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        if "listening on" not in line:
            self.process.kill()
            raise SystemExit(f"the emulator did not start: {line!r}")
        self.url = line.strip().rsplit(" ", 1)[-1]
        self.session = requests.Session()
        self.latency_ms = 0

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = self.session.request(method, f"{self.url}/_emulator{path}", json=body, timeout=300)
        response.raise_for_status()
        return response.json()

    def reset(self) -> None:
        """Data, log, faults and clock back to the start; latency kept."""
        self.control("POST", "/reset")
        self.set_latency(self.latency_ms)

    def set_latency(self, ms: int) -> None:
        self.latency_ms = ms
        self.control("POST", "/latency", {"ms": ms})

    def clear_log(self) -> None:
        self.control("DELETE", "/requests")

    def request_log(self) -> list[dict[str, Any]]:
        return self.control("GET", "/requests")

    def advance_clock(self, ms: int) -> dict[str, int]:
        return self.control("POST", "/clock", {"advance_ms": ms})

    def set_clock(self, now_ms: int) -> dict[str, int]:
        return self.control("POST", "/clock", {"set_ms": now_ms})

    def clock(self) -> dict[str, int]:
        return self.control("GET", "/clock")

    def versions(self) -> list[str]:
        return self.control("GET", "/config")["versions"]

    def truth(self) -> dict[str, Any]:
        """Organizations, live posts and video posts (without the comment and reaction lists)."""
        return self.control("GET", "/truth?activity=0")

    def activity(self, spec: dict[str, Any]) -> dict[str, Any]:
        return self.control("POST", "/activity", spec)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
