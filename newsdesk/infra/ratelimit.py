"""Per-client request limits on Django's cache: too many -> 429 with Retry-After.

``per_minute(name, setting)`` decorates a view: each client (``infra/clientaddr``
rate key: behind trusted proxies, IPv6 by /64) may call it ``settings.<setting>`` times
per clock minute. A fixed window in the cache costs one ``incr`` per request. The
default cache is per process: with several web processes each counts on its own, so the
limit is per process unless a shared cache is configured.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from newsdesk.infra.clientaddr import client_address, rate_key

WINDOW_S = 60


def over_limit(key: str, limit: int, now: float | None = None) -> int | None:
    """Count one call for ``key``; seconds until its window ends when over ``limit``."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_S)
    slot = f"ratelimit:{key}:{window}"
    cache.add(slot, 0, WINDOW_S + 5)
    try:
        count = cache.incr(slot)
    except ValueError:  # expired between add and incr
        cache.set(slot, 1, WINDOW_S + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, int((window + 1) * WINDOW_S - now))


def per_minute(name: str, setting: str):
    """View decorator: at most ``settings.<setting>`` calls per client per minute."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            key = f"{name}:{rate_key(client_address(request))}"
            wait = over_limit(key, getattr(settings, setting))
            if wait is None:
                return view(request, *args, **kwargs)
            response = HttpResponse(
                f"Too many requests from your address; try again in {wait} seconds.\n",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(wait)
            return response

        return limited

    return decorate
