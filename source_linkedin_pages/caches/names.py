"""Names of the demographic facet values: LinkedIn's standardized data, fetched once per sync, and enum labels."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import Any

from ..api.client import decode_batch
from ..api.constants import (
    DEFAULT_LOCALE,
    FOLLOWER_FACETS,
    GEO_BATCH_SIZE,
    GEO_FACETS,
    INDUSTRY_TAXONOMY,
    PAGE_FACETS,
    PAGE_SIZE,
    STATISTICS,
    Facet,
)
from ..api.errors import SYSTEM, LinkedInError, SyncHalted, denied_resource, detail_of
from ..context import SyncContext
from .lifetime import FOLLOWERS, PAGES, LifetimeStatistics

GEO, INDUSTRIES, FUNCTIONS, SENIORITIES = "geo", "industries", "functions", "seniorities"
KINDS = (GEO, INDUSTRIES, FUNCTIONS, SENIORITIES)
URN_TYPE = {GEO: "geo", INDUSTRIES: "industry", FUNCTIONS: "function", SENIORITIES: "seniority"}
# GET_ALL collections (geo has only BATCH_GET, of the ids the sync saw).
PATHS = {INDUSTRIES: f"industryTaxonomyVersions/{INDUSTRY_TAXONOMY}/industries", FUNCTIONS: "functions",
         SENIORITIES: "seniorities"}
# The lookup naming each URN facet of the demographic streams.
FACET_LOOKUP = {"seniority": SENIORITIES, "function": FUNCTIONS, "industry": INDUSTRIES, "geoCountry": GEO, "geo": GEO}
FACETS = {FOLLOWERS: FOLLOWER_FACETS, PAGES: PAGE_FACETS}
# A lifetime answer's geo ids count for the geo lookup when one of these streams is selected.
GEO_SOURCES = {
    FOLLOWERS: frozenset({"follower_statistics", "follower_demographics", "geo"}),
    PAGES: frozenset({"page_statistics", "page_view_demographics", "geo"}),
}
REFUSED = frozenset({403})
GEO_PREFIX = "urn:li:geo:"


def _table(rows: str) -> dict[str, dict[str, str]]:
    """`VALUE|en_US|de_DE|fr_FR` lines -> value -> locale -> label."""
    table: dict[str, dict[str, str]] = {}
    for line in rows.strip().splitlines():
        value, en, de, fr = line.split("|")
        table[value] = {"en_US": en, "de_DE": de, "fr_FR": fr}
    return table


# Enums LinkedIn serves no names for (wire reference 3.11): the labels are the project's.
ENUM_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "staffCountRange": _table("""
SIZE_1|1 employee|1 Beschäftigte/r|1 employé
SIZE_2_TO_10|2-10 employees|2-10 Beschäftigte|2-10 employés
SIZE_11_TO_50|11-50 employees|11-50 Beschäftigte|11-50 employés
SIZE_51_TO_200|51-200 employees|51-200 Beschäftigte|51-200 employés
SIZE_201_TO_500|201-500 employees|201-500 Beschäftigte|201-500 employés
SIZE_501_TO_1000|501-1,000 employees|501-1.000 Beschäftigte|501-1 000 employés
SIZE_1001_TO_5000|1,001-5,000 employees|1.001-5.000 Beschäftigte|1 001-5 000 employés
SIZE_5001_TO_10000|5,001-10,000 employees|5.001-10.000 Beschäftigte|5 001-10 000 employés
SIZE_10001_OR_MORE|10,001+ employees|10.001+ Beschäftigte|10 001 employés et plus
"""),
    "associationType": _table("""
EMPLOYEE|Employees|Beschäftigte|Employés
INFLUENCER|Influencers|Influencer|Influenceurs
"""),
}


def enum_name(facet: str, value: str, locale: str) -> str | None:
    """The project's label of an enum value in `locale`, else en_US; None for a value the table lacks."""
    labels = ENUM_NAMES.get(facet, {}).get(value)
    return None if labels is None else labels.get(locale, labels[DEFAULT_LOCALE])


def locale_param(locale: str) -> dict[str, str]:
    """`de_DE` -> LinkedIn's `locale=(language:de,country:DE)` as a value for the Rest.li encoder."""
    language, _, country = locale.partition("_")
    return {"language": language, "country": country}


def localized(name: Any, locale: str) -> tuple[str | None, str | None]:
    """(text, its locale) of LinkedIn's `{"localized": {...}}`: the locale asked, else en_US, else the first one."""
    values = name.get("localized") if isinstance(name, Mapping) else None
    if not isinstance(values, Mapping) or not values:
        return None, None
    for key in (locale, DEFAULT_LOCALE, *values):
        if isinstance(values.get(key), str):
            return values[key], str(key)
    return None, None


def geo_localized(element: Mapping[str, Any], locale: str) -> tuple[str | None, str | None]:
    """(text, its locale) of a geo entry's `defaultLocalizedName` (or a `name.localized` map)."""
    default = element.get("defaultLocalizedName")
    if isinstance(default, Mapping) and isinstance(default.get("value"), str):
        served = default.get("locale")
        served = served if isinstance(served, Mapping) else {}
        parts = [str(served[part]) for part in ("language", "country") if served.get(part)]
        return default["value"], "_".join(parts) or None
    return localized(element.get("name"), locale)


def _id_of(element: Mapping[str, Any]) -> int | None:
    for value in (element.get("id"), str(element.get("$URN") or "").rsplit(":", 1)[-1]):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def lookup_record(kind: str, element: Mapping[str, Any], locale: str) -> dict[str, Any] | None:
    """A lookup stream's record from one standardized-data element; None without an id."""
    entity_id = _id_of(element)
    if entity_id is None:
        return None
    name, served = geo_localized(element, locale) if kind == GEO else localized(element.get("name"), locale)
    record: dict[str, Any] = {"urn": f"urn:li:{URN_TYPE[kind]}:{entity_id}", "id": entity_id, "name": name,
                              "locale": served}
    if kind == INDUSTRIES:
        record["parentIndustries"] = list(element.get("parentIndustries") or [])
        record["childrenIndustries"] = list(element.get("childrenIndustries") or [])
        record["taxonomyVersion"] = INDUSTRY_TAXONOMY
    return record


def facet_items(element: Mapping[str, Any], facet: Facet) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(value, item) of one facet of a lifetime element: the first array present, each value once, in order."""
    items: list[Any] = next((element[array] for array in facet.arrays if isinstance(element.get(array), list)), [])
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Mapping):
            continue
        value = next((item[key] for key in facet.keys if isinstance(item.get(key), str)), None)
        if value is not None and value not in seen:
            seen.add(value)
            yield value, item


def geo_ids(element: Mapping[str, Any], facets: tuple[Facet, ...]) -> set[int]:
    """The geo ids (`urn:li:geo:N`) in the geo facets of a lifetime element."""
    found: set[int] = set()
    for facet in facets:
        if facet.name in GEO_FACETS:
            for value, _ in facet_items(element, facet):
                number = value.removeprefix(GEO_PREFIX)
                if value.startswith(GEO_PREFIX) and number.isdigit():
                    found.add(int(number))
    return found


class Names:
    """The four lookups of one sync, each fetched at most once (per-kind lock; a failure is kept, not retried).

    After LinkedIn refuses one standardized-data resource (403) the sync asks for no other: LinkedIn grants them
    together (the r_basicprofile permission), so names are unavailable for the sync, which says so once.
    """

    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx
        self._locale = ctx.config.locale
        self._records: dict[str, list[dict[str, Any]]] = {}
        self._names: dict[str, dict[str, str]] = {}
        self._failures: dict[str, Exception] = {}
        self._locks = {kind: threading.Lock() for kind in KINDS}
        self._refused = False
        self._probed = False
        self._probe = threading.Lock()

    @classmethod
    def of(cls, ctx: SyncContext) -> Names:
        return ctx.shared("names", lambda: cls(ctx))

    def records(self, kind: str) -> list[dict[str, Any]]:
        """The records of the lookup stream `kind` (none when LinkedIn refused standardized data)."""
        with self._locks[kind]:
            failure = self._failures.get(kind)
            if failure is not None:
                raise failure
            if kind not in self._records:
                try:
                    records = self._fetch(kind)
                except SyncHalted:
                    raise  # every later call stops the same way, without calling
                except Exception as error:
                    self._failures[kind] = error
                    raise
                self._records[kind] = records
                self._names[kind] = {r["urn"]: r["name"] for r in records if isinstance(r.get("name"), str)}
            return self._records[kind]

    def name(self, facet: str, value: str) -> str | None:
        """The label of a facet value: from the lookups for URNs, from ENUM_NAMES for enums; None when unknown."""
        kind = FACET_LOOKUP.get(facet)
        if kind is None:
            return enum_name(facet, value, self._locale)
        self.records(kind)
        return self._names[kind].get(value)

    # --- fetching ----------------------------------------------------------------------------------------
    def _fetch(self, kind: str) -> list[dict[str, Any]]:
        if self._refused:
            return []
        elements = self._geo() if kind == GEO else self._all(kind)
        records = (lookup_record(kind, element, self._locale) for element in elements)
        return [record for record in records if record is not None]

    def _refuse(self, kind: str, body: Mapping[str, Any]) -> None:
        self._refused = True
        resource = denied_resource(body) or kind
        self._ctx.warn_once("names_unavailable", resource=resource)

    def _answer(self, kind: str, path: str, params: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """One call's body; None once names are unavailable (a 403). The sync's first standardized-data call
        goes alone, so that a token LinkedIn refuses costs one call, not one per lookup."""
        if not self._probed:
            with self._probe:
                if not self._probed:
                    try:
                        return self._call(kind, path, params)
                    finally:
                        self._probed = True
        return None if self._refused else self._call(kind, path, params)

    def _call(self, kind: str, path: str, params: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """A 403 makes names unavailable for the sync; a 404 means LinkedIn moved the resource (a defect here)."""
        if self._refused:
            return None
        status, body = self._ctx.client.call(path, params, answer=REFUSED)
        if status == 403:
            self._refuse(kind, body)
            return None
        if status == 404:
            raise LinkedInError("unexpected_status", SYSTEM, status=status, endpoint=path,
                                detail=detail_of(body))
        return body if isinstance(body, Mapping) else {}

    def _all(self, kind: str) -> list[Mapping[str, Any]]:
        """Every element of a GET_ALL collection, in pages of PAGE_SIZE (the end is a shorter page)."""
        elements: list[Mapping[str, Any]] = []
        start = 0
        while True:
            params = {"locale": locale_param(self._locale), "start": start, "count": PAGE_SIZE}
            body = self._answer(kind, PATHS[kind], params)
            if body is None:
                return []
            page = [e for e in body.get("elements") or [] if isinstance(e, Mapping)]
            elements.extend(page)
            if len(page) < PAGE_SIZE:
                return elements
            start += PAGE_SIZE

    def _geo(self) -> list[Mapping[str, Any]]:
        """BATCH_GET of the geo ids in this sync's facets: their union over the organizations, GEO_BATCH_SIZE a call."""
        ids = sorted(self._seen_geo_ids())
        found: dict[int, Mapping[str, Any]] = {}
        failed: dict[str, int] = {}
        for offset in range(0, len(ids), GEO_BATCH_SIZE):
            chunk = ids[offset : offset + GEO_BATCH_SIZE]
            body = self._answer(GEO, GEO, {"ids": chunk, "locale": locale_param(self._locale)})
            if body is None:
                return []
            batch = decode_batch(body)
            for key, element in batch.results.items():
                if key.isdigit() and isinstance(element, Mapping):
                    found[int(key)] = element
            for key, error in batch.errors.items():
                if key.isdigit() and int(key) in chunk and int(key) not in found:
                    status = f"HTTP {error.get('status') or 'error'}"
                    failed[status] = failed.get(status, 0) + 1
            answered = {int(key) for key in (*batch.results, *batch.errors) if key.isdigit()}
            absent = sum(1 for i in chunk if i not in answered)
            if absent:
                failed["absent"] = failed.get("absent", 0) + absent
        if failed:
            detail = ", ".join(f"{status}: {count}" for status, count in sorted(failed.items()))
            self._ctx.warn_once("geo_names_missing", count=sum(failed.values()), detail=detail)
        return [found[i] for i in ids if i in found]

    def _seen_geo_ids(self) -> set[int]:
        """Geo ids of every organization usable for statistics, from the lifetime answers the selection reads."""
        selected = self._ctx.selected
        resources = [r for r, streams in GEO_SOURCES.items() if not selected or selected & streams]
        lifetime = LifetimeStatistics.of(self._ctx)
        ids: set[int] = set()
        for org in self._ctx.organizations.usable(STATISTICS):
            for resource in resources:
                try:
                    elements = lifetime.elements(resource, org.urn)
                except SyncHalted:
                    raise
                except Exception:
                    continue  # that organization's own streams report the failure
                for element in elements:
                    ids |= geo_ids(element, FACETS[resource])
        return ids
