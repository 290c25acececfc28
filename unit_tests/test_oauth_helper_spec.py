"""spec.json's advanced_auth: valid for the Airbyte protocol, paths that exist, and a flow LinkedIn would accept."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from airbyte_cdk.models import AuthFlowType, ConnectorSpecificationSerializer

from linkedin_emulator import EmulatorConfig, EmulatorServer
from source_linkedin_pages import SourceLinkedinPages
from source_linkedin_pages.api.constants import DEFAULT_OAUTH_BASE_URL
from source_linkedin_pages.oauth_helper.exchange import SCOPES

SPEC = json.loads((Path(__file__).resolve().parent.parent / "source_linkedin_pages" / "spec.json").read_text())
AUTH = SPEC["advanced_auth"]
OAUTH = AUTH["oauth_config_specification"]
INPUT = OAUTH["oauth_connector_input_specification"]


def _branch(value: str) -> dict[str, Any]:
    """The credentials oneOf branch whose auth_method const is `value`."""
    branches = SPEC["connectionSpecification"]["properties"]["credentials"]["oneOf"]
    found = [b for b in branches if b["properties"]["auth_method"].get("const") == value]
    assert len(found) == 1, value
    return found[0]


def _property(path: list[str]) -> dict[str, Any]:
    """The schema at a path_in_connector_config; through `credentials`, in the OAuth branch."""
    assert path[0] == "credentials" and len(path) == 2, path
    return _branch(AUTH["predicate_value"])["properties"][path[1]]


def test_spec_round_trips_through_the_protocol_model() -> None:
    model = ConnectorSpecificationSerializer.load(SPEC)
    assert model.advanced_auth is not None
    assert model.advanced_auth.auth_flow_type == AuthFlowType.oauth2_0
    dumped = ConnectorSpecificationSerializer.dump(model)
    assert dumped["advanced_auth"] == AUTH  # nothing dropped or renamed by the model
    assert dumped["connectionSpecification"] == SPEC["connectionSpecification"]


def test_the_source_serves_advanced_auth() -> None:
    served = ConnectorSpecificationSerializer.dump(SourceLinkedinPages().spec(logging.getLogger("test")))
    assert served["advanced_auth"] == AUTH


def test_predicate_names_the_oauth_branch() -> None:
    assert AUTH["predicate_key"] == ["credentials", "auth_method"]
    consts = [b["properties"]["auth_method"]["const"]
              for b in SPEC["connectionSpecification"]["properties"]["credentials"]["oneOf"]]
    assert AUTH["predicate_value"] in consts
    assert _branch(AUTH["predicate_value"])["required"] == ["auth_method", "client_id", "client_secret",
                                                            "refresh_token"]


@pytest.mark.parametrize("block, names", [
    ("complete_oauth_output_specification", ["refresh_token"]),
    ("complete_oauth_server_output_specification", ["client_id", "client_secret"]),
])
def test_output_paths_exist_in_the_connection_specification(block: str, names: list[str]) -> None:
    properties = OAUTH[block]["properties"]
    assert sorted(properties) == sorted(names)
    for name, schema in properties.items():
        path = schema["path_in_connector_config"]
        assert path == ["credentials", name]
        target = _property(path)
        assert target["type"] == schema["type"] == "string" and target["airbyte_secret"] is True


def test_server_input_matches_server_output() -> None:
    assert sorted(OAUTH["complete_oauth_server_input_specification"]["properties"]) == sorted(
        OAUTH["complete_oauth_server_output_specification"]["properties"])


def test_connector_input_is_linkedins_code_flow() -> None:
    assert INPUT["consent_url"].startswith(f"{DEFAULT_OAUTH_BASE_URL}/authorization?")
    assert INPUT["access_token_url"] == f"{DEFAULT_OAUTH_BASE_URL}/accessToken"
    assert INPUT["scope"].split() == list(SCOPES)  # the same scopes as the auth command and the setup guide
    assert INPUT["access_token_headers"] == {"Content-Type": "application/x-www-form-urlencoded"}
    assert sorted(INPUT["access_token_params"]) == ["client_id", "client_secret", "code", "grant_type",
                                                    "redirect_uri"]
    assert OAUTH["complete_oauth_output_specification"]["properties"]["refresh_token"]["path_in_oauth_response"] == [
        "refresh_token"]


def _render(template: str, values: dict[str, str]) -> str:
    """The two forms the templates use: {{name}} and {{name | urlencode}} (as the platform renders them)."""
    def one(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        return quote(value, safe="") if match.group(2) else value
    return re.sub(r"\{\{\s*(\w+)\s*(\|\s*urlencode\s*)?\}\}", one, template)


def test_advanced_auth_flow_works_against_the_emulated_linkedin() -> None:
    with EmulatorServer(EmulatorConfig(port=0, orgs=1, posts=2, comments=0, reactions=0)) as emu:
        base = f"{emu.url}/oauth/v2"
        values = {"client_id_value": "emu-client-id", "client_secret_value": "emu-client-secret",
                  "redirect_uri_value": "http://localhost:8000/callback", "state_value": "st4te",
                  "scope_value": INPUT["scope"]}
        consent = _render(INPUT["consent_url"], values).replace(DEFAULT_OAUTH_BASE_URL, base)
        redirect = requests.get(consent, allow_redirects=False, timeout=10)
        assert redirect.status_code == 302, redirect.text
        back = parse_qs(urlsplit(redirect.headers["Location"]).query)
        assert back["state"] == ["st4te"]
        values["auth_code_value"] = back["code"][0]
        form = {k: _render(v, values) for k, v in INPUT["access_token_params"].items()}
        answer = requests.post(INPUT["access_token_url"].replace(DEFAULT_OAUTH_BASE_URL, base), data=form,
                               headers=INPUT["access_token_headers"], timeout=10).json()
        for name in INPUT["extract_output"]:
            assert isinstance(answer[name], str) and answer[name]
        assert set(answer["scope"].split(",")) == set(SCOPES)
