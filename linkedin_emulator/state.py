"""Everything one running emulator holds (data, tokens, faults, log), rebuilt by reset()."""
from __future__ import annotations

import threading
import time

from .auth import AuthTable
from .config import EmulatorConfig
from .faults import FaultBox
from .generator import Generator
from .reqlog import RequestLog
from .store import Store
from .timeutil import default_versions, now_ms


class EmulatorState:
    """Shared state; request handling mutates it under `lock`."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.log = RequestLog()
        self.clock_offset_ms = 0  # POST /_emulator/clock shifts "now" without touching the data anchor
        self.reset()

    def now(self) -> int:
        return now_ms() + self.clock_offset_ms

    def shift_clock(self, advance_ms: int | None = None, set_ms: int | None = None) -> dict[str, int]:
        """Move "now" forward or back by `advance_ms`, or to `set_ms`; the data stays as generated."""
        if set_ms is not None:
            self.clock_offset_ms = set_ms - now_ms()
        elif advance_ms is not None:
            self.clock_offset_ms += advance_ms
        return {"now_ms": self.now(), "offset_ms": self.clock_offset_ms}

    def reset(self) -> None:
        """Regenerate from the start parameters; clears log, added tokens, faults (CLI faults come back)."""
        with self.lock:
            start = self.config.now_ms if self.config.now_ms is not None else now_ms()
            # the start offset: the pinned anchor's, else none (a shifted clock goes back with the data)
            self.clock_offset_ms = self.config.now_ms - now_ms() if self.config.now_ms is not None else 0
            t0 = time.monotonic()
            self.start_ms = start
            self.generator = Generator(self.config, start)
            self.store: Store = self.generator.build()
            self.build_seconds = time.monotonic() - t0
            self.auth = AuthTable([o.id for o in self.store.orgs], start)
            self.faults = FaultBox(self.config.seed)
            self.faults.add(list(self.config.faults))
            if self.config.daily_limit is not None:
                self.faults.add([{"kind": "daily_limit", "calls": self.config.daily_limit}])
            self.versions = list(self.config.versions) if self.config.versions else default_versions(start)
            self.latency_ms = self.config.latency_ms
            self.variations = self.config.variations  # frozen: run-time switches replace it, never mutate it
            self.activity_counter = 0
            self.log.clear()
