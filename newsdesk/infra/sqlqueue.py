"""A kombu transport over one SQLite file: the embedded default's queue.

Why not kombu's filesystem transport: it writes each message to a file that a consumer
may open before the writer has finished, so a consumer reads an empty or half-written
message (measured: 20 of 20,000) and Celery exits with "Unrecoverable error". Here a
message is a row, written and claimed inside SQLite transactions, so it is seen whole or
not at all.

Delivery is at least once, in the way of SQS: a consumer claims a row by moving its
``visible_at`` into the future (``BEGIN IMMEDIATE``, so two consumers never claim the
same row) and deletes it on ack. A consumer that dies holding a row loses nothing: the
row becomes visible again when its visibility timeout passes, and a live consumer keeps
extending the rows it holds (a task held for its ETA is not handed out twice). A reject
with requeue, or a worker's warm shutdown, makes the row visible at once instead of
writing a copy.

Bindings (which queue an exchange routes to) are rows too, not kombu's per-process
memory, so a fanout reaches every process's queue and a reply finds a queue another
process bound: Celery's remote control works (``celery -A newsdesk inspect ping``
answers from the embedded worker; without fanout Celery turned it off).

A file still locked after ``busy_timeout`` seconds (or a full disk) raises SQLite's
OperationalError, declared a connection error: the worker reconnects and retries, as it
would with a Redis restart, instead of exiting.

URL: ``sqlqueue://`` (the file is ``transport_options["path"]``) or
``sqlqueue:////absolute/path/queue.sqlite3``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from queue import Empty

from kombu.transport import TRANSPORT_ALIASES, virtual

DEFAULT_VISIBILITY_TIMEOUT_S = 600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    visible_at REAL NOT NULL DEFAULT 0,
    deliveries INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS message_ready ON message (queue, visible_at, id);
CREATE TABLE IF NOT EXISTS binding (
    exchange TEXT NOT NULL,
    routing_key TEXT NOT NULL,
    pattern TEXT NOT NULL,
    queue TEXT NOT NULL,
    PRIMARY KEY (exchange, routing_key, pattern, queue)
);
"""


def connect(path: str | Path, busy_timeout: float = 30.0) -> sqlite3.Connection:
    """One connection in WAL mode with autocommit; transactions are explicit."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(_SCHEMA)
    return conn


class Channel(virtual.Channel):
    """Rows in, rows out; the row id travels in the message's delivery info."""

    from_transport_options = (
        *virtual.Channel.from_transport_options,
        "path",
        "visibility_timeout",
        "busy_timeout",
    )
    path: str | None = None
    busy_timeout: float = 30.0
    visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT_S
    supports_fanout = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.path or _path_from_url(self.connection.client.virtual_host)
        if not target:
            raise ValueError(
                "sqlqueue needs a file: set transport_options['path'] or use "
                "sqlqueue:////absolute/path/queue.sqlite3"
            )
        self._lock = threading.Lock()
        self._conn = connect(target, self.busy_timeout)
        self._held: set[int] = set()
        self._noack_queues: set[str] = set()
        self._renewed_at = time.monotonic()

    # --- producing -------------------------------------------------------------------
    def _put(self, queue, message, **kwargs):
        with self._lock:
            self._conn.execute(
                "INSERT INTO message (queue, payload) VALUES (?, ?)",
                (queue, json.dumps(message)),
            )

    def _put_fanout(self, exchange, message, routing_key, **kwargs):
        queues = {queue for _, _, queue in self.get_table(exchange)}
        payload = json.dumps(message)
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT INTO message (queue, payload) VALUES (?, ?)",
                    [(queue, payload) for queue in sorted(queues)],
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    # --- bindings, shared by every process through the file ----------------------------
    def _queue_bind(self, exchange, routing_key, pattern, queue):
        self._execute(
            "INSERT OR IGNORE INTO binding VALUES (?, ?, ?, ?)",
            (exchange, routing_key or "", pattern or "", queue),
        )

    def get_table(self, exchange):
        with self._lock:
            rows = self._conn.execute(
                "SELECT routing_key, pattern, queue FROM binding WHERE exchange = ?",
                (exchange,),
            ).fetchall()
        table = {tuple(row) for row in rows}
        try:  # what this process declared itself (kombu's own table; None for "")
            table |= {tuple(part or "" for part in meta) for meta in super().get_table(exchange)}
        except KeyError:
            pass
        return sorted(table)

    def queue_unbind(self, queue, exchange=None, routing_key="", arguments=None, **kwargs):
        super().queue_unbind(queue, exchange, routing_key, arguments, **kwargs)
        self._forget(queue, exchange, routing_key or "")
        self._execute(
            "DELETE FROM binding WHERE queue = ? AND exchange = ? AND routing_key = ?",
            (queue, exchange or "amq.direct", routing_key or ""),
        )

    def _forget(self, queue, exchange=None, routing_key=None) -> None:
        """Drop bindings of ``queue`` from kombu's in-memory tables too (get_table reads
        both, and kombu edits only the copy get_table returned)."""
        for name, declared in self.state.exchanges.items():
            if exchange in (None, name):
                table = declared.get("table", [])
                table[:] = [
                    meta
                    for meta in table
                    if meta[2] != queue or routing_key not in (None, meta[0] or "")
                ]

    # --- consuming -------------------------------------------------------------------
    def basic_consume(self, queue, no_ack, callback, consumer_tag, **kwargs):
        # A consumer that never acks (Celery's remote-control mailbox) takes rows for good;
        # claimed instead, they would come back after every visibility timeout.
        (self._noack_queues.add if no_ack else self._noack_queues.discard)(queue)
        return super().basic_consume(queue, no_ack, callback, consumer_tag, **kwargs)

    def basic_get(self, queue, no_ack=False, **kwargs):
        if not no_ack:
            return super().basic_get(queue, no_ack, **kwargs)
        try:
            return self.Message(self._get(queue, take=True), channel=self)
        except Empty:
            return None

    def _get(self, queue, timeout=None, take: bool | None = None):
        self._renew_held()
        take = queue in self._noack_queues if take is None else take
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT id, payload FROM message WHERE queue = ? AND visible_at <= ? "
                    "ORDER BY id LIMIT 1",
                    (queue, now),
                ).fetchone()
                if row is not None and take:
                    self._conn.execute("DELETE FROM message WHERE id = ?", (row[0],))
                elif row is not None:
                    self._conn.execute(
                        "UPDATE message SET visible_at = ?, deliveries = deliveries + 1 "
                        "WHERE id = ?",
                        (now + self.visibility_timeout, row[0]),
                    )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        if row is None:
            raise Empty()
        row_id, text = row
        payload = json.loads(text)
        props = payload.setdefault("properties", {})
        # Tags from many producer processes would collide; the consumer names its own.
        props["delivery_tag"] = uuid.uuid4().hex
        if not take:
            props.setdefault("delivery_info", {})["sqlqueue_row"] = row_id
            self._held.add(row_id)
        return payload

    def basic_ack(self, delivery_tag, multiple=False):
        row_id = self._row_of(delivery_tag)
        if row_id is not None:
            self._execute("DELETE FROM message WHERE id = ?", (row_id,))
        super().basic_ack(delivery_tag, multiple=multiple)

    def basic_reject(self, delivery_tag, requeue=False):
        row_id = self._row_of(delivery_tag)
        if row_id is not None:
            if requeue:
                self._execute("UPDATE message SET visible_at = 0 WHERE id = ?", (row_id,))
            else:
                self._execute("DELETE FROM message WHERE id = ?", (row_id,))
            # The row itself is back (or gone): kombu must not write a second copy.
            requeue = False
        super().basic_reject(delivery_tag, requeue=requeue)

    def _restore(self, message):
        """Warm shutdown with unacked messages: make their rows visible again."""
        row_id = message.delivery_info.get("sqlqueue_row")
        if row_id is None:
            return super()._restore(message)
        self._held.discard(row_id)
        self._execute("UPDATE message SET visible_at = 0 WHERE id = ?", (row_id,))

    # --- queue management ------------------------------------------------------------
    def _size(self, queue):
        with self._lock:
            return self._conn.execute(
                "SELECT COUNT(*) FROM message WHERE queue = ?", (queue,)
            ).fetchone()[0]

    def _purge(self, queue):
        with self._lock:
            return self._conn.execute("DELETE FROM message WHERE queue = ?", (queue,)).rowcount

    def queue_delete(self, queue, if_unused=False, if_empty=False, **kwargs):
        # kombu deletes only the bindings this process made; the queue is gone for all.
        if if_empty and self._size(queue):
            return
        super().queue_delete(queue, if_unused, if_empty, **kwargs)
        self._forget(queue)
        self._purge(queue)
        self._execute("DELETE FROM binding WHERE queue = ?", (queue,))

    def close(self):
        super().close()
        with self._lock:
            self._conn.close()

    # --- helpers ---------------------------------------------------------------------
    def _row_of(self, delivery_tag) -> int | None:
        try:
            message = self.qos.get(delivery_tag)
        except KeyError:
            return None
        row_id = message.delivery_info.get("sqlqueue_row")
        self._held.discard(row_id)
        return row_id

    def _execute(self, sql: str, params: tuple) -> None:
        with self._lock:
            self._conn.execute(sql, params)

    def _renew_held(self) -> None:
        """Push back the timeout of rows this consumer still holds (ETA tasks wait long)."""
        if not self._held or time.monotonic() - self._renewed_at < self.visibility_timeout / 3:
            return
        self._renewed_at = time.monotonic()
        held = list(self._held)
        until = time.time() + self.visibility_timeout
        with self._lock:
            self._conn.executemany(
                "UPDATE message SET visible_at = ? WHERE id = ?", [(until, i) for i in held]
            )


class Transport(virtual.Transport):
    Channel = Channel
    # A queue file still locked after the busy timeout, or a full disk, is a broker that
    # is briefly unavailable: kombu and Celery reconnect and retry instead of the worker
    # exiting with "Unrecoverable error".
    connection_errors = (*virtual.Transport.connection_errors, sqlite3.OperationalError)
    # Declared, so kombu keeps retrying after reconnecting (else it gives up at once).
    recoverable_connection_errors = connection_errors
    recoverable_channel_errors = ()
    polling_interval = 0.2
    default_port = 0
    driver_type = "sqlite"
    driver_name = "sqlite3"
    implements = virtual.Transport.implements.extend(
        asynchronous=False, exchange_type=frozenset(["direct", "fanout"])
    )

    def driver_version(self):
        return sqlite3.sqlite_version

    @property
    def default_connection_params(self):
        # No host: the queue is a file. (With kombu's "localhost" default every connection
        # logged "No hostname was supplied", three times at each worker start.)
        return {"port": self.default_port}


def _path_from_url(virtual_host: str | None) -> str | None:
    # kombu strips the first "/" of the URL path: "sqlqueue:////a/b" gives "/a/b".
    if not virtual_host or virtual_host == "/":
        return None
    return virtual_host


def register() -> None:
    """Make ``sqlqueue://`` known to kombu (called where the Celery app is made)."""
    TRANSPORT_ALIASES.setdefault("sqlqueue", "newsdesk.infra.sqlqueue:Transport")
