"""token_health: expiry dates from what LinkedIn said, and warnings within 14 days of a token's end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from source_linkedin_pages.token_health import assess, describe, expires_at_from_epoch, time_left

NOW = datetime(2026, 12, 26, 12, 0, tzinfo=UTC)
DAY = 86_400


def _epoch(dt: datetime) -> int:
    return int(dt.timestamp())


@pytest.mark.parametrize("kwargs, access, refresh, warnings", [
    # OAuth: only the refresh token needs the user; the access token is renewed by the connector
    (dict(auth_method="oAuth2.0", expires_in=60 * DAY, refresh_token_expires_in=365 * DAY),
     NOW + timedelta(days=60), NOW + timedelta(days=365), []),
    (dict(auth_method="oAuth2.0", expires_in=3 * DAY, refresh_token_expires_in=10 * DAY),
     NOW + timedelta(days=3), NOW + timedelta(days=10),
     ["The refresh token expires on 2027-01-05 (in 10 days); run `source-linkedin-pages auth --client-id <id> "
      "--client-secret <secret>` (Step 4 of the setup guide, docs/setup-guide.md) to get a new one before then"]),
    (dict(auth_method="oAuth2.0", refresh_token_expires_in=14 * DAY), None, NOW + timedelta(days=14),
     ["The refresh token expires on 2027-01-09 (in 14 days)"]),
    (dict(auth_method="oAuth2.0", refresh_token_expires_in=14 * DAY + 1), None, NOW + timedelta(days=14, seconds=1),
     []),
    (dict(auth_method="oAuth2.0", refresh_token_expires_in=3600), None, NOW + timedelta(hours=1),
     ["The refresh token expires on 2026-12-26 (in less than a day)"]),
    (dict(auth_method="oAuth2.0", refresh_token_expires_in=0), None, NOW,
     ["The refresh token expired on 2026-12-26; every sync fails until you run"]),
    # the refresh answer came 5 days ago: its relative lives count from then
    (dict(auth_method="oAuth2.0", refresh_token_expires_in=19 * DAY, received_at=NOW - timedelta(days=5)), None,
     NOW + timedelta(days=14), ["(in 14 days)"]),
    # introspection's absolute expires_at (epoch seconds) wins over expires_in
    (dict(auth_method="oAuth2.0", access_expires_at=_epoch(NOW + timedelta(days=2)), expires_in=60 * DAY),
     NOW + timedelta(days=2), None, []),
    # access-token method: the access token is the one to renew by hand
    (dict(auth_method="access_token", access_expires_at=_epoch(NOW + timedelta(days=10))),
     NOW + timedelta(days=10), None,
     ["The access token expires on 2027-01-05 (in 10 days); access tokens last 60 days. Generate a new one"]),
    (dict(auth_method="access_token", access_expires_at=_epoch(NOW + timedelta(days=40))),
     NOW + timedelta(days=40), None, []),
    (dict(auth_method="access_token", access_expires_at=_epoch(NOW - timedelta(days=1))),
     NOW - timedelta(days=1), None, ["The access token expired on 2026-12-25"]),
    (dict(auth_method="access_token", refresh_token_expires_in=DAY), None, NOW + timedelta(days=1), []),
    # odd input is unknown, never an error
    (dict(auth_method="oAuth2.0", access_expires_at="soon", expires_in=None, refresh_token_expires_in=True),
     None, None, []),
    (dict(auth_method="oAuth2.0", access_expires_at=float("nan"), refresh_token_expires_in="864000"),
     None, NOW + timedelta(days=10), ["(in 10 days)"]),
    (dict(auth_method="oAuth2.0", access_expires_at=10**20, refresh_token_expires_in=10**20), None, None, []),
    (dict(auth_method="access_token"), None, None, []),
])
def test_assess(kwargs: dict[str, Any], access: datetime | None, refresh: datetime | None,
                warnings: list[str]) -> None:
    health = assess(NOW, **kwargs)
    assert health.access_token_expires_at == access
    assert health.refresh_token_expires_at == refresh
    assert len(health.warnings) == len(warnings)
    for got, start in zip(health.warnings, warnings, strict=True):
        assert start in got


def test_warning_window_is_configurable() -> None:
    assert assess(NOW, auth_method="oAuth2.0", refresh_token_expires_in=20 * DAY, warn_within_days=30).warnings
    assert not assess(NOW, auth_method="oAuth2.0", refresh_token_expires_in=20 * DAY).warnings


@pytest.mark.parametrize("delta, text", [
    (timedelta(days=365), "in 365 days"), (timedelta(days=10, hours=-1), "in 10 days"),
    (timedelta(days=1, hours=5), "in 1 day"), (timedelta(hours=23), "in less than a day"),
    (timedelta(0), "expired"), (timedelta(days=-3), "expired"),
])
def test_time_left(delta: timedelta, text: str) -> None:
    assert time_left(NOW + delta, NOW) == text


def test_describe_and_epoch() -> None:
    at = expires_at_from_epoch(_epoch(NOW + timedelta(days=60, minutes=3)))
    assert at is not None and at.tzinfo is not None
    assert describe(at, NOW) == "2027-02-24 (in 60 days)"
    assert describe(at, NOW, with_time=True) == "2027-02-24 12:03 UTC (in 60 days)"
