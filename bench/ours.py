"""Our connector (the installed `source-linkedin-pages` console script) against the emulator."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from emulator import Emulator
from measure import Run, run_process
from protocol import configured_catalog, discover, state_argv, write_json
from settings import CLOCKSHIFT, OUR_CLI, TOKEN


def shifted_env(offset_ms: int) -> dict[str, str] | None:
    """The environment of a connector process whose clock runs `offset_ms` ahead (bench/clockshift)."""
    if not offset_ms:
        return None
    path = os.pathsep.join(p for p in (str(CLOCKSHIFT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "BENCH_CLOCK_OFFSET_MS": str(offset_ms)}


class OurConnector:
    """Configs, catalogs and `read` runs of our connector; discover runs once."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.streams: list[dict[str, Any]] | None = None

    def config(self, emulator: Emulator, orgs: list[str], start_date: str, workers: int | None = None) -> Path:
        config: dict[str, Any] = {
            "credentials": {"auth_method": "access_token", "access_token": TOKEN},
            "org_ids": orgs,
            "start_date": start_date,
            "api_base_url": f"{emulator.url}/rest",
            "oauth_base_url": f"{emulator.url}/oauth/v2",
        }
        if workers is not None:
            config["num_workers"] = workers
        return write_json(self.workdir / f"ours-config-{len(orgs)}-{workers}-{emulator.url[-5:]}.json", config)

    def catalog(self, config: Path, label: str, names: list[str] | None, full_refresh: bool = False) -> Path:
        if self.streams is None:
            self.streams = discover([OUR_CLI, "discover", "--config", str(config)])
        return write_json(self.workdir / f"{label}.catalog.json", configured_catalog(self.streams, names, full_refresh))

    def read(
        self,
        label: str,
        emulator: Emulator,
        orgs: list[str],
        start_date: str,
        *,
        names: list[str] | None = None,
        workers: int | None = None,
        states: list[dict[str, Any]] | None = None,
        clock_offset_ms: int = 0,
        keep_log: bool = False,
        full_refresh: bool = False,
    ) -> Run:
        """One `read` (incremental where supported, from `states` if given) as one measured process."""
        config = self.config(emulator, orgs, start_date, workers)
        catalog = self.catalog(config, label, names, full_refresh)
        argv = [
            OUR_CLI,
            "read",
            "--config",
            str(config),
            "--catalog",
            str(catalog),
            *state_argv(self.workdir, label, states),
        ]
        return run_process(label, argv, emulator, self.workdir, shifted_env(clock_offset_ms), keep_log)

    def command(self, label: str, args: list[str], emulator: Emulator | None) -> Run:
        """`spec`, `check --config …`: a start-up measurement."""
        return run_process(label, [OUR_CLI, *args], emulator, self.workdir)
