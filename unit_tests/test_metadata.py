"""metadata.yaml is a complete Airbyte registry entry and agrees with pyproject.toml, the spec and the Dockerfile."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from airbyte_cdk.models.connector_metadata import ConnectorLanguage, MetadataFile

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def metadata() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "metadata.yaml").read_text())


@pytest.fixture(scope="module")
def data(metadata: dict[str, Any]) -> dict[str, Any]:
    return metadata["data"]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return json.loads((ROOT / "source_linkedin_pages" / "spec.json").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def _instructions(dockerfile: str, name: str) -> list[str]:
    """Arguments of every `name` instruction (continuation lines joined)."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    return [m.group(1).strip() for m in re.finditer(rf"^{name}\s+(.*)$", joined, flags=re.MULTILINE)]


def test_parses_with_the_cdk_model(metadata):
    parsed = MetadataFile.model_validate(metadata)
    assert parsed.data.language == ConnectorLanguage.PYTHON
    assert metadata["metadataSpecVersion"] == "1.0"


def test_registry_fields(data):
    assert str(uuid.UUID(data["definitionId"])) == data["definitionId"]
    assert data["connectorType"] == "source"
    assert data["connectorSubtype"] == "api"
    assert data["dockerRepository"] == "airbyte/source-linkedin-pages"
    assert data["releaseStage"] in {"alpha", "beta", "generally_available", "custom"}
    assert data["supportLevel"] in {"community", "certified", "archived"}
    assert data["name"] and data["license"] and data["icon"]
    assert data["githubIssueLabel"] == data["dockerRepository"].split("/", 1)[1]
    assert {"language:python", "cdk:python"} <= set(data["tags"])
    suites = {entry["suite"] for entry in data["connectorTestSuitesOptions"]}
    assert {"unitTests", "integrationTests", "acceptanceTests"} <= suites
    assert (ROOT / "acceptance-test-config.yml").is_file(), "acceptanceTests needs acceptance-test-config.yml"


def test_image_tag_is_the_package_version(data, dockerfile):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["dockerImageTag"] == pyproject["project"]["version"]
    labels = dict(label.split("=", 1) for label in _instructions(dockerfile, "LABEL"))
    assert labels["io.airbyte.version"] == data["dockerImageTag"]
    assert labels["io.airbyte.name"] == data["dockerRepository"]


def test_documentation_url_is_the_spec_one(data, spec):
    assert data["documentationUrl"] == spec["documentationUrl"]
    assert urlparse(data["documentationUrl"]).scheme == "https"


def test_allowed_hosts_cover_the_default_endpoints(data, spec):
    # The connector talks to the hosts of the two base URLs' defaults; Airbyte blocks any host not listed.
    properties = spec["connectionSpecification"]["properties"]
    used = {urlparse(properties[key]["default"]).hostname for key in ("api_base_url", "oauth_base_url")}
    assert used == set(data["allowedHosts"]["hosts"])


def test_base_image_is_the_dockerfile_default_and_pinned(data, dockerfile):
    base_image = data["connectorBuildOptions"]["baseImage"]
    args = dict(arg.split("=", 1) for arg in _instructions(dockerfile, "ARG") if "=" in arg)
    assert args["BASE_IMAGE"] == base_image
    assert _instructions(dockerfile, "FROM") == ["${BASE_IMAGE}"]
    # Pinned by version and digest, on the Python 3.11 line (4.0.x) the connector is tested with.
    assert re.fullmatch(r"docker\.io/airbyte/python-connector-base:4\.0\.\d+@sha256:[0-9a-f]{64}", base_image)


def test_dockerfile_entrypoint(dockerfile):
    env = _instructions(dockerfile, "ENV")
    airbyte_entrypoint = next(e.split("=", 1)[1] for e in env if e.startswith("AIRBYTE_ENTRYPOINT="))
    command = ["python", "/airbyte/integration_code/main.py"]
    # Docker removes the quotes of an ENV value; Airbyte splits the command on spaces.
    assert [word.split() for word in shlex.split(airbyte_entrypoint)] == [command]
    assert json.loads(_instructions(dockerfile, "ENTRYPOINT")[-1]) == command
    assert _instructions(dockerfile, "USER")[-1] == "airbyte"
    assert _instructions(dockerfile, "WORKDIR") == ["/airbyte/integration_code"]
    assert (ROOT / "main.py").is_file()
