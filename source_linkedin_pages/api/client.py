"""The LinkedIn API client used by every stream: headers, Rest.li queries, tunneling, paging, batches, versions."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import requests
from airbyte_cdk.sources.streams.http.http_client import HttpClient
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from . import constants
from .auth import LinkedInOAuth2Authenticator, build_authenticator
from .backoff import LinkedInBackoffStrategy
from .errors import LinkedInError, LinkedInErrorHandler, NotFoundError, json_body, parse_body
from .restli import MAX_QUERY_LENGTH, encode_query

JSON = dict[str, Any]


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


class LinkedInClient:
    """One per sync; thread-safe. Streams call `get`, `paginate` and `batch_get`, never `requests`."""

    def __init__(
        self,
        *,
        credentials: dict[str, str],
        api_base_url: str,
        oauth_base_url: str,
        api_version: str,
        logger: logging.Logger,
    ) -> None:
        self._base = api_base_url.rstrip("/")
        self._version = api_version
        self._logger = logger
        self._version_lock = threading.Lock()
        self.authenticator = build_authenticator(credentials, oauth_base_url)
        self.oauth = isinstance(self.authenticator, LinkedInOAuth2Authenticator)
        self._handlers: list[LinkedInErrorHandler] = []
        # One HTTP client per set of error statuses handed back to the caller (none, for plain `get`).
        self._answering: dict[frozenset[int], HttpClient] = {frozenset(): self._http_client(logger, frozenset())}

    def _http_client(self, logger: logging.Logger, answer: frozenset[int]) -> HttpClient:
        handler = LinkedInErrorHandler(oauth=self.oauth, answer=answer)
        self._handlers.append(handler)
        return HttpClient(
            name="linkedin",
            logger=logger,
            error_handler=handler,
            backoff_strategy=LinkedInBackoffStrategy(logger),
            authenticator=self.authenticator,
            request_timeout=(10, 120),
        )

    @property
    def api_version(self) -> str:
        return self._version

    def _headers(self, version: str) -> dict[str, str]:
        # The only place LinkedIn's protocol headers are made.
        return {
            "LinkedIn-Version": version,
            "X-Restli-Protocol-Version": constants.RESTLI_PROTOCOL_VERSION,
            "Accept": "application/json",
        }

    def _send(self, path: str, query: str, version: str, http: HttpClient | None = None) -> requests.Response:
        http = http or self._answering[frozenset()]
        for handler in self._handlers:
            if handler.halted is not None:
                # After a daily-limit 429 or a rejected token, fail fast instead of spending more calls.
                halted = handler.halted
                text = halted.error_message
                raise AirbyteTracedException(message=text, internal_message=text, failure_type=halted.failure_type)
        url = f"{self._base}/{path.lstrip('/')}"
        headers = self._headers(version)
        if len(query) > MAX_QUERY_LENGTH:
            # Query tunneling: long queries (batches of URNs) go in a POST body.
            headers.update(
                {"X-HTTP-Method-Override": "GET", "Content-Type": "application/x-www-form-urlencoded"}
            )
            _, response = http.send_request("POST", url, request_kwargs={}, headers=headers, data=query)
        else:
            full_url = f"{url}?{query}" if query else url
            _, response = http.send_request("GET", full_url, request_kwargs={}, headers=headers)
        return response

    def _call(self, path: str, params: Mapping[str, Any] | None, http: HttpClient) -> requests.Response:
        query = encode_query(params or {})
        version = self._version
        response = self._send(path, query, version, http)
        if response.status_code == 426:
            response = self._send(path, query, self._step_version(version), http)
        return response

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> JSON:
        """GET one resource; raises NotFoundError on 404 and steps over a sunset LinkedIn-Version."""
        return self.get_or_status(path, params, frozenset())[1]

    def get_or_status(
        self, path: str, params: Mapping[str, Any] | None, statuses: frozenset[int]
    ) -> tuple[int, JSON]:
        """GET whose listed error statuses are answers, not failures: (status, body). 404 raises NotFoundError."""
        http = self._answering.get(statuses)
        if http is None:
            with self._version_lock:  # guards the small cache too; clients are made once per status set
                http = self._answering.get(statuses)
                if http is None:
                    http = self._answering[statuses] = self._http_client(self._logger, statuses)
        response = self._call(path, params, http)
        if response.status_code == 404:
            raise NotFoundError(path)
        return response.status_code, json_body(response) if response.ok else parse_body(response)

    def status(self, path: str, params: Mapping[str, Any] | None = None) -> int:
        """The HTTP status of a call whose 403 is an answer, not an error (scope probes in `check`)."""
        try:
            return self.get_or_status(path, params, frozenset({403}))[0]
        except NotFoundError:
            return 404

    def _step_version(self, rejected: str) -> str:
        """After a 426, find the newest active version (current month backwards) and keep it for the sync."""
        with self._version_lock:
            if self._version != rejected:  # another thread already stepped
                return self._version
            for candidate in recent_versions(datetime.now(UTC)):
                if candidate == rejected:
                    continue
                probe_query = encode_query({"q": "roleAssignee", "start": 0, "count": 1})
                probe = self._send("organizationAcls", probe_query, candidate)
                if probe.status_code != 426:
                    self._logger.warning(
                        LinkedInError("version_sunset", version=rejected, replacement=candidate).message
                    )
                    self._version = candidate
                    return candidate
            raise LinkedInError("no_active_version", version=rejected)

    def paginate(
        self, path: str, params: Mapping[str, Any] | None = None, page_size: int = constants.PAGE_SIZE
    ) -> Iterator[list[JSON]]:
        """Yield pages of `elements`; the last page is the first one shorter than `page_size` (never `total`)."""
        start = 0
        while True:
            body = self.get(path, {**(params or {}), "start": start, "count": page_size})
            elements = body.get("elements") or []
            yield elements
            if len(elements) < page_size:
                return
            start += page_size

    def elements(self, path: str, params: Mapping[str, Any] | None = None) -> list[JSON]:
        """The `elements` of an unpaged finder answer (lifetime statistics, vanity lookup)."""
        return list(self.get(path, params).get("elements") or [])

    def iterate(
        self, path: str, params: Mapping[str, Any] | None = None, page_size: int = constants.PAGE_SIZE
    ) -> Iterator[JSON]:
        """Every element of a paged collection."""
        for page in self.paginate(path, params, page_size):
            yield from page

    def batch_get(
        self,
        path: str,
        keys: Sequence[str],
        params: Mapping[str, Any] | None = None,
        batch_size: int = constants.BATCH_GET_SIZE,
    ) -> Iterator[BatchResult]:
        """BATCH_GET `keys` in chunks of `batch_size`; each chunk's results and per-key errors."""
        for offset in range(0, len(keys), batch_size):
            chunk = list(keys[offset : offset + batch_size])
            yield decode_batch(self.get(path, {**(params or {}), "ids": chunk}))

