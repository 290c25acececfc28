"""Foundation: check, OAuth, versions, organization resolution and the first streams, against the emulator."""

from __future__ import annotations

import json

import pytest

from integration_tests.harness import (
    OAUTH,
    assert_no_secrets,
    assert_valid_and_unique,
    check,
    make_config,
    read,
    records_by_stream,
)

ORG1, ORG2 = 2414183, 2415183
FIRST_STREAMS = ["organization_lookup", "follower_statistics", "total_follower_count"]


def test_check_succeeds_with_a_full_token(url, emulator):
    assert check(make_config(url, org_ids=[str(ORG1), str(ORG2)])) == ("SUCCEEDED", None)


@pytest.mark.parametrize(
    ("token", "org_ids", "expected"),
    [
        ("emu-token-no-followers", [ORG1], ["r_organization_followers", "Step 4"]),
        ("emu-token-not-admin", [ORG1, ORG2], [str(ORG2), "ADMINISTRATOR"]),
        ("emu-token-expired", [ORG1], ["expired", "Step 4"]),
        ("emu-token-revoked", [ORG1], ["revoked"]),
        ("not-a-token-at-all", [ORG1], ["does not recognise the access token"]),
    ],
)
def test_check_fails_with_an_actionable_message(url, emulator, token, org_ids, expected):
    status, message = check(make_config(url, token=token, org_ids=[str(o) for o in org_ids]))
    assert status == "FAILED"
    for fragment in expected:
        assert fragment in message
    if token == "emu-token-not-admin":
        assert f"organization {ORG1}" not in message and f"organization {ORG2}" in message and "ANALYST" in message


def test_check_accepts_the_admin_scope(url, emulator):
    assert check(make_config(url, token="emu-token-admin-scope", org_ids=[str(ORG1)]))[0] == "SUCCEEDED"


def test_check_names_an_unknown_organization(url, emulator):
    status, message = check(make_config(url, org_ids=["999"]))
    assert status == "FAILED" and "999" in message


def test_check_with_oauth_uses_introspection(url, emulator):
    assert check(make_config(url, credentials=OAUTH, org_ids=[str(ORG1)])) == ("SUCCEEDED", None)
    resources = [entry["resource"] for entry in emulator.requests()]
    assert resources[0] == "oauth.accessToken"
    assert "oauth.introspectToken" in resources
    assert "networkSizes" not in resources  # scopes came from introspection, not probes


@pytest.mark.parametrize(
    ("credentials", "expected"),
    [
        ({**OAUTH, "refresh_token": "emu-refresh-token-revoked"}, "rejected the OAuth refresh token"),
        ({**OAUTH, "client_secret": "wrong-secret"}, "client id or client secret"),
    ],
)
def test_bad_oauth_credentials(url, emulator, credentials, expected):
    status, message = check(make_config(url, credentials=credentials, org_ids=[str(ORG1)]))
    assert status == "FAILED" and expected in message


def test_first_streams_for_many_organizations(url, emulator):
    config = make_config(url, org_ids=[str(ORG1), f"urn:li:organization:{ORG2}"])
    output = read(config, FIRST_STREAMS)
    assert not output.errors
    grouped = records_by_stream(output)
    assert sorted(r["id"] for r in grouped["organization_lookup"]) == [ORG1, ORG2]
    assert {r["organizationalEntity"] for r in grouped["follower_statistics"]} == {
        f"urn:li:organization:{ORG1}",
        f"urn:li:organization:{ORG2}",
    }
    assert all(r["firstDegreeSize"] > 0 for r in grouped["total_follower_count"])
    assert len(grouped["total_follower_count"]) == 2
    assert_valid_and_unique(config, grouped)
    log = emulator.requests()
    assert all(entry["headers"]["X-Restli-Protocol-Version"] == "2.0.0" for entry in log)
    assert {entry["headers"]["LinkedIn-Version"] for entry in log} == {"202610"}


def test_empty_org_ids_reads_every_administered_organization(url, emulator):
    output = read(make_config(url), ["organization_lookup"])
    assert sorted(r["id"] for r in records_by_stream(output)["organization_lookup"]) == [ORG1, ORG2]
    assert any(entry["resource"] == "organizationAcls" for entry in emulator.requests())


def test_vanity_page_url_is_resolved_through_the_api(url, emulator):
    output = read(make_config(url, org_ids=["https://www.linkedin.com/company/emu-org-2/"]), ["organization_lookup"])
    assert [r["id"] for r in records_by_stream(output)["organization_lookup"]] == [ORG2]
    assert any(entry.get("finder") == "vanityName" for entry in emulator.requests())


def test_unknown_vanity_name_is_a_config_error(url, emulator):
    output = read(make_config(url, org_ids=["linkedin.com/company/no-such-page"]), ["organization_lookup"],
                  expect_failure=True)
    error = output.errors[-1].trace.error
    assert error.failure_type.value == "config_error" and "no-such-page" in error.message


def test_oauth_refreshes_on_start_and_reads(url, emulator):
    config = make_config(url, credentials=OAUTH, org_ids=[str(ORG1)])
    output = read(config, FIRST_STREAMS)
    assert not output.errors
    assert len(output.records) >= 3
    log = emulator.requests()
    assert log[0]["resource"] == "oauth.accessToken"
    assert all(entry["token_label"].startswith("oauth-access") for entry in log[1:])


def test_sunset_api_version_is_stepped_over_with_a_warning_naming_it(url, emulator):
    output = read(make_config(url, org_ids=[str(ORG1)], api_version="202403"), ["organization_lookup"])
    assert not output.errors and len(output.records) == 1
    warnings = [m.log.message for m in output.logs if "202403" in m.log.message]
    assert warnings and "api_version" in warnings[0]
    versions = [entry["headers"]["LinkedIn-Version"] for entry in emulator.requests()]
    assert versions[0] == "202403" and versions[-1] != "202403"


def test_secrets_never_reach_output(url, emulator, tmp_path):
    """Every command through the console script, with each credential form; no secret in any output."""
    from airbyte_cdk.models import ConfiguredAirbyteCatalogSerializer

    from integration_tests.harness import configured_catalog, run_cli

    configs = {
        "token": make_config(url, org_ids=[str(ORG1)]),
        "oauth": make_config(url, credentials=OAUTH, org_ids=[str(ORG1)]),
        "expired": make_config(url, token="emu-token-expired", org_ids=[str(ORG1)]),
        "bad-refresh": make_config(url, credentials={**OAUTH, "refresh_token": "emu-refresh-token-revoked"}),
    }
    catalog_path = tmp_path / "catalog.json"
    catalog = configured_catalog(configs["token"], FIRST_STREAMS)
    catalog_path.write_text(json.dumps(ConfiguredAirbyteCatalogSerializer.dump(catalog)))
    for name, config in configs.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(config))
        for args in (["check", "--config", str(path)], ["discover", "--config", str(path)],
                     ["read", "--config", str(path), "--catalog", str(catalog_path)]):
            result = run_cli([*args, "--debug"])
            assert_no_secrets(result.stdout + result.stderr)
