"""Header rules, token statuses, scopes, roles, tunneling, 414 and OAuth."""
from __future__ import annotations

from typing import Any

import pytest
import requests

from linkedin_emulator.timeutil import default_versions, now_ms

from .conftest import ORG1, ORG1_URN, ORG2, Api

FOLLOWERS = ("organizationalEntityFollowerStatistics",
             f"q=organizationalEntity&organizationalEntity={ORG1_URN}")


@pytest.mark.parametrize("kw, status, body", [
    ({"token": None}, 401, {"status": 401, "serviceErrorCode": 65604, "code": "EMPTY_ACCESS_TOKEN",
                            "message": "Empty oauth2_access_token"}),
    ({"token": "nope"}, 401, {"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN",
                              "message": "Invalid access token"}),
    ({"token": "emu-token-revoked"}, 401, {"status": 401, "serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN",
                                           "message": "The token used in the request has been revoked by the user"}),
    ({"token": "emu-token-expired"}, 401, {"status": 401, "serviceErrorCode": 65602, "code": "EXPIRED_ACCESS_TOKEN",
                                           "message": "The token used in the request has expired"}),
    ({"version": None}, 400, {"status": 400, "code": "VERSION_MISSING",
                              "message": "A version must be present. Please specify a version by adding the "
                                         "LinkedIn-Version header."}),
    ({"version": "202404"}, 426, {"status": 426, "code": "NONEXISTENT_VERSION",
                                  "message": "Requested version 20240401 is not active"}),
    ({"version": "20240415"}, 426, {"status": 426, "code": "NONEXISTENT_VERSION",
                                    "message": "Requested version 20240401 is not active"}),
])
def test_header_and_token_errors(api: Api, kw: dict[str, Any], status: int, body: dict[str, Any]) -> None:
    r = api.get(f"organizations/{ORG1}", **kw)
    assert r.status_code == status
    assert r.json() == body


def test_default_versions_window() -> None:
    versions = default_versions(now_ms())
    assert len(versions) == 12
    assert versions == sorted(versions)


@pytest.mark.parametrize("version", ["202610", "20261001", "20261015"])
def test_versions_accepted(api: Api, version: str) -> None:
    assert api.get(f"organizations/{ORG1}", version=version).status_code == 200


def test_v2_syntax_needs_protocol_header(api: Api) -> None:
    q = "ids=List(urn%3Ali%3Ashare%3A1)"
    r = api.get("posts", q, v2=False)
    assert r.status_code == 400 and r.json()["code"] == "ILLEGAL_ARGUMENT"
    assert api.get("posts", q).status_code == 200


def test_one_dot_zero_dotted_form_accepted_without_header(api: Api) -> None:
    from linkedin_emulator.timeutil import DAY_MS, day_floor
    end = day_floor(now_ms()) - 3 * DAY_MS
    q = (f"q=organizationalEntity&organizationalEntity={ORG1_URN}&timeIntervals.timeGranularityType=DAY"
         f"&timeIntervals.timeRange.start={end - 5 * DAY_MS}&timeIntervals.timeRange.end={end}")
    body = api.ok("organizationalEntityFollowerStatistics", q, v2=False)
    assert len(body["elements"]) == 5


@pytest.mark.parametrize("query, message", [
    ("ids=List(urn:li:share:1)", "Invalid param. Please see errorDetails for more information."),
    ("q=nothing", "Resource method could not be resolved from request parameters."),
    ("q=author&author=urn%3Ali%3Aorganization%3A2414183&bogus=1",
     "Resource method could not be resolved from request parameters."),
])
def test_bad_parameters(api: Api, query: str, message: str) -> None:
    r = api.get("posts", query)
    assert r.status_code == 400
    assert r.json() == {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT", "message": message}


@pytest.mark.parametrize("token, path, query, resource, method", [
    ("emu-token-no-followers", *FOLLOWERS, "organizationalEntityFollowerStatistics", "GET_ALL"),
    ("emu-token-no-followers", f"networkSizes/{ORG1_URN}", "edgeType=COMPANY_FOLLOWED_BY_MEMBER", "networkSizes",
     "GET"),
    ("emu-token-not-admin", "organizationalEntityFollowerStatistics",
     f"q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A{ORG2}",
     "organizationalEntityFollowerStatistics", "GET_ALL"),
    ("emu-token-not-admin", "organizationPageStatistics",
     f"q=organization&organization=urn%3Ali%3Aorganization%3A{ORG2}", "organizationPageStatistics", "GET_ALL"),
    ("emu-token-not-admin", "posts", f"q=author&author=urn%3Ali%3Aorganization%3A{ORG2}", "posts", "GET_ALL"),
    ("scoped-engagement-only", "posts", f"q=author&author={ORG1_URN}", "posts", "GET_ALL"),
])
def test_scope_and_role_403(api: Api, control: Any, token: str, path: str, query: str, resource: str,
                            method: str) -> None:
    control.add_token("scoped-engagement-only", ["r_social_engagement"])
    r = api.get(path, query, token=token)
    assert r.status_code == 403
    assert r.json() == {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
                        "message": f"Not enough permissions to access: {resource}.{method}.20261001"}


@pytest.mark.parametrize("token", ["emu-token-full", "emu-token-admin-scope", "emu-token-not-admin"])
def test_allowed_tokens_org1(api: Api, token: str) -> None:
    api.ok(*FOLLOWERS, token=token)


def test_org_lookup_subset_for_non_admin(api: Api) -> None:
    full = api.ok(f"organizations/{ORG2}")
    part = api.ok(f"organizations/{ORG2}", token="emu-token-not-admin")
    assert set(part) == {"id", "localizedName", "vanityName", "localizedWebsite", "logoV2"}
    assert len(full) > len(part)
    r = api.get("organizations/9999999")
    assert r.status_code == 404
    assert r.json() == {"status": 404, "serviceErrorCode": 0, "code": "NOT_FOUND", "message": "Not Found"}


def test_vanity_finder_and_acls(api: Api) -> None:
    body = api.ok("organizations", "q=vanityName&vanityName=emu-org-2")
    assert [e["id"] for e in body["elements"]] == [ORG2]
    acls = api.ok("organizationAcls", "q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0&count=100")
    orgs = [e["organization"] for e in acls["elements"]]
    assert f"urn:li:organization:{ORG1}" in orgs and len(orgs) == 3
    everything = api.ok("organizationAcls", "q=roleAssignee")
    assert len(everything["elements"]) > len(orgs)  # other roles/states exist and must be filtered
    analyst = api.ok("organizationAcls", "q=roleAssignee&role=ADMINISTRATOR&state=APPROVED",
                     token="emu-token-not-admin")
    assert [e["organization"] for e in analyst["elements"]] == [f"urn:li:organization:{ORG1}"]
    assert api.get("organizationAcls", "q=roleAssignee&count=101").status_code == 400


def test_tunneling_and_414(api: Api, control: Any) -> None:
    ids = ",".join(f"urn%3Ali%3Ashare%3A{7100000000000000000 + i}" for i in range(200))
    query = f"ids=List({ids})"
    assert len(query) > 4000
    r = api.get("posts", query)
    assert r.status_code == 414 and r.json() == {"status": 414, "message": "Request-URI Too Long"}
    r = api.session.post(f"{api.base}/rest/posts", data=query,
                         headers=api.headers(**{"X-HTTP-Method-Override": "GET",
                                                "Content-Type": "application/x-www-form-urlencoded"}))
    assert r.status_code == 200, r.text
    assert len(r.json()["statuses"]) == 200
    log = control.requests("posts")
    assert log[-1]["tunneled"] is True and log[-1]["batch_size"] == 200 and log[-1]["query"] == query


def test_expires_after_calls(api: Api, control: Any) -> None:
    control.add_token("short-lived", ["r_organization_social"], expires_after_calls=2)
    assert api.get(f"organizations/{ORG1}", token="short-lived").status_code == 200
    assert api.get(f"organizations/{ORG1}", token="short-lived").status_code == 200
    r = api.get(f"organizations/{ORG1}", token="short-lived")
    assert r.status_code == 401 and r.json()["serviceErrorCode"] == 65602


def test_added_token_roles(api: Api, control: Any) -> None:
    control.add_token("content-admin", ["r_organization_social"], member="urn:li:person:x",
                      roles={str(ORG2): "CONTENT_ADMINISTRATOR"})
    api.ok("posts", f"q=author&author=urn%3Ali%3Aorganization%3A{ORG2}", token="content-admin")
    r = api.get("organizationPageStatistics", f"q=organization&organization=urn%3Ali%3Aorganization%3A{ORG2}",
                token="content-admin")
    assert r.status_code == 403


# OAuth ---------------------------------------------------------------------------------------
def _oauth(api: Api, name: str, form: dict[str, str]) -> requests.Response:
    return api.session.post(f"{api.base}/oauth/v2/{name}", data=form, timeout=10)


GOOD = {"client_id": "emu-client-id", "client_secret": "emu-client-secret"}


@pytest.mark.parametrize("form, status, error", [
    ({"grant_type": "refresh_token", "refresh_token": "emu-refresh-token", **GOOD}, 200, None),
    ({"grant_type": "refresh_token", "refresh_token": "emu-refresh-token-revoked", **GOOD}, 400, "invalid_grant"),
    ({"grant_type": "refresh_token", "refresh_token": "other", **GOOD}, 400, "invalid_grant"),
    ({"grant_type": "refresh_token", "refresh_token": "emu-refresh-token", "client_id": "emu-client-id",
      "client_secret": "wrong"}, 401, "invalid_client"),
    ({"grant_type": "refresh_token", **GOOD}, 400, "invalid_request"),
])
def test_refresh(api: Api, control: Any, form: dict[str, str], status: int, error: str | None) -> None:
    r = _oauth(api, "accessToken", form)
    assert r.status_code == status, r.text
    body = r.json()
    if error:
        assert body["error"] == error
        if error == "invalid_grant":
            assert body["error_description"] == ("The provided authorization grant or refresh token is invalid, "
                                                  "expired or revoked")
        return
    assert body["expires_in"] == 5184000 and body["refresh_token"] == "emu-refresh-token"
    assert body["scope"] == "r_organization_social,r_organization_followers,r_social_engagement"
    second = _oauth(api, "accessToken", form).json()["access_token"]
    assert second != body["access_token"]
    api.ok(f"organizations/{ORG1}", token=body["access_token"])
    labels = [e["token_label"] for e in control.requests("organizations")]
    assert labels[-1].startswith("oauth-access-")


@pytest.mark.parametrize("token, status, active, state", [
    ("emu-token-full", 200, True, "active"),
    ("emu-token-expired", 200, False, "expired"),
    ("emu-token-revoked", 200, False, "revoked"),
    ("", 400, None, None),
    ("bad token with spaces", 400, None, None),
])
def test_introspect(api: Api, token: str, status: int, active: bool | None, state: str | None) -> None:
    r = _oauth(api, "introspectToken", {**GOOD, "token": token})
    assert r.status_code == status
    if status == 200:
        body = r.json()
        assert body["active"] is active and body["status"] == state
        assert body["expires_at"] < 10**11  # epoch seconds


def test_introspect_bad_client(api: Api) -> None:
    r = _oauth(api, "introspectToken", {"client_id": "emu-client-id", "client_secret": "x", "token": "emu-token-full"})
    assert r.status_code == 401
    r = _oauth(api, "introspectToken", {"client_id": "x", "client_secret": "emu-client-secret",
                                        "token": "emu-token-full"})
    assert r.status_code == 400


def test_log_never_holds_secrets(api: Api, control: Any) -> None:
    api.get(f"organizations/{ORG1}")
    api.get(f"organizations/{ORG1}", token="emu-token-revoked")
    _oauth(api, "accessToken", {"grant_type": "refresh_token", "refresh_token": "emu-refresh-token", **GOOD})
    text = str(control.requests())
    for secret in ("emu-token-full", "emu-token-revoked", "emu-client-secret", "emu-refresh-token", "emu-access-"):
        assert secret not in text
    log = control.requests()
    assert [e["resource"] for e in log] == ["organizations", "organizations", "oauth.accessToken"]
    first = log[0]
    assert first["token_label"] == "fixed:full" and first["status"] == 200 and first["restli_method"] == "GET"
    assert first["headers"]["LinkedIn-Version"] == "202610"
    assert first["headers"]["X-Restli-Protocol-Version"] == "2.0.0"
