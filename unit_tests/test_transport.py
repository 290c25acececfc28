"""The transport: urllib3's failures reach the error table as requests' exceptions; a proxy keeps requests' session."""

from __future__ import annotations

import socket

import pytest
import requests
from urllib3 import exceptions as u3

from source_linkedin_pages.api.errors import classify_network
from source_linkedin_pages.api.transport import Transport, _as_requests_error

BASE = "https://api.linkedin.com/rest"


def refused() -> u3.NewConnectionError:
    error = u3.NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    error.__context__ = ConnectionRefusedError(111, "Connection refused")
    return error


def unresolved() -> u3.NameResolutionError:
    error = u3.NameResolutionError("nowhere.invalid", None, socket.gaierror(-2, "Name or service not known"))
    error.__context__ = socket.gaierror(-2, "Name or service not known")
    return error


@pytest.mark.parametrize(("error", "expected", "what"), [
    (refused(), requests.exceptions.ConnectionError, "the connection was refused"),
    (unresolved(), requests.exceptions.ConnectionError, "does not resolve"),
    (u3.ConnectTimeoutError(None, "timed out"), requests.exceptions.ConnectTimeout, "connecting timed out"),
    (u3.ReadTimeoutError(None, "/rest/posts", "read timed out"), requests.exceptions.ReadTimeout, "read timeout"),
    (u3.SSLError("WRONG_VERSION_NUMBER"), requests.exceptions.SSLError, "TLS handshake failed"),
    (u3.ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")), requests.exceptions.ConnectionError,
     "the connection broke"),
    (u3.IncompleteRead(10, 90), requests.exceptions.ChunkedEncodingError, "the connection broke"),
], ids=["refused", "dns", "connect timeout", "read timeout", "tls", "dropped", "cut answer"])
def test_urllib3_failures_become_the_requests_errors_the_table_reads(
    error: u3.HTTPError, expected: type[requests.RequestException], what: str
) -> None:
    translated = _as_requests_error(error)
    assert type(translated) is expected
    try:
        raise translated from error
    except requests.RequestException as raised:
        assert what in classify_network(raised).what


@pytest.mark.parametrize(("env", "proxied"), [
    ({}, False),
    ({"HTTPS_PROXY": "http://proxy.example:3128"}, True),
    ({"HTTPS_PROXY": "http://proxy.example:3128", "NO_PROXY": "api.linkedin.com"}, False),
    ({"HTTP_PROXY": "http://proxy.example:3128"}, False),  # an http proxy does not apply to an https host
], ids=["none", "https proxy", "no_proxy", "http proxy only"])
def test_a_proxy_for_linkedins_host_keeps_requests_session(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], proxied: bool
) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "all_proxy",
                 "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Transport(BASE).proxied is proxied
