"""OAuth 2.0: refresh-token grant (accessToken) and token introspection (introspectToken)."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

from .. import errors
from ..auth import ACCESS_TTL_S, CLIENT_ID, CLIENT_SECRET, FULL_SCOPES, REFRESH_TOKEN, REFRESH_TTL_S
from ..state import EmulatorState

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9\-._~+/=]{1,2048}$")


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


def handle(state: EmulatorState, name: str, content_type: str | None, body: bytes) -> tuple[int, Any]:
    form = _form(content_type, body)
    if name == "accessToken":
        _missing(form, ("grant_type", "refresh_token", "client_id", "client_secret"))
        if form["grant_type"] != "refresh_token":
            raise errors.oauth_error(400, "unsupported_grant_type", "Only grant_type=refresh_token is supported")
        _client(form)
        if form["refresh_token"] != REFRESH_TOKEN:
            raise errors.oauth_error(400, "invalid_grant", "The provided authorization grant or refresh token is "
                                                           "invalid, expired or revoked")
        tok = state.auth.issue_access(state.now())
        # refresh tokens are not extended by refreshing (365 days from the original grant)
        elapsed = (state.now() - state.start_ms) // 1000
        return 200, {"access_token": tok.value, "expires_in": ACCESS_TTL_S, "refresh_token": REFRESH_TOKEN,
                     "refresh_token_expires_in": max(0, REFRESH_TTL_S - elapsed), "scope": ",".join(FULL_SCOPES)}
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
        return 200, {"active": False}  # emulator choice for a well-formed token LinkedIn never issued
    status = tok.effective_status(state.now())
    return 200, {"active": status == "active", "client_id": CLIENT_ID, "authorized_at": tok.created_at_ms // 1000,
                 "created_at": tok.created_at_ms // 1000, "status": status, "expires_at": tok.expires_at_ms // 1000,
                 "scope": ",".join(sorted(tok.scopes)), "auth_type": "3L"}
