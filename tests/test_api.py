"""The REST API: public reads, token-authenticated editor actions, clear JSON errors."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsdesk.sources.models import Source
from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_source, make_story_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(capsys):
    get_user_model().objects.create_user("ed", "ed@example.org", "pw", is_staff=True)
    call_command("create_token", "ed", "--name", "script")
    return capsys.readouterr().out.strip()


def _post(client, url, data, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        url,
        data=json.dumps(data) if isinstance(data, dict) else data,
        content_type="application/json",
        **headers,
    )


def test_public_list_and_detail_show_only_published(client):
    source = make_article(source=make_source(name="BBC News"), title="Original")
    live = make_story_article("Live piece", sources=[source])
    draft = make_story_article("Draft piece", status=StoryArticle.Status.DRAFT)
    listing = client.get("/api/v1/articles/").json()
    assert [r["headline"] for r in listing["results"]] == ["Live piece"]
    detail = client.get(f"/api/v1/articles/{live.id}/").json()
    assert detail["sources"][0]["outlet"] == "BBC News"
    assert client.get(f"/api/v1/articles/{draft.id}/").status_code == 401
    assert client.get("/api/v1/articles/999999/").json() == {"error": "not found"}


def test_token_can_retract_and_add_sources(client, token):
    piece = make_story_article("Live piece")
    response = _post(client, f"/api/v1/articles/{piece.id}/status", {"status": "retracted"}, token)
    assert response.status_code == 200
    assert StoryArticle.objects.get(id=piece.id).status == "retracted"
    feed = {"url": "https://example.org/feed.xml", "kind": "feed"}
    response = _post(client, "/api/v1/sources/", feed, token)
    assert response.status_code == 201 and Source.objects.filter(url__contains="example").exists()
    again = _post(client, "/api/v1/sources/", feed, token)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("{not json", 400, "not valid JSON"),
        ("[1, 2]", 400, "JSON object"),
        ({"url": "file:///etc/passwd"}, 400, "http(s) URL"),
        ({"url": "https://ok.example/feed", "kind": "gopher"}, 400, "kind must be"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, token, body, status, message):
    response = _post(client, "/api/v1/sources/", body, token)
    assert response.status_code == status and message in response.json()["error"]
    assert not Source.objects.exists()


def test_editor_actions_need_a_valid_token(client):
    piece = make_story_article("Live piece")
    assert (
        _post(client, f"/api/v1/articles/{piece.id}/status", {"status": "draft"}).status_code == 401
    )
    assert (
        _post(
            client, f"/api/v1/articles/{piece.id}/status", {"status": "draft"}, "nd_wrong"
        ).status_code
        == 401
    )
    assert client.get("/api/v1/sources/").status_code == 401
    assert StoryArticle.objects.get(id=piece.id).status == "published"
