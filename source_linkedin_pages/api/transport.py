"""The HTTP transport of LinkedIn calls: urllib3's connection pool, without requests' session layer."""

# Why not `requests.Session.get`: per call, the session merges settings, runs hooks, builds a cookie jar and
# walks the redirect machinery — about 0.6 ms of CPU on a kept-alive local connection, more than the rest of
# the call (bench/results.md, `cpu`) — and the connector uses none of it (no cookies, no redirects, the
# environment read once). urllib3 is what requests itself sends through; the answer comes back as a
# `requests.Response` and failures as requests' exceptions, so the retry loop, the backoff strategy
# (the CDK's interface) and the error table see what they saw before. When the environment names a proxy for
# LinkedIn's host, requests' own session sends instead: proxy authentication and SOCKS stay its job.

from __future__ import annotations

import os
from collections.abc import Mapping

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3 import exceptions as u3

from . import constants

# What requests sends by default and LinkedIn is used to (compressed answers).
_DEFAULT_HEADERS = {"User-Agent": requests.utils.default_user_agent(), "Accept-Encoding": "gzip, deflate"}


class Transport:
    """Thread-safe; one per client. `send` returns a `requests.Response` or raises a `requests.RequestException`."""

    def __init__(self, base_url: str, pool_size: int = 16) -> None:
        # Read once (requests would scan the environment and look for a netrc file on every call).
        proxies = requests.utils.get_environ_proxies(base_url)
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        self._timeout = urllib3.Timeout(connect=constants.HTTP_TIMEOUT[0], read=constants.HTTP_TIMEOUT[1])
        self._session: requests.Session | None = None
        self._pool: urllib3.PoolManager | None = None
        if requests.utils.select_proxy(base_url, proxies):
            session = requests.Session()
            session.trust_env = False
            session.proxies = proxies
            if bundle:
                session.verify = bundle
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
            self._session = session
        else:
            self._pool = urllib3.PoolManager(
                num_pools=4, maxsize=pool_size, cert_reqs="CERT_REQUIRED",
                ca_certs=bundle or requests.utils.DEFAULT_CA_BUNDLE_PATH,
            )

    @property
    def proxied(self) -> bool:
        return self._session is not None

    def send(self, method: str, url: str, headers: Mapping[str, str], body: str | None = None) -> requests.Response:
        if self._session is not None:
            return self._session.request(method, url, data=body, headers=dict(headers), timeout=constants.HTTP_TIMEOUT,
                                         allow_redirects=False)
        assert self._pool is not None
        try:
            answer = self._pool.urlopen(
                method, url, body=body.encode() if body is not None else None, headers={**_DEFAULT_HEADERS, **headers},
                timeout=self._timeout, retries=False, redirect=False,
            )
        except u3.HTTPError as error:
            raise _as_requests_error(error) from error
        response = requests.Response()
        response.status_code = answer.status
        response.headers = CaseInsensitiveDict(answer.headers)
        response._content = answer.data
        response.reason = answer.reason or ""
        response.url = url
        return response


def _as_requests_error(error: u3.HTTPError) -> requests.RequestException:
    """urllib3's failure as the requests exception its adapter would raise (the error table reads those)."""
    if isinstance(error, u3.SSLError):
        return requests.exceptions.SSLError(error)
    if isinstance(error, u3.ProxyError):
        return requests.exceptions.ProxyError(error)
    if isinstance(error, u3.ConnectTimeoutError) and not isinstance(error, u3.NewConnectionError):
        return requests.exceptions.ConnectTimeout(error)
    if isinstance(error, u3.ReadTimeoutError):
        return requests.exceptions.ReadTimeout(error)
    if isinstance(error, (u3.DecodeError, u3.IncompleteRead)):
        return requests.exceptions.ChunkedEncodingError(error)
    return requests.exceptions.ConnectionError(error)
