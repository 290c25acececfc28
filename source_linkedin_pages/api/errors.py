"""LinkedIn error classification: one table from (status, LinkedIn code, message) to action, failure type and message.

Every message a user can see is defined here, so that docs/troubleshooting.md can list them all
(a unit test checks that each one is documented).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.error_handlers import ErrorHandler
from airbyte_cdk.sources.streams.http.error_handlers.response_models import ErrorResolution, ResponseAction
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

GUIDE = "docs/setup-guide.md"

# User-facing messages. Placeholders are filled with non-secret values only.
MESSAGES: dict[str, str] = {
    "token_expired": (
        "The access token expired; tokens last 60 days. Generate a new one: Step 4 of the setup guide "
        f"({GUIDE}), or configure OAuth (client id, secret and refresh token) so the connector refreshes it."
    ),
    "token_revoked": (
        "The access token was revoked (by a member or an administrator of the LinkedIn app). "
        f"Generate a new one: Step 4 of the setup guide ({GUIDE})."
    ),
    "token_invalid": (
        "LinkedIn does not recognise the access token. Copy the Access Token (not the Refresh Token) "
        f"from the OAuth 2.0 token tool again: Step 5 of the setup guide ({GUIDE})."
    ),
    "token_missing": "LinkedIn received no access token. Set credentials.access_token in the configuration.",
    "refresh_rejected": (
        "LinkedIn rejected the OAuth refresh token (invalid, expired or revoked; refresh tokens last 365 days "
        "from the original grant). Generate a new refresh token with the app's OAuth flow: Step 4 of the "
        f"setup guide ({GUIDE})."
    ),
    "client_rejected": (
        "LinkedIn rejected the OAuth client id or client secret. Copy both again from the app's Auth tab "
        f"in the LinkedIn Developer Portal: Step 4 of the setup guide ({GUIDE})."
    ),
    "access_denied": (
        "LinkedIn denied access to {resource}. The token needs the scope {scope} and the member must be an "
        "approved ADMINISTRATOR of the organization. Create a token with the scopes r_organization_social, "
        f"r_organization_followers and r_social_engagement (Step 4 of the setup guide, {GUIDE}) and ask a "
        "page super admin to grant the role."
    ),
    "daily_limit": (
        "LinkedIn's daily API limit for this app or member is reached ({detail}). It resets at 00:00 UTC. "
        "Every record read so far was kept and the sync's state saved; run the sync again after midnight UTC "
        "and it resumes where it stopped."
    ),
    "rate_limited": "LinkedIn asked to slow down (429); retrying after a pause.",
    "server_error": "LinkedIn answered {status} (a temporary outage on LinkedIn's side); retrying after a pause.",
    "connection": "The connection to LinkedIn failed ({detail}); retrying after a pause.",
    "bad_json": "LinkedIn sent an unreadable (truncated or non-JSON) answer; retrying after a pause.",
    "bad_window": (
        "LinkedIn rejected a statistics time window ({detail}). This is a defect of the connector: please "
        "report it with this message."
    ),
    "bad_request": (
        "LinkedIn rejected a request as malformed ({detail}). This is a defect of the connector: please "
        "report it with this message."
    ),
    "version_sunset": (
        "LinkedIn-Version {version} is no longer active on LinkedIn (sunset). The connector used {replacement} "
        "instead; set api_version to {replacement} (or remove it) to silence this warning."
    ),
    "no_active_version": (
        "LinkedIn-Version {version} is not active and no version of the past 13 months was accepted. Set "
        "api_version to a version LinkedIn currently supports (format YYYYMM; see "
        "https://learn.microsoft.com/linkedin/marketing/versioning)."
    ),
    "unexpected_status": "LinkedIn answered an unexpected HTTP {status} ({detail}).",
    "stats_start_date_clamped": (
        "start_date {wanted} is older than the 12 months of statistics LinkedIn serves; the *_time_bound statistics "
        "streams read from {served} instead (a warning, not an error)."
    ),
    "stats_state_clamped": (
        "The saved state of {stream} for {organization} asks for statistics from {wanted} (its cursor minus "
        "lookback_window_days), older than the 12 months LinkedIn serves; the *_time_bound statistics streams read "
        "from {served} instead. Statistics older than that can no longer be read from LinkedIn."
    ),
    "missing_scopes": (
        "The access token lacks the scope(s) {scopes}, needed for {streams}. Create a new token with the scopes "
        f"r_organization_social, r_organization_followers and r_social_engagement: Step 4 of the setup guide ({GUIDE})."
    ),
    "not_admin": (
        "The LinkedIn member behind the token is not an approved ADMINISTRATOR of organization(s) {organizations}. "
        "Ask a super admin of each page to grant that role (page Admin tools > Manage admins), or remove them "
        "from org_ids."
    ),
    "no_admin_orgs": (
        "org_ids is empty and the LinkedIn member behind the token administers no page (no approved "
        "ADMINISTRATOR role). List the organizations in org_ids, or use a token of a page administrator."
    ),
    "org_not_found": (
        "LinkedIn knows no organization {organization} (from {source}). Check the id in the page's admin URL "
        "(linkedin.com/company/<id>/admin/)."
    ),
    "vanity_not_found": (
        "LinkedIn knows no page with the vanity name '{vanity}' (from {source}). Check the page URL, or use the "
        "numeric id from the page's admin URL (linkedin.com/company/<id>/admin/)."
    ),
}


def message(key: str, **values: Any) -> str:
    """The user-facing message `key`, filled with `values`."""
    return MESSAGES[key].format(**values)


class LinkedInError(AirbyteTracedException):
    """An error whose message a user can act on (raised by this connector, not by the CDK)."""

    def __init__(self, key: str, failure_type: FailureType = FailureType.config_error, **values: Any) -> None:
        text = message(key, **values)
        super().__init__(message=text, internal_message=text, failure_type=failure_type)
        self.key = key


class NotFoundError(Exception):
    """A 404 from LinkedIn; callers decide whether it is a user error or a skip."""

    def __init__(self, url_path: str) -> None:
        super().__init__(f"404 Not Found: {url_path}")
        self.url_path = url_path


def parse_body(response: requests.Response) -> dict[str, Any]:
    """LinkedIn's JSON error body, or `{}` when the body is not JSON."""
    try:
        body = json_body(response)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


_RESOURCE_RE = re.compile(r"access:\s*([A-Za-z]+)\.")

# Resource name (from LinkedIn's 403 message) → the scope a user must grant.
RESOURCE_SCOPE: dict[str, str] = {
    "organizationalEntityFollowerStatistics": "r_organization_followers",
    "networkSizes": "r_organization_followers",
    "organizationalEntityShareStatistics": "r_organization_social",
    "organizationPageStatistics": "r_organization_social",
    "posts": "r_organization_social",
    "videoAnalytics": "r_organization_social",
    "socialMetadata": "r_social_engagement",
    "socialActions": "r_social_engagement",
    "reactions": "r_social_engagement",
    "organizations": "r_organization_social",
    "organizationAcls": "r_organization_social",
}


def denied_resource(body: dict[str, Any]) -> str:
    """The resource named in a 403 body (`Not enough permissions to access: <resource>.GET_ALL.2026…`)."""
    found = _RESOURCE_RE.search(str(body.get("message", "")))
    return found.group(1) if found else "this LinkedIn resource"


@dataclass(frozen=True)
class ErrorRule:
    """One row of the error table: when it matches, what to do and what to tell the user."""

    status: Callable[[int], bool]
    match: Callable[[dict[str, Any]], bool]
    action: ResponseAction
    failure_type: FailureType | None
    message_key: str | None


def _is(*codes: int) -> Callable[[int], bool]:
    return lambda status: status in codes


def _code(*names: str) -> Callable[[dict[str, Any]], bool]:
    return lambda body: body.get("code") in names or str(body.get("serviceErrorCode")) in names


def _always(_: dict[str, Any]) -> bool:
    return True


def _text(fragment: str) -> Callable[[dict[str, Any]], bool]:
    return lambda body: fragment in str(body.get("message", ""))


CONFIG, TRANSIENT, SYSTEM = FailureType.config_error, FailureType.transient_error, FailureType.system_error
A = ResponseAction

# Ordered: the first matching rule wins. 401 "expired" is special-cased for OAuth in the handler.
ERROR_TABLE: tuple[ErrorRule, ...] = (
    ErrorRule(_is(401), _code("EXPIRED_ACCESS_TOKEN", "65602"), A.FAIL, CONFIG, "token_expired"),
    ErrorRule(_is(401), _code("REVOKED_ACCESS_TOKEN", "65601"), A.FAIL, CONFIG, "token_revoked"),
    ErrorRule(_is(401), _code("EMPTY_ACCESS_TOKEN", "65604"), A.FAIL, CONFIG, "token_missing"),
    ErrorRule(_is(401), _always, A.FAIL, CONFIG, "token_invalid"),
    ErrorRule(_is(403), _always, A.FAIL, CONFIG, "access_denied"),
    # 404 and 426 are answered to the caller: a 404 may be a deleted post (skip) or an unknown
    # organization (config error); a 426 makes the client step to an active version.
    ErrorRule(_is(404), _always, A.IGNORE, None, None),
    ErrorRule(_is(426), _always, A.IGNORE, None, None),
    ErrorRule(_is(429), _text("DAY limit"), A.FAIL, TRANSIENT, "daily_limit"),
    ErrorRule(_is(429), _always, A.RETRY, TRANSIENT, "rate_limited"),
    ErrorRule(lambda s: s >= 500, _always, A.RETRY, TRANSIENT, "server_error"),
    ErrorRule(_is(400), _text("Invalid timeIntervals"), A.FAIL, SYSTEM, "bad_window"),
    ErrorRule(lambda s: 400 <= s < 500, _always, A.FAIL, SYSTEM, "bad_request"),
)


# A daily quota (429 DAY) or a rejected token (401) fails every later call too: stop calling.
HALTING_STATUSES = frozenset({401, 429})


def resolve(status: int, body: dict[str, Any], *, oauth: bool) -> ErrorResolution:
    """Classify one non-2xx answer through the table."""
    if oauth and status == 401 and _code("EXPIRED_ACCESS_TOKEN", "65602")(body):
        return ErrorResolution(A.REFRESH_TOKEN_THEN_RETRY, TRANSIENT, message("token_expired"))
    for rule in ERROR_TABLE:
        if rule.status(status) and rule.match(body):
            text = None
            if rule.message_key:
                detail = str(body.get("message") or body.get("code") or "")[:300]
                resource = denied_resource(body)
                text = message(
                    rule.message_key,
                    status=status,
                    detail=detail,
                    resource=resource,
                    scope=RESOURCE_SCOPE.get(resource, "r_organization_social"),
                )
            return ErrorResolution(rule.action, rule.failure_type, text)
    return ErrorResolution(A.FAIL, SYSTEM, message("unexpected_status", status=status, detail=""))


class LinkedInErrorHandler(ErrorHandler):
    """CDK error handler backed by ERROR_TABLE; retries are bounded in attempts and in time."""

    def __init__(
        self, *, oauth: bool, max_retries: int = 10, max_time: int = 900, answer: frozenset[int] = frozenset()
    ) -> None:
        self._oauth = oauth
        self.halted: ErrorResolution | None = None  # set once a failure makes every later call pointless
        self._answer = answer  # statuses handed back to the caller (scope probes read their 403s)
        self._max_retries = max_retries
        self._max_time = max_time

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def max_time(self) -> int:
        return self._max_time

    def interpret_response(self, response: requests.Response | Exception | None) -> ErrorResolution:
        if isinstance(response, Exception) or response is None:
            detail = type(response).__name__ if response is not None else "no response"
            return ErrorResolution(A.RETRY, TRANSIENT, message("connection", detail=detail))
        if response.ok:
            if not _is_json(response):
                return ErrorResolution(A.RETRY, TRANSIENT, message("bad_json"))
            return ErrorResolution(A.SUCCESS)
        if response.status_code in self._answer:
            return ErrorResolution(A.IGNORE)
        resolution = resolve(response.status_code, parse_body(response), oauth=self._oauth)
        if response.status_code in HALTING_STATUSES and resolution.response_action == A.FAIL:
            self.halted = resolution
        return resolution


_UNPARSED = object()


def json_body(response: requests.Response) -> Any:
    """The parsed JSON body, parsed once per response and cached on it (pages can be large)."""
    cached = getattr(response, "_linkedin_json", _UNPARSED)
    if cached is _UNPARSED:
        cached = response.json() if response.content else {}
        response._linkedin_json = cached  # type: ignore[attr-defined]
    return cached


def _is_json(response: requests.Response) -> bool:
    """Whether a 2xx body parses (a truncated body does not); empty bodies count as JSON."""
    try:
        json_body(response)
    except ValueError:
        return False
    return True
