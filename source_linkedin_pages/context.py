"""What every stream of one sync shares: the validated config, the API client, the organizations, shared caches."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from . import clock
from .api.auth import build_tokens
from .api.client import LinkedInClient, RetryPolicy
from .api.errors import message
from .api.ledger import CallLedger
from .config import ConnectorConfig
from .organizations import OrganizationPlan, resolve

T = TypeVar("T")


class SyncContext:
    """One per verb run (check, read); thread-safe."""

    def __init__(
        self,
        config: ConnectorConfig,
        logger: logging.Logger,
        *,
        selected: Iterable[str] = (),
        policy: RetryPolicy | None = None,
    ) -> None:
        self.config = config
        self.logger = logger
        self.selected = frozenset(selected)  # stream names in the configured catalog (empty for check)
        self.started_ms = clock.now_ms()
        self.ledger = CallLedger(config.max_calls_per_sync)
        self.client = LinkedInClient(
            base_url=config.api_base_url,
            api_version=config.api_version,
            tokens=build_tokens(config.credentials, config.oauth_base_url, logger),
            logger=logger,
            ledger=self.ledger,
            policy=policy,
            pool_size=config.num_workers * 2 + 4,
        )
        self._plan: OrganizationPlan | None = None
        self._plan_lock = threading.Lock()
        self._shared: dict[str, Any] = {}
        self._shared_lock = threading.Lock()
        self._warned: set[str] = set()
        self._warn_lock = threading.Lock()

    @property
    def organizations(self) -> OrganizationPlan:
        """Resolved once, on first use (so `spec` and `discover` make no call)."""
        with self._plan_lock:
            if self._plan is None:
                self._plan = resolve(self.client, self.config, self.logger)
                self.client.explain_denial = self._plan.explain_denial
            return self._plan

    def warn_once(self, key: str, **values: Any) -> None:
        """Log the message `key` as a warning the first time it comes up in this sync."""
        with self._warn_lock:
            if key in self._warned:
                return
            self._warned.add(key)
        self.logger.warning(message(key, **values))

    def shared(self, key: str, factory: Callable[[], T]) -> T:
        """The per-sync object named `key`, made by `factory` on first use (thread-safe)."""
        with self._shared_lock:
            if key not in self._shared:
                self._shared[key] = factory()
            return self._shared[key]  # type: ignore[no-any-return]
