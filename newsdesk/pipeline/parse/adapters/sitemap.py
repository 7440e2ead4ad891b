"""XML sitemaps, sitemap indexes and Google News sitemaps (gzip-compressed ones too).

A sitemap index yields no items but ``children`` (the sitemaps to fetch next, with the
same kind). Items take news:publication_date, else <lastmod>, as their date.
"""

from __future__ import annotations

from newsdesk.infra.dates import parse_date
from newsdesk.infra.httpbody import BodyTooLarge, decoder_for
from newsdesk.infra.xmlsafe import XmlRefused, local, parse_xml
from newsdesk.pipeline.parse.adapters.base import ParseError, plain, register
from newsdesk.pipeline.types import FeedItem, ParsedFeed


@register("sitemap")
def parse_sitemap(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    root = _root(body)
    kind = local(root.tag)
    if kind == "sitemapindex":
        children = [_text(s, "loc") for s in root if local(s.tag) == "sitemap"]
        return ParsedFeed(items=[], children=[c for c in children if c])
    if kind != "urlset":
        raise ParseError(f"not a sitemap: root element <{kind}>")
    items = []
    for node in root:
        if local(node.tag) != "url" or not _text(node, "loc"):
            continue
        news = next((c for c in node if local(c.tag) == "news"), None)
        title = _text(news, "title") if news is not None else ""
        published = parse_date(_text(news, "publication_date")) if news is not None else None
        items.append(
            FeedItem(
                url=_text(node, "loc"),
                title=plain(title),
                published_at=published or parse_date(_text(node, "lastmod")),
            )
        )
    return ParsedFeed(items=items)


@register("news_sitemap")
def parse_news_sitemap(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Like ``sitemap``; entries without news:news (not news articles) are left out."""
    parsed = parse_sitemap(body, url, content_type)
    if parsed.children:
        return parsed
    root = _root(body)
    news_urls = {_text(n, "loc") for n in root if any(local(c.tag) == "news" for c in n)}
    items = [i for i in parsed.items if i.url in news_urls]
    warnings = (
        [f"{len(parsed.items) - len(items)} entries without news:news skipped"]
        if len(items) < len(parsed.items)
        else []
    )
    return ParsedFeed(items=items, warnings=warnings)


def _root(body: bytes):
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served without Content-Encoding
        from django.conf import settings

        try:
            body = decoder_for("gzip").feed(body, settings.FETCH_MAX_BYTES)
        except (BodyTooLarge, ValueError) as exc:
            raise ParseError(f"compressed sitemap refused: {exc or 'too large'}") from None
    try:
        return parse_xml(body)
    except XmlRefused as exc:
        raise ParseError(str(exc)) from None
    except ValueError as exc:
        raise ParseError(f"not a sitemap: {exc}") from None


def _text(node, name: str) -> str:
    if node is None:
        return ""
    for child in node:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""
