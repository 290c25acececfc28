"""The command line: --help documents every flag, tokens and OAuth app; variation flags reach the control API."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from linkedin_emulator import auth
from linkedin_emulator.__main__ import build_parser
from linkedin_emulator.variations import Variations

README = Path(__file__).resolve().parents[2] / "linkedin_emulator" / "README.md"


def test_every_flag_has_a_help_text_with_its_default() -> None:
    actions = [a for a in build_parser()._actions if a.option_strings and a.dest != "help"]
    assert len(actions) >= 23
    for action in actions:
        assert action.help and len(action.help) > 20, action.dest
        assert "default" in action.help, action.dest


def test_help_lists_flags_tokens_and_oauth_app() -> None:
    out = subprocess.run([sys.executable, "-m", "linkedin_emulator", "--help"], capture_output=True, text=True,
                         timeout=30).stdout
    for action in build_parser()._actions:
        assert all(flag in out for flag in action.option_strings)
    tokens = auth.AuthTable([1], 0).tokens
    assert all(value in out for value in tokens)
    for value in (auth.CLIENT_ID, auth.CLIENT_SECRET, auth.REFRESH_TOKEN, auth.REVOKED_REFRESH_TOKEN):
        assert value in out


def test_readme_documents_tokens_flags_and_no_machine_path() -> None:
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"/work/|/home/|/tmp/", text)  # the repository must not point outside itself
    assert all(f"`{value}`" in text or f"| {value} |" in text for value in auth.AuthTable([1], 0).tokens)
    for action in build_parser()._actions:
        assert any(flag in text for flag in action.option_strings) or action.dest == "help", action.dest


@pytest.mark.parametrize("argv, expected", [
    ([], {}),
    (["--comment-urn", "$URN", "--comment-order", "newest", "--no-sparse", "--batch-keys", "mixed"],
     {"comment_urn": "$URN", "comment_order": "newest", "sparse": False, "batch_keys": "mixed"}),
    (["--paging-total", "none", "--paging-links", "absent", "--page-clicks", "mixed", "--no-custom-buttons",
      "--share-fields", "minimal", "--no-org-extras"],
     {"paging_total": "none", "paging_links": "absent", "page_clicks": "mixed", "custom_buttons": False,
      "share_fields": "minimal", "org_extras": False}),
])
def test_variation_flags_reach_the_emulator_and_survive_reset(tmp_path: Any, argv: list[str],
                                                              expected: dict[str, Any]) -> None:
    port_file = tmp_path / "port"
    proc = subprocess.Popen([sys.executable, "-m", "linkedin_emulator", "--port", "0", "--orgs", "1", "--posts", "3",
                             *argv, "--port-file", str(port_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and "listening" in proc.stdout.readline()
        base = f"http://127.0.0.1:{port_file.read_text()}/_emulator"
        start = {**Variations().to_json(), **expected}
        assert requests.get(f"{base}/variations", timeout=10).json() == start
        requests.post(f"{base}/variations", json={"comment_urn": "both", "sparse": True}, timeout=10).raise_for_status()
        requests.post(f"{base}/reset", timeout=30).raise_for_status()
        assert requests.get(f"{base}/variations", timeout=10).json() == start  # reset: the CLI values again
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


@pytest.mark.parametrize("argv", [["--comment-order", "random"], ["--comment-urn", "urn"], ["--sparse", "yes"]])
def test_bad_variation_flags_exit_2(argv: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "linkedin_emulator", *argv], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 2 and ("invalid choice" in proc.stderr or "unrecognized" in proc.stderr)
