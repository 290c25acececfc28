"""Every message the code can emit is in docs/troubleshooting.md, and every config error field too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from source_linkedin_pages.api.errors import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
TROUBLESHOOTING = (ROOT / "docs" / "troubleshooting.md").read_text()


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_message_is_documented(key: str) -> None:
    assert f"`{key}`" in TROUBLESHOOTING
    # the message text itself, as the code has it (placeholders included)
    assert MESSAGES[key].replace("|", "/") in TROUBLESHOOTING


def _config_error_fields() -> set[str]:
    fields = set()
    for path in (ROOT / "source_linkedin_pages").rglob("*.py"):
        for match in re.finditer(r'ConfigError\(\s*f?"([^"{]+)', path.read_text()):
            fields.add(match.group(1).strip())
    return fields


@pytest.mark.parametrize("field", sorted(_config_error_fields()))
def test_each_config_error_field_is_documented(field: str) -> None:
    assert f"`{field}" in TROUBLESHOOTING
