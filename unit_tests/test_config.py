"""Every accepted config form, and every rejected one with a config_error naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from airbyte_cdk.models import FailureType

from source_linkedin_pages.config import ConfigError, OrgRef, parse_config

TOKEN = {"auth_method": "access_token", "access_token": "secret-token-value"}


def config(**overrides: Any) -> dict[str, Any]:
    return {"credentials": TOKEN, **overrides}


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("2414183", OrgRef("2414183", id=2414183)),
        (2414183, OrgRef("2414183", id=2414183)),
        (" urn:li:organization:77 ", OrgRef("urn:li:organization:77", id=77)),
        ("https://www.linkedin.com/company/2414183/", OrgRef("https://www.linkedin.com/company/2414183/", id=2414183)),
        ("https://www.linkedin.com/company/2414183/admin/analytics/", None),
        ("linkedin.com/company/acme", OrgRef("linkedin.com/company/acme", vanity="acme")),
        ("https://de.linkedin.com/company/acme-gmbh/?trk=x", None),
        ("http://www.linkedin.com/company/my_page.co", None),
    ],
)
def test_org_forms(item: Any, expected: OrgRef | None) -> None:
    ref = parse_config(config(org_ids=[item])).org_refs[0]
    if expected is not None:
        assert ref == expected
    else:
        assert ref.id is not None or ref.vanity


def test_org_id_is_merged_and_deduplicated() -> None:
    parsed = parse_config(config(org_id="123", org_ids=["urn:li:organization:123", "456"]))
    assert [ref.id for ref in parsed.org_refs] == [123, 456]


def test_defaults() -> None:
    parsed = parse_config(config())
    assert parsed.org_refs == ()
    assert parsed.lookback_window_days == 2
    assert parsed.time_granularity_type == "DAY"
    assert parsed.api_base_url == "https://api.linkedin.com/rest"
    assert parsed.start_date is None


@pytest.mark.parametrize("value", ["2026-01-05", "2026-01-05T10:11:12Z"])
def test_start_date_forms(value: str) -> None:
    parsed = parse_config(config(start_date=value))
    assert parsed.start_date is not None and parsed.start_date.year == 2026


@pytest.mark.parametrize("host", ["localhost:8080", "127.0.0.1:1", "127.8.9.10", "[::1]:9"])
def test_loopback_http_allowed(host: str) -> None:
    parsed = parse_config(config(api_base_url=f"http://{host}/rest", oauth_base_url=f"http://{host}/oauth/v2/"))
    assert (parsed.api_base_url, parsed.oauth_base_url) == (f"http://{host}/rest", f"http://{host}/oauth/v2")


@pytest.mark.parametrize(
    ("field", "url"),
    [("api_base_url", "http://127.0.0.1:8765"), ("api_base_url", "https://api.linkedin.com/v2"),
     ("oauth_base_url", "https://www.linkedin.com/oauth"), ("oauth_base_url", "http://127.0.0.1:8765/rest")],
)
def test_base_url_paths_show_the_expected_form(field: str, url: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(config(**{field: url}))
    expected = "/rest" if field == "api_base_url" else "/oauth/v2"
    assert f"{field} must end with {expected}" in raised.value.message and "emulator" in raised.value.message


def test_oauth_credentials() -> None:
    creds = {"auth_method": "oAuth2.0", "client_id": "i", "client_secret": "s", "refresh_token": "r"}
    assert parse_config({"credentials": creds}).credentials == creds


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "credentials"),
        ({"credentials": "abc"}, "credentials"),
        ({"credentials": {"auth_method": "basic"}}, "credentials.auth_method"),
        ({"credentials": {"auth_method": "access_token", "access_token": ""}}, "credentials.access_token"),
        ({"credentials": {"auth_method": "oAuth2.0", "client_id": "i", "client_secret": "s"}},
         "credentials.refresh_token"),
        (config(org_ids="123"), "org_ids"),
        (config(org_ids=["abc def"]), "org_ids[0]"),
        (config(org_ids=["123", "urn:li:person:1"]), "org_ids[1]"),
        (config(org_ids=["https://www.linkedin.com/in/someone/"]), "org_ids[0]"),
        (config(org_ids=[None]), "org_ids[0]"),
        (config(org_id="org-one two"), "org_id"),
        (config(start_date="2026/01/01"), "start_date"),
        (config(start_date="2026-13-01"), "start_date"),
        (config(start_date="2999-01-01"), "start_date"),
        (config(lookback_window_days=31), "lookback_window_days"),
        (config(lookback_window_days="2"), "lookback_window_days"),
        (config(lookback_window_days=True), "lookback_window_days"),
        (config(time_granularity_type="WEEK"), "time_granularity_type"),
        (config(api_version="2026-10"), "api_version"),
        (config(api_version="202613"), "api_version"),
        (config(api_base_url="http://api.linkedin.com/rest"), "api_base_url"),
        (config(api_base_url="http://192.168.1.5/rest"), "api_base_url"),
        (config(api_base_url="ftp://localhost/rest"), "api_base_url"),
        (config(oauth_base_url="http://example.com/oauth/v2"), "oauth_base_url"),
        (config(api_base_url="https://user:pw@api.linkedin.com/rest"), "api_base_url"),
        (config(num_workers=0), "num_workers"),
    ],
)
def test_bad_config_is_a_config_error_naming_the_field(raw: dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(raw)
    assert caught.value.failure_type == FailureType.config_error
    assert f"Invalid configuration: {field} " in caught.value.message
    assert "secret-token-value" not in caught.value.message
