"""bench/results.md (and results.svg): machine, versions, every scenario's tables, the goals."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import chart
from fmt import table, yes_no
from official import OFFICIAL_PACKAGE, OFFICIAL_VENV
from report_daily import next_day_sections
from report_engagement import engagement_sections
from report_perf import backfill_sections, cpu_sections, startup_sections
from report_sync import official_sections, sync_sections
from results import Results
from settings import SEED, SHARED_STREAMS

Goal = tuple[str, str, bool | None]
CDK_VERSION = "from importlib.metadata import version; print(version('airbyte-cdk'))"


def version_of(python: str, code: str) -> str:
    result = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return result.stdout.strip() or "?"


def first_line(path: str, prefix: str) -> str:
    lines = Path(path).read_text().splitlines() if Path(path).exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), "?")


def machine() -> dict[str, str]:
    """CPU, memory, OS, load at report time, and both connectors' Python and CDK versions."""
    mem_kib = first_line("/proc/meminfo", "MemTotal").split()[0]
    info = {
        "cpu": f"{os.cpu_count()} cores ({first_line('/proc/cpuinfo', 'model name')})",
        "memory": f"{int(mem_kib) / 1024 / 1024:.1f} GiB" if mem_kib.isdigit() else "?",
        "os": f"{platform.system()} {platform.release()}",
        "load average (1, 5, 15 min) at report time": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "ours": f"Python {platform.python_version()}, airbyte-cdk {version_of(sys.executable, CDK_VERSION)}",
    }
    official_python = OFFICIAL_VENV / "bin" / "python"
    if official_python.exists():
        py = version_of(str(official_python), "import platform; print(platform.python_version())")
        info["official"] = (
            f"{OFFICIAL_PACKAGE}: Python {py}, airbyte-cdk {version_of(str(official_python), CDK_VERSION)}"
        )
    return info


def chart_rows(results: Results) -> tuple[list[chart.Row], str]:
    """The shared streams of the largest sync case with the official measured, at its lowest latency."""
    entries = [e for e in results.sync if e.official is not None]
    if not entries:
        return [], ""
    entry = max(entries, key=lambda e: (e.sizes.total_posts, -e.latency_ms))
    ours, theirs = entry.ours_shared, entry.official
    assert theirs is not None
    rows = [
        chart.Row(
            name,
            {"ours": ours.calls.get(name, 0), "official": theirs.calls.get(name, 0)},
            {
                who: run.records.get(name, 0) / run.stream_s[name]
                for who, run in (("ours", ours), ("official", theirs))
                if run.stream_s.get(name)
            },
        )
        for name in SHARED_STREAMS
    ]
    release = results.official.release.split(" (")[0] if results.official else "1.0.17"
    version = f"LinkedIn-Version {results.official_version}" if results.official_version else "an active version"
    return rows, f"Six shared streams, {entry.key} ({entry.sizes.label} posts): ours vs official {release} ({version})"


NOT_DEFAULT = (
    "> **Not `make bench`'s plan**: scenarios or sizes were chosen on the command line (below), so these are not "
    "the benchmark's numbers; `make bench` on a quiet machine regenerates this file."
)


def header(results: Results) -> list[str]:
    return [
        "# Benchmark results (`make bench`)",
        "",
        *([] if results.default_plan else [NOT_DEFAULT, ""]),
        f"Generated {results.generated} by `{results.command}` in {results.bench_s / 60:.1f} min. Every number "
        "is from one run on a machine that may be shared; rerun to see the noise.",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in machine().items()),
        "",
    ]


def scenarios_table(results: Results) -> list[str]:
    rows = [[f"sync {e.key}", e.sizes.label, e.sizes.comments, e.sizes.reactions] for e in results.sync]
    rows += [[f"next-day {n.variant}", n.sizes.label, n.sizes.comments, n.sizes.reactions] for n in results.next_day]
    if results.backfill:
        b = results.backfill
        rows.append([f"backfill @ {b.latency_ms} ms", b.sizes.label, b.sizes.comments, b.sizes.reactions])
    if results.cpu:
        rows.append(["cpu @ 0 ms", results.cpu.sizes.label, results.cpu.sizes.comments, results.cpu.sizes.reactions])
    if results.engagement:
        e = results.engagement.sizes
        rows.append(["engagement @ 0 ms", e.label, e.comments, e.reactions])
    return [
        "## Scenarios",
        "",
        f"Emulator `--seed {SEED}`, 365 days of statistics; every connector reads from `start_date` "
        f"{results.start_date} (364 days back). Comments and reactions per post are drawn uniformly from 0..2x "
        "the mean. API calls are counted from the emulator's request log and assigned to streams by resource "
        "and parameters; ¹ marks calls several streams share (`posts` finder pages serve every post stream, "
        "`socialMetadata` batches serve post_engagement, comments and reactions).",
        "",
        table(["scenario", "organizations x posts", "comments / post (mean)", "reactions / post (mean)"], rows),
        "",
    ]


def render(results: Results, svg_name: str | None) -> str:
    goals: list[Goal] = []
    out = header(results) + scenarios_table(results)
    if results.sync:
        out += ["## Full syncs (`sync`)", "", *sync_sections(results)]
    if results.official or any(e.official for e in results.sync):
        lines, more = official_sections(results)
        out += ["## The official connector, measured", "", *lines]
        goals += more
    for title, (lines, more) in (
        ("## The next-day sync (`next-day`)", next_day_sections(results)),
        ("## The full backfill at latency (`backfill`)", backfill_sections(results)),
        ("## CPU against the floor (`cpu`)", cpu_sections(results)),
        ("## Engagement streams before and after the per-partition cursor", engagement_sections(results)),
        ("## Start-up (`startup`)", startup_sections(results.startup)),
    ):
        if lines:
            out += [title, "", *lines]
            goals += more
    if svg_name:
        out += ["## Chart", "", f"![calls and records/s per shared stream, ours vs official]({svg_name})", ""]
    out += [
        "## Goals and headline figures",
        "",
        table(["what", "measured", "met"], [[g, m, yes_no(ok)] for g, m, ok in goals]),
        "",
    ]
    return "\n".join(out)


def write(results: Results, results_md: Path) -> Path | None:
    """results.md, and results.svg beside it when the official connector was compared; returns the SVG path."""
    rows, caption = chart_rows(results)
    svg = results_md.with_suffix(".svg") if rows else None
    if svg is not None:
        svg.write_text(chart.render(rows, caption))
    results_md.write_text(render(results, svg.name if svg else None))
    return svg
