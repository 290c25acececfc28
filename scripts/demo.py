"""`make demo`: start the emulator, run spec, check, discover and a read of every stream, print counts and state."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "source-linkedin-pages")
EMULATOR_ARGS = ["--port", "0", "--seed", "42", "--orgs", "2", "--posts", "25", "--days", "400", "--comments", "4", "--reactions", "6"]


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "linkedin_emulator", *EMULATOR_ARGS], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    line = process.stdout.readline() if process.stdout else ""
    if "listening on" not in line:
        process.kill()
        raise SystemExit(f"the emulator did not start: {line!r}")
    return process, line.strip().rsplit(" ", 1)[-1]


def run(args: list[str]) -> list[dict]:
    result = subprocess.run([CLI, *args], capture_output=True, text=True, cwd=ROOT)
    messages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    errors = [m for m in messages if m["type"] == "TRACE" and m["trace"].get("type") == "ERROR"]
    if result.returncode != 0 or errors:
        detail = errors[-1]["trace"]["error"]["message"] if errors else result.stderr[-2000:]
        raise SystemExit(f"`{args[0]}` failed: {detail}")
    return messages


def main() -> int:
    emulator, url = start_emulator()
    print(f"emulator: {url} (synthetic LinkedIn data; no account needed)")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = {
                "credentials": {"auth_method": "access_token", "access_token": "emu-token-full"},
                "api_base_url": f"{url}/rest",
                "oauth_base_url": f"{url}/oauth/v2",
            }
            config_path = Path(tmp) / "config.json"
            config_path.write_text(json.dumps(config))
            spec = run(["spec"])
            print(f"spec: {len(next(m for m in spec if m['type'] == 'SPEC')['spec']['connectionSpecification']['properties'])} config fields")
            status = next(m for m in run(["check", "--config", str(config_path)]) if m["type"] == "CONNECTION_STATUS")
            print(f"check: {status['connectionStatus']['status']}")
            catalog = next(m for m in run(["discover", "--config", str(config_path)]) if m["type"] == "CATALOG")["catalog"]
            streams = catalog["streams"]
            print(f"discover: {len(streams)} streams")
            configured = {
                "streams": [
                    {
                        "stream": stream,
                        "sync_mode": "incremental" if "incremental" in stream["supported_sync_modes"] else "full_refresh",
                        "destination_sync_mode": "append",
                        "cursor_field": stream.get("default_cursor_field", []),
                    }
                    for stream in streams
                ]
            }
            catalog_path = Path(tmp) / "catalog.json"
            catalog_path.write_text(json.dumps(configured))
            messages = run(["read", "--config", str(config_path), "--catalog", str(catalog_path)])
            counts = Counter(m["record"]["stream"] for m in messages if m["type"] == "RECORD")
            states = {m["state"]["stream"]["stream_descriptor"]["name"]: m["state"]["stream"]["stream_state"]
                      for m in messages if m["type"] == "STATE" and "stream" in m["state"]}
            print("read: records per stream")
            for stream in streams:
                print(f"  {stream['name']:<34} {counts.get(stream['name'], 0):>7}")
            print("final state:")
            for name, state in states.items():
                if state.get("states"):
                    print(f"  {name}: {json.dumps(state)[:160]}")
            empty = [s["name"] for s in streams if counts.get(s["name"], 0) == 0]
            if empty:
                print(f"streams with no records: {empty}")
                return 1
            return 0
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
