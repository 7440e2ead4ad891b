"""THREATS G2 and G3: the public API answers bounded pages with bounded queries, and
never returns private fields or unpublished pieces to anonymous callers."""

import json

import pytest

from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_comment, make_source, make_story_article

pytestmark = pytest.mark.django_db
PRIVATE = ("email", "ip_hash", "ip_address", "user_agent", "raw_html", "etag", "password",
           "digest", "secret.reader@mail.example")  # fmt: skip


@pytest.fixture
def pieces():
    source = make_source(url="https://user:feedpass@outlet.example/feed.xml")
    made = [make_story_article(f"Story {n}", sources=[make_article(source)]) for n in range(25)]
    make_comment(made[0], email="secret.reader@mail.example", ip_hash="f" * 64)
    make_story_article("Hidden draft", status=StoryArticle.Status.DRAFT)
    return made


@pytest.mark.parametrize("query", ["page=-1", "page=1000000", f"page={10**12}", "page=abc",
                                   "limit=1000000", "limit=-1", f"offset={10**12}"])  # fmt: skip
def test_G2_pages_are_bounded_whatever_is_asked(
    client, pieces, query, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        # Never everything at once: a page is smaller than the 25 published pieces.
        assert 0 < len(response.json()["results"]) < len(pieces)


def test_G3_anonymous_responses_hold_no_private_fields(client, pieces):
    bodies = [client.get("/api/v1/articles/").content.decode()]
    bodies.append(client.get(f"/api/v1/articles/{pieces[0].pk}/").content.decode())
    for body in bodies:
        for marker in PRIVATE + ("feedpass", "Hidden draft"):
            assert marker not in body, marker
    draft = StoryArticle.objects.get(headline="Hidden draft")
    assert client.get(f"/api/v1/articles/{draft.pk}/").status_code in (401, 403, 404)
    for url in ("/api/v1/sources/", f"/api/v1/stories/{draft.story_id}/"):
        response = client.get(url)
        assert response.status_code in (401, 403), url
        assert "feedpass" not in json.dumps(response.json() if response.content else {})
