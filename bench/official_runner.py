"""Run an OFFICIAL Airbyte LinkedIn Pages manifest against the emulator (see bench/manifest_patch.py)."""

# Two ways, chosen by the environment:
# - default: the manifest inside the installed PyPI package `airbyte-source-linkedin-pages` 1.0.17,
#   run by bench/.venv-official/bin/python (Python 3.10, airbyte-cdk 0.80) with that package's own
#   ManifestDeclarativeSource and the CDK entrypoint;
# - BENCH_OFFICIAL_MANIFEST=PATH: a manifest file of a manifest-only release (1.1.x, not on PyPI),
#   run by our venv's airbyte-cdk with ConcurrentDeclarativeSource, the way Airbyte's
#   source-declarative-manifest image runs it.
# Nothing of the official connector is copied into this repository.
#
#     BENCH_EMULATOR_URL=http://127.0.0.1:PORT BENCH_OFFICIAL_MODE=active BENCH_LINKEDIN_VERSION=202610 \
#         python bench/official_runner.py read --config C --catalog K [--state S]

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import yaml
from manifest_patch import patch


def packaged_manifest() -> str:
    import source_linkedin_pages  # the official package, installed in bench/.venv-official

    if "site-packages" not in (source_linkedin_pages.__file__ or ""):
        raise SystemExit(f"imported {source_linkedin_pages.__file__}, not the official package")
    return (Path(source_linkedin_pages.__file__).parent / "manifest.yaml").read_text()


def run_packaged(manifest: dict[str, Any], args: list[str]) -> None:
    from airbyte_cdk.entrypoint import launch
    from airbyte_cdk.sources.declarative.manifest_declarative_source import ManifestDeclarativeSource

    launch(ManifestDeclarativeSource(source_config=manifest), args)


def run_manifest_only(manifest: dict[str, Any], args: list[str]) -> None:
    from airbyte_cdk.entrypoint import AirbyteEntrypoint, launch
    from airbyte_cdk.sources.declarative.concurrent_declarative_source import ConcurrentDeclarativeSource

    parsed = AirbyteEntrypoint.parse_args(args)
    read = ConcurrentDeclarativeSource
    config = read.read_config(parsed.config) if getattr(parsed, "config", None) else None
    catalog = read.read_catalog(parsed.catalog) if getattr(parsed, "catalog", None) else None
    state = read.read_state(parsed.state) if getattr(parsed, "state", None) else None
    source = ConcurrentDeclarativeSource(catalog=catalog, config=config, state=state, source_config=manifest)
    launch(source, args)


def main() -> None:
    manifest_file = os.environ.get("BENCH_OFFICIAL_MANIFEST")
    text = Path(manifest_file).read_text() if manifest_file else packaged_manifest()
    patched = patch(
        text,
        os.environ["BENCH_EMULATOR_URL"].rstrip("/"),
        os.environ.get("BENCH_OFFICIAL_MODE", "active"),
        os.environ.get("BENCH_LINKEDIN_VERSION", "202610"),
    )
    manifest = yaml.safe_load(patched)
    (run_manifest_only if manifest_file else run_packaged)(manifest, sys.argv[1:])


if __name__ == "__main__":
    main()
