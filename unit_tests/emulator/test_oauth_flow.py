"""Authorization-code flow of the emulator over raw HTTP: consent, code exchange, refresh, lives, control, reset."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from linkedin_emulator import EmulatorServer

from .conftest import ORG1, Api

REDIRECT = "http://localhost:8000/callback"
SCOPE = "r_organization_social r_organization_followers r_social_engagement"
CLIENT = {"client_id": "emu-client-id", "client_secret": "emu-client-secret"}
AUTH_PARAMS = {"response_type": "code", "client_id": "emu-client-id", "redirect_uri": REDIRECT, "state": "s-123",
               "scope": SCOPE}
DAY_S = 86_400


def _authorize(api: Api, **params: Any) -> requests.Response:
    query = {k: v for k, v in {**AUTH_PARAMS, **params}.items() if v is not None}
    return api.session.get(f"{api.base}/oauth/v2/authorization", params=query, allow_redirects=False, timeout=10)


def _redirected(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    assert location.startswith(REDIRECT.split("?")[0]) or "://" in location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def _code(api: Api, **params: Any) -> str:
    return _redirected(_authorize(api, **params))["code"]


def _token(api: Api, **form: str) -> requests.Response:
    return api.session.post(f"{api.base}/oauth/v2/accessToken", data=form, timeout=10)


def _exchange(api: Api, code: str, redirect_uri: str = REDIRECT, **extra: str) -> requests.Response:
    return _token(api, grant_type="authorization_code", code=code, redirect_uri=redirect_uri, **{**CLIENT, **extra})


def _refresh(api: Api, refresh_token: str) -> requests.Response:
    return _token(api, grant_type="refresh_token", refresh_token=refresh_token, **CLIENT)


def _introspect(api: Api, token: str) -> dict[str, Any]:
    r = api.session.post(f"{api.base}/oauth/v2/introspectToken", data={**CLIENT, "token": token}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture()
def shift(emulator: EmulatorServer) -> Iterator[Callable[[int], None]]:
    """Moves the emulator's clock forward by N seconds; restored after the test (reset keeps the offset)."""
    before = emulator.state.clock_offset_ms

    def _shift(seconds: int) -> None:
        emulator.state.clock_offset_ms += seconds * 1000

    yield _shift
    emulator.state.clock_offset_ms = before


# authorization endpoint ------------------------------------------------------------------------
@pytest.mark.parametrize("params, text", [
    ({"response_type": None}, 'required parameter "response_type" is missing'),
    ({"response_type": "token"}, "response_type must be code"),
    ({"client_id": None}, 'required parameter "client_id" is missing'),
    ({"client_id": "someone-else"}, "client_id is invalid"),
    ({"redirect_uri": None}, 'required parameter "redirect_uri" is missing'),
    ({"redirect_uri": "http://localhost:9999/callback"}, "redirect_uri does not match the registered value"),
    ({"redirect_uri": "https://localhost:8000/callback"}, "redirect_uri does not match the registered value"),
    ({"redirect_uri": REDIRECT + "/"}, "redirect_uri does not match the registered value"),
    ({"scope": None}, 'required parameter "scope" is missing'),
    ({"scope": ""}, 'required parameter "scope" is missing'),
])
def test_authorization_error_page_never_redirects(api: Api, params: dict[str, Any], text: str) -> None:
    r = _authorize(api, **params)
    assert r.status_code == 400 and "Location" not in r.headers
    assert r.headers["Content-Type"].startswith("text/html")
    assert text in r.text


@pytest.mark.parametrize("settings, params, expected", [
    ({}, {}, {"code": ..., "state": "s-123"}),
    ({}, {"state": None}, {"code": ...}),
    ({}, {"scope": "r_organization_social,r_organization_followers"}, {"code": ..., "state": "s-123"}),
    ({"consent": "cancel"}, {}, {"error": "user_cancelled_authorize",
                                 "error_description": "The user cancelled the authorization", "state": "s-123"}),
    ({}, {"scope": SCOPE + " r_ads"}, {"error": "unauthorized_scope_error",
                                       "error_description": 'Scope "r_ads" is not authorized for your application',
                                       "state": "s-123"}),
    ({"scopes": ["r_organization_social"]}, {}, {
        "error": "unauthorized_scope_error",
        "error_description": 'Scope "r_organization_followers" is not authorized for your application',
        "state": "s-123"}),
    ({"redirect_uris": ["http://127.0.0.1:5000/cb?x=1"]}, {"redirect_uri": "http://127.0.0.1:5000/cb?x=1"},
     {"x": "1", "code": ..., "state": "s-123"}),
])
def test_authorization_redirects(api: Api, control: Any, settings: dict[str, Any], params: dict[str, Any],
                                 expected: dict[str, Any]) -> None:
    if settings:
        control.set_oauth(**settings)
    r = _authorize(api, **params)
    location = r.headers.get("Location", "")
    assert location.startswith(params.get("redirect_uri", REDIRECT).split("?")[0])
    got = _redirected(r)
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert got[key].startswith("emu-code-") if value is ... else got[key] == value


# code exchange ---------------------------------------------------------------------------------
NOT_FOUND = {"error": "invalid_request",
             "error_description": "Unable to retrieve access token: authorization code not found"}


@pytest.mark.parametrize("case, status, body", [
    ("ok", 200, None),
    ("reused", 400, NOT_FOUND),
    ("unknown code", 400, NOT_FOUND),
    ("expired", 400, NOT_FOUND),
    ("other redirect", 400, {"error": "invalid_redirect_uri"}),
    ("bad secret", 401, {"error": "invalid_client"}),
    ("bad client id", 401, {"error": "invalid_client"}),
    ("no code", 400, {"error": "invalid_request", "error_description": 'A required parameter "code" is missing'}),
    ("no redirect", 400, {"error": "invalid_request",
                          "error_description": 'A required parameter "redirect_uri" is missing'}),
    ("bad grant type", 400, {"error": "unsupported_grant_type"}),
    ("json body", 400, {"error": "invalid_request"}),
    ("GET", 405, {"error": "invalid_request"}),
])
def test_code_exchange(api: Api, shift: Callable[[int], None], case: str, status: int,
                       body: dict[str, str] | None) -> None:
    code = _code(api)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, **CLIENT}
    url = f"{api.base}/oauth/v2/accessToken"
    if case == "reused":
        assert _token(api, **form).status_code == 200
    if case == "expired":
        shift(30 * 60)  # codes live 30 minutes
    changes: dict[str, dict[str, str]] = {
        "unknown code": {"code": "emu-code-never-issued"}, "other redirect": {"redirect_uri": REDIRECT + "2"},
        "bad secret": {"client_secret": "wrong"}, "bad client id": {"client_id": "other"},
        "no code": {"code": ""}, "no redirect": {"redirect_uri": ""}, "bad grant type": {"grant_type": "password"}}
    form.update(changes.get(case, {}))
    if case == "json body":
        r = api.session.post(url, json=form, timeout=10)
    elif case == "GET":
        r = api.session.get(url, params=form, timeout=10)
    else:
        r = _token(api, **form)
    assert r.status_code == status, r.text
    if body is not None:
        assert body.items() <= r.json().items()
        return
    answer = r.json()
    assert set(answer) == {"access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope"}
    assert answer["expires_in"] == 60 * DAY_S and answer["refresh_token_expires_in"] == 365 * DAY_S
    assert answer["scope"] == "r_organization_followers,r_organization_social,r_social_engagement"
    api.ok(f"organizations/{ORG1}", token=answer["access_token"])


def test_failed_exchange_keeps_the_code_until_it_is_used(api: Api) -> None:
    code = _code(api)
    assert _exchange(api, code, client_secret="wrong").status_code == 401
    assert _exchange(api, code, redirect_uri=REDIRECT + "2").status_code == 400
    assert _exchange(api, code).status_code == 200
    assert _exchange(api, code).json() == NOT_FOUND


def test_codes_are_single_use_and_distinct(api: Api) -> None:
    codes = {_code(api) for _ in range(5)}
    assert len(codes) == 5
    answers = [_exchange(api, code).json() for code in codes]
    assert len({a["access_token"] for a in answers}) == 5 and len({a["refresh_token"] for a in answers}) == 5
    assert all(_exchange(api, code).json() == NOT_FOUND for code in codes)


def test_granted_scopes_are_the_requested_ones(api: Api) -> None:
    answer = _exchange(api, _code(api, scope="r_organization_social")).json()
    assert answer["scope"] == "r_organization_social"
    assert _introspect(api, answer["access_token"])["scope"] == "r_organization_social"
    assert _refresh(api, answer["refresh_token"]).json()["scope"] == "r_organization_social"
    r = api.get(f"networkSizes/urn%3Ali%3Aorganization%3A{ORG1}", "edgeType=COMPANY_FOLLOWED_BY_MEMBER",
                token=answer["access_token"])
    assert r.status_code == 403  # no r_organization_followers


# refresh of code-flow tokens -------------------------------------------------------------------
def test_refresh_of_code_flow_token_does_not_extend_its_life(api: Api, shift: Callable[[int], None]) -> None:
    granted = _exchange(api, _code(api)).json()
    shift(10 * DAY_S)
    r = _refresh(api, granted["refresh_token"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["refresh_token"] == granted["refresh_token"]
    assert body["access_token"] != granted["access_token"] and body["expires_in"] == 60 * DAY_S
    assert 355 * DAY_S - 5 <= body["refresh_token_expires_in"] <= 355 * DAY_S
    api.ok(f"organizations/{ORG1}", token=body["access_token"])
    shift(100 * DAY_S)
    assert 255 * DAY_S - 5 <= _refresh(api, granted["refresh_token"]).json()["refresh_token_expires_in"] <= 255 * DAY_S
    shift(255 * DAY_S)  # 365 days after the grant
    r = _refresh(api, granted["refresh_token"])
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"


def test_introspection_knows_code_flow_tokens(api: Api) -> None:
    before = int(time.time())
    granted = _exchange(api, _code(api)).json()
    info = _introspect(api, granted["access_token"])
    assert info["active"] is True and info["status"] == "active" and info["auth_type"] == "3L"
    assert before + 60 * DAY_S - 5 <= info["expires_at"] <= int(time.time()) + 60 * DAY_S + 5
    refreshed = _refresh(api, granted["refresh_token"]).json()
    assert _introspect(api, refreshed["access_token"])["active"] is True


@pytest.mark.parametrize("settings, when, access_s, refresh_s", [
    ({"refresh_token_expires_in": 10 * DAY_S}, "after grant", 60 * DAY_S, 10 * DAY_S),
    ({"refresh_token_expires_in": 10 * DAY_S}, "before grant", 60 * DAY_S, 10 * DAY_S),
    ({"access_token_expires_in": 3600}, "after grant", 3600, 365 * DAY_S),
    ({"access_token_expires_in": 3600, "refresh_token_expires_in": 5 * DAY_S}, "before grant", 3600, 5 * DAY_S),
])
def test_controlled_lives(api: Api, control: Any, settings: dict[str, int], when: str, access_s: int,
                          refresh_s: int) -> None:
    if when == "before grant":
        control.set_oauth(**settings)
    granted = _exchange(api, _code(api)).json()
    if when == "after grant":
        control.set_oauth(**settings)
    else:
        assert granted["expires_in"] == access_s and granted["refresh_token_expires_in"] == refresh_s
    now = int(time.time())
    assert abs(_introspect(api, granted["access_token"])["expires_at"] - (now + access_s)) <= 5
    body = _refresh(api, granted["refresh_token"]).json()
    assert refresh_s - 5 <= body["refresh_token_expires_in"] <= refresh_s
    assert body["expires_in"] == access_s


def test_refresh_token_life_set_on_the_fixed_token(api: Api, control: Any) -> None:
    control.set_oauth(refresh_token_expires_in=10 * DAY_S)
    body = _refresh(api, "emu-refresh-token").json()
    assert 10 * DAY_S - 5 <= body["refresh_token_expires_in"] <= 10 * DAY_S
    control.set_oauth(refresh_token_expires_in=0)
    assert _refresh(api, "emu-refresh-token").json()["error"] == "invalid_grant"


def test_app_without_programmatic_refresh_tokens(api: Api, control: Any) -> None:
    control.set_oauth(refresh_tokens=False)
    answer = _exchange(api, _code(api)).json()
    assert set(answer) == {"access_token", "expires_in", "scope"}
    api.ok(f"organizations/{ORG1}", token=answer["access_token"])


# control and reset -----------------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    {"consent": "maybe"}, {"refresh_tokens": "yes"}, {"redirect_uris": "http://localhost:8000/callback"},
    {"redirect_uris": [""]}, {"scopes": [1]}, {"access_token_expires_in": -1}, {"refresh_token_expires_in": 1.5},
    {"expires_after_calls": True}, {"colour": "blue"},
])
def test_control_rejects_bad_settings(api: Api, control: Any, body: dict[str, Any]) -> None:
    before = control.oauth()
    r = requests.post(f"{api.base}/_emulator/oauth", json=body, timeout=10)
    assert r.status_code == 400
    assert control.oauth() == before


def test_control_changes_only_what_it_names(control: Any) -> None:
    defaults = control.oauth()
    assert defaults == {"expires_after_calls": None, "consent": "allow", "refresh_tokens": True,
                        "redirect_uris": [REDIRECT], "scopes": defaults["scopes"],
                        "access_token_expires_in": 60 * DAY_S, "refresh_token_expires_in": 365 * DAY_S}
    assert set(SCOPE.split()) <= set(defaults["scopes"])
    assert control.set_oauth(consent="cancel") == {**defaults, "consent": "cancel"}
    assert control.set_oauth_expiry(3) == {**defaults, "consent": "cancel", "expires_after_calls": 3}
    control.set_oauth(access_token_expires_in=60, refresh_token_expires_in=60)
    restored = control.set_oauth(access_token_expires_in=None, refresh_token_expires_in=None)
    assert restored["access_token_expires_in"] == 60 * DAY_S and restored["refresh_token_expires_in"] == 365 * DAY_S


def test_reset_restores_the_app_and_forgets_codes_and_grants(api: Api, control: Any) -> None:
    pending = _code(api)
    granted = _exchange(api, _code(api)).json()
    control.set_oauth(consent="cancel", refresh_tokens=False, redirect_uris=["http://localhost:1/x"],
                      refresh_token_expires_in=5)
    control.reset()
    assert control.oauth()["consent"] == "allow" and control.oauth()["redirect_uris"] == [REDIRECT]
    assert _exchange(api, pending).json() == NOT_FOUND
    assert _refresh(api, granted["refresh_token"]).json()["error"] == "invalid_grant"
    assert _refresh(api, "emu-refresh-token").json()["refresh_token_expires_in"] > 364 * DAY_S


def test_log_names_resources_and_holds_no_secret(api: Api, control: Any) -> None:
    code = _code(api)
    granted = _exchange(api, code).json()
    _refresh(api, granted["refresh_token"])
    _introspect(api, granted["access_token"])
    _authorize(api, redirect_uri="http://localhost:1/nope")
    log = control.requests()
    assert [e["resource"] for e in log] == ["oauth.authorization", "oauth.accessToken", "oauth.accessToken",
                                            "oauth.introspectToken", "oauth.authorization"]
    assert [e["status"] for e in log] == [302, 200, 200, 200, 400]
    assert log[0]["params"] == {"response_type": "code", "client_id": "emu-client-id", "redirect_uri": REDIRECT,
                                "scope": SCOPE}
    assert [e["params"] for e in log[1:3]] == [{"grant_type": "authorization_code"}, {"grant_type": "refresh_token"}]
    assert log[1]["token_label"].startswith("oauth-access-")
    text = str(log)
    for secret in (code, granted["access_token"], granted["refresh_token"], "emu-client-secret", "s-123",
                   "emu-code-", "emu-access-", "emu-refresh-token"):
        assert secret not in text
