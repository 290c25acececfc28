"""Start parameters of an emulator instance (CLI flags map one to one onto these fields)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .variations import Variations


@dataclass
class EmulatorConfig:
    """Sizes are per organization (posts) or per post (comments, reactions) averages."""

    host: str = "127.0.0.1"
    port: int = 0
    seed: int = 1
    orgs: int = 2
    posts: int = 40
    days: int = 400
    comments: int = 5
    reactions: int = 8
    latency_ms: int = 0
    versions: list[str] | None = None  # None: the 12 months ending with the current UTC month
    faults: list[dict[str, Any]] = field(default_factory=list)
    daily_limit: int | None = None
    now_ms: int | None = None  # pin the data anchor (tests); None: wall clock at start
    variations: Variations = field(default_factory=Variations)  # POST /_emulator/reset comes back to these
