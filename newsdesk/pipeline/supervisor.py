"""Keeps run_desk's processes alive: a child that dies is started again, with backoff.

Why: the embedded default is left alone for days. Before, one dead child (the worker
after a queue error, say) made run_desk exit and took the site down with it, and a
worker killed with -9 left its embedded beat behind as an orphan that kept queueing.
Now every role (web, worker, beat, demo) is its own child in its own process group; a
death is logged with its exit code and the child is started again after 1 s, 2 s, 4 s …
(capped; reset once a child has run for a minute). Stopping sends SIGTERM to each child,
which stops its own workers (gunicorn's, Celery's pool), waits, then SIGKILLs what is
left in each group, so nothing outlives run_desk. On Linux the children also get SIGTERM
if run_desk itself is killed.

Alive is not the same as working: a child may also have a probe (for the worker, "does
it answer Celery's remote-control ping"). Once the child has had ``grace_s`` to start,
the probe runs every ``every_s``; after ``misses`` failures in a row the child is taken
for hung (a deadlock, a process stopped with SIGSTOP), killed with -9 and, like any
dead child, started again.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("newsdesk.supervisor")

BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 60.0
HEALTHY_AFTER_S = 60.0
STOP_GRACE_S = 15.0


@dataclass
class Probe:
    check: Callable[[], bool]
    every_s: float = 60.0
    misses: int = 3
    grace_s: float = 120.0
    failed: int = 0
    last_at: float = 0.0


@dataclass
class Child:
    name: str
    args: list[str]
    env: dict
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    backoff_s: float = BACKOFF_FIRST_S
    deaths: list[int] = field(default_factory=list)
    probe: Probe | None = None
    hung_kills: int = 0


class Supervisor:
    def __init__(self, backoff_first_s: float = BACKOFF_FIRST_S) -> None:
        self.children: list[Child] = []
        self.backoff_first_s = backoff_first_s
        self.stopping = False

    def add(self, name: str, args: list[str], env: dict, probe: Probe | None = None) -> Child:
        child = Child(name, args, env, backoff_s=self.backoff_first_s, probe=probe)
        self.children.append(child)
        self._start(child)
        return child

    def check(self) -> None:
        """One round: note deaths, start again whatever is due."""
        now = time.monotonic()
        for child in self.children:
            if child.proc is not None and child.proc.poll() is not None:
                self._died(child, now)
            if child.proc is None and child.restart_at is not None and now >= child.restart_at:
                self._start(child)
            elif child.proc is not None and child.probe is not None:
                self._probe(child, now)

    def run(self, interval_s: float = 0.5) -> None:
        """Supervise until SIGINT or SIGTERM, then stop every child."""

        def _request_stop(signum, frame):
            self.stopping = True

        signal.signal(signal.SIGINT, _request_stop)
        signal.signal(signal.SIGTERM, _request_stop)
        try:
            while not self.stopping:
                self.check()
                time.sleep(interval_s)
        finally:
            self.stop()

    def stop(self) -> None:
        """SIGTERM every child (last started first), then SIGKILL its whole group.

        Only the child itself gets SIGTERM: gunicorn's master and Celery's main process
        stop their own workers in order (a running task finishes); a pool process that
        got the signal directly would die mid-task and be logged as an error.
        """
        self.stopping = True
        alive = [c for c in reversed(self.children) if c.proc and c.proc.poll() is None]
        for child in alive:
            child.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for child in alive:
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop in %.0f s: killed", child.name, STOP_GRACE_S)
        # Whatever is left in any group (a pool child that ignored SIGTERM) goes now.
        for child in self.children:
            if child.proc is not None:
                _signal_group(child.proc, signal.SIGKILL)
                child.proc.wait()

    def _probe(self, child: Child, now: float) -> None:
        probe = child.probe
        if now - child.started_at < probe.grace_s or now - probe.last_at < probe.every_s:
            return
        probe.last_at = now
        try:
            answered = probe.check()
        except Exception:  # a probe that cannot run says nothing about the child
            log.exception("probe of %s failed to run", child.name)
            return
        probe.failed = 0 if answered else probe.failed + 1
        if probe.failed >= probe.misses:
            log.error(
                "%s did not answer %d probes in a row: killed as hung", child.name, probe.failed
            )
            child.hung_kills += 1
            _signal_group(child.proc, signal.SIGKILL)

    def _start(self, child: Child) -> None:
        child.proc = subprocess.Popen(
            [sys.executable, *child.args],
            env=child.env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        if child.probe is not None:
            child.probe.failed = 0
        log.info("started %s (pid %d)", child.name, child.proc.pid)

    def _died(self, child: Child, now: float) -> None:
        code = child.proc.returncode
        child.deaths.append(code)
        # Its own children (a pool process) must not live on without it.
        _signal_group(child.proc, signal.SIGKILL)
        child.proc = None
        if self.stopping:
            return
        if now - child.started_at >= HEALTHY_AFTER_S:
            child.backoff_s = self.backoff_first_s
        child.restart_at = now + child.backoff_s
        log.error(
            "%s exited with code %s after %.0f s; starting it again in %.0f s",
            child.name,
            code,
            now - child.started_at,
            child.backoff_s,
        )
        child.backoff_s = min(child.backoff_s * 2, BACKOFF_MAX_S)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
