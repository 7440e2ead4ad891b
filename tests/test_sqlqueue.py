"""The embedded default's queue: whole messages, exactly once, nothing lost to a kill -9."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from kombu import Connection, Exchange, Queue

from newsdesk.infra import sqlqueue

sqlqueue.register()


def _conn(path, visibility=30.0) -> Connection:
    return Connection(
        "sqlqueue://",
        transport_options={"path": str(path), "visibility_timeout": visibility},
    )


def _produce(path: str, start: int, count: int) -> None:
    with _conn(path) as conn:
        queue = conn.SimpleQueue("work")
        for i in range(start, start + count):
            # Big enough bodies that a half-written message would show.
            queue.put({"n": i, "pad": "x" * 2000})
        queue.close()


def _consume_and_hang(path: str, ready) -> None:
    """Take two messages, never ack them, wait to be killed."""
    with _conn(path, visibility=2.0) as conn:
        queue = conn.SimpleQueue("work")
        queue.get(timeout=10)
        queue.get(timeout=10)
        ready.set()
        time.sleep(60)


def _drain(path, visibility=30.0, timeout=2.0) -> list[int]:
    seen = []
    with _conn(path, visibility) as conn:
        queue = conn.SimpleQueue("work")
        while True:
            try:
                message = queue.get(timeout=timeout)
            except queue.Empty:
                break
            assert message.payload["pad"] == "x" * 2000
            seen.append(message.payload["n"])
            message.ack()
        queue.close()
    return seen


def test_concurrent_producers_every_message_exactly_once_and_whole(tmp_path):
    path = tmp_path / "q.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    producers = [ctx.Process(target=_produce, args=(str(path), i * 1000, 300)) for i in range(3)]
    for p in producers:
        p.start()
    seen = []
    # Consume while the producers write: a row is either there whole or not at all.
    deadline = time.monotonic() + 60
    while (len(seen) < 900) and time.monotonic() < deadline:
        seen += _drain(path, timeout=0.5)
    for p in producers:
        p.join(30)
        assert p.exitcode == 0
    seen += _drain(path, timeout=0.5)
    expected = [i * 1000 + k for i in range(3) for k in range(300)]
    assert sorted(seen) == expected


def test_messages_held_by_a_killed_consumer_come_back(tmp_path):
    path = tmp_path / "q.sqlite3"
    _produce(str(path), 0, 5)
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    consumer = ctx.Process(target=_consume_and_hang, args=(str(path), ready))
    consumer.start()
    assert ready.wait(30)
    os.kill(consumer.pid, signal.SIGKILL)
    consumer.join(10)
    # At once only the three unclaimed ones are there; after the timeout, all five.
    assert sorted(_drain(path, timeout=0.3)) == [2, 3, 4]
    time.sleep(2.2)
    assert sorted(_drain(path, timeout=0.3)) == [0, 1]


def test_reject_with_requeue_returns_the_same_row_not_a_copy(tmp_path):
    path = tmp_path / "q.sqlite3"
    _produce(str(path), 0, 1)
    with _conn(path) as conn:
        queue = conn.SimpleQueue("work")
        message = queue.get(timeout=2)
        message.requeue()
        again = queue.get(timeout=2)
        assert again.payload["n"] == 0
        again.ack()
        with pytest.raises(queue.Empty):
            queue.get(timeout=0.3)
        assert conn.default_channel._size("work") == 0


def test_a_live_consumer_keeps_its_held_rows(tmp_path):
    """Rows held past the timeout (a task waiting for its ETA) are extended, not re-sent."""
    path = tmp_path / "q.sqlite3"
    _produce(str(path), 0, 2)
    with _conn(path, visibility=1.5) as holder:
        queue = holder.SimpleQueue("work")
        first = queue.get(timeout=2)
        assert first.payload["n"] == 0
        later = []
        for _ in range(6):  # polls renew the held row every visibility/3
            time.sleep(0.4)
            try:
                message = queue.get(timeout=0.05)
            except queue.Empty:
                continue
            later.append(message.payload["n"])
            message.ack()
        # 2.4 s > the 1.5 s timeout: without renewal message 0 would come round again.
        assert later == [1]
        assert _drain(path, visibility=1.5, timeout=0.3) == []
        first.ack()


def test_missing_path_is_a_clear_error():
    with pytest.raises(ValueError, match="sqlqueue needs a file"):
        _ = Connection("sqlqueue://").default_channel


def _publish(path: str, exchange: str, kind: str, routing_key: str) -> None:
    """A fresh process that declares only the exchange, never the queues it reaches."""
    with _conn(path) as conn:
        target = Exchange(exchange, kind, durable=False)
        conn.Producer().publish(
            {"to": routing_key}, exchange=target, routing_key=routing_key, declare=[target]
        )


def _in_other_process(*args) -> None:
    process = multiprocessing.get_context("spawn").Process(target=_publish, args=args)
    process.start()
    process.join(60)
    assert process.exitcode == 0


def _take(conn, queue: Queue, timeout=2.0, no_ack=False) -> list:
    got = []
    with conn.Consumer(queue, callbacks=[lambda body, m: got.append((body, m))], no_ack=no_ack):
        try:
            while True:
                conn.drain_events(timeout=timeout)
        except TimeoutError:
            pass
    for _, message in got:
        if not no_ack:
            message.ack()
    return [body for body, _ in got]


def test_bindings_are_shared_so_fanout_and_replies_cross_processes(tmp_path):
    """Celery's remote control: a broadcast reaches every worker's queue, and a worker's
    reply reaches the queue the asking process bound (kombu kept bindings per process)."""
    path = str(tmp_path / "q.sqlite3")
    broadcast = Exchange("bcast", "fanout", durable=False)
    reply = Exchange("reply", "direct", durable=False)
    with _conn(path) as one, _conn(path) as two:
        mine = Queue("one.box", broadcast, channel=one)
        theirs = Queue("two.box", broadcast, channel=two)
        answers = Queue("answers", reply, routing_key="ticket-1", channel=one)
        for queue in (mine, theirs, answers):
            queue.declare()
        _in_other_process(path, "bcast", "fanout", "")
        _in_other_process(path, "reply", "direct", "ticket-1")
        _in_other_process(path, "reply", "direct", "ticket-2")  # bound by no one: dropped
        assert _take(one, mine, 0.5) == [{"to": ""}]
        assert _take(two, theirs, 0.5) == [{"to": ""}]
        assert _take(one, answers, 0.5) == [{"to": "ticket-1"}]
        answers.delete()
        assert one.default_channel.get_table("reply") == []
        mine.unbind_from(broadcast)
        _in_other_process(path, "bcast", "fanout", "")
        one.Producer().publish({"to": "own"}, exchange=broadcast)  # the process that unbound
        assert _take(two, theirs, 0.5) == [{"to": ""}, {"to": "own"}]
        assert one.default_channel._size("one.box") == 0
    with _conn(path) as conn:
        assert [q for _, _, q in conn.default_channel.get_table("bcast")] == ["two.box"]
        assert conn.default_channel.get_table("reply") == []


def test_a_consumer_without_acks_takes_its_rows_for_good(tmp_path):
    """Celery's mailbox never acks: a claimed row would come back after each timeout."""
    path = tmp_path / "q.sqlite3"
    _produce(str(path), 0, 2)
    with _conn(path, visibility=0.5) as conn:
        queue = Queue("work", Exchange("work"), routing_key="work", channel=conn)
        assert [m["n"] for m in _take(conn, queue, 0.3, no_ack=True)] == [0, 1]
        time.sleep(0.7)
        assert _take(conn, queue, 0.3, no_ack=True) == []
        assert conn.default_channel._size("work") == 0


@pytest.mark.slow
def test_celery_remote_control_answers_from_the_embedded_worker(tmp_path):
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    celery = [sys.executable, "-m", "celery", "-A", "newsdesk"]
    subprocess.run([sys.executable, "-m", "newsdesk.cli", "migrate", "-v0"], env=env, check=True)
    worker = subprocess.Popen(
        [*celery, "worker", "--pool=solo", "-Q", "celery,cluster", "-n", "probe@%h"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        answer = ""
        while time.monotonic() < deadline and "pong" not in answer:
            done = subprocess.run(
                [*celery, "inspect", "ping", "-t", "2"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            answer = done.stdout
        assert "probe@" in answer and "pong" in answer, answer
    finally:
        worker.terminate()
        worker.wait(30)


def test_a_queue_file_locked_for_a_while_is_retried_not_fatal(tmp_path):
    """Past the busy timeout SQLite says "database is locked": kombu (and Celery's worker)
    must treat it as a broker briefly away and retry, not exit."""
    path = tmp_path / "q.sqlite3"
    sqlqueue.connect(path).close()
    locker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(1.0, lambda: locker.execute("COMMIT"))
    release.start()
    options = {"path": str(path), "busy_timeout": 0.1}
    try:
        with Connection("sqlqueue://", transport_options=options) as conn:
            queue = Queue("work", Exchange("work"), routing_key="work")
            producer = conn.Producer()
            publish = conn.ensure(producer, producer.publish, max_retries=30, interval_start=0.1)
            publish({"n": 1}, exchange=queue.exchange, routing_key="work", declare=[queue])
    finally:
        release.join()
        locker.close()
    assert [m["n"] for m in _drain_no_ack(path)] == [1]


def _drain_no_ack(path) -> list:
    with _conn(path) as conn:
        return _take(conn, Queue("work", Exchange("work"), routing_key="work"), 0.3, no_ack=True)
