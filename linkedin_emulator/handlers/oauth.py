"""OAuth 2.0: authorization (consent), accessToken (code and refresh grants), introspectToken, app settings."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from .. import errors
from ..auth import (
    ACCESS_TTL_S,
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TTL_S,
    AuthTable,
)
from ..state import EmulatorState

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9\-._~+/=]{1,2048}$")
MSG_BAD_GRANT = "The provided authorization grant or refresh token is invalid, expired or revoked"
MSG_CODE_NOT_FOUND = "Unable to retrieve access token: authorization code not found"
MSG_REDIRECT_MISMATCH = ("Unable to retrieve access token: the redirect_uri does not match the one used to obtain "
                         "the authorization code")
MSG_CANCELLED = "The user cancelled the authorization"


@dataclass
class Answer:
    """What the authorization endpoint answers a browser: a small HTML page, or a redirect (Location header)."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def _form(content_type: str | None, body: bytes) -> dict[str, str]:
    if (content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise errors.oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in parsed.items()}


def _missing(form: dict[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        if not form.get(name):
            raise errors.oauth_error(400, "invalid_request", f'A required parameter "{name}" is missing')


def _client(form: dict[str, str]) -> None:
    if form["client_id"] != CLIENT_ID:
        raise errors.oauth_error(401, "invalid_client", "Client authentication failed")
    if form["client_secret"] != CLIENT_SECRET:
        raise errors.oauth_error(401, "invalid_client", "Client authentication failed")


def _error_page(title: str, detail: str) -> Answer:
    """LinkedIn shows an error page (no redirect) when it cannot trust the client id or redirect URI."""
    page = (f"<!DOCTYPE html><html><head><title>LinkedIn (emulator): {html.escape(title)}</title></head>"
            "<body><h1>Bummer, something went wrong.</h1>"
            f"<p id=\"error\">{html.escape(detail, quote=False)}</p></body></html>")
    return Answer(400, page)


def _redirect(redirect_uri: str, params: dict[str, str]) -> Answer:
    joiner = "&" if "?" in redirect_uri else "?"
    return Answer(302, "", {"Location": redirect_uri + joiner + urlencode(params)})


def authorize(state: EmulatorState, query: str, entry: dict[str, Any]) -> Answer:
    """GET /oauth/v2/authorization: the member signs in and consents at once (or cancels, by control)."""
    params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    # state is a CSRF value and stays out of the log; the rest is what a test may want to assert on
    entry["params"] = {k: params.get(k) for k in ("response_type", "client_id", "redirect_uri", "scope")}
    app = state.auth.app
    for name in ("response_type", "client_id", "redirect_uri", "scope"):
        if not params.get(name):
            return _error_page("invalid_request", f'A required parameter "{name}" is missing')
    if params["response_type"] != "code":
        return _error_page("unsupported_response_type", "response_type must be code")
    if params["client_id"] != CLIENT_ID:
        return _error_page("invalid_client_id", "The passed in client_id is invalid")
    redirect_uri = params["redirect_uri"]
    if redirect_uri not in app.redirect_uris:
        return _error_page("invalid_redirect_uri", "The redirect_uri does not match the registered value")
    back = {"state": params["state"]} if "state" in params else {}
    scopes = tuple(params["scope"].replace(",", " ").split())
    unknown = [s for s in scopes if s not in app.scopes]
    if unknown:
        return _redirect(redirect_uri, {"error": "unauthorized_scope_error",
                                        "error_description": f'Scope "{unknown[0]}" is not authorized for your '
                                                             "application", **back})
    if app.consent == "cancel":
        return _redirect(redirect_uri, {"error": "user_cancelled_authorize", "error_description": MSG_CANCELLED,
                                        **back})
    code = state.auth.issue_code(redirect_uri, tuple(sorted(set(scopes))), state.now())
    return _redirect(redirect_uri, {"code": code.value, **back})


def _code_grant(auth: AuthTable, form: dict[str, str], now: int, entry: dict[str, Any]) -> dict[str, Any]:
    _missing(form, ("code", "redirect_uri", "client_id", "client_secret"))
    _client(form)
    code = auth.codes.get(form["code"])
    if code is None or code.used or now >= code.expires_at_ms:
        raise errors.oauth_error(400, "invalid_request", MSG_CODE_NOT_FOUND)
    if form["redirect_uri"] != code.redirect_uri:
        raise errors.oauth_error(400, "invalid_redirect_uri", MSG_REDIRECT_MISMATCH)
    code.used = True
    tok = auth.issue_access(now, code.scopes)
    entry["token_label"] = tok.label
    answer: dict[str, Any] = {"access_token": tok.value, "expires_in": auth.app.access_ttl_s}
    if auth.app.refresh_tokens:
        grant = auth.grant_refresh(code.scopes, now)
        answer.update(refresh_token=grant.value, refresh_token_expires_in=auth.app.refresh_ttl_s)
    answer["scope"] = ",".join(code.scopes)
    return answer


def _refresh_grant(auth: AuthTable, form: dict[str, str], now: int, entry: dict[str, Any]) -> dict[str, Any]:
    _missing(form, ("refresh_token", "client_id", "client_secret"))
    _client(form)
    grant = auth.refresh_grants.get(form["refresh_token"])
    if grant is None or now >= grant.expires_at_ms:
        raise errors.oauth_error(400, "invalid_grant", MSG_BAD_GRANT)
    tok = auth.issue_access(now, grant.scopes)
    entry["token_label"] = tok.label
    # refreshing does not extend the refresh token: the answer repeats its remaining life
    return {"access_token": tok.value, "expires_in": auth.app.access_ttl_s, "refresh_token": grant.value,
            "refresh_token_expires_in": max(0, (grant.expires_at_ms - now) // 1000), "scope": ",".join(grant.scopes)}


def _introspect(state: EmulatorState, form: dict[str, str]) -> dict[str, Any]:
    _missing(form, ("client_id", "client_secret"))
    if form["client_id"] != CLIENT_ID:
        raise errors.oauth_error(400, "invalid_request", "Unknown client_id")
    if form["client_secret"] != CLIENT_SECRET:
        raise errors.oauth_error(401, "invalid_client", "Client authentication failed")
    token = form.get("token", "")
    if not token or not _TOKEN_SHAPE.match(token):
        raise errors.oauth_error(400, "invalid_request", "The token is missing or malformed")
    tok = state.auth.lookup(token)
    if tok is None:
        return {"active": False}  # emulator choice for a well-formed token LinkedIn never issued
    status = tok.effective_status(state.now())
    return {"active": status == "active", "client_id": CLIENT_ID, "authorized_at": tok.created_at_ms // 1000,
            "created_at": tok.created_at_ms // 1000, "status": status, "expires_at": tok.expires_at_ms // 1000,
            "scope": ",".join(sorted(tok.scopes)), "auth_type": "3L"}


def handle(state: EmulatorState, name: str, content_type: str | None, body: bytes,
           entry: dict[str, Any]) -> tuple[int, Any]:
    """POST accessToken / introspectToken (form bodies, which hold secrets: never logged)."""
    form = _form(content_type, body)
    if name == "introspectToken":
        return 200, _introspect(state, form)
    _missing(form, ("grant_type",))
    grant_type = form["grant_type"]
    entry["params"] = {"grant_type": grant_type}
    if grant_type == "authorization_code":
        return 200, _code_grant(state.auth, form, state.now(), entry)
    if grant_type == "refresh_token":
        return 200, _refresh_grant(state.auth, form, state.now(), entry)
    raise errors.oauth_error(400, "unsupported_grant_type",
                             "grant_type must be authorization_code or refresh_token")


SETTING_KEYS = ("expires_after_calls", "consent", "refresh_tokens", "redirect_uris", "scopes",
                "access_token_expires_in", "refresh_token_expires_in")


def _whole(value: Any, name: str) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise errors.control_error(400, f"{name} must be a whole number >= 0 or null")
    return value


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise errors.control_error(400, f"{name} must be a list of non-empty strings")
    return list(value)


def settings(auth: AuthTable) -> dict[str, Any]:
    app = auth.app
    return {"expires_after_calls": auth.issued_expires_after_calls, "consent": app.consent,
            "refresh_tokens": app.refresh_tokens, "redirect_uris": app.redirect_uris, "scopes": app.scopes,
            "access_token_expires_in": app.access_ttl_s, "refresh_token_expires_in": app.refresh_ttl_s}


def configure(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    """POST /_emulator/oauth: change only the settings named in the body; validate all before changing any."""
    unknown = set(spec) - set(SETTING_KEYS)
    if unknown:
        raise errors.control_error(400, f"unknown oauth keys {sorted(unknown)}; known: {', '.join(SETTING_KEYS)}")
    calls = _whole(spec.get("expires_after_calls"), "expires_after_calls")
    lives = {k: _whole(spec.get(k), k) for k in ("access_token_expires_in", "refresh_token_expires_in")}
    if spec.get("consent", "allow") not in ("allow", "cancel"):
        raise errors.control_error(400, "consent must be allow or cancel")
    if not isinstance(spec.get("refresh_tokens", True), bool):
        raise errors.control_error(400, "refresh_tokens must be true or false")
    uris = _strings(spec["redirect_uris"], "redirect_uris") if "redirect_uris" in spec else None
    scopes = _strings(spec["scopes"], "scopes") if "scopes" in spec else None
    auth, app = state.auth, state.auth.app
    if "expires_after_calls" in spec:
        auth.issued_expires_after_calls = calls
    app.consent = spec.get("consent", app.consent)
    app.refresh_tokens = spec.get("refresh_tokens", app.refresh_tokens)
    app.redirect_uris = uris if uris is not None else app.redirect_uris
    app.scopes = scopes if scopes is not None else app.scopes
    # a number sets the remaining life of issued tokens and the life of later ones; null restores the default
    auth.set_lives(state.now(), lives["access_token_expires_in"], lives["refresh_token_expires_in"])
    if "access_token_expires_in" in spec and lives["access_token_expires_in"] is None:
        app.access_ttl_s = ACCESS_TTL_S
    if "refresh_token_expires_in" in spec and lives["refresh_token_expires_in"] is None:
        app.refresh_ttl_s = REFRESH_TTL_S
    return settings(auth)
