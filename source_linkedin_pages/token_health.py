"""Token health: when the access and refresh tokens expire, and warnings when either is near its end.

Pure functions: no I/O, no clock (the caller passes `now`), never raise on odd input (a value that is not a
number is treated as unknown). How to call:

    from source_linkedin_pages.token_health import assess

    health = assess(
        now,                                   # aware datetime (UTC), e.g. datetime.now(UTC)
        auth_method="oAuth2.0",                # credentials.auth_method: "oAuth2.0" or "access_token"
        access_expires_at=introspection.get("expires_at"),      # epoch SECONDS, from /introspectToken
        expires_in=refresh_answer.get("expires_in"),             # seconds, from the refresh answer
        refresh_token_expires_in=refresh_answer.get("refresh_token_expires_in"),
        received_at=when_the_refresh_answer_came,               # default: now
    )
    for text in health.warnings:               # from the message table; also fit for check's message
        ...

`health.access_token_expires_at` / `health.refresh_token_expires_at` are aware UTC datetimes or None.
An introspected `expires_at` wins over `expires_in`. A warning is given when a token the user must renew by
hand expires within WARN_WITHIN_DAYS days (or has expired): the refresh token with OAuth credentials, the access
token with the access-token method. With OAuth the access token is renewed by the connector, so its expiry is
reported but never warned about. The refresh answer's lives are kept by `api.auth.RefreshingToken.life`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .api.errors import message

WARN_WITHIN_DAYS = 14


@dataclass(frozen=True)
class TokenHealth:
    """Expiry dates (aware UTC datetimes, None when LinkedIn did not say) and the warnings to show."""

    access_token_expires_at: datetime | None
    refresh_token_expires_at: datetime | None
    warnings: tuple[str, ...]


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def expires_at_from_epoch(value: Any) -> datetime | None:
    """An epoch-seconds timestamp (introspection's `expires_at`) as an aware UTC datetime."""
    seconds = _seconds(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def expires_at_from_relative(value: Any, received_at: datetime) -> datetime | None:
    """A lifetime in seconds (`expires_in`, `refresh_token_expires_in`) counted from when the answer came."""
    seconds = _seconds(value)
    if seconds is None:
        return None
    try:
        return received_at + timedelta(seconds=seconds)
    except OverflowError:
        return None


def time_left(expires_at: datetime, now: datetime) -> str:
    """'in 10 days', 'in 1 day', 'in less than a day' or 'expired'."""
    left = (expires_at - now).total_seconds()
    if left <= 0:
        return "expired"
    if left < 86_400:
        return "in less than a day"
    days = round(left / 86_400)
    return "in 1 day" if days == 1 else f"in {days} days"


def describe(expires_at: datetime, now: datetime, with_time: bool = False) -> str:
    """'2027-01-05 (in 10 days)', or with the time of day: '2027-01-05 14:03 UTC (in 10 days)'."""
    moment = expires_at.astimezone(UTC)
    text = moment.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%Y-%m-%d")
    return f"{text} ({time_left(expires_at, now)})"


def refresh_warning(expires_at: datetime, now: datetime) -> str:
    date = expires_at.astimezone(UTC).strftime("%Y-%m-%d")
    if expires_at <= now:
        return message("refresh_token_expired", date=date)
    return message("refresh_token_expires", date=date, left=time_left(expires_at, now))


def access_warning(expires_at: datetime, now: datetime) -> str:
    date = expires_at.astimezone(UTC).strftime("%Y-%m-%d")
    when = f"expired on {date}" if expires_at <= now else f"expires on {date} ({time_left(expires_at, now)})"
    return message("access_token_expires", when=when)


def assess(now: datetime, *, auth_method: str, access_expires_at: Any = None, expires_in: Any = None,
           refresh_token_expires_in: Any = None, received_at: datetime | None = None,
           warn_within_days: int = WARN_WITHIN_DAYS) -> TokenHealth:
    """Expiry dates of both tokens from what LinkedIn said, and a warning for each token near its end."""
    received = received_at or now
    access = expires_at_from_epoch(access_expires_at) or expires_at_from_relative(expires_in, received)
    refresh = expires_at_from_relative(refresh_token_expires_in, received)
    horizon = now + timedelta(days=warn_within_days)
    warnings: list[str] = []
    if auth_method == "oAuth2.0" and refresh is not None and refresh <= horizon:
        warnings.append(refresh_warning(refresh, now))
    if auth_method == "access_token" and access is not None and access <= horizon:
        warnings.append(access_warning(access, now))
    return TokenHealth(access, refresh, tuple(warnings))
