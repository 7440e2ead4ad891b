"""``newsdesk bench queue``: the embedded default's queue against kombu's filesystem one.

Producer processes write ``--messages`` messages each (2 KB bodies) while one consumer
process reads and acks concurrently, as the web process, beat and worker do in
``run_desk``. Reported per transport: messages/s through the consumer (wall time from
the first put to the last ack), messages lost, delivered twice, and reads that failed
(an empty or half-written message: what made the filesystem transport's worker exit).
``baseline``: kombu's filesystem transport, same load, same run.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from kombu import Connection

from newsdesk.infra import sqlqueue

NAME = "queue"
HELP = "Messages/s, lost, duplicated and corrupt reads: SQLite queue vs filesystem transport"
BODY = "x" * 2000


def add_arguments(parser) -> None:
    parser.add_argument("--messages", type=int, default=2000, help="per producer")
    parser.add_argument("--producers", type=int, default=3)


def _connection(kind: str, folder: str) -> Connection:
    if kind == "sqlqueue":
        sqlqueue.register()
        return Connection("sqlqueue://", transport_options={"path": f"{folder}/q.sqlite3"})
    return Connection(
        "filesystem://",
        transport_options={
            "data_folder_in": folder,
            "data_folder_out": folder,
            "store_processed": False,
            "polling_interval": 0.05,
        },
    )


def _produce(kind: str, folder: str, start: int, count: int) -> None:
    with _connection(kind, folder) as conn:
        queue = conn.SimpleQueue("bench")
        for n in range(start, start + count):
            queue.put({"n": n, "body": BODY})
        queue.close()


def _consume(kind: str, folder: str, expected: int, out) -> None:
    seen: list[int] = []
    failures = 0
    idle_since = time.monotonic()
    with _connection(kind, folder) as conn:
        queue = conn.SimpleQueue("bench")
        while len(seen) < expected and time.monotonic() - idle_since < 5.0:
            try:
                message = queue.get(timeout=0.2)
            except queue.Empty:
                continue
            except Exception:  # an empty or half-written message: what we count
                failures += 1
                continue
            idle_since = time.monotonic()
            try:
                seen.append(int(message.payload["n"]))
            except Exception:
                failures += 1
            message.ack()
        queue.close()
    out.put((seen, failures, time.monotonic()))


def _one(kind: str, producers: int, per_producer: int) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as folder:
        Path(folder).mkdir(exist_ok=True)
        expected = producers * per_producer
        out = ctx.Queue()
        consumer = ctx.Process(target=_consume, args=(kind, folder, expected, out))
        consumer.start()
        started = time.monotonic()
        procs = [
            ctx.Process(target=_produce, args=(kind, folder, i * per_producer, per_producer))
            for i in range(producers)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        seen, failures, finished = out.get(timeout=600)
        consumer.join(30)
    unique = set(seen)
    return {
        "messages": expected,
        "msgs_per_s": round(len(seen) / max(finished - started, 1e-9), 1),
        "lost": expected - len(unique),
        "delivered_twice": len(seen) - len(unique),
        "failed_reads": failures,
    }


def run(options: dict) -> dict:
    producers, per = options["producers"], options["messages"]
    result = _one("sqlqueue", producers, per)
    result["transport"] = "sqlqueue"
    result["baseline"] = {"transport": "filesystem", **_one("filesystem", producers, per)}
    return result
