"""Configuration: validation of every field per the contract, with messages that name the field."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlparse

from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from . import clock
from .api import constants


class ConfigError(AirbyteTracedException):
    """A configuration value the user must fix; the message names the field and what is expected."""

    def __init__(self, field: str, problem: str) -> None:
        text = f"Invalid configuration: {field} {problem}"
        super().__init__(message=text, internal_message=text, failure_type=FailureType.config_error)


@dataclass(frozen=True)
class OrgRef:
    """An organization as the user wrote it: a numeric id, or a vanity name to resolve via the API."""

    source: str
    id: int | None = None
    vanity: str | None = None


@dataclass(frozen=True)
class ConnectorConfig:
    """The validated configuration."""

    credentials: dict[str, str]
    org_refs: tuple[OrgRef, ...]
    start_date: datetime | None
    lookback_window_days: int
    time_granularity_type: str
    api_version: str
    api_base_url: str
    oauth_base_url: str
    num_workers: int
    video_analytics_max_age_days: int = constants.DEFAULT_VIDEO_MAX_AGE_DAYS
    refresh_interval_days: int = constants.DEFAULT_REFRESH_INTERVAL_DAYS
    max_calls_per_sync: int | None = None
    locale: str = constants.DEFAULT_LOCALE

    @property
    def start_date_ms(self) -> int | None:
        return int(self.start_date.timestamp() * 1000) if self.start_date is not None else None

    @property
    def lookback_ms(self) -> int:
        return self.lookback_window_days * constants.DAY_MS


_NUMERIC = re.compile(r"^\d{1,19}$")
_URN = re.compile(r"^urn:li:organization:(\d{1,19})$")
_PAGE_URL = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/company/([^/?#\s]+)(?:[/?#].*)?$", re.IGNORECASE
)
_VANITY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.&']{0,99}$")
ORG_FORMS = (
    "a numeric id (2414183), a URN (urn:li:organization:2414183) or a page URL "
    "(https://www.linkedin.com/company/2414183/ or https://www.linkedin.com/company/<vanity-name>/)"
)


def parse_org_ref(value: Any, field: str) -> OrgRef:
    """One organization reference in any accepted form."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(field, f"must be {ORG_FORMS}; got {value!r}.")
    text = value.strip()
    if _NUMERIC.match(text):
        return OrgRef(text, id=int(text))
    if urn := _URN.match(text):
        return OrgRef(text, id=int(urn.group(1)))
    if page := _PAGE_URL.match(text):
        segment = unquote(page.group(1))
        if _NUMERIC.match(segment):
            return OrgRef(text, id=int(segment))
        if _VANITY.match(segment):
            return OrgRef(text, vanity=segment)
    raise ConfigError(field, f"must be {ORG_FORMS}; got {text!r}.")


def parse_start_date(value: Any) -> datetime | None:
    """`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, UTC, not in the future."""
    if value is None or value == "":
        return None
    formats = {r"^\d{4}-\d{2}-\d{2}$": "%Y-%m-%d", r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$": "%Y-%m-%dT%H:%M:%SZ"}
    for pattern, fmt in formats.items():
        if isinstance(value, str) and re.match(pattern, value):
            try:
                parsed = datetime.strptime(value, fmt).replace(tzinfo=UTC)
            except ValueError:
                break
            if parsed > clock.now():
                raise ConfigError("start_date", f"is in the future ({value}); use a past date.")
            return parsed
    raise ConfigError("start_date", f"must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC); got {value!r}.")


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_base_url(value: Any, field: str, default: str) -> str:
    """An https URL ending in the default's path (`/rest`, `/oauth/v2`), or http only to a loopback host so a
    token never crosses a network in clear."""
    if value is None or value == "":
        return default
    try:
        parsed = urlparse(value) if isinstance(value, str) else None
        host = parsed.hostname if parsed is not None else None
    except ValueError:
        parsed, host = None, None
    if parsed is None or parsed.scheme not in ("http", "https") or not host:
        raise ConfigError(field, f"must be an https URL such as {default}; got {value!r}.")
    if parsed.scheme == "http" and not is_loopback(host):
        raise ConfigError(
            field,
            "must use https; http is allowed only for localhost, 127.0.0.0/8 or [::1] "
            "(so that the token never crosses a network unencrypted).",
        )
    if parsed.query or parsed.fragment or parsed.username or parsed.password:
        raise ConfigError(field, "must be a plain base URL without query, fragment or credentials.")
    expected_path = urlparse(default).path
    if parsed.path.rstrip("/") != expected_path and not parsed.path.rstrip("/").endswith(expected_path):
        raise ConfigError(
            field,
            f"must end with {expected_path}, like {default} (or http://127.0.0.1:<port>{expected_path} for the "
            f"emulator); got {value!r}.",
        )
    return str(value).rstrip("/")


def _nonempty(credentials: Mapping[str, Any], key: str) -> str:
    value = credentials.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"credentials.{key}", "is required and must be a non-empty string.")
    return value.strip()


def parse_credentials(value: Any) -> dict[str, str]:
    """`access_token` or `oAuth2.0` credentials (an access token alone is accepted without auth_method)."""
    if not isinstance(value, Mapping):
        raise ConfigError("credentials", "is required: an object with auth_method access_token or oAuth2.0.")
    method = value.get("auth_method") or ("access_token" if "access_token" in value else None)
    if method == "access_token":
        return {"auth_method": method, "access_token": _nonempty(value, "access_token")}
    if method == "oAuth2.0":
        return {
            "auth_method": method,
            **{key: _nonempty(value, key) for key in ("client_id", "client_secret", "refresh_token")},
        }
    raise ConfigError("credentials.auth_method", f"must be 'access_token' or 'oAuth2.0'; got {method!r}.")


def _int_in(raw: Mapping[str, Any], field: str, default: int, low: int, high: int) -> int:
    value = raw.get(field)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(field, f"must be a whole number from {low} to {high}; got {value!r}.")
    return value


_LOCALE = re.compile(r"^[a-z]{2}_[A-Z]{2}$")


def parse_locale(value: Any) -> str:
    """`ll_CC` such as en_US or de_DE."""
    if value is None or value == "":
        return constants.DEFAULT_LOCALE
    if not isinstance(value, str) or not _LOCALE.match(value):
        raise ConfigError("locale", f"must be a language and country such as en_US or de_DE; got {value!r}.")
    return value


def _optional_int(raw: Mapping[str, Any], field: str, low: int, high: int) -> int | None:
    if raw.get(field) is None:
        return None
    return _int_in(raw, field, low, low, high)


def parse_config(raw: Mapping[str, Any]) -> ConnectorConfig:
    """Validate a raw config; every problem raises a ConfigError naming its field."""
    if not isinstance(raw, Mapping):
        raise ConfigError("config", "must be a JSON object.")
    org_ids = raw.get("org_ids")
    if org_ids is None:
        org_ids = []
    if not isinstance(org_ids, list):
        raise ConfigError("org_ids", f"must be a list of organizations, each {ORG_FORMS}.")
    refs = [parse_org_ref(item, f"org_ids[{index}]") for index, item in enumerate(org_ids)]
    if raw.get("org_id") not in (None, ""):
        refs.insert(0, parse_org_ref(raw["org_id"], "org_id"))
    unique: dict[Any, OrgRef] = {}
    for ref in refs:
        unique.setdefault(ref.id if ref.id is not None else ref.vanity.lower(), ref)  # type: ignore[union-attr]

    granularity = raw.get("time_granularity_type") or "DAY"
    if granularity not in ("DAY", "MONTH"):
        raise ConfigError("time_granularity_type", f"must be DAY or MONTH; got {granularity!r}.")
    version = raw.get("api_version") or constants.DEFAULT_API_VERSION
    if not isinstance(version, str) or not re.match(r"^20\d{2}(0[1-9]|1[0-2])$", version):
        raise ConfigError("api_version", f"must be a LinkedIn version YYYYMM such as 202610; got {version!r}.")

    return ConnectorConfig(
        credentials=parse_credentials(raw.get("credentials")),
        org_refs=tuple(unique.values()),
        start_date=parse_start_date(raw.get("start_date")),
        lookback_window_days=_int_in(
            raw, "lookback_window_days", constants.DEFAULT_LOOKBACK_DAYS, 0, constants.MAX_LOOKBACK_DAYS
        ),
        time_granularity_type=granularity,
        api_version=version,
        api_base_url=parse_base_url(raw.get("api_base_url"), "api_base_url", constants.DEFAULT_API_BASE_URL),
        oauth_base_url=parse_base_url(
            raw.get("oauth_base_url"), "oauth_base_url", constants.DEFAULT_OAUTH_BASE_URL
        ),
        num_workers=_int_in(raw, "num_workers", constants.DEFAULT_WORKERS, 1, constants.MAX_WORKERS),
        video_analytics_max_age_days=_int_in(
            raw,
            "video_analytics_max_age_days",
            constants.DEFAULT_VIDEO_MAX_AGE_DAYS,
            0,
            constants.MAX_VIDEO_MAX_AGE_DAYS,
        ),
        refresh_interval_days=_int_in(
            raw, "refresh_interval_days", constants.DEFAULT_REFRESH_INTERVAL_DAYS, 1,
            constants.MAX_REFRESH_INTERVAL_DAYS
        ),
        max_calls_per_sync=_optional_int(raw, "max_calls_per_sync", 1, 10_000_000),
        locale=parse_locale(raw.get("locale")),
    )
