"""Rest.li 2.0 query encoder: the one place where LinkedIn query strings and URN keys are made.

`requests` percent-encodes the structure characters `( ) , :` that Rest.li 2.0 needs literal,
so every query is built here and handed to the HTTP layer as a finished string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

# Above this length a GET is tunneled as a POST (LinkedIn rejects very long URLs).
MAX_QUERY_LENGTH = 4000


def encode_leaf(value: Any) -> str:
    """Percent-encode one scalar; every reserved character, `:` `(` `,` included, is escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return quote(str(value), safe="")


def encode_value(value: Any) -> str:
    """Encode a value in Rest.li 2.0 syntax: lists as `List(a,b)`, mappings as `(k:v)` with sorted keys."""
    if isinstance(value, Mapping):
        inner = ",".join(f"{encode_leaf(k)}:{encode_value(v)}" for k, v in sorted(value.items()))
        return f"({inner})"
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return "List(" + ",".join(encode_value(v) for v in value) + ")"
    return encode_leaf(value)


def encode_query(params: Mapping[str, Any]) -> str:
    """Encode query parameters in order; `None` values are left out."""
    return "&".join(f"{encode_leaf(k)}={encode_value(v)}" for k, v in params.items() if v is not None)


def encode_key(key: Any) -> str:
    """Encode a path key: a URN is fully encoded (`urn%3Ali%3Ashare%3A1`), a record keeps its structure."""
    return encode_value(key)


def uses_restli2_syntax(query: str) -> bool:
    """Whether a query needs `X-Restli-Protocol-Version: 2.0.0` (it holds a list or a record)."""
    return "(" in query  # leaves are encoded, so a literal parenthesis is always structure
