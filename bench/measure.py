"""One connector process measured: OS accounting (wall, CPU, peak RSS), its messages, and its calls."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calls import call_stream, endpoint_of
from emulator import Emulator
from settings import LAUNCHER, ROOT, RUN_TIMEOUT_S


@dataclass
class Usage:
    """What the operating system accounted for one finished process (bench/launcher.py)."""

    wall_s: float = 0.0
    user_s: float = 0.0
    sys_s: float = 0.0
    maxrss_mib: float = 0.0

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s

    def add(self, other: Usage) -> None:
        self.wall_s += other.wall_s
        self.user_s += other.user_s
        self.sys_s += other.sys_s
        self.maxrss_mib = max(self.maxrss_mib, other.maxrss_mib)


@dataclass
class Run:
    """One logical run: a process (or several in sequence: the official connector reads one org each)."""

    label: str
    usage: Usage = field(default_factory=Usage)
    records: Counter = field(default_factory=Counter)
    calls: Counter = field(default_factory=Counter)  # by stream (calls.call_stream)
    endpoints: Counter = field(default_factory=Counter)  # by the request log's `resource`
    statuses: Counter = field(default_factory=Counter)
    stream_s: dict[str, float] = field(default_factory=dict)  # STARTED -> COMPLETE/INCOMPLETE per stream
    sync_s: float = 0.0  # first STARTED -> last COMPLETE: the wall time without start-up and imports
    errors: list[str] = field(default_factory=list)
    states: list[dict[str, Any]] = field(default_factory=list)  # the last STATE message of each stream
    outputs: list[Path] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)  # request log, when kept
    processes: int = 0

    @property
    def total_records(self) -> int:
        return sum(self.records.values())

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def wall_s(self) -> float:
        return self.usage.wall_s

    def add(self, other: Run) -> None:
        """Another process of the same logical run, one after the other."""
        self.usage.add(other.usage)
        self.sync_s += other.sync_s
        for mine, theirs in (
            (self.records, other.records),
            (self.calls, other.calls),
            (self.endpoints, other.endpoints),
            (self.statuses, other.statuses),
        ):
            mine.update(theirs)
        for name, seconds in other.stream_s.items():
            self.stream_s[name] = self.stream_s.get(name, 0.0) + seconds
        self.errors.extend(other.errors)
        self.states.extend(other.states)
        self.outputs.extend(other.outputs)
        self.entries.extend(other.entries)
        self.processes += other.processes


def launch(argv: list[str], workdir: Path, label: str, env: dict[str, str] | None = None) -> tuple[int, Usage, Path]:
    """Run argv under bench/launcher.py, stdout to LABEL.out.jsonl, stderr to LABEL.err.txt."""
    out_path, err_path, usage_path = (workdir / f"{label}{suffix}" for suffix in (".out.jsonl", ".err.txt", ".usage"))
    with out_path.open("w") as out, err_path.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(usage_path), *argv],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            process.wait(timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the launcher's own process group: it and the connector
            process.wait()
            err.write(f"\nbench: killed after {RUN_TIMEOUT_S} s\n")
    figures = json.loads(usage_path.read_text()) if usage_path.exists() else {}
    usage = Usage(
        figures.get("wall_s", 0.0),
        figures.get("user_s", 0.0),
        figures.get("sys_s", 0.0),
        figures.get("maxrss_kib", 0) / 1024,
    )
    return process.returncode, usage, out_path


def run_process(
    label: str,
    argv: list[str],
    emulator: Emulator | None,
    workdir: Path,
    env: dict[str, str] | None = None,
    keep_log: bool = False,
) -> Run:
    """Run one connector process against the emulator (log cleared first) and account for it."""
    if emulator is not None:
        emulator.clear_log()
    code, usage, out_path = launch(argv, workdir, label, env)
    run = Run(label=label, usage=usage, processes=1, outputs=[out_path])
    read_messages(out_path, run)
    if code != 0 and not run.errors:
        run.errors.append(f"exit code {code}: {(workdir / f'{label}.err.txt').read_text()[-300:]}")
    if emulator is not None:
        account_calls(run, emulator.request_log(), keep_log)
    return run


def account_calls(run: Run, entries: list[dict[str, Any]], keep_log: bool) -> None:
    for entry in entries:
        run.calls[call_stream(entry)] += 1
        run.endpoints[endpoint_of(entry)] += 1
        run.statuses[str(entry.get("status"))] += 1
    if keep_log:
        run.entries = entries


def read_messages(path: Path, run: Run) -> None:
    """Records per stream, stream status times, errors and the last state of each stream."""
    started: dict[str, float] = {}
    last_complete = 0.0
    states: dict[str, dict[str, Any]] = {}
    with path.open() as lines:
        for line in lines:
            if not line.startswith("{"):
                continue
            message = json.loads(line)
            kind = message.get("type")
            if kind == "RECORD":
                run.records[message["record"]["stream"]] += 1
            elif kind == "STATE":
                states[state_key(message["state"])] = message["state"]
            elif kind == "TRACE":
                last_complete = max(last_complete, read_trace(message["trace"], run, started))
    if started and last_complete:
        run.sync_s = (last_complete - min(started.values())) / 1000
    run.states = list(states.values())


def read_trace(trace: dict[str, Any], run: Run, started: dict[str, float]) -> float:
    """An ERROR or STREAM_STATUS trace; returns the time of a COMPLETE/INCOMPLETE status (else 0)."""
    if trace.get("type") == "ERROR":
        run.errors.append(trace["error"].get("message", "")[:300])
    if trace.get("type") != "STREAM_STATUS":
        return 0.0
    name = trace["stream_status"]["stream_descriptor"]["name"]
    status = trace["stream_status"]["status"]
    if status == "STARTED":
        started[name] = trace["emitted_at"]
    elif status in ("COMPLETE", "INCOMPLETE") and name in started:
        run.stream_s[name] = (trace["emitted_at"] - started[name]) / 1000
        return trace["emitted_at"]
    return 0.0


def state_key(state: dict[str, Any]) -> str:
    if state.get("type") == "STREAM":
        return state["stream"]["stream_descriptor"]["name"]
    return str(state.get("type"))


def records_of(run: Run, stream: str) -> list[dict[str, Any]]:
    """The record data of one stream from the run's output files (read again; nothing is kept in memory)."""
    found: list[dict[str, Any]] = []
    for path in run.outputs:
        with path.open() as lines:
            for line in lines:
                if line.startswith('{"type":"RECORD"') or line.startswith('{"type": "RECORD"'):
                    record = json.loads(line)["record"]
                    if record["stream"] == stream:
                        found.append(record["data"])
    return found
