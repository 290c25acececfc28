"""A bare `requests` loop: the same calls our connector made, one after the other, on one Session."""

# The floor of what any Python HTTP client pays per call (request, response, JSON decoding), to hold
# our connector's CPU per call against. Input: a JSON file of the emulator's request-log entries;
# prints one line of JSON with the number of calls and their statuses.
#
#     python bench/bare_loop.py BASE_URL TOKEN CALLS.json

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

import requests

SENT_HEADERS = ("LinkedIn-Version", "X-Restli-Protocol-Version", "X-HTTP-Method-Override", "Content-Type")


def replay(session: requests.Session, base: str, token: str, entry: dict[str, Any]) -> int:
    headers = {
        name: value
        for name, value in (entry.get("headers") or {}).items()
        if name in SENT_HEADERS and value is not None
    }
    headers["Authorization"] = f"Bearer {token}"
    if entry.get("tunneled"):
        response = session.post(base + entry["path"], data=entry.get("query") or "", headers=headers, timeout=60)
    else:
        query = entry.get("query") or ""
        response = session.get(base + entry["path"] + (f"?{query}" if query else ""), headers=headers, timeout=60)
    response.json()
    return response.status_code


def main() -> None:
    base, token, path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    with open(path) as calls:
        entries = [e for e in json.load(calls) if str(e.get("path", "")).startswith("/rest/")]
    session = requests.Session()
    statuses = Counter(replay(session, base, token, entry) for entry in entries)
    print(json.dumps({"calls": len(entries), "statuses": {str(k): v for k, v in statuses.items()}}))


if __name__ == "__main__":
    main()
