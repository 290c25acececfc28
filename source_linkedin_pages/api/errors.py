"""LinkedIn error classification as data: (status, LinkedIn code, message) → action, failure type, message.

Every message a user can see (errors and warnings) is defined in MESSAGES, so docs/troubleshooting.md can
list them all; a unit test checks that each one is documented and that the code logs no other text.
"""

from __future__ import annotations

import enum
import re
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

GUIDE = "docs/setup-guide.md"
SCOPES = "r_organization_social, r_organization_followers and r_social_engagement"

# User-facing messages. Placeholders are filled with non-secret values only.
MESSAGES: dict[str, str] = {
    # --- credentials ---------------------------------------------------------------------------------
    "token_expired": (
        "The access token expired; access tokens last 60 days. Get a new one with `source-linkedin-pages auth` "
        f"or the OAuth token tool (Step 4 of the setup guide, {GUIDE}); with OAuth credentials (client id, "
        "secret and refresh token) the connector refreshes it itself."
    ),
    "token_revoked": (
        "The access token was revoked (by the member or an administrator of the LinkedIn app). Get a new one: "
        f"Step 4 of the setup guide ({GUIDE})."
    ),
    "token_invalid": (
        "LinkedIn does not recognise the access token. Copy the Access Token (not the Refresh Token) from the "
        f"OAuth 2.0 token tool again: Step 5 of the setup guide ({GUIDE})."
    ),
    "token_missing": "LinkedIn received no access token. Set credentials.access_token in the configuration.",
    "refresh_rejected": (
        "LinkedIn rejected the OAuth refresh token (invalid, expired or revoked; refresh tokens last 365 days "
        "from the original grant). Get a new one with `source-linkedin-pages auth` (Step 4 of the setup guide, "
        f"{GUIDE})."
    ),
    "client_rejected": (
        "LinkedIn rejected the OAuth client id or client secret. Copy both again from the app's Auth tab in the "
        f"LinkedIn Developer Portal: Step 4 of the setup guide ({GUIDE})."
    ),
    "refreshed_token_rejected": (
        "LinkedIn refused an access token it had just issued through the refresh token, before it served a "
        "single call. The app may have lost the Community Management API product or the member revoked the "
        f"app; check the app in the LinkedIn Developer Portal and get a new refresh token (Step 4, {GUIDE})."
    ),
    "oauth_unavailable": (
        "LinkedIn's token endpoint {host} did not answer usably ({detail}) after several attempts. This is "
        "usually temporary; run the sync again later."
    ),
    # --- access --------------------------------------------------------------------------------------
    "access_denied_scope": (
        "LinkedIn denied {what} of {organization}: the token lacks the scope {scope}. Create a token with the "
        f"scopes {SCOPES} (Step 4 of the setup guide, {GUIDE})."
    ),
    "access_denied_role": (
        "LinkedIn denied {what} of {organization}: the member behind the token holds no approved {roles} role "
        "on that page. Ask a super admin of the page to grant it (page Admin tools > Manage admins), or remove "
        "the page from org_ids."
    ),
    "access_denied": (
        "LinkedIn denied {what} of {organization}: either the token lacks the scope {scope} or the member is "
        f"not an approved {{roles}} of the page. Run check: it names which (setup guide, {GUIDE})."
    ),
    "acls_denied": (
        "LinkedIn refused to list the member's page roles (organizationAcls answered 403, which happens when "
        "one of the member's roles was revoked on a page); reading the configured organizations anyway, and "
        "reporting access per organization."
    ),
    "missing_scopes": (
        "The access token lacks the scope(s) {scopes}, needed for {streams}. Create a new token with the "
        f"scopes {SCOPES}: Step 4 of the setup guide ({GUIDE})."
    ),
    "no_admin_orgs": (
        "org_ids is empty and the LinkedIn member behind the token administers no page (no approved "
        "ADMINISTRATOR role). List the organizations in org_ids, or use a token of a page administrator."
    ),
    "org_unusable": "{organization}: {reason}",
    "orgs_unusable": (
        "{count} configured organization(s) cannot be read and were skipped: {details}. Every other "
        "organization was read."
    ),
    "org_not_found": (
        "LinkedIn knows no organization with this id. Check the id in the page's admin URL "
        "(linkedin.com/company/<id>/admin/)."
    ),
    "vanity_not_found": (
        "LinkedIn knows no page with the vanity name '{vanity}'. Check the page URL, or use the numeric id "
        "from the page's admin URL (linkedin.com/company/<id>/admin/)."
    ),
    "org_no_role": (
        "the member behind the token holds no approved role on this page. Ask a super admin of the page to "
        "grant ADMINISTRATOR (page Admin tools > Manage admins), or remove it from org_ids."
    ),
    "org_role_unusable": (
        "the member holds only {roles} on this page, which no stream can read with. Ask a super admin of the page "
        "to grant ADMINISTRATOR (page Admin tools > Manage admins), or remove it from org_ids."
    ),
    "org_not_admin": (
        "the member holds {roles} on this page but not ADMINISTRATOR, which {streams} need; those streams "
        "skip it. Ask a super admin of the page to grant ADMINISTRATOR, or deselect those streams."
    ),
    # --- limits and outages --------------------------------------------------------------------------
    "daily_limit": (
        "LinkedIn's daily API limit for this app or member is reached ({detail}). It resets at 00:00 UTC. "
        "Every record read so far was kept and the sync's state saved; run the sync again after midnight UTC "
        "and it resumes where it stopped."
    ),
    "throttled_persistently": (
        "LinkedIn kept answering 429 (throttled) for {endpoint} after {attempts} attempts over {seconds} s "
        "({detail}); without `DAY` in the message this is most likely a daily quota too. Every record read so "
        "far was kept and the state saved; run the sync again after 00:00 UTC."
    ),
    "call_budget": (
        "The sync used its call budget (max_calls_per_sync = {budget}) and stopped like at a daily limit: "
        "every record read so far was kept and the state saved; the next sync continues where this one stopped."
    ),
    "rate_limited": "LinkedIn throttled {endpoint} (429); retry {attempt} in {wait:.1f} s.",
    "server_error": (
        "LinkedIn answered {status} for {endpoint} (trouble on LinkedIn's side); retry {attempt} in {wait:.1f} s."
    ),
    "bad_json": (
        "LinkedIn sent an unreadable (truncated or non-JSON) answer for {endpoint}; retry {attempt} in {wait:.1f} s."
    ),
    "network_retry": "Could not reach {host}: {what}; retry {attempt} in {wait:.1f} s.",
    "outage": (
        "LinkedIn kept failing for {endpoint} ({detail}) after {attempts} attempts over {seconds} s. This is on "
        "LinkedIn's side; run the sync again later: it resumes from its saved state."
    ),
    "unreachable": (
        "Could not reach {host}: {what}. {advice}"
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
    # --- connector defects -----------------------------------------------------------------------------
    "bad_window": (
        "LinkedIn rejected a statistics time window ({detail}). This is a defect of the connector: please "
        "report it with this message."
    ),
    "bad_request": (
        "LinkedIn rejected a request to {endpoint} as malformed (HTTP {status}: {detail}). This is a defect of "
        "the connector: please report it with this message."
    ),
    "unexpected_status": "LinkedIn answered an unexpected HTTP {status} for {endpoint} ({detail}).",
    # --- warnings while reading --------------------------------------------------------------------------
    "stats_start_date_clamped": (
        "start_date {wanted} is older than the 12 months of statistics LinkedIn serves; the *_time_bound "
        "statistics streams read from {served} instead (a warning, not an error)."
    ),
    "stats_state_clamped": (
        "The saved state of {stream} for {organization} asks for statistics from {wanted} (its cursor minus "
        "lookback_window_days), older than the 12 months LinkedIn serves; the *_time_bound statistics streams "
        "read from {served} instead. Statistics older than that can no longer be read from LinkedIn."
    ),
    "posts_refused": (
        "{stream}: LinkedIn answered socialMetadata for {answered} of {asked} posts of {organization}; skipped "
        "{skipped} ({detail}). A 404 is a post deleted since it was listed; a 403 a post the token may not read; "
        "refused posts are read from their own last complete point on the next sync."
    ),
    "post_deleted": "{stream}: post {post} of {organization} was deleted (404); skipped.",
    "video_series_refused": "{stream}: LinkedIn refused {kind} for {post} ({detail}); that series is skipped.",
    "videos_not_followed": (
        "{stream}: {organization}: {count} video(s) older than video_analytics_max_age_days ({days}) are not "
        "re-read; their history already synced stays."
    ),
    "names_unavailable": (
        "LinkedIn refused the standardized-data resource {resource} (403; LinkedIn lists the r_basicprofile "
        "permission for it). Names stay empty (null) in the demographic streams and the lookup streams emit "
        "nothing; the sync goes on."
    ),
    "geo_names_missing": (
        "LinkedIn gave no name for {count} geo id(s) seen in the demographic facets (per-key errors or ids left "
        "out of its answer: {detail}); those rows carry name null and the geo stream leaves the ids out."
    ),
    "foreign_state": (
        "The input state names no stream of this source ({streams}); it looks like another connector's state "
        "and is ignored: every stream starts from scratch."
    ),
    "state_stream_unknown": (
        "The input state has entries for stream(s) this source does not have ({streams}); they are ignored."
    ),
    "refresh_token_expired": (
        "The refresh token expired on {date}; every sync fails until you run `source-linkedin-pages auth "
        f"--client-id <id> --client-secret <secret>` (Step 4 of the setup guide, {GUIDE}) and put the new refresh "
        "token in credentials.refresh_token."
    ),
    "refresh_token_expires": (
        "The refresh token expires on {date} ({left}); run `source-linkedin-pages auth --client-id <id> "
        f"--client-secret <secret>` (Step 4 of the setup guide, {GUIDE}) to get a new one before then, and put it "
        "in credentials.refresh_token. Refresh tokens last 365 days from the consent; refreshing does not extend "
        "them."
    ),
    "access_token_expires": (
        "The access token {when}; access tokens last 60 days. Generate a new one (Step 4 of the setup guide, "
        f"{GUIDE}), or switch to OAuth credentials with `source-linkedin-pages auth --client-id <id> "
        "--client-secret <secret>` so that the connector renews it itself."
    ),
    "token_lives": "Token lives: {lives}.",
    "calls_summary": "LinkedIn calls in this sync: {total} ({detail}).",
}


# How each message reaches the user: the failure type of the error that ends a sync or check, or a log level.
CONFIG_ERROR, TRANSIENT_ERROR, SYSTEM_ERROR, WARNING, INFO = (
    "config_error", "transient_error", "system_error", "warning", "info")
KINDS: dict[str, str] = {
    **dict.fromkeys(
        ["token_expired", "token_revoked", "token_invalid", "token_missing", "refresh_rejected", "client_rejected",
         "refreshed_token_rejected", "access_denied_scope", "access_denied_role", "access_denied", "missing_scopes",
         "no_admin_orgs", "orgs_unusable", "org_not_found", "vanity_not_found", "org_no_role", "org_role_unusable",
         "org_not_admin", "org_unusable", "no_active_version"], CONFIG_ERROR),
    "unreachable": f"{CONFIG_ERROR} (a mistyped or blocked host) or {TRANSIENT_ERROR} (a network outage)",
    **dict.fromkeys(["daily_limit", "throttled_persistently", "call_budget", "outage", "oauth_unavailable"],
                    TRANSIENT_ERROR),
    **dict.fromkeys(["bad_window", "bad_request", "unexpected_status"], SYSTEM_ERROR),
    **dict.fromkeys(
        ["acls_denied", "version_sunset", "stats_start_date_clamped", "stats_state_clamped", "posts_refused",
         "post_deleted", "video_series_refused", "names_unavailable", "geo_names_missing", "foreign_state",
         "state_stream_unknown", "refresh_token_expired", "refresh_token_expires", "access_token_expires"], WARNING),
    **dict.fromkeys(["rate_limited", "server_error", "bad_json", "network_retry", "videos_not_followed",
                     "calls_summary", "token_lives"], INFO),
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


class SyncHalted(AirbyteTracedException):
    """An error that stops every call of the sync (daily quota, rejected token, call budget), not one partition."""


class NotFoundError(Exception):
    """A 404 from LinkedIn; callers decide whether it is a user error or a skip."""

    def __init__(self, url_path: str) -> None:
        super().__init__(f"404 Not Found: {url_path}")
        self.url_path = url_path


class Action(enum.Enum):
    """What the client does with an answer."""

    ANSWER = "answer"  # hand the status and body to the caller (404, statuses a caller asked for)
    RETRY = "retry"  # wait and try again, within the retry budget
    REFRESH = "refresh"  # renew the OAuth access token, then try again at once
    STEP_VERSION = "step_version"  # the LinkedIn-Version is sunset: find an active one, then try again
    HALT = "halt"  # fail, and fail every later call of the sync too (daily quota, rejected token)
    FAIL = "fail"  # fail this call


@dataclass(frozen=True)
class Rule:
    """One row of the error table: when it matches, what to do and what to tell the user."""

    statuses: tuple[int, int]  # inclusive range
    match: Callable[[Mapping[str, Any]], bool]
    action: Action
    failure_type: FailureType | None
    message_key: str | None
    oauth_only: bool = False


def _code(*names: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda body: body.get("code") in names or str(body.get("serviceErrorCode")) in names


def _always(_: Mapping[str, Any]) -> bool:
    return True


def _text(fragment: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda body: fragment in str(body.get("message", ""))


CONFIG, TRANSIENT, SYSTEM = FailureType.config_error, FailureType.transient_error, FailureType.system_error
EXPIRED = _code("EXPIRED_ACCESS_TOKEN", "65602")

# Ordered: the first matching row wins.
ERROR_TABLE: tuple[Rule, ...] = (
    Rule((401, 401), EXPIRED, Action.REFRESH, TRANSIENT, None, oauth_only=True),
    Rule((401, 401), EXPIRED, Action.HALT, CONFIG, "token_expired"),
    Rule((401, 401), _code("REVOKED_ACCESS_TOKEN", "65601"), Action.HALT, CONFIG, "token_revoked"),
    Rule((401, 401), _code("EMPTY_ACCESS_TOKEN", "65604"), Action.HALT, CONFIG, "token_missing"),
    Rule((401, 401), _always, Action.HALT, CONFIG, "token_invalid"),
    Rule((403, 403), _always, Action.FAIL, CONFIG, "access_denied"),
    Rule((404, 404), _always, Action.ANSWER, None, None),
    Rule((426, 426), _always, Action.STEP_VERSION, None, None),
    Rule((429, 429), _text("DAY limit"), Action.HALT, TRANSIENT, "daily_limit"),
    # Without `DAY` a 429 may be short-term or a daily quota: retried, and after the retry budget treated as a quota.
    Rule((429, 429), _always, Action.RETRY, TRANSIENT, "rate_limited"),
    Rule((500, 599), _always, Action.RETRY, TRANSIENT, "server_error"),
    Rule((400, 400), _text("Invalid timeIntervals"), Action.FAIL, SYSTEM, "bad_window"),
    Rule((400, 499), _always, Action.FAIL, SYSTEM, "bad_request"),
)
UNEXPECTED = Rule((0, 999), _always, Action.FAIL, SYSTEM, "unexpected_status")


def classify(status: int, body: Mapping[str, Any], *, oauth: bool) -> Rule:
    """The error table's row for one non-2xx answer."""
    for rule in ERROR_TABLE:
        if rule.statuses[0] <= status <= rule.statuses[1] and (oauth or not rule.oauth_only) and rule.match(body):
            return rule
    return UNEXPECTED


def detail_of(body: Mapping[str, Any]) -> str:
    """LinkedIn's own words about an error, shortened (never a secret: error bodies hold none)."""
    return str(body.get("message") or body.get("error_description") or body.get("code") or "no message")[:300]


_RESOURCE_RE = re.compile(r"access:\s*([A-Za-z]+)\.")


def denied_resource(body: Mapping[str, Any]) -> str | None:
    """The resource named in a 403 body (`Not enough permissions to access: <resource>.GET_ALL.2026…`)."""
    found = _RESOURCE_RE.search(str(body.get("message", "")))
    return found.group(1) if found else None


@dataclass(frozen=True)
class NetworkFailure:
    """What went wrong below HTTP, in words a user understands, and whether retrying can help."""

    what: str
    retry: bool
    user_fixable: bool  # a mistyped host or a TLS interception: the configuration or network must change


def classify_network(error: BaseException) -> NetworkFailure:
    """Connection refused, DNS failure, TLS failure, timeout or a dropped connection."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__ or (current.args[0] if current.args and isinstance(
            current.args[0], BaseException) else None)
    if any(isinstance(item, socket.gaierror) for item in chain) or "Name or service not known" in str(error) \
            or "nodename nor servname" in str(error) or "Failed to resolve" in str(error):
        return NetworkFailure("the host name does not resolve (DNS lookup failed)", retry=True, user_fixable=True)
    if isinstance(error, requests.exceptions.SSLError) or any(isinstance(item, ssl.SSLError) for item in chain):
        return NetworkFailure("the TLS handshake failed (certificate not trusted or TLS intercepted)", retry=False,
                              user_fixable=True)
    if any(isinstance(item, ConnectionRefusedError) for item in chain) or "Connection refused" in str(error):
        return NetworkFailure("the connection was refused (nothing listens on that host and port)", retry=True,
                              user_fixable=True)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return NetworkFailure("connecting timed out", retry=True, user_fixable=False)
    if isinstance(error, requests.exceptions.Timeout):
        return NetworkFailure("LinkedIn did not answer in time (read timeout)", retry=True, user_fixable=False)
    return NetworkFailure(f"the connection broke ({type(error).__name__})", retry=True, user_fixable=False)
