"""Access tokens: a fixed token, or OAuth tokens refreshed once per expiry for every worker of a sync.

Written here rather than with the CDK's Oauth2Authenticator because LinkedIn needs three things that class
has no extension point for: (1) LinkedIn can invalidate an access token at any time, and with many workers
several requests meet the same expiry — one refresh must serve them all, a request rejected with an older
token retries with the newest one, and only a token fresh from the refresh endpoint that is refused before it
served any call ends the sync (the CDK's client gives up when a request meets a second expiry); (2) the
refresh answer's `refresh_token_expires_in`, needed to warn before the 365-day refresh token runs out;
(3) LinkedIn's own error bodies (`invalid_grant`, `invalid_client`) mapped to messages naming what to fix.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

import requests
from airbyte_cdk.models import FailureType

from . import errors
from .backoff import LinkedInBackoffStrategy
from .errors import LinkedInError

REFRESH_ATTEMPTS = 4
# Refresh a little before LinkedIn's own expiry, so a request is not sent with a token about to lapse.
EXPIRY_MARGIN_S = 60
# A fresh token refused before serving a call: once can be a race (its successes still on their way back to
# other workers while LinkedIn already expired it); this many times in a row means the refresh is broken.
FRESH_REJECTIONS_TO_GIVE_UP = 3


class TokenProvider(Protocol):
    """What the client needs of the credentials."""

    oauth: bool

    def token(self) -> str:
        """The access token to send now."""

    def renew(self, rejected: str) -> None:
        """LinkedIn answered 401 expired to a request sent with `rejected`: make sure a newer token is current."""

    def served(self, token: str) -> None:
        """A call sent with `token` succeeded."""


class FixedToken:
    """An access token from the configuration; an expired one cannot be renewed."""

    oauth = False

    def __init__(self, access_token: str) -> None:
        self._token = access_token

    def token(self) -> str:
        return self._token

    def renew(self, rejected: str) -> None:
        raise LinkedInError("token_expired")

    def served(self, token: str) -> None:
        return None


@dataclass(frozen=True)
class TokenLife:
    """What LinkedIn said about the lives of the tokens in the last refresh (epoch seconds)."""

    access_expires_at: float | None
    refresh_expires_at: float | None


class RefreshingToken:
    """OAuth access tokens from LinkedIn's refresh endpoint, shared by every worker of a sync (thread-safe)."""

    oauth = True

    def __init__(
        self,
        *,
        endpoint: str,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        logger: logging.Logger,
        session: requests.Session | None = None,
    ) -> None:
        self._endpoint = endpoint
        self._form = {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": client_id,
            "client_secret": client_secret,
        }
        self._logger = logger
        self._session = session or requests.Session()
        self._lock = threading.Lock()
        self._current: str | None = None
        self._fresh = False  # the current token came from the refresh endpoint and has served no call yet
        self._fresh_rejections = 0
        self._expires_at = 0.0
        self.life = TokenLife(None, None)
        self.refreshes = 0

    def token(self) -> str:
        with self._lock:
            if self._current is None or time.time() >= self._expires_at - EXPIRY_MARGIN_S:
                self._refresh()
            assert self._current is not None
            return self._current

    def renew(self, rejected: str) -> None:
        with self._lock:
            if self._current != rejected:
                return  # another worker already replaced that token: retry with the current one
            if self._fresh:
                self._fresh_rejections += 1
                if self._fresh_rejections >= FRESH_REJECTIONS_TO_GIVE_UP:
                    raise LinkedInError("refreshed_token_rejected")
            self._refresh()

    def served(self, token: str) -> None:
        if self._fresh and token == self._current:
            with self._lock:
                if token == self._current:
                    self._fresh, self._fresh_rejections = False, 0

    def _refresh(self) -> None:
        """One refresh call (retried on 5xx, 429 and network failures); holds the lock, so one per expiry."""
        body = self._post()
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise LinkedInError(
                "oauth_unavailable", FailureType.transient_error, host=self._host(), detail="no access_token"
            )
        now = time.time()
        expires_in = _seconds(body.get("expires_in"))
        refresh_in = _seconds(body.get("refresh_token_expires_in"))
        self._current, self._fresh = token, True
        self._expires_at = now + (expires_in if expires_in is not None else 3600)
        self.life = TokenLife(
            now + expires_in if expires_in is not None else None, now + refresh_in if refresh_in is not None else None
        )
        self.refreshes += 1

    def _post(self) -> dict[str, Any]:
        backoff = LinkedInBackoffStrategy()
        detail = ""
        for attempt in range(1, REFRESH_ATTEMPTS + 1):
            try:
                response = self._session.post(self._endpoint, data=self._form, timeout=(10, 60))
            except requests.RequestException as error:
                detail = errors.classify_network(error).what
            else:
                if response.ok:
                    try:
                        body = response.json()
                    except ValueError:
                        body = None
                    if isinstance(body, dict):
                        return body
                    detail = "an unreadable answer"
                elif response.status_code == 401:
                    raise LinkedInError("client_rejected") from None
                elif 400 <= response.status_code < 500 and response.status_code != 429:
                    raise LinkedInError("refresh_rejected") from None
                else:
                    detail = f"HTTP {response.status_code}"
            if attempt < REFRESH_ATTEMPTS:
                time.sleep(backoff.wait(None, attempt))
        raise LinkedInError("oauth_unavailable", FailureType.transient_error, host=self._host(), detail=detail)

    def _host(self) -> str:
        return urlparse(self._endpoint).netloc


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


def build_tokens(credentials: dict[str, str], oauth_base_url: str, logger: logging.Logger) -> TokenProvider:
    """The token provider for the configured credentials (OAuth refreshes on first use)."""
    if credentials["auth_method"] == "oAuth2.0":
        return RefreshingToken(
            endpoint=f"{oauth_base_url.rstrip('/')}/accessToken",
            client_id=credentials["client_id"],
            client_secret=credentials["client_secret"],
            refresh_token=credentials["refresh_token"],
            logger=logger,
        )
    return FixedToken(credentials["access_token"])


def introspect(oauth_base_url: str, client_id: str, client_secret: str, token: str) -> dict[str, Any] | None:
    """LinkedIn's token introspection (needs the app's client id and secret); None when it cannot tell."""
    try:
        response = requests.post(
            f"{oauth_base_url.rstrip('/')}/introspectToken",
            data={"client_id": client_id, "client_secret": client_secret, "token": token},
            timeout=(10, 30),
        )
    except requests.RequestException:
        return None
    if response.status_code == 401:
        raise LinkedInError("client_rejected")
    if not response.ok:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
