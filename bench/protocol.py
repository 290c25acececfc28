"""Airbyte protocol plumbing: discover, configured catalogs, config and state files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from settings import ROOT


def discover(argv: list[str], env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The streams of `argv discover --config …` (argv includes the config)."""
    result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    for line in result.stdout.splitlines():
        if line.startswith("{") and '"CATALOG"' in line:
            return json.loads(line)["catalog"]["streams"]
    raise SystemExit(f"discover failed: {' '.join(argv[:2])}: {result.stderr[-1500:]}{result.stdout[-1500:]}")


def configured_catalog(
    streams: list[dict[str, Any]], names: list[str] | None, full_refresh: bool = False
) -> dict[str, Any]:
    """Every stream (or `names`), incremental where supported unless `full_refresh`."""
    chosen = [s for s in streams if names is None or s["name"] in names]
    return {"streams": [configured(stream, full_refresh) for stream in chosen]}


def configured(stream: dict[str, Any], full_refresh: bool) -> dict[str, Any]:
    incremental = "incremental" in stream["supported_sync_modes"] and not full_refresh
    return {
        "stream": stream,
        "sync_mode": "incremental" if incremental else "full_refresh",
        "destination_sync_mode": "append",
        "cursor_field": stream.get("default_cursor_field") or [],
    }


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value))
    return path


def state_argv(workdir: Path, label: str, states: list[dict[str, Any]] | None) -> list[str]:
    """`--state FILE` with the per-stream states of an earlier run, or nothing."""
    if not states:
        return []
    return ["--state", str(write_json(workdir / f"{label}.state.json", states))]
