"""HTML pages of the demo outlets: article pages with real page furniture, front pages.

``render_article(corpus, article, base_url)`` -> UTF-8 bytes. The outlet's ``template``
(1-3) picks one of three layouts in ``templates/`` so extraction meets different markup:
navigation, breadcrumb, standfirst, byline, figure, share box, in-body "read more" links
and ad slots, related stories, newsletter box, tags, comments and footer. Layouts 1 and 3
carry JSON-LD NewsArticle; all carry og: meta and rel=canonical. All corpus text is
HTML-escaped. Pure functions; templates are read once from the package.
"""

from __future__ import annotations

import json
import re
import zlib
from functools import cache
from html import escape
from importlib import resources
from string import Template
from urllib.parse import quote

from newsdesk.demo.corpus import Article, Corpus, Outlet
from newsdesk.demo.feeds import summary

NAV = (
    "World",
    "US",
    "UK",
    "Politics",
    "Business",
    "Technology",
    "Sport",
    "Entertainment",
    "Opinion",
)
COMMENTS = (
    ("NightOwl72", "Thanks for the update, first I have heard of this."),
    ("jmarsh", "Same story every time. Will anything actually change?"),
    ("Reader from Leeds", "Sources please? The other report I read said something different."),
    ("pat_k", "My thoughts are with everyone affected."),
    ("skeptic101", "Typical. Wait a week and see what the real facts are."),
    ("Mo", "Great reporting, keep it up."),
)
_PARA = {
    1: "<p>{}</p>",
    2: '<p class="article__para">{}</p>',
    3: '<div class="css-tb" data-component="text-block"><p>{}</p></div>',
}
_READ_MORE = {
    1: '<p class="read-more"><strong>READ MORE:</strong> <a href="{href}">{title}</a></p>',
    2: '<aside class="inline-link"><span>Read more</span> <a href="{href}">{title}</a></aside>',
    3: '<div data-component="related-link" class="css-rl"><a href="{href}">{title}</a></div>',
}
_AD = {
    1: '<div class="ad-slot">Advertisement</div>',
    2: '<div class="ad" aria-hidden="true"></div>',
    3: '<div class="css-ad" data-testid="ad-slot"><span>ADVERTISEMENT</span></div>',
}
_DATE = {1: "%A %d %B %Y %H:%M UTC", 2: "%d %B %Y, %H:%M", 3: "%b. %d, %Y %I:%M %p UTC"}
_LIST = {
    1: '<a{cls} href="{href}">{label}</a>',
    2: '<li><a{cls} href="{href}">{label}</a></li>',
    3: '<a{cls} href="{href}">{label}</a>',
}
_STOP = {"The", "A", "An", "In", "On", "At", "Of", "For", "To", "And", "With", "After", "By"}


@cache
def _template(number: int) -> Template:
    path = resources.files("newsdesk.demo") / "templates" / f"article_{number}.html"
    return Template(path.read_text(encoding="utf-8"))


def _items(layout: int, links: list[tuple[str, str]], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(
        _LIST[layout].format(cls=attr, href=escape(h), label=escape(t)) for h, t in links
    )


def tags(article: Article) -> list[str]:
    """Up to four topic tags: the section plus capitalised title words (names, places)."""
    words = re.findall(r"[A-Z][\w'-]+", article.title)
    picked = [w for w in words[1:] if w not in _STOP and not w.isupper()]
    return [article.section, *dict.fromkeys(picked)][:4]


def _body(layout: int, article: Article, related: list[Article], base: str) -> str:
    parts = [_PARA[layout].format(escape(p)) for p in article.paragraphs]
    if related and len(parts) > 2:
        link = _READ_MORE[layout].format(
            href=escape(base + related[0].path), title=escape(related[0].title)
        )
        parts.insert(2, link)
    if len(parts) > 5:
        parts.insert(5, _AD[layout])
    return "\n".join(parts)


def _comments(layout: int, article: Article) -> tuple[str, int]:
    seed = zlib.crc32(article.id.encode())
    count = 1 + seed % 3
    rows = []
    for k in range(count):
        who, said = COMMENTS[(seed // 7 + k) % len(COMMENTS)]
        tag = "li" if layout == 2 else "div"
        rows.append(
            f'<{tag} class="comment"><span class="comment__author">{escape(who)}</span>'
            f'<p class="comment__text">{escape(said)}</p></{tag}>'
        )
    return "\n".join(rows), count


def _meta(outlet: Outlet, article: Article, canonical: str, image: str) -> str:
    pairs = [
        ("og:type", "article"),
        ("og:site_name", outlet.name),
        ("og:title", article.title),
        ("og:url", canonical),
        ("og:description", summary(article)),
        ("og:image", image),
        ("article:published_time", article.published.isoformat()),
        ("article:section", article.section),
    ]
    return "\n".join(f'<meta property="{k}" content="{escape(v)}">' for k, v in pairs)


def _jsonld(outlet: Outlet, article: Article, canonical: str, image: str) -> str:
    kind = "Organization" if article.author.endswith(("staff", "Press")) else "Person"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "dateModified": article.published.isoformat(),
        "articleSection": article.section,
        "author": {"@type": kind, "name": article.author},
        "image": [image],
        "publisher": {"@type": "Organization", "name": outlet.name},
        "mainEntityOfPage": canonical,
        "description": summary(article),
    }
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _share(layout: int, canonical: str, title: str) -> str:
    url, text = quote(canonical, safe=""), quote(title, safe="")
    links = [
        (f"https://www.facebook.com/sharer/sharer.php?u={url}", "Facebook"),
        (f"https://twitter.com/intent/tweet?url={url}&text={text}", "Twitter"),
        (f"mailto:?subject={text}&body={url}", "Email"),
    ]
    return _items(layout, links, cls="share-button")


def _related(corpus: Corpus, article: Article, limit: int = 4) -> list[Article]:
    """Other articles of the outlet: same story first, then same section, then newest."""
    others = [a for a in corpus.by_outlet(article.outlet) if a.id != article.id]
    rank = {a.id: i for i, a in enumerate(others)}  # by_outlet order is newest first
    return sorted(
        others, key=lambda a: (a.story != article.story, a.section != article.section, rank[a.id])
    )[:limit]


def _chrome(outlet: Outlet, base: str) -> dict[str, str]:
    """Template values shared by every page of one outlet: masthead, menus, footer."""
    home = f"{base}/{outlet.slug}/"
    footer = ("About us", "Contact", "Privacy", "Terms", "Advertise")
    return {
        "site_name": escape(outlet.name),
        "outlet": outlet.slug,
        "home": escape(home),
        "feed_url": escape(base + outlet.feed_path),
        "feed_type": _feed_type(outlet),
        "nav": _items(2, [(home, "Home")] + [(f"{home}#{s.lower()}", s) for s in NAV]),
        "footer": _items(2, [(f"{home}#{p.lower()}", p) for p in footer]),
    }


def render_article(corpus: Corpus, article: Article, base: str) -> bytes:
    """One article page of ``article``'s outlet, links absolute on ``base``."""
    outlet = corpus.outlet(article.outlet)
    layout = outlet.template
    home, canonical = f"{base}/{outlet.slug}/", base + article.path
    image = f"{base}/static/placeholder.svg"
    related = _related(corpus, article)
    comments, count = _comments(layout, article)
    crumbs = [(home, "Home"), (f"{home}#{article.section.lower()}", article.section)]
    values = {
        **_chrome(outlet, base),
        "title_tag": escape(f"{article.title} | {outlet.name}"),
        "description": escape(summary(article)),
        "canonical": escape(canonical),
        "meta": _meta(outlet, article, canonical, image),
        "jsonld": _jsonld(outlet, article, canonical, image) if layout != 2 else "",
        "today": f"{article.published:%d %B %Y}",
        "year": f"{article.published:%Y}",
        "section": escape(article.section),
        "section_slug": article.section.lower(),
        "breadcrumb": _items(layout, crumbs),
        "headline": escape(article.title),
        "standfirst": escape(summary(article, 160)),
        "author": escape(article.author),
        "date_iso": article.published.isoformat(),
        "date_human": f"{article.published:{_DATE[layout]}}",
        "share": _share(layout, canonical, article.title),
        "figure": _figure(image, article, outlet),
        "body": _body(layout, article, related, base),
        "tags": _items(layout, [(f"{home}#tag-{t.lower()}", t) for t in tags(article)]),
        "comments": comments,
        "comment_count": str(count),
        "related": _items(2, [(base + a.path, a.title) for a in related]),
    }
    return _template(layout).substitute(values).encode("utf-8")


def _feed_type(outlet: Outlet) -> str:
    return {
        "rss": "application/rss+xml",
        "atom": "application/atom+xml",
        "jsonfeed": "application/feed+json",
    }[outlet.feed_kind]


def _figure(image: str, article: Article, outlet: Outlet) -> str:
    caption = f"{article.section}: file picture. Photograph: {outlet.name}"
    return (
        f'<figure class="lead-image"><img src="{escape(image)}" alt="" width="640"'
        f' height="360"><figcaption>{escape(caption)}</figcaption></figure>'
    )


def render_front(corpus: Corpus, outlet: Outlet, base: str) -> bytes:
    """The outlet's front page: its headlines, newest first."""
    rows = "\n".join(
        f'<li><a href="{escape(base + a.path)}">{escape(a.title)}</a>'
        f' <time datetime="{a.published.isoformat()}">{a.published:%d %b %Y}</time></li>'
        for a in corpus.by_outlet(outlet.slug)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
        f'{escape(outlet.name)}</title><link rel="alternate" type="{_feed_type(outlet)}"'
        f' href="{escape(base + outlet.feed_path)}"></head><body><h1>{escape(outlet.name)}'
        f"</h1><ul>\n{rows}\n</ul></body></html>\n"
    ).encode()


def render_index(corpus: Corpus, base: str) -> bytes:
    """The replay server's home: every outlet with its feed."""
    rows = "\n".join(
        f'<li><a href="{base}/{o.slug}/">{escape(o.name)}</a> &middot; '
        f'<a href="{base}{o.feed_path}">{o.feed_kind}</a></li>'
        for o in corpus.outlets
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>newsdesk demo'
        " outlets</title></head><body><h1>Demo outlets (ECB+ articles, CC BY 3.0)</h1>"
        f"<ul>\n{rows}\n</ul></body></html>\n"
    ).encode()
