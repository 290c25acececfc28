"""LinkedIn's side of the code flow: the authorization URL, and the exchange of the code for tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import requests

SCOPES = ("r_organization_social", "r_organization_followers", "r_social_engagement")
GUIDE = "docs/setup-guide.md"
EXCHANGE_TIMEOUT_S = 30


def authorization_url(oauth_base_url: str, client_id: str, redirect_uri: str, state: str,
                      scopes: tuple[str, ...] = SCOPES) -> str:
    """`{oauth_base_url}/authorization?...`; spaces between scopes as %20, as LinkedIn documents it."""
    query = urlencode(
        {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state,
         "scope": " ".join(scopes)},
        quote_via=quote,
    )
    return f"{oauth_base_url}/authorization?{query}"


@dataclass(frozen=True)
class Tokens:
    """LinkedIn's answer to the exchange; refresh_token is None for an app without programmatic refresh tokens."""

    access_token: str
    expires_in: Any
    refresh_token: str | None
    refresh_token_expires_in: Any
    scope: str


class ExchangeError(Exception):
    """The exchange failed; `kind` is rejected (LinkedIn said no) or unreachable (no usable answer)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _rejected(status: int, error: str, description: str) -> ExchangeError:
    if status == 401 or error == "invalid_client":
        return ExchangeError("rejected", (
            "LinkedIn rejected the client id or client secret. Copy both again from the app's Auth tab in the "
            f"LinkedIn Developer Portal (Step 4 of {GUIDE}), without leading or trailing spaces, and run the "
            "command again."))
    if error == "invalid_redirect_uri":
        return ExchangeError("rejected", (
            "LinkedIn says the redirect URI differs from the one the consent was given for. Run the command again "
            "with the same --redirect-uri that is registered on the app's Auth tab."))
    if "authorization code" in description.lower():
        return ExchangeError("rejected", (
            "LinkedIn no longer accepts the authorization code: it was already used or has expired (a code works "
            "once, within 30 minutes). Run the command again and finish the consent in one go."))
    detail = ": ".join(part for part in (error, description) if part) or "no details"
    return ExchangeError("rejected", f"LinkedIn rejected the token exchange (HTTP {status}, {detail}).")


def exchange_code(oauth_base_url: str, client_id: str, client_secret: str, code: str,
                  redirect_uri: str) -> Tokens:
    """POST {oauth_base_url}/accessToken with grant_type=authorization_code; raises ExchangeError."""
    url = f"{oauth_base_url}/accessToken"
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client_id, "client_secret": client_secret}
    try:
        # no redirects: the form holds the secret and must reach LinkedIn's token endpoint only
        response = requests.post(url, data=form, headers={"Accept": "application/json"},
                                 timeout=EXCHANGE_TIMEOUT_S, allow_redirects=False)
    except requests.RequestException as error:
        raise ExchangeError("unreachable", (
            f"Could not reach LinkedIn at {oauth_base_url} ({type(error).__name__}). Check the network "
            "connection (and --oauth-base-url), then run the command again.")) from None
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code >= 500 or not isinstance(body, dict):
        raise ExchangeError("unreachable", (
            f"LinkedIn answered the token exchange with HTTP {response.status_code} and no usable answer (a "
            "problem on LinkedIn's side, or a wrong --oauth-base-url). Try again in a few minutes."))
    if response.status_code != 200:
        raise _rejected(response.status_code, str(body.get("error") or ""), str(body.get("error_description") or ""))
    access = body.get("access_token")
    if not isinstance(access, str) or not access:
        raise ExchangeError("unreachable", "LinkedIn's answer to the token exchange holds no access token.")
    refresh = body.get("refresh_token")
    return Tokens(access, body.get("expires_in"), refresh if isinstance(refresh, str) and refresh else None,
                  body.get("refresh_token_expires_in"), str(body.get("scope") or ""))
