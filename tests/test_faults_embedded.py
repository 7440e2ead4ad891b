"""Unattended on the embedded default: kill -9 of the worker under ``run_desk`` delays the
work, never loses or duplicates it (issue 12; the scale-out faults are in test_faults.py).

Two runs of ``run_desk --demo`` from empty data folders (SQLite database, SQLite queue):
one left alone, one whose worker is killed with -9 once 30 articles are past their page
fetch (the supervisor starts it again). Once each run has drained, the outcome (articles
by state, every story's members, pieces by status) must be the same, and nothing may be
left half-way.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsdesk.pipeline import procs

pytestmark = pytest.mark.slow

FAST = {
    "NEWSDESK_WORK_LEASE_S": "6",
    "NEWSDESK_SWEEP_INTERVAL_S": "2",
    "NEWSDESK_SCHEDULER_INTERVAL_S": "1",
    "NEWSDESK_CLUSTER_HOLD_S": "90",  # longer than the restart: the batch waits for it
    "NEWSDESK_FETCH_HOST_GAP_S": "0.01",
    "NEWSDESK_FETCH_HOST_CONCURRENCY": "4",
}
DEADLINE_S = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _query(folder: Path, sql: str) -> list[tuple]:
    db = folder / "newsdesk.sqlite3"
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
        return conn.execute(sql).fetchall()


def outcome(folder: Path) -> dict:
    """What a run produced, in terms that do not depend on row ids."""
    members: dict[int, set[str]] = {}
    for story_id, canonical in _query(
        folder,
        "select m.story_id, a.canonical_url from stories_storymember m "
        "join articles_article a on a.id = m.article_id",
    ):
        # each run serves the demo on its own port: compare paths
        members.setdefault(story_id, set()).add(urlsplit(canonical).path)
    return {
        "articles": dict(_query(folder, "select state, count(*) from articles_article group by 1")),
        "stories": {frozenset(m) for m in members.values()},
        "pieces": dict(
            _query(folder, "select status, count(*) from stories_storyarticle group by 1")
        ),
    }


def unfinished(folder: Path) -> int:
    articles = _query(
        folder, "select count(*) from articles_article where state in ('pending', 'extracted')"
    )[0][0]
    stories = _query(
        folder, "select count(*) from stories_story where dirty or write_claimed_until is not null"
    )[0][0]
    return articles + stories


def fetched(folder: Path) -> int:
    return _query(folder, "select count(*) from articles_article where state != 'pending'")[0][0]


def run_desk(folder: Path, kill_worker_at: int | None = None) -> dict:
    env = {**os.environ, **FAST, "NEWSDESK_DATA_DIR": str(folder), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(folder / "run.log", "w")
    args = ["run_desk", "--demo", "--port", str(_free_port()), "--demo-port", str(_free_port())]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", *args], env=env, stdout=log, stderr=log
    )
    killed, last, steady = False, None, 0
    deadline = time.monotonic() + DEADLINE_S
    try:
        # A close watch until the kill: the worker fetches a demo article every few ms.
        while kill_worker_at is not None and not killed and time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                if fetched(folder) >= kill_worker_at:
                    killed = _kill_worker(proc.pid)
                    (folder / "killed_at").write_text(str(fetched(folder)))
            except sqlite3.OperationalError:
                continue  # not migrated yet, or locked for a moment
        while time.monotonic() < deadline:
            time.sleep(1)
            assert proc.poll() is None, (folder / "run.log").read_text()[-3000:]
            try:
                if unfinished(folder):
                    steady = 0
                    continue
                now = outcome(folder)
            except sqlite3.OperationalError:
                continue  # not migrated yet, or locked for a moment
            steady = steady + 1 if now == last else 0
            last = now
            if (
                steady >= 3
                and sum(now["pieces"].values())
                and killed == (kill_worker_at is not None)
            ):
                return now
        raise AssertionError(f"did not drain: {(folder / 'run.log').read_text()[-4000:]}")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        log.close()


def _kill_worker(run_desk_pid: int) -> bool:
    for child in procs.descendants(run_desk_pid).values():
        words = child.cmdline.split()
        if "worker" in words and "celery" in words and child.parent == run_desk_pid:
            os.kill(child.pid, signal.SIGKILL)
            return True
    return False


def test_kill_9_of_the_embedded_worker_changes_nothing_once_the_work_drains(tmp_path):
    (tmp_path / "calm").mkdir()
    (tmp_path / "killed").mkdir()
    calm = run_desk(tmp_path / "calm")
    assert calm["articles"].get("clustered", 0) > 50 and calm["pieces"].get("published")
    killed = run_desk(tmp_path / "killed", kill_worker_at=30)
    assert "worker exited with code -9" in (tmp_path / "killed" / "run.log").read_text()
    # mid-run: most of the articles still had their page fetch ahead of them
    assert int((tmp_path / "killed" / "killed_at").read_text()) < 60
    assert killed == calm
