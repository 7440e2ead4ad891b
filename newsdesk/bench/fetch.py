"""``newsdesk bench fetch``: fetch + parse throughput against a local server farm, politely.

Starts ``--hosts`` HTTP servers on 127.0.0.1 .. 127.0.0.N (loopback only), each serving
``--feeds / --hosts`` RSS feeds of ``--items`` items, plus one more host with ``--burst``
feeds. ``--workers`` threads fetch and parse every farm feed (hosts interleaved, as the
scheduler hands them out), then all the burst feeds at once (every worker at one host).
Both run twice: through the real gate (robots.txt, database-backed per-host slots with
``--concurrency`` and ``--gap``) and, as the baseline, with no gate. The servers, in
their own process, measure what politeness means for them: the most concurrent requests
and the gaps between request starts each host saw. Side effects: migrates the
configured database and leaves HostState rows for the farm's hosts deleted afterwards.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME = "fetch"
HELP = "items/s and per-host politeness fetching a local farm of feeds"


def add_arguments(parser) -> None:
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    parser.add_argument("--workers", type=int, default=8, help="fetching threads")
    parser.add_argument("--concurrency", type=int, default=2, help="per-host limit")
    parser.add_argument("--gap", type=float, default=0.05, help="seconds between starts per host")
    parser.add_argument("--burst", type=int, default=50, help="feeds on the one-host burst")
    parser.add_argument("--delay", type=float, default=0.0, help="server think time per request")


class _Host:
    """One farm server. Clock read at accept, in the accepting thread; a request counts as
    active from its accept until its answer starts (a window inside the client's slot)."""

    def __init__(self, address: str, bodies: dict[str, bytes], delay_s: float = 0.0) -> None:
        self.bodies, self.starts, self.active, self.max_active = bodies, [], 0, 0
        self.lock = threading.Lock()
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                time.sleep(delay_s)  # a slow server: concurrency starts to matter
                with host.lock:
                    host.active -= 1
                body = host.bodies.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body or b"")))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body or b"")

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def process_request(self, request, client_address) -> None:
                with host.lock:
                    host.starts.append(time.monotonic())
                    host.active += 1
                    host.max_active = max(host.max_active, host.active)
                super().process_request(request, client_address)

        self.httpd = Server((address, 0), Handler)
        self.url = f"http://{address}:{self.httpd.server_address[1]}"
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def reset(self) -> None:
        with self.lock:
            self.starts, self.max_active = [], 0


def _feed(host: int, feed: int, items: int) -> bytes:
    entries = "".join(
        f"<item><title>Host {host} feed {feed} story {i}</title>"
        f"<link>https://h{host}.example/{feed}/{i}?utm_source=rss</link><guid>{host}-{feed}-{i}</guid>"
        f"<pubDate>Mon, 02 Mar 2026 10:{i % 60:02d}:00 GMT</pubDate>"
        f"<description>Paragraph about story {i} of feed {feed}.</description></item>"
        for i in range(items)
    )
    return (
        f'<rss version="2.0"><channel><title>Feed {feed}</title>{entries}</channel></rss>'.encode()
    )


def _start_farm(options: dict) -> tuple[list[_Host], list[str], list[str]]:
    """Farm hosts (the last one is the burst host) and the two URL lists."""
    hosts, urls = [], []
    per_host = max(1, options["feeds"] // options["hosts"])
    for h in range(options["hosts"]):
        bodies = {f"/feed/{f}.xml": _feed(h, f, options["items"]) for f in range(per_host)}
        hosts.append(_Host(f"127.0.0.{h + 1}", bodies, options["delay"]))
    for f in range(per_host):  # interleave hosts, as a scheduler would hand them out
        urls.extend(f"{host.url}/feed/{f}.xml" for host in hosts)
    burst = _Host(
        f"127.0.0.{options['hosts'] + 1}",
        {f"/feed/{f}.xml": _feed(0, f, options["items"]) for f in range(options["burst"])},
        options["delay"],
    )
    hosts.append(burst)
    return hosts, urls, [f"{burst.url}/feed/{f}.xml" for f in range(options["burst"])]


def _farm_main(conn, options: dict) -> None:
    """The farm runs in its own process so the fetchers' GIL cannot skew its clock readings."""
    hosts, urls, burst_urls = _start_farm(options)
    conn.send((urls, burst_urls))
    while True:
        command = conn.recv()
        if command == "stats":
            conn.send({"farm": _politeness(hosts[:-1]), "burst": _politeness(hosts[-1:])})
            for host in hosts:
                host.reset()
        else:
            for host in hosts:
                host.httpd.shutdown()
                host.httpd.server_close()
            conn.send("stopped")
            return


def _run(urls: list[str], gate, workers: int) -> dict:
    from django.db import connection

    from newsdesk.pipeline.fetch import fetch_source
    from newsdesk.pipeline.parse import parse

    def one(url: str) -> tuple[int, str | None]:
        try:
            result = fetch_source(url, gate=gate)
            if not result.ok:
                return 0, result.error
            return len(parse("feed", result.body, url, result.content_type).items), None
        finally:
            connection.close()  # each pool thread has its own connection

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(one, urls))
    elapsed = time.perf_counter() - started
    items = sum(n for n, _ in outcomes)
    errors = [e for _, e in outcomes if e]
    return {"items": items, "errors": len(errors), "first_error": errors[0] if errors else "",
            "elapsed_s": elapsed, "items_per_s": items / elapsed, "feeds_per_s": len(urls) / elapsed}  # fmt: skip


def _politeness(hosts: list[_Host]) -> dict:
    gaps = sorted(
        b - a for h in hosts for a, b in zip(sorted(h.starts), sorted(h.starts)[1:], strict=False)
    )
    return {
        "max_host_concurrency": max(h.max_active for h in hosts),
        "min_host_gap_s": gaps[0],
        "p1_host_gap_s": gaps[len(gaps) // 100],
        "median_host_gap_s": gaps[len(gaps) // 2],
    }


def _scenario(farm, urls: list[str], burst_urls: list[str], gate, workers: int) -> dict:
    """The whole farm, interleaved; then every worker at one host at once (the burst)."""
    figures = _run(urls, gate, workers)
    burst = _run(burst_urls, gate, workers)
    farm.send("stats")
    seen = farm.recv()
    figures.update(seen["farm"])
    figures.update({f"burst_{k}": v for k, v in seen["burst"].items()})
    figures["burst_elapsed_s"] = burst["elapsed_s"]
    figures["errors"] += burst["errors"]
    figures["first_error"] = figures["first_error"] or burst["first_error"]
    return figures


def _floor_failures(result: dict, options: dict) -> list[str]:
    failures = []
    for prefix in ("", "burst_"):
        if result[f"{prefix}max_host_concurrency"] > options["concurrency"]:
            failures.append(
                f"a host saw {result[f'{prefix}max_host_concurrency']} concurrent requests"
            )
        # Servers see starts after each client's own delay between its claim and its
        # request (threads sharing the cores), so single gaps can dip below the setting;
        # the median is the stable check (it is a few ms without the gate).
        if result[f"{prefix}median_host_gap_s"] < options["gap"]:
            failures.append(f"median gap {result[f'{prefix}median_host_gap_s']:.4f} s")
    if result["errors"]:
        failures.append(f"{result['errors']} fetch errors, first: {result['first_error']}")
    return failures


def run(options: dict) -> dict:
    import platform

    import feedparser
    from django.conf import settings
    from django.core.management import call_command

    from newsdesk.pipeline.fetch import Gate
    from newsdesk.sources import politeness
    from newsdesk.sources.models import HostState

    call_command("migrate", verbosity=0)
    settings.FETCH_ALLOWED_NETWORKS = [*settings.FETCH_ALLOWED_NETWORKS, "127.0.0.0/8"]
    limits = {"concurrency": options["concurrency"], "gap_s": options["gap"]}
    polite = Gate(
        lambda host: politeness.host_slot(host, **limits),
        lambda url: politeness.robots_allows(url, **limits),
        politeness.block_host,
    )
    bare = Gate(lambda host: nullcontext(), lambda url: True, lambda host, s: None)
    parent, child = multiprocessing.get_context("fork").Pipe()
    farm = multiprocessing.get_context("fork").Process(target=_farm_main, args=(child, options))
    farm.start()
    urls, burst_urls = parent.recv()
    names = sorted({url.split("//")[1].split(":")[0] for url in urls + burst_urls})
    try:
        HostState.objects.filter(host__in=names).delete()
        baseline = _scenario(parent, urls, burst_urls, bare, options["workers"])
        HostState.objects.filter(host__in=names).delete()
        result = _scenario(parent, urls, burst_urls, polite, options["workers"])
    finally:
        HostState.objects.filter(host__in=names).delete()
        parent.send("stop")
        parent.recv()
        farm.join(timeout=10)
    failures = _floor_failures(result, options)
    return {**result, "feeds": len(urls), "hosts": options["hosts"], "workers": options["workers"],
            "configured_concurrency": options["concurrency"], "configured_gap_s": options["gap"],
            "polite_lower_bound_s": (len(urls) / options["hosts"] - 1) * options["gap"],
            "python": platform.python_version(), "feedparser": feedparser.__version__,
            "baseline": baseline, "floor_failures": failures}  # fmt: skip
