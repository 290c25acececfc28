"""Rest.li 2.0 query decoder (plus the 1.0 dotted form), written independently of LinkedIn's client."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union
from urllib.parse import unquote

RestliValue = Union[str, list["RestliValue"], dict[str, "RestliValue"]]  # noqa: UP007 (recursive alias needs Union)

_STRUCTURE = "(),:"
_PERCENT_OK = re.compile(r"%[0-9A-Fa-f]{2}")
_INDEXED = re.compile(r"^(?P<name>[^\[\]]+)\[(?P<index>\d+)\]$")


class RestliParseError(ValueError):
    """Malformed Rest.li syntax; the dispatcher turns it into LinkedIn's 400 ILLEGAL_ARGUMENT."""


@dataclass
class ParsedQuery:
    """Decoded parameters and whether any value used 2.0 structure syntax."""

    params: dict[str, RestliValue]
    uses_v2: bool


def decode_leaf(raw: str) -> str:
    """Percent-decode one leaf; a stray % or invalid UTF-8 is malformed."""
    if raw == "''":
        return ""  # Rest.li 2.0 spelling of the empty string
    if raw == "":
        raise RestliParseError("empty value")
    if "%" in raw and len(_PERCENT_OK.findall(raw)) != raw.count("%"):
        raise RestliParseError(f"bad percent-encoding in {raw!r}")
    try:
        return unquote(raw, errors="strict")
    except UnicodeDecodeError as exc:
        raise RestliParseError("invalid UTF-8 in value") from exc


class _Parser:
    """Recursive-descent parser over one raw (still percent-encoded) 2.0 value."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def parse(self) -> RestliValue:
        value = self.value()
        if self.i != len(self.s):
            raise RestliParseError(f"unexpected {self.s[self.i]!r} at {self.i}")
        return value

    def value(self) -> RestliValue:
        if self.s.startswith("List(", self.i):
            self.i += 5
            return self._list()
        if self.s.startswith("(", self.i):
            self.i += 1
            return self._record()
        return decode_leaf(self._token())

    def _token(self) -> str:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] not in _STRUCTURE:
            self.i += 1
        return self.s[start:self.i]

    def _next(self) -> str:
        if self.i >= len(self.s):
            raise RestliParseError("unterminated List( or (")
        ch = self.s[self.i]
        self.i += 1
        return ch

    def _list(self) -> list[RestliValue]:
        items: list[RestliValue] = []
        if self.s.startswith(")", self.i):
            self.i += 1
            return items
        while True:
            items.append(self.value())
            ch = self._next()
            if ch == ")":
                return items
            if ch != ",":
                raise RestliParseError(f"unexpected {ch!r} in List at {self.i - 1}")

    def _record(self) -> dict[str, RestliValue]:
        record: dict[str, RestliValue] = {}
        if self.s.startswith(")", self.i):
            self.i += 1
            return record
        while True:
            key = decode_leaf(self._token())
            if self._next() != ":":
                raise RestliParseError(f"expected ':' after key {key!r}")
            if key in record:
                raise RestliParseError(f"duplicate key {key!r}")
            record[key] = self.value()
            ch = self._next()
            if ch == ")":
                return record
            if ch != ",":
                raise RestliParseError(f"unexpected {ch!r} in record at {self.i - 1}")


def is_structured(raw: str) -> bool:
    """True when a raw value uses 2.0 structure syntax (List(...) or a (k:v) record)."""
    return raw.startswith("List(") or raw.startswith("(")


def parse_value(raw: str) -> RestliValue:
    """Decode one raw top-level value: a structure, or a plain leaf (no literal parentheses)."""
    if is_structured(raw):
        return _Parser(raw).parse()
    if "(" in raw or ")" in raw:
        raise RestliParseError("unbalanced parenthesis in plain value")
    return decode_leaf(raw)


def parse_path_key(raw: str) -> RestliValue:
    """Decode a path key; a URN key must be fully encoded, so a literal ':' or ',' is malformed."""
    if is_structured(raw):
        return _Parser(raw).parse()
    if any(ch in raw for ch in _STRUCTURE):
        raise RestliParseError("path key must be percent-encoded")
    return decode_leaf(raw)


def _assign_dotted(params: dict[str, RestliValue], key: str, value: RestliValue) -> None:
    """Place a 1.0 dotted key (a.b.c or a[0]) into nested records; conflicts are malformed."""
    node: dict[str, RestliValue] = params
    parts = key.split(".")
    for depth, part in enumerate(parts):
        if part == "":
            raise RestliParseError(f"bad parameter name {key!r}")
        m = _INDEXED.match(part)
        name, index = (m.group("name"), m.group("index")) if m else (part, None)
        last = depth == len(parts) - 1
        if index is not None:
            holder = node.setdefault(name, {"\x00list": {}})  # temporary marker, turned into a list later
            if not isinstance(holder, dict) or "\x00list" not in holder:
                raise RestliParseError(f"conflicting parameter {key!r}")
            slots = holder["\x00list"]
            assert isinstance(slots, dict)
            if last:
                if index in slots:
                    raise RestliParseError(f"duplicate parameter {key!r}")
                slots[index] = value
                return
            child = slots.setdefault(index, {})
        else:
            if last:
                if name in node:
                    raise RestliParseError(f"duplicate parameter {key!r}")
                node[name] = value
                return
            child = node.setdefault(name, {})
        if not isinstance(child, dict) or "\x00list" in child:
            raise RestliParseError(f"conflicting parameter {key!r}")
        node = child


def _finish(value: RestliValue) -> RestliValue:
    """Turn the temporary indexed-list markers into real lists, ordered by index."""
    if isinstance(value, dict):
        if "\x00list" in value:
            slots = value["\x00list"]
            assert isinstance(slots, dict)
            return [_finish(slots[k]) for k in sorted(slots, key=int)]
        return {k: _finish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finish(v) for v in value]
    return value


def parse_query(raw: str) -> ParsedQuery:
    """Decode a raw query string. Splits on literal '&' and '=' only, so encoded data stays data."""
    params: dict[str, RestliValue] = {}
    uses_v2 = False
    plain_repeats: dict[str, list[RestliValue]] = {}
    for part in raw.split("&"):
        if part == "":
            continue
        raw_key, _, raw_value = part.partition("=")
        key = decode_leaf(raw_key)
        if is_structured(raw_value):
            uses_v2 = True
        value = parse_value(raw_value) if raw_value != "" else ""
        if "." in key or "[" in key:
            _assign_dotted(params, key, value)
        elif key in params:
            # 1.0 style repeated key (ids=a&ids=b) becomes a list; repeating a 2.0 structure is malformed
            if is_structured(raw_value) or (not isinstance(params[key], str) and key not in plain_repeats):
                raise RestliParseError(f"duplicate parameter {key!r}")
            plain_repeats.setdefault(key, [params[key]]).append(value)
            params[key] = plain_repeats[key]
        else:
            params[key] = value
    return ParsedQuery({k: _finish(v) for k, v in params.items()}, uses_v2)


def encode_leaf(value: str) -> str:
    """Encoder used by the emulator for batch keys (urn:li:share:1 -> urn%3Ali%3Ashare%3A1)."""
    from urllib.parse import quote

    return quote(value, safe="")
