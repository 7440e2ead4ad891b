"""`newsdesk run_desk --demo` (what `make run` starts): real Celery worker and beat on the
SQLite queue, the site on gunicorn and the demo server. A worker or beat killed with -9
is started again while the site stays up; Ctrl-C stops everything, leaving no process."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from newsdesk.pipeline import procs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _commands(pid: int) -> dict[int, str]:
    """pid -> command line of every live process below ``pid``."""
    return {child.pid: child.cmdline for child in procs.descendants(pid).values()}


def _role_pid(pid: int, *words: str) -> int:
    """The supervised child (a direct child of run_desk) running ``words``."""
    for child in procs.descendants(pid).values():
        if all(w in child.cmdline.split() for w in words) and child.parent == pid:
            return child.pid
    raise AssertionError(f"no child running {words}: {_commands(pid)}")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
        return response.read().decode()


@pytest.mark.slow
def test_run_desk_publishes_demo_stories_and_stops_on_ctrl_c(tmp_path):
    port, demo_port = _free_port(), _free_port()
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(tmp_path / "run.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsdesk.cli",
            "run_desk",
            "--demo",
            "--port",
            str(port),
            "--demo-port",
            str(demo_port),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        home = ""
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            time.sleep(3)
            assert proc.poll() is None, (tmp_path / "run.log").read_text()[-3000:]
            try:
                home = _get(f"http://127.0.0.1:{port}/")
            except OSError:
                continue
            if re.search(r'href="/news/[^"]+/"', home):
                break
        assert re.search(r'href="/news/[^"]+/"', home), (tmp_path / "run.log").read_text()[-3000:]
        printed = (tmp_path / "run.log").read_text()
        assert f"http://127.0.0.1:{port}/admin/" in printed and "editor" in printed
        assert "gunicorn" in " ".join(_commands(proc.pid).values())

        # kill -9 the worker and the beat: both come back, the site never goes down.
        worker = _role_pid(proc.pid, "worker", "--pool=prefork")
        beat = _role_pid(proc.pid, "beat")
        os.kill(worker, signal.SIGKILL)
        os.kill(beat, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert re.search(r'href="/news/[^"]+/"', _get(f"http://127.0.0.1:{port}/"))
            roles = _commands(proc.pid).values()
            if sum("worker" in c.split() for c in roles) and sum(
                "beat" in c.split() for c in roles
            ):
                if worker not in _commands(proc.pid) and beat not in _commands(proc.pid):
                    break
            time.sleep(0.5)
        assert _role_pid(proc.pid, "worker", "--pool=prefork") != worker
        assert _role_pid(proc.pid, "beat") != beat
        printed = (tmp_path / "run.log").read_text()
        assert "worker exited with code -9" in printed and "beat exited with code -9" in printed
        everyone = _commands(proc.pid)
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=40)
        log.close()
    assert code == 0, (tmp_path / "run.log").read_text()[-3000:]
    # No process of run_desk's (gunicorn's workers, beat, the worker) outlives it.
    left = [pid for pid in everyone if os.path.exists(f"/proc/{pid}")]
    assert not left, {pid: everyone[pid] for pid in left}
    # Nothing left listening after Ctrl-C.
    for p in (port, demo_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", p)) != 0
