"""In-memory edits of an official manifest so that it reaches the emulator; nothing of it is stored here."""

# Two modes (BENCH_OFFICIAL_MODE):
# - `as-shipped`: only the two LinkedIn URLs point at the emulator; the hard-coded LinkedIn-Version stays.
# - `active`: also the version header set to an active version, and the `networkSizes` path key
#   percent-encoded (the emulator, like the wire reference, answers a literal `:` in a path key with
#   400). Neither changes how many calls the manifest makes or which windows it asks for.
# Runs under the official connector's Python 3.10 as well as ours, so it keeps to the standard library.

from __future__ import annotations

import re

LINKEDIN_REST = "https://api.linkedin.com/rest"
LINKEDIN_TOKEN = "https://www.linkedin.com/oauth/v2/accessToken"
VERSION_HEADER = re.compile(r'Linkedin-Version: "(\d{6,8})"')
NETWORK_SIZES = "path: /networkSizes/urn:li:organization:{{ config['org_id'] }}"
NETWORK_SIZES_ENCODED = "path: /networkSizes/urn%3Ali%3Aorganization%3A{{ config['org_id'] }}"
MODES = ("as-shipped", "active")


def shipped_version(text: str) -> str:
    """The LinkedIn-Version the manifest hard-codes (every occurrence must agree)."""
    found = set(VERSION_HEADER.findall(text))
    if len(found) != 1:
        raise SystemExit(f"expected one hard-coded Linkedin-Version in the official manifest, found {sorted(found)}")
    return found.pop()


def patch(text: str, emulator_url: str, mode: str, version: str) -> str:
    """The manifest text with the edits of `mode`; fails loudly if the manifest is not the expected kind."""
    if mode not in MODES:
        raise SystemExit(f"BENCH_OFFICIAL_MODE must be one of {MODES}, not {mode!r}")
    for expected in (LINKEDIN_REST, NETWORK_SIZES):
        if expected not in text:
            raise SystemExit(f"the official manifest is not the kind this runner knows: no {expected!r}")
    shipped_version(text)
    text = text.replace(LINKEDIN_REST, f"{emulator_url}/rest").replace(
        LINKEDIN_TOKEN, f"{emulator_url}/oauth/v2/accessToken"
    )
    if mode == "active":
        text = VERSION_HEADER.sub(f'Linkedin-Version: "{version}"', text).replace(NETWORK_SIZES, NETWORK_SIZES_ENCODED)
    return text
