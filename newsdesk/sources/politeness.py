"""Per-host politeness shared by every worker process, kept in ``HostState`` rows.

``host_slot(host)``: context manager that waits (at most FETCH_HOST_WAIT_S) until the
host has fewer than FETCH_HOST_CONCURRENCY requests in flight, FETCH_HOST_GAP_S (or the
host's robots.txt Crawl-delay, up to 60 s) has passed since the last request *start*, and
no Retry-After block is active; raises ``HostBusy`` when the wait runs out. Each claim is
one short transaction holding the host's row lock (SQLite: BEGIN IMMEDIATE, as settings.py
configures; PostgreSQL: SELECT ... FOR UPDATE) with a conditional UPDATE inside, so the
limits hold across processes and machines sharing the database.

A worker that dies inside a slot leaks one ``active`` count; since every request ends
within FETCH_DEADLINE_S, a host whose latest start is older than that (plus a margin) has
nothing in flight, and the next claim resets the count.

``block_host(host, seconds)`` records a 429/503 Retry-After. ``robots_allows(url)``
fetches robots.txt through ``infra/http.py`` (under the host's slot), caches it on the row
for FETCH_ROBOTS_TTL_S and answers from the cache.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from newsdesk.infra import robots
from newsdesk.pipeline.fetch import Gate, HostBusy
from newsdesk.sources.models import HostState

MAX_CRAWL_DELAY_S = 60.0
STALE_MARGIN_S = 30.0
__all__ = ["HostBusy", "gate", "acquire", "block_host", "host_slot", "release", "robots_allows"]


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _state(host: str) -> HostState:
    # A plain read first: get_or_create opens a write transaction, which on SQLite
    # serialises every worker behind one lock even when the row exists.
    state = HostState.objects.filter(host=host).first()
    if state is None:
        state, _ = HostState.objects.get_or_create(host=host)
    return state


def _try_claim(host: str, concurrency: int, gap_s: float) -> float:
    """Claim a slot: 0.0 when claimed, else about how long to wait before trying again.

    The row is locked first (BEGIN IMMEDIATE on SQLite, SELECT ... FOR UPDATE on
    PostgreSQL) and the clock read only once the lock is held: a timestamp taken before
    a lock wait is stale, and the next claim would measure its gap from the past.
    """
    with transaction.atomic():
        state = HostState.objects.select_for_update().filter(host=host).first()
        if state is None:  # first request to this host (get_or_create absorbs a race)
            HostState.objects.get_or_create(host=host)
            return 0.001
        now = timezone.now()
        # Every request ends within the deadline: a host whose latest start is older has
        # nothing in flight, whatever ``active`` says (a worker died inside its slot).
        stale = state.last_start_at is not None and state.last_start_at < now - timedelta(
            seconds=settings.FETCH_DEADLINE_S + STALE_MARGIN_S
        )
        waits = [0.0]
        if state.blocked_until and state.blocked_until > now:
            waits.append((state.blocked_until - now).total_seconds())
        if state.last_start_at and not stale:
            waits.append((state.last_start_at + timedelta(seconds=gap_s) - now).total_seconds())
        if state.active >= concurrency and not stale:
            waits.append(0.05)
        if max(waits) > 0:
            return max(waits)
        HostState.objects.filter(pk=state.pk).update(
            active=1 if stale else F("active") + 1, last_start_at=now
        )
        return 0.0


def acquire(
    host: str,
    *,
    concurrency: int | None = None,
    gap_s: float | None = None,
    wait_s: float | None = None,
) -> None:
    """Claim one request slot for ``host``; HostBusy after ``wait_s``."""
    concurrency = concurrency or settings.FETCH_HOST_CONCURRENCY
    gap_s = settings.FETCH_HOST_GAP_S if gap_s is None else gap_s
    wait_s = settings.FETCH_HOST_WAIT_S if wait_s is None else wait_s
    delay = robots.crawl_delay(_state(host).robots_txt)
    if delay:
        gap_s = max(gap_s, min(delay, MAX_CRAWL_DELAY_S))
    give_up = time.monotonic() + wait_s
    while (hint := _try_claim(host, concurrency, gap_s)) > 0:
        left = give_up - time.monotonic()
        if left <= 0:
            raise HostBusy(f"host busy: no request slot for {host} within {wait_s:g} s")
        # Short jittered naps, so waiting workers do not all retry at the same instant.
        time.sleep(min(left, hint, 1.0) + random.uniform(0, 0.01))


def release(host: str) -> None:
    HostState.objects.filter(host=host, active__gt=0).update(active=F("active") - 1)


@contextmanager
def host_slot(host: str, **limits) -> Iterator[None]:
    """Hold one of ``host``'s request slots for the duration of the block."""
    acquire(host, **limits)
    try:
        yield
    finally:
        release(host)


def block_host(host: str, seconds: float) -> None:
    """No request to ``host`` starts for ``seconds`` (Retry-After), capped at a day."""
    until = timezone.now() + timedelta(seconds=min(max(seconds, 0.0), 86400.0))
    _state(host)
    HostState.objects.filter(host=host).filter(
        Q(blocked_until__isnull=True) | Q(blocked_until__lt=until)
    ).update(blocked_until=until)


def _fresh(state: HostState) -> bool:
    ttl = timedelta(seconds=settings.FETCH_ROBOTS_TTL_S)
    return bool(state.robots_fetched_at and timezone.now() - state.robots_fetched_at < ttl)


def robots_allows(url: str, **limits) -> bool:
    """Whether robots.txt of ``url``'s host lets newsdesk fetch it (cached on HostState).

    ``limits`` are passed to ``host_slot`` for the robots.txt request itself.
    """
    host = host_of(url)
    if not host:
        return False
    state = _state(host)
    text = state.robots_txt if _fresh(state) else _refresh_robots(url, host, limits)
    return robots.allowed(text, url)


def _refresh_robots(url: str, host: str, limits: dict) -> str:
    """Fetch robots.txt: 2xx -> its rules; 4xx -> no rules; else keep the old copy an hour."""
    from newsdesk.infra.http import fetch

    parts = urlsplit(url)
    with host_slot(host, **limits):
        state = _state(host)
        if _fresh(state):  # another worker fetched it while this one waited for the slot
            return state.robots_txt
        result = fetch(f"{parts.scheme}://{parts.netloc}/robots.txt", max_bytes=512 * 1024,
                       deadline_s=min(settings.FETCH_DEADLINE_S, 15.0), accept="text/plain")  # fmt: skip
        now = timezone.now()
        if result.ok:
            text = result.body.decode("utf-8", "replace")
        elif 400 <= result.status < 500 and result.status != 429:
            text = ""
        else:
            text = state.robots_txt
            now -= timedelta(seconds=max(0, settings.FETCH_ROBOTS_TTL_S - 3600))
        HostState.objects.filter(pk=state.pk).update(robots_txt=text, robots_fetched_at=now)
    return text


def gate() -> Gate:
    """The pipeline's politeness hooks for ``pipeline.fetch``: database-backed, so one
    host's limits hold across every worker process."""
    return Gate(host_slot, robots_allows, block_host)
