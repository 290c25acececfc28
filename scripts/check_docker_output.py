"""Helper of scripts/test_docker.sh: writes the config and catalog, then checks what the connector image emitted."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOKEN = "emu-token-full"  # the emulator's token with every scope; it must never appear in any output
ENTRYPOINT = "python /airbyte/integration_code/main.py"
LEAK_MARKERS = ("emu-token-", "emu-client-secret", "emu-refresh-token", "emu-access-")


def make_config(url: str) -> dict[str, Any]:
    return {
        "credentials": {"auth_method": "access_token", "access_token": TOKEN},
        "api_base_url": f"{url}/rest",
        "oauth_base_url": f"{url}/oauth/v2",
    }


def messages(path: Path) -> Iterator[dict[str, Any]]:
    """The Airbyte messages of a command's stdout; other lines are skipped."""
    for line in path.read_text().splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict) and "type" in message:
            yield message


def configured_catalog(discover_output: Path) -> dict[str, Any]:
    """Every discovered stream, incremental where the stream supports it (so read emits per-stream STATE)."""
    catalogs = [m["catalog"] for m in messages(discover_output) if m["type"] == "CATALOG"]
    if len(catalogs) != 1:
        raise SystemExit(f"expected one CATALOG message, got {len(catalogs)}")
    streams = []
    for stream in catalogs[0]["streams"]:
        incremental = "incremental" in stream["supported_sync_modes"]
        streams.append(
            {
                "stream": stream,
                "sync_mode": "incremental" if incremental else "full_refresh",
                "destination_sync_mode": "append_dedup" if incremental else "overwrite",
                "cursor_field": stream.get("default_cursor_field", []) if incremental else [],
                "primary_key": stream.get("source_defined_primary_key", []),
            }
        )
    return {"streams": streams}


class Checks:
    """Collects PASS/FAIL lines in the shell script's results file."""

    def __init__(self, results: Path) -> None:
        self.results = results

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """`test` returns None when the check holds, else what is wrong; an exception counts as a failure."""
        try:
            problem = test()
        except Exception as exc:  # a broken output must fail the check, not stop the others
            problem = f"{type(exc).__name__}: {exc}"
        line = f"PASS {name}" if problem is None else f"FAIL {name}: {problem}"
        print(line, file=sys.stderr)
        with self.results.open("a") as handle:
            handle.write(line + "\n")


def _first_problem(problems: list[str]) -> str | None:
    return (
        "; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else "") if problems else None
    )


def verify(work: Path, results: Path) -> None:
    from airbyte_cdk.test import entrypoint_wrapper

    from source_linkedin_pages import SourceLinkedinPages

    checks = Checks(results)
    config = json.loads((work / "io" / "config.json").read_text())
    host_spec = json.loads((ROOT / "source_linkedin_pages" / "spec.json").read_text())

    def image_config() -> str | None:
        image = json.loads((work / "image_config.json").read_text())
        problems = []
        if image.get("User") != "airbyte":
            problems.append(f"User is {image.get('User')!r}")
        if f"AIRBYTE_ENTRYPOINT={ENTRYPOINT}" not in (image.get("Env") or []):
            problems.append(f"AIRBYTE_ENTRYPOINT not set to {ENTRYPOINT!r}")
        if image.get("Entrypoint") != ENTRYPOINT.split():
            problems.append(f"ENTRYPOINT is {image.get('Entrypoint')}")
        if image.get("WorkingDir") != "/airbyte/integration_code":
            problems.append(f"WorkingDir is {image.get('WorkingDir')!r}")
        return _first_problem(problems)

    def image_contents() -> str | None:
        lines = (work / "image_contents.txt").read_text().split()
        problems = []
        if not lines or lines[0] != "airbyte":
            problems.append(f"runs as {lines[:1]}")
        if "3.11." not in " ".join(lines[1:3]):
            problems.append(f"python is {' '.join(lines[1:3])}")
        for wanted in ("main.py", "source_linkedin_pages"):
            if wanted not in lines:
                problems.append(f"{wanted} missing")
        for unwanted in ("linkedin_emulator", "integration_tests", "unit_tests", "EMULATOR_IMPORTABLE", ".venv"):
            if unwanted in lines:
                problems.append(f"{unwanted} is in the image")
        return _first_problem(problems)

    def command_ok(name: str) -> str | None:
        rc = int((work / f"{name}.rc").read_text())
        errors = [
            m["trace"]["error"].get("message")
            for m in messages(work / f"{name}.out")
            if m["type"] == "TRACE" and m["trace"].get("type") == "ERROR"
        ]
        if rc != 0 or errors:
            tail = (work / f"{name}.err").read_text()[-300:]
            return f"exit code {rc}, TRACE errors {errors[:3]}, stderr tail {tail!r}"
        return None

    def spec() -> str | None:
        specs = [m["spec"] for m in messages(work / "spec.out") if m["type"] == "SPEC"]
        if len(specs) != 1:
            return f"{len(specs)} SPEC messages"
        if specs[0].get("connectionSpecification") != host_spec["connectionSpecification"]:
            return "connectionSpecification differs from source_linkedin_pages/spec.json"
        if specs[0].get("documentationUrl") != host_spec["documentationUrl"]:
            return "documentationUrl differs"
        return None

    def check() -> str | None:
        statuses = [m["connectionStatus"] for m in messages(work / "check.out") if m["type"] == "CONNECTION_STATUS"]
        if len(statuses) != 1 or statuses[0].get("status") != "SUCCEEDED":
            return f"connection statuses {statuses}"
        return None

    def discover() -> str | None:
        catalogs = [m["catalog"] for m in messages(work / "discover.out") if m["type"] == "CATALOG"]
        if len(catalogs) != 1:
            return f"{len(catalogs)} CATALOG messages"
        in_image = {s["name"] for s in catalogs[0]["streams"]}
        # The host's own discover, in process, is what "every stream the source has" means.
        host = entrypoint_wrapper.discover(SourceLinkedinPages(), config)
        expected = {s.name for s in host.catalog.catalog.streams}
        if in_image != expected or not expected:
            return f"missing {sorted(expected - in_image)}, unexpected {sorted(in_image - expected)}"
        return None

    def read() -> str | None:
        catalog = configured_catalog(work / "discover.out")
        output = list(messages(work / "read.out"))
        counts = Counter(m["record"]["stream"] for m in output if m["type"] == "RECORD")
        states = Counter(
            m["state"]["stream"]["stream_descriptor"]["name"]
            for m in output
            if m["type"] == "STATE" and m["state"].get("type") == "STREAM"
        )
        problems = []
        for configured in catalog["streams"]:
            name = configured["stream"]["name"]
            if counts[name] == 0:
                problems.append(f"no records for {name}")
            if configured["sync_mode"] == "incremental" and states[name] == 0:
                problems.append(f"no STATE for incremental stream {name}")
        validators = {
            c["stream"]["name"]: jsonschema.Draft7Validator(c["stream"]["json_schema"]) for c in catalog["streams"]
        }
        invalid = Counter()
        for message in output:
            if message["type"] == "RECORD":
                record = message["record"]
                if next(validators[record["stream"]].iter_errors(record["data"]), None) is not None:
                    invalid[record["stream"]] += 1
        problems += [f"{n} {stream} records do not match the schema" for stream, n in invalid.items()]
        print(
            f"read: {sum(counts.values())} records in {len(counts)} streams, {sum(states.values())} STATE messages",
            file=sys.stderr,
        )
        return _first_problem(problems)

    def no_secrets() -> str | None:
        leaks = []
        for path in sorted(work.glob("*.out")) + sorted(work.glob("*.err")):
            text = path.read_text()
            leaks += [f"{marker!r} in {path.name}" for marker in LEAK_MARKERS if marker in text]
        return _first_problem(leaks)

    checks.check("image config: user airbyte, AIRBYTE_ENTRYPOINT, ENTRYPOINT, WORKDIR", image_config)
    checks.check("image contents: Python 3.11, code only (no emulator or tests)", image_contents)
    for name, test in (("spec", spec), ("check", check), ("discover", discover), ("read", read)):
        checks.check(f"{name}: exit code 0, no TRACE ERROR", lambda name=name: command_ok(name))
        checks.check(f"{name}: output", test)
    checks.check("no secret in any output", no_secrets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("config").add_argument("url")
    commands.add_parser("catalog").add_argument("discover_output", type=Path)
    verify_parser = commands.add_parser("verify")
    verify_parser.add_argument("work", type=Path)
    verify_parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "config":
        print(json.dumps(make_config(args.url)))
    elif args.command == "catalog":
        print(json.dumps(configured_catalog(args.discover_output)))
    else:
        verify(args.work, args.results)


if __name__ == "__main__":
    main()
