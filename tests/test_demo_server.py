"""Demo corpus and replay server: corpus figures, feeds, pages, conditional GET."""

import html
import importlib.util
import json
import re
import urllib.error
import urllib.request
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser
import pytest

from newsdesk.demo.corpus import corpus_dir
from newsdesk.demo.server import DemoServer, load_corpus

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared/data/news-clustering/ecbplus/dev.jsonl"
# No proxies: a proxy from the environment would turn loopback requests into outside ones.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server():
    srv = DemoServer(host="127.0.0.1", port=0).start()
    yield srv
    srv.stop()


def test_corpus_meets_demo_minimums():
    corpus = load_corpus()
    assert len(corpus.outlets) >= 5 and len(corpus.articles) >= 60
    multi = [s for s, arts in corpus.stories.items() if len({a.outlet for a in arts}) >= 2]
    assert len(multi) >= 10
    assert {o.slug for o in corpus.outlets} == {a.outlet for a in corpus.articles}
    assert {o.feed_kind for o in corpus.outlets} == {"rss", "atom", "jsonfeed"}
    assert {o.template for o in corpus.outlets} == {1, 2, 3}
    for arts in corpus.stories.values():
        stamps = [a.published for a in arts]
        assert max(stamps) - min(stamps) <= timedelta(days=7)
    assert all(a.paragraphs and a.title and a.published.tzinfo for a in corpus.articles)


def test_corpus_is_small_and_credits_ecbplus():
    folder = corpus_dir()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 2_000_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "CC BY 3.0" in readme and "Cybulska" in readme
    assert "ECB+" in (ROOT / "CREDITS.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["rss", "atom", "jsonfeed"])
def test_feed_lists_outlet_articles_on_the_server(server, kind):
    name, url, _ = next(f for f in server.feed_urls() if f[2] == kind)
    outlet = next(o for o in server.corpus.outlets if o.name == name)
    status, headers, body = fetch(url)
    assert status == 200
    expected = server.corpus.by_outlet(outlet.slug)
    if kind == "jsonfeed":  # feedparser 6.0 reads XML feeds only
        doc = json.loads(body)
        assert doc["version"].startswith("https://jsonfeed.org/version/1")
        title, links = doc["title"], [i["url"] for i in doc["items"]]
        assert all(i["date_published"] and i["title"] for i in doc["items"])
    else:
        parsed = feedparser.parse(body)
        assert not parsed.bozo, parsed.get("bozo_exception")
        title, links = parsed.feed.title, [e.link for e in parsed.entries]
        assert [e.title for e in parsed.entries] == [a.title for a in expected]
        assert all(e.get("published_parsed") for e in parsed.entries)
    assert title == name
    assert links == [server.url_for(a.path) for a in expected]
    assert fetch(links[0])[0] == 200


def test_article_page_has_body_and_furniture(server):
    article = next(
        a
        for a in server.corpus.articles
        if server.corpus.outlet(a.outlet).template == 1 and len(a.paragraphs) > 5
    )
    status, headers, body = fetch(server.url_for(article.path))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert f'<h1 class="story-headline">{html.escape(article.title)}</h1>' in page
    for paragraph in article.paragraphs:
        assert html.escape(paragraph) in page
    assert f'<link rel="canonical" href="{server.url_for(article.path)}">' in page
    for furniture in (
        "nav-menu",
        "Related stories",
        "share-button",
        "newsletter",
        "comments-area",
        "READ MORE",
        "Advertisement",
        "<figcaption>",
    ):
        assert furniture in page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(ld.group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["datePublished"] == article.published.isoformat()


def test_layouts_differ_between_outlets(server):
    corpus = server.corpus
    firsts = {o.template: corpus.by_outlet(o.slug)[0] for o in corpus.outlets}
    pages = {n: fetch(server.url_for(a.path))[2].decode() for n, a in firsts.items()}
    assert "application/ld+json" not in pages[2] and 'property="og:title"' in pages[2]
    assert 'data-testid="article-body"' in pages[3] and "article__body" in pages[2]


def test_conditional_get_and_head(server):
    article = server.corpus.articles[0]
    url = server.url_for(article.path)
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, **{"If-None-Match": headers["ETag"]})[:1] == (304,)
    assert fetch(url, **{"If-None-Match": '"stale"'})[0] == 200
    assert fetch(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    before = format_datetime(article.published - timedelta(hours=1), usegmt=True)
    assert fetch(url, **{"If-Modified-Since": before})[0] == 200
    status, head_headers, head_body = fetch(url, method="HEAD")
    assert status == 200 and head_body == b""
    assert int(head_headers["Content-Length"]) == len(body)


def test_every_feed_and_page_is_served_and_well_formed(server):
    for _, url, kind in server.feed_urls():
        status, _, body = fetch(url)
        assert status == 200
        assert json.loads(body) if kind == "jsonfeed" else not feedparser.parse(body).bozo
    for article in server.corpus.articles:
        status, headers, body = fetch(server.url_for(article.path))
        assert status == 200 and body.count(b"<article") == 1 and body.endswith(b"</html>\n")


def test_robots_and_unknown_paths(server):
    status, _, body = fetch(server.base_url + "/robots.txt")
    assert status == 200 and b"Allow: /" in body
    assert fetch(server.base_url + "/no-such-outlet/feed.xml")[0] == 404
    assert fetch(server.base_url + "/bbc-news/2013/01/missing.html", method="HEAD")[0] == 404


def test_republished_pair_is_verbatim(server):
    corpus = server.corpus
    copies = [a for a in corpus.articles if a.republished_from]
    assert len(copies) == 1
    copy = copies[0]
    original = next(a for a in corpus.articles if a.id == copy.republished_from)
    assert copy.outlet != original.outlet and copy.story == original.story
    assert (copy.title, copy.text) == (original.title, original.text)
    pages = [fetch(server.url_for(a.path))[2].decode() for a in (original, copy)]
    for page in pages:
        assert all(html.escape(p) in page for p in original.paragraphs)


@pytest.mark.skipif(not ECBPLUS.exists(), reason="../shared ECB+ data not present")
def test_build_script_reproduces_committed_corpus(tmp_path):
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts/build_demo_corpus.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.main([str(ECBPLUS), "--out", str(tmp_path)]) == 0
    for name in ("outlets.json", "articles.json"):
        assert (tmp_path / name).read_bytes() == (corpus_dir() / name).read_bytes()


def test_replay_releases_articles_oldest_first_until_the_feeds_are_whole():
    """What `bench soak` follows: feeds start empty and grow to the full feeds."""
    import time

    with DemoServer(host="127.0.0.1", port=0, replay_s=60) as srv:
        replay = srv._httpd.replay
        whole = {path: srv._httpd.routes[path].body for path in replay.feeds}

        def entries() -> int:
            return sum(len(feedparser.parse(srv._httpd.lookup(p).body).entries) for p in whole)

        replay.started = time.monotonic()
        assert entries() == 0
        replay.started = time.monotonic() - 30
        half = entries()
        assert 0 < half < 93
        replay.started = time.monotonic() - 61
        assert entries() == 93
        for path, body in whole.items():
            status, headers, served = fetch(srv.url_for(path))
            assert status == 200 and served == body
