"""Shared fixtures: one emulator on port 0 per test module, reset before each test."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl

VERSION = "202610"
ORG1 = 2414183
ORG2 = 2415183
ORG1_URN = "urn%3Ali%3Aorganization%3A2414183"


class Api:
    """Raw-URL client: the query is sent exactly as written (Rest.li structure stays literal)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def headers(self, token: str | None = "emu-token-full", version: str | None = VERSION,
                v2: bool = True, **extra: str) -> dict[str, str]:
        h: dict[str, str] = {}
        if token is not None:
            h["Authorization"] = f"Bearer {token}"
        if version is not None:
            h["LinkedIn-Version"] = version
        if v2:
            h["X-Restli-Protocol-Version"] = "2.0.0"
        h.update(extra)
        return h

    def get(self, path: str, query: str = "", **kw: Any) -> requests.Response:
        url = f"{self.base}/rest/{path}" + (f"?{query}" if query else "")
        return self.session.get(url, headers=self.headers(**kw), timeout=10)

    def ok(self, path: str, query: str = "", **kw: Any) -> Any:
        r = self.get(path, query, **kw)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(port=0, seed=1, orgs=3, posts=40, comments=5, reactions=8)) as emu:
        yield emu


@pytest.fixture()
def control(emulator: EmulatorServer) -> EmulatorControl:
    ctl = EmulatorControl(emulator.url)
    ctl.reset()
    return ctl


@pytest.fixture()
def api(emulator: EmulatorServer, control: EmulatorControl) -> Api:
    return Api(emulator.url)
