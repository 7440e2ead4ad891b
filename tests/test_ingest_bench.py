"""`newsdesk bench fetch` runs end to end on a tiny farm and reports its figures."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_fetch_small_farm(tmp_path):
    out = tmp_path / "fetch.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSDESK_DATA_DIR": str(tmp_path)}
    args = ["--feeds", "20", "--hosts", "2", "--items", "3", "--burst", "6", "--gap", "0.02"]
    command = [sys.executable, "-m", "newsdesk.cli", "bench", "fetch", "--json", str(out), *args]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    figures = json.loads(out.read_text())
    assert figures["items"] == 60 and figures["errors"] == 0
    assert figures["baseline"]["items"] == 60
    assert figures["burst_max_host_concurrency"] <= 2
    assert figures["floor_failures"] == []
