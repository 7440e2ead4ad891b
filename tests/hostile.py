"""Local test servers on 127.0.0.x: well-behaved feeds and hostile behaviours.

``Server(host)`` serves ``routes`` (path -> handler function) in threads and records every
request: ``hits`` (path list), ``starts`` (monotonic accept times), ``max_active`` (most
requests between accept and the start of their answer at once).
Only ever binds loopback addresses.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_BOMB: bytes | None = None


def gzip_bomb() -> bytes:
    """~20 KiB of gzip that inflates to 20 MiB of zeros (built once)."""
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(bytes(20 * 1024 * 1024), compresslevel=9)
    return _BOMB


class Server:
    def __init__(self, host: str = "127.0.0.1", routes: dict | None = None, delay_s: float = 0.0):
        self.host = host
        self.routes = dict(DEFAULT_ROUTES)
        self.routes.update(routes or {})
        self.delay_s = delay_s
        self.hits: list[str] = []
        self.starts: list[float] = []
        self.headers: list[dict] = []
        self.active = 0
        self.max_active = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self.httpd = _TimingServer((host, 0), _make_handler(self))
        self.httpd.owner = self
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def accepted(self) -> None:
        with self._lock:
            self.starts.append(time.monotonic())
            self.active += 1
            self.max_active = max(self.max_active, self.active)

    def enter(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.hits.append(handler.path)
            self.headers.append(dict(handler.headers.items()))

    def responding(self) -> None:
        with self._lock:
            self.active -= 1


class _TimingServer(ThreadingHTTPServer):
    """Reads the clock at accept, in the accepting thread, before a handler thread exists.

    A request counts as active from its accept until its handler starts to answer:
    a window that lies inside the client's own slot, so the count never overstates.
    """

    daemon_threads = True

    def process_request(self, request, client_address) -> None:
        self.owner.accepted()
        super().process_request(request, client_address)


def _make_handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def _dispatch(self) -> None:
            server.enter(self)
            answering = False
            try:
                if server.delay_s:
                    time.sleep(server.delay_s)
                server.responding()
                answering = True
                route = server.routes.get(urlsplit(self.path).path, not_found)
                route(self, server)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up at its cap: expected
            finally:
                if not answering:
                    server.responding()

        do_GET = _dispatch
        do_POST = _dispatch

    return Handler


def send(handler, status: int, body: bytes, ctype: str = "application/xml", **headers) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def query(handler) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>One</title><link>http://127.0.0.1/a/1</link><guid>g1</guid>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"""


def ok(h, s):
    send(h, 200, RSS, "application/rss+xml")


def not_found(h, s):
    send(h, 404, b"no", "text/plain")


def gzipped(h, s):
    send(h, 200, gzip.compress(RSS), "application/rss+xml", Content_Encoding="gzip")


def deflated(h, s):
    raw = query(h).get("raw") == "1"
    comp = zlib.compressobj(wbits=-15 if raw else 15)
    send(
        h, 200, comp.compress(RSS) + comp.flush(), "application/rss+xml", Content_Encoding="deflate"
    )


def bomb(h, s):
    send(h, 200, gzip_bomb(), "application/rss+xml", Content_Encoding="gzip")


def chunked_huge(h, s):
    """Up to 200 MiB in chunks, no Content-Length; stops when the client hangs up."""
    h.send_response(200)
    h.send_header("Content-Type", "application/xml")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"x" * 65536
    for _ in range(200 * 16):
        if s.stop.is_set():
            return
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    h.wfile.write(b"0\r\n\r\n")


def huge_length(h, s):
    h.send_response(200)
    h.send_header("Content-Type", "application/xml")
    h.send_header("Content-Length", str(10 * 1024**3))
    h.end_headers()
    h.wfile.write(b"<rss>")


def hang(h, s):
    s.stop.wait(20)  # accept, read the request, never answer


def drip(h, s):
    """Status line and headers one byte every 0.2 s: each read succeeds, the whole never ends."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nX-Slow: " + b"a" * 500:
        if s.stop.wait(0.2):
            return
        h.wfile.write(bytes([byte]))
        h.wfile.flush()


def drip_body(h, s):
    h.send_response(200)
    h.send_header("Content-Type", "application/xml")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(1000):
        if s.stop.wait(0.2):
            return
        h.wfile.write(b"x")
        h.wfile.flush()


def loop(h, s):
    send(h, 302, b"", "text/plain", Location="/loop2")


def loop2(h, s):
    send(h, 302, b"", "text/plain", Location="/loop")


def redirect(h, s):
    send(h, 302, b"", "text/plain", Location=query(h)["to"])


def conditional(h, s):
    if h.headers.get("If-None-Match") == '"v1"':
        send(h, 304, b"", "application/rss+xml", ETag='"v1"')
    else:
        send(
            h,
            200,
            RSS,
            "application/rss+xml",
            ETag='"v1"',
            Last_Modified="Mon, 02 Mar 2026 10:00:00 GMT",
        )


def too_many(h, s):
    send(h, 429, b"slow down", "text/plain", Retry_After="120")


def echo_json(h, s):
    length = int(h.headers.get("Content-Length", "0"))
    payload = h.rfile.read(length)
    send(h, 200, b'{"echo": ' + payload + b"}", "application/json")


DEFAULT_ROUTES = {
    "/ok": ok,
    "/gzip": gzipped,
    "/deflate": deflated,
    "/bomb": bomb,
    "/chunked-huge": chunked_huge,
    "/huge-length": huge_length,
    "/hang": hang,
    "/drip": drip,
    "/drip-body": drip_body,
    "/loop": loop,
    "/loop2": loop2,
    "/redirect": redirect,
    "/conditional": conditional,
    "/429": too_many,
    "/echo": echo_json,
}


def run_workers(env: dict, commands: list[list[str]], timeout: float = 60) -> list[dict]:
    """Start ``tests/ingest_worker.py`` once per command, all at once; their JSON replies."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    full_env = {**os.environ, "PYTHONPATH": str(root), **env}
    procs = [
        subprocess.Popen(
            [sys.executable, str(root / "tests" / "ingest_worker.py"), *cmd],
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
        )
        for cmd in commands
    ]
    replies = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err.decode()[-2000:]
        replies.append(json.loads(out.decode().strip().splitlines()[-1]))
    return replies
