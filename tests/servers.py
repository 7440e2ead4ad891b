"""Real PostgreSQL and Redis servers on 127.0.0.1 for the scale-out tests.

Each helper starts a throw-away server in a temporary folder and yields its URL; the
test is skipped (not failed) when the server binaries are not installed.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_DIRS = ["/usr/local/bin", *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def _pg_tool(name: str) -> str | None:
    for folder in PG_BIN_DIRS:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def _as_db_user(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; drop to the packaged 'postgres' user when we are.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class Postgres:
    """A running throw-away PostgreSQL: its URL, and a restart (for the fault tests)."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://newsdesk@127.0.0.1:{self.port}/newsdesk"

    def url_of(self, database: str) -> str:
        return f"postgresql://newsdesk@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_db_user([_pg_tool("pg_ctl"), "-D", str(self.folder / "data"), *args]),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._ctl("-l", str(self.folder / "pg.log"), "-w", "-o", options, "start")
        _wait_port(self.port)

    def restart(self) -> None:
        """Stop with every connection cut (fast shutdown), then start again."""
        self._ctl("-m", "fast", "-w", "stop")
        self.start()


@contextlib.contextmanager
def postgres_instance():
    initdb, pg_ctl = _pg_tool("initdb"), _pg_tool("pg_ctl")
    if not initdb or not pg_ctl or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("PostgreSQL server binaries are not installed")
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = Postgres(folder, free_port())
    subprocess.run(
        _as_db_user(
            [initdb, "-D", str(folder / "data"), "-U", "newsdesk", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    server.start()
    try:
        createdb = _pg_tool("createdb") or "createdb"
        subprocess.run(
            _as_db_user(
                [createdb, "-h", "127.0.0.1", "-p", str(server.port), "-U", "newsdesk", "newsdesk"]
            ),
            check=True,
        )
        yield server
    finally:
        subprocess.run(
            _as_db_user([pg_ctl, "-D", str(folder / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_server():
    with postgres_instance() as server:
        yield server.url


class Redis:
    """A running Redis without persistence: its URL, and a restart that loses every
    message it held (for the fault tests)."""

    def __init__(self, binary: str) -> None:
        self.binary, self.port = binary, free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen([self.binary, *args], stdout=subprocess.DEVNULL)
        _wait_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@contextlib.contextmanager
def redis_instance():
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    server = Redis(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def redis_server():
    with redis_instance() as server:
        yield server.url
