"""``newsdesk run_desk [--demo]``: the embedded default in one command.

Starts, as supervised child processes of this one (newsdesk/pipeline/supervisor.py): the
public site on gunicorn (a production WSGI server; static files through WhiteNoise), one
Celery worker and Celery beat on the SQLite queue (no Redis, no PostgreSQL) and, with
``--demo``, the local replay server of the bundled demo outlets. A child that dies is
started again with backoff and the site stays up; a worker that stops answering Celery's
ping (hung, not dead) is killed and started again; Ctrl-C (or SIGTERM) stops them all.
Fails loudly if a port is taken.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from newsdesk.pipeline.supervisor import Probe, Supervisor

DEMO_PORT = 8765
WORKER_NODE = "embedded@%h"


class Command(BaseCommand):
    help = "Run the site and the pipeline together on this machine (SQLite, no services)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--demo", action="store_true", help="serve and follow the demo outlets")
        parser.add_argument("--demo-port", type=int, default=DEMO_PORT)
        parser.add_argument(
            "--demo-replay-minutes",
            type=float,
            default=None,
            help="with --demo: release the demo articles over this time (bench soak)",
        )
        parser.add_argument(
            "--web-workers", type=int, default=2, help="gunicorn worker processes (default 2)"
        )
        parser.add_argument(
            "--worker-probe-s",
            type=float,
            default=60.0,
            help="ping the worker this often; 3 unanswered in a row: restart it (0: off)",
        )

    def handle(self, *args, **opts) -> None:
        _require_free_port(opts["host"], opts["port"])
        env = os.environ.copy()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        password = _ensure_editor()
        supervisor = Supervisor()
        try:
            if opts["demo"]:
                _require_free_port("127.0.0.1", opts["demo_port"])
                env = _demo_env(env)
                demo = ["-m", "newsdesk.demo.server", "--port", str(opts["demo_port"])]
                if opts["demo_replay_minutes"] is not None:
                    demo += ["--replay-minutes", str(opts["demo_replay_minutes"])]
                supervisor.add("demo", demo, env)
                _wait_for_port("127.0.0.1", opts["demo_port"])
                call_command("load_demo", base_url=f"http://127.0.0.1:{opts['demo_port']}")
            supervisor.add("worker", _worker_args(), env, _worker_probe(opts["worker_probe_s"]))
            supervisor.add("beat", _beat_args(), env)
            # Start polling at once rather than at the first beat tick.
            from newsdesk.pipeline.tasks import dispatch_due_sources

            dispatch_due_sources.delay()
            supervisor.add("web", web_args(opts["host"], opts["port"], opts["web_workers"]), env)
            _wait_for_port(opts["host"], opts["port"], timeout_s=60)
            self._banner(opts, password)
            supervisor.run()
        finally:
            supervisor.stop()
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
        # One pool process (not the solo pool): task time limits need a process to cut
        # off, and a pool process killed mid-task has its message handed out again.
        "--pool=prefork",
        "--concurrency=1",
        "--queues=celery,cluster",
        # Celery's own lines at WARNING: at INFO every beat tick logged "received" and
        # "succeeded" (about 1,000 lines an hour on an idle desk). newsdesk's loggers
        # keep NEWSDESK_LOG_LEVEL; failures and retries still show.
        "--loglevel=WARNING",
        "-n",
        WORKER_NODE,
    ]


def _worker_probe(every_s: float) -> Probe | None:
    """Does the worker still read its queue? Celery's remote-control ping goes through
    the same SQLite queue as the tasks; the main process answers while its pool works."""
    if every_s <= 0:
        return None
    from celery.utils.nodenames import host_format

    from newsdesk.celery import app

    node = host_format(WORKER_NODE)

    def answers() -> bool:
        return bool(app.control.ping(destination=[node], timeout=10))

    # The grace covers a slow start (migrations checked, the sweeper's first pass).
    return Probe(check=answers, every_s=every_s, misses=3, grace_s=max(120.0, 2 * every_s))


def _beat_args() -> list[str]:
    # Its own process: a beat inside the worker outlived a worker killed with -9.
    return [
        "-m",
        "celery",
        "-A",
        "newsdesk",
        "beat",
        "--loglevel=WARNING",  # not "Sending due task" on every tick
        "--schedule",
        str(settings.DATA_DIR / "celerybeat-schedule"),
    ]


def web_args(host: str, port: int, workers: int) -> list[str]:
    """gunicorn serving newsdesk.wsgi (sync workers: the site's views are short)."""
    if sys.platform == "win32":  # gunicorn needs fork; waitress is the documented option
        raise CommandError("run_desk needs gunicorn, which does not run on Windows; use WSL")
    return [
        "-m",
        "gunicorn",
        "newsdesk.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "30",
        "--graceful-timeout",
        "10",
        "--access-logfile",
        str(settings.LOG_DIR / "access.log"),
        "--error-logfile",
        "-",
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
