"""THREATS D1, D4-D8, F4, F6: the public site and the admin against hostile requests
and hostile stored text."""

import logging
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User

from newsdesk.comments.models import Comment
from tests.factories import make_article, make_source, make_story_article

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"
EVIL_TITLE = "<img src=x onerror=alert(1)>Breaking"
EVIL_AUTHOR = '"><svg onload=alert(1)>'

# The only places allowed to bypass autoescaping, and why.
SAFE_ALLOWED = {
    ("web/templates/web/article.html", "piece.body_html|safe"),  # built by infra/sanitize
    ("web/jsonld.py", "mark_safe"),  # JSON-LD with every closing character escaped
    ("web/templates/web/_card.html", "piece.snippet|safe"),  # search/fts5.highlight escapes
    # sanitised body_html, linebreaks(autoescape=True) or infra/sanitize's cited paragraphs
    ("web/templatetags/web_citations.py", "mark_safe"),
}


def test_D1_autoescape_is_bypassed_only_where_listed():
    found = set()
    for path in PACKAGE.rglob("*"):
        if path.suffix not in {".html", ".py"} or "migrations" in path.parts:
            continue
        text, rel = path.read_text(), path.relative_to(PACKAGE).as_posix()
        assert "{% autoescape off" not in text, rel
        found |= {(rel, m) for m in re.findall(r"[\w.]+\|safe\b", text)}
        found |= {(rel, "mark_safe") for _ in re.findall(r"\bmark_safe\(", text)}
        # An unquoted attribute lets a value break out with a space.
        assert not re.search(r"<[^>]*\s[\w-]+=\{\{", text), rel
    assert found <= SAFE_ALLOWED, found - SAFE_ALLOWED


def test_D4_unknown_hosts_are_refused_and_forwarded_host_is_ignored(client):
    make_story_article("Story")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    feed = client.get("/feed/", HTTP_X_FORWARDED_HOST="evil.example")
    assert feed.status_code == 200 and b"evil.example" not in feed.content


@pytest.mark.parametrize(
    "target",
    ["//evil.com", "/\\evil.com", "/%5cevil.com", "\\\\evil.com", "https:evil.com",
     "%09//evil.com", "javascript:alert(1)", "https://evil.com"],
)  # fmt: skip
def test_D5_login_never_redirects_off_site(client, target):
    User.objects.create_user("ed", password="pw-for-tests", is_staff=True)
    data = {"username": "ed", "password": "pw-for-tests", "next": target}
    response = client.post(f"/admin/login/?next={target}", data)
    assert response.status_code == 302
    landing = urlsplit(urljoin("https://news.example/admin/login/", response["Location"]))
    assert landing.scheme == "https" and landing.netloc == "news.example"


def test_D6_F4_fetched_html_and_hostile_titles_are_shown_escaped(admin_client, client):
    source = make_source(name="Evil <b>Outlet</b>")
    art = make_article(source, title=EVIL_TITLE, author=EVIL_AUTHOR,
                       raw_html="<script>alert('raw')</script>",
                       clean_html="<p>clean</p>")  # fmt: skip
    piece = make_story_article(EVIL_TITLE, sources=[art])
    pages = [
        "/admin/articles/article/",
        f"/admin/articles/article/{art.pk}/change/",
        "/admin/stories/storyarticle/",
        f"/admin/stories/storyarticle/{piece.pk}/change/",
        "/desk/",
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert "<img src=x" not in html and "<svg onload" not in html, url
        assert "<script>alert('raw')" not in html, url
    public = client.get(piece.get_absolute_url()).content.decode()
    assert "alert('raw')" not in public and "<img src=x" not in public


def test_D7_an_oversized_comment_post_is_refused_without_storing(client):
    piece = make_story_article("Story")
    data = {"name": "Ada", "email": "a@example.org", "body": "x" * (10 * 1024 * 1024)}
    response = client.post(piece.get_absolute_url(), data)
    assert response.status_code in (400, 413)
    assert not Comment.objects.exists()


def test_D8_control_characters_in_paths_are_escaped_in_logs(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/a%0d%0aFAKE%20ERROR\x1b[31m/")
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert len(messages) == 1
    assert "\r" not in messages[0] and "\n" not in messages[0] and "\x1b" not in messages[0]


@pytest.mark.parametrize("url", ["/metrics", "/__debug__/", "/flower/", "/admin/doc/"])
def test_F6_no_internals_for_anonymous_users(client, url):
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")


def test_F6_a_server_error_shows_no_traceback(client, monkeypatch, settings):
    from newsdesk.web import views

    settings.DEBUG = False
    client.raise_request_exception = False

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "published", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert b"secret internals" not in response.content and b"Traceback" not in response.content
