"""``newsdesk bench pipeline``: articles/s through the whole pipeline on a local replay farm.

Starts ``--hosts`` demo replay servers on 127.0.0.2 .. 127.0.0.N+1 (loopback only; each one
a host of its own, so per-host politeness is not the floor), each serving the demo corpus
(98 articles, 20 outlets). Then, in the same run:

1. **extraction alone** (the baseline): this process fetches and extracts every farm page
   in turn, no database, no queue: pages/s on one core.
2. **the pipeline** on Celery, once per ``--workers`` value: ``embedded`` is the embedded
   default's layout (``run_desk``'s one worker with one pool process on both queues, and
   beat); a number is the pool processes of the ``celery`` queue's worker, with the
   cluster worker and beat as in production. Each run goes from
   an empty database to every article final and every story written. Articles/s is over
   the span from the first article stored to the last piece written (process start-up
   excluded). The database and broker are the embedded default's (SQLite, the SQLite
   queue) in a fresh data folder, or ``--database-url`` / ``--broker-url`` (emptied with
   ``flush`` before each run).

The farm's hosts serve the same pages, so every host after the first brings copies: the
dedupe stage catches them and the clusterer and writer see the corpus once. Reported: the
ratio of each run to extraction alone (target >= 0.7 with one worker process), the
speed-up of the last ``--workers`` value over the first, and the machine's cores.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, closing
from pathlib import Path

from django.conf import settings

from newsdesk.demo.server import DemoServer

NAME = "pipeline"
HELP = "articles/s fetch -> extract -> dedupe -> cluster -> write -> publish vs extraction alone"
ENV = {
    "NEWSDESK_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8",
    "NEWSDESK_FETCH_HOST_GAP_S": "0.0",
    "NEWSDESK_FETCH_HOST_CONCURRENCY": "4",
    "NEWSDESK_SCHEDULER_INTERVAL_S": "1",
    "NEWSDESK_SWEEP_INTERVAL_S": "5",
    "NEWSDESK_CLUSTER_HOLD_S": "900",
    "NEWSDESK_SECRET_KEY": "bench-pipeline-shared-key",
}


def add_arguments(parser) -> None:
    parser.add_argument("--hosts", type=int, default=8, help="replay servers (hosts)")
    parser.add_argument(
        "--workers",
        default="embedded,1,2",
        help="runs, comma-separated: 'embedded' (run_desk's one worker on both queues and "
        "its beat) and pool sizes of a 'celery' queue worker beside one cluster worker",
    )
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--broker-url", default="", help="default: the SQLite queue")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")


def run(options: dict) -> dict:
    runs = [n.strip() for n in str(options["workers"]).split(",") if n.strip()]
    with ExitStack() as stack:
        farm = [
            stack.enter_context(DemoServer(host=f"127.0.0.{2 + n}", port=0))
            for n in range(options["hosts"])
        ]
        result: dict = {"cores": os.cpu_count(), "hosts": len(farm)}
        alone = result["extract_alone_pages_per_s"] = _extract_alone(farm)
        for name in runs:
            figures = _pipeline(farm, name, options)
            figures["ratio_to_extract_alone"] = round(figures["articles_per_s"] / alone, 3)
            # flat keys: the report prints scalar figures
            prefix = name if name == "embedded" else f"w{name}"
            result.update({f"{prefix}_{key}": value for key, value in figures.items()})
        sizes = [n for n in runs if n != "embedded"]
        if len(sizes) > 1:
            first, last = (result[f"w{n}_articles_per_s"] for n in (sizes[0], sizes[-1]))
            result[f"speedup_w{sizes[-1]}_vs_w{sizes[0]}"] = round(last / first, 3)
    return result


def _extract_alone(farm: list[DemoServer]) -> float:
    """Pages/s fetching and extracting every farm page in this process, one at a time."""
    from newsdesk.pipeline.extract import ExtractionError, extract
    from newsdesk.pipeline.fetch import Gate, fetch_page

    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    gate = Gate(slot=lambda host: _NoSlot(), allowed=lambda url: True, backoff=lambda h, s: None)
    urls = [server.url_for(a.path) for server in farm for a in server.corpus.articles]
    started = time.perf_counter()
    for url in urls:
        page = fetch_page(url, gate=gate)
        try:
            extract(page.body, page.final_url)
        except ExtractionError:
            pass  # counted like any page: the pipeline pays for it too
    return round(len(urls) / (time.perf_counter() - started), 2)


class _NoSlot:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


def _roles(name: str, folder: Path) -> list[list[str]]:
    beat = ["beat", "--schedule", str(folder / "beat")]
    if name == "embedded":  # as run_desk starts them (pipeline/management/commands/run_desk.py)
        return [["worker", "--pool=prefork", "-c", "1", "-Q", "celery,cluster", "-n", "e@%h"], beat]
    return [
        ["worker", "-Q", "celery", "-c", name, "-n", "main@%h"],
        ["worker", "-Q", "cluster", "--pool=solo", "-n", "cluster@%h"],
        beat,
    ]


def _pipeline(farm: list[DemoServer], name: str, options: dict) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-pipeline-"))
    env = {**os.environ, **ENV, "NEWSDESK_DATA_DIR": str(folder)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for key, option in (
        ("NEWSDESK_DATABASE_URL", "database_url"),
        ("NEWSDESK_BROKER_URL", "broker_url"),
    ):
        if options.get(option):
            env[key] = options[option]
    _newsdesk(env, "migrate", "--noinput")
    if options.get("database_url"):
        _newsdesk(env, "flush", "--noinput")
    for server in farm:
        _newsdesk(env, "load_demo", "--base-url", server.base_url)
    if options.get("broker_url", "").startswith("redis"):
        import redis

        redis.Redis.from_url(options["broker_url"]).flushdb()
    log = open(folder / "workers.log", "w")
    roles = _roles(name, folder)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "newsdesk", *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for args in roles
    ]
    try:
        figures = _wait_drained(env.get("NEWSDESK_DATABASE_URL", ""), folder, options["timeout"])
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)
        log.close()
    return figures


def _newsdesk(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args], env=env, check=True, capture_output=True
    )


SQL_LEFT = (
    "select (select count(*) from articles_article where state in ('pending', 'extracted'))"
    " + (select count(*) from stories_story where dirty or write_claimed_until is not null)"
)
SQL_FIGURES = (
    "select (select count(*) from articles_article),"
    " (select count(*) from articles_article where state = 'duplicate'),"
    " (select count(*) from stories_storyarticle),"
    " (select count(*) from stories_storyarticle where status = 'published'),"
    " (select min(created_at) from articles_article),"
    " (select max(updated_at) from stories_storyarticle)"
)


def _wait_drained(database_url: str, folder: Path, timeout_s: float) -> dict:
    deadline, steady, last = time.monotonic() + timeout_s, 0, None
    while time.monotonic() < deadline:
        time.sleep(1)
        left, figures = _read(database_url, folder)
        steady = steady + 1 if not left and figures == last and figures[2] else 0
        last = figures
        if steady >= 3:
            articles, copies, pieces, published, first, done = figures
            span = (_when(done) - _when(first)).total_seconds()
            return {
                "articles": articles,
                "duplicates": copies,
                "pieces": pieces,
                "published": published,
                "span_s": round(span, 2),
                "articles_per_s": round(articles / span, 2),
                **_stages(database_url, folder, _when(first)),
            }
    raise RuntimeError(f"the pipeline did not drain in {timeout_s:g} s (see {folder}/workers.log)")


# Where the span went, from the task run log: per stage, the seconds its tasks were busy
# (summed over processes) and when its first and last task started, from the span's start.
STAGES = {
    "ingest": "ingest_source",
    "extract": "process_article",
    "cluster": "cluster_article",
    "write": "refresh_story",
}
SQL_STAGES = (
    "select task, sum(duration_s), min(started_at), max(started_at) from pipeline_taskrun"
    " group by task"
)


def _stages(database_url: str, folder: Path, first) -> dict:
    rows = {task.rsplit(".", 1)[-1]: rest for task, *rest in _rows(database_url, folder)}
    figures = {}
    for stage, task in STAGES.items():
        busy, start, end = rows.get(task, (0.0, None, None))
        figures[f"{stage}_busy_s"] = round(busy or 0.0, 2)
        if start is not None:
            figures[f"{stage}_from_s"] = round((_when(start) - first).total_seconds(), 2)
            figures[f"{stage}_to_s"] = round((_when(end) - first).total_seconds(), 2)
    return figures


def _query(database_url: str, folder: Path, *sql: str) -> list[list[tuple]]:
    """Every row of each statement, on one connection to the run's database."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as conn:
            return [conn.execute(one).fetchall() for one in sql]
    with closing(sqlite3.connect(folder / "newsdesk.sqlite3", timeout=30)) as conn:
        return [conn.execute(one).fetchall() for one in sql]


def _rows(database_url: str, folder: Path) -> list[tuple]:
    return _query(database_url, folder, SQL_STAGES)[0]


def _read(database_url: str, folder: Path) -> tuple[int, tuple]:
    left, figures = _query(database_url, folder, SQL_LEFT, SQL_FIGURES)
    return left[0][0], tuple(figures[0])


def _when(value):
    from datetime import datetime

    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
