"""`source-linkedin-pages auth` end to end: the installed script, the emulator as LinkedIn, requests as the browser."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests

from integration_tests.harness import SECRETS, assert_no_secrets, run_cli

CLI = str(Path(sys.executable).parent / "source-linkedin-pages")
CLIENT_ID, CLIENT_SECRET = "emu-client-id", "emu-client-secret"
LEAK_MARKERS = (*SECRETS, "emu-code-")
DAY = 86_400


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _browser() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # a proxy from the environment must not carry localhost traffic
    return session


@dataclass
class AuthRun:
    """One `auth` subprocess; stdout and stderr are collected by threads so the URL can be read while it waits."""

    proc: subprocess.Popen[str]
    config: Path
    redirect_uri: str
    oauth_base_url: str
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        def pump(stream: Any, sink: list[str], feed: bool) -> None:
            for line in stream:
                sink.append(line)
                if feed:
                    self.lines.put(line)
        for stream, sink, feed in ((self.proc.stdout, self.out, True), (self.proc.stderr, self.err, False)):
            thread = threading.Thread(target=pump, args=(stream, sink, feed), daemon=True)
            thread.start()
            self.threads.append(thread)

    def url(self, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"auth exited early: {''.join(self.out + self.err)}"
                continue
            if "/authorization?" in line:
                return line.strip()
        raise AssertionError(f"no authorization URL printed: {''.join(self.out)}")

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        code = self.proc.wait(timeout=timeout)
        for thread in self.threads:
            thread.join(5)
        return code, "".join(self.out) + "".join(self.err)


def _start(url: str, tmp_path: Path, *extra: str, port: int | None = None, secret: str = CLIENT_SECRET,
           browser: bool = False, env: dict[str, str] | None = None) -> AuthRun:
    port = port or _free_port()
    redirect = f"http://localhost:{port}/callback"
    config = tmp_path / "config.json"
    args = [CLI, "auth", "--client-id", CLIENT_ID, "--client-secret", secret, "--redirect-uri", redirect,
            "--config-out", str(config), "--oauth-base-url", f"{url}/oauth/v2", "--timeout", "30", *extra]
    if not browser:
        args.append("--no-browser")
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")}
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**clean, **(env or {})})
    return AuthRun(proc, config, redirect, f"{url}/oauth/v2")


def _register(emulator: Any, run: AuthRun) -> None:
    emulator.set_oauth(redirect_uris=[run.redirect_uri])


def _no_leaks(text: str, *values: str | None) -> None:
    for marker in (*LEAK_MARKERS, *(v for v in values if v)):
        assert marker not in text, f"{marker!r} leaked"
    assert "Traceback" not in text


def _code_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["code"][0]


def _with_api(config_path: Path, url: str) -> Path:
    config = json.loads(config_path.read_text())
    config["api_base_url"] = f"{url}/rest"
    path = config_path.with_name("with-api.json")
    path.write_text(json.dumps(config))
    return path


def _check_and_read(config: Path, url: str, tmp_path: Path) -> None:
    """The written config works: check passes and organization_lookup reads every administered page."""
    config = _with_api(config, url)
    checked = run_cli(["check", "--config", str(config)])
    assert '"status":"SUCCEEDED"' in checked.stdout.replace(" ", ""), checked.stdout[-2000:]
    discovered = run_cli(["discover", "--config", str(config)])
    catalog = next(json.loads(line)["catalog"] for line in discovered.stdout.splitlines()
                   if line.startswith("{") and json.loads(line).get("type") == "CATALOG")
    stream = next(s for s in catalog["streams"] if s["name"] == "organization_lookup")
    configured = {"streams": [{"stream": stream, "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}]}
    catalog_path = tmp_path / "catalog.json"
    catalog_path.write_text(json.dumps(configured))
    read = run_cli(["read", "--config", str(config), "--catalog", str(catalog_path)])
    assert read.returncode == 0, read.stdout[-2000:] + read.stderr[-2000:]
    records = [json.loads(line)["record"] for line in read.stdout.splitlines()
               if line.startswith('{"type":"RECORD"') or line.startswith('{"type": "RECORD"')]
    assert sorted(r["data"]["id"] for r in records if r["stream"] == "organization_lookup") == [2414183, 2415183]
    for output in (checked, discovered, read):
        assert_no_secrets(output.stdout + output.stderr)


# success -----------------------------------------------------------------------------------------
def test_success_writes_a_working_oauth_config(url, emulator, tmp_path):
    run = _start(url, tmp_path)
    _register(emulator, run)
    page = _browser().get(run.url(), timeout=60)
    code, output = run.finish()
    assert code == 0, output
    assert page.status_code == 200 and "Done — return to the terminal" in page.text
    assert page.history and page.history[0].status_code == 302
    written = json.loads(run.config.read_text())
    credentials = written["credentials"]
    assert set(credentials) == {"auth_method", "client_id", "client_secret", "refresh_token"}
    assert credentials["auth_method"] == "oAuth2.0" and credentials["client_secret"] == CLIENT_SECRET
    assert written["oauth_base_url"] == f"{url}/oauth/v2"  # not LinkedIn's: carried in the config
    assert stat.S_IMODE(run.config.stat().st_mode) == 0o600
    assert re.search(r"access token expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 60 days\)", output)
    assert re.search(r"refresh token expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 365 days\)", output)
    _no_leaks(output + page.text, CLIENT_SECRET, _code_of(page.history[0].headers["Location"]),
              credentials["refresh_token"])
    log = emulator.requests()
    assert [e["resource"] for e in log] == ["oauth.authorization", "oauth.accessToken"]
    assert log[0]["params"]["scope"] == "r_organization_social r_organization_followers r_social_engagement"
    _check_and_read(run.config, url, tmp_path)


def test_refresh_token_near_its_end_is_reported(url, emulator, tmp_path):
    emulator.set_oauth(refresh_token_expires_in=10 * DAY)
    run = _start(url, tmp_path)
    _register(emulator, run)
    _browser().get(run.url(), timeout=60)
    code, output = run.finish()
    assert code == 0, output
    assert "(in 10 days)" in output and "Warning: The refresh token expires on" in output
    _no_leaks(output, CLIENT_SECRET)


def test_app_without_refresh_tokens_gets_an_access_token_config(url, emulator, tmp_path):
    emulator.set_oauth(refresh_tokens=False)
    run = _start(url, tmp_path, browser=True)  # no display in the environment: the URL is only printed
    _register(emulator, run)
    _browser().get(run.url(), timeout=60)
    code, output = run.finish()
    assert code == 0, output
    assert "No browser could be opened here" in output
    credentials = json.loads(run.config.read_text())["credentials"]
    assert set(credentials) == {"auth_method", "access_token"} and credentials["auth_method"] == "access_token"
    assert "no programmatic refresh tokens" in output and "lasts 60 days" in output
    assert re.search(r"It expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 60 days\)", output)
    assert stat.S_IMODE(run.config.stat().st_mode) == 0o600
    _no_leaks(output, CLIENT_SECRET, credentials["access_token"])
    _check_and_read(run.config, url, tmp_path)


def test_force_replaces_an_existing_config(url, emulator, tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "config.json").chmod(0o644)
    refused = _start(url, tmp_path)
    code, output = refused.finish()
    assert code == 2 and "already exists" in output and "--force" in output
    assert (tmp_path / "config.json").read_text() == "{}"
    run = _start(url, tmp_path, "--force")
    _register(emulator, run)
    _browser().get(run.url(), timeout=60)
    code, output = run.finish()
    assert code == 0, output
    assert json.loads(run.config.read_text())["credentials"]["auth_method"] == "oAuth2.0"
    assert stat.S_IMODE(run.config.stat().st_mode) == 0o600


def test_scopes_the_app_lists(url, emulator, tmp_path):
    emulator.set_oauth(scopes=["rw_organization_admin", "r_organization_social"])
    run = _start(url, tmp_path, "--scopes", "rw_organization_admin")
    _register(emulator, run)
    _browser().get(run.url(), timeout=60)
    code, output = run.finish()
    assert code == 0, output
    assert emulator.requests("oauth.authorization")[0]["params"]["scope"] == "rw_organization_admin"
    checked = run_cli(["check", "--config", str(_with_api(run.config, url))])
    assert '"status":"SUCCEEDED"' in checked.stdout.replace(" ", ""), checked.stdout[-2000:]


# failures ----------------------------------------------------------------------------------------
def _cancelled(emulator, run):
    emulator.set_oauth(consent="cancel")
    _register(emulator, run)
    return _browser().get(run.url(), timeout=60)


def _unregistered(emulator, run):
    return _browser().get(run.url(), timeout=60)  # LinkedIn's error page: the browser never comes back


def _state_mismatch(emulator, run):
    _register(emulator, run)
    browser = _browser()
    redirect = browser.get(run.url(), allow_redirects=False, timeout=30).headers["Location"]
    parts = urlsplit(redirect)
    query = {**{k: v[0] for k, v in parse_qs(parts.query).items()}, "state": "forged"}
    return browser.get(urlunsplit(parts._replace(query=urlencode(query))), timeout=60)


def _code_reused(emulator, run):
    _register(emulator, run)
    browser = _browser()
    redirect = browser.get(run.url(), allow_redirects=False, timeout=30).headers["Location"]
    used = browser.post(f"{run.oauth_base_url}/accessToken", data={
        "grant_type": "authorization_code", "code": _code_of(redirect), "redirect_uri": run.redirect_uri,
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}, timeout=30)
    assert used.status_code == 200  # someone else redeemed the code first
    return browser.get(redirect, timeout=60)


def _scope_refused(emulator, run):
    emulator.set_oauth(scopes=["rw_organization_admin", "r_organization_social"])  # Community Management alone
    _register(emulator, run)
    return _browser().get(run.url(), timeout=60)


def _bad_secret(emulator, run):
    _register(emulator, run)
    return _browser().get(run.url(), timeout=60)


@pytest.mark.parametrize("case, play, extra, exit_code, messages", [
    ("consent cancelled", _cancelled, {}, 4, ["consent was cancelled", "choose Allow"]),
    ("unregistered redirect", _unregistered, {"timeout": "3"}, 5,
     ["No answer from LinkedIn within 3 seconds", "redirect_uri does not match the registered value",
      "add http://localhost:{port}/callback", "Auth tab"]),
    ("state mismatch", _state_mismatch, {}, 6, ["did not carry the state"]),
    ("code reused", _code_reused, {}, 7, ["already used or has expired", "30 minutes"]),
    ("scope refused", _scope_refused, {}, 4, ["refused a scope the app was not granted", "--scopes"]),
    ("bad client secret", _bad_secret, {"secret": "wrong-secret-value"}, 7,
     ["rejected the client id or client secret", "Auth tab"]),
])
def test_failure(url, emulator, tmp_path, case, play, extra, exit_code, messages):
    port = _free_port()
    args = ["--timeout", extra["timeout"]] if "timeout" in extra else []
    run = _start(url, tmp_path, *args, port=port, secret=extra.get("secret", CLIENT_SECRET))
    page = play(emulator, run)
    code, output = run.finish()
    assert code == exit_code, output
    for message in messages:
        assert message.format(port=port) in output
    assert not run.config.exists()
    if case == "unregistered redirect":
        assert page.status_code == 400 and not page.history
    else:
        assert page.status_code == 200 and messages[0] in page.text  # the browser tab says what went wrong too
    _no_leaks(output + page.text, CLIENT_SECRET, extra.get("secret"))


def test_port_in_use(url, emulator, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, output = _start(url, tmp_path, port=port).finish()
    assert code == 3, output
    assert f"Port {port} on localhost is in use" in output and "--redirect-uri" in output
    _no_leaks(output, CLIENT_SECRET)


def test_ctrl_c_exits_cleanly(url, emulator, tmp_path):
    run = _start(url, tmp_path)
    run.url()
    run.proc.send_signal(signal.SIGINT)
    code, output = run.finish()
    assert code == 130 and "Interrupted: nothing was written." in output
    assert not run.config.exists()
    _no_leaks(output, CLIENT_SECRET)
