"""The LinkedIn API client used by every stream: headers, Rest.li queries, tunneling, retries, paging, batches.

Retries are driven here rather than by the CDK's HttpClient because LinkedIn needs a policy that client cannot
express: a daily quota (429 `DAY`, or 429s that never stop) or a rejected token must stop every worker at once;
an access token LinkedIn expires mid-sync is renewed once for all workers and the request retried with the
newest token as often as it takes; a sunset LinkedIn-Version is stepped over; `check` must give up on an
unreachable host within a minute, naming the host, and a network failure is never reported as rate limiting.
The decisions themselves are data: `errors.ERROR_TABLE` and `errors.classify_network`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlparse

import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from .. import clock
from . import constants
from .auth import TokenProvider
from .backoff import LinkedInBackoffStrategy
from .errors import (
    Action,
    LinkedInError,
    NotFoundError,
    SyncHalted,
    classify,
    classify_network,
    denied_resource,
    detail_of,
    message,
)
from .ledger import CallLedger, endpoint_of
from .restli import MAX_QUERY_LENGTH, encode_query
from .transport import Transport

JSON = dict[str, Any]
# Builds the error for a 403: (resource LinkedIn named, organization URN the call was about).
DenialExplainer = Callable[[str | None, str | None], AirbyteTracedException]


@dataclass
class BatchResult:
    """One BATCH_GET answer, keyed by the raw (decoded) key; per-key failures kept, not dropped."""

    results: dict[str, JSON] = field(default_factory=dict)
    errors: dict[str, JSON] = field(default_factory=dict)


def decode_key(key: str) -> str:
    """LinkedIn may return batch keys raw (`urn:li:share:1`) or encoded (`urn%3Ali%3Ashare%3A1`)."""
    return unquote(key)


def decode_batch(body: Mapping[str, Any]) -> BatchResult:
    """Split a BATCH_GET body into results and per-key errors (statuses ≠ 200 without an error body count too)."""
    batch = BatchResult()
    for key, value in (body.get("results") or {}).items():
        batch.results[decode_key(key)] = value
    for key, value in (body.get("errors") or {}).items():
        batch.errors[decode_key(key)] = value if isinstance(value, dict) else {"message": str(value)}
    for key, status in (body.get("statuses") or {}).items():
        raw = decode_key(key)
        if status != 200 and raw not in batch.errors:
            batch.errors[raw] = {"status": status}
    return batch


def recent_versions(now: datetime, months: int = 13) -> list[str]:
    """`YYYYMM` versions from the current month backwards (LinkedIn keeps a version about a year)."""
    year, month = now.year, now.month
    versions = []
    for _ in range(months):
        versions.append(f"{year:04d}{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return versions


@dataclass(frozen=True)
class RetryPolicy:
    """How long one call may be retried: attempts, and an absolute deadline (monotonic) for a whole verb."""

    attempts: int = 8
    deadline: float | None = None


def _generic_denial(resource: str | None, organization: str | None) -> AirbyteTracedException:
    return LinkedInError(
        "access_denied", what=resource or "a resource", organization=organization or "the organization",
        scope="r_organization_social", roles="ADMINISTRATOR",
    )


class LinkedInClient:
    """One per sync; thread-safe. Streams call `get`, `paginate` and `batch_get`, never `requests`."""

    def __init__(
        self,
        *,
        base_url: str,
        api_version: str,
        tokens: TokenProvider,
        logger: logging.Logger,
        ledger: CallLedger | None = None,
        policy: RetryPolicy | None = None,
        pool_size: int = 16,
        default_host: str = urlparse(constants.DEFAULT_API_BASE_URL).netloc,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._host = urlparse(self._base).netloc
        self._custom_host = self._host != default_host
        self._version = api_version
        self._tokens = tokens
        self._logger = logger
        self.ledger = ledger or CallLedger()
        self.policy = policy or RetryPolicy()
        self._backoff = LinkedInBackoffStrategy()
        self._lock = threading.Lock()
        self._halted: tuple[str, FailureType] | None = None
        self.explain_denial: DenialExplainer = _generic_denial
        self._transport = Transport(self._base, pool_size)

    @property
    def api_version(self) -> str:
        return self._version

    @property
    def oauth(self) -> bool:
        return self._tokens.oauth

    @property
    def tokens(self) -> TokenProvider:
        return self._tokens

    # --- one call ----------------------------------------------------------------------------------------
    def _headers(self, version: str, token: str) -> dict[str, str]:
        # The only place LinkedIn's protocol headers are made.
        return {
            "Authorization": f"Bearer {token}",
            "LinkedIn-Version": version,
            "X-Restli-Protocol-Version": constants.RESTLI_PROTOCOL_VERSION,
            "Accept": "application/json",
        }

    def _send(self, path: str, query: str, version: str, token: str) -> requests.Response:
        url = f"{self._base}/{path.lstrip('/')}"
        headers = self._headers(version, token)
        if len(query) > MAX_QUERY_LENGTH:
            # Query tunneling: long queries (batches of URNs) go in a POST body.
            headers.update({"X-HTTP-Method-Override": "GET", "Content-Type": "application/x-www-form-urlencoded"})
            return self._transport.send("POST", url, headers, body=query)
        return self._transport.send("GET", f"{url}?{query}" if query else url, headers)

    def _raise_if_halted(self) -> None:
        halted = self._halted
        if halted is not None:
            # After a daily quota or a rejected token every call would fail the same way: stop calling.
            raise SyncHalted(message=halted[0], internal_message=halted[0], failure_type=halted[1])

    def _halt(self, error: AirbyteTracedException) -> SyncHalted:
        text, failure_type = error.message or "", error.failure_type or FailureType.system_error
        with self._lock:
            if self._halted is None:
                self._halted = (text, failure_type)
        return SyncHalted(message=text, internal_message=text, failure_type=failure_type)

    def _may_retry(self, attempt: int, wait: float) -> bool:
        if attempt >= self.policy.attempts:
            return False
        return self.policy.deadline is None or time.monotonic() + wait < self.policy.deadline

    def call(
        self, path: str, params: Mapping[str, Any] | None = None, *, organization: str | None = None,
        answer: frozenset[int] = frozenset(),
    ) -> tuple[int, Any]:
        """One GET (tunneled when long) with LinkedIn's retry policy: (status, body) of a 2xx, a 404 or an
        answered status; every other failure raises an error a user can act on."""
        query = encode_query(params or {})
        endpoint = endpoint_of(path)
        attempt, started, stepped = 0, time.monotonic(), False
        while True:
            self._raise_if_halted()
            version, token = self._version, self._tokens.token()
            self.ledger.charge(endpoint)
            try:
                response = self._send(path, query, version, token)
            except requests.RequestException as error:
                attempt += 1
                self._network_retry(error, attempt, started)
                continue
            status = response.status_code
            if 200 <= status < 300:
                try:
                    body = response.json() if response.content else {}
                except ValueError:
                    attempt += 1
                    self._retry_or_fail(response, attempt, started, endpoint, "bad_json", "an unreadable answer")
                    continue
                self._tokens.served(token)
                return status, body
            body = _error_body(response)
            if status in answer:
                return status, body
            rule = classify(status, body, oauth=self._tokens.oauth)
            if rule.action is Action.ANSWER:
                return status, body
            if rule.action is Action.REFRESH:
                self._tokens.renew(token)
                continue
            if rule.action is Action.STEP_VERSION:
                if stepped:
                    raise LinkedInError("no_active_version", version=version)
                self._step_version(version)
                stepped = True
                continue
            if rule.action is Action.RETRY:
                attempt += 1
                self._retry_or_fail(response, attempt, started, endpoint, rule.message_key or "", detail_of(body))
                continue
            if rule.action is Action.HALT:
                raise self._halt(LinkedInError(rule.message_key or "", rule.failure_type or FailureType.config_error,
                                               detail=detail_of(body)))
            if status == 403:
                raise self.explain_denial(denied_resource(body), organization)
            raise LinkedInError(rule.message_key or "unexpected_status", rule.failure_type or FailureType.system_error,
                                status=status, detail=detail_of(body), endpoint=endpoint)

    def _retry_or_fail(
        self, response: requests.Response, attempt: int, started: float, endpoint: str, key: str, detail: str
    ) -> None:
        wait = self._backoff.wait(response, attempt)
        if self._may_retry(attempt, wait):
            self._logger.info(message(key, endpoint=endpoint, status=response.status_code, attempt=attempt, wait=wait))
            time.sleep(wait)
            return
        seconds = round(time.monotonic() - started)
        if response.status_code == 429:
            # LinkedIn's 429 may omit `DAY` and still be a daily quota: after the retry budget, treat it as one.
            raise self._halt(LinkedInError("throttled_persistently", FailureType.transient_error, endpoint=endpoint,
                                           attempts=attempt, seconds=seconds, detail=detail))
        raise LinkedInError("outage", FailureType.transient_error, endpoint=endpoint, attempts=attempt,
                            seconds=seconds, detail=f"HTTP {response.status_code}: {detail}")

    def _network_retry(self, error: requests.RequestException, attempt: int, started: float) -> None:
        failure = classify_network(error)
        wait = self._backoff.wait(None, attempt)
        if failure.retry and self._may_retry(attempt, wait):
            self._logger.info(message("network_retry", host=self._host, what=failure.what, attempt=attempt, wait=wait))
            time.sleep(wait)
            return
        if self._custom_host and failure.user_fixable:
            advice = (f"Check api_base_url ({self._base}): the expected form is {constants.DEFAULT_API_BASE_URL} "
                      "(or the emulator's http://127.0.0.1:<port>/rest).")
            failure_type = FailureType.config_error
        else:
            advice = "Check this machine's network connection, DNS and proxy settings, then run again."
            failure_type = FailureType.config_error if failure.user_fixable else FailureType.transient_error
        seconds = round(time.monotonic() - started)
        what = f"{failure.what} (after {attempt} attempt(s) over {seconds} s)"
        raise LinkedInError("unreachable", failure_type, host=self._host, what=what, advice=advice) from None

    def _step_version(self, rejected: str) -> None:
        """After a 426, find the newest active version (current month backwards) and keep it for the sync."""
        with self._lock:
            if self._version != rejected:  # another thread already stepped
                return
            for candidate in recent_versions(clock.now()):
                if candidate == rejected:
                    continue
                self.ledger.charge("organizationAcls")
                probe = self._send("organizationAcls", encode_query({"q": "roleAssignee", "start": 0, "count": 1}),
                                   candidate, self._tokens.token())
                if probe.status_code != 426:
                    self._logger.warning(message("version_sunset", version=rejected, replacement=candidate))
                    self._version = candidate
                    return
            raise LinkedInError("no_active_version", version=rejected)

    # --- conveniences ----------------------------------------------------------------------------------
    def get(self, path: str, params: Mapping[str, Any] | None = None, *, organization: str | None = None) -> Any:
        """GET one resource; raises NotFoundError on 404."""
        status, body = self.call(path, params, organization=organization)
        if status == 404:
            raise NotFoundError(path)
        return body

    def elements(self, path: str, params: Mapping[str, Any] | None = None, *,
                 organization: str | None = None) -> list[JSON]:
        """The `elements` of an unpaged finder answer (statistics, vanity lookup)."""
        return list(self.get(path, params, organization=organization).get("elements") or [])

    def paginate(
        self, path: str, params: Mapping[str, Any] | None = None, page_size: int = constants.PAGE_SIZE, *,
        organization: str | None = None, start: int = 0,
    ) -> Iterator[list[JSON]]:
        """Yield pages of `elements`; the last page is the first one shorter than `page_size` (never `total`)."""
        while True:
            body = self.get(path, {**(params or {}), "start": start, "count": page_size}, organization=organization)
            elements = list(body.get("elements") or [])
            yield elements
            if len(elements) < page_size:
                return
            start += page_size

    def iterate(self, path: str, params: Mapping[str, Any] | None = None, page_size: int = constants.PAGE_SIZE, *,
                organization: str | None = None) -> Iterator[JSON]:
        """Every element of a paged collection."""
        for page in self.paginate(path, params, page_size, organization=organization):
            yield from page

    def batch_get(
        self, path: str, keys: Sequence[str], params: Mapping[str, Any] | None = None,
        batch_size: int = constants.BATCH_GET_SIZE, *, organization: str | None = None,
    ) -> Iterator[BatchResult]:
        """BATCH_GET `keys` in chunks of `batch_size`; each chunk's results and per-key errors."""
        for offset in range(0, len(keys), batch_size):
            chunk = list(keys[offset : offset + batch_size])
            yield decode_batch(self.get(path, {**(params or {}), "ids": chunk}, organization=organization))


def _error_body(response: requests.Response) -> JSON:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}

