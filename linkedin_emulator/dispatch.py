"""Request pipeline: tunneling, 414, faults, auth, version, Rest.li decoding, handler, request log."""
from __future__ import annotations

import json
import re
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any

from . import errors
from .context import Ctx
from .faults import Fault
from .handlers import control, oauth
from .restli import RestliParseError, parse_query
from .routes import match_rest
from .state import EmulatorState

MAX_GET_QUERY = 4000
_VERSION = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


@dataclass
class Outcome:
    """What the HTTP layer must do: answer, or drop/truncate (faults), after `delay_ms`."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    action: str = "answer"  # answer | drop | truncate
    delay_ms: int = 0


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Outcome:
    data = json.dumps(body, separators=(",", ":")).encode()
    return Outcome(status, data, {"Content-Type": "application/json", **(headers or {})})


def _header(headers: dict[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name.lower():
            return v
    return None


def handle(state: EmulatorState, method: str, raw_path: str, raw_query: str, headers: dict[str, str],
           body: bytes) -> Outcome:
    """Entry point for every HTTP request."""
    if raw_path.startswith("/_emulator/") or raw_path == "/_emulator":
        try:
            with state.lock:
                status, payload = control.handle(state, method, raw_path, raw_query, body)
            return _json(status, payload)
        except errors.ApiError as exc:
            return _json(exc.status, exc.body, exc.headers)
    is_rest = raw_path.startswith("/rest/")
    is_oauth = raw_path.startswith("/oauth/v2/")
    if not (is_rest or is_oauth):
        return _json(404, {"status": 404, "message": "Not Found"})
    logged = {h: _header(headers, h) for h in ("LinkedIn-Version", "X-Restli-Protocol-Version",
                                                "X-HTTP-Method-Override", "Content-Type", "User-Agent")}
    with state.lock:
        entry = state.log.new_entry(method, raw_path, raw_query, logged, state.now())
        delay = state.latency_ms
        try:
            if is_oauth:
                outcome = _oauth(state, method, raw_path, raw_query, headers, body, entry)
            else:
                outcome = _rest(state, method, raw_path, raw_query, headers, body, entry)
        except errors.ApiError as exc:
            outcome = _json(exc.status, exc.body, exc.headers)
        except Exception:  # an emulator defect must show up as a 500, not a dropped connection
            traceback.print_exc(file=sys.stderr)
            outcome = _json(500, {"status": 500, "message": "emulator internal error"})
            entry["fault"] = "emulator_bug"
        entry["status"] = outcome.status if outcome.action != "drop" else None
        state.log.append(entry)
    outcome.delay_ms += delay
    return outcome


def _apply_faults(state: EmulatorState, entry: dict[str, Any], is_rest: bool) -> tuple[int, str | None]:
    """Returns (extra delay, terminal kind or None); raises for 429/5xx."""
    delay = 0
    terminal: Fault | None = None
    for f in state.faults.pick(entry["resource"], is_rest):
        if f.kind == "slow":
            delay += f.delay_ms
            entry["fault"] = entry["fault"] or "slow"
        else:
            terminal = f
    if terminal is None:
        return delay, None
    entry["fault"] = terminal.kind
    if terminal.kind == "429_day":
        raise errors.too_many_requests_day(terminal.retry_after)
    if terminal.kind == "429_plain_day":
        raise errors.too_many_requests_plain_day()
    if terminal.kind == "429":
        raise errors.too_many_requests_short(terminal.retry_after, bool(terminal.plain))
    if terminal.kind == "5xx":
        raise errors.server_error(terminal.status)
    return delay, terminal.kind  # drop | truncate


def _finish_fault(outcome: Outcome, kind: str | None, delay: int) -> Outcome:
    outcome.delay_ms += delay
    if kind == "drop":
        outcome.action = "drop"
    elif kind == "truncate":
        outcome.action = "truncate"
    return outcome


def _oauth(state: EmulatorState, method: str, path: str, raw_query: str, headers: dict[str, str], body: bytes,
           entry: dict[str, Any]) -> Outcome:
    name = path[len("/oauth/v2/"):]
    entry["resource"] = f"oauth.{name}"
    entry["query"] = ""  # form bodies hold secrets and the authorization query a CSRF state: never logged
    if name not in ("authorization", "accessToken", "introspectToken"):
        return _json(404, {"error": "not_found", "error_description": "Unknown OAuth endpoint"})
    if method != ("GET" if name == "authorization" else "POST"):
        return _json(405, {"error": "invalid_request", "error_description": "Method not allowed"})
    delay, kind = 0, None
    try:
        delay, kind = _apply_faults(state, entry, is_rest=False)
    except errors.ApiError as exc:
        return _json(exc.status, exc.body, exc.headers)
    try:
        if name == "authorization":
            answer = oauth.authorize(state, raw_query, entry)
            # a browser reads this page; the code in a Location header is not logged either
            outcome = Outcome(answer.status, answer.body.encode(), {"Content-Type": "text/html; charset=utf-8",
                                                                    **answer.headers})
        else:
            status, payload = oauth.handle(state, name, _header(headers, "Content-Type"), body, entry)
            outcome = _json(status, payload)
    except errors.ApiError as exc:
        outcome = _json(exc.status, exc.body, exc.headers)
    return _finish_fault(outcome, kind, delay)


def _rest(state: EmulatorState, method: str, path: str, raw_query: str, headers: dict[str, str], body: bytes,
          entry: dict[str, Any]) -> Outcome:
    override = _header(headers, "X-HTTP-Method-Override")
    query = raw_query
    if method == "POST" and override is not None:
        # query tunneling: the form body is the query string
        entry["tunneled"] = True
        if override.upper() != "GET":
            raise errors.method_not_allowed()
        ctype = (_header(headers, "Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            raise errors.invalid_param()
        tunneled = body.decode("utf-8", errors="replace")
        query = "&".join(q for q in (raw_query, tunneled) if q)
        entry["query"] = tunneled
        method = "GET"
    elif method == "GET" and len(raw_query) > MAX_GET_QUERY:
        raise errors.uri_too_long()
    found = match_rest(path)
    if found is None:
        raise errors.no_resource()
    route, groups = found
    entry["resource"] = route.resource
    if method != "GET":
        raise errors.method_not_allowed()
    delay, kind = _apply_faults(state, entry, is_rest=True)
    now = state.now()
    token = state.auth.authenticate(_header(headers, "Authorization"), now)
    entry["token_label"] = token.label
    version_day = _check_version(state, _header(headers, "LinkedIn-Version"))
    protocol_v2 = (_header(headers, "X-Restli-Protocol-Version") or "").strip() == "2.0.0"
    try:
        parsed = parse_query(query)
    except RestliParseError:
        raise errors.invalid_param() from None
    entry["params"] = parsed.params
    if parsed.uses_v2 and not protocol_v2:
        raise errors.invalid_param()
    for name in ("ids", "shares", "ugcPosts"):
        value = parsed.params.get(name)
        if isinstance(value, list):
            entry["batch_size"] = (entry["batch_size"] or 0) + len(value)
    ctx = Ctx(state, groups, parsed.params, entry, token, version_day, protocol_v2, now, query)
    response = route.handler(ctx)
    if 200 <= response.status < 300:
        token.calls += 1  # drives expires_after_calls (a token that expires mid-sync)
    return _finish_fault(_json(response.status, response.body, response.headers), kind, delay)


def _check_version(state: EmulatorState, header: str | None) -> str:
    if header is None or header.strip() == "":
        raise errors.version_missing()
    value = header.strip()
    m = _VERSION.match(value)
    if m is None:
        raise errors.nonexistent_version(value)
    month = m.group(1) + m.group(2)
    if month not in state.versions or not 1 <= int(m.group(2)) <= 12:
        raise errors.nonexistent_version(month + "01")
    return month + "01"
