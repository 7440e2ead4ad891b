"""Feed documents for one demo outlet: RSS 2.0, Atom 1.0 or JSON Feed 1.1.

``render_feed(outlet, articles, base_url)`` -> (body bytes, content type). Articles are
listed in the order given (the server passes newest first); links are absolute URLs on
``base_url``. Pure functions, no I/O.
"""

from __future__ import annotations

import json
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from newsdesk.demo.corpus import Article, Outlet


def summary(article: Article, limit: int = 220) -> str:
    """First paragraph, cut at a word boundary: the standfirst and feed description."""
    first = article.paragraphs[0] if article.paragraphs else article.title
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


def render_feed(outlet: Outlet, articles: list[Article], base_url: str) -> tuple[bytes, str]:
    """Outlet + its articles -> (document, Content-Type) in the outlet's feed kind."""
    render = {"rss": _rss, "atom": _atom, "jsonfeed": _jsonfeed}[outlet.feed_kind]
    return render(outlet, articles, base_url)


def _rss(outlet: Outlet, articles: list[Article], base: str) -> tuple[bytes, str]:
    items = []
    for art in articles:
        items.append(
            "  <item>\n"
            f"   <title>{escape(art.title)}</title>\n"
            f"   <link>{escape(base + art.path)}</link>\n"
            f'   <guid isPermaLink="false">{escape(outlet.slug)}-{art.number}</guid>\n'
            f"   <pubDate>{format_datetime(art.published)}</pubDate>\n"
            f"   <dc:creator>{escape(art.author)}</dc:creator>\n"
            f"   <category>{escape(art.section)}</category>\n"
            f"   <description>{escape(summary(art))}</description>\n"
            "  </item>\n"
        )
    updated = format_datetime(articles[0].published) if articles else ""
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">\n <channel>\n'
        f"  <title>{escape(outlet.name)}</title>\n"
        f"  <link>{escape(f'{base}/{outlet.slug}/')}</link>\n"
        f'  <atom:link href={quoteattr(base + outlet.feed_path)} rel="self"'
        ' type="application/rss+xml"/>\n'
        f"  <description>Latest news from {escape(outlet.name)}</description>\n"
        "  <language>en</language>\n  <ttl>30</ttl>\n"
        f"  <lastBuildDate>{updated}</lastBuildDate>\n" + "".join(items) + " </channel>\n</rss>\n"
    )
    return doc.encode("utf-8"), "application/rss+xml; charset=utf-8"


def _atom(outlet: Outlet, articles: list[Article], base: str) -> tuple[bytes, str]:
    entries = []
    for art in articles:
        url = base + art.path
        entries.append(
            " <entry>\n"
            f"  <id>tag:demo.newsdesk,{art.published:%Y-%m-%d}:{outlet.slug}/"
            f"{art.number}</id>\n"
            f"  <title>{escape(art.title)}</title>\n"
            f'  <link rel="alternate" type="text/html" href={quoteattr(url)}/>\n'
            f"  <published>{art.published.isoformat()}</published>\n"
            f"  <updated>{art.published.isoformat()}</updated>\n"
            f"  <author><name>{escape(art.author)}</name></author>\n"
            f"  <category term={quoteattr(art.section)}/>\n"
            f'  <summary type="text">{escape(summary(art))}</summary>\n'
            " </entry>\n"
        )
    updated = articles[0].published.isoformat() if articles else "1970-01-01T00:00:00+00:00"
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
        f" <id>tag:demo.newsdesk,2004:{outlet.slug}</id>\n"
        f" <title>{escape(outlet.name)}</title>\n"
        f" <updated>{updated}</updated>\n"
        f' <link rel="self" href={quoteattr(base + outlet.feed_path)}/>\n'
        f' <link rel="alternate" href={quoteattr(f"{base}/{outlet.slug}/")}/>\n'
        + "".join(entries)
        + "</feed>\n"
    )
    return doc.encode("utf-8"), "application/atom+xml; charset=utf-8"


def _jsonfeed(outlet: Outlet, articles: list[Article], base: str) -> tuple[bytes, str]:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "home_page_url": f"{base}/{outlet.slug}/",
        "feed_url": base + outlet.feed_path,
        "language": "en",
        "items": [
            {
                "id": f"{outlet.slug}:{art.number}",
                "url": base + art.path,
                "title": art.title,
                "summary": summary(art),
                "date_published": art.published.isoformat(),
                "authors": [{"name": art.author}],
                "tags": [art.section],
            }
            for art in articles
        ],
    }
    body = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return body.encode("utf-8"), "application/feed+json; charset=utf-8"
