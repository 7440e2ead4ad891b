"""Adapters through pipeline/parse.py: every source kind, hostile XML, date sanity."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.pipeline.parse import ParseError, adapters, parse

DATA = Path(__file__).resolve().parent.parent / "testdata" / "feeds"
NOW = datetime(2026, 3, 10, tzinfo=UTC)


def load(name: str, kind: str = "feed", url: str = "https://daily.example/feed", ctype: str = ""):
    return parse(kind, (DATA / name).read_bytes(), url, ctype, fetched_at=NOW)


def test_registry_is_explicit():
    assert adapters.kinds() == [
        "article",
        "feed",
        "jsonfeed",
        "news_sitemap",
        "rss_atom",
        "sitemap",
    ]
    with pytest.raises(ParseError, match="no adapter for kind 'podcast'"):
        parse("podcast", b"<x/>", "https://a.example/")


def test_rss20_items_dates_and_identity():
    feed = load("rss20.xml")
    assert feed.title == "Example & Daily"
    assert feed.ttl_minutes == 45
    by_guid = {i.guid: i for i in feed.items}
    # the repeated daily-1001 entry and the link-less entry are gone
    assert len(feed.items) == 4
    first = by_guid["daily-1001"]
    assert first.title == "Bridge closes for repairs"
    assert first.author == "Bo Reporter"
    assert first.published_at == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert not first.date_flagged
    assert "<script" not in first.summary
    flagged = [i for i in feed.items if i.date_flagged]
    assert {i.title for i in flagged} == {
        "Item dated in the far future",
        "Item dated 1970",
        "Item with no date",
    }
    assert all(i.published_at == NOW for i in flagged)
    assert any("without a link" in w for w in feed.warnings)
    assert "https://daily.example/2026/03/future" in {i.url for i in feed.items}


def test_rss091_with_netscape_doctype_is_accepted():
    feed = load("rss091.xml", url="http://oldwire.example/rss")
    assert [i.title for i in feed.items] == [
        "Harbour reopens after storm",
        "Council votes on budget",
    ]
    assert all(i.date_flagged for i in feed.items)


def test_rss10_rdf_and_sy_update_period():
    feed = load("rss10.rdf", url="https://rdf.example/rss")
    assert feed.ttl_minutes == 30  # hourly, twice
    assert [i.url for i in feed.items] == ["https://rdf.example/a", "https://rdf.example/b"]
    assert feed.items[1].published_at == datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    assert feed.items[0].author == "Ann Writer"


def test_atom_relative_links_and_updated_dates():
    feed = load("atom.xml", url="https://atom.example/atom.xml")
    rates, updated = feed.items
    assert rates.url == "https://atom.example/blog/posts/rates"
    assert rates.title == "Rates rise again"
    assert rates.guid == "tag:atom.example,2026:rates"
    assert updated.published_at == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_json_feed():
    feed = load("feed.json", url="https://json.example/feed.json")
    assert feed.title == "JSON Times"
    assert [i.url for i in feed.items] == ["https://json.example/j1", "https://json.example/j2"]
    assert feed.items[0].published_at == datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
    assert feed.items[0].author == "Desk" and feed.items[1].author == "Di Editor"
    assert len(feed.warnings) == 2


def test_sitemap_index_and_news_sitemap():
    index = load("sitemap_index.xml", "sitemap", "https://site.example/sitemap.xml")
    assert index.items == []
    assert index.children == [
        "https://site.example/sitemap-news.xml",
        "https://site.example/sitemap-2026-03.xml.gz",
    ]
    plain = load("sitemap.xml", "sitemap")
    assert [i.published_at.day for i in plain.items] == [5, 5, 10]
    assert plain.items[2].date_flagged
    news = load("news_sitemap.xml", "news_sitemap")
    (item,) = news.items
    assert item.title == "Election result declared"
    assert item.published_at == datetime(2026, 3, 5, 20, 0, tzinfo=UTC)


def test_gzipped_sitemap_body():
    import gzip

    body = gzip.compress((DATA / "sitemap.xml").read_bytes())
    assert len(parse("sitemap", body, "https://site.example/s.xml.gz", fetched_at=NOW).items) == 3


def test_article_maps_amp_to_declared_canonical():
    page = load("article_amp.html", "article", "https://amp.coastpost.example/2026/03/storm.amp")
    (item,) = page.items
    assert item.url == "https://www.coastpost.example/2026/03/storm-hits-coast"
    assert item.title == "Storm hits coast"
    assert item.published_at == datetime(2026, 3, 6, 6, 15, tzinfo=UTC)
    assert page.title == "Coast Post"


def test_article_cannot_claim_another_sites_url():
    (item,) = load("article_hijack.html", "article", "https://copier.example/x").items
    assert item.url == "https://copier.example/x"


@pytest.mark.parametrize(
    "name, kind",
    [("billion_laughs.xml", "feed"), ("xxe.xml", "feed"), ("xxe_sitemap.xml", "sitemap")],
)
def test_entity_tricks_are_refused(name, kind):
    with pytest.raises(ParseError, match="entity declarations refused"):
        load(name, kind)


def test_quadratic_blowup_is_refused():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"A" * 50000 + b'">]>'
        b'<rss version="2.0"><channel><item><title>'
        + b"&a;" * 50000
        + b"</title></item></channel></rss>"
    )
    with pytest.raises(ParseError, match="entity declarations refused"):
        parse("feed", body, "https://evil.example/")


def test_utf16_entity_declaration_is_refused():
    body = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>'.encode(
        "utf-16"
    )
    with pytest.raises(ParseError, match="entity declarations refused"):
        parse("sitemap", body, "https://evil.example/")


@pytest.mark.parametrize(
    "body, kind, message",
    [
        (b"", "feed", "empty document"),
        (b"<html><body>hi</body></html>", "feed", "not a feed"),
        (b"{not json", "feed", "invalid JSON"),
        (b'{"version": "1"}', "jsonfeed", "no jsonfeed.org version"),
        (b'{"a":' * 100000 + b"1" + b"}" * 100000, "feed", "nested too deeply"),
        (b"<urlset><url><loc>x</loc>", "sitemap", "not well-formed"),
        (b'<rss version="2.0"><channel><title>cut off', "feed", "no readable items"),
        (b"<rss/>", "sitemap", "root element <rss>"),
        (b"\x00\x01\x02", "article", "not an HTML page"),
    ],
)
def test_broken_documents_raise_clear_errors(body, kind, message):
    with pytest.raises(ParseError, match=message):
        parse(kind, body, "https://a.example/", fetched_at=NOW)


def test_item_cap(settings):
    entries = "".join(
        f"<item><title>t{i}</title><link>https://a.example/{i}</link></item>" for i in range(30)
    )
    body = f'<rss version="2.0"><channel><title>x</title>{entries}</channel></rss>'.encode()
    settings.FETCH_MAX_ITEMS = 10
    feed = parse("feed", body, "https://a.example/feed", fetched_at=NOW)
    assert len(feed.items) == 10
    assert any("20 items beyond the cap of 10" in w for w in feed.warnings)


@pytest.mark.parametrize("kind", ["feed", "sitemap"])
def test_deeply_nested_xml_parses_to_nothing_without_crashing(kind):
    root = b"rss" if kind == "feed" else b"urlset"
    body = b"<%s>" % root + b"<a>" * 20000 + b"</a>" * 20000 + b"</%s>" % root
    assert parse(kind, body, "https://a.example/", fetched_at=NOW).items == []
