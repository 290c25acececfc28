"""pytest plugin of `make test` and `make test-floors` (`-p scripts.pytest_progress`): no silent minute.

pytest's default output has one line per test module and a dot per test, so a test that runs for a minute
looks like a hang. This plugin prints `… still running <test> (N s)` every 30 s while one test runs.
It writes to a copy of the terminal's file descriptor taken at start-up, so pytest's output capture (which
redirects descriptor 1 while a test runs) neither swallows the line nor is disturbed by it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

import pytest

INTERVAL_S = 30.0


class StillRunning:
    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._stop: threading.Event | None = None

    def _watch(self, nodeid: str, stop: threading.Event) -> None:
        started = time.monotonic()
        while not stop.wait(INTERVAL_S):
            line = f"\n    … still running {nodeid} ({time.monotonic() - started:.0f} s)\n"
            try:
                os.write(self._fd, line.encode())
            except OSError:
                return

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        self._stop = threading.Event()
        threading.Thread(target=self._watch, args=(nodeid, self._stop), daemon=True).start()

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logfinish(self, nodeid: str, location: Any) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None


def pytest_configure(config: pytest.Config) -> None:
    # pytest's own capture is suspended while plugins configure: descriptor 1 is still the terminal (or pipe).
    try:
        sys.stdout.flush()
        fd = os.dup(sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
    except (AttributeError, OSError, ValueError):
        return
    config.pluginmanager.register(StillRunning(fd), "still-running")
