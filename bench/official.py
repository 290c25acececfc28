"""The official connector: its own Python 3.10 venv (PyPI 1.0.17), configs, and its runs per organization."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from emulator import Emulator
from measure import Run, run_process
from ours import shifted_env
from protocol import configured_catalog, discover, state_argv, write_json
from settings import BENCH, ROOT, SHARED_STREAMS, TOKEN, log

OFFICIAL_VENV = BENCH / ".venv-official"
OFFICIAL_PACKAGE = "airbyte-source-linkedin-pages==1.0.17"
RUNNER = BENCH / "official_runner.py"
PROBE = (
    "import yaml, source_linkedin_pages, airbyte_cdk.entrypoint; "
    "from airbyte_cdk.sources.declarative.manifest_declarative_source import ManifestDeclarativeSource"
)


def find_python310() -> str | None:
    """python3.10 on PATH or from pyenv: airbyte-cdk 0.80 (the official 1.0.17's) imports only on <= 3.10."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = [shutil.which("python3.10")]
    candidates += [str(p) for p in sorted(pyenv_root.glob("versions/3.10*/bin/python3.10"), reverse=True)]
    check = "import sys; assert sys.version_info[:2] == (3, 10)"
    return next(
        (c for c in candidates if c and subprocess.run([c, "-c", check], capture_output=True).returncode == 0), None
    )


def venv_works(python: Path) -> bool:
    return python.exists() and subprocess.run([str(python), "-I", "-c", PROBE], capture_output=True).returncode == 0


def ensure_venv() -> Path | None:
    """bench/.venv-official with the official package; made (again, from scratch) when it does not import."""
    python = OFFICIAL_VENV / "bin" / "python"
    if venv_works(python):
        return python
    base = find_python310()
    if base is None:
        log("python3.10 not found (the official 1.0.17's airbyte-cdk 0.80 needs Python <= 3.10): skipping it")
        return None
    log(f"creating {OFFICIAL_VENV.relative_to(ROOT)} with {base} and installing {OFFICIAL_PACKAGE} (once)")
    shutil.rmtree(OFFICIAL_VENV, ignore_errors=True)
    subprocess.run([base, "-m", "venv", str(OFFICIAL_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", OFFICIAL_PACKAGE]
    subprocess.run(pip, check=True)
    if not venv_works(python):
        raise SystemExit(f"{OFFICIAL_VENV} does not import the official connector; delete it and rerun")
    return python


class OfficialConnector:
    """The official connector, one process per organization (it reads one `org_id`)."""

    def __init__(self, python: Path, workdir: Path, manifest: Path | None = None) -> None:
        self.python = python
        self.workdir = workdir
        self.manifest = manifest
        self.streams: list[dict[str, Any]] | None = None
        self.active_version = ""  # the LinkedIn-Version patched in (the emulator's newest active one)

    @property
    def release(self) -> str:
        if self.manifest is None:
            return "1.0.17 (PyPI package, airbyte-cdk 0.80)"
        return f"manifest {self.manifest.name} (run on our airbyte-cdk, as source-declarative-manifest does)"

    def env(self, emulator: Emulator, mode: str, version: str, offset_ms: int = 0) -> dict[str, str]:
        env = {
            **(shifted_env(offset_ms) or os.environ),
            "BENCH_EMULATOR_URL": emulator.url,
            "BENCH_OFFICIAL_MODE": mode,
            "BENCH_LINKEDIN_VERSION": version,
        }
        if self.manifest is not None:
            env["BENCH_OFFICIAL_MANIFEST"] = str(self.manifest)
        return env

    def config(self, org: str, start_date: str) -> Path:
        config = {
            "credentials": {"auth_method": "access_token", "access_token": TOKEN},
            "org_id": org,
            "start_date": f"{start_date}T00:00:00Z",
            "time_granularity_type": "DAY",
        }
        return write_json(self.workdir / f"official-config-{org}.json", config)

    def argv(self) -> list[str]:
        python = sys.executable if self.manifest is not None else str(self.python)
        return [python, str(RUNNER)]

    def catalog(self, label: str, config: Path, env: dict[str, str]) -> Path:
        if self.streams is None:
            self.streams = discover([*self.argv(), "discover", "--config", str(config)], env)
        return write_json(self.workdir / f"{label}.catalog.json", configured_catalog(self.streams, SHARED_STREAMS))

    def read(
        self,
        label: str,
        emulator: Emulator,
        orgs: list[str],
        start_date: str,
        *,
        mode: str = "active",
        version: str = "",
        states: list[dict[str, Any]] | None = None,
        clock_offset_ms: int = 0,
        keep_log: bool = False,
    ) -> Run:
        """The six streams, one process per organization in sequence; `states` only with one organization."""
        total = Run(label=label)
        self.active_version = version or emulator.versions()[-1]
        env = self.env(emulator, mode, self.active_version, clock_offset_ms)
        for org in orgs:
            config = self.config(org, start_date)
            catalog = self.catalog(label, config, {**env, "BENCH_OFFICIAL_MODE": "active"})
            argv = [
                *self.argv(),
                "read",
                "--config",
                str(config),
                "--catalog",
                str(catalog),
                *state_argv(self.workdir, f"{label}-{org}", states),
            ]
            total.add(run_process(f"{label}-{org}", argv, emulator, self.workdir, env, keep_log))
        return total
