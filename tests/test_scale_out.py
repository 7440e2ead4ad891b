"""The scale-out deployment: the same task code on Celery workers with a real Redis broker
and a real PostgreSQL database (both started by the test on 127.0.0.1)."""

import os
import subprocess
import sys
import time

import pytest

from newsdesk.demo.server import DemoServer
from tests.servers import postgres_server, redis_server

pytest.importorskip("psycopg")
pytest.importorskip("redis")


def _newsdesk(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def _celery(env: dict, log, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsdesk", *args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _published(database_url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        pieces = conn.execute(
            "select count(*) from stories_storyarticle where status = 'published'"
        ).fetchone()[0]
        dupes = conn.execute(
            "select count(*) - count(distinct canonical_url) from articles_article"
        ).fetchone()[0]
    return pieces, dupes


@pytest.mark.slow
def test_workers_on_redis_and_postgresql_publish_the_demo(tmp_path):
    with postgres_server() as database_url, redis_server() as broker_url:
        demo = DemoServer(host="127.0.0.1", port=0)
        demo.start()
        env = {
            **os.environ,
            "NEWSDESK_DATABASE_URL": database_url,
            "NEWSDESK_BROKER_URL": broker_url,
            "NEWSDESK_SECRET_KEY": "test-key-shared-by-every-worker",
            "NEWSDESK_DATA_DIR": str(tmp_path),
            "NEWSDESK_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
            "NEWSDESK_FETCH_HOST_GAP_S": "0.01",
            "NEWSDESK_FETCH_HOST_CONCURRENCY": "4",
            "NEWSDESK_SCHEDULER_INTERVAL_S": "2",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        _newsdesk(env, "migrate", "--noinput")
        _newsdesk(env, "load_demo", "--base-url", demo.base_url)
        log = open(tmp_path / "workers.log", "w")
        procs = [
            _celery(env, log, "worker", "-Q", "celery", "-c", "2", "-n", "main@%h"),
            _celery(env, log, "worker", "-Q", "cluster", "--pool=solo", "-n", "cluster@%h"),
            _celery(env, log, "beat", "--schedule", str(tmp_path / "beat")),
        ]
        try:
            deadline, pieces = time.monotonic() + 150, 0
            while time.monotonic() < deadline and pieces < 5:
                time.sleep(3)
                pieces, dupes = _published(database_url)
            assert pieces >= 5, (tmp_path / "workers.log").read_text()[-4000:]
            assert dupes == 0
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=30)
            demo.stop()
            log.close()
