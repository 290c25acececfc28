"""Rest.li 2.0 encoder: lists, records, URN leaves, reserved characters inside values."""

from __future__ import annotations

import pytest

from source_linkedin_pages.api.restli import encode_key, encode_query, encode_value, uses_restli2_syntax


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("urn:li:organization:2414183", "urn%3Ali%3Aorganization%3A2414183"),
        (["urn:li:share:1", "urn:li:share:2"], "List(urn%3Ali%3Ashare%3A1,urn%3Ali%3Ashare%3A2)"),
        ([], "List()"),
        ({"start": 1690848000000, "end": 1693526400000}, "(end:1693526400000,start:1690848000000)"),
        (
            {"timeRange": {"start": 1, "end": 2}, "timeGranularityType": "DAY"},
            "(timeGranularityType:DAY,timeRange:(end:2,start:1))",
        ),
        # reserved characters inside a leaf are data, so they are escaped
        ("urn:li:comment:(urn:li:activity:1,2)", "urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A1%2C2%29"),
        ("a b&c=d", "a%20b%26c%3Dd"),
        (True, "true"),
        (42, "42"),
        ({"entity": "urn:li:share:123"}, "(entity:urn%3Ali%3Ashare%3A123)"),
        ([{"a": "x:y"}, ["p,q"]], "List((a:x%3Ay),List(p%2Cq))"),
    ],
)
def test_encode_value(value: object, expected: str) -> None:
    assert encode_value(value) == expected


def test_encode_query_keeps_order_and_skips_none() -> None:
    query = encode_query(
        {
            "q": "organizationalEntity",
            "organizationalEntity": "urn:li:organization:1",
            "skip": None,
            "timeIntervals": {"timeRange": {"start": 0, "end": 86400000}, "timeGranularityType": "DAY"},
        }
    )
    assert query == (
        "q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A1"
        "&timeIntervals=(timeGranularityType:DAY,timeRange:(end:86400000,start:0))"
    )


def test_path_key_is_fully_encoded() -> None:
    assert encode_key("urn:li:share:123") == "urn%3Ali%3Ashare%3A123"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("q=x&ids=List(a)", True), ("q=x&t=(a:b)", True), ("q=x&v=urn%3Ali%3Ax%3A%281%29", False)],
)
def test_restli2_syntax_detection(query: str, expected: bool) -> None:
    assert uses_restli2_syntax(query) is expected


def test_encoded_query_survives_requests_preparation() -> None:
    """`requests` must not re-encode a finished Rest.li query."""
    import requests

    query = encode_query({"ids": ["urn:li:share:1", "urn:li:ugcPost:2"], "r": {"k": "a,b"}})
    prepared = requests.Request("GET", f"https://api.linkedin.com/rest/x?{query}").prepare()
    assert prepared.url.endswith(query)
