"""Fixtures: one emulator per session (port 0), reset before each test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl

# Fast retries in tests; users never set this.
os.environ.setdefault("SOURCE_LINKEDIN_PAGES_BACKOFF_BASE", "0.05")


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[EmulatorServer]:
    server = EmulatorServer(EmulatorConfig(port=0, seed=7, orgs=2, posts=30, days=400, comments=4, reactions=6))
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def emulator(emulator_server: EmulatorServer) -> EmulatorControl:
    control = EmulatorControl(emulator_server.url)
    control.reset()
    return control


@pytest.fixture()
def url(emulator_server: EmulatorServer, emulator: EmulatorControl) -> str:
    return emulator_server.url
