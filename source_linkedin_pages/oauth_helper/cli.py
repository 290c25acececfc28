"""`source-linkedin-pages auth`: arguments, the steps of the flow, the messages and exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import secrets
import sys
import tempfile
import webbrowser
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from ..api.constants import DEFAULT_OAUTH_BASE_URL
from ..config import parse_base_url
from ..token_health import assess, describe
from .callback import Callback, CallbackReceiver, ListenError, RedirectTarget, RedirectUriError, parse_redirect_uri
from .exchange import GUIDE, SCOPES, ExchangeError, Tokens, authorization_url, exchange_code

DEFAULT_REDIRECT_URI = "http://localhost:8000/callback"
DEFAULT_TIMEOUT_S = 300

# Exit codes (documented in docs/setup-guide.md and in --help).
OK = 0
USAGE = 2  # bad arguments, redirect URI or base URL; the config file exists
LISTEN = 3  # the redirect URI's port cannot be opened
NOT_ALLOWED = 4  # consent cancelled, or LinkedIn sent back an error instead of a code
TIMEOUT = 5  # no redirect within --timeout (LinkedIn showed an error page, or the browser is elsewhere)
STATE_MISMATCH = 6  # the redirect did not carry this run's state
REJECTED = 7  # LinkedIn refused the code exchange
UNREACHABLE = 8  # no usable answer from LinkedIn
WRITE_FAILED = 9  # the config file could not be written
INTERRUPTED = 130  # Ctrl-C

DESCRIPTION = """\
Get a LinkedIn refresh token through the OAuth authorization-code flow and write a
ready config.json (credentials with auth_method oAuth2.0, file mode 0600). Nothing
secret is printed."""

EPILOG = f"""\
The client secret may also come from LINKEDIN_CLIENT_SECRET or, when omitted, is
asked for without echo (a secret on the command line is visible to other local
users); the client id may come from LINKEDIN_CLIENT_ID. First register the redirect
URI, exactly, under "Authorized redirect URLs for your app" on the app's Auth tab.

exit codes:
  {OK}    config written
  {USAGE}    bad arguments, or the config file exists (see --force)
  {LISTEN}    the redirect URI's port cannot be opened
  {NOT_ALLOWED}    consent cancelled, or LinkedIn refused the scopes
  {TIMEOUT}    no redirect in time (LinkedIn showed an error page?)
  {STATE_MISMATCH}    the redirect carried another state
  {REJECTED}    LinkedIn rejected the code exchange
  {UNREACHABLE}    LinkedIn unreachable or answering nonsense
  {WRITE_FAILED}    the config could not be written
  {INTERRUPTED}  interrupted (Ctrl-C)
See {GUIDE}, Step 4.
"""


class Failure(Exception):
    """Ends the command with an exit code and a message saying what to do."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Console:
    """Every line the command prints goes through here, with every secret value masked as a last defence."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self._secrets: list[str] = []

    def hide(self, *values: str | None) -> None:
        self._secrets += [v for v in values if v and len(v) >= 4]

    def clean(self, text: str) -> str:
        for value in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(value, "[hidden]")
        return text

    def say(self, text: str = "") -> None:
        print(self.clean(text), file=self.out, flush=True)  # flushed: a caller may read the URL from a pipe

    def warn(self, text: str) -> None:
        print(self.clean(text), file=self.err, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="source-linkedin-pages auth",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--client-id", default=os.environ.get("LINKEDIN_CLIENT_ID"),
                        help="the app's Client ID (Auth tab)")
    parser.add_argument("--client-secret", default=None,
                        help="the app's Client Secret (Auth tab); see below for safer ways to pass it")
    parser.add_argument("--redirect-uri", default=DEFAULT_REDIRECT_URI,
                        help=f"loopback http URI registered on the app's Auth tab (default {DEFAULT_REDIRECT_URI})")
    parser.add_argument("--config-out", default="config.json", help="where to write the config (default ./config.json)")
    parser.add_argument("--force", action="store_true", help="replace --config-out if it exists")
    parser.add_argument("--oauth-base-url", default=None,
                        help=f"LinkedIn's OAuth base URL (default {DEFAULT_OAUTH_BASE_URL}); https except loopback")
    parser.add_argument("--scopes", default=",".join(SCOPES),
                        help="scopes to ask for, comma or space separated (default: %(default)s); use the ones "
                             "the app's Auth tab lists if LinkedIn refuses these")
    parser.add_argument("--no-browser", action="store_true", help="only print the authorization URL")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help=f"seconds to wait for the redirect (default {DEFAULT_TIMEOUT_S})")
    return parser


def _client_secret(given: str | None) -> str:
    secret = given or os.environ.get("LINKEDIN_CLIENT_SECRET")
    if not secret and sys.stdin.isatty():
        secret = getpass.getpass("Client Secret (from the app's Auth tab; not echoed): ")
    if not secret or not secret.strip():
        raise Failure(USAGE, "The client secret is missing: pass --client-secret, set LINKEDIN_CLIENT_SECRET, or run "
                             "the command in a terminal to be asked for it.")
    return secret.strip()


def _browser_possible() -> bool:
    """False on a machine without a display, where webbrowser would start a text browser in this terminal."""
    if sys.platform in ("darwin", "win32") or os.environ.get("BROWSER"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_browser(url: str) -> bool:
    try:
        return bool(webbrowser.open(url, new=2))
    except webbrowser.Error:
        return False


def _scopes(text: str) -> tuple[str, ...]:
    scopes = tuple(dict.fromkeys(text.replace(",", " ").split()))
    if not scopes or not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", scope) for scope in scopes):
        raise Failure(USAGE, f"--scopes must list scope names such as {','.join(SCOPES)}; got {text!r}.")
    return scopes


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise Failure(USAGE, f"--config-out {path} is a directory; give a file name such as {path / 'config.json'}.")
    if path.exists() and not force:
        raise Failure(USAGE, f"{path} already exists and was left untouched. Pass --force to replace it, or choose "
                             "another file with --config-out.")
    if not path.parent.is_dir():
        raise Failure(USAGE, f"The folder {path.parent} does not exist; create it or choose another --config-out.")


def write_config(path: Path, config: dict[str, Any], force: bool) -> None:
    """Writes JSON readable by the owner only (0600); with force, an atomic replace so no half file is left."""
    data = (json.dumps(config, indent=2) + "\n").encode("utf-8")
    if not force:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # O_CREAT's mode is filtered by umask; make it exactly 0600
            os.write(fd, data)
        finally:
            os.close(fd)
        return
    fd, temp = tempfile.mkstemp(prefix=".auth-", suffix=".json", dir=path.parent)  # mkstemp creates 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _config(tokens: Tokens, client_id: str, client_secret: str, oauth_base_url: str) -> dict[str, Any]:
    if tokens.refresh_token:
        credentials = {"auth_method": "oAuth2.0", "client_id": client_id, "client_secret": client_secret,
                       "refresh_token": tokens.refresh_token}
    else:
        credentials = {"auth_method": "access_token", "access_token": tokens.access_token}
    config: dict[str, Any] = {"credentials": credentials}
    if oauth_base_url != DEFAULT_OAUTH_BASE_URL:
        config["oauth_base_url"] = oauth_base_url  # as the contract says: only when not LinkedIn's own
    return config


ERRORS = {
    "user_cancelled_authorize": "The consent was cancelled on LinkedIn, so the app got no access. Run the command "
                                "again and choose Allow.",
    "user_cancelled_login": "The sign-in to LinkedIn was cancelled. Run the command again and sign in as an "
                            "administrator of the page.",
    "unauthorized_scope_error": "LinkedIn refused a scope the app was not granted ({detail}). The app needs the "
                                f"Community Management API product (Step 3 of {GUIDE}). If the app's Auth tab lists "
                                "other scopes (e.g. rw_organization_admin only), run the command again with --scopes "
                                "naming those; see 'When the portal refuses'.",
}


def _answer_problem(callback: Callback, state: str) -> Failure | None:
    """What is wrong with the redirect, if anything: a foreign state, an error instead of a code, no code."""
    params = callback.params
    got_state = params.get("state", "")
    state_ok = secrets.compare_digest(got_state.encode(), state.encode())
    if "error" in params and (state_ok or not got_state):
        detail = params.get("error_description") or params["error"]
        text = ERRORS.get(params["error"], "LinkedIn did not grant access ({detail}). Run the command again.")
        return Failure(NOT_ALLOWED, text.format(detail=detail))
    if not state_ok:
        return Failure(STATE_MISMATCH, (
            "The answer that reached the redirect URI did not carry the state this command sent, so it was refused "
            "(it may come from an older attempt or another site). Run the command again and use the new address."))
    if not params.get("code"):
        return Failure(NOT_ALLOWED, "LinkedIn sent the browser back without an authorization code. Run the command "
                                    "again.")
    return None


def _timeout_message(target: RedirectTarget, timeout_s: float) -> str:
    return (
        f"No answer from LinkedIn within {timeout_s:g} seconds. If LinkedIn showed 'The redirect_uri does not match "
        f"the registered value', add {target.uri} under 'Authorized redirect URLs for your app' on the app's Auth "
        "tab (exactly, including the port and path) and run the command again. If it said the client id is invalid, "
        "copy the Client ID from the Auth tab again. If the browser runs on another machine, forward the port first "
        f"(ssh -L {target.port}:localhost:{target.port} <this machine>)."
    )


def _report(console: Console, tokens: Tokens, path: Path, now: datetime) -> None:
    health = assess(now, auth_method="oAuth2.0", expires_in=tokens.expires_in,
                    refresh_token_expires_in=tokens.refresh_token_expires_in)
    access_at, refresh_at = health.access_token_expires_at, health.refresh_token_expires_at
    if tokens.refresh_token:
        console.say(f"Wrote {path} (file mode 0600): credentials with auth_method oAuth2.0 (client id, client "
                    "secret and refresh token). Keep it private.")
        if access_at:
            console.say(f"The access token expires on {describe(access_at, now, with_time=True)}; the connector "
                        "gets new ones itself with the refresh token.")
        if refresh_at:
            console.say(f"The refresh token expires on {describe(refresh_at, now, with_time=True)}. Refreshing "
                        "does not extend it: run this command again before then.")
        for warning in health.warnings:
            console.warn(f"Warning: {warning}")
    else:
        console.warn("LinkedIn gave no refresh token: this app has no programmatic refresh tokens (LinkedIn grants "
                     f"them to approved apps only; see 'When the portal refuses' in {GUIDE}).")
        console.say(f"Wrote {path} (file mode 0600) with an access-token configuration (auth_method access_token) "
                    "instead. Keep it private.")
        until = f" It expires on {describe(access_at, now, with_time=True)}." if access_at else ""
        console.say(f"An access token lasts 60 days and cannot be renewed by the connector.{until} Run this command "
                    "again before then.")
    console.say(f"Next: add org_ids if you want specific pages, then run: source-linkedin-pages check --config {path}")


def run(args: argparse.Namespace, console: Console) -> int:
    """The flow, step by step; raises Failure for every expected problem."""
    if not args.client_id or not args.client_id.strip():
        raise Failure(USAGE, "The client id is missing: pass --client-id (the Client ID on the app's Auth tab).")
    client_id = args.client_id.strip()
    client_secret = _client_secret(args.client_secret)
    console.hide(client_secret)
    if not args.timeout > 0:
        raise Failure(USAGE, "--timeout must be a positive number of seconds.")
    try:
        base = parse_base_url(args.oauth_base_url, "--oauth-base-url", DEFAULT_OAUTH_BASE_URL)
    except AirbyteTracedException as error:
        raise Failure(USAGE, str(error.message).replace("Invalid configuration: ", "")) from None
    try:
        target = parse_redirect_uri(args.redirect_uri)
    except RedirectUriError as error:
        raise Failure(USAGE, str(error)) from None
    scopes = _scopes(args.scopes)
    path = Path(args.config_out).expanduser()
    _check_target(path, args.force)

    receiver = CallbackReceiver(target)
    try:
        receiver.start()
    except ListenError as error:
        raise Failure(LISTEN, error.strerror or str(error)) from None
    try:
        return _flow(args, console, receiver, target, base, client_id, client_secret, scopes, path)
    finally:
        receiver.close()


def _flow(args: argparse.Namespace, console: Console, receiver: CallbackReceiver, target: RedirectTarget,
          base: str, client_id: str, client_secret: str, scopes: tuple[str, ...], path: Path) -> int:
    state = secrets.token_urlsafe(24)
    url = authorization_url(base, client_id, target.uri, state, scopes)
    console.say("Open this address in a browser, sign in to LinkedIn as an administrator of the page, and allow "
                "the app:")
    console.say()
    console.say(f"  {url}")
    console.say()
    if not args.no_browser:
        if _browser_possible() and _open_browser(url):
            console.say("(Opened it in your browser.)")
        else:
            console.say("(No browser could be opened here: copy the address into a browser yourself.)")
    console.say(f"Waiting up to {args.timeout:g} seconds for LinkedIn to send the browser back to {target.uri} "
                "(Ctrl-C to stop) ...")

    callback = receiver.wait(args.timeout)
    if callback is None:
        raise Failure(TIMEOUT, _timeout_message(target, args.timeout))
    console.hide(callback.params.get("code"))
    problem = _answer_problem(callback, state)
    if problem is not None:
        callback.reply("Not authorized", console.clean(problem.message))
        raise problem
    now = datetime.now(UTC)
    try:
        tokens = exchange_code(base, client_id, client_secret, callback.params["code"], target.uri)
    except ExchangeError as error:
        callback.reply("Something went wrong", console.clean(error.message))
        raise Failure(REJECTED if error.kind == "rejected" else UNREACHABLE, error.message) from None
    console.hide(tokens.access_token, tokens.refresh_token)
    try:
        write_config(path, _config(tokens, client_id, client_secret, base), args.force)
    except OSError as error:
        callback.reply("Something went wrong", f"The config could not be written: {error.strerror}.")
        raise Failure(WRITE_FAILED, f"Could not write {path}: {error.strerror or error}. LinkedIn's answer is lost: "
                                    "fix the path (or --config-out) and run the command again.") from None
    callback.reply("Done — return to the terminal", f"The configuration was written to {path.name}. You can close "
                                                   "this tab.")
    _report(console, tokens, path, now)
    return OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Runs the command; returns the exit code (never raises, and never prints a traceback for Ctrl-C)."""
    console = Console(out or sys.stdout, err or sys.stderr)
    try:
        args = _parser().parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2), already printed
        return int(exit_.code or 0) if isinstance(exit_.code, int) else USAGE
    try:
        return run(args, console)
    except Failure as failure:
        console.warn(f"Error: {failure.message}")
        return failure.code
    except KeyboardInterrupt:
        console.warn("Interrupted: nothing was written.")
        return INTERRUPTED
