"""``newsdesk bench site``: the public site's speed on the production server.

A fresh SQLite data folder (the embedded default; ``NEWSDESK_DATABASE_URL`` is ignored
so no real database is touched) is filled by ``_sitedata.build``: ``--pieces``
published pieces of 400-800 words, 10 categories, 50 tags, ``--comments`` comments on
the 100 newest. Two gunicorn servers (``--workers`` sync workers each, as ``run_desk``
starts them) serve it on loopback: one with the page cache off
(``NEWSDESK_PAGE_CACHE_ENTRIES=0``), one with it on. A static file the size of an
article page, served by the same server (WhiteNoise), is the baseline.

Cells: home, article (``ARTICLE_URLS`` rotated), category (all 10 rotated, first page)
and search (20 two-word queries rotated), each without the cache and with it
(``<page>_cached``; search is never cached, so its two figures differ only by noise),
plus the static file; at each ``--concurrency``; ``--seconds`` each; ``--repeats``
rounds, interleaved (every cell once per round), the median round reported. Reported per
cell and concurrency: requests/s, p50/p95/p99 ms, errors, and the ratio to the static
file's requests/s in the same round. The ``--json`` figures are the top-level
``<page>`` / ``<page>_cached`` entries at concurrency 8 and ``static_rps``.
``--quick``: 1,000 pieces, 200 comments, 3 s cells, one round.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from newsdesk.bench import _load

NAME = "site"
HELP = "Public site on gunicorn: requests/s and p50/p95/p99, page cache off and on, vs static"
PAGES = ("home", "article", "category", "search")
STATIC_PATH = "/static/bench/article.html"


def add_arguments(parser) -> None:
    parser.add_argument("--pieces", type=int, default=10000)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0, help="per cell")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--concurrency", default="1,8", help="comma-separated")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--raw-kb", type=int, default=32, help="raw HTML per source row")
    parser.add_argument("--quick", action="store_true", help="1,000 pieces, 3 s cells, 1 round")
    parser.add_argument("--data-dir", default=None, help="default: a new temporary folder")


def run(options: dict) -> dict:
    if options["quick"]:
        options = {**options, "pieces": 1000, "comments": 200, "seconds": 3.0, "repeats": 1}
    data = Path(options["data_dir"] or tempfile.mkdtemp(prefix="newsdesk-bench-site-"))
    env = _env(data)
    started = time.perf_counter()
    site = _prepare(env, options)
    build_s = time.perf_counter() - started
    paths = _paths(site)
    servers = {
        "plain": _serve(env, data, options["workers"], cache=False),
        "cached": _serve(env, data, options["workers"], cache=True),
    }
    try:
        for base in servers.values():
            _warm(base, paths)
        rounds = _rounds(servers, paths, options)
    finally:
        for base in servers.values():
            _stop(base)
    return _report(rounds, options, site, build_s, str(data))


def _env(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        NEWSDESK_DATA_DIR=str(data),
        NEWSDESK_SECRET_KEY="bench-site-not-secret",
        NEWSDESK_SEARCH_PER_MINUTE="1000000000",  # the load generator is one client
        NEWSDESK_LOG_LEVEL="WARNING",
    )
    return env


BUILD = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
import django
django.setup()
from django.test import Client
from newsdesk.bench._sitedata import build
site = build(*json.loads(sys.argv[1]))
pages = [Client().get(f"/news/{slug}/") for slug in site["articles"][:20]]
assert all(p.status_code == 200 for p in pages), [p.status_code for p in pages]
site["article_bytes"] = sum(len(p.content) for p in pages) // len(pages)
print("SITE " + json.dumps(site))
"""


def _prepare(env: dict, options: dict) -> dict:
    """Migrate, fill, and write the static file of an article page's size."""
    cli = [sys.executable, "-m", "newsdesk.cli"]
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*cli, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
    args = json.dumps([options["pieces"], options["comments"], options["raw_kb"]])
    done = subprocess.run(
        [sys.executable, "-c", BUILD, args], env=env, capture_output=True, text=True, check=False
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("SITE ")), None)
    if done.returncode or line is None:
        raise RuntimeError(f"building the bench site failed:\n{done.stderr[-3000:]}")
    site = json.loads(line[len("SITE ") :])
    static = Path(env["NEWSDESK_DATA_DIR"], "static", "bench", "article.html")
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_text("x" * site["article_bytes"])
    return site


def _paths(site: dict) -> dict[str, list[str]]:
    return {
        "home": ["/"],
        "article": [f"/news/{slug}/" for slug in site["articles"]],
        "category": [f"/category/{slug}/" for slug in site["categories"]],
        "search": [f"/search/?q={quote(words)}" for words in site["searches"]],
        "static": [STATIC_PATH],
    }


_PROCS: dict[str, subprocess.Popen] = {}


def _serve(env: dict, data: Path, workers: int, cache: bool) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**env, "NEWSDESK_PAGE_CACHE_ENTRIES": "2000" if cache else "0"}
    command = [sys.executable, "-m", "gunicorn", "newsdesk.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30"]
    log = open(data / f"gunicorn-{'cached' if cache else 'plain'}.log", "w")  # noqa: SIM115
    base = f"http://127.0.0.1:{port}"
    _PROCS[base] = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _load.get(base, STATIC_PATH, timeout=2) == 200:
                return base
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base}; see {log.name}")


def _stop(base: str) -> None:
    proc = _PROCS.pop(base)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def _warm(base: str, paths: dict[str, list[str]]) -> None:
    """Every URL once (and the pages a second time), so each worker has imported
    everything and the cache-on server holds the pages before the clock starts."""
    for urls in paths.values():
        for url in urls * 2:
            if _load.get(base, url) != 200:
                raise RuntimeError(f"{base}{url} did not answer 200 before the run")


def _cells(paths: dict) -> list[tuple[str, str, list[str]]]:
    """(name, server, paths) for every cell of a round: pages off and on, then static."""
    cells = [(page, "plain", paths[page]) for page in PAGES]
    cells += [(f"{page}_cached", "cached", paths[page]) for page in PAGES]
    return [*cells, ("static", "plain", paths["static"])]


def _rounds(servers: dict, paths: dict, options: dict) -> list[dict]:
    levels = [int(c) for c in str(options["concurrency"]).split(",") if c.strip()]
    rounds = []
    for _ in range(options["repeats"]):
        figures: dict = {}
        for level in levels:
            for name, server, urls in _cells(paths):
                cell = _load.measure(servers[server], urls, level, options["seconds"])
                figures.setdefault(str(level), {})[name] = cell
        rounds.append(figures)
    return rounds


def _report(rounds: list[dict], options: dict, site: dict, build_s: float, data: str) -> dict:
    by_level: dict = {}
    for level in rounds[0]:
        by_level[level] = {}
        for name in rounds[0][level]:
            cells = [r[level][name] for r in rounds]
            ratios = [
                c["rps"] / r[level]["static"]["rps"] for c, r in zip(cells, rounds, strict=True)
            ]
            middle = sorted(cells, key=lambda c: c["rps"])[len(cells) // 2]
            by_level[level][name] = {
                "rps": round(middle["rps"], 1),
                "p50_ms": round(middle["p50_ms"], 2),
                "p95_ms": round(middle["p95_ms"], 2),
                "p99_ms": round(middle["p99_ms"], 2),
                "ratio_to_static": round(statistics.median(ratios), 4),
                "errors": sum(c["errors"] for c in cells),
            }
    top = by_level.get("8") or by_level[max(by_level, key=int)]
    result: dict = {name: figures for name, figures in top.items() if name != "static"}
    result["static_rps"] = top["static"]["rps"]
    result.update(
        by_concurrency=by_level,
        pieces=options["pieces"],
        comments=options["comments"],
        seconds_per_cell=options["seconds"],
        repeats=options["repeats"],
        workers=options["workers"],
        article_bytes=site["article_bytes"],
        load_tool=_load.tool(),
        build_s=round(build_s, 1),
        data_dir=data,
    )
    return result
