"""The local end of the redirect: a loopback http listener that hands LinkedIn's answer to the terminal."""

from __future__ import annotations

import errno
import html
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..config import is_loopback

PAGE_WAIT_S = 90  # how long the browser's request waits for the token exchange before a generic page


class RedirectUriError(ValueError):
    """The redirect URI cannot be served by this helper; the message says what to use instead."""


class ListenError(OSError):
    """The local port cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class RedirectTarget:
    """Where the browser comes back: always plain http on a loopback address of this machine."""

    uri: str
    host: str
    port: int
    path: str


def parse_redirect_uri(uri: str) -> RedirectTarget:
    """http://<loopback host>[:port]/path — LinkedIn allows http only for localhost, and the helper listens here."""
    parts = urlsplit(uri)
    example = "http://localhost:8000/callback"
    if parts.scheme != "http":
        raise RedirectUriError(
            f"--redirect-uri must start with http:// (got {uri!r}): the helper receives the redirect itself, on "
            f"this machine, and LinkedIn accepts plain http only for localhost. Use e.g. {example}."
        )
    host = parts.hostname or ""
    if not is_loopback(host):
        raise RedirectUriError(
            f"--redirect-uri must point at this machine (localhost, 127.0.0.1 or [::1]); got host {host!r}. "
            f"Use e.g. {example} and register exactly that URI on the app's Auth tab."
        )
    if parts.username or parts.password or parts.fragment:
        raise RedirectUriError(f"--redirect-uri may not hold user credentials or a #fragment; use e.g. {example}.")
    try:
        port = parts.port or 80
    except ValueError:
        raise RedirectUriError(f"--redirect-uri has an invalid port; use e.g. {example}.") from None
    return RedirectTarget(uri, host, port, parts.path or "/")


def _page(title: str, text: str) -> bytes:
    body = (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>source-linkedin-pages auth</title></head>"
        "<body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\">"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
    )
    return body.encode("utf-8")


@dataclass
class Callback:
    """One redirect that reached the path: its query parameters, and the page to show once the terminal knows."""

    params: dict[str, str]
    page: bytes | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    sent: threading.Event = field(default_factory=threading.Event)

    def reply(self, title: str, text: str) -> None:
        self.page = _page(title, text)
        self.ready.set()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return  # the default access log would print the code from the query string

    def _send(self, status: int, page: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")  # the page's URL holds the code
        self.end_headers()
        self.wfile.write(page)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        owner = self.server.owner
        if parts.path != owner.target.path:
            self._send(404, _page("Not found", f"This helper only listens on {owner.target.path}."))
            return
        params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        callback = owner.take(params)
        if callback is None:
            self._send(409, _page("Already handled", "This helper has already received LinkedIn's answer; "
                                                    "return to the terminal."))
            return
        try:
            ready = callback.ready.wait(PAGE_WAIT_S)
            self._send(200, callback.page if ready and callback.page else _page("Received", "Return to the terminal."))
        finally:
            callback.sent.set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # a port in TIME_WAIT from an earlier run is free; one being listened on is not
    owner: CallbackReceiver


class CallbackReceiver:
    """Listens on the redirect URI's host, port and path; the first redirect to the path is the answer."""

    def __init__(self, target: RedirectTarget) -> None:
        self.target = target
        self._answers: queue.Queue[Callback] = queue.Queue()
        self._taken = False
        self._lock = threading.Lock()
        self._servers: list[_Server] = []
        self._running: list[_Server] = []
        self._callback: Callback | None = None

    def take(self, params: dict[str, str]) -> Callback | None:
        with self._lock:
            if self._taken:
                return None
            self._taken = True
        callback = self._callback = Callback(params)
        self._answers.put(callback)
        return callback

    def _bind(self, host: str, family: socket.AddressFamily) -> _Server:
        server_class = type("_BoundServer", (_Server,), {"address_family": family})
        server: _Server = server_class((host, self.target.port), _Handler)
        server.owner = self
        return server

    def start(self) -> None:
        host = self.target.host.strip("[]")
        binds = [(host, socket.AF_INET6 if ":" in host else socket.AF_INET)]
        if host.lower() == "localhost":
            # browsers may try ::1 first for localhost; listen on both where this machine has IPv6
            binds = [("127.0.0.1", socket.AF_INET), ("::1", socket.AF_INET6)]
        for index, (address, family) in enumerate(binds):
            try:
                self._servers.append(self._bind(address, family))
            except OSError as error:
                no_ipv6 = error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT)
                if index > 0 and no_ipv6:
                    continue
                self.close()
                raise ListenError(error.errno, self._listen_message(error)) from None
        for server in self._servers:
            threading.Thread(target=server.serve_forever, name="oauth-callback", daemon=True).start()
            self._running.append(server)

    def _listen_message(self, error: OSError) -> str:
        where = f"{self.target.host}:{self.target.port}"
        other = "http://localhost:8765/callback"
        if error.errno == errno.EADDRINUSE:
            return (f"Port {self.target.port} on {self.target.host} is in use by another program, so the redirect "
                    f"cannot be received. Stop that program, or pick another port with --redirect-uri (e.g. "
                    f"{other}) and register exactly that URI on the app's Auth tab.")
        if error.errno == errno.EACCES:
            return (f"This user may not listen on {where} (ports below 1024 need administrator rights). Pick a "
                    f"port above 1024 with --redirect-uri (e.g. {other}) and register it on the app's Auth tab.")
        return f"Cannot listen on {where}: {error.strerror or error}. Pick another --redirect-uri (e.g. {other})."

    def wait(self, timeout_s: float) -> Callback | None:
        """The first redirect, or None after timeout_s; short slices keep Ctrl-C responsive everywhere."""
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                return self._answers.get(timeout=min(0.25, left))
            except queue.Empty:
                continue
        return None

    def close(self) -> None:
        if self._callback is not None and self._callback.ready.is_set():
            self._callback.sent.wait(5)  # let the browser get its page before the process ends
        for server in self._running:
            server.shutdown()  # only for servers whose loop runs: shutdown() waits for the loop to end
        for server in self._servers:
            server.server_close()
        self._servers, self._running = [], []
