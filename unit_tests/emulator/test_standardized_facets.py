"""Every URN in the demographic facets and organization lookups resolves; the reference tables are consistent."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from linkedin_emulator.config import EmulatorConfig
from linkedin_emulator.generator import FOLLOWER_FACETS, PAGE_FACETS, Generator
from linkedin_emulator.industry_taxonomy import INDUSTRIES, LOCALES
from linkedin_emulator.reference_data import (
    COUNTRIES,
    FUNCTIONS,
    GEO,
    GEO_COUNTRY_POOL,
    GEO_PLACE_POOL,
    INDUSTRY_POOL,
    PLACES,
    SENIORITIES,
)

from .conftest import Api

INDUSTRIES_PATH = "industryTaxonomyVersions/DEFAULT/industries"
URN_FACETS = {"seniority", "function", "industry", "industryV2", "geo"}


def _org_ids(api: Api) -> list[int]:
    rows = api.ok("organizationAcls", "q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&count=100")["elements"]
    return [int(r["organization"].rsplit(":", 1)[1]) for r in rows]


def _facet_urns(api: Api) -> tuple[dict[str, set[str]], dict[str, int]]:
    """URNs per type over every organization's lifetime follower and page statistics and lookup; facet sizes."""
    urns: dict[str, set[str]] = defaultdict(set)
    sizes: dict[str, int] = {}
    for oid in _org_ids(api):
        urn = f"urn%3Ali%3Aorganization%3A{oid}"
        follower = api.ok("organizationalEntityFollowerStatistics",
                          f"q=organizationalEntity&organizationalEntity={urn}")["elements"][0]
        page = api.ok("organizationPageStatistics", f"q=organization&organization={urn}")["elements"][0]
        for element in (follower, page):
            for facet, items in element.items():
                if not isinstance(items, list):
                    continue
                sizes[facet] = max(sizes.get(facet, 0), len(items))
                for item in items:
                    for key in URN_FACETS & set(item):
                        urns[facet].add(item[key])
        urns["organizations.industries"].update(api.ok(f"organizations/{oid}")["industries"])
    return urns, sizes


def _resolve(api: Api, path: str, urns: set[str], locale: str) -> dict[str, Any]:
    """BATCH_GET in chunks of 100 ids; returns results by raw id."""
    ids = sorted(u.rsplit(":", 1)[1] for u in urns)
    out: dict[str, Any] = {}
    for i in range(0, len(ids), 100):
        out.update(api.ok(path, f"ids=List({','.join(ids[i:i + 100])})&{locale}")["results"])
    return out


def test_every_facet_urn_resolves(api: Api) -> None:
    urns, sizes = _facet_urns(api)
    # the facet sizes stay what they were: more than 100 generated values, so the top-100 cut happens
    assert sizes["followerCountsByIndustry"] == sizes["followerCountsByGeo"] == sizes["pageStatisticsByGeo"] == 100
    assert 0 < sizes["followerCountsByGeoCountry"] <= 60 and sizes["followerCountsByFunction"] <= 26
    by_type: dict[str, set[str]] = defaultdict(set)
    for values in urns.values():
        for urn in values:
            by_type[urn.split(":")[2]].add(urn)
    assert set(by_type) == {"seniority", "function", "industry", "geo"}
    locale = "locale=(language:de,country:DE)"
    geo = _resolve(api, "geo", by_type["geo"], locale)
    industries = _resolve(api, INDUSTRIES_PATH, by_type["industry"], locale)
    functions = {str(e["id"]): e for e in api.ok("functions", f"count=100&{locale}")["elements"]}
    seniorities = {str(e["id"]): e for e in api.ok("seniorities", f"count=100&{locale}")["elements"]}
    for kind, table in (("geo", geo), ("industry", industries), ("function", functions),
                        ("seniority", seniorities)):
        missing = {u for u in by_type[kind] if u.rsplit(":", 1)[1] not in table}
        assert not missing, f"{kind}: {sorted(missing)[:5]}"
    assert all(v["defaultLocalizedName"]["value"] for v in geo.values())
    assert all(v["name"]["localized"]["de_DE"] for v in industries.values())
    # GeoCountry facets name countries, Geo facets regions, metropolitan areas and cities
    for facet, values in urns.items():
        ids = {int(u.rsplit(":", 1)[1]) for u in values if u.startswith("urn:li:geo:")}
        if facet.endswith("GeoCountry"):
            assert ids <= set(COUNTRIES)
        elif facet.endswith("Geo"):
            assert ids <= set(PLACES)


@pytest.mark.parametrize("seed", [1, 2, 7, 42])
def test_generated_facets_use_only_known_ids(seed: int) -> None:
    store = Generator(EmulatorConfig(seed=seed, orgs=6, posts=1, days=30, comments=0, reactions=0),
                      1_780_000_000_000).build()
    for org in store.orgs:
        for facet, items in {**org.follower_facets, **org.page_facets}.items():
            for item in items:
                for key in URN_FACETS & set(item):
                    kind, num = item[key].split(":")[2], int(item[key].rsplit(":", 1)[1])
                    table = {"seniority": SENIORITIES, "function": FUNCTIONS, "industry": INDUSTRIES,
                             "geo": COUNTRIES if facet.endswith("GeoCountry") else PLACES}[kind]
                    assert num in table, (facet, item[key])
        assert all(int(u.rsplit(":", 1)[1]) in INDUSTRIES for u in org.details["industries"])


def test_generated_facets_are_deterministic() -> None:
    def facets() -> list[Any]:
        store = Generator(EmulatorConfig(seed=3, orgs=2, posts=1, days=30), 1_780_000_000_000).build()
        return [(o.follower_facets, o.page_facets, o.details["industries"]) for o in store.orgs]

    assert facets() == facets()


def test_pools_cover_the_facet_sizes() -> None:
    pools = {"industry": INDUSTRY_POOL, "industryV2": INDUSTRY_POOL, "function": FUNCTIONS, "seniority": SENIORITIES}
    for facets in (FOLLOWER_FACETS, PAGE_FACETS):
        for facet, (key, n) in facets.items():
            if key == "geo":
                assert n <= len(GEO_COUNTRY_POOL if facet.endswith("GeoCountry") else GEO_PLACE_POOL), facet
            elif key in pools:
                assert n <= len(pools[key]), facet
    assert all(i in INDUSTRIES for i in INDUSTRY_POOL)


# reference tables ---------------------------------------------------------------------------
def test_industry_tree() -> None:
    assert len(INDUSTRIES) == 434
    roots = [i for i in INDUSTRIES.values() if i.parent is None]
    assert len(roots) == 20
    for ind in INDUSTRIES.values():
        assert set(ind.names) == set(LOCALES) and all(ind.names.values())
        assert len(set(ind.names.values())) == len(LOCALES), ind  # every locale has a name of its own
        if ind.parent is not None:
            assert ind.id in INDUSTRIES[ind.parent].children
        for child in ind.children:
            assert INDUSTRIES[child].parent == ind.id
        seen, node = set(), ind
        while node.parent is not None:  # no cycles: every node reaches a root
            assert node.id not in seen
            seen.add(node.id)
            node = INDUSTRIES[node.parent]


@pytest.mark.parametrize("table, size, first", [(FUNCTIONS, 26, "Accounting"), (SENIORITIES, 10, "Unpaid")])
def test_flat_tables(table: dict[int, Any], size: int, first: str) -> None:
    assert sorted(table) == list(range(1, size + 1))
    assert table[1].names["en_US"] == first
    assert all(set(x.names) == set(LOCALES) and all(x.names.values()) for x in table.values())


def test_geo_table() -> None:
    assert not set(COUNTRIES) & set(PLACES)
    assert len(GEO) == len(COUNTRIES) + len(PLACES) and len(COUNTRIES) >= 60 and len(PLACES) >= 130
    assert {COUNTRIES[i].names["en_US"] for i in (103644278, 101282230, 101165590, 105015875, 102713980)} == {
        "United States", "Germany", "United Kingdom", "France", "India"}
    assert all(set(g.names) == set(LOCALES) and all(g.names.values()) for g in GEO.values())
    assert COUNTRIES[101282230].names["de_DE"] == "Deutschland" and COUNTRIES[101282230].names["fr_FR"] == "Allemagne"
