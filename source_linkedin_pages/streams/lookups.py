"""Lookup streams: LinkedIn's standardized data (geo, industries, functions, seniorities) in the configured locale."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from ..api.constants import ANY
from ..caches.names import FUNCTIONS, GEO, INDUSTRIES, SENIORITIES, Names
from ..organizations import Organization
from ..state import PartOutcome
from .base import Data, LinkedInStream, Plan


class Lookup(LinkedInStream):
    """Names not tied to an organization: one partition per sync, read from the sync's shared `Names`."""

    kind: ClassVar[str]
    primary_key = ("urn",)
    family = ANY  # the geo ids come from the organizations usable for statistics; the rest needs no page role

    def plans(self) -> Iterator[Plan | Exception]:
        yield Plan(None)

    def read(self, org: Organization | None, unit: Any, outcome: PartOutcome) -> Iterable[Data]:
        return Names.of(self.ctx).records(self.kind)


class Geo(Lookup):
    """https://learn.microsoft.com/linkedin/shared/references/v2/standardized-data/locations/geo"""

    name = "geo"
    kind = GEO


class Industries(Lookup):
    """https://learn.microsoft.com/linkedin/shared/references/v2/standardized-data/industries/industries"""

    name = "industries"
    kind = INDUSTRIES


class Functions(Lookup):
    """https://learn.microsoft.com/linkedin/shared/references/v2/standardized-data/functions"""

    name = "functions"
    kind = FUNCTIONS


class Seniorities(Lookup):
    """https://learn.microsoft.com/linkedin/shared/references/v2/standardized-data/seniorities"""

    name = "seniorities"
    kind = SENIORITIES
