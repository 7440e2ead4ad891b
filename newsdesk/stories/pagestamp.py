"""The public site's page stamp: one number every rendered page depends on.

The page cache (``web/pagecache.py``) keys each page on this stamp, so bumping it makes
every cached page stale at once, in every web process (the value lives in the database,
in ``pipeline.Counter``). Whatever changes what a reader sees calls ``bump()``: a piece
published, corrected, unpublished or retracted (``stories/editorial.py``, merges in
``stories/membership.py``), a comment moderated (``comments/admin.py``), the site
settings saved (``desk/sitesettings.py``).

The value is the time of the last change in microseconds since the epoch (or the previous
value + 1 when the clock did not move), so it is both a generation and the pages'
``Last-Modified``.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from datetime import UTC, datetime

from django.db import connection
from django.db.models import F
from django.db.models.functions import Greatest

from newsdesk.pipeline.models import Counter

KEY = "site.pages"
# The stamp of the request being served (0: not read yet; None: outside a request the
# page-cache middleware frames), so the data memos (web/pagecache.py ``per_stamp``) read
# it at most once a request.
_seen: ContextVar[int | None] = ContextVar("page_stamp", default=None)


def current() -> int:
    """The stamp now; the first call on a fresh database starts it at the present time."""
    stamp = _read()
    if not stamp:
        bump()
        stamp = _read()
    return stamp


def remember(stamp: int):
    """Frame a request with ``stamp`` (0: read on first use); ``forget`` takes the token."""
    return _seen.set(stamp)


def forget(token) -> None:
    _seen.reset(token)


def for_request() -> int:
    """The stamp this request already read, else the stamp now (noted for the request)."""
    stamp = _seen.get()
    if stamp:
        return stamp
    fresh = current()
    if stamp is not None:  # inside a framed request: keep it until the frame ends
        _seen.set(fresh)
    return fresh


def _read() -> int:
    # Plain SQL: every cached page pays for this one, the ORM would double its cost.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {Counter._meta.db_table} WHERE key = %s", [KEY])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def bump() -> None:
    """Mark every public page as changed."""
    now_us = time.time_ns() // 1000
    if not Counter.objects.filter(key=KEY).update(value=Greatest(F("value") + 1, now_us)):
        Counter.objects.get_or_create(key=KEY, defaults={"value": now_us})


def as_datetime(stamp: int) -> datetime:
    """The stamp as the pages' Last-Modified time."""
    return datetime.fromtimestamp(stamp / 1_000_000, tz=UTC)
