"""The embedded default's queue: whole messages, exactly once, nothing lost to a kill -9."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest
from kombu import Connection

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
