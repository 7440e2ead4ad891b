"""Bad input from outside is logged against its source and never stops the pipeline."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.articles.models import Article
from newsdesk.pipeline import flows
from newsdesk.sources.models import Source, SourceEvent

BODY = " ".join(
    f"Sentence number {i} of a long enough article about the harbour council vote."
    for i in range(30)
)
PAGES = {
    "/feed.xml": (
        "application/rss+xml",
        b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile Herald</title>
<item><title>Empty page</title><link>{base}/empty.html</link><guid>1</guid></item>
<item><title>Odd charset</title><link>{base}/odd.html</link><guid>2</guid></item>
<item><title>Gone</title><link>{base}/missing.html</link><guid>3</guid></item>
</channel></rss>""",
    ),
    "/empty.html": ("text/html", b"<html><body><nav>Home | About</nav></body></html>"),
    "/odd.html": (
        "text/html; charset=x-no-such-charset",
        f"<html><head><title>Odd</title></head><body><article><h1>Odd</h1><p>{BODY}</p>"
        f"<p>Caf\xe9 owners said the vote mattered.</p></article></body></html>".encode("latin-1"),
    ),
    "/broken.xml": ("application/rss+xml", b"<rss><channel><item><title>unclosed"),
    "/sitemap-index.xml": (
        "application/xml",
        b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-1.xml</loc></sitemap><sitemap><loc>{base}/nope.xml</loc></sitemap>
</sitemapindex>""",
    ),
    "/sitemap-1.xml": (
        "application/xml",
        b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/odd.html</loc><lastmod>2024-03-01</lastmod></url></urlset>""",
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        page = PAGES.get(self.path)
        if page is None:
            self.send_error(404)
            return
        ctype, body = page
        body = body.replace(b"{base}", self.server.base.encode())
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_HOST_GAP_S = 0.0
    yield server.base
    server.shutdown()


@pytest.mark.django_db
def test_pages_without_article_or_with_unknown_charset(
    hostile_site, django_capture_on_commit_callbacks
):
    source = Source.objects.create(name="Hostile Herald", url=f"{hostile_site}/feed.xml")
    queued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        assert flows.ingest_source(source.id, queued.append) == 3
    for article_id in queued:
        flows.process_article(article_id, lambda _id: None)
    states = dict(Article.objects.values_list("title", "state"))
    assert states["Empty page"] == Article.State.FAILED
    assert states["Gone"] == Article.State.FAILED
    odd = Article.objects.get(guid_hash__isnull=False, url__endswith="/odd.html")
    assert odd.state == Article.State.EXTRACTED and "harbour council" in odd.text
    messages = list(SourceEvent.objects.filter(source=source).values_list("message", flat=True))
    assert any("no article extracted" in m for m in messages)
    assert any("404" in m for m in messages)


@pytest.mark.django_db
def test_broken_feed_is_recorded_and_rescheduled(hostile_site):
    source = Source.objects.create(name="Broken", url=f"{hostile_site}/broken.xml")
    assert flows.ingest_source(source.id, lambda _id: None) == 0
    source.refresh_from_db()
    assert source.error_count == 1 and "parse" in source.last_error
    assert source.claimed_until is None and source.next_check_at is not None
    assert SourceEvent.objects.filter(source=source).exists()


@pytest.mark.django_db
def test_sitemap_index_children_are_followed(hostile_site):
    source = Source.objects.create(
        name="Mapped", url=f"{hostile_site}/sitemap-index.xml", kind=Source.Kind.SITEMAP
    )
    assert flows.ingest_source(source.id, lambda _id: None) == 1
    assert Article.objects.filter(source=source, url__endswith="/odd.html").exists()
    warning = SourceEvent.objects.get(source=source, message__startswith="child sitemap skipped")
    assert warning.url.endswith("/nope.xml")


def test_header_charset_is_read_from_content_type():
    from newsdesk.infra.charset import header_charset

    assert header_charset('text/html; charset="ISO-8859-1"') == "ISO-8859-1"
    assert header_charset("text/html") is None


@pytest.mark.django_db
def test_a_page_cannot_claim_another_sites_canonical_url(hostile_site):
    from newsdesk.articles.models import Article as Row

    source = Source.objects.create(name="Hostile Herald", url=f"{hostile_site}/feed.xml")
    article = Row.objects.create(
        source=source, url=f"{hostile_site}/odd.html", canonical_url=f"{hostile_site}/odd.html"
    )
    flows._adopt_declared_canonical(article, article.url, "https://victim.example/story")
    assert article.canonical_url == f"{hostile_site}/odd.html"
    flows._adopt_declared_canonical(article, article.url, f"{hostile_site}/odd-canonical.html")
    assert article.canonical_url == f"{hostile_site}/odd-canonical.html"
