"""docs/troubleshooting.md lists every message the code can emit (generated from the table), every config error
field is documented, and the code logs no user-facing text outside the message table."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from source_linkedin_pages.api.errors import KINDS, MESSAGES

ROOT = Path(__file__).resolve().parent.parent
TROUBLESHOOTING = (ROOT / "docs" / "troubleshooting.md").read_text()
SOURCES = {path: path.read_text() for path in (ROOT / "source_linkedin_pages").rglob("*.py")}


def test_the_page_is_the_generated_one() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import troubleshooting

    assert troubleshooting.render() == TROUBLESHOOTING, "run: .venv/bin/python scripts/troubleshooting.py"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_message_has_a_kind_and_is_documented(key: str) -> None:
    assert key in KINDS
    assert f"`{key}`" in TROUBLESHOOTING and MESSAGES[key].replace("|", "/") in TROUBLESHOOTING


def _config_error_fields() -> set[str]:
    fields = set()
    for text in SOURCES.values():
        for match in re.finditer(r'ConfigError\(\s*f?"([^"{]+)', text):
            fields.add(match.group(1).strip())
    return fields


@pytest.mark.parametrize("field", sorted(_config_error_fields()))
def test_each_config_error_field_is_documented(field: str) -> None:
    assert f"`{field}" in TROUBLESHOOTING


# Warnings and errors a user sees come from the message table, never from an ad-hoc string.
_LOGGED = re.compile(r"logger\.(warning|error|critical|exception|fatal)\((?!\s*message\()")


@pytest.mark.parametrize("path", sorted(SOURCES), ids=lambda p: str(p.relative_to(ROOT)))
def test_warnings_and_errors_are_logged_through_the_message_table(path: Path) -> None:
    offending = [line.strip() for line in SOURCES[path].splitlines()
                 if _LOGGED.search(line) and "from the message table" not in line]
    assert not offending, offending
