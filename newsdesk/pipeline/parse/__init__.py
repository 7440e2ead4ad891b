"""Parse stage: FetchResult body -> ParsedFeed, through the adapter registry.

``parse(kind, body, url, content_type)`` dispatches to the adapter registered for
``kind`` ("feed" auto-detects RSS/Atom/JSON Feed; "sitemap", "news_sitemap", "article";
see ``newsdesk/sources/adapters``), then for every kind alike:
  1. drops repeated items (same identity key, first one wins);
  2. keeps at most FETCH_MAX_ITEMS items, with a warning;
  3. replaces missing or implausible dates with the parse time and flags them.
Raises ``ParseError(message)`` on a broken or hostile document. No I/O, no ORM.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from newsdesk.infra.dates import sane_date
from newsdesk.infra.urls import item_key
from newsdesk.pipeline.parse.adapters import ParseError, get
from newsdesk.pipeline.types import FeedItem, ParsedFeed

__all__ = ["ParseError", "parse"]


def parse(
    kind: str,
    body: bytes,
    url: str,
    content_type: str = "",
    *,
    fetched_at: datetime | None = None,
    max_items: int | None = None,
) -> ParsedFeed:
    """Items of the document at ``url``; see the module docstring."""
    if not body.strip():
        raise ParseError("empty document")
    parsed = get(kind)(body, url, content_type)
    fetched_at = fetched_at or datetime.now(UTC)
    if max_items is None:
        from django.conf import settings

        max_items = settings.FETCH_MAX_ITEMS
    items, warnings = _unique(parsed.items), list(parsed.warnings)
    if len(items) > max_items:
        warnings.append(f"{len(items) - max_items} items beyond the cap of {max_items} dropped")
        items = items[:max_items]
    checked = []
    for item in items:
        when, flagged = sane_date(item.published_at, fetched_at)
        checked.append(replace(item, published_at=when, date_flagged=flagged or item.date_flagged))
    flagged_count = sum(i.date_flagged for i in checked)
    if flagged_count:
        warnings.append(f"{flagged_count} items had a missing or implausible date")
    return replace(parsed, items=checked, warnings=warnings)


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item_key(item.guid, item.url, item.title, item.published_at)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
