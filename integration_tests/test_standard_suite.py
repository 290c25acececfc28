"""Airbyte's standard acceptance tests (acceptance-test-config.yml, airbyte-cdk standard suite) against the emulator."""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from airbyte_cdk.models import AirbyteStateMessageSerializer, Type
from airbyte_cdk.test import entrypoint_wrapper
from airbyte_cdk.test.models import ConnectorTestScenario
from airbyte_cdk.test.standard_tests import SourceTestSuiteBase

# The suite's own hook parametrizes every test that takes `scenario` with the configs of acceptance-test-config.yml.
from airbyte_cdk.test.standard_tests.pytest_hooks import pytest_generate_tests  # noqa: F401

from linkedin_emulator import EmulatorServer
from linkedin_emulator.client import EmulatorControl
from linkedin_emulator.industry_taxonomy import INDUSTRIES
from linkedin_emulator.reference_data import FUNCTIONS, GEO, SENIORITIES
from source_linkedin_pages import SourceLinkedinPages

from .harness import configured_catalog, discover_catalog, records_by_stream

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE_CONFIG = yaml.safe_load((ROOT / "acceptance-test-config.yml").read_text())
URL_PLACEHOLDER = "{emulator_url}"


@cache
def _staging_dir() -> Path:
    """Where the config templates are rendered with the emulator's URL; made at collection, filled per session."""
    return Path(tempfile.mkdtemp(prefix="source-linkedin-pages-acceptance-"))


def _staged(relative: str | Path) -> Path:
    return _staging_dir() / relative


def _entries(section: str) -> list[dict[str, Any]]:
    return list(ACCEPTANCE_CONFIG["acceptance_tests"].get(section, {}).get("tests", []))


def _load_config(relative: str) -> dict[str, Any]:
    return json.loads(_staged(relative).read_text())


@pytest.fixture(scope="session")
def acceptance_configs(emulator_server: EmulatorServer) -> Iterator[Path]:
    """The config templates of acceptance-test-config.yml, rendered for this session's emulator."""
    staging = _staging_dir()
    for template in sorted((ROOT / "integration_tests" / "acceptance").glob("*.json")):
        target = staging / template.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.read_text().replace(URL_PLACEHOLDER, emulator_server.url))
    yield staging
    shutil.rmtree(staging, ignore_errors=True)


def _truth(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_emulator/truth") as response:
        return json.load(response)


def _expected_keys(truth: dict[str, Any]) -> dict[str, tuple[set[str], bool]]:
    """Stream → (values its first primary-key field must take, whether every one of them must be read).

    Derived from the emulator's ground truth rather than recorded, because the emulator anchors its data on the
    current day. Per-post statistics and video analytics exist only for some posts (LinkedIn serves them for the
    last 12 months, and for video posts), so for those streams the records must be a non-empty subset.
    """
    organizations = {f"urn:li:organization:{org}" for org in truth["organizations"]}
    posts = {post for per_org in truth["posts"].values() for post in per_org}
    comments = {comment for per_post in truth["comments"].values() for comment in per_post}
    reactions = {reaction for per_post in truth["reactions"].values() for reaction in per_post}
    return {
        "organization_lookup": ({str(org) for org in truth["organizations"]}, True),
        "follower_statistics": (organizations, True),
        "follower_statistics_time_bound": (organizations, True),
        "share_statistics": (organizations, True),
        "share_statistics_time_bound": (organizations, True),
        "page_statistics": (organizations, True),
        "page_statistics_time_bound": (organizations, True),
        "total_follower_count": (organizations, True),
        "posts": (posts, True),
        "post_statistics": (posts, False),
        "post_engagement": (posts, True),
        "comments": (comments, True),
        "reactions": (reactions, True),
        "video_analytics": (set(truth["video_posts"]), False),
        # Lookups: the emulator's whole tables; geo only the ids the facets hold (a subset of its places).
        "geo": ({f"urn:li:geo:{geo}" for geo in GEO}, False),
        "industries": ({f"urn:li:industry:{industry}" for industry in INDUSTRIES}, True),
        "functions": ({f"urn:li:function:{function}" for function in FUNCTIONS}, True),
        "seniorities": ({f"urn:li:seniority:{seniority}" for seniority in SENIORITIES}, True),
        "follower_demographics": (organizations, True),
        "page_view_demographics": (organizations, True),
    }


def _sorted_records(output: entrypoint_wrapper.EntrypointOutput) -> dict[str, list[str]]:
    """Records per stream, canonical; `retrievedAt` (when the connector read a snapshot) differs by design."""
    return {
        name: sorted(json.dumps({k: v for k, v in r.items() if k != "retrievedAt"}, sort_keys=True) for r in records)
        for name, records in records_by_stream(output).items()
    }


class TestStandardSuite(SourceTestSuiteBase):
    """The CDK's source suite on acceptance-test-config.yml, in process, plus CAT checks the suite does not run."""

    connector = SourceLinkedinPages

    # The image tests build from the real base image through a registry; `make test-docker` covers the image.
    test_docker_image_build_and_spec = None
    test_docker_image_spec_backward_compatibility = None
    test_docker_image_build_and_check = None
    test_docker_image_build_and_config_matches_spec = None
    test_docker_image_build_and_discover = None
    test_docker_image_build_and_read = None

    @pytest.fixture(autouse=True)
    def _emulator(self, acceptance_configs: Path, emulator: EmulatorControl) -> None:
        """Every test starts from fresh emulator data, with the configs rendered."""

    @classmethod
    def get_connector_root_dir(cls) -> Path:
        return ROOT

    @classmethod
    def get_scenarios(cls) -> list[ConnectorTestScenario]:
        """The suite's scenarios, reading the rendered configs instead of the templates."""
        return [
            scenario.model_copy(update={"config_path": _staged(scenario.config_path)})
            if scenario.config_path is not None
            else scenario
            for scenario in super().get_scenarios()
        ]

    def test_all_sections_have_configs(self) -> None:
        for section in ("spec", "connection", "discovery", "basic_read", "full_refresh", "incremental"):
            assert _entries(section), f"acceptance-test-config.yml has no `{section}` tests"
        assert ACCEPTANCE_CONFIG["test_strictness_level"] == "high"
        statuses = {entry.get("status") for entry in _entries("connection")}
        assert {"succeed", "failed"} <= statuses, "connection tests need valid and invalid configs"

    @pytest.mark.parametrize("entry", _entries("basic_read"), ids=lambda e: Path(e["config_path"]).stem)
    def test_basic_read_expected_records(self, entry: dict[str, Any], emulator_server: EmulatorServer) -> None:
        """CAT's expected records: every stream reads exactly the entities the emulator holds."""
        config = _load_config(entry["config_path"])
        output = entrypoint_wrapper.read(SourceLinkedinPages(), config, configured_catalog(config, incremental=False))
        assert not output.errors, [error.trace.error.message for error in output.errors]
        catalog = discover_catalog(config)
        expected = _expected_keys(_truth(emulator_server.url))
        assert set(catalog) <= set(expected), f"no expected records for {sorted(set(catalog) - set(expected))}"
        grouped = records_by_stream(output)
        for name, stream in catalog.items():
            key_field = stream.source_defined_primary_key[0][0]
            read_keys = {str(record[key_field]) for record in grouped.get(name, [])}
            wanted, exact = expected[name]
            assert read_keys, f"{name}: no records"
            if exact:
                assert read_keys == wanted, (
                    f"{name}: missing {sorted(wanted - read_keys)[:5]}, extra {sorted(read_keys - wanted)[:5]}"
                )
            else:
                assert read_keys <= wanted, (
                    f"{name}: {key_field} values not in the emulator: {sorted(read_keys - wanted)[:5]}"
                )

    @pytest.mark.parametrize("entry", _entries("full_refresh"), ids=lambda e: Path(e["config_path"]).stem)
    def test_full_refresh_sequential_reads(self, entry: dict[str, Any]) -> None:
        """CAT's full refresh test: two full-refresh reads of unchanged data emit the same records."""
        config = _load_config(entry["config_path"])
        catalog = configured_catalog(config, incremental=False)
        first = entrypoint_wrapper.read(SourceLinkedinPages(), config, catalog)
        second = entrypoint_wrapper.read(SourceLinkedinPages(), config, catalog)
        assert not first.errors and not second.errors
        first_records, second_records = _sorted_records(first), _sorted_records(second)
        assert first_records, "the first read emitted no records"
        for name in sorted(set(first_records) | set(second_records)):
            assert first_records.get(name) == second_records.get(name), f"{name}: the two reads differ"

    @pytest.mark.parametrize("entry", _entries("incremental"), ids=lambda e: Path(e["config_path"]).stem)
    def test_incremental_abnormal_state(self, entry: dict[str, Any]) -> None:
        """CAT's abnormally large state: cursors far in the future give no records, a STATE per stream, no error."""
        config = _load_config(entry["config_path"])
        future_state = entry["future_state"]
        state = json.loads((ROOT / future_state["future_state_path"]).read_text())
        in_state = {item["stream"]["stream_descriptor"]["name"] for item in state}
        allowed_missing = {item["name"] for item in future_state.get("missing_streams", [])}
        catalog = configured_catalog(config, incremental=True)
        incremental = {c.stream.name for c in catalog.streams if c.sync_mode.value == "incremental"}
        assert incremental, "no incremental stream to test"
        missing = incremental - in_state - allowed_missing
        assert not missing, f"{future_state['future_state_path']} has no state for {sorted(missing)}"

        catalog.streams = [c for c in catalog.streams if c.stream.name in incremental]
        messages = [AirbyteStateMessageSerializer.load(item) for item in state]
        output = entrypoint_wrapper.read(SourceLinkedinPages(), config, catalog, messages)
        assert not output.errors, [error.trace.error.message for error in output.errors]
        assert not output.records, f"records despite the future state: {sorted(records_by_stream(output))}"
        with_state = {m.state.stream.stream_descriptor.name for m in output.state_messages}
        assert incremental <= with_state, f"no STATE for {sorted(incremental - with_state)}"
        traces = [m for m in output.get_message_by_types([Type.TRACE]) if m.trace.error is not None]
        assert not traces
