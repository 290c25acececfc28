"""`make bench`: our connector and the official one against the LinkedIn emulator — calls, records/s, wall time, memory.

A benchmark, not a test: it measures and reports (stdout and bench/results.md); it fails only when a
run itself fails. See bench/README-section.md for what is measured and how.

    .venv/bin/python bench/run.py [--scenarios small,large] [--latencies 0,100] [--no-official]
                                  [--no-workers] [--workers 1,4,8]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from source_linkedin_pages.api.constants import DEFAULT_WORKERS

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
OUR_CLI = str(Path(sys.executable).parent / "source-linkedin-pages")
OFFICIAL_VENV = BENCH / ".venv-official"
OFFICIAL_PACKAGE = "airbyte-source-linkedin-pages==1.0.17"
OFFICIAL_RUNNER = BENCH / "official_runner.py"
MAXRSS = BENCH / "maxrss.py"
LINKEDIN_VERSION = "202610"  # an active version; the official manifest's 202403 is sunset
SEED = 7
RUN_TIMEOUT_S = 1800

# Sizes per organization (posts) or per post (comments, reactions: the emulator draws 0..2x per post).
SCENARIOS: dict[str, dict[str, int]] = {
    "small": {"orgs": 1, "posts": 200, "days": 365, "comments": 3, "reactions": 5},
    "large": {"orgs": 5, "posts": 5000, "days": 365, "comments": 3, "reactions": 5},
}
SHARED_STREAMS = [
    "organization_lookup",
    "follower_statistics",
    "share_statistics",
    "total_follower_count",
    "follower_statistics_time_bound",
    "share_statistics_time_bound",
]
# One call per post (or per video and statistic type), and sequential within an organization's partition:
# at 100 ms latency the large scenario's ~55,000 of them would take ~25 min with 4 workers and ~95 min with
# one, so large @ 100 ms reads every other stream (see README-section.md; large @ 0 ms reads them all).
FANOUT_STREAMS = ["comments", "reactions", "video_analytics"]
TIME_BOUND_SHARED = ["follower_statistics_time_bound", "share_statistics_time_bound"]
# Which stream a logged call serves. `posts` pages are listed once per sync and shared by every post
# stream; socialMetadata answers are shared by post_engagement, comments and reactions.
SHARED_CALL_NOTES = {
    "posts": "posts finder pages, shared by posts, post_statistics, post_engagement, comments, reactions, video_analytics",
    "post_engagement": "socialMetadata batches, shared by post_engagement, comments and reactions",
}


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# --------------------------------------------------------------------------------------------- emulator
class Emulator:
    def __init__(self, sizes: dict[str, int]) -> None:
        args = [f"--{key}={value}" for key, value in sizes.items()]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "linkedin_emulator", "--port", "0", "--seed", str(SEED), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if "listening on" not in line:
            self.process.kill()
            raise SystemExit(f"the emulator did not start: {line!r}")
        self.url = line.strip().rsplit(" ", 1)[-1]
        self.session = requests.Session()

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = self.session.request(method, f"{self.url}/_emulator{path}", json=body, timeout=120)
        response.raise_for_status()
        return response.json()

    def set_latency(self, ms: int) -> None:
        self.control("POST", "/latency", {"ms": ms})

    def clear_log(self) -> None:
        self.control("DELETE", "/requests")

    def requests(self) -> list[dict[str, Any]]:
        return self.control("GET", "/requests")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def org_ids(count: int) -> list[str]:
    return [str(2414183 + 1000 * i) for i in range(count)]


def call_stream(entry: dict[str, Any]) -> str:
    """The stream a logged /rest or /oauth call served (see SHARED_CALL_NOTES for calls several streams use)."""
    resource = entry.get("resource") or ""
    params = entry.get("params") or {}
    time_bound = any(str(key).startswith("timeIntervals") for key in params)
    if str(entry.get("path", "")).startswith("/oauth"):
        return "(oauth)"
    if resource == "organizations":
        return "organization_lookup" if entry.get("restli_method") == "GET" else "(organization resolution)"
    if resource == "organizationAcls":
        return "(organization discovery)"
    if resource == "organizationalEntityFollowerStatistics":
        return "follower_statistics_time_bound" if time_bound else "follower_statistics"
    if resource == "organizationalEntityShareStatistics":
        if "shares" in params or "ugcPosts" in params:
            return "post_statistics"
        return "share_statistics_time_bound" if time_bound else "share_statistics"
    if resource == "organizationPageStatistics":
        return "page_statistics_time_bound" if time_bound else "page_statistics"
    if resource == "networkSizes":
        return "total_follower_count"
    if resource in ("socialMetadata", "socialActions"):
        return "post_engagement"
    if resource == "videoAnalytics":
        return "video_analytics"
    return resource or "(unknown)"


# --------------------------------------------------------------------------------------------- runs
@dataclass
class Run:
    label: str
    wall_s: float = 0.0
    max_rss_mib: float = 0.0
    records: Counter = field(default_factory=Counter)
    calls: Counter = field(default_factory=Counter)
    stream_s: dict[str, float] = field(default_factory=dict)  # STARTED -> COMPLETE per stream
    sync_s: float = 0.0  # first STARTED -> last COMPLETE: the wall time without process start-up and imports
    errors: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)  # HTTP status of logged calls
    processes: int = 0

    @property
    def total_records(self) -> int:
        return sum(self.records.values())

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    def add(self, other: Run) -> None:
        """Another sequential process of the same logical run (the official connector reads one org per run)."""
        self.wall_s += other.wall_s
        self.sync_s += other.sync_s
        self.max_rss_mib = max(self.max_rss_mib, other.max_rss_mib)
        self.records.update(other.records)
        self.calls.update(other.calls)
        self.statuses.update(other.statuses)
        for name, seconds in other.stream_s.items():
            self.stream_s[name] = self.stream_s.get(name, 0.0) + seconds
        self.errors.extend(other.errors)
        self.processes += other.processes


def run_process(
    label: str, argv: list[str], emulator: Emulator, workdir: Path, env: dict[str, str] | None = None
) -> Run:
    """Run one connector process (stdout to a file) under bench/maxrss.py for its peak RSS; read the emulator log."""
    emulator.clear_log()
    out_path, err_path = workdir / f"{label}.out.jsonl", workdir / f"{label}.err.txt"
    rss_path = workdir / f"{label}.maxrss"
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, str(MAXRSS), str(rss_path), *argv],
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
        wall = time.monotonic() - started
    max_rss_kib = int(rss_path.read_text() or 0) if rss_path.exists() else 0
    run = Run(label=label, wall_s=wall, max_rss_mib=max_rss_kib / 1024, processes=1)
    started_at: dict[str, float] = {}
    last_complete = 0.0
    with out_path.open() as lines:
        for line in lines:
            if not line.startswith("{"):
                continue
            message = json.loads(line)
            kind = message.get("type")
            if kind == "RECORD":
                run.records[message["record"]["stream"]] += 1
            elif kind == "TRACE":
                trace = message["trace"]
                if trace.get("type") == "ERROR":
                    run.errors.append(trace["error"].get("message", "")[:300])
                elif trace.get("type") == "STREAM_STATUS":
                    name = trace["stream_status"]["stream_descriptor"]["name"]
                    status_name = trace["stream_status"]["status"]
                    if status_name == "STARTED":
                        started_at[name] = trace["emitted_at"]
                    elif status_name in ("COMPLETE", "INCOMPLETE") and name in started_at:
                        run.stream_s[name] = (trace["emitted_at"] - started_at[name]) / 1000
                        last_complete = max(last_complete, trace["emitted_at"])
    if started_at and last_complete:
        run.sync_s = (last_complete - min(started_at.values())) / 1000
    if process.returncode != 0 and not run.errors:
        run.errors.append(f"exit code {process.returncode}: {err_path.read_text()[-300:]}")
    for entry in emulator.requests():
        run.calls[call_stream(entry)] += 1
        run.statuses[str(entry.get("status"))] += 1
    return run


def configured_catalog(streams: list[dict[str, Any]], names: list[str] | None) -> dict[str, Any]:
    chosen = [s for s in streams if names is None or s["name"] in names]
    return {
        "streams": [
            {
                "stream": stream,
                "sync_mode": "incremental" if "incremental" in stream["supported_sync_modes"] else "full_refresh",
                "destination_sync_mode": "append",
                "cursor_field": stream.get("default_cursor_field") or [],
            }
            for stream in chosen
        ]
    }


def discover(argv: list[str], env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    for line in result.stdout.splitlines():
        if line.startswith("{") and '"CATALOG"' in line:
            return json.loads(line)["catalog"]["streams"]
    raise SystemExit(f"discover failed: {' '.join(argv[:2])}: {result.stderr[-1500:]}{result.stdout[-1500:]}")


class Ours:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.streams: list[dict[str, Any]] | None = None

    def config(self, emulator: Emulator, orgs: list[str], start_date: str, workers: int | None) -> Path:
        config: dict[str, Any] = {
            "credentials": {"auth_method": "access_token", "access_token": "emu-token-full"},
            "org_ids": orgs,
            "start_date": start_date,
            "api_version": LINKEDIN_VERSION,
            "api_base_url": f"{emulator.url}/rest",
            "oauth_base_url": f"{emulator.url}/oauth/v2",
        }
        if workers is not None:
            config["num_workers"] = workers
        path = self.workdir / f"ours-config-{len(orgs)}-{workers}.json"
        path.write_text(json.dumps(config))
        return path

    def run(
        self,
        label: str,
        emulator: Emulator,
        orgs: list[str],
        start_date: str,
        names: list[str] | None = None,
        workers: int | None = None,
    ) -> Run:
        config = self.config(emulator, orgs, start_date, workers)
        if self.streams is None:
            self.streams = discover([OUR_CLI, "discover", "--config", str(config)])
        catalog = self.workdir / f"{label}.catalog.json"
        catalog.write_text(json.dumps(configured_catalog(self.streams, names)))
        return run_process(
            label, [OUR_CLI, "read", "--config", str(config), "--catalog", str(catalog)], emulator, self.workdir
        )


def find_python310() -> str | None:
    candidates = [shutil.which("python3.10")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += [str(p) for p in sorted(pyenv_root.glob("versions/3.10*/bin/python3.10"), reverse=True)]
    for candidate in candidates:
        if (
            candidate
            and subprocess.run(
                [candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 10)"], capture_output=True
            ).returncode
            == 0
        ):
            return candidate
    return None


def official_venv_works(python: Path) -> bool:
    probe = (
        "import yaml, source_linkedin_pages, airbyte_cdk.entrypoint; "
        "from airbyte_cdk.sources.declarative.manifest_declarative_source import ManifestDeclarativeSource"
    )
    return python.exists() and subprocess.run([str(python), "-I", "-c", probe], capture_output=True).returncode == 0


def ensure_official_venv() -> Path | None:
    """bench/.venv-official with the official package; made (again, from scratch) when it does not import."""
    python = OFFICIAL_VENV / "bin" / "python"
    if official_venv_works(python):
        return python
    base = find_python310()
    if base is None:
        log(
            "python3.10 not found (the official connector's airbyte-cdk 0.80 imports only on Python <= 3.10): skipping it"
        )
        return None
    log(f"creating {OFFICIAL_VENV.relative_to(ROOT)} with {base} and installing {OFFICIAL_PACKAGE} (once)")
    shutil.rmtree(OFFICIAL_VENV, ignore_errors=True)
    subprocess.run([base, "-m", "venv", str(OFFICIAL_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", OFFICIAL_PACKAGE], check=True
    )
    if not official_venv_works(python):
        raise SystemExit(f"{OFFICIAL_VENV} does not import the official connector; delete it and rerun")
    return python


class Official:
    def __init__(self, python: Path, workdir: Path) -> None:
        self.python = python
        self.workdir = workdir
        self.streams: list[dict[str, Any]] | None = None

    def env(self, emulator: Emulator) -> dict[str, str]:
        return {**os.environ, "BENCH_EMULATOR_URL": emulator.url, "BENCH_LINKEDIN_VERSION": LINKEDIN_VERSION}

    def run(self, label: str, emulator: Emulator, orgs: list[str], start_date: str) -> Run:
        """One process per organization (the official connector reads one `org_id`), run one after the other."""
        total = Run(label=label)
        for org in orgs:
            config = self.workdir / f"official-config-{org}.json"
            config.write_text(
                json.dumps(
                    {
                        "credentials": {"auth_method": "access_token", "access_token": "emu-token-full"},
                        "org_id": org,
                        "start_date": f"{start_date}T00:00:00Z",
                        "time_granularity_type": "DAY",
                    }
                )
            )
            argv = [str(self.python), str(OFFICIAL_RUNNER)]
            if self.streams is None:
                self.streams = discover([*argv, "discover", "--config", str(config)], self.env(emulator))
            catalog = self.workdir / f"{label}.catalog.json"
            catalog.write_text(json.dumps(configured_catalog(self.streams, SHARED_STREAMS)))
            total.add(
                run_process(
                    f"{label}-{org}",
                    [*argv, "read", "--config", str(config), "--catalog", str(catalog)],
                    emulator,
                    self.workdir,
                    self.env(emulator),
                )
            )
        return total


# --------------------------------------------------------------------------------------------- report
def ratio(a: float, b: float) -> str:
    if not b:
        return "–"
    value = a / b
    return f"{value:.2f}×" if value >= 0.1 else f"1/{b / a:.0f}" if a else "0"


def fmt_rate(records: int, seconds: float) -> str:
    return f"{records / seconds:,.0f}" if seconds > 0 else "–"


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def stream_table(run: Run) -> str:
    names = list(dict.fromkeys([*run.records, *run.calls, *run.stream_s]))
    rows = []
    for name in names:
        records, calls, seconds = run.records.get(name, 0), run.calls.get(name, 0), run.stream_s.get(name)
        rows.append(
            [
                name + (" ¹" if name in SHARED_CALL_NOTES else ""),
                f"{records:,}",
                f"{calls:,}",
                f"{calls / records:.3f}" if records else "–",
                f"{seconds:.2f}" if seconds is not None else "–",
                fmt_rate(records, seconds or 0),
            ]
        )
    rows.append(
        [
            "**total (one process)**",
            f"**{run.total_records:,}**",
            f"**{run.total_calls:,}**",
            f"**{run.total_calls / max(run.total_records, 1):.3f}**",
            f"**{run.wall_s:.2f}** wall",
            f"**{fmt_rate(run.total_records, run.wall_s)}**",
        ]
    )
    return table(["stream", "records", "API calls", "calls/record", "stream time s", "records/s"], rows) + (
        f"\n\nPeak RSS of the connector process: **{run.max_rss_mib:.0f} MiB**. "
        f"HTTP statuses: {dict(run.statuses)}." + (f" ERRORS: {run.errors}" if run.errors else "")
    )


def fanout_note(results: dict[str, Any], key: str) -> str:
    """What the per-post fan-out streams left out of `key` would cost, from the same data at 0 ms (a projection)."""
    latency = int(key.split("@")[1].removesuffix("ms"))
    zero = results["runs"].get(key.split("@")[0] + "@0ms")
    if zero is None or zero["streams"] is not None:
        return f"{', '.join(FANOUT_STREAMS)} were not read at this latency."
    calls = {name: zero["ours_all"].calls.get(name, 0) for name in FANOUT_STREAMS}
    orgs = SCENARIOS[key.split("@")[0]]["orgs"]
    biggest = max(calls.values()) / orgs  # calls of the largest single partition (one organization of one stream)
    total = sum(calls.values())
    return (
        f"Not read at this latency: {', '.join(f'{n} ({c:,} calls at 0 ms)' for n, c in calls.items())}. "
        f"Projection, not measured: {total:,} calls × {latency} ms = {total * latency / 1000 / 60:.0f} min of "
        f"latency with one worker, ≥ {total * latency / 1000 / 60 / 4:.0f} min with 4; and because the calls of one "
        f"organization's partition are made one after the other, no worker count brings it under "
        f"~{biggest * latency / 1000 / 60:.1f} min (the largest partition, ~{biggest:,.0f} calls)."
    )


def machine() -> dict[str, str]:
    mem_kib = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )

    def version_of(python: str, code: str) -> str:
        result = subprocess.run([python, "-c", code], capture_output=True, text=True)
        return result.stdout.strip() or "?"

    cdk = "from importlib.metadata import version; print(version('airbyte-cdk'))"
    info = {
        "cpu": f"{os.cpu_count()} cores ({cpu})",
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "ours": f"Python {platform.python_version()}, airbyte-cdk {version_of(sys.executable, cdk)}",
    }
    official_python = OFFICIAL_VENV / "bin" / "python"
    if official_python.exists():
        info["official"] = (
            f"{OFFICIAL_PACKAGE}: Python "
            f"{version_of(str(official_python), 'import platform; print(platform.python_version())')}, "
            f"airbyte-cdk {version_of(str(official_python), cdk)}"
        )
    return info


# --------------------------------------------------------------------------------------------- main
ALL_STREAM_COUNT = 14


def subset_for(scenario: str, latency: int, fanout_at_latency: bool) -> list[str] | None:
    """None (every stream) except large with latency, which leaves out the per-post fan-out streams."""
    if scenario != "large" or latency == 0 or fanout_at_latency:
        return None
    from source_linkedin_pages.streams import ALL_STREAMS  # the installed connector's own stream list

    return [stream.name for stream in ALL_STREAMS if stream.name not in FANOUT_STREAMS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default="small,large")
    parser.add_argument("--latencies", default="0,100")
    parser.add_argument("--no-official", action="store_true")
    parser.add_argument("--no-workers", action="store_true", help="skip the worker comparison (large @ 100 ms)")
    parser.add_argument("--workers", default="1,4,8", help="num_workers values compared on large @ 100 ms")
    parser.add_argument(
        "--fanout-at-latency",
        action="store_true",
        help="also read comments, reactions and video_analytics in large @ 100 ms (about 30-100 min)",
    )
    parser.add_argument("--results", default=str(BENCH / "results.md"))
    args = parser.parse_args()
    scenarios = [s for s in args.scenarios.split(",") if s]
    latencies = [int(x) for x in args.latencies.split(",") if x]
    worker_counts = [int(x) for x in args.workers.split(",") if x]
    bench_started = time.monotonic()

    OUT.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
    official_python = None if args.no_official else ensure_official_venv()
    ours = Ours(workdir)
    official = Official(official_python, workdir) if official_python else None
    # Same window for both: 364 days back from today (UTC), so it stays inside LinkedIn's 12 months.
    start_date = (datetime.now(UTC).date() - timedelta(days=364)).isoformat()
    results: dict[str, Any] = {"start_date": start_date, "runs": {}}

    for scenario in scenarios:
        sizes = SCENARIOS[scenario]
        orgs = org_ids(sizes["orgs"])
        log(f"scenario {scenario}: starting the emulator ({sizes})")
        emulator = Emulator(sizes)
        try:
            for latency in latencies:
                emulator.set_latency(latency)
                key = f"{scenario}@{latency}ms"
                names = subset_for(scenario, latency, args.fanout_at_latency)
                log(
                    f"{key}: our connector, {'all streams' if names is None else f'{len(names)} streams (no per-post fan-out)'}"
                    " (incremental where supported), default workers"
                )
                full = ours.run(f"{scenario}-{latency}-ours-all", emulator, orgs, start_date, names)
                log(
                    f"{key}: {full.total_records:,} records, {full.total_calls:,} calls, {full.wall_s:.1f} s, "
                    f"{full.max_rss_mib:.0f} MiB{' ERRORS' if full.errors else ''}"
                )
                log(f"{key}: our connector, the six shared streams")
                shared = ours.run(f"{scenario}-{latency}-ours-shared", emulator, orgs, start_date, SHARED_STREAMS)
                log(f"{key}: {shared.total_records:,} records, {shared.total_calls:,} calls, {shared.wall_s:.1f} s")
                entry: dict[str, Any] = {"ours_all": full, "ours_shared": shared, "streams": names}
                if official is not None:
                    log(f"{key}: official connector, the six shared streams, one process per organization")
                    theirs = official.run(f"{scenario}-{latency}-official", emulator, orgs, start_date)
                    log(
                        f"{key}: {theirs.total_records:,} records, {theirs.total_calls:,} calls, "
                        f"{theirs.wall_s:.1f} s{' ERRORS ' + str(theirs.errors[:1]) if theirs.errors else ''}"
                    )
                    entry["official"] = theirs
                results["runs"][key] = entry
            if scenario == "large" and not args.no_workers:
                emulator.set_latency(100)
                names = subset_for("large", 100, args.fanout_at_latency)
                results["workers_streams"] = names
                workers: dict[int, Run] = {}
                for count in worker_counts:
                    if count == DEFAULT_WORKERS and "large@100ms" in results["runs"]:
                        workers[count] = results["runs"]["large@100ms"]["ours_all"]  # the default: already measured
                        continue
                    log(f"large@100ms: our connector, same streams, num_workers={count}")
                    workers[count] = ours.run(f"large-100-workers-{count}", emulator, orgs, start_date, names, count)
                    log(
                        f"  {workers[count].wall_s:.1f} s, {workers[count].total_calls:,} calls, "
                        f"{workers[count].max_rss_mib:.0f} MiB"
                    )
                results["workers"] = workers
        finally:
            emulator.stop()
            log(f"scenario {scenario}: emulator stopped")

    results["bench_s"] = time.monotonic() - bench_started
    text = render(results, scenarios, latencies)
    Path(args.results).write_text(text)
    print("\n" + text)
    log(
        f"wrote {Path(args.results).relative_to(ROOT) if Path(args.results).is_relative_to(ROOT) else args.results}; "
        f"bench took {results['bench_s'] / 60:.1f} min; raw output in {workdir.relative_to(ROOT)}"
    )
    failed = [
        f"{key}/{name}"
        for key, entry in results["runs"].items()
        for name, run in entry.items()
        if isinstance(run, Run) and run.errors
    ]
    failed += [f"workers={n}" for n, run in (results.get("workers") or {}).items() if run.errors]
    if failed:
        print(f"runs with errors: {failed}", file=sys.stderr)
        return 1
    return 0


def render(results: dict[str, Any], scenarios: list[str], latencies: list[int]) -> str:
    info = machine()
    out = [
        "# Benchmark results (`make bench`)",
        "",
        f"Generated {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} by `bench/run.py` in "
        f"{results['bench_s'] / 60:.1f} min. Numbers are from one run each; rerun to see the noise.",
        "",
        "## Machine",
        "",
    ]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += [
        "",
        "## Scenarios",
        "",
        f"Emulator `--seed {SEED}`, statistics for 365 days; both connectors read from `start_date` "
        f"{results['start_date']} (364 days back). Comments and reactions per post are drawn uniformly from "
        "0..2× the given mean, so most posts have some.",
        "",
    ]
    out.append(
        table(
            ["scenario", "organizations", "posts / org", "days", "comments / post (mean)", "reactions / post (mean)"],
            [
                [name, s["orgs"], f"{s['posts']:,}", s["days"], s["comments"], s["reactions"]]
                for name, s in SCENARIOS.items()
                if name in scenarios
            ],
        )
    )
    out += [
        "",
        "Latency is added by the emulator to every API call (0 ms and 100 ms). `stream time` is the "
        "stream's STARTED→COMPLETE status in the sync's own messages; our streams run concurrently, so these "
        "overlap and add up to more than the wall time. API calls are counted from the emulator's request log "
        "and assigned to streams by resource and parameters.",
        "",
        "¹ calls several streams share: " + "; ".join(f"`{k}` = {v}" for k, v in SHARED_CALL_NOTES.items()) + ".",
        "",
    ]

    goals: list[tuple[str, str, bool | None]] = []
    for key, entry in results["runs"].items():
        what = (
            "all streams"
            if entry["streams"] is None
            else (f"{len(entry['streams'])} streams: all but {', '.join(FANOUT_STREAMS)}")
        )
        out += [f"## {key}: our connector, {what}, default workers", "", stream_table(entry["ours_all"]), ""]
        if entry["streams"] is not None:
            out += [fanout_note(results, key), ""]
    out += [
        "## Ours vs official on the six shared streams",
        "",
        "Same organizations, same window, one sync each. The official 1.0.17 reads one `org_id` per process, "
        "so for several organizations it is run once per organization, one after the other (its wall time is "
        'the sum, its memory the largest). "Newest official" is the call pattern of the newest release '
        "(1.1.26, manifest-only): one call per day per time-bound stream, 365 × 2 per organization per year, "
        "plus the four lifetime calls. The official connector is run from its PyPI package with its manifest "
        "patched in memory (bench/official_runner.py): emulator URLs, LinkedIn-Version 202610 instead of the "
        "sunset 202403, the networkSizes path key percent-encoded and the time-bound window ending at 00:00 UTC "
        "two days ago instead of now minus 2 days (the emulator rejects both as shipped with 400); none of these "
        "changes the number of calls or records.",
        "",
    ]
    rows = []
    for key, entry in results["runs"].items():
        ours, theirs = entry["ours_shared"], entry.get("official")
        orgs = SCENARIOS[key.split("@")[0]]["orgs"]
        ours_tb = sum(ours.calls.get(name, 0) for name in TIME_BOUND_SHARED)
        newest_tb = 365 * 2 * orgs
        rows.append(
            [
                key,
                f"{ours.total_calls} / {theirs.total_calls if theirs else '–'} / {newest_tb + 4 * orgs}",
                f"{ours_tb} / {sum(theirs.calls.get(n, 0) for n in TIME_BOUND_SHARED) if theirs else '–'} / {newest_tb}",
                ratio(ours_tb, newest_tb),
                f"{ours.total_records:,} / {theirs.total_records:,}" if theirs else f"{ours.total_records:,}",
                f"{fmt_rate(ours.total_records, ours.wall_s)} / {fmt_rate(theirs.total_records, theirs.wall_s)}"
                if theirs
                else fmt_rate(ours.total_records, ours.wall_s),
                ratio(ours.total_records / ours.wall_s, theirs.total_records / theirs.wall_s) if theirs else "–",
                ratio(ours.total_records / ours.sync_s, theirs.total_records / theirs.sync_s)
                if theirs and ours.sync_s and theirs.sync_s
                else "–",
                f"{ours.wall_s:.2f} / {theirs.wall_s:.2f}" if theirs else f"{ours.wall_s:.2f}",
                ratio(ours.wall_s, theirs.wall_s) if theirs else "–",
                f"{ours.max_rss_mib:.0f} / {theirs.max_rss_mib:.0f}" if theirs else f"{ours.max_rss_mib:.0f}",
                ratio(ours.max_rss_mib, theirs.max_rss_mib) if theirs else "–",
            ]
        )
        goals.append(
            (
                f"{key}: time-bound calls ≤ 1/50 of the newest official pattern ({ours_tb} vs {newest_tb})",
                ratio(ours_tb, newest_tb),
                ours_tb * 50 <= newest_tb,
            )
        )
        if theirs and theirs.total_records and not theirs.errors:
            speed = (ours.total_records / ours.wall_s) / (theirs.total_records / theirs.wall_s)
            goals.append(
                (
                    f"{key}: records/s on the shared streams ≥ 3× official (process wall time)",
                    f"{speed:.2f}×",
                    speed >= 3,
                )
            )
            if ours.sync_s and theirs.sync_s:
                speed = (ours.total_records / ours.sync_s) / (theirs.total_records / theirs.sync_s)
                goals.append(
                    (
                        f"{key}: same, without process start-up (first stream STARTED → last COMPLETE)",
                        f"{speed:.2f}×",
                        speed >= 3,
                    )
                )
    out.append(
        table(
            [
                "scenario",
                "calls: ours / official 1.0.17 / newest official",
                "time-bound calls: ours / 1.0.17 / newest",
                "ours ÷ newest (time-bound)",
                "records: ours / official",
                "records/s: ours / official",
                "records/s ratio",
                "records/s ratio without start-up",
                "wall s: ours / official",
                "wall ratio",
                "peak RSS MiB: ours / official",
                "memory ratio",
            ],
            rows,
        )
    )
    out.append("")
    for key, entry in results["runs"].items():
        if "official" in entry:
            theirs = entry["official"]
            out += [
                f"<details><summary>{key}: official 1.0.17 per stream ({theirs.processes} process(es))</summary>",
                "",
                stream_table(theirs),
                "",
                "</details>",
                "",
            ]
            out += [
                f"<details><summary>{key}: ours, six shared streams per stream</summary>",
                "",
                stream_table(entry["ours_shared"]),
                "",
                "</details>",
                "",
            ]

    workers: dict[int, Run] = results.get("workers") or {}
    if workers:
        names = results.get("workers_streams")
        what = "all streams" if names is None else f"all streams but {', '.join(FANOUT_STREAMS)}"
        out += [
            f"## Workers: large @ 100 ms, {what}",
            "",
            f"`num_workers` in the config (default {DEFAULT_WORKERS}). Ratio is against one worker.",
            "",
        ]
        one = workers.get(1)
        out.append(
            table(
                ["num_workers", "wall s", "ratio to 1 worker", "API calls", "records", "peak RSS MiB"],
                [
                    [
                        n,
                        f"{r.wall_s:.1f}",
                        ratio(r.wall_s, one.wall_s) if one else "–",
                        f"{r.total_calls:,}",
                        f"{r.total_records:,}",
                        f"{r.max_rss_mib:.0f}",
                    ]
                    for n, r in sorted(workers.items())
                ],
            )
        )
        out.append("")
        if one:
            best_n, best = min(
                ((n, r) for n, r in workers.items() if n != 1), key=lambda item: item[1].wall_s, default=(None, None)
            )
            default = workers.get(DEFAULT_WORKERS)
            if default:
                goals.append(
                    (
                        f"large@100ms wall time with the default {DEFAULT_WORKERS} workers ≤ 1/3 of one worker",
                        ratio(default.wall_s, one.wall_s),
                        default.wall_s * 3 <= one.wall_s,
                    )
                )
            if best is not None and best_n != DEFAULT_WORKERS:
                goals.append(
                    (
                        f"large@100ms wall time with the best worker count ({best_n}) ≤ 1/3 of one worker",
                        ratio(best.wall_s, one.wall_s),
                        best.wall_s * 3 <= one.wall_s,
                    )
                )
    for latency in latencies:
        small, large = results["runs"].get(f"small@{latency}ms"), results["runs"].get(f"large@{latency}ms")
        if small and large:
            value = large["ours_all"].max_rss_mib / small["ours_all"].max_rss_mib
            goals.append(
                (
                    f"peak memory large ≤ 1.5× small @ {latency} ms "
                    f"({large['ours_all'].max_rss_mib:.0f} vs {small['ours_all'].max_rss_mib:.0f} MiB)",
                    f"{value:.2f}×",
                    value <= 1.5,
                )
            )
    out += [
        "## Goals",
        "",
        table(
            ["goal", "measured", "met"],
            [[g, m, "yes" if ok else "**no**" if ok is not None else "–"] for g, m, ok in goals],
        ),
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
