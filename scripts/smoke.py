"""Smoke test of the installed connector: every verb of the console script against the LinkedIn emulator.

Runs `source-linkedin-pages` (the console script next to this interpreter, or --cli) as a user would:
`spec`; `check` with an access token, with OAuth and with a rejected token; `discover`; a `read` of every
stream (incremental where supported) and a second `read` resuming from the first one's state. Checks each
verb's exit code and messages (no TRACE error, the spec of spec.json, records in every stream that match the
discovered schemas, a STATE per incremental stream, no secret in any output). Prints one PASS/FAIL line per
check and ends with `N passed, N failed`; exits non-zero on any failure.

`make test-floors` runs it with every runtime dependency at its declared floor; it also works in `.venv`:
    .venv/bin/python scripts/smoke.py
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from check_docker_output import LEAK_MARKERS, configured_catalog, make_config  # noqa: E402

EMULATOR_ARGS = ["--port", "0", "--seed", "11", "--orgs", "2", "--posts", "12", "--days", "400",
                 "--comments", "3", "--reactions", "4"]
OAUTH = {"auth_method": "oAuth2.0", "client_id": "emu-client-id", "client_secret": "emu-client-secret",
         "refresh_token": "emu-refresh-token"}
RUNTIME_DEPENDENCIES = ("airbyte-cdk", "requests", "pendulum", "jsonschema")
Messages = list[dict[str, Any]]


class Smoke:
    def __init__(self, cli: Path, work: Path, timeout: float) -> None:
        self.cli, self.work, self.timeout = cli, work, timeout
        self.passed = self.failed = 0
        self.outputs: list[str] = []

    def run(self, name: str, args: list[str]) -> tuple[int, Messages, str]:
        """One command; returns (exit code, Airbyte messages, stderr). Its output is kept for the secret check."""
        started = time.monotonic()
        try:
            result = subprocess.run([str(self.cli), *args], capture_output=True, text=True, timeout=self.timeout,
                                    cwd=self.work)
            code, out, err = result.returncode, result.stdout, result.stderr
        except subprocess.TimeoutExpired as exc:
            code, out, err = -1, _text(exc.stdout), _text(exc.stderr) + f"\ntimed out after {self.timeout} s"
        self.outputs += [out, err]
        (self.work / f"{name}.out").write_text(out)
        (self.work / f"{name}.err").write_text(err)
        messages = []
        for line in out.splitlines():
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and "type" in message:
                messages.append(message)
        print(f"  ran `{' '.join(args[:1])}` ({name}) in {time.monotonic() - started:.1f} s", flush=True)
        return code, messages, err

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """`test` returns None when the check holds, else what is wrong; an exception is a failure too."""
        try:
            problem = test()
        except Exception as exc:  # a broken output fails this check, not the whole smoke
            problem = f"{type(exc).__name__}: {exc}"
        if problem is None:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {problem}", flush=True)


def _text(value: str | bytes | None) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else (value or "")


def _of_type(messages: Messages, kind: str) -> Messages:
    return [m for m in messages if m.get("type") == kind]


def command_problem(code: int, messages: Messages, err: str) -> str | None:
    # The internal message names the cause (an exception's text) where the user-facing one is generic.
    errors = [
        " / ".join(filter(None, (m["trace"]["error"].get("message"), m["trace"]["error"].get("internal_message"))))
        for m in _of_type(messages, "TRACE")
        if m["trace"].get("type") == "ERROR"
    ]
    if code != 0 or errors:
        return f"exit code {code}, TRACE errors {errors[:3]}, stderr tail {err[-600:]!r}"
    return None


def status_of(messages: Messages) -> tuple[str | None, str | None]:
    statuses = [m["connectionStatus"] for m in _of_type(messages, "CONNECTION_STATUS")]
    if len(statuses) != 1:
        return None, f"{len(statuses)} CONNECTION_STATUS messages"
    return statuses[0].get("status"), statuses[0].get("message")


def start_emulator(work: Path) -> tuple[subprocess.Popen[str], str]:
    # The emulator is not installed: it runs from the source tree, with the interpreter that runs this script.
    process = subprocess.Popen([sys.executable, "-m", "linkedin_emulator", *EMULATOR_ARGS], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline() if process.stdout else ""
    if "listening on" not in line:
        process.kill()
        raise SystemExit(f"the emulator did not start: {line!r}")
    return process, line.strip().rsplit(" ", 1)[-1]


def installed_versions() -> str:
    found = []
    for name in RUNTIME_DEPENDENCIES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def smoke(smoke_run: Smoke, url: str) -> None:
    work = smoke_run.work
    paths = {}
    for name, config in (
        ("token", make_config(url)),
        ("oauth", {**make_config(url), "credentials": OAUTH}),
        ("rejected", {**make_config(url), "credentials": {"auth_method": "access_token",
                                                          "access_token": "emu-token-revoked"}}),
    ):
        paths[name] = work / f"config_{name}.json"
        paths[name].write_text(json.dumps(config))

    code, spec_messages, err = smoke_run.run("spec", ["spec"])
    smoke_run.check("spec: exit code 0, no TRACE error", lambda: command_problem(code, spec_messages, err))

    def spec_output() -> str | None:
        specs = [m["spec"] for m in _of_type(spec_messages, "SPEC")]
        expected = json.loads((ROOT / "source_linkedin_pages" / "spec.json").read_text())
        if len(specs) != 1:
            return f"{len(specs)} SPEC messages"
        if specs[0].get("connectionSpecification") != expected["connectionSpecification"]:
            return "connectionSpecification differs from source_linkedin_pages/spec.json"
        return None

    smoke_run.check("spec: the connection specification of spec.json", spec_output)

    for name, expected_status in (("token", "SUCCEEDED"), ("oauth", "SUCCEEDED"), ("rejected", "FAILED")):
        code, messages, err = smoke_run.run(f"check_{name}", ["check", "--config", str(paths[name])])

        def check_output(messages: Messages = messages, expected_status: str = expected_status) -> str | None:
            status, message = status_of(messages)
            if status != expected_status:
                return f"status {status!r} ({message!r}), expected {expected_status}"
            if expected_status == "FAILED" and not message:
                return "a failed check without a message"
            return None

        smoke_run.check(f"check ({name}): exit code 0, no TRACE error",
                        lambda code=code, messages=messages, err=err: command_problem(code, messages, err))
        smoke_run.check(f"check ({name}): {expected_status}", check_output)

    code, discover_messages, err = smoke_run.run("discover", ["discover", "--config", str(paths["token"])])
    smoke_run.check("discover: exit code 0, no TRACE error", lambda: command_problem(code, discover_messages, err))
    catalogs = [m["catalog"] for m in _of_type(discover_messages, "CATALOG")]

    def discover_output() -> str | None:
        if len(catalogs) != 1 or not catalogs[0]["streams"]:
            return f"{len(catalogs)} CATALOG messages"
        no_schema = [s["name"] for s in catalogs[0]["streams"] if not s.get("json_schema", {}).get("properties")]
        return f"streams without a schema: {no_schema}" if no_schema else None

    smoke_run.check("discover: a catalog of streams with schemas", discover_output)
    if len(catalogs) != 1:
        return
    (work / "discover.json").write_text(json.dumps(discover_messages[-1]) + "\n")
    catalog = configured_catalog(work / "discover.json")
    catalog_path = work / "catalog.json"
    catalog_path.write_text(json.dumps(catalog))
    validators = {c["stream"]["name"]: jsonschema.Draft7Validator(c["stream"]["json_schema"])
                  for c in catalog["streams"]}
    incremental = {c["stream"]["name"] for c in catalog["streams"] if c["sync_mode"] == "incremental"}

    code, read_messages, err = smoke_run.run("read", ["read", "--config", str(paths["token"]),
                                                      "--catalog", str(catalog_path)])
    smoke_run.check("read: exit code 0, no TRACE error", lambda: command_problem(code, read_messages, err))
    records = _of_type(read_messages, "RECORD")
    counts = Counter(m["record"]["stream"] for m in records)
    states = [m["state"] for m in _of_type(read_messages, "STATE") if m["state"].get("type") == "STREAM"]
    with_state = {s["stream"]["stream_descriptor"]["name"] for s in states}
    print(f"  read: {sum(counts.values())} records in {len(counts)} streams, {len(states)} STATE messages")

    smoke_run.check("read: records in every stream",
                    lambda: f"no records for {sorted(set(validators) - set(counts))}" if set(validators) - set(counts)
                    else None)

    def records_valid() -> str | None:
        invalid = Counter(m["record"]["stream"] for m in records
                          if next(validators[m["record"]["stream"]].iter_errors(m["record"]["data"]), None))
        return f"records not matching their schema: {dict(invalid)}" if invalid else None

    smoke_run.check("read: every record matches its stream's schema", records_valid)
    smoke_run.check("read: a STATE for every incremental stream",
                    lambda: f"no STATE for {sorted(incremental - with_state)}" if incremental - with_state else None)

    last: dict[str, dict[str, Any]] = {s["stream"]["stream_descriptor"]["name"]: s for s in states}
    state_path = work / "state.json"
    state_path.write_text(json.dumps(list(last.values())))
    code, resumed, err = smoke_run.run("read_resumed", ["read", "--config", str(paths["token"]),
                                                        "--catalog", str(catalog_path), "--state", str(state_path)])
    smoke_run.check("read with the saved state: exit code 0, no TRACE error",
                    lambda: command_problem(code, resumed, err))
    resumed_states = {m["state"]["stream"]["stream_descriptor"]["name"] for m in _of_type(resumed, "STATE")
                      if m["state"].get("type") == "STREAM"}
    smoke_run.check("read with the saved state: a STATE for every incremental stream",
                    lambda: f"no STATE for {sorted(incremental - resumed_states)}"
                    if incremental - resumed_states else None)

    def no_secrets() -> str | None:
        leaks = {marker for marker in LEAK_MARKERS for text in smoke_run.outputs if marker in text}
        return f"secret-like values in the output: {sorted(leaks)}" if leaks else None

    smoke_run.check("no secret in any output", no_secrets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", type=Path, default=Path(sys.executable).parent / "source-linkedin-pages",
                        help="the console script to test (default: the one next to this interpreter)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per command (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs (the folder is printed)")
    args = parser.parse_args()
    if not args.cli.exists():
        raise SystemExit(f"{args.cli} does not exist: install the package first")
    started = time.monotonic()
    print(f"smoke: {args.cli} with {installed_versions()}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="smoke-"))
    emulator, url = start_emulator(work)
    smoke_run = Smoke(args.cli, work, args.timeout)
    try:
        smoke(smoke_run, url)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        if args.keep:
            print(f"outputs kept in {work}")
        else:
            for path in work.iterdir():
                path.unlink()
            work.rmdir()
    print(f"smoke took {time.monotonic() - started:.1f} s")
    print(f"{smoke_run.passed} passed, {smoke_run.failed} failed")
    return 0 if smoke_run.failed == 0 and smoke_run.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
