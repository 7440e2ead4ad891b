"""F5: every API endpoint checks a Django permission, not is_staff: every role x action.

Roles come from the groups the migration made (accounts/roles.py); "staff" is a staff
account with no role, which the old API let do everything. Each write is checked by its
effect too: a refused request changes nothing.
"""

import json

import pytest
from django.core.cache import cache

from newsdesk.sources.models import Source
from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_story_article, make_token, make_user

pytestmark = pytest.mark.django_db
ROLES = [None, "staff", "contributor", "moderator", "editor", "administrator"]
EDITORS = {"editor", "administrator"}
DESK_READERS = {"contributor", "editor", "administrator"}


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()


def _auth(role):
    if role is None:
        return {}
    user = make_user(None if role == "staff" else role)
    return {"HTTP_AUTHORIZATION": f"Bearer {make_token(user)}"}


def _post(client, url, body, auth):
    return client.post(url, json.dumps(body), content_type="application/json", **auth)


def _live():
    return make_story_article("Live piece")


def _draft():
    return make_story_article("Held piece", status=StoryArticle.Status.DRAFT)


# action -> (who may, do(client, auth) -> (response, did it happen?))
def _approve(client, auth):
    piece = _draft()
    r = _post(client, f"/api/v1/articles/{piece.id}/approve", {}, auth)
    return r, StoryArticle.objects.get(id=piece.id).status == "published"


def _submit(client, auth):
    piece = _draft()
    r = _post(client, f"/api/v1/articles/{piece.id}/submit", {}, auth)
    return r, StoryArticle.objects.get(id=piece.id).submitted_at is not None


def _correct(client, auth):
    piece = _live()
    r = _post(client, f"/api/v1/articles/{piece.id}/correct", {"note": "Fixed a name."}, auth)
    return r, bool(StoryArticle.objects.get(id=piece.id).correction_note)


def _retract(client, auth):
    piece = _live()
    r = _post(client, f"/api/v1/articles/{piece.id}/retract", {"reason": "Wrong."}, auth)
    return r, StoryArticle.objects.get(id=piece.id).status == "retracted"


def _status_retract(client, auth):
    piece = _live()
    r = _post(client, f"/api/v1/articles/{piece.id}/status", {"status": "retracted"}, auth)
    return r, StoryArticle.objects.get(id=piece.id).status == "retracted"


def _status_draft(client, auth):
    piece = _live()
    r = _post(client, f"/api/v1/articles/{piece.id}/status", {"status": "draft"}, auth)
    return r, StoryArticle.objects.get(id=piece.id).status == "draft"


def _add_source(client, auth):
    # a public literal address and a kind: nothing is resolved or fetched
    body = {"url": "https://93.184.215.14/feed.xml", "kind": "feed"}
    r = _post(client, "/api/v1/sources/", body, auth)
    return r, Source.objects.exists()


def _list_sources(client, auth):
    r = client.get("/api/v1/sources/", **auth)
    return r, r.status_code == 200


def _read_story(client, auth):
    piece = make_story_article("Story piece", sources=[make_article()])
    r = client.get(f"/api/v1/stories/{piece.story_id}/", **auth)
    return r, r.status_code == 200


def _read_draft(client, auth):
    r = client.get(f"/api/v1/articles/{_draft().id}/", **auth)
    return r, r.status_code == 200


def _read_versions(client, auth):
    r = client.get(f"/api/v1/articles/{_live().id}/versions/", **auth)
    return r, r.status_code == 200


ACTIONS = {
    "approve": (EDITORS, _approve),
    "submit": (EDITORS | {"contributor"}, _submit),
    "correct": (EDITORS, _correct),
    "retract": (EDITORS, _retract),
    "status=retracted": (EDITORS, _status_retract),
    "status=draft": (EDITORS, _status_draft),
    "add source": (EDITORS, _add_source),
    "list sources": (DESK_READERS, _list_sources),
    "read story": (DESK_READERS, _read_story),
    "read draft": (DESK_READERS | {"moderator"}, _read_draft),
    "read versions": (DESK_READERS | {"moderator"}, _read_versions),
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("action", ACTIONS)
def test_F5_api_role_matrix(client, role, action):
    allowed, do = ACTIONS[action]
    response, happened = do(client, _auth(role))
    if role in allowed:
        assert response.status_code in (200, 201), response.content
        assert happened
    else:
        assert response.status_code == (401 if role is None else 403), response.content
        assert not happened
        assert "error" in response.json()


def test_F5_a_signed_in_session_still_needs_the_permission_and_csrf(client):
    """A staff session without the role is refused; a session POST needs a CSRF token."""
    piece = _live()
    client.force_login(make_user(None))
    refused = _post(client, f"/api/v1/articles/{piece.id}/retract", {"reason": "x"}, {})
    assert refused.status_code == 403
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(make_user("editor"))
    no_csrf = _post(csrf_client, f"/api/v1/articles/{piece.id}/retract", {"reason": "x"}, {})
    assert no_csrf.status_code == 403
    assert StoryArticle.objects.get(id=piece.id).status == "published"
