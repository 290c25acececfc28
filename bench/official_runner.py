"""Run the OFFICIAL connector (PyPI `airbyte-source-linkedin-pages` 1.0.17) against the emulator.

Executed by bench/.venv-official/bin/python (Python 3.10, airbyte-cdk 0.80), never by our venv.
It loads the manifest shipped inside that package, replaces in memory the two LinkedIn URLs and the
sunset `Linkedin-Version: "202403"` (LinkedIn answers 426 to it today), and runs it with the
package's own CDK (ManifestDeclarativeSource + entrypoint). Nothing of the official connector is
copied into this repository.

    BENCH_EMULATOR_URL=http://127.0.0.1:PORT BENCH_LINKEDIN_VERSION=202610 \
        python official_runner.py read --config C --catalog K
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import source_linkedin_pages  # the official package, installed in bench/.venv-official
import yaml
from airbyte_cdk.entrypoint import launch
from airbyte_cdk.sources.declarative.manifest_declarative_source import ManifestDeclarativeSource

SHIPPED_VERSION = 'Linkedin-Version: "202403"'


def patched_manifest(emulator_url: str, version: str) -> dict:
    text = (Path(source_linkedin_pages.__file__).parent / "manifest.yaml").read_text()
    if SHIPPED_VERSION not in text or "https://api.linkedin.com/rest" not in text:
        raise SystemExit("the official manifest is not the one this runner knows (1.0.17)")
    text = (
        text.replace("https://api.linkedin.com/rest", f"{emulator_url}/rest")
        .replace("https://www.linkedin.com/oauth/v2/accessToken", f"{emulator_url}/oauth/v2/accessToken")
        .replace(SHIPPED_VERSION, f'Linkedin-Version: "{version}"')
    )
    return yaml.safe_load(text)


def main() -> None:
    manifest = patched_manifest(os.environ["BENCH_EMULATOR_URL"].rstrip("/"), os.environ.get("BENCH_LINKEDIN_VERSION", "202610"))
    launch(ManifestDeclarativeSource(source_config=manifest), sys.argv[1:])


if __name__ == "__main__":
    main()
