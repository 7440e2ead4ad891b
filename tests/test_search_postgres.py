"""The search and page-cache tests (tests/test_search.py, tests/test_pagecache.py) again,
on a real PostgreSQL server: one interface, the same answers from the other engine, and
the page stamp kept in PostgreSQL as it is in SQLite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import postgres_server

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_search_behaves_the_same_on_postgresql(tmp_path):
    with postgres_server() as database_url:
        env = {
            **os.environ,
            "NEWSDESK_DATABASE_URL": database_url,
            "NEWSDESK_SECRET_KEY": "test-key",
            "NEWSDESK_DATA_DIR": str(tmp_path),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
             "tests/test_search.py", "tests/test_pagecache.py"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
