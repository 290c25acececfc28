"""Unit tests of the independent Rest.li decoder."""
from __future__ import annotations

from typing import Any

import pytest

from linkedin_emulator.restli import RestliParseError, parse_path_key, parse_query


@pytest.mark.parametrize("raw, expected, v2", [
    ("q=author&author=urn%3Ali%3Aorganization%3A1", {"q": "author", "author": "urn:li:organization:1"}, False),
    ("ids=List(urn%3Ali%3Ashare%3A1,urn%3Ali%3AugcPost%3A2)",
     {"ids": ["urn:li:share:1", "urn:li:ugcPost:2"]}, True),
    ("ids=List()", {"ids": []}, True),
    ("timeIntervals=(timeRange:(start:1,end:2),timeGranularityType:DAY)",
     {"timeIntervals": {"timeRange": {"start": "1", "end": "2"}, "timeGranularityType": "DAY"}}, True),
    ("timeIntervals=(timeGranularityType:DAY,timeRange:(end:2,start:1))",
     {"timeIntervals": {"timeRange": {"start": "1", "end": "2"}, "timeGranularityType": "DAY"}}, True),
    # encoded structure characters inside a leaf are data
    ("x=List(a%2Cb,c%28d%29,e%3Af)", {"x": ["a,b", "c(d)", "e:f"]}, True),
    ("x=(k:List((a:1),(b:List(2,3))))", {"x": {"k": [{"a": "1"}, {"b": ["2", "3"]}]}}, True),
    ("x=''", {"x": ""}, False),
    ("timeIntervals.timeGranularityType=DAY&timeIntervals.timeRange.start=1&timeIntervals.timeRange.end=2",
     {"timeIntervals": {"timeGranularityType": "DAY", "timeRange": {"start": "1", "end": "2"}}}, False),
    ("shares[1]=b&shares[0]=a", {"shares": ["a", "b"]}, False),
    ("ids=a&ids=b&ids=c", {"ids": ["a", "b", "c"]}, False),
    ("text=hello%20world%F0%9F%98%80", {"text": "hello world\U0001F600"}, False),
])
def test_parse_ok(raw: str, expected: dict[str, Any], v2: bool) -> None:
    parsed = parse_query(raw)
    assert parsed.params == expected
    assert parsed.uses_v2 is v2


@pytest.mark.parametrize("raw", [
    "ids=List(urn:li:share:1)",          # unencoded ':' inside a list
    "ids=List(a,b",                      # unterminated
    "ids=List(a,,b)",                    # empty element
    "x=(a:1,a:2)",                       # duplicate key
    "x=(a1)",                            # missing ':'
    "x=(a:1)junk",                       # trailing data
    "x=(a:1))",
    "x=abc)",                            # stray parenthesis in a plain value
    "x=%zz",                             # bad percent-encoding
    "x=%FF",                             # invalid UTF-8
    "a.b=1&a=2",                         # dotted conflicts with plain
    "x=(a:1)&x=(a:2)",                   # repeated structure
])
def test_parse_malformed(raw: str) -> None:
    with pytest.raises(RestliParseError):
        parse_query(raw)


@pytest.mark.parametrize("raw, expected", [
    ("urn%3Ali%3Ashare%3A123", "urn:li:share:123"),
    ("2414183", "2414183"),
    ("(entity:urn%3Ali%3Ashare%3A1)", {"entity": "urn:li:share:1"}),
])
def test_path_key_ok(raw: str, expected: Any) -> None:
    assert parse_path_key(raw) == expected


@pytest.mark.parametrize("raw", ["urn:li:share:123", "(entity:urn:li:share:1)", "a,b"])
def test_path_key_must_be_encoded(raw: str) -> None:
    with pytest.raises(RestliParseError):
        parse_path_key(raw)
