"""When to poll a source next, and how failures add up to disabling it.

Pure: ``next_interval(current_s, new_items, total_items, ttl_minutes)`` -> seconds: poll
less often when most items are already known, more often when most are new, never more
often than the feed's own TTL / sy:updatePeriod, always within POLL_MIN/MAX_INTERVAL_S.
``classify(error, status)`` -> "hard" | "soft" | "temporary" | None (not the source's
fault, e.g. our own per-host queue). ``failure_delay(interval_s, error_count)`` -> seconds.

ORM (one Source row each): ``record_failure(source, kind, reason)`` adds the kind's weight
to ``error_score``, backs off ``next_check_at`` and disables the source, with the reason
in ``disabled_reason`` and a SourceEvent, once the score reaches FETCH_ERROR_BUDGET.
``record_success`` clears the score; ``reenable`` is the editor's way back.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.sources.models import Source, SourceEvent

WEIGHTS = {"hard": 3.0, "soft": 1.0, "temporary": 0.25}
HARD_STATUSES = {401, 403, 404, 410, 451}
HARD_MARKERS = ("non-public address", "only http and https", "disallowed by robots", "no host in URL",
                "bad port", "not a feed", "not a sitemap", "not a JSON Feed", "not an HTML page")  # fmt: skip
TEMPORARY_MARKERS = ("deadline of", "connection failed", "cannot resolve", "body truncated")


def _bounds() -> tuple[int, int]:
    low, high = settings.POLL_MIN_INTERVAL_S, settings.POLL_MAX_INTERVAL_S
    return low, max(low, high)


def next_interval(current_s: int, new_items: int, total_items: int, ttl_minutes: int | None) -> int:
    """The next polling interval in seconds (see the module docstring)."""
    low, high = _bounds()
    ratio = new_items / total_items if total_items > 0 else 0.0
    if ratio == 0:
        factor = 1.5
    elif ratio < 0.2:
        factor = 1.1
    elif ratio < 0.5:
        factor = 1.0
    elif ratio < 0.8:
        factor = 0.75
    else:
        factor = 0.5  # nearly all new: items may be slipping past between polls
    floor = low
    if ttl_minutes and ttl_minutes > 0:
        floor = min(high, max(low, ttl_minutes * 60))
    return int(min(high, max(floor, round(max(current_s, 1) * factor))))


def classify(error: str | None, status: int = 0) -> str | None:
    """Weight class of a failed fetch or parse; None when it is not a failure of the source."""
    text = error or ""
    if text.startswith("host busy"):
        return None
    if status in HARD_STATUSES or any(m in text for m in HARD_MARKERS):
        return "hard"
    if status == 429 or status >= 500 or any(m in text for m in TEMPORARY_MARKERS):
        return "temporary"
    return "soft"


def failure_delay(interval_s: int, error_count: int) -> int:
    """Exponential back-off after ``error_count`` consecutive failures, within bounds."""
    low, high = _bounds()
    return int(min(high, max(low, interval_s * 2 ** min(max(error_count - 1, 0), 8))))


def record_failure(
    source: Source, kind: str, reason: str, retry_after_s: float | None = None
) -> bool:
    """Count a failure against ``source``; True when this disabled it."""
    now = timezone.now()
    source.error_count += 1
    source.error_score += WEIGHTS[kind]
    source.last_error = reason[:2000]
    source.last_checked_at = now
    delay = max(failure_delay(source.poll_interval_s, source.error_count), retry_after_s or 0)
    source.next_check_at = now + timedelta(seconds=delay)
    budget = settings.FETCH_ERROR_BUDGET
    disabled = source.enabled and source.error_score >= budget
    if disabled:
        source.enabled = False
        source.disabled_reason = (
            f"disabled after {source.error_count} failures (score {source.error_score:g} of "
            f"budget {budget:g}); last error: {reason}"
        )[:500]
    fields = ["error_count", "error_score", "last_error", "last_checked_at", "next_check_at",
              "enabled", "disabled_reason"]  # fmt: skip
    source.save(update_fields=fields)
    level = SourceEvent.Level.ERROR if disabled or kind == "hard" else SourceEvent.Level.WARNING
    message = source.disabled_reason if disabled else f"{kind} failure: {reason}"
    SourceEvent.objects.create(source=source, level=level, message=message[:5000])
    return disabled


def record_success(
    source: Source, new_items: int, total_items: int, ttl_minutes: int | None
) -> int:
    """Clear the failure score and schedule the next poll; returns the new interval."""
    now = timezone.now()
    interval = next_interval(source.poll_interval_s, new_items, total_items, ttl_minutes)
    source.error_count = 0
    source.error_score = 0.0
    source.last_error = ""
    source.last_checked_at = source.last_success_at = now
    source.poll_interval_s = interval
    source.next_check_at = now + timedelta(seconds=interval)
    source.save(update_fields=["error_count", "error_score", "last_error", "last_checked_at",
                               "last_success_at", "poll_interval_s", "next_check_at"])  # fmt: skip
    return interval


def reenable(source: Source, by: str = "an editor") -> None:
    """Turn a disabled source back on with a clean score; due at once."""
    source.enabled = True
    source.disabled_reason = ""
    source.error_count = 0
    source.error_score = 0.0
    source.next_check_at = timezone.now()
    source.save(update_fields=["enabled", "disabled_reason", "error_count", "error_score",
                               "next_check_at"])  # fmt: skip
    SourceEvent.objects.create(source=source, message=f"re-enabled by {by}")
