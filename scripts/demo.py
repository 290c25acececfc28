"""`make demo`: the emulator, then spec, check, discover and a read of every stream through the console script.

Ends with records and API calls per stream (the calls from the emulator's request log) and what the next sync
would resume from, per stream and organization (the final state, summarized).
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "source-linkedin-pages")
EMULATOR_ARGS = ["--port", "0", "--seed", "42", "--orgs", "2", "--posts", "25", "--days", "400",
                 "--comments", "4", "--reactions", "6"]
ORGANIZATION_URN = "urn:li:organization:"
SETUP = "(set-up: tokens, organizations administered)"
SHARED = {"posts": "*", "post_engagement": "†"}
NOTES = [
    "* the post listing (posts finder) is read once per sync and shared by posts, post_statistics, post_engagement,",
    "  comments, reactions and video_analytics;",
    "† the socialMetadata batches (50 posts a call) are shared by post_engagement, comments and reactions, which",
    "  read comments or reactions only for posts whose counts changed.",
]
Message = dict[str, Any]


from demo_tables import followers_by_function  # noqa: E402  (scripts/ is on the path when run)


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "linkedin_emulator", *EMULATOR_ARGS], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    line = process.stdout.readline() if process.stdout else ""
    if "listening on" not in line:
        process.kill()
        raise SystemExit(f"the emulator did not start: {line!r}")
    return process, line.strip().rsplit(" ", 1)[-1]


def run(args: list[str]) -> list[Message]:
    started = time.monotonic()
    result = subprocess.run([CLI, *args], capture_output=True, text=True, cwd=ROOT)
    messages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    errors = [m for m in messages if m["type"] == "TRACE" and m["trace"].get("type") == "ERROR"]
    if result.returncode != 0 or errors:
        detail = errors[-1]["trace"]["error"]["message"] if errors else result.stderr[-2000:]
        raise SystemExit(f"`{args[0]}` failed: {detail}")
    print(f"  ({args[0]} took {time.monotonic() - started:.1f} s)")
    return messages


def request_log(url: str) -> list[dict[str, Any]]:
    """Every /rest and /oauth call the emulator answered so far (GET /_emulator/requests)."""
    with urllib.request.urlopen(f"{url}/_emulator/requests", timeout=30) as response:
        entries = json.load(response)
    return entries if isinstance(entries, list) else entries.get("requests", [])


def call_owner(entry: Mapping[str, Any]) -> str:
    """The stream a logged call was made for (by resource and parameters), or the set-up, or `other: resource`."""
    resource = entry.get("resource") or "?"
    params = entry.get("params") or {}
    bound = "timeIntervals" in params
    by_resource: dict[str, Callable[[], str]] = {
        "organizations": lambda: SETUP if entry.get("finder") else "organization_lookup",
        "organizationalEntityFollowerStatistics": lambda: "follower_statistics" + ("_time_bound" if bound else ""),
        "organizationalEntityShareStatistics": lambda: "post_statistics" if {"shares", "ugcPosts"} & set(params)
        else "share_statistics" + ("_time_bound" if bound else ""),
        "organizationPageStatistics": lambda: "page_statistics" + ("_time_bound" if bound else ""),
        "networkSizes": lambda: "total_follower_count",
        "posts": lambda: "posts",
        "socialMetadata": lambda: "post_engagement",
        "comments": lambda: "comments",
        "reactions": lambda: "reactions",
        "videoAnalytics": lambda: "video_analytics",
        "organizationAcls": lambda: SETUP,
    }
    if resource in by_resource:
        return by_resource[resource]()
    return SETUP if resource.startswith("oauth") else f"other: {resource}"


def print_table(streams: list[Message], counts: Counter[str], calls: Counter[str]) -> None:
    print("\nrecords and API calls per stream (calls from the emulator's request log):")
    print(f"  {'stream':<34} {'mode':<12} {'records':>8} {'calls':>6}")
    left = Counter(calls)
    for stream in streams:
        name = stream["name"]
        shared = SHARED.get(name, "")
        print(f"  {name:<34} {stream['mode']:<12} {counts.get(name, 0):>8} {left.pop(name, 0):>6}{shared}")
    for owner, n in sorted(left.items()):  # calls made for no stream of the catalog
        print(f"  {owner:<56} {n:>6}")
    print(f"  {'total':<47} {sum(counts.values()):>8} {sum(calls.values()):>6}")
    for note in NOTES:
        print(f"  {note}")


def utc(ms: int) -> str:
    if ms == 0:
        return "0 (nothing read yet)"
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def is_epoch_ms(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and (value == 0 or 10**11 < value < 10**14)


def registry_size(digest: Any) -> str:
    """`z1:` + base64url(zlib(JSON [[post, fingerprint], …])) (docs/engagement-rule.md) → `N posts`."""
    if isinstance(digest, str) and digest.startswith("z1:"):
        try:
            n = len(json.loads(zlib.decompress(base64.urlsafe_b64decode(digest[3:].encode()))))
            return f"{n} post{'' if n == 1 else 's'}"
        except (ValueError, zlib.error):
            pass
    return f"{len(str(digest))} characters (a format this demo does not know)"


def describe_cursor(cursor: Mapping[str, Any]) -> tuple[str, str]:
    """(the cursor, the post registry) of one organization's state entry, for people."""
    resume, registry = [], []
    for key, value in cursor.items():
        if key == "posts":
            registry.insert(0, registry_size(value))
        elif key == "postsModifiedAt" and is_epoch_ms(value):
            registry.append(f"posts listed up to {utc(value)}")
        elif is_epoch_ms(value):
            resume.append(f"{key} {utc(value)}")
        else:
            resume.append(f"{key}={json.dumps(value)[:40]}")
    return "; ".join(resume) or "-", ", ".join(registry) or "-"


def organization(partition: Any) -> str:
    if isinstance(partition, Mapping) and isinstance(partition.get("organization"), str):
        return partition["organization"].removeprefix(ORGANIZATION_URN)
    return json.dumps(partition)[:40]


def print_states(streams: list[Message], states: dict[str, Any]) -> None:
    print("\nfinal state: what the next sync resumes from (each cursor minus the lookback), per organization")
    print(f"  {'stream':<31} {'org':<8} {'cursor':<37} post registry")
    for stream in streams:
        name = stream["name"]
        state = states.get(name)
        if stream["mode"] != "incremental" or not isinstance(state, Mapping):
            continue
        entries = state.get("states")
        rows: list[tuple[str, str, str]] = []
        if isinstance(entries, list) and all(isinstance(e, Mapping) and "cursor" in e for e in entries):
            for entry in entries:
                cursor = entry["cursor"] if isinstance(entry["cursor"], Mapping) else {"cursor": entry["cursor"]}
                rows.append((organization(entry.get("partition")), *describe_cursor(cursor)))
            rows = rows or [("-", "no organization read yet", "-")]
        elif state and all(is_epoch_ms(v) for v in state.values()):
            rows.append(("all", *describe_cursor(state)))  # one cursor for the whole stream
        else:
            keys = ", ".join(map(str, state)) or "(none)"
            rows.append(("?", f"a state shape this demo does not know; its keys: {keys}", ""))
        for org, cursor_text, registry in rows:
            print(f"  {name:<31} {org:<8} {cursor_text:<37} {registry}")
    full = [s["name"] for s in streams if s["mode"] != "incremental"]
    print("  full refresh streams keep no cursor; the next sync reads them again:")
    print(f"    {', '.join(full)}")


def main() -> int:
    started = time.monotonic()
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
            spec = next(m for m in run(["spec"]) if m["type"] == "SPEC")
            print(f"spec: {len(spec['spec']['connectionSpecification']['properties'])} config fields")
            status = next(m for m in run(["check", "--config", str(config_path)]) if m["type"] == "CONNECTION_STATUS")
            print(f"check: {status['connectionStatus']['status']}")
            catalog = next(m for m in run(["discover", "--config", str(config_path)]) if m["type"] == "CATALOG")
            streams = catalog["catalog"]["streams"]
            print(f"discover: {len(streams)} streams")
            for stream in streams:
                stream["mode"] = "incremental" if "incremental" in stream["supported_sync_modes"] else "full refresh"
            configured = {
                "streams": [
                    {
                        "stream": {k: v for k, v in stream.items() if k != "mode"},
                        "sync_mode": "incremental" if stream["mode"] == "incremental" else "full_refresh",
                        "destination_sync_mode": "append",
                        "cursor_field": stream.get("default_cursor_field", []),
                    }
                    for stream in streams
                ]
            }
            catalog_path = Path(tmp) / "catalog.json"
            catalog_path.write_text(json.dumps(configured))
            before = max((entry.get("seq") or 0 for entry in request_log(url)), default=0)
            print("read: every stream, incremental where it can be")
            messages = run(["read", "--config", str(config_path), "--catalog", str(catalog_path)])
            calls = Counter(call_owner(e) for e in request_log(url) if (e.get("seq") or 0) > before)
            counts = Counter(m["record"]["stream"] for m in messages if m["type"] == "RECORD")
            states = {m["state"]["stream"]["stream_descriptor"]["name"]: m["state"]["stream"]["stream_state"]
                      for m in messages if m["type"] == "STATE" and "stream" in m["state"]}
            print_table(streams, counts, calls)
            demographics = [m["record"]["data"] for m in messages
                            if m["type"] == "RECORD" and m["record"]["stream"] == "follower_demographics"]
            print("\n" + followers_by_function(demographics))
            print_states(streams, states)
            print(f"\ndemo took {time.monotonic() - started:.1f} s")
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
