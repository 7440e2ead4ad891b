"""``newsdesk run_desk [--demo]``: the embedded default in one command.

Starts, as child processes of this one: the public site (Django's threaded server), one
Celery worker (solo pool, embedded beat, the SQLite queue: no Redis, no PostgreSQL) and,
with ``--demo``, the local replay server that serves the bundled demo outlets. Ctrl-C
(or SIGTERM) stops them all. Fails loudly if a port is taken.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_PORT = 8765


class Command(BaseCommand):
    help = "Run the site and the pipeline together on this machine (SQLite, no services)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--demo", action="store_true", help="serve and follow the demo outlets")
        parser.add_argument("--demo-port", type=int, default=DEMO_PORT)

    def handle(self, *args, **opts) -> None:
        _require_free_port(opts["host"], opts["port"])
        env = os.environ.copy()
        call_command("migrate", interactive=False, verbosity=0)
        password = _ensure_editor()
        children: list[subprocess.Popen] = []
        try:
            if opts["demo"]:
                _require_free_port("127.0.0.1", opts["demo_port"])
                env = _demo_env(env)
                children.append(
                    _spawn(
                        ["-m", "newsdesk.demo.server", "--port", str(opts["demo_port"])],
                        env,
                        "demo",
                    )
                )
                _wait_for_port("127.0.0.1", opts["demo_port"])
                call_command("load_demo", base_url=f"http://127.0.0.1:{opts['demo_port']}")
            children.append(_spawn(_worker_args(), env, "worker"))
            # Start polling at once rather than at the first beat tick.
            from newsdesk.pipeline.tasks import dispatch_due_sources

            dispatch_due_sources.delay()
            children.append(
                _spawn(
                    [
                        "-m",
                        "newsdesk.cli",
                        "runserver",
                        "--noreload",
                        "--insecure",
                        f"{opts['host']}:{opts['port']}",
                    ],
                    env,
                    "web",
                )
            )
            self._banner(opts, password)
            _wait(children)
        finally:
            _stop(children)
            self.stdout.write("newsdesk stopped.")

    def _banner(self, opts: dict, password: str | None) -> None:
        site = f"http://{opts['host']}:{opts['port']}"
        login = (
            f"user 'editor', password '{password}'"
            if password
            else (
                "user 'editor' (password as set before; `newsdesk changepassword editor` resets it)"
            )
        )
        self.stdout.write(
            "\n".join(
                [
                    "",
                    f"  newsdesk is running.   Site:  {site}/",
                    f"  Admin: {site}/admin/   Desk: {site}/desk/   log in as {login}",
                    f"  Log:   {settings.LOG_DIR / 'newsdesk.log'}",
                    f"  Data:  {settings.DATA_DIR}",
                    "  Stories appear as the pipeline fetches, clusters and writes. Ctrl-C stops.",
                    "",
                ]
            )
        )


def _worker_args() -> list[str]:
    return [
        "-m",
        "celery",
        "-A",
        "newsdesk",
        "worker",
        "--beat",
        "--pool=solo",
        "--queues=celery,cluster",
        "--loglevel=INFO",
        "--schedule",
        str(settings.DATA_DIR / "celerybeat-schedule"),
    ]


def _demo_env(env: dict) -> dict:
    """The demo outlets live on this machine: allow loopback and shorten the host gap."""
    env = dict(env)
    allowed = [n for n in env.get("NEWSDESK_FETCH_ALLOWED_NETWORKS", "").split(",") if n]
    env["NEWSDESK_FETCH_ALLOWED_NETWORKS"] = ",".join([*allowed, "127.0.0.1/32"])
    # Every demo outlet shares one local host; real hosts keep the 5 s default.
    env.setdefault("NEWSDESK_FETCH_HOST_GAP_S", "0.05")
    env.setdefault("NEWSDESK_FETCH_HOST_CONCURRENCY", "4")
    return env


def _ensure_editor() -> str | None:
    """Create the 'editor' superuser on first run; returns its new password, else None."""
    users = get_user_model()
    if users.objects.filter(username="editor").exists():
        return None
    password = secrets.token_urlsafe(9)
    users.objects.create_superuser("editor", "editor@localhost", password)
    (settings.DATA_DIR / "editor-password.txt").write_text(password + "\n")
    return password


def _spawn(args: list[str], env: dict, name: str) -> subprocess.Popen:
    # New session so Ctrl-C reaches us first and we stop children in order; on Linux the
    # children also get SIGTERM if this process dies without cleaning up (kill -9).
    return subprocess.Popen(
        [sys.executable, *args], env=env, start_new_session=True, preexec_fn=_die_with_parent
    )


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _wait(children: list[subprocess.Popen]) -> None:
    stop = {"now": False}

    def _handler(signum, frame):
        stop["now"] = True

    signal.signal(signal.SIGINT, _handler)
    signal.signal(signal.SIGTERM, _handler)
    while not stop["now"]:
        for child in children:
            if child.poll() is not None:
                raise CommandError(
                    f"a child process exited with code {child.returncode}: "
                    f"{' '.join(child.args[1:4])}; see the log"
                )
        time.sleep(0.5)


def _stop(children: list[subprocess.Popen]) -> None:
    for child in reversed(children):
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in reversed(children):
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()


def _require_free_port(host: str, port: int) -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port}: {exc}") from None


def _wait_for_port(host: str, port: int, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise CommandError(f"nothing answered on {host}:{port} within {timeout_s:.0f} s")
