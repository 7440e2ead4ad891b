"""Feeds, sitemaps, robots.txt and JSON-LD: well-formed and listing public pieces only."""

import json
import re
from datetime import timedelta

import pytest
from defusedxml import ElementTree

from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_category, make_story_article, make_tag

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def pieces():
    world = make_category("World")
    return {
        "fresh": make_story_article("Fresh & <new>", category=world, tags=[make_tag("Rain")]),
        "old": make_story_article("Old news", age=timedelta(days=5)),
        "draft": make_story_article("Draft one", status=StoryArticle.Status.DRAFT, category=world),
        "gone": make_story_article("Gone one", status=StoryArticle.Status.RETRACTED),
    }


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_rss_feed(client, pieces):
    root = _xml(client, "/feed/")
    titles = [t.text for t in root.iter("title")]
    assert "Fresh & <new>" in titles and "Old news" in titles
    assert "Draft one" not in titles and "Gone one" not in titles
    item = root.find("channel/item")
    assert item.find("link").text.endswith(pieces["fresh"].get_absolute_url())
    assert {c.text for c in item.findall("category")} == {"World", "Rain"}


def test_atom_and_category_feeds(client, pieces):
    atom = _xml(client, "/feed/atom/")
    assert [e.find(f"{ATOM}title").text for e in atom.iter(f"{ATOM}entry")] == [
        "Fresh & <new>",
        "Old news",
    ]
    cat = _xml(client, "/category/world/feed/")
    assert [t.text for t in cat.iter("title")][1:] == ["Fresh & <new>"]
    assert client.get("/category/nope/feed/").status_code == 404


def test_sitemap(client, pieces):
    root = _xml(client, "/sitemap.xml")
    locs = [loc.text for loc in root.iter(f"{SM}loc")]
    assert any(loc.endswith(pieces["fresh"].get_absolute_url()) for loc in locs)
    assert any(loc.endswith("/category/world/") for loc in locs)
    assert not any(loc.endswith(pieces["draft"].get_absolute_url()) for loc in locs)
    assert not any(loc.endswith(pieces["gone"].get_absolute_url()) for loc in locs)


def test_news_sitemap_has_last_two_days_only(client, pieces):
    root = _xml(client, "/news-sitemap.xml")
    urls = root.findall(f"{SM}url")
    assert len(urls) == 1
    assert urls[0].find(f"{SM}loc").text.endswith(pieces["fresh"].get_absolute_url())
    news = urls[0].find(f"{NEWS}news")
    assert news.find(f"{NEWS}title").text == "Fresh & <new>"
    assert news.find(f"{NEWS}publication/{NEWS}name").text
    assert news.find(f"{NEWS}publication_date").text.startswith(
        str(pieces["fresh"].published_at.year)
    )


def test_robots_txt_points_to_sitemaps(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_json_ld_parses(client):
    sources = [make_article(), make_article()]
    piece = make_story_article(
        'Quote "</script><script>alert(1)</script>" & co',
        category=make_category("Science"),
        tags=[make_tag("Space"), make_tag("Mars")],
        sources=sources,
    )
    html = client.get(piece.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == piece.headline
    assert data["articleSection"] == "Science"
    assert sorted(data["keywords"]) == ["Mars", "Space"]
    assert sorted(data["isBasedOn"]) == sorted(a.url for a in sources)
    assert data["url"].endswith(piece.get_absolute_url())
    assert data["datePublished"] and data["dateModified"] and data["publisher"]["name"]


# ---- issue 15: feeds parse back with every required element; sitemaps keep to their
# schemas (sitemaps.org 0.9 and Google News 0.9, checked element by element); JSON-LD
# has what Google requires of a NewsArticle.

W3C_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?")
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def test_feeds_parse_back_with_every_required_element(client, pieces):
    import feedparser

    for url in ["/feed/", "/feed/atom/", "/category/world/feed/"]:
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.feed.link, url
        assert parsed.feed.get("subtitle") or parsed.feed.get("description"), url
        if "atom" in url:
            assert parsed.feed.id and parsed.feed.updated_parsed
        assert parsed.entries, url
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith("http://testserver/news/"), url
            assert entry.id and entry.summary, url
            assert entry.published_parsed or entry.updated_parsed, url


def _check_sitemap_url(url, news: bool) -> None:
    allowed = {f"{SM}loc", f"{SM}lastmod", f"{SM}changefreq", f"{SM}priority"}
    if news:
        allowed.add(f"{NEWS}news")
    tags = [child.tag for child in url]
    assert set(tags) <= allowed and tags.count(f"{SM}loc") == 1, tags
    assert all(tags.count(t) <= 1 for t in tags), tags
    loc = url.find(f"{SM}loc").text
    assert loc.startswith("http://testserver/") and len(loc) <= 2048
    if url.find(f"{SM}lastmod") is not None:
        assert W3C_DATETIME.fullmatch(url.find(f"{SM}lastmod").text)
    if url.find(f"{SM}changefreq") is not None:
        assert url.find(f"{SM}changefreq").text in CHANGEFREQ
    if url.find(f"{SM}priority") is not None:
        assert 0.0 <= float(url.find(f"{SM}priority").text) <= 1.0
    if news:
        item = url.find(f"{NEWS}news")
        assert [c.tag for c in item] == [
            f"{NEWS}publication",
            f"{NEWS}publication_date",
            f"{NEWS}title",
        ]
        publication = item.find(f"{NEWS}publication")
        assert [c.tag for c in publication] == [f"{NEWS}name", f"{NEWS}language"]
        assert re.fullmatch(r"[a-z]{2,3}(-[a-z]+)?", publication.find(f"{NEWS}language").text)
        assert W3C_DATETIME.fullmatch(item.find(f"{NEWS}publication_date").text)


@pytest.mark.parametrize("url, news", [("/sitemap.xml", False), ("/news-sitemap.xml", True)])
def test_sitemaps_keep_to_their_schemas(client, pieces, url, news):
    root = _xml(client, url)
    assert root.tag == f"{SM}urlset"
    urls = list(root)
    assert urls and all(u.tag == f"{SM}url" for u in urls) and len(urls) <= 50_000
    for item in urls:
        _check_sitemap_url(item, news)


def test_json_ld_has_the_news_article_fields_google_requires(client):
    piece = make_story_article("Quake hits", image="https://img.example/quake.jpg")
    html = client.get(piece.get_absolute_url()).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["image"] == ["https://img.example/quake.jpg"]
    assert data["author"]["name"] and data["publisher"]["name"]
    for key in ("datePublished", "dateModified"):
        assert W3C_DATETIME.fullmatch(data[key]), key
    assert len(data["headline"]) <= 110
