"""Backoff for retried LinkedIn calls: `Retry-After` when LinkedIn sends it, else exponential with full jitter."""

from __future__ import annotations

import logging
import os
import random

import requests
from airbyte_cdk.sources.streams.http.error_handlers import BackoffStrategy

MAX_WAIT_SECONDS = 120.0
BASE_SECONDS = 2.0
# Tests shrink the base so that fault-injection runs finish quickly; users never need to set it.
BASE_ENV = "SOURCE_LINKEDIN_PAGES_BACKOFF_BASE"


class LinkedInBackoffStrategy(BackoffStrategy):
    """Honours `Retry-After` (seconds), otherwise waits base·2^attempt with full jitter, capped."""

    def __init__(self, logger: logging.Logger, base: float | None = None) -> None:
        self._logger = logger
        self._base = base if base is not None else float(os.environ.get(BASE_ENV, BASE_SECONDS))

    def backoff_time(
        self,
        response_or_exception: requests.Response | requests.RequestException | None,
        attempt_count: int,
    ) -> float | None:
        reason = _reason(response_or_exception)
        retry_after = _retry_after(response_or_exception)
        if retry_after is not None:
            wait = min(retry_after, MAX_WAIT_SECONDS)
        else:
            wait = random.uniform(0, min(MAX_WAIT_SECONDS, self._base * 2 ** max(0, attempt_count - 1)))
        # The CDK adds one second to what is returned; floor at a small positive value so it waits.
        wait = max(wait, 0.001)
        self._logger.info(f"LinkedIn call failed ({reason}); retry {attempt_count} in {wait:.1f}s.")
        return wait


def _retry_after(response: object) -> float | None:
    if not isinstance(response, requests.Response):
        return None
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _reason(response: object) -> str:
    if isinstance(response, requests.Response):
        return f"HTTP {response.status_code}"
    return type(response).__name__ if response is not None else "no response"
