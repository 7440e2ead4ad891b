"""Adding sources: OPML import/export, feed discovery, the add_source command."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hostile import RSS, Server, send

from newsdesk.infra import http
from newsdesk.pipeline.parse.adapters.base import ParseError
from newsdesk.pipeline.parse.adapters.discovery import discover, feed_links
from newsdesk.pipeline.parse.adapters.opml import OpmlEntry, read_opml, write_opml
from newsdesk.sources.adding import SourceRefused, add_source
from newsdesk.sources.models import Source

DATA = Path(__file__).resolve().parent.parent / "testdata" / "feeds"

HOME = b"""<html><head><title>Daily Home</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/declared.xml">
<link rel="stylesheet" href="/s.css"></head><body>hi</body></html>"""
BARE_HOME = b"<html><head><title>Bare</title></head><body>no links</body></html>"
ARTICLE = (DATA / "article_amp.html").read_bytes()


def test_read_opml_flattens_categories():
    entries = read_opml((DATA / "subscriptions.opml").read_bytes())
    assert entries == [
        OpmlEntry("https://daily.example/feed", "Daily & Co", "https://daily.example/", "World"),
        OpmlEntry("https://rdf.example/rss", "RDF Daily", "", "World"),
        OpmlEntry("https://top.example/atom.xml", "Top level", "", ""),
        OpmlEntry("ftp://files.example/feed", "Bad scheme", "", ""),
    ]


def test_opml_round_trip():
    entries = read_opml((DATA / "subscriptions.opml").read_bytes())
    assert read_opml(write_opml(entries)) == entries


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<rss/>", "root element <rss>"),
        (b"<opml>", "not an OPML file"),
        ((DATA / "xxe.xml").read_bytes(), "entity"),
    ],
)
def test_bad_opml(body, message):
    with pytest.raises(ParseError, match=message):
        read_opml(body)


def test_feed_links():
    html = (
        HOME
        + b'<link rel="alternate" type="application/feed+json" href="https://cdn.example/f.json">'
    )
    assert feed_links(HOME, "https://daily.example/") == ["https://daily.example/declared.xml"]
    assert (
        feed_links(html.replace(b"</head>", b""), "https://daily.example/")[1]
        == "https://cdn.example/f.json"
    )


@pytest.fixture
def site(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_DEADLINE_S = 2.0
    routes = {
        "/": lambda h, s: send(h, 200, HOME, "text/html"),
        "/bare": lambda h, s: send(h, 200, BARE_HOME, "text/html"),
        "/declared.xml": lambda h, s: send(h, 200, RSS, "application/rss+xml"),
        "/story": lambda h, s: send(h, 200, ARTICLE, "text/html"),
    }
    with Server(routes=routes) as server:
        yield server


def test_discover_declared_feed(site):
    found = discover(site.url("/"), http.fetch)
    assert (found.kind, found.url, found.title) == ("feed", site.url("/declared.xml"), "Local")


def test_discover_common_path(site):
    site.routes["/rss.xml"] = site.routes.pop("/declared.xml")
    found = discover(site.url("/bare"), http.fetch)
    assert (found.kind, found.url) == ("feed", site.url("/rss.xml"))
    assert site.url("/feed") in found.tried


def test_discover_feed_url_itself_and_article_and_nothing(site):
    assert discover(site.url("/declared.xml"), http.fetch).url == site.url("/declared.xml")
    article = discover(site.url("/story"), http.fetch)
    assert article.kind == "article" and article.title == "Storm hits coast"
    site.routes.pop("/declared.xml")
    assert discover(site.url("/bare"), http.fetch) is None


@pytest.mark.django_db
def test_add_source_command_discovers(site, settings):
    settings.FETCH_HOST_GAP_S = 0
    out = StringIO()
    call_command("add_source", site.url("/"), stdout=out)
    source = Source.objects.get()
    assert (source.kind, source.url, source.name) == ("feed", site.url("/declared.xml"), "Local")
    assert source.site_url == site.url("/")
    assert out.getvalue().startswith(f"added: source #{source.pk} (feed)")
    call_command("add_source", site.url("/"), stdout=out)
    assert "already followed" in out.getvalue() and Source.objects.count() == 1
    call_command(
        "add_source", "https://news.example/sitemap.xml", kind="news_sitemap", name="N", stdout=out
    )
    assert Source.objects.get(name="N").kind == "news_sitemap"
    with pytest.raises(CommandError, match="no feed, sitemap or article"):
        call_command("add_source", site.url("/bare"), stdout=out)
    with pytest.raises(CommandError, match="must be an http"):
        call_command("add_source", "file:///etc/passwd", stdout=out)


@pytest.mark.django_db
def test_the_api_adds_through_the_same_path_as_the_cli(site, settings, client):
    """Discovery, canonical form and the address policy, whoever adds the source."""
    from tests.factories import make_token, make_user

    settings.FETCH_HOST_GAP_S = 0
    token = make_token(make_user("editor"))  # adding a source needs sources.add_source
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    added = client.post("/api/v1/sources/", {"url": site.url("/")}, **auth)
    assert added.status_code == 201
    assert Source.objects.get().url == site.url("/declared.xml")  # discovered, like the CLI
    # The canonical form: a tracking parameter does not make a second source.
    again = client.post("/api/v1/sources/", {"url": site.url("/declared.xml?utm_source=x")}, **auth)
    assert again.status_code == 409 and Source.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8000/feed",
        "http://[::1]/feed",
        "http://10.0.0.7/rss.xml",
    ],
)
def test_private_addresses_are_refused_when_the_source_is_added(url):
    with pytest.raises(SourceRefused, match="not a public address"):
        add_source(url, kind="feed")
    with pytest.raises(CommandError, match="not a public address"):
        call_command("add_source", url, "--kind", "feed", stdout=StringIO())
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_import_and_export_commands(tmp_path):
    out = StringIO()
    call_command("import_opml", str(DATA / "subscriptions.opml"), stdout=out)
    assert out.getvalue().strip() == "added 3, existing 0, skipped 1"
    call_command("import_opml", str(DATA / "subscriptions.opml"), stdout=out)
    assert "added 0, existing 3, skipped 1" in out.getvalue()
    Source.objects.create(url="https://site.example/sitemap.xml", kind="sitemap")
    target = tmp_path / "out.opml"
    call_command("export_opml", str(target), stdout=out)
    exported = read_opml(target.read_bytes())
    assert sorted(e.url for e in exported) == sorted(
        ["https://daily.example/feed", "https://rdf.example/rss", "https://top.example/atom.xml"]
    )
    printed = StringIO()
    call_command("export_opml", "--all", stdout=printed)
    assert len(read_opml(printed.getvalue().encode())) == 4
    with pytest.raises(CommandError, match="cannot import"):
        call_command("import_opml", str(DATA / "rss20.xml"), stdout=out)
