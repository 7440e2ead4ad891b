"""``newsdesk bench soak --minutes N``: the embedded default left alone, as a user would.

Starts ``run_desk --demo`` (site on gunicorn, worker, beat, demo outlets, all supervised)
on a fresh data folder and free ports, then for N minutes samples every 15 s: the site
answers, the supervised children's pids, and the rows (articles by state, stories,
published pieces). Reports process deaths (supervisor log lines), site failures, the
final counts, and whether run_desk stopped cleanly on SIGINT with no process left.
The figure that matters: zero deaths and zero failed site requests.
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
import urllib.request
from pathlib import Path

NAME = "soak"
HELP = "Leave run_desk --demo running N minutes: deaths, site failures, rows"


def add_arguments(parser) -> None:
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _counts(db: Path) -> dict:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            states = dict(conn.execute("SELECT state, COUNT(*) FROM articles_article GROUP BY 1"))
            stories = conn.execute("SELECT COUNT(*) FROM stories_story").fetchone()[0]
            published = conn.execute(
                "SELECT COUNT(*) FROM stories_storyarticle WHERE status='published'"
            ).fetchone()[0]
    except sqlite3.Error:
        return {}
    return {"articles": states, "stories": stories, "published": published}


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(") ", 1)[1].split()[1]) == pid:
                        found.add(int(entry))
            except OSError:
                continue
    return found


def run(options: dict) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-soak-"))
    port, demo_port = _free_port(), _free_port()
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(folder), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log_path = folder / "run_desk.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "run_desk", "--demo",
             "--port", str(port), "--demo-port", str(demo_port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    started = time.monotonic()
    deadline = started + options["minutes"] * 60
    requests = failures = 0
    seen_children: set[int] = set()
    samples = []
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(15)
        requests += 1
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                failures += response.status != 200
        except OSError:
            failures += time.monotonic() - started > 60  # allow start-up
        seen_children |= _children(proc.pid)
        samples.append(_counts(folder / "newsdesk.sqlite3"))
    alive_at_end = proc.poll() is None
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = "killed"
    time.sleep(1)
    left = [p for p in seen_children if os.path.exists(f"/proc/{p}")]
    text = log_path.read_text(errors="replace")
    deaths = re.findall(r"(\w+) exited with code (-?\d+)", text)
    final = samples[-1] if samples else {}
    result = {
        "minutes": round((time.monotonic() - started) / 60, 1),
        "run_desk_alive_at_end": alive_at_end,
        "process_deaths": len(deaths),
        "deaths": ", ".join(f"{name}:{code}" for name, code in deaths) or "none",
        "site_requests": requests,
        "site_failures": failures,
        "articles_by_state": str(final.get("articles", {})),
        "stories": final.get("stories", 0),
        "published": final.get("published", 0),
        "tracebacks_in_log": text.count("Traceback"),
        "exit_code_on_sigint": code,
        "processes_left_after_stop": len(left),
        "data_folder": str(folder) if options.get("keep") else "(removed)",
    }
    if not options.get("keep"):
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return result
