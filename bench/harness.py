"""What every scenario gets: the work directory, both connectors and the common start date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from official import OfficialConnector
from ours import OurConnector


@dataclass
class Harness:
    workdir: Path
    ours: OurConnector
    official: OfficialConnector | None
    # Same window for both connectors: 364 days back from today (UTC), inside LinkedIn's 12 months.
    start_date: str = (datetime.now(UTC).date() - timedelta(days=364)).isoformat()
