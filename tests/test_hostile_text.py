"""THREAT B4: text PostgreSQL or XML cannot hold never reaches the database, and any
ingest failure is charged to its source (SourceEvent, error score, source health)."""

import json

import pytest
from django.db import DataError

from newsdesk.articles.models import Article
from newsdesk.infra.charset import decode_html
from newsdesk.infra.http import FetchResult
from newsdesk.pipeline import flows
from newsdesk.pipeline.parse import parse
from newsdesk.sources.models import Source, SourceEvent

HOSTILE = "Tit\x00le \ud800 with \x01 bell \ufffe and \ufeffend"


def _clean(text: str) -> bool:
    text.encode("utf-8")  # raises on a lone surrogate
    return not any(c in text for c in "\x00\x01\ufffe")


def _jsonfeed(**item) -> bytes:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": HOSTILE, "items": [item]}
    return json.dumps(doc).encode()  # \u0000 and \ud800 travel as JSON escapes


def test_B4_jsonfeed_text_fields_are_storable():
    body = _jsonfeed(
        id="g\x001", url="https://x.example/a\x00", title=HOSTILE, summary=HOSTILE,
        authors=[{"name": HOSTILE}],
    )  # fmt: skip
    parsed = parse("feed", body, "https://x.example/feed.json")
    item = parsed.items[0]
    for text in (parsed.title, item.title, item.summary, item.author, item.guid, item.url):
        assert _clean(text), repr(text)
    assert item.title == "Title with bell and \ufeffend"


def test_B4_rss_with_nul_references_and_wrong_charset_is_storable():
    # windows-1252 curly quotes under a utf-8 prolog, and a numeric NUL reference.
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T&#0;</title>'
        b"<item><title>\x93Quoted\x94 &#0;x</title><link>https://x.example/1</link>"
        b"<description>a\x00b</description></item></channel></rss>"
    )
    parsed = parse("feed", body, "https://x.example/rss")
    item = parsed.items[0]
    assert all(_clean(t) for t in (parsed.title, item.title, item.summary))
    assert "\u201cQuoted\u201d" in item.title


def test_B4_koi8r_feed_decodes():
    body = (
        '<?xml version="1.0" encoding="koi8-r"?><rss version="2.0"><channel><title>Новости</title>'
        "<item><title>Привет</title><link>https://x.example/1</link></item></channel></rss>"
    ).encode("koi8-r")
    assert parse("feed", body, "https://x.example/rss").items[0].title == "Привет"


def test_B4_decoded_pages_are_storable():
    assert _clean(decode_html(b"<p>a\x00b\x01</p>" + "\ud800".encode("utf-8", "surrogatepass")))
    assert _clean(decode_html("<p>a\x00b</p>"))


@pytest.mark.django_db
def test_B4_a_nul_title_is_stored_without_it(monkeypatch):
    source = Source.objects.create(url="https://x.example/feed.json")
    body = _jsonfeed(id="1", url="https://x.example/a", title="Bad\x00title")
    monkeypatch.setattr(flows.fetch, "fetch_source", lambda *a, **k: _result(body))
    assert flows.ingest_source(source.id, lambda _id: None) == 1
    assert Article.objects.get(source=source).title == "Badtitle"


@pytest.mark.django_db
def test_B4_an_unexpected_ingest_failure_is_charged_to_the_source(monkeypatch):
    source = Source.objects.create(url="https://x.example/feed.json")
    body = _jsonfeed(id="1", url="https://x.example/a", title="fine")
    monkeypatch.setattr(flows.fetch, "fetch_source", lambda *a, **k: _result(body))

    def refuse(*args):
        raise DataError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr(flows, "store_items", refuse)
    assert flows.ingest_source(source.id, lambda _id: None) == 0
    source.refresh_from_db()
    assert source.error_score > 0 and source.error_count == 1
    assert "ingest failed: DataError" in source.last_error
    assert source.claimed_until is None
    assert SourceEvent.objects.filter(source=source, message__contains="DataError").exists()


def _result(body: bytes) -> FetchResult:
    url = "https://x.example/feed.json"
    return FetchResult(url=url, final_url=url, status=200, body=body,
                       content_type="application/feed+json")  # fmt: skip


@pytest.mark.django_db
def test_B4_every_html_response_says_utf8(client, admin_client):
    for response in (client.get("/"), client.get("/no-such-page/"), admin_client.get("/desk/")):
        assert response["Content-Type"] == "text/html; charset=utf-8"


def test_B4_json_ld_escapes_in_a_page_are_storable():
    from newsdesk.pipeline.extract import extract

    ld = '{"@type": "NewsArticle", "headline": "Bad\\u0000head", "author": {"name": "A\\u0000B"}}'
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>'
        + "<p>The harbour council voted on the new plan today.</p>" * 6
        + "</article></body></html>"
    )
    meta = extract(page.encode(), "https://x.example/a").meta
    assert meta.title == "Badhead" and all("\x00" not in a for a in meta.authors)


@pytest.mark.django_db
def test_B4_an_unexpected_article_failure_is_recorded_not_left_pending(monkeypatch):
    source = Source.objects.create(url="https://x.example/feed.json")
    article = Article.objects.create(
        source=source, url="https://x.example/a", canonical_url="https://x.example/a", guid_hash="1"
    )
    page = FetchResult(url=article.url, final_url=article.url, status=200, body=b"<p>x</p>",
                       content_type="text/html")  # fmt: skip
    monkeypatch.setattr(flows.fetch, "fetch_page", lambda *a, **k: page)

    def crash(*args, **kwargs):
        raise DataError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr(flows, "extract", crash)
    assert flows.process_article(article.id, lambda _id: None) is False
    article.refresh_from_db()
    assert article.state == Article.State.FAILED and "DataError" in article.error
    assert SourceEvent.objects.filter(source=source, message__contains="DataError").exists()
