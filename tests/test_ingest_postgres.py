"""The cross-process guarantees on PostgreSQL too (row locks instead of SQLite's file lock).

Skipped when the PostgreSQL server binaries or psycopg are not installed.
"""

import pytest
from hostile import Server, run_workers, send

from tests.servers import postgres_server

pytest.importorskip("psycopg")

GAP_S = 0.15


def _feed(count: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>http://127.0.0.1/news/{i}?utm_source=rss</link>"
        f"<guid isPermaLink='false'>id-{i}</guid></item>"
        for i in range(count)
    )
    return f'<rss version="2.0"><channel><title>PG</title>{items}</channel></rss>'.encode()


@pytest.mark.slow
def test_politeness_and_exactly_once_on_postgresql(tmp_path):
    with postgres_server() as database_url:
        env = {"NEWSDESK_DATABASE_URL": database_url, "NEWSDESK_DATA_DIR": str(tmp_path),
               "NEWSDESK_SECRET_KEY": "test-key-shared-by-every-worker",
               "NEWSDESK_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32", "NEWSDESK_FETCH_DEADLINE_S": "5",
               "NEWSDESK_FETCH_HOST_CONCURRENCY": "2", "NEWSDESK_FETCH_HOST_GAP_S": str(GAP_S)}  # fmt: skip
        run_workers(env, [["migrate"]])
        routes = {"/feed": lambda h, s: send(h, 200, _feed(30))}
        with Server(delay_s=0.2, routes=routes) as server:
            urls = [server.url(f"/ok?source={i}") for i in range(24)]
            polite = run_workers(env, [["pages", *urls[i::4]] for i in range(4)])
            max_active, starts = server.max_active, list(server.starts)
            (created,) = run_workers(env, [["source", server.url("/feed")]])
            ingested = run_workers(env, [["ingest", str(created["id"]), server.url("/feed")]] * 4)
        (stored,) = run_workers(env, [["count"]])
    assert all(reply["errors"] == [] for reply in polite)
    assert max_active <= 2
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= GAP_S * 2 / 3  # see test_politeness.py for the tolerance
    assert sum(reply["new"] for reply in ingested) == 30
    assert len(stored["articles"]) == 30
