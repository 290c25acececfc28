"""Standardized data: geo (GET, BATCH_GET), industry taxonomy, functions and seniorities (GET, BATCH_GET, GET_ALL)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .. import errors
from ..auth import NO_LOOKUPS_TOKEN
from ..context import Ctx, Response, collection
from ..industry_taxonomy import Industry
from ..reference_data import FUNCTIONS, GEO, SENIORITIES, Named, resolve_locale, taxonomy

MAX_IDS = 100  # per BATCH_GET (wire reference: unconfirmed on LinkedIn's side, enforced here)
MAX_COUNT = 100  # page size cap of the GET_ALL collections
UNKNOWN_IDS_MODES = ("absent", "errors")
# What a BATCH_GET does with ids that do not exist: "absent" leaves them out of results, statuses and errors
# (the wire reference's first variant); "errors" answers them in `errors` with status 404. A start parameter
# (CLI --unknown-standardized-ids), so one module-level value serves every emulator in the process.
UNKNOWN_IDS = "absent"


def set_unknown_ids(mode: str) -> None:
    global UNKNOWN_IDS
    if mode not in UNKNOWN_IDS_MODES:
        raise ValueError(f"unknown ids mode must be one of {', '.join(UNKNOWN_IDS_MODES)}")
    UNKNOWN_IDS = mode


def _access(ctx: Ctx, resource: str, method: str) -> str:
    """Resolve the method, refuse the no-lookups token like LinkedIn refuses a token without access; the locale."""
    ctx.resolve(resource, method)
    ctx.require_scope("standardized")
    if ctx.token.value == NO_LOOKUPS_TOKEN:
        raise ctx._denied()
    try:
        return resolve_locale(ctx.params.get("locale"))
    except ValueError:
        raise errors.invalid_param() from None


def _ids(ctx: Ctx) -> list[str]:
    ids = ctx.urn_list("ids") or []
    if any(not i.isdigit() for i in ids):
        raise errors.invalid_param()
    if len(ids) > MAX_IDS:
        raise errors.bad_request(f"Invalid param. At most {MAX_IDS} ids per request")
    return ids


Render = Callable[[Any, str], dict[str, Any]]  # (table item, served locale) -> element


def _collection(ctx: Ctx, resource: str, table: Mapping[int, Any], render: Render) -> Response:
    """BATCH_GET (`ids`) or GET_ALL (`start`/`count`, id order) of one static table."""
    if "q" in ctx.params:
        raise errors.unresolved_method()  # no finders on standardized data
    batch = "ids" in ctx.params
    locale = _access(ctx, resource, "BATCH_GET" if batch else "GET_ALL")
    if batch:
        ctx.allow("ids", "locale")
        ids = _ids(ctx)
        if UNKNOWN_IDS == "absent":
            ids = [i for i in ids if int(i) in table]
        return ctx.batch(ids, lambda raw: render(table[int(raw)], locale) if int(raw) in table else 404)
    ctx.allow("start", "count", "locale")
    start, count = ctx.paging(default_count=10, max_count=MAX_COUNT)
    page = [render(table[i], locale) for i in sorted(table)[start:start + count]]
    return Response(200, collection(page, start, count))


def _one(ctx: Ctx, resource: str, table: Mapping[int, Any], render: Render) -> Response:
    locale = _access(ctx, resource, "GET")
    ctx.allow("locale")
    key = ctx.path_key("key")
    if not isinstance(key, str) or not key.isdigit():
        raise errors.invalid_param()
    item = table.get(int(key))
    if item is None:
        raise errors.not_found()
    return Response(200, render(item, locale))


def _named(kind: str) -> Render:
    """Element of functions, seniorities and industries: the name only in the served locale."""
    def render(item: Named | Industry, locale: str) -> dict[str, Any]:
        return {"id": item.id, "$URN": f"urn:li:{kind}:{item.id}",
                "name": {"localized": {locale: item.names[locale]}}}

    return render


def _geo(item: Named, locale: str) -> dict[str, Any]:
    language, country = locale.split("_")
    return {"id": item.id, "defaultLocalizedName": {"locale": {"country": country, "language": language},
                                                   "value": item.names[locale]}}


def _industry(item: Industry, locale: str) -> dict[str, Any]:
    out = _named("industry")(item, locale)
    out["parentIndustries"] = [] if item.parent is None else [f"urn:li:industry:{item.parent}"]
    out["childrenIndustries"] = [f"urn:li:industry:{c}" for c in item.children]
    return out


# geo -------------------------------------------------------------------------------------
def geo_collection(ctx: Ctx) -> Response:
    if "ids" not in ctx.params:
        raise errors.unresolved_method()  # geo has no GET_ALL and no finder
    return _collection(ctx, "geo", GEO, _geo)


def geo_one(ctx: Ctx) -> Response:
    return _one(ctx, "geo", GEO, _geo)


# industries, functions, seniorities ----------------------------------------------------------
def _version(ctx: Ctx) -> dict[int, Industry]:
    version = ctx.path_key("version")
    table = taxonomy(version) if isinstance(version, str) else None
    if table is None:
        raise errors.not_found()  # the version is the key of an industryTaxonomyVersions entity
    return table


def industries(ctx: Ctx) -> Response:
    return _collection(ctx, "industries", _version(ctx), _industry)


def industry_one(ctx: Ctx) -> Response:
    return _one(ctx, "industries", _version(ctx), _industry)


def functions(ctx: Ctx) -> Response:
    return _collection(ctx, "functions", FUNCTIONS, _named("function"))


def function_one(ctx: Ctx) -> Response:
    return _one(ctx, "functions", FUNCTIONS, _named("function"))


def seniorities(ctx: Ctx) -> Response:
    return _collection(ctx, "seniorities", SENIORITIES, _named("seniority"))


def seniority_one(ctx: Ctx) -> Response:
    return _one(ctx, "seniorities", SENIORITIES, _named("seniority"))
