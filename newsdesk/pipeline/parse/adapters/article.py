"""A single article URL as a source: the page itself is the one item.

The item's URL is the page's declared canonical when it stays on the same site, so an
AMP or mobile variant maps onto the article it mirrors.
"""

from __future__ import annotations

from newsdesk.infra.dates import parse_date
from newsdesk.infra.urls import declared_canonical
from newsdesk.pipeline.parse.adapters.base import ParseError, plain, register
from newsdesk.pipeline.parse.htmlmeta import read_head
from newsdesk.pipeline.types import FeedItem, ParsedFeed

DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
             "publishdate", "parsely-pub-date", "sailthru.date", "dc.date", "date")  # fmt: skip


@register("article")
def parse_article(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    if content_type and "html" not in content_type.lower():
        raise ParseError(f"not an HTML page: {content_type}")
    head = read_head(body)
    title = plain(head.meta.get("og:title") or head.title)
    if not title and not head.meta and not head.links:
        raise ParseError("not an HTML page: no title, meta or link elements")
    canonical = head.link_href("canonical") or head.meta.get("og:url", "")
    published = next((parse_date(head.meta[k]) for k in DATE_KEYS if head.meta.get(k)), None)
    item = FeedItem(
        url=declared_canonical(url, canonical),
        title=title,
        summary=head.meta.get("og:description") or head.meta.get("description", ""),
        author=plain(head.meta.get("author", "")),
        published_at=published,
    )
    return ParsedFeed(items=[item], title=plain(head.meta.get("og:site_name", "")))
