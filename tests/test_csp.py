"""THREATS D2, F3: a strict Content-Security-Policy on every page type of the site, the
desk and the admin, and no page relies on inline script it would block."""

import re

import pytest
from django.contrib.auth.models import User

from newsdesk.stories.models import StoryMember
from tests.factories import make_article, make_category, make_story_article, make_tag

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [p.split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def _check(response, staff: bool) -> None:
    csp = _directives(response)
    scripts = csp["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    nonce = next(s for s in scripts if s.startswith("'nonce-"))[7:-1]
    assert len(nonce) >= 16
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["default-src"] == ["'self'"]
    assert ("'unsafe-inline'" in csp["style-src"]) == staff
    html = response.content.decode()
    for attrs in SCRIPT.findall(html):
        # Every script is a file from our origin, carries the nonce, or is inert data.
        assert "src=" in attrs or f'nonce="{nonce}"' in attrs or "ld+json" in attrs, attrs
    assert not HANDLER.search(html), HANDLER.search(html)
    assert "javascript:" not in html


@pytest.fixture
def site_pages():
    cat, tg = make_category("World"), make_tag("Talks")
    source = make_article(title="Source report")
    piece = make_story_article("Peace talks", category=cat, tags=[tg], sources=[source])
    StoryMember.objects.create(story=piece.story, article=source, score=1.0, reasons=["first"])
    return piece


def test_D2_public_pages_have_a_strict_policy(client, site_pages):
    for url in ["/", site_pages.get_absolute_url(), "/category/world/", "/tag/talks/",
                "/search/?q=peace", "/no-such-page/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code in (200, 404), url
        _check(response, staff=False)


def test_D2_F3_desk_and_admin_pages_have_a_strict_script_policy(client, site_pages):
    _check(client.get("/admin/login/"), staff=True)
    client.force_login(User.objects.create_superuser("boss", "b@example.org", "pw"))
    story = site_pages.story_id
    for url in ["/desk/", "/desk/stories/", f"/desk/stories/{story}/", "/admin/",
                "/admin/articles/article/", f"/admin/stories/storyarticle/{site_pages.pk}/change/",
                "/admin/sources/source/add/", "/api/v1/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response, staff=True)


def test_D2_each_response_gets_its_own_nonce(client):
    first, second = (_directives(client.get("/"))["script-src"] for _ in range(2))
    assert first != second
