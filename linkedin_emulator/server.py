"""ThreadingHTTPServer running in a background thread; EmulatorServer is the public entry point."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .config import EmulatorConfig
from .dispatch import handle
from .state import EmulatorState


class _Handler(BaseHTTPRequestHandler):
    """Reads the raw request (no decoding of path or query) and writes the Outcome."""

    protocol_version = "HTTP/1.1"  # keep-alive: connectors reuse connections
    disable_nagle_algorithm = True  # headers and body go out in separate writes; avoid 40 ms delayed-ACK stalls
    server_version = "linkedin-emulator"
    sys_version = ""
    state: EmulatorState  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        raw_path, _, raw_query = self.path.partition("?")
        headers = {k: v for k, v in self.headers.items()}
        outcome = handle(self.state, self.command, raw_path, raw_query, headers, body)
        if outcome.delay_ms > 0:
            time.sleep(outcome.delay_ms / 1000)  # outside the state lock
        if outcome.action == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(outcome.status)
        for name, value in outcome.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(outcome.body)))
        if outcome.action == "truncate":
            self.send_header("Connection", "close")
        self.end_headers()
        if outcome.action == "truncate":
            self.wfile.write(outcome.body[: len(outcome.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(outcome.body)

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class EmulatorServer:
    """`with EmulatorServer(EmulatorConfig(port=0)) as emu: requests.get(emu.url + "/rest/...")`."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.state = EmulatorState(self.config)
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("emulator not started")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    def start(self) -> EmulatorServer:
        handler = type("BoundHandler", (_Handler,), {"state": self.state})
        self._httpd = _Server((self.config.host, self.config.port), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="linkedin-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
