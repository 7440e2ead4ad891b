"""Local replay server for the demo corpus: outlet feeds and article pages over HTTP.

Serves, on an IPv4 loopback address by default (127.0.0.1:8765):
    /                                   index of outlets
    /robots.txt                         allows everything
    /<outlet>/                          outlet front page
    /<outlet>/feed.xml | atom.xml | feed.json   the outlet's RSS 2.0 / Atom / JSON Feed
    /<outlet>/<yyyy>/<mm>/<slug>.html   article page with page furniture (see pages.py)
    /static/placeholder.svg, /static/site.css
Everything else is 404. GET and HEAD only; every response has ETag and Last-Modified and a
matching If-None-Match (or, without it, If-Modified-Since) gets 304. All responses are
rendered once when the server is created, so links always point to ``base_url``.

Replay (``replay_s`` / ``--replay-minutes``): the feeds start empty and the articles
appear in them one by one, oldest first, evenly over that many seconds, as a news day
played fast (what ``newsdesk bench soak`` follows). Article pages are always served.

    srv = DemoServer(port=0); srv.start(); ...; srv.stop()    # or: with DemoServer() as srv
    python -m newsdesk.demo.server --port 8765                 # foreground, Ctrl-C stops
"""

from __future__ import annotations

import argparse
import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newsdesk.demo.corpus import Corpus, load_corpus
from newsdesk.demo.feeds import render_feed
from newsdesk.demo.pages import render_article, render_front, render_index

__all__ = ["DemoServer", "load_corpus", "build_routes", "Resource"]

_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">'
    b'<rect width="640" height="360" fill="#d8dde3"/></svg>\n'
)
_CSS = b"body{font-family:Georgia,serif;max-width:60em;margin:auto}.cookie-bar{background:#eee}\n"


@dataclass(frozen=True)
class Resource:
    """One pre-rendered response body with its validators."""

    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


def build_routes(corpus: Corpus, base_url: str) -> dict[str, Resource]:
    """Corpus + base URL -> {path: Resource} for every URL the server answers."""
    newest = max(a.published for a in corpus.articles)
    html = "text/html; charset=utf-8"
    routes = {
        "/": Resource(render_index(corpus, base_url), html, newest),
        "/robots.txt": Resource(b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8", newest),
        "/static/placeholder.svg": Resource(_SVG, "image/svg+xml", newest),
        "/static/site.css": Resource(_CSS, "text/css; charset=utf-8", newest),
    }
    for outlet in corpus.outlets:
        articles = corpus.by_outlet(outlet.slug)
        latest = articles[0].published if articles else newest
        routes[f"/{outlet.slug}/"] = Resource(render_front(corpus, outlet, base_url), html, latest)
        routes[outlet.feed_path] = Resource(*render_feed(outlet, articles, base_url), latest)
        for article in articles:
            page = render_article(corpus, article, base_url)
            routes[article.path] = Resource(page, html, article.published)
    if len(routes) != 4 + 2 * len(corpus.outlets) + len(corpus.articles):
        raise ValueError("demo corpus has colliding URLs")
    return routes


def not_modified(headers, resource: Resource) -> bool:
    """RFC 9110 precedence: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or resource.etag in tags
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return when.tzinfo is not None and resource.last_modified.replace(microsecond=0) <= when


class _Handler(BaseHTTPRequestHandler):
    server: _ReplayHTTPServer
    server_version = "newsdesk-demo/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        resource = self.server.lookup(urlsplit(self.path).path)
        if resource is None:
            body = b"Not found\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
            return
        fresh = not_modified(self.headers, resource)
        self.send_response(304 if fresh else 200)
        self.send_header("ETag", resource.etag)
        self.send_header("Last-Modified", format_datetime(resource.last_modified, usegmt=True))
        self.send_header("Cache-Control", "max-age=60")
        if not fresh:
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
        self.end_headers()
        if send_body and not fresh:
            self.wfile.write(resource.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)


class _ReplayHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Resource]
    replay: _Replay | None = None
    verbose = False

    def lookup(self, path: str) -> Resource | None:
        if self.replay is not None and path in self.replay.feeds:
            return self.replay.feed(path)
        return self.routes.get(path)


class _Replay:
    """Feeds that grow over time: versions rendered up front, one per released count."""

    def __init__(self, corpus: Corpus, base_url: str, replay_s: float) -> None:
        self.started = time.monotonic()
        ordered = sorted(corpus.articles, key=lambda a: (a.published, a.id))
        step = replay_s / max(len(ordered), 1)
        # Article i appears at started + (i + 1) * step: the last one at replay_s.
        self.release_at = {a.id: (i + 1) * step for i, a in enumerate(ordered)}
        oldest = ordered[0].published if ordered else datetime(2000, 1, 1, tzinfo=UTC)
        self.feeds: dict[str, list[tuple[float, Resource]]] = {}
        for outlet in corpus.outlets:
            newest_first = corpus.by_outlet(outlet.slug)
            versions = []
            for shown in range(len(newest_first) + 1):
                articles = newest_first[len(newest_first) - shown :]
                at = self.release_at[articles[0].id] if articles else 0.0
                latest = articles[0].published if articles else oldest
                versions.append((at, Resource(*render_feed(outlet, articles, base_url), latest)))
            self.feeds[outlet.feed_path] = versions

    def feed(self, path: str) -> Resource:
        elapsed = time.monotonic() - self.started
        return [res for at, res in self.feeds[path] if at <= elapsed][-1]


class DemoServer:
    """The replay server. Binds its socket on creation (port 0 picks a free port)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8765,
        corpus: Corpus | None = None,
        verbose: bool = False,
        replay_s: float | None = None,
    ) -> None:
        self.corpus = corpus or load_corpus()
        self._httpd = _ReplayHTTPServer((host, port), _Handler)
        self._httpd.verbose = verbose
        self.host, self.port = self._httpd.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}"
        self._httpd.routes = build_routes(self.corpus, self.base_url)
        if replay_s is not None:
            self._httpd.replay = _Replay(self.corpus, self.base_url, replay_s)
        self._thread: threading.Thread | None = None

    def feed_urls(self) -> list[tuple[str, str, str]]:
        """(outlet name, absolute feed URL, kind) per outlet; kind in rss|atom|jsonfeed."""
        return [(o.name, self.base_url + o.feed_path, o.feed_kind) for o in self.corpus.outlets]

    def url_for(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> DemoServer:
        """Serve in a daemon thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                name="newsdesk-demo-server",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread until KeyboardInterrupt."""
        try:
            self._httpd.serve_forever(poll_interval=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the newsdesk demo outlets.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument(
        "--replay-minutes", type=float, default=None, help="release the articles over this time"
    )
    options = parser.parse_args(argv)
    replay_s = None if options.replay_minutes is None else options.replay_minutes * 60
    server = DemoServer(options.host, options.port, verbose=not options.quiet, replay_s=replay_s)
    print(
        f"newsdesk demo: {len(server.corpus.outlets)} outlets, "
        f"{len(server.corpus.articles)} articles at {server.base_url}/ (Ctrl-C stops)"
    )
    for name, url, kind in server.feed_urls():
        print(f"  {kind:8} {url}  {name}")
    server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
