"""Run the OFFICIAL connector (PyPI `airbyte-source-linkedin-pages` 1.0.17) against the emulator.

Executed by bench/.venv-official/bin/python (Python 3.10, airbyte-cdk 0.80), never by our venv.
It loads the manifest shipped inside that package, replaces in memory the two LinkedIn URLs and the
sunset `Linkedin-Version: "202403"` (LinkedIn answers 426 to it today), and runs it with the
package's own CDK (ManifestDeclarativeSource + entrypoint). Nothing of the official connector is
copied into this repository.

Two more in-memory changes, only because our emulator is stricter than the official connector
expects (neither changes the number of calls or records; see bench/README-section.md):
- `networkSizes/urn:li:organization:N` → the path key percent-encoded (the emulator answers a literal
  `:` in a path key with 400 "Invalid param");
- the time-bound window end `now - 2 days` → `00:00 UTC two days ago` (the emulator answers an end
  later than 00:00 UTC two days ago with 400 "end must be at least 2 days before the current day").

    BENCH_EMULATOR_URL=http://127.0.0.1:PORT BENCH_LINKEDIN_VERSION=202610 \
        python official_runner.py read --config C --catalog K
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml
from airbyte_cdk.entrypoint import launch
from airbyte_cdk.sources.declarative.manifest_declarative_source import ManifestDeclarativeSource

import source_linkedin_pages  # the official package, installed in bench/.venv-official

SHIPPED_VERSION = 'Linkedin-Version: "202403"'
SHIPPED_NETWORK_SIZES = "path: /networkSizes/urn:li:organization:{{ config['org_id'] }}"
SHIPPED_END = "day_delta(-2, format='%Y-%m-%dT%H:%M:%SZ')"


if "site-packages" not in source_linkedin_pages.__file__:
    raise SystemExit(f"imported {source_linkedin_pages.__file__}, not the official package: run this file as a script")


def patched_manifest(emulator_url: str, version: str) -> dict:
    text = (Path(source_linkedin_pages.__file__).parent / "manifest.yaml").read_text()
    for expected in (SHIPPED_VERSION, SHIPPED_NETWORK_SIZES, SHIPPED_END, "https://api.linkedin.com/rest"):
        if expected not in text:
            raise SystemExit(f"the official manifest is not the one this runner knows (1.0.17): no {expected!r}")
    text = (
        text.replace("https://api.linkedin.com/rest", f"{emulator_url}/rest")
        .replace("https://www.linkedin.com/oauth/v2/accessToken", f"{emulator_url}/oauth/v2/accessToken")
        .replace(SHIPPED_VERSION, f'Linkedin-Version: "{version}"')
        .replace(SHIPPED_NETWORK_SIZES, "path: /networkSizes/urn%3Ali%3Aorganization%3A{{ config['org_id'] }}")
        .replace(SHIPPED_END, "day_delta(-2, format='%Y-%m-%dT00:00:00Z')")
    )
    return yaml.safe_load(text)


def main() -> None:
    manifest = patched_manifest(
        os.environ["BENCH_EMULATOR_URL"].rstrip("/"), os.environ.get("BENCH_LINKEDIN_VERSION", "202610")
    )
    launch(ManifestDeclarativeSource(source_config=manifest), sys.argv[1:])


if __name__ == "__main__":
    main()
