"""What every stream of one sync shares: the validated config, the API client and the organization list."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .api.client import LinkedInClient
from .config import ConnectorConfig
from .organizations import OrganizationResolver

T = TypeVar("T")


@dataclass
class SyncContext:
    config: ConnectorConfig
    logger: logging.Logger
    client: LinkedInClient = field(init=False)
    resolver: OrganizationResolver = field(init=False)
    # Per-sync caches shared by streams (e.g. the posts listed in this sync), created on first use.
    _shared: dict[str, Any] = field(init=False, default_factory=dict, repr=False)
    _shared_lock: threading.Lock = field(init=False, default_factory=threading.Lock, repr=False)
    # Warnings that concern the whole sync (not one stream or organization) are logged once.
    _warned: set[str] = field(init=False, default_factory=set, repr=False)
    _warn_lock: threading.Lock = field(init=False, default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.client = LinkedInClient(
            credentials=self.config.credentials,
            api_base_url=self.config.api_base_url,
            oauth_base_url=self.config.oauth_base_url,
            api_version=self.config.api_version,
            logger=self.logger,
        )
        self.resolver = OrganizationResolver(self.client, self.config, self.logger)

    def organizations(self) -> list[int]:
        return self.resolver.ids()

    def warn_once(self, key: str, text: str) -> None:
        """Log `text` as a warning the first time `key` comes up in this sync."""
        with self._warn_lock:
            if key in self._warned:
                return
            self._warned.add(key)
        self.logger.warning(text)

    def shared(self, key: str, factory: Callable[[], T]) -> T:
        """The per-sync object named `key`, made by `factory` on first use (thread-safe)."""
        with self._shared_lock:
            if key not in self._shared:
                self._shared[key] = factory()
            return self._shared[key]  # type: ignore[no-any-return]
