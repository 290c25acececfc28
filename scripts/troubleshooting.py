"""Writes docs/troubleshooting.md from the connector's message table (api/errors.py), so the page lists every
message a user can see; `unit_tests/test_docs.py` fails when the committed page differs.

    .venv/bin/python scripts/troubleshooting.py        # rewrite the page
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from source_linkedin_pages.api.errors import KINDS, MESSAGES  # noqa: E402

PAGE = ROOT / "docs" / "troubleshooting.md"
INTRO = """# Troubleshooting: every message the connector emits

Errors end the sync (or make `check` fail) with an Airbyte TRACE message whose `failure_type` tells the platform
what to do: **config_error** — fix the configuration or the LinkedIn setup; **transient_error** — run again
later, the sync resumes from its saved state; **system_error** — a defect, please report it. Warnings and info
lines appear in the log and do not stop the sync. `{…}` is filled in with non-secret values (never a token or
secret). A sync that fails for some organizations or streams reads everything else and ends with one error
that names each cause and the streams it stopped.

This page is generated from the connector's message table (`scripts/troubleshooting.py`); a test keeps it
complete.
"""
SECTIONS = (
    ("config_error", "Errors you fix: configuration, credentials, LinkedIn setup"),
    ("transient_error", "Errors that a later run fixes: limits and outages"),
    ("system_error", "Defects (please report them)"),
    ("warning", "Warnings (the sync goes on)"),
    ("info", "Progress and retries (log lines)"),
)
CONFIGURATION = """## Configuration and files

Every invalid configuration value fails `check`, `discover` and `read` before any call to LinkedIn, with
`config_error` and the message `Invalid configuration: <field> <problem>` (never JSON-schema validator wording):

| field | problem reported |
| --- | --- |
| `config` | must be a JSON object. |
| `config file <path>`, `state file <path>`, `catalog file <path>` | cannot be read, is not valid JSON, or does not hold what it should (a config object, a list of state messages or a legacy state object, a configured catalog). |
| `credentials` | is required: an object with auth_method access_token or oAuth2.0. |
| `credentials.auth_method` | must be 'access_token' or 'oAuth2.0'. |
| `credentials.access_token`, `credentials.client_id`, `credentials.client_secret`, `credentials.refresh_token` | is required and must be a non-empty string. |
| `org_ids` | must be a list of organizations, each a numeric id, a URN or a page URL. |
| `org_ids[i]`, `org_id` | must be a numeric id (2414183), a URN (urn:li:organization:2414183) or a page URL. |
| `start_date` | must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC); or: is in the future. |
| `lookback_window_days`, `num_workers`, `video_analytics_max_age_days`, `refresh_interval_days`, `max_calls_per_sync` | must be a whole number in its range. |
| `time_granularity_type` | must be DAY or MONTH. |
| `api_version` | must be a LinkedIn version YYYYMM such as 202610. |
| `locale` | must be a language and country such as en_US or de_DE. |
| `api_base_url`, `oauth_base_url` | must be an https URL (http only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials, ending with /rest (api) or /oauth/v2 (oauth). |
| `catalog` | names stream(s) this source does not have (refresh the schema with discover). |
| `state`, `state of stream <name>` | is malformed (…). Reset the stream's state in Airbyte (or pass no --state). A GLOBAL state with shared_state is refused; legacy and GLOBAL per-stream states are read. |
"""


def render() -> str:
    parts = [INTRO]
    for kind, title in SECTIONS:
        keys = sorted(key for key, value in KINDS.items() if value.split(" ")[0] == kind)
        rows = [f"| `{key}` | {MESSAGES[key].replace('|', '/')} | {KINDS[key]} |" for key in keys]
        parts.append(f"## {title}\n\n| key | message | type |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
    parts.append(CONFIGURATION)
    return "\n".join(parts)


if __name__ == "__main__":
    PAGE.write_text(render())
    print(f"wrote {PAGE.relative_to(ROOT)}")
