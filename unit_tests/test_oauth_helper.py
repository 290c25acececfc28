"""The auth command's parts: redirect URIs, the authorization URL, redirects, exchange errors, the config file."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl
from source_linkedin_pages.oauth_helper import cli
from source_linkedin_pages.oauth_helper.callback import (
    Callback,
    CallbackReceiver,
    ListenError,
    RedirectUriError,
    parse_redirect_uri,
)
from source_linkedin_pages.oauth_helper.exchange import ExchangeError, authorization_url, exchange_code


@pytest.mark.parametrize("uri, host, port, path", [
    ("http://localhost:8000/callback", "localhost", 8000, "/callback"),
    ("http://127.0.0.1:5000/cb/x", "127.0.0.1", 5000, "/cb/x"),
    ("http://127.9.9.9:5000", "127.9.9.9", 5000, "/"),
    ("http://[::1]:5000/callback", "::1", 5000, "/callback"),
    ("http://localhost/callback", "localhost", 80, "/callback"),
    ("http://LOCALHOST:8000/callback?app=1", "localhost", 8000, "/callback"),
])
def test_redirect_uri_accepted(uri: str, host: str, port: int, path: str) -> None:
    target = parse_redirect_uri(uri)
    assert (target.uri, target.host, target.port, target.path) == (uri, host, port, path)


@pytest.mark.parametrize("uri, text", [
    ("https://localhost:8000/callback", "must start with http://"),
    ("localhost:8000/callback", "must start with http://"),
    ("http://example.com:8000/callback", "must point at this machine"),
    ("http://10.0.0.5:8000/callback", "must point at this machine"),
    ("http://0.0.0.0:8000/callback", "must point at this machine"),
    ("http://user:pw@localhost:8000/callback", "user credentials"),
    ("http://localhost:8000/callback#x", "#fragment"),
    ("http://localhost:99999/callback", "invalid port"),
])
def test_redirect_uri_refused(uri: str, text: str) -> None:
    with pytest.raises(RedirectUriError, match=text):
        parse_redirect_uri(uri)


def test_authorization_url() -> None:
    url = authorization_url("https://www.linkedin.com/oauth/v2", "my-id", "http://localhost:8000/callback", "s t")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.linkedin.com/oauth/v2/authorization"
    assert "scope=r_organization_social%20r_organization_followers%20r_social_engagement" in parts.query
    assert parse_qs(parts.query) == {
        "response_type": ["code"], "client_id": ["my-id"], "redirect_uri": ["http://localhost:8000/callback"],
        "state": ["s t"], "scope": ["r_organization_social r_organization_followers r_social_engagement"]}
    custom = authorization_url("https://x.test/oauth/v2", "id", "http://localhost:1/cb", "s",
                               ("rw_organization_admin",))
    assert parse_qs(urlsplit(custom).query)["scope"] == ["rw_organization_admin"]


@pytest.mark.parametrize("text, scopes", [
    ("r_organization_social,r_organization_followers", ("r_organization_social", "r_organization_followers")),
    ("rw_organization_admin r_organization_social", ("rw_organization_admin", "r_organization_social")),
    ("a, a ,b", ("a", "b")),
])
def test_scopes_argument(text: str, scopes: tuple[str, ...]) -> None:
    assert cli._scopes(text) == scopes


@pytest.mark.parametrize("params, code, text", [
    ({"code": "c0de", "state": "good"}, None, None),
    ({"code": "c0de", "state": "evil"}, cli.STATE_MISMATCH, "did not carry the state"),
    ({"code": "c0de"}, cli.STATE_MISMATCH, "did not carry the state"),
    ({"state": "good"}, cli.NOT_ALLOWED, "without an authorization code"),
    ({"error": "user_cancelled_authorize", "state": "good"}, cli.NOT_ALLOWED, "consent was cancelled"),
    ({"error": "user_cancelled_login", "state": "good"}, cli.NOT_ALLOWED, "sign-in to LinkedIn was cancelled"),
    ({"error": "user_cancelled_authorize"}, cli.NOT_ALLOWED, "consent was cancelled"),
    ({"error": "user_cancelled_authorize", "state": "evil"}, cli.STATE_MISMATCH, "did not carry the state"),
    ({"error": "unauthorized_scope_error", "error_description": 'Scope "x" is not authorized', "state": "good"},
     cli.NOT_ALLOWED, "Community Management API"),
    ({"error": "server_error", "error_description": "{oops}", "state": "good"}, cli.NOT_ALLOWED,
     "did not grant access ({oops})"),
])
def test_redirect_problems(params: dict[str, str], code: int | None, text: str | None) -> None:
    problem = cli._answer_problem(Callback(params), "good")
    if code is None:
        assert problem is None
        return
    assert problem is not None and problem.code == code and text in problem.message


def test_console_hides_every_secret() -> None:
    out, err = io.StringIO(), io.StringIO()
    console = cli.Console(out, err)
    console.hide("s3cret-value", None, "", "abc")
    console.say("a s3cret-value b")
    console.warn("s3cret-value! abc")
    assert out.getvalue() == "a [hidden] b\n" and err.getvalue() == "[hidden]! abc\n"  # 3 chars: too short to mask


@pytest.mark.parametrize("env, platform, expected", [
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"BROWSER": "firefox"}, "linux", True),
    ({}, "darwin", True),
    ({}, "win32", True),
])
def test_browser_only_where_a_display_is(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], platform: str,
                                         expected: bool) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(cli.sys, "platform", platform)
    assert cli._browser_possible() is expected


# the config file ---------------------------------------------------------------------------------
def test_config_is_written_0600_even_with_a_lax_umask(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    old = os.umask(0)
    try:
        cli.write_config(path, {"credentials": {"auth_method": "x"}}, force=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"credentials": {"auth_method": "x"}}


def test_config_never_overwritten_without_force(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text("keep")
    with pytest.raises(FileExistsError):
        cli.write_config(path, {"a": 1}, force=False)
    assert path.read_text() == "keep"
    path.chmod(0o644)
    cli.write_config(path, {"a": 1}, force=True)
    assert json.loads(path.read_text()) == {"a": 1} and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["config.json"]  # no temporary file left


# arguments refused before anything listens -------------------------------------------------------
@pytest.mark.parametrize("args, text", [
    (["--client-secret", "s"], "client id is missing"),
    (["--client-id", "id", "--client-secret", "  "], "client secret is missing"),
    (["--client-id", "id", "--client-secret", "s", "--redirect-uri", "https://localhost:8000/cb"],
     "must start with http://"),
    (["--client-id", "id", "--client-secret", "s", "--redirect-uri", "http://192.168.1.2:8000/cb"],
     "must point at this machine"),
    (["--client-id", "id", "--client-secret", "s", "--oauth-base-url", "http://linkedin.example/oauth/v2"],
     "--oauth-base-url must use https"),
    (["--client-id", "id", "--client-secret", "s", "--oauth-base-url", "ftp://x"], "--oauth-base-url must be an"),
    (["--client-id", "id", "--client-secret", "s", "--timeout", "0"], "--timeout must be a positive"),
    (["--client-id", "id", "--client-secret", "s", "--scopes", " , "], "--scopes must list scope names"),
    (["--client-id", "id", "--client-secret", "s", "--scopes", "r_organization_social;drop"],
     "--scopes must list scope names"),
    (["--client-id", "id", "--client-secret", "s", "--config-out", "{tmp}/existing.json"], "already exists"),
    (["--client-id", "id", "--client-secret", "s", "--config-out", "{tmp}/nodir/config.json"], "does not exist"),
    (["--client-id", "id", "--client-secret", "s", "--config-out", "{tmp}"], "is a directory"),
])
def test_usage_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], text: str) -> None:
    monkeypatch.delenv("LINKEDIN_CLIENT_SECRET", raising=False)
    monkeypatch.setattr(cli.sys, "stdin", io.StringIO())  # not a terminal: no prompt
    (tmp_path / "existing.json").write_text("{}")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([a.replace("{tmp}", str(tmp_path)) for a in args], out, err) == cli.USAGE
    assert text in err.getvalue() and out.getvalue() == ""  # refused before any URL is printed
    assert (tmp_path / "existing.json").read_text() == "{}"


def test_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINKEDIN_CLIENT_SECRET", "from-env")
    assert cli._client_secret(None) == "from-env"
    assert cli._client_secret("given") == "given"


def test_port_in_use_is_named() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        receiver = CallbackReceiver(parse_redirect_uri(f"http://127.0.0.1:{port}/callback"))
        with pytest.raises(ListenError) as caught:
            receiver.start()
    assert f"Port {port} on 127.0.0.1 is in use" in (caught.value.strerror or "")


def test_receiver_serves_only_its_path_and_only_once() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    receiver = CallbackReceiver(parse_redirect_uri(f"http://localhost:{port}/cb"))
    receiver.start()
    try:
        base = f"http://127.0.0.1:{port}"
        assert requests.get(f"{base}/favicon.ico", timeout=5).status_code == 404
        pages: list[requests.Response] = []
        browser = threading.Thread(target=lambda: pages.append(requests.get(f"{base}/cb?code=x&state=y", timeout=10)))
        browser.start()
        callback = receiver.wait(5)
        assert callback is not None and callback.params == {"code": "x", "state": "y"}
        assert requests.get(f"{base}/cb?code=again", timeout=5).status_code == 409
        callback.reply("Done", "all <good>")
        browser.join(10)
        assert pages[0].status_code == 200 and "all &lt;good&gt;" in pages[0].text
        assert pages[0].headers["Referrer-Policy"] == "no-referrer"
    finally:
        receiver.close()
    assert receiver.wait(0.1) is None


# the exchange, against the emulated LinkedIn ------------------------------------------------------
@pytest.fixture(scope="module")
def emulator() -> Iterator[tuple[str, EmulatorControl]]:
    with EmulatorServer(EmulatorConfig(port=0, orgs=1, posts=2, comments=0, reactions=0)) as emu:
        yield emu.url, EmulatorControl(emu.url)


def _code(url: str) -> str:
    r = requests.get(authorization_url(f"{url}/oauth/v2", "emu-client-id", "http://localhost:8000/callback", "s"),
                     allow_redirects=False, timeout=10)
    return parse_qs(urlsplit(r.headers["Location"]).query)["code"][0]


@pytest.mark.parametrize("case, kind, text", [
    ("ok", None, None),
    ("reused", "rejected", "already used or has expired"),
    ("bad secret", "rejected", "rejected the client id or client secret"),
    ("other redirect", "rejected", "redirect URI differs"),
    ("no refresh tokens", None, None),
    ("5xx", "unreachable", "HTTP 503"),
    ("down", "unreachable", "Could not reach LinkedIn"),
])
def test_exchange(emulator: tuple[str, EmulatorControl], case: str, kind: str | None, text: str | None) -> None:
    url, control = emulator
    control.reset()
    base, secret, redirect = f"{url}/oauth/v2", "emu-client-secret", "http://localhost:8000/callback"
    code = _code(url)
    if case == "reused":
        exchange_code(base, "emu-client-id", secret, code, redirect)
    if case == "bad secret":
        secret = "nope"
    if case == "other redirect":
        redirect += "2"
    if case == "down":
        base = "http://127.0.0.1:9/oauth/v2"  # the discard port: nothing listens there
    if case == "no refresh tokens":
        control.set_oauth(refresh_tokens=False)
        code = _code(url)
    if case == "5xx":
        control.add_faults({"kind": "5xx", "count": 1, "resource": "oauth.accessToken", "status": 503})
    try:
        tokens = exchange_code(base, "emu-client-id", secret, code, redirect)
    except ExchangeError as error:
        assert (error.kind, text in error.message) == (kind, True)
        assert code not in error.message and secret not in error.message
        return
    assert kind is None
    assert tokens.access_token.startswith("emu-access-") and tokens.expires_in == 5_184_000
    if case == "no refresh tokens":
        assert tokens.refresh_token is None and tokens.refresh_token_expires_in is None
    else:
        assert tokens.refresh_token and tokens.refresh_token_expires_in == 31_536_000
