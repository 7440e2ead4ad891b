"""Parse stage: FetchResult body -> ParsedFeed, through the adapter registry.

``parse(kind, body, url, content_type)`` dispatches to the adapter registered for
``kind`` ("feed" auto-detects RSS/Atom/JSON Feed; "sitemap", "news_sitemap", "article";
see ``newsdesk/pipeline/parse/adapters``), then for every kind alike:
  0. makes every text field ``storable`` (no NUL, lone surrogate or XML-invalid
     control character: PostgreSQL refuses NUL) and drops items whose link is not
     http(s) (a ``javascript:`` or ``data:`` link would be printed as a link), with a
     warning;
  1. drops repeated items (same identity key, first one wins);
  2. keeps at most FETCH_MAX_ITEMS items, with a warning;
  3. replaces missing or implausible dates with the parse time and flags them.
Raises ``ParseError(message)`` on a broken or hostile document. No I/O, no ORM.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsdesk.infra.dates import sane_date
from newsdesk.infra.storable import storable
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
    parsed = _storable(get(kind)(body, url, content_type))
    fetched_at = fetched_at or datetime.now(UTC)
    if max_items is None:
        from django.conf import settings

        max_items = settings.FETCH_MAX_ITEMS
    linked = [i for i in parsed.items if _web_link(i.url)]
    warnings = list(parsed.warnings)
    if len(linked) < len(parsed.items):
        warnings.append(f"{len(parsed.items) - len(linked)} items without an http(s) link dropped")
    items = _unique(linked)
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


def _storable(parsed: ParsedFeed) -> ParsedFeed:
    items = [
        replace(
            i,
            url=storable(i.url),
            guid=storable(i.guid),
            title=_line(i.title),
            summary=storable(i.summary),
            author=_line(i.author),
            categories=tuple(c for c in (_line(c) for c in i.categories) if c),
        )  # fmt: skip
        for i in parsed.items
    ]
    return replace(
        parsed,
        items=items,
        title=_line(parsed.title),
        children=[storable(c) for c in parsed.children if _web_link(storable(c))],
        warnings=[storable(w) for w in parsed.warnings],
    )


def _line(text: str) -> str:
    return " ".join(storable(text).split())


def _web_link(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ("http", "https")


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item_key(item.guid, item.url, item.title, item.published_at)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
