"""pipeline/procs: the process tree as /proc shows it."""

import os
import signal
import subprocess
import sys

import pytest

from newsdesk.pipeline import procs
from tests.test_supervisor import _wait_for

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="Linux /proc only")

PARENT = (
    "import subprocess, sys, time\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', 'grandchild'])\n"
    "time.sleep(60)\n"
)


def test_descendants_parent_alive_and_group():
    proc = subprocess.Popen([sys.executable, "-c", PARENT], start_new_session=True)
    try:
        assert _wait_for(lambda: len(procs.descendants(os.getpid())) >= 2)
        assert _wait_for(lambda: len(procs.descendants(proc.pid)) == 1)
        below = procs.descendants(proc.pid)
        (grandchild,) = below.values()
        assert grandchild.parent == proc.pid and grandchild.cmdline.endswith("grandchild")
        assert procs.parent(grandchild.pid) == proc.pid
        assert proc.pid in procs.descendants(os.getpid())
        assert sorted(procs.group(proc.pid)) == sorted([proc.pid, grandchild.pid])
        os.kill(proc.pid, signal.SIGKILL)
        assert _wait_for(lambda: not procs.alive(proc.pid))  # a zombie until reaped
        assert procs.read(proc.pid).state == "Z"
        proc.wait(timeout=5)
        assert procs.read(proc.pid) is None and procs.parent(proc.pid) == -1
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
