"""`newsdesk run_desk --demo` (what `make run` starts): real Celery worker with embedded
beat on the SQLite queue, the site and the demo server, stopped cleanly by Ctrl-C."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=40)
        log.close()
    assert code == 0, (tmp_path / "run.log").read_text()[-3000:]
    # Nothing left listening after Ctrl-C.
    for p in (port, demo_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", p)) != 0
