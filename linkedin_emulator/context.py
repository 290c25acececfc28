"""Per-request context handed to handlers: decoded params, token, authorization and paging helpers."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import errors
from .auth import Token
from .faults import OMITTED
from .restli import RestliParseError, RestliValue, encode_leaf, is_structured, parse_path_key
from .state import EmulatorState
from .variations import seeded


@dataclass
class Response:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """What a /rest handler sees. Handlers raise errors.ApiError for every non-200 answer."""

    state: EmulatorState
    groups: dict[str, str]
    params: dict[str, RestliValue]
    entry: dict[str, Any]
    token: Token
    version_day: str  # YYYYMM01, used in ACCESS_DENIED messages
    protocol_v2: bool
    now: int
    raw_query: str = ""  # as received (tunneled body included): paging links repeat it


    # method resolution and authorization ---------------------------------------------------
    def resolve(self, resource: str, restli_method: str, finder: str | None = None) -> None:
        self.entry["resource"] = resource
        self.entry["restli_method"] = restli_method
        self.entry["finder"] = finder

    def _denied(self) -> errors.ApiError:
        shown = {"FINDER": "GET_ALL"}.get(self.entry["restli_method"], self.entry["restli_method"])
        return errors.access_denied(self.entry["resource"], shown, self.version_day)

    def require_scope(self, family: str) -> None:
        if not self.state.auth.has_scope(self.token, family):
            raise self._denied()

    def has_role(self, org_id: int, roles: frozenset[str]) -> bool:
        return self.state.auth.has_role(self.token, org_id, roles)

    def require_role(self, org_id: int, roles: frozenset[str]) -> None:
        if not self.has_role(org_id, roles):
            raise self._denied()

    # parameters --------------------------------------------------------------------------
    def allow(self, *names: str) -> None:
        """Any parameter outside the method's signature makes the method unresolvable."""
        extra = set(self.params) - set(names)
        if extra:
            raise errors.unresolved_method()

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.params.get(name)
        if value is None:
            if required:
                raise errors.unresolved_method()
            return None
        if not isinstance(value, str) or value == "":
            raise errors.invalid_param()
        return value

    def integer(self, name: str, default: int) -> int:
        value = self.params.get(name)
        if value is None:
            return default
        if not isinstance(value, str) or not value.lstrip("-").isdigit():
            raise errors.invalid_param()
        return int(value)

    def urn_list(self, name: str) -> list[str] | None:
        value = self.params.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]  # 1.0 single value
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise errors.invalid_param()
        return [str(v) for v in value]

    def paging(self, default_count: int = 10, max_count: int | None = None) -> tuple[int, int]:
        start = self.integer("start", 0)
        count = self.integer("count", default_count)
        if start < 0 or count < 0:
            raise errors.invalid_param()
        if max_count is not None and count > max_count:
            raise errors.bad_request(f"Invalid param. count {count} exceeds the maximum of {max_count}")
        return start, count

    def key_error(self, status: int) -> dict[str, Any]:
        """Per-key error body inside a BATCH_GET answer."""
        if status == 403:
            return {"status": 403, "message": self._denied().body["message"]}
        return {"status": 404, "message": "Not Found"}

    def batch(self, ids: list[str], answer: Callable[[str], Any]) -> Response:
        """BATCH_GET envelope: keys as the batch_keys variation says, per-key 403/404 (the batch itself is 200).

        `answer(raw key)` gives the key's result, or an int status (403/404). Keys that would answer
        200 may then be failed by a batch_key_error fault (logged as the entry's fault).
        """
        answered = {raw: answer(raw) for raw in dict.fromkeys(ids)}
        ok = [raw for raw, value in answered.items() if not isinstance(value, int)]
        failed = self.state.faults.failing_keys(self.entry["resource"], ok)
        if failed:
            self.entry["fault"] = "batch_key_error"
            self.entry["failed_keys"] = list(failed)
        results: dict[str, Any] = {}
        statuses: dict[str, int] = {}
        errs: dict[str, Any] = {}
        for raw, value in answered.items():
            key = self._batch_key(raw)
            status = failed.get(raw, value if isinstance(value, int) else 200)
            if status == OMITTED:
                continue  # LinkedIn left the key out of results, statuses and errors alike
            statuses[key] = status
            if status == 200:
                results[key] = value
            else:
                errs[key] = self.key_error(status)
        return Response(200, {"results": results, "statuses": statuses, "errors": errs})

    def _batch_key(self, raw: str) -> str:
        """A key as this answer shows it; `mixed` picks per key (seeded), so one answer can hold both forms."""
        mode = self.state.variations.batch_keys
        if mode == "raw" or (mode == "mixed" and seeded(self.state.config.seed, "batch-key", raw) % 2):
            return raw
        return encode_leaf(raw)

    # collections ---------------------------------------------------------------------------
    def page(self, items: list[Any], start: int, count: int) -> dict[str, Any]:
        """The page [start, start+count) of a finder's whole result, with paging shaped by the variations."""
        variations = self.state.variations
        paging: dict[str, Any] = {"start": start, "count": count}
        if variations.paging_links != "absent":
            paging["links"] = self._links(start, count, len(items)) if variations.paging_links == "present" else []
        if variations.paging_total == "all" or (
                variations.paging_total == "common" and self.entry["resource"] in COMMON_TOTAL):
            paging["total"] = len(items)
        return {"elements": items[start:start + count], "paging": paging}

    def whole(self, elements: list[Any]) -> dict[str, Any]:
        """A collection that is not paged (statistics, videoAnalytics): one page holding everything."""
        return self.page(elements, 0, len(elements))

    def _links(self, start: int, count: int, total: int) -> list[dict[str, str]]:
        """Rest.li links: the same query with start moved; next only while elements remain after this page."""
        kept = [p for p in self.raw_query.split("&") if p and p.split("=", 1)[0] not in ("start", "count")]

        def link(rel: str, at: int) -> dict[str, str]:
            query = "&".join([*kept, f"start={at}", f"count={count}"])
            return {"rel": rel, "type": "application/json", "href": f"{self.entry['path']}?{query}"}

        out = []
        if start > 0 and count > 0:
            out.append(link("prev", max(0, start - count)))
        if count > 0 and start + count < total:
            out.append(link("next", start + count))
        return out

    def path_key(self, name: str) -> RestliValue:
        raw = self.groups[name]
        if is_structured(raw) and not self.protocol_v2:
            raise errors.invalid_param()
        try:
            return parse_path_key(raw)
        except RestliParseError:
            raise errors.invalid_param() from None


# Collections that carry paging.total under paging_total=common (the reference names these).
COMMON_TOTAL = frozenset({"comments", "reactions", "organizations", "organizationAcls"})


def collection(elements: list[Any], start: int, count: int, total: int | None = None) -> dict[str, Any]:
    """Plain LinkedIn collection envelope, untouched by the variations (Ctx.page and Ctx.whole apply them)."""
    paging: dict[str, Any] = {"start": start, "count": count, "links": []}
    if total is not None:
        paging["total"] = total
    return {"elements": elements, "paging": paging}


def org_id_from_urn(urn: str) -> int | None:
    prefix = "urn:li:organization:"
    if urn.startswith(prefix) and urn[len(prefix):].isdigit():
        return int(urn[len(prefix):])
    return None
