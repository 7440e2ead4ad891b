"""Unattended on the scale-out deployment: a fault injected mid-run delays the work,
never loses or duplicates it (issue 12).

Each run starts from an empty database (a copy of one migrated template holding the demo
sources) on real PostgreSQL and Redis servers, with the demo corpus served on 127.0.0.1,
one Celery worker for fetching and writing, one for clustering and one beat. Once the
work has drained, the run's outcome (articles by state, copies, the stories' members,
pieces, published pieces) must equal the fault-free run with one worker process, and no
article or story may be left half-way. Leases, the sweeper and the scheduler run on
second-scale intervals here so that a run takes well under a minute.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.demo.server import DemoServer
from newsdesk.pipeline import procs
from tests.servers import postgres_instance, redis_instance

psycopg = pytest.importorskip("psycopg")
pytest.importorskip("redis")
pytestmark = pytest.mark.slow

FAST = {
    "NEWSDESK_WORK_LEASE_S": "6",
    "NEWSDESK_SWEEP_INTERVAL_S": "2",
    "NEWSDESK_SCHEDULER_INTERVAL_S": "1",
    # Longer than any recovery below, so a fault never makes the cluster stage go ahead
    # without the articles it waits for.
    "NEWSDESK_CLUSTER_HOLD_S": "90",
    "NEWSDESK_FETCH_HOST_GAP_S": "0.01",
    "NEWSDESK_FETCH_HOST_CONCURRENCY": "4",
}
RUN_DEADLINE_S = 150


class Farm:
    """One run: the worker processes on a fresh copy of the template database."""

    def __init__(self, env: dict, folder: Path, concurrency: int) -> None:
        self.env, self.folder, self.concurrency = env, folder, concurrency
        self.log = open(folder / "workers.log", "a")
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, role: str) -> None:
        args = {
            "main": ["worker", "-Q", "celery", "-c", str(self.concurrency), "-n", "main@%h"],
            "cluster": ["worker", "-Q", "cluster", "--pool=solo", "-n", "cluster@%h"],
            "beat": ["beat", "--schedule", str(self.folder / "beat")],
        }[role]
        self.procs[role] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "newsdesk", *args],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the pool dies with it below
        )

    def kill(self, role: str) -> None:
        """kill -9 of the role's main process (its pool children are left as orphans)."""
        os.kill(self.procs[role].pid, signal.SIGKILL)
        self.procs[role].wait(timeout=10)

    def pool_children(self) -> list[int]:
        main = self.procs["main"].pid
        return [p.pid for p in procs.descendants(main).values() if p.parent == main]

    def stop(self) -> None:
        for proc in self.procs.values():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
        self.log.close()


def _query(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url, connect_timeout=5) as conn:
        return conn.execute(sql).fetchall()


def outcome(url: str) -> dict:
    """What a run produced, in terms that do not depend on row ids."""
    members: dict[int, set[str]] = {}
    for story_id, canonical in _query(
        url,
        "select m.story_id, a.canonical_url from stories_storymember m "
        "join articles_article a on a.id = m.article_id",
    ):
        members.setdefault(story_id, set()).add(canonical)
    pieces = _query(url, "select status, count(*) from stories_storyarticle group by status")
    return {
        "articles": dict(_query(url, "select state, count(*) from articles_article group by 1")),
        "stories": {frozenset(m) for m in members.values()},
        "pieces": dict(pieces),
    }


def unfinished(url: str) -> int:
    """Articles and stories not in a final state (waiting for a step, or being written)."""
    articles = _query(
        url, "select count(*) from articles_article where state in ('pending', 'extracted')"
    )[0][0]
    stories = _query(
        url,
        "select count(*) from stories_story where dirty or write_claimed_until is not null",
    )[0][0]
    return articles + stories


def progress(url: str) -> tuple[int, int]:
    """(articles past their page fetch, articles placed in a story)."""
    rows = dict(_query(url, "select state, count(*) from articles_article group by 1"))
    done = sum(n for state, n in rows.items() if state != "pending")
    return done, rows.get("clustered", 0) + rows.get("duplicate", 0)


def drain(url: str, farm: Farm) -> dict:
    """Wait until nothing is left to do and the outcome stays the same for a few seconds."""
    deadline, last, steady = time.monotonic() + RUN_DEADLINE_S, None, 0
    while time.monotonic() < deadline:
        time.sleep(1)
        try:
            if unfinished(url):
                steady = 0
                continue
            now = outcome(url)
        except psycopg.OperationalError:
            continue  # the database is restarting
        steady = steady + 1 if now == last else 0
        last = now
        if steady >= 3 and sum(now["pieces"].values()):
            return now
    log = (farm.folder / "workers.log").read_text()[-6000:]
    raise AssertionError(f"the run did not drain: {progress(url)}\n{log}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """PostgreSQL with a migrated template database holding the demo sources, Redis, and
    the demo replay server."""
    with postgres_instance() as pg, redis_instance() as redis:
        demo = DemoServer(host="127.0.0.1", port=0)
        demo.start()
        env = {
            **os.environ,
            **FAST,
            "NEWSDESK_DATABASE_URL": pg.url_of("template_demo"),
            "NEWSDESK_BROKER_URL": redis.url,
            "NEWSDESK_SECRET_KEY": "test-key-shared-by-every-worker",
            "NEWSDESK_DATA_DIR": str(tmp_path_factory.mktemp("data")),
            "NEWSDESK_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute("create database template_demo")
        for args in (["migrate", "--noinput"], ["load_demo", "--base-url", demo.base_url]):
            subprocess.run(
                [sys.executable, "-m", "newsdesk.cli", *args],
                env=env,
                check=True,
                capture_output=True,
                timeout=180,
            )
        try:
            yield pg, redis, env
        finally:
            demo.stop()


_runs = iter(range(1, 100))


def run(servers, tmp_path: Path, concurrency: int, fault=None) -> dict:
    """One run from an empty database; ``fault(farm, pg, redis, url)`` is called mid-run."""
    pg, redis, env = servers
    database = f"run_{next(_runs)}"
    with psycopg.connect(pg.url, autocommit=True) as conn:
        conn.execute(f"create database {database} template template_demo")
    redis_flush(redis)
    url = pg.url_of(database)
    farm = Farm({**env, "NEWSDESK_DATABASE_URL": url}, tmp_path, concurrency)
    try:
        for role in ("cluster", "main", "beat"):
            farm.start(role)
        if fault is not None:
            fault(farm, pg, redis, url)
        return drain(url, farm)
    finally:
        farm.stop()


def redis_flush(redis) -> None:
    import redis as client

    client.Redis.from_url(redis.url).flushall()


def wait_for(url: str, fetched: int = 0, clustered: int = 0) -> None:
    deadline = time.monotonic() + RUN_DEADLINE_S
    while time.monotonic() < deadline:
        try:
            done, placed = progress(url)
        except psycopg.OperationalError:
            done, placed = 0, 0
        if done >= fetched and placed >= clustered:
            return
        time.sleep(0.2)
    raise AssertionError(f"no progress to {fetched} fetched / {clustered} clustered")


def kill_worker_main(farm, pg, redis, url):
    wait_for(url, fetched=30)
    farm.kill("main")
    farm.start("main")  # as systemd or a supervisor would


def kill_pool_child(farm, pg, redis, url):
    wait_for(url, fetched=30)
    children = farm.pool_children()
    assert children, "the worker has no pool process to kill"
    os.kill(children[0], signal.SIGKILL)


def kill_cluster_worker(farm, pg, redis, url):
    wait_for(url, clustered=20)
    farm.kill("cluster")
    farm.start("cluster")


def restart_redis(farm, pg, redis, url):
    wait_for(url, fetched=30)
    redis.restart()  # persistence off: every queued message is gone


def restart_postgres(farm, pg, redis, url):
    wait_for(url, fetched=30)
    pg.restart()


@pytest.fixture(scope="module")
def baseline(servers, tmp_path_factory):
    """The fault-free run with one worker process."""
    result = run(servers, tmp_path_factory.mktemp("baseline"), concurrency=1)
    assert result["articles"].get("clustered", 0) > 50 and result["articles"].get("duplicate")
    assert len(result["stories"]) > 10 and result["pieces"].get("published")
    return result


@pytest.mark.parametrize(
    "fault",
    [
        None,
        kill_worker_main,
        kill_pool_child,
        kill_cluster_worker,
        restart_redis,
        restart_postgres,
    ],
    ids=lambda f: getattr(f, "__name__", "no_fault"),
)
def test_a_fault_mid_run_changes_nothing_once_the_work_drains(servers, baseline, tmp_path, fault):
    # Two worker processes here against one in the baseline: the same outcome either way.
    result = run(servers, tmp_path, concurrency=2, fault=fault)
    assert result["articles"] == baseline["articles"]
    assert result["pieces"] == baseline["pieces"]
    assert result["stories"] == baseline["stories"]
