"""Find the feed behind a homepage URL.

``feed_links(html, base_url)`` -> feed URLs the page declares (<link rel=alternate>
with an RSS/Atom/JSON Feed type, or rel=feed). ``common_paths(base_url)`` -> the usual
feed locations on that origin. ``discover(url, fetcher)`` -> Found(kind, url, title) or
None: the URL itself if it is a feed or sitemap, else each declared link, else each
common path, else the page itself when it is an article. ``fetcher(url) -> FetchResult``
does the I/O (the caller passes a polite one); parsing goes through the adapter registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from newsdesk.pipeline.parse.adapters.base import ParseError, get
from newsdesk.pipeline.parse.htmlmeta import read_head
from newsdesk.pipeline.types import FetchResult

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/rdf+xml", "application/json", "application/x.atom+xml")  # fmt: skip
COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
                "/feeds/posts/default", "/?feed=rss2", "/news-sitemap.xml", "/sitemap_news.xml")  # fmt: skip


@dataclass(frozen=True)
class Found:
    kind: str  # a Source.Kind value
    url: str
    title: str = ""
    tried: list[str] = field(default_factory=list)


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    links = []
    for link in read_head(html).links:
        rels = link.get("rel", "").lower().split()
        kind = link.get("type", "").lower().split(";")[0].strip()
        href = link.get("href", "").strip()
        if href and (("alternate" in rels and kind in FEED_TYPES) or "feed" in rels):
            url = urljoin(base_url, href)
            if url not in links:
                links.append(url)
    return links


def common_paths(base_url: str) -> list[str]:
    parts = urlsplit(base_url)
    return [f"{parts.scheme}://{parts.netloc}{path}" for path in COMMON_PATHS]


def _as_document(result: FetchResult) -> Found | None:
    """The kind this fetched body parses as (feed, news sitemap, sitemap), if any."""
    if not result.ok:
        return None
    for kind in ("feed", "news_sitemap", "sitemap"):
        try:
            parsed = get(kind)(result.body, result.final_url, result.content_type)
        except ParseError:
            continue
        if parsed.items or parsed.children or kind == "feed":
            return Found(kind, result.final_url, parsed.title)
    return None


def discover(url: str, fetcher: Callable[[str], FetchResult], probe_limit: int = 6) -> Found | None:
    """The source to follow for ``url`` (see the module docstring)."""
    page = fetcher(url)
    found = _as_document(page)
    if found or not page.ok:
        return found
    head = read_head(page.body)
    declared = feed_links(page.body, page.final_url)
    tried = [url]
    for candidate in declared + common_paths(page.final_url)[: probe_limit if not declared else 0]:
        tried.append(candidate)
        found = _as_document(fetcher(candidate))
        if found:
            title = found.title or head.meta.get("og:site_name", "") or head.title
            return Found(found.kind, found.url, title, tried)
    if head.meta.get("og:type", "").lower() == "article" or "article:published_time" in head.meta:
        return Found("article", page.final_url, head.meta.get("og:title") or head.title, tried)
    return None
