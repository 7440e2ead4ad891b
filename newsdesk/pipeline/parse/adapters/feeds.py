"""RSS 0.9x/1.0/2.0 and Atom through feedparser, and the ``feed`` kind that auto-detects.

feedparser never sees a document that declares entities (``xmlsafe.refuse_entities``),
so billion laughs, quadratic blowup and XXE fail before parsing.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from newsdesk.infra.xmlsafe import XmlRefused, refuse_entities
from newsdesk.pipeline.parse.adapters.base import ParseError, categories, plain, register
from newsdesk.pipeline.types import FeedItem, ParsedFeed

# feedparser flags these on good feeds served with a missing or generic content type.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_PERIOD_MINUTES = {"hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200, "yearly": 525600}


@register("feed")
def parse_any_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """JSON Feed when the body is JSON, else RSS/Atom."""
    from newsdesk.pipeline.parse.adapters.jsonfeed import looks_like_json, parse_jsonfeed

    if looks_like_json(body, content_type):
        return parse_jsonfeed(body, url, content_type)
    return parse_rss_atom(body, url, content_type)


@register("rss_atom")
def parse_rss_atom(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    try:
        refuse_entities(body)
    except XmlRefused as exc:
        raise ParseError(str(exc)) from None
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # Always a stream: feedparser opens a str or bytes argument that looks like a path or
    # URL (a 23-byte body "/tmp/x.xml" would make it read that local file; "/dev/zero"
    # would read forever). A BytesIO is only ever read as the document itself.
    doc = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    problem = doc.get("bozo_exception")
    if not doc.get("version") and not doc.entries:
        detail = f" ({problem})" if problem else ""
        raise ParseError(f"not a feed: no RSS, RDF or Atom root element{detail}")
    warnings = []
    if problem and not isinstance(problem, _HARMLESS):
        warnings.append(f"feed is not well-formed: {problem}")
    items = []
    for entry in doc.entries:
        item = _item(entry, url)
        if item is None:
            warnings.append(f"entry without a link skipped: {plain(entry.get('title'))[:80]!r}")
        else:
            items.append(item)
    if problem and not isinstance(problem, _HARMLESS) and not items:
        # A truncated or corrupt feed that yields nothing is an error, not an empty feed.
        raise ParseError(f"feed is not well-formed and has no readable items: {problem}")
    return ParsedFeed(
        items=items,
        title=plain(doc.feed.get("title")),
        ttl_minutes=_ttl_minutes(doc.feed),
        warnings=warnings,
    )


def _item(entry, base: str) -> FeedItem | None:
    guid = (entry.get("id") or "").strip()
    link = (entry.get("link") or "").strip()
    if not link and guid.startswith(("http://", "https://")):
        link = guid
    if not link:
        return None
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedItem(
        url=urljoin(base, link),
        guid=guid,
        title=plain(entry.get("title")),
        summary=entry.get("summary", "") or "",
        author=plain(entry.get("author")),
        published_at=_to_datetime(stamp),
        # RSS <category>, Atom <category term= label=>: feedparser lists both as tags
        categories=categories([t.get("label") or t.get("term") for t in entry.get("tags") or []]),
    )


def _to_datetime(stamp: time.struct_time | None) -> datetime | None:
    if not stamp:
        return None
    try:
        return datetime(*stamp[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _ttl_minutes(feed) -> int | None:
    """RSS <ttl> or sy:updatePeriod/sy:updateFrequency, in minutes."""
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit() and int(ttl) > 0:
        return int(ttl)
    period = _PERIOD_MINUTES.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period is None:
        return None
    frequency = str(feed.get("sy_updatefrequency") or "1").strip()
    per = int(frequency) if frequency.isdigit() and int(frequency) > 0 else 1
    return max(1, period // per)
