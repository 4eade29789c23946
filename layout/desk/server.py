"""`layout serve`: the desk over HTTP on this machine.

The standard library's threading HTTP server and one small page script: the desk serves one
editor on localhost, so a framework would add a dependency and nothing the desk needs. The
routes are a fixed table: no part of a URL is ever used as a file path (the page script and
style come from the package by fixed name; pages are asked for by number), requests must name
this server as their Host (no DNS rebinding) and changes come only as same-origin JSON posts."""

from __future__ import annotations

import ipaddress
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from layout.desk.session import DeskSession, Refused
from layout.desk.views import outcome_view, state_view, trial_view
from layout.model.spec import GridRect
from layout.render.proof import OVERLAYS

MAX_BODY = 64 * 1024  # a request is a few numbers and an id
HEARTBEAT = 15.0  # seconds between keep-alive comments on the event stream
STATIC = {"/": ("desk.html", "text/html; charset=utf-8"), "/desk.js": ("desk.js", "text/javascript; charset=utf-8"), "/desk.css": ("desk.css", "text/css; charset=utf-8")}
PAGE_IMAGE = re.compile(r"/page/([1-9][0-9]{0,2})\.png")
DEFAULT_OVERLAYS = frozenset({"grid", "modules", "diagnostics", "jumps"})


def _assets() -> dict[str, bytes]:
    folder = resources.files("layout.desk") / "static"
    return {name: (folder / name).read_bytes() for name, _ in STATIC.values()}


class DeskServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up the end of the process

    def __init__(self, session: DeskSession | None, host: str, port: int, poll_interval: float = 0.25):
        super().__init__((host, port), _Handler)  # bound first: a busy port is said before the issue is laid out
        self.session: DeskSession = session  # type: ignore[assignment] - `serve` sets it once bound
        self.assets = _assets()
        self.poll_interval = poll_interval
        self.closing = threading.Event()
        bound_port = self.server_address[1]
        names = {host, "localhost", "127.0.0.1", "[::1]"} if loopback(host) else {host}
        self.hosts = {f"{name}:{bound_port}" for name in names}

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'localhost' if loopback(host) else host}:{port}/"

    def watch(self) -> None:
        """Look at the issue's files every poll interval; the desk reloads what changed."""
        while not self.closing.wait(self.poll_interval):
            self.session.poll()

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.serve_forever, name="desk-http", daemon=True)]
        if self.poll_interval > 0:
            threads.append(threading.Thread(target=self.watch, name="desk-watch", daemon=True))
        for thread in threads:
            thread.start()
        return threads

    def stop(self) -> None:
        self.closing.set()
        with self.session.changed:
            self.session.changed.notify_all()
        self.shutdown()
        self.server_close()


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    server: DeskServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the desk prints its URL and its errors, not every request

    # -- routing ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self._host_allowed():
            return
        url = urlsplit(self.path)
        if url.path in STATIC:
            name, kind = STATIC[url.path]
            return self._send(200, self.server.assets[name], kind)
        if url.path == "/api/state":
            with self.server.session.lock:
                return self._json(200, state_view(self.server.session))
        if url.path == "/events":
            return self._events()
        if url.path == "/font":
            try:
                return self._send(200, self.server.session.ui_font(), "font/ttf", cache=True)
            except Refused as refused:
                return self._json(409, {"error": refused.message})
        found = PAGE_IMAGE.fullmatch(url.path)
        if found:
            return self._page_image(int(found.group(1)), parse_qs(url.query).get("overlays", [None])[0])
        self._json(404, {"error": f"no such thing on the desk: {url.path[:80]}"})

    def do_POST(self) -> None:
        if not self._host_allowed() or not self._same_origin():
            return
        body = self._body()
        if body is None:
            return
        session = self.server.session
        url = urlsplit(self.path).path
        try:
            if url == "/api/fit":
                started = time.perf_counter()
                trial = session.trial(*_module_request(body))
                return self._json(200, trial_view(trial, time.perf_counter() - started))
            if url == "/api/move":
                return self._outcome(session.move(*_module_request(body)))
            if url == "/api/undo":
                return self._outcome(session.undo())
            if url == "/api/redo":
                return self._outcome(session.redo())
            if url == "/api/place":
                return self._outcome(session.propose(_integer(body, "page", 1, 999), float(_integer(body, "time_limit", 1, 60, 2))))
        except _BadRequest as bad:
            return self._json(400, {"ok": False, "message": str(bad)})
        except Refused as refused:
            return self._json(409, {"ok": False, "message": refused.message, "error": refused.error})
        self._json(404, {"ok": False, "message": f"no such action: {url[:80]}"})

    # -- pieces ----------------------------------------------------------------------------

    def _page_image(self, number: int, asked: str | None) -> None:
        overlays = DEFAULT_OVERLAYS if asked is None else frozenset(part for part in asked.split(",") if part)
        if not overlays <= set(OVERLAYS):
            return self._json(400, {"error": f"unknown overlay; use {', '.join(OVERLAYS)}"})
        try:
            data = self.server.session.page_png(number, overlays)
        except KeyError:
            return self._json(404, {"error": f"the issue has no page {number}"})
        except Refused as refused:
            return self._json(409, {"error": refused.message})
        self._send(200, data, "image/png")

    def _events(self) -> None:
        """Server-sent events: `state` with the desk's state number whenever it changes (a
        rebuild, an edit, a file that broke), a comment every HEARTBEAT seconds otherwise."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        session = self.server.session
        seen = -1
        try:
            while not self.server.closing.is_set():
                now = session.wait(seen, HEARTBEAT)
                if now != seen:
                    seen = now
                    self.wfile.write(f"event: state\ndata: {now}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _outcome(self, outcome) -> None:
        self._json(200 if outcome.ok else 409, outcome_view(outcome))

    def _host_allowed(self) -> bool:
        if self.headers.get("Host", "") in self.server.hosts:
            return True
        self._json(403, {"error": "this desk answers only to its own address"})
        return False

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        if (origin is None or origin == f"http://{self.headers.get('Host')}") and self.headers.get("Content-Type", "").startswith("application/json"):
            return True
        self._json(403, {"ok": False, "message": "changes come only from the desk's own page, as JSON"})
        return False

    def _body(self) -> dict | None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._json(413, {"ok": False, "message": f"a request body of at most {MAX_BODY} bytes"})
            return None
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, RecursionError):
            self._json(400, {"ok": False, "message": "the request is not JSON"})
            return None
        if not isinstance(body, dict):
            self._json(400, {"ok": False, "message": "the request must be a JSON object"})
            return None
        return body

    def _json(self, status: int, payload: dict) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: int, data: bytes, kind: str, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=86400" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)


class _BadRequest(Exception):
    pass


def _integer(body: dict, key: str, low: int, high: int, default: int | None = None) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _BadRequest(f"{key} must be a whole number from {low} to {high}")
    return value


def _module_request(body: dict) -> tuple[int, str, int, GridRect]:
    article = body.get("article")
    if not isinstance(article, str) or not 0 < len(article) <= 200:
        raise _BadRequest("article must be a story's id")
    rect = body.get("rect")
    if not isinstance(rect, dict):
        raise _BadRequest("rect must give column, span, top and height")
    grid_rect = GridRect(*(_integer(rect, key, -999, 9999) for key in ("column", "span", "top", "height")))
    return _integer(body, "page", 1, 999), article, _integer(body, "part", 1, 99, 1), grid_rect


def serve(issue: str, host: str = "127.0.0.1", port: int = 8800, allowed: tuple[str, ...] = (), poll_interval: float = 0.25) -> DeskServer:
    """Lay the issue out and start the desk's server (in threads); the caller stops it."""
    server = DeskServer(None, host, port, poll_interval)
    try:
        server.session = DeskSession(issue, allowed)
    except BaseException:
        server.server_close()
        raise
    server.start()
    return server
