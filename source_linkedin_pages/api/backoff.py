"""Backoff for retried LinkedIn calls: `Retry-After` when LinkedIn sends it, else exponential with full jitter."""

from __future__ import annotations

import os
import random

import requests
from airbyte_cdk.sources.streams.http.error_handlers import BackoffStrategy

MAX_WAIT_SECONDS = 120.0
BASE_SECONDS = 2.0
# Tests shrink the base so that fault-injection runs finish quickly; users never need to set it.
BASE_ENV = "SOURCE_LINKEDIN_PAGES_BACKOFF_BASE"


class LinkedInBackoffStrategy(BackoffStrategy):
    """Honours `Retry-After` (seconds), otherwise waits base·2^(attempt-1) with full jitter, capped."""

    def __init__(self, base: float | None = None) -> None:
        self._base = base if base is not None else float(os.environ.get(BASE_ENV, BASE_SECONDS))

    def backoff_time(
        self,
        response_or_exception: requests.Response | requests.RequestException | None,
        attempt_count: int,
    ) -> float | None:
        retry_after = _retry_after(response_or_exception)
        if retry_after is not None:
            return min(retry_after, MAX_WAIT_SECONDS)
        return random.uniform(0, min(MAX_WAIT_SECONDS, self._base * 2 ** max(0, attempt_count - 1)))

    def wait(self, response_or_exception: requests.Response | requests.RequestException | None, attempt: int) -> float:
        """`backoff_time`, never None (the strategy always has an answer)."""
        return self.backoff_time(response_or_exception, attempt) or 0.0


def _retry_after(response: object) -> float | None:
    if not isinstance(response, requests.Response):
        return None
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
