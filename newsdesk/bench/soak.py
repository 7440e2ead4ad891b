"""``newsdesk bench soak --minutes N``: the embedded default left alone on a fast news day.

Starts ``newsdesk run_desk --demo`` (the supervised web, worker, beat and demo server,
exactly what ``make run`` starts) on a fresh data folder, with the demo outlets
releasing their 98 articles one by one over the first ``--replay-share`` of the run
and sources polled every minute. Once run_desk says it is running (``start_s``), the
home page is fetched every ``--probe-s`` seconds for ``--minutes``.
At the end run_desk is stopped as Ctrl-C would, and the figures are read from its log
and its database:

- ``deaths``: children that exited (each was started again by the supervisor;
  ``restarts``), by role in ``deaths_by_role``; the goal is 0, or exactly the
  ``worker_kills`` injected with ``--kill-worker-every-min`` (a fault: the worker killed
  with -9, only while articles arrive; ``NEWSDESK_WORK_LEASE_S`` is then 120 s so the
  sweeper hands its half-done work out again within the run: ``not_final`` must be 0).
- ``site_probes`` / ``site_failures``: home-page fetches and those that did not get 200.
- ``worker_answers_ping``: at the end, the worker answered ``celery inspect ping`` (it is
  not only alive but reading its queue).
- ``articles`` (and by state), ``not_final`` (still pending or extracted), ``stories``,
  ``pieces``, ``published``.
- ``errors``: ERROR lines and tracebacks in run_desk's output, where every child logs
  (first few in ``error_samples``).
- ``exit_code`` of run_desk after the stop and ``left_running``: its processes alive after.

The data folder is kept (its path is in ``data_dir``) for reading the logs afterwards.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from newsdesk.pipeline import procs

NAME = "soak"
HELP = "run_desk --demo on a fast replay for N minutes: deaths, site failures, counts, errors"
_DIED = re.compile(r"(\w+) exited with code (-?\d+)")
_STARTED = re.compile(r"started (\w+) \(pid")


def add_arguments(parser) -> None:
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument(
        "--replay-share", type=float, default=0.75, help="part of the run the articles arrive in"
    )
    parser.add_argument("--probe-s", type=float, default=15.0)
    parser.add_argument("--data-dir", default=None, help="default: a new temporary folder")
    parser.add_argument(
        "--kill-worker-every-min",
        type=float,
        default=0.0,
        help="fault: kill -9 the worker this often (0: never)",
    )


def run(options: dict) -> dict:
    data = Path(options["data_dir"] or tempfile.mkdtemp(prefix="newsdesk-soak-"))
    data.mkdir(parents=True, exist_ok=True)
    port, demo_port = _free_port(), _free_port()
    minutes = options["minutes"]
    log_path = data / "run_desk.out"
    env = _environment(data, faults=options["kill_worker_every_min"] > 0)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "run_desk", "--demo"]
            + ["--port", str(port), "--demo-port", str(demo_port)]
            + ["--demo-replay-minutes", f"{minutes * options['replay_share']:.2f}"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started_s = _wait_until_running(proc, log_path)
        # Faults only while articles arrive; the rest of the run is for draining.
        kills_until_s = minutes * 60 * options["replay_share"]
        probes, failures, kills = _probe_until(
            proc, port, minutes * 60, options["probe_s"], options["kill_worker_every_min"] * 60,
            kills_until_s,
        )  # fmt: skip
        answers = _worker_answers(env)
        family = list(procs.descendants(proc.pid))
        proc.send_signal(signal.SIGINT)
        try:
            exit_code = proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            exit_code = proc.wait()
    time.sleep(1)  # SIGKILLed leftovers are reaped by init a moment later
    output = log_path.read_text(errors="replace")
    deaths = Counter(role for role, _code in _DIED.findall(output))
    started = Counter(_STARTED.findall(output))
    return {
        "minutes": minutes,
        "start_s": started_s,
        "worker_kills": kills,
        "deaths": sum(deaths.values()),
        "deaths_by_role": dict(deaths),
        "restarts": sum(n - 1 for n in started.values() if n > 1),
        "site_probes": probes,
        "site_failures": failures,
        "worker_answers_ping": answers,
        **_counts(data / "newsdesk.sqlite3"),
        **_errors(output),
        "exit_code": exit_code,
        "left_running": len([pid for pid in family if procs.alive(pid)]),
        "data_dir": str(data),
    }


def _environment(data: Path, faults: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        NEWSDESK_DATA_DIR=str(data),
        # The demo feeds say ttl 30 min; a fast day needs them read every minute.
        NEWSDESK_POLL_MIN_INTERVAL_S="15",
        NEWSDESK_POLL_MAX_INTERVAL_S="60",
        PYTHONUNBUFFERED="1",
    )
    if faults:
        # A killed worker's half-done work comes back when its lease ends (sweeper, every
        # minute): shortened from 15 minutes so that happens within the run.
        env["NEWSDESK_WORK_LEASE_S"] = "120"
    return env


def _worker_answers(env: dict) -> bool:
    """Alive is not enough: the worker still reads its queue if it answers Celery's
    remote-control ping (through the same SQLite queue as its tasks)."""
    done = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "newsdesk", "inspect", "ping", "-t", "10"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return "pong" in done.stdout


def _wait_until_running(proc: subprocess.Popen, log_path: Path, limit_s: float = 300) -> float:
    """Seconds until run_desk printed its banner (migrate, collectstatic, site up)."""
    began = time.monotonic()
    while time.monotonic() - began < limit_s and proc.poll() is None:
        if "newsdesk is running" in log_path.read_text(errors="replace"):
            break
        time.sleep(1)
    return round(time.monotonic() - began, 1)


def _probe_until(proc, port, seconds, every_s, kill_every_s, kills_until_s):
    """Probe the home page until ``seconds`` pass; kill -9 the worker every ``kill_every_s``
    until ``kills_until_s``."""
    from django.conf import settings

    from newsdesk.infra.http import fetch

    # The one HTTP module, told that this machine's own site may be reached.
    settings.FETCH_ALLOWED_NETWORKS = [*settings.FETCH_ALLOWED_NETWORKS, "127.0.0.1/32"]
    probes = failures = kills = 0
    began = time.monotonic()
    deadline = began + seconds
    next_kill = began + kill_every_s if kill_every_s > 0 else float("inf")
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(min(every_s, max(0.0, deadline - time.monotonic())))
        probes += 1
        failures += fetch(f"http://127.0.0.1:{port}/", deadline_s=10).status != 200
        if next_kill <= time.monotonic() < began + kills_until_s:
            kills += _kill_worker(proc.pid)
            next_kill += kill_every_s
    return probes, failures, kills


def _kill_worker(pid: int) -> int:
    """kill -9 run_desk's Celery worker (its main process, the pool dies with it)."""
    for child in procs.descendants(pid).values():
        words = child.cmdline.split()
        if "celery" in words and "worker" in words and child.parent == pid:
            os.kill(child.pid, signal.SIGKILL)
            return 1
    return 0


def _counts(db: Path) -> dict:
    from newsdesk.articles.models import Article
    from newsdesk.stories.models import Story, StoryArticle

    if not db.exists():
        return {"articles": 0}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        by_state = dict(
            conn.execute(f"SELECT state, COUNT(*) FROM {Article._meta.db_table} GROUP BY state")
        )
        pieces = dict(
            conn.execute(
                f"SELECT status, COUNT(*) FROM {StoryArticle._meta.db_table} GROUP BY status"
            )
        )
        stories = conn.execute(f"SELECT COUNT(*) FROM {Story._meta.db_table}").fetchone()[0]
    return {
        "articles": sum(by_state.values()),
        "articles_by_state": by_state,
        "not_final": by_state.get("pending", 0) + by_state.get("extracted", 0),
        "stories": stories,
        "pieces": sum(pieces.values()),
        "published": pieces.get("published", 0),
    }


def _errors(output: str) -> dict:
    # Every process logs to run_desk's console (the newsdesk log file holds the same lines).
    lines = [
        line
        for line in output.splitlines()
        if (" ERROR " in line or "ERROR/" in line) and not _DIED.search(line)
    ]
    return {
        "errors": len(lines),
        "tracebacks": output.count("Traceback (most recent call last)"),
        "error_samples": lines[:5],
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
