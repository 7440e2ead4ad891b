"""Date reading and sanity for feed and sitemap dates.

``parse_date(text)`` -> aware UTC datetime or None (ISO 8601 / W3C, RFC 822, date only).
``sane_date(dt, fetched_at)`` -> (date to store, flagged): a missing date, one before
1990 (1970 epoch zeros included) or one further in the future than ``FUTURE_SKEW`` is
replaced by ``fetched_at`` and flagged. ``retry_after_seconds(header)`` -> seconds asked
by an HTTP Retry-After (delta or HTTP date). Pure functions.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SKEW = timedelta(hours=1)  # clock and time-zone slop of publishers


def as_utc(dt: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def parse_date(text: str | None) -> datetime | None:
    """Read a date as feeds and sitemaps write it; None when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError:
        pass
    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def sane_date(dt: datetime | None, fetched_at: datetime) -> tuple[datetime, bool]:
    """(dt, False) when plausible, else (fetched_at, True)."""
    fetched_at = as_utc(fetched_at)
    if dt is None:
        return fetched_at, True
    dt = as_utc(dt)
    if dt < EARLIEST or dt > fetched_at + FUTURE_SKEW:
        return fetched_at, True
    return dt, False


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta or HTTP date), capped at one day."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(min(int(value), 86400))
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return float(min(max(0.0, when - (now if now is not None else time.time())), 86400))
