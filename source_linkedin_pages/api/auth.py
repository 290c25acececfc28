"""Authenticators: a fixed access token, or OAuth refresh through LinkedIn's token endpoint (CDK classes)."""

from __future__ import annotations

from datetime import timedelta

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.sources.streams.http.requests_native_auth import Oauth2Authenticator, TokenAuthenticator
from airbyte_cdk.utils.datetime_helpers import AirbyteDateTime, ab_datetime_now
from airbyte_cdk.utils.traced_exception import AirbyteTracedException
from requests.auth import AuthBase

from .errors import LinkedInError


class LinkedInOAuth2Authenticator(Oauth2Authenticator):
    """The CDK's refresh flow with LinkedIn's own failure messages.

    LinkedIn answers a bad refresh token with 400 `invalid_grant` and a bad client secret with
    401 `invalid_client`; both are user errors that deserve a message naming what to fix.
    """

    def refresh_access_token(self) -> tuple[str, AirbyteDateTime]:  # type: ignore[override]
        try:
            return super().refresh_access_token()
        except AirbyteTracedException as error:
            if error.failure_type == FailureType.config_error:
                raise LinkedInError("refresh_rejected") from None
            raise
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            if status == 401:
                raise LinkedInError("client_rejected") from None
            if status == 400:
                raise LinkedInError("refresh_rejected") from None
            raise

    def current_token(self) -> str:
        """The access token in use, refreshing first if needed (for token introspection)."""
        return self.get_access_token()


def build_authenticator(credentials: dict[str, str], oauth_base_url: str) -> AuthBase:
    """An authenticator for the configured credentials; OAuth refreshes on first use."""
    if credentials["auth_method"] == "oAuth2.0":
        return LinkedInOAuth2Authenticator(
            token_refresh_endpoint=f"{oauth_base_url.rstrip('/')}/accessToken",
            client_id=credentials["client_id"],
            client_secret=credentials["client_secret"],
            refresh_token=credentials["refresh_token"],
            # Already expired: the first call refreshes, so a stale access token is never used.
            token_expiry_date=ab_datetime_now() - timedelta(days=1),
            refresh_token_error_status_codes=(400,),
            refresh_token_error_key="error",
            refresh_token_error_values=("invalid_grant", "invalid_request"),
        )
    return TokenAuthenticator(token=credentials["access_token"])
