"""run_desk's supervisor with real processes: a killed child comes back, stop leaves none."""

import logging
import os
import signal
import socket
import time

from newsdesk.pipeline import procs
from newsdesk.pipeline.supervisor import Probe, Supervisor

# A child that starts a grandchild in its group, as gunicorn and Celery's pool do.
PARENT_WITH_GRANDCHILD = (
    "import subprocess, sys, time\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
    "time.sleep(120)\n"
)


def _wait_for(predicate, timeout_s=10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_child_killed_with_minus_9_is_started_again_with_backoff():
    sup = Supervisor(backoff_first_s=0.2)
    child = sup.add("sleeper", ["-c", "import time; time.sleep(120)"], dict(os.environ))
    try:
        first = child.proc.pid
        os.kill(first, signal.SIGKILL)
        assert _wait_for(
            lambda: (sup.check(), child.proc is not None and child.proc.pid != first)[1]
        )
        assert child.deaths == [-signal.SIGKILL]
        # A second quick death waits twice as long before the next start.
        second = child.proc.pid
        os.kill(second, signal.SIGKILL)
        assert _wait_for(lambda: (sup.check(), child.proc is None)[1])
        assert child.restart_at - time.monotonic() > 0.25
        assert _wait_for(lambda: (sup.check(), child.proc is not None)[1])
    finally:
        sup.stop()
    assert not procs.alive(child.proc.pid)


def test_stop_leaves_no_process_of_any_group_behind():
    sup = Supervisor()
    a = sup.add("a", ["-c", PARENT_WITH_GRANDCHILD], dict(os.environ))
    b = sup.add("b", ["-c", "import time; time.sleep(120)"], dict(os.environ))
    assert _wait_for(lambda: len(procs.group(a.proc.pid)) == 2)
    pids = procs.group(a.proc.pid) + procs.group(b.proc.pid)
    sup.stop()
    # SIGKILLed orphans are reaped by init a moment later.
    assert _wait_for(lambda: [p for p in pids if procs.alive(p)] == [], 5)


def test_a_dead_childs_grandchildren_do_not_outlive_it():
    sup = Supervisor(backoff_first_s=30)
    child = sup.add("a", ["-c", PARENT_WITH_GRANDCHILD], dict(os.environ))
    try:
        assert _wait_for(lambda: len(procs.group(child.proc.pid)) == 2)
        pgid = child.proc.pid
        os.kill(pgid, signal.SIGKILL)
        assert _wait_for(lambda: (sup.check(), child.proc is None)[1])
        assert _wait_for(lambda: procs.group(pgid) == [])
    finally:
        sup.stop()


def test_exit_code_is_logged(caplog):
    # The "newsdesk" logger does not propagate to the root logger caplog listens on.
    logging.getLogger("newsdesk.supervisor").addHandler(caplog.handler)
    sup = Supervisor(backoff_first_s=30)
    sup.add("quitter", ["-c", "import sys; sys.exit(3)"], dict(os.environ))
    try:
        with caplog.at_level("ERROR", logger="newsdesk.supervisor"):
            assert _wait_for(lambda: (sup.check(), "exited" in caplog.text)[1])
        assert "quitter exited with code 3" in caplog.text
    finally:
        sup.stop()
        logging.getLogger("newsdesk.supervisor").removeHandler(caplog.handler)


SUPERVISING = (
    "import os, sys\n"
    "from newsdesk.pipeline.supervisor import Supervisor\n"
    "sup = Supervisor()\n"
    "sup.add('a', ['-c', sys.argv[1]], dict(os.environ))\n"
    "sup.add('b', ['-c', 'import time; time.sleep(120)'], dict(os.environ))\n"
    "sup.run(interval_s=0.1)\n"
)


def _supervising_process():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", SUPERVISING, PARENT_WITH_GRANDCHILD])
    # run_desk's children: two supervised processes and a grandchild of the first.
    assert _wait_for(lambda: len(list(procs.descendants(proc.pid))) == 3, 20), list(
        procs.descendants(proc.pid)
    )
    return proc, list(procs.descendants(proc.pid))


def test_sigterm_to_the_supervisor_leaves_no_process():
    proc, family = _supervising_process()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert _wait_for(lambda: [p for p in family if procs.alive(p)] == [], 5)


def test_children_do_not_outlive_a_supervisor_killed_with_minus_9():
    proc, family = _supervising_process()
    children = [p for p in family if procs.parent(p) == proc.pid]
    assert len(children) == 2
    proc.kill()
    proc.wait(timeout=10)
    # The kernel sends each child SIGTERM (PR_SET_PDEATHSIG); gunicorn's master and
    # Celery's main process stop their own workers on it (here a plain child just dies).
    assert _wait_for(lambda: [p for p in children if procs.alive(p)] == [], 5)
    for pid in family:  # the grandchild, which a plain child does not stop
        if procs.alive(pid):
            os.kill(pid, signal.SIGKILL)


# A child that answers "pong" to every connection on the port given to it.
ANSWERS_ON_PORT = (
    "import socket, sys\n"
    "server = socket.socket()\n"
    "server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
    "server.bind(('127.0.0.1', int(sys.argv[1])))\n"
    "server.listen()\n"
    "while True:\n"
    "    conn, _ = server.accept()\n"
    "    conn.sendall(b'pong')\n"
    "    conn.close()\n"
)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            return conn.recv(4) == b"pong"
    except OSError:
        return False


def test_a_hung_child_that_stops_answering_its_probe_is_killed_and_started_again(caplog):
    """SIGSTOP is a real hang: the process is alive, holds its port, answers nothing."""
    logging.getLogger("newsdesk.supervisor").addHandler(caplog.handler)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sup = Supervisor(backoff_first_s=0.2)
    probe = Probe(check=lambda: _answers(port), every_s=0.2, misses=3, grace_s=1.0)
    child = sup.add("answerer", ["-c", ANSWERS_ON_PORT, str(port)], dict(os.environ), probe)
    try:
        assert _wait_for(lambda: _answers(port), 20)
        # Answering: probed for a while, never killed.
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            sup.check()
            time.sleep(0.05)
        assert child.hung_kills == 0 and child.deaths == []
        hung = child.proc.pid
        os.kill(hung, signal.SIGSTOP)
        with caplog.at_level("ERROR", logger="newsdesk.supervisor"):
            assert _wait_for(
                lambda: (sup.check(), child.proc is not None and child.proc.pid != hung)[1], 20
            )
        assert child.hung_kills == 1 and child.deaths == [-signal.SIGKILL]
        assert "answerer did not answer 3 probes in a row: killed as hung" in caplog.text
        assert not procs.alive(hung)
        assert _wait_for(lambda: _answers(port), 20)  # the new one answers
    finally:
        sup.stop()
        logging.getLogger("newsdesk.supervisor").removeHandler(caplog.handler)
