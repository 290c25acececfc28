"""The setup guide keeps the steps that messages point at, and documents every option and exit code of `auth`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from source_linkedin_pages.api.errors import MESSAGES
from source_linkedin_pages.oauth_helper import cli

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "setup-guide.md").read_text()
SOURCES = {
    "errors.py": " ".join(MESSAGES.values()),
    "spec.json": (ROOT / "source_linkedin_pages" / "spec.json").read_text(),
    "auth": " ".join([cli.EPILOG, *cli.ERRORS.values()]),
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_step_referred_to_exists(source: str) -> None:
    steps = set(re.findall(r"Step (\d+)", SOURCES[source]))
    assert steps, source
    for step in steps:
        assert re.search(rf"^## Step {step} — ", GUIDE, re.MULTILINE), f"{source} refers to Step {step}"


def test_steps_are_numbered_in_order() -> None:
    assert [int(n) for n in re.findall(r"^## Step (\d+) — ", GUIDE, re.MULTILINE)] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("option", sorted(
    o for action in cli._parser()._actions for o in action.option_strings if o.startswith("--") and o != "--help"))
def test_every_auth_option_is_documented(option: str) -> None:
    assert re.search(rf"{option}(?![\w-])", GUIDE)


@pytest.mark.parametrize("code", [cli.OK, cli.USAGE, cli.LISTEN, cli.NOT_ALLOWED, cli.TIMEOUT, cli.STATE_MISMATCH,
                                  cli.REJECTED, cli.UNREACHABLE, cli.WRITE_FAILED, cli.INTERRUPTED])
def test_every_exit_code_is_documented(code: int) -> None:
    assert f"`{code}`" in GUIDE.split("Exit codes, for scripts:")[1].split("\n\n")[0]
