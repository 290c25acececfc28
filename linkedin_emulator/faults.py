"""Fault injection: 429 (short-term or daily, DAY or plain wording), 5xx, drops, slow or cut answers, key errors."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

KINDS = ("429", "429_day", "429_plain_day", "5xx", "drop", "slow", "truncate", "daily_limit", "batch_key_error")
DAY_KINDS = ("429_day", "429_plain_day")  # a daily quota: once hit, every later /rest call gets the same 429
PLAIN_KINDS = ("429", "daily_limit")  # kinds whose 429 body may use the wording without DAY
OMITTED = 0  # a batch_key_error status: the key is left out of results, statuses and errors alike
BATCH_KEY_STATUSES = (403, 404, OMITTED)


@dataclass
class Fault:
    """One rule; `count` (next N matching calls) wins over `rate` (probability per matching call)."""

    kind: str
    rate: float | None = None
    count: int | None = None
    resource: str | None = None
    retry_after: int | None = None
    status: int = 503
    delay_ms: int = 1000
    calls: int | None = None  # daily_limit: calls allowed before the daily quota is exhausted
    keys: list[str] | None = None  # batch_key_error: only these keys (raw, unencoded) may fail
    plain: bool | None = None  # 429 / daily_limit: body without DAY (errors.MSG_THROTTLE_PLAIN)
    fired: int = 0

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def parse_fault(spec: dict[str, Any]) -> Fault:
    """Validate one JSON fault object; ValueError explains what is wrong."""
    kind = str(spec.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
    unknown = set(spec) - {"kind", "rate", "count", "resource", "retry_after", "status", "delay_ms", "calls", "keys",
                           "plain"}
    if unknown:
        raise ValueError(f"unknown fault keys {sorted(unknown)}")
    f = Fault(kind=kind, resource=spec.get("resource"))
    if "rate" in spec:
        f.rate = float(spec["rate"])
        if not 0 <= f.rate <= 1:
            raise ValueError("rate must be within 0..1")
    if "count" in spec:
        f.count = int(spec["count"])
    if kind == "daily_limit":
        if "calls" not in spec:
            raise ValueError("daily_limit needs calls")
        f.calls = int(spec["calls"])
    elif f.rate is None and f.count is None:
        f.rate = 1.0  # no trigger given: every matching call
    if "retry_after" in spec:
        if kind == "429_plain_day":
            raise ValueError("429_plain_day never carries Retry-After (that is the point of it)")
        f.retry_after = int(spec["retry_after"])
    if "plain" in spec:
        if kind not in PLAIN_KINDS:
            raise ValueError(f"plain is only for {' and '.join(PLAIN_KINDS)}")
        if spec["plain"] not in (True, False):  # also 1/0 from the CLI
            raise ValueError("plain must be true or false (1 or 0)")
        f.plain = bool(spec["plain"])
    if kind == "batch_key_error":
        f.status = int(spec.get("status", 403))
        if f.status not in BATCH_KEY_STATUSES:
            raise ValueError("batch_key_error status must be 403, 404 or 0 (left out of the answer)")
        if "keys" in spec:
            keys = spec["keys"]
            if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k for k in keys):
                raise ValueError("keys must be a non-empty list of raw (unencoded) keys")
            f.keys = list(keys)
    elif "keys" in spec:
        raise ValueError("keys is only for batch_key_error")
    elif "status" in spec:
        f.status = int(spec["status"])
        if f.status not in (500, 502, 503, 504):
            raise ValueError("5xx status must be 500, 502, 503 or 504")
    if "delay_ms" in spec:
        f.delay_ms = int(spec["delay_ms"])
    return f


def parse_cli_spec(text: str) -> dict[str, Any]:
    """`kind=429,rate=0.2` -> {"kind": "429", "rate": 0.2} (numbers become numbers)."""
    out: dict[str, Any] = {}
    for pair in text.split(","):
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"bad fault spec item {pair!r} (expected key=value)")
        key = key.strip()
        value = value.strip()
        if key in ("kind", "resource"):
            out[key] = value
        else:
            out[key] = float(value) if "." in value else int(value)
    return out


@dataclass
class FaultBox:
    """Active faults and the sticky daily-quota state; callers hold the emulator lock."""

    seed: int
    faults: list[Fault] = field(default_factory=list)
    day_limit_hit: bool = False
    day_limit_kind: str = "429_day"  # which DAY_KINDS body the exhausted quota answers
    rest_calls: int = 0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed ^ 0xFA17)

    def clear(self) -> None:
        self.faults.clear()
        self.day_limit_hit = False
        self.day_limit_kind = "429_day"
        self.rest_calls = 0
        self.rng = random.Random(self.seed ^ 0xFA17)

    def add(self, specs: list[dict[str, Any]]) -> list[Fault]:
        parsed = [parse_fault(s) for s in specs]  # all or nothing
        self.faults.extend(parsed)
        return parsed

    def pick(self, resource: str | None, is_rest: bool) -> list[Fault]:
        """Faults firing for this call, in order; `slow` may combine with one terminal fault."""
        fired: list[Fault] = []
        if is_rest:
            self.rest_calls += 1
            if self.day_limit_hit:
                return [Fault(kind=self.day_limit_kind)]
            for f in self.faults:
                if f.kind == "daily_limit" and f.calls is not None and self.rest_calls > f.calls:
                    self._exhaust("429_plain_day" if f.plain else "429_day")
                    return [Fault(kind=self.day_limit_kind)]
        for f in self.faults:
            if f.kind in ("daily_limit", "batch_key_error"):
                continue  # batch_key_error acts on keys inside a BATCH_GET answer, see failing_keys()
            if f.resource is not None:
                if f.resource != resource:
                    continue
            elif not is_rest:
                continue  # unfiltered faults target the API, never the OAuth endpoints
            if f.count is not None:
                if f.count <= 0:
                    continue
                f.count -= 1
            elif f.rate is not None and self.rng.random() >= f.rate:
                continue
            f.fired += 1
            fired.append(f)
            if f.kind != "slow":
                if f.kind in DAY_KINDS and is_rest:
                    self._exhaust(f.kind)  # a daily quota stays exhausted until faults are cleared
                break
        return fired

    def _exhaust(self, kind: str) -> None:
        self.day_limit_hit = True
        self.day_limit_kind = kind

    def failing_keys(self, resource: str, keys: list[str]) -> dict[str, int]:
        """Keys of one BATCH_GET (those that would answer 200, in request order) failed by batch_key_error.

        `count` is the number of keys to fail, consumed across batches (the first eligible keys of each
        batch go first); `rate` is a probability per key.
        """
        failed: dict[str, int] = {}
        for f in self.faults:
            if f.kind != "batch_key_error" or (f.resource is not None and f.resource != resource):
                continue
            for key in keys:
                if key in failed or (f.keys is not None and key not in f.keys):
                    continue
                if f.count is not None:
                    if f.count <= 0:
                        break
                    f.count -= 1
                elif f.rate is not None and self.rng.random() >= f.rate:
                    continue
                f.fired += 1
                failed[key] = f.status
        return failed
