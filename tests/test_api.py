"""The REST API: public reads, filters, pagination, token actions, clear JSON errors."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command

from newsdesk.stories.models import StoryArticle
from tests.factories import (
    make_article,
    make_category,
    make_comment,
    make_source,
    make_story_article,
    make_tag,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()


@pytest.fixture
def token(capsys):
    make_user("editor", username="ed")
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


def test_root_links_the_schema_and_the_schema_is_openapi_3(client):
    root = client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert root["schema"].endswith("/api/v1/schema/")
    assert root["articles"].endswith("/api/v1/articles/")
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/articles/{piece_id}/correct" in schema["paths"]
    assert client.get("/api/v1/schema/").status_code == 200


def test_public_list_and_detail_show_only_published(client):
    source = make_article(source=make_source(name="BBC News"), title="Original")
    live = make_story_article("Live piece", sources=[source])
    draft = make_story_article("Draft piece", status=StoryArticle.Status.DRAFT)
    listing = client.get("/api/v1/articles/").json()
    assert [r["headline"] for r in listing["results"]] == ["Live piece"]
    assert listing["count"] == 1 and listing["pages"] == 1
    detail = client.get(f"/api/v1/articles/{live.id}/").json()
    assert detail["sources"][0]["outlet"] == "BBC News"
    assert client.get(f"/api/v1/articles/{draft.id}/").status_code == 401
    assert client.get("/api/v1/articles/999999/").json() == {"error": "not found"}


def test_a_retracted_piece_answers_410_with_the_reason(client):
    piece = make_story_article(
        "Withdrawn", status=StoryArticle.Status.RETRACTED, retraction_reason="Wrong town named."
    )
    response = client.get(f"/api/v1/articles/{piece.id}/")
    assert response.status_code == 410
    assert response.json()["retraction_reason"] == "Wrong town named."


def test_filters_by_category_tag_outlet_and_date(client):
    bbc = make_article(source=make_source(name="BBC News", url="https://bbc.example/rss"))
    sport, rain = make_category("Sport"), make_tag("Rain")
    a = make_story_article("Match off", category=sport, tags=[rain], sources=[bbc])
    make_story_article("Old news", age=timedelta(days=10))

    def heads(query):
        return [r["headline"] for r in client.get(f"/api/v1/articles/?{query}").json()["results"]]

    assert heads("category=sport") == [a.headline]
    assert heads("tag=rain") == [a.headline]
    assert heads("outlet=bbc news") == heads("outlet=bbc.example") == [a.headline]
    since = (a.published_at - timedelta(days=1)).date().isoformat()
    assert heads(f"since={since}") == [a.headline]
    assert heads(f"until={since}") == ["Old news"]
    assert heads("category=nothing-here") == []


@pytest.mark.parametrize(
    "query", ["since=yesterday", "until=2026-13-45", "category=not%20a%20slug", "tag=%00"]
)
def test_bad_filter_values_are_400_not_500(client, query):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    if "%00" not in query:  # a NUL is refused before the API, by infra/querystring.py
        assert response.json()["error"]


def test_page_size_is_capped(client, settings):
    settings.API_MAX_PAGE_SIZE = 3
    for n in range(5):
        make_story_article(f"Piece {n}")
    page = client.get("/api/v1/articles/?page_size=1000").json()
    assert len(page["results"]) == 3 and page["pages"] == 2 and page["next"]
    assert "page" in client.get("/api/v1/articles/?page=99").json()["error"]


def test_comments_are_approved_only_and_never_show_the_email(client):
    piece = make_story_article("Commented")
    make_comment(piece, body="Kind words", status="approved", email="secret@mail.example")
    make_comment(piece, body="Waiting", status="pending")
    body = client.get(f"/api/v1/comments/?article={piece.id}").content.decode()
    assert "Kind words" in body and "Waiting" not in body and "secret@" not in body
    assert client.get("/api/v1/comments/?article=abc").status_code == 400


def test_categories_and_tags_are_public(client):
    make_category("World"), make_tag("Floods")
    assert client.get("/api/v1/categories/").json()["results"][0]["slug"] == "world"
    assert client.get("/api/v1/tags/").json()["results"][0]["name"] == "Floods"


def test_token_can_retract_correct_and_approve(client, token):
    piece = make_story_article("Live piece")
    response = _post(
        client,
        f"/api/v1/articles/{piece.id}/correct",
        {"note": "The mayor's name was misspelt.", "headline": "Live piece, corrected"},
        token,
    )
    assert response.status_code == 200 and response.json()["correction_note"]
    response = _post(client, f"/api/v1/articles/{piece.id}/status", {"status": "retracted"}, token)
    assert response.status_code == 200
    piece.refresh_from_db()
    assert piece.status == "retracted" and piece.retraction_reason
    draft = make_story_article("Held", status=StoryArticle.Status.DRAFT)
    assert _post(client, f"/api/v1/articles/{draft.id}/approve", {}, token).status_code == 200
    assert StoryArticle.objects.get(id=draft.id).status == "published"
    versions = client.get(
        f"/api/v1/articles/{piece.id}/versions/", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()["results"]
    assert [v["kind"] for v in versions] == ["written", "corrected", "retracted"]


@pytest.mark.parametrize(
    ("url", "body", "message"),
    [
        ("correct", "{not json", "not valid JSON"),
        ("correct", "[1, 2]", "JSON object"),
        ("correct", {"headline": "No note"}, "note"),
        ("correct", {"note": "x", "body": "   "}, "body"),
        ("retract", {"reason": ""}, "reason"),
        ("status", {"status": "gone"}, "status"),
        ("approve", {}, "only a draft"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, token, url, body, message):
    piece = make_story_article("Live piece")
    response = _post(client, f"/api/v1/articles/{piece.id}/{url}", body, token)
    assert response.status_code == 400 and message in response.json()["error"]
    after = StoryArticle.objects.get(id=piece.id)
    assert (after.status, after.headline, after.body) == ("published", piece.headline, piece.body)
    assert not after.versions.exists()


def test_editor_actions_need_a_valid_token(client):
    piece = make_story_article("Live piece")
    url = f"/api/v1/articles/{piece.id}/status"
    assert _post(client, url, {"status": "draft"}).status_code == 401
    assert _post(client, url, {"status": "draft"}, "nd_wrong").status_code == 401
    assert client.get("/api/v1/sources/").status_code == 401
    assert StoryArticle.objects.get(id=piece.id).status == "published"


def test_G4_anonymous_callers_are_throttled_per_address(client, settings):
    settings.API_RATES = {"address": "3/min", "token": "600/min"}
    codes = [client.get("/api/v1/articles/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = client.get("/api/v1/articles/")
    assert last.status_code == 429 and int(last["Retry-After"]) > 0
    other = client.get("/api/v1/articles/", REMOTE_ADDR="127.0.0.9")
    assert other.status_code == 200


def test_G4_each_token_has_its_own_budget(client, settings):
    settings.API_RATES = {"address": "1000/min", "token": "2/min"}
    first = make_token_for("editor")
    second = make_token_for("editor")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {first}"}
    codes = [client.get("/api/v1/sources/", **auth).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/sources/", **auth)["Retry-After"]
    assert client.get("/api/v1/sources/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def make_token_for(role: str) -> str:
    from tests.factories import make_token

    return make_token(make_user(role))
