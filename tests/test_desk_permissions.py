"""F5: every desk screen and admin action checks a Django permission: role x action.

Direct POSTs are made the way a script outside the UI would make them (the form's
fields, no page visited first); a refused one changes nothing.
"""

import re

import pytest
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.stories.models import Story, StoryArticle
from tests.factories import make_comment, make_story_article, make_user

pytestmark = pytest.mark.django_db
ROLES = [None, "staff", "contributor", "moderator", "editor", "administrator"]
EDITORS = {"editor", "administrator"}
DRAFT = StoryArticle.Status.DRAFT


def _client_for(client, role):
    if role is not None:
        client.force_login(make_user(None if role == "staff" else role))
    return client


def _piece_post(client, status, **data):
    piece = make_story_article("Piece", status=status, provenance=[[{"text": "Lead paragraph."}]])
    response = client.post(reverse("desk:piece", args=[piece.id]), data)
    return response, StoryArticle.objects.get(id=piece.id)


def _approve(c):
    r, p = _piece_post(c, DRAFT, action="approve")
    return r, p.status == "published"


def _reject(c):
    r, p = _piece_post(c, DRAFT, action="reject", reason="Not news.")
    return r, p.status == "retracted"


def _sentence(c):
    r, p = _piece_post(c, DRAFT, action="sentence", para=0, index=0, text="A new lead.")
    return r, p.body == "A new lead."


def _submit(c):
    r, p = _piece_post(c, DRAFT, action="submit", note="Ready.")
    return r, p.submitted_at is not None and p.status == DRAFT


def _correct(c):
    r, p = _piece_post(c, "published", action="correct", note="Name fixed.", body="Fixed.")
    return r, p.body == "Fixed." and p.correction_note == "Name fixed."


def _retract(c):
    r, p = _piece_post(c, "published", action="retract", reason="Wrong.")
    return r, p.status == "retracted"


def _do_not_write(c):
    story = Story.objects.create(label="A story")
    r = c.post(reverse("desk:story", args=[story.id]), {"action": "do_not_write", "value": "on"})
    return r, Story.objects.get(id=story.id).do_not_write


def _pin(c):
    piece = make_story_article("Pin me")
    r = c.post(reverse("desk:story", args=[piece.story_id]), {"action": "pin", "value": "on"})
    return r, StoryArticle.objects.get(id=piece.id).pinned


def _admin_action(c, model, action, obj):
    url = reverse(f"admin:{model}_changelist")
    return c.post(url, {"action": action, "_selected_action": [obj.pk]})


def _admin_publish(c):
    piece = make_story_article("Draft", status=DRAFT)
    r = _admin_action(c, "stories_storyarticle", "publish", piece)
    return r, StoryArticle.objects.get(id=piece.id).status == "published"


def _admin_retract(c):
    piece = make_story_article("Live")
    r = _admin_action(c, "stories_storyarticle", "retract", piece)
    return r, StoryArticle.objects.get(id=piece.id).status == "retracted"


def _admin_approve_comment(c):
    comment = make_comment(make_story_article("Commented"))
    r = _admin_action(c, "comments_comment", "approve", comment)
    return r, Comment.objects.get(id=comment.id).status == "approved"


def _view(url_name):
    def look(c):
        r = c.get(reverse(url_name))
        return r, r.status_code == 200

    return look


ACTIONS = {
    "see the queue": (EDITORS | {"contributor", "moderator"}, _view("desk:queue")),
    "see stories": (EDITORS | {"contributor"}, _view("desk:stories")),
    "approve": (EDITORS, _approve),
    "reject": (EDITORS, _reject),
    "edit a sentence": (EDITORS | {"contributor"}, _sentence),
    "submit for review": (EDITORS | {"contributor"}, _submit),
    "correct": (EDITORS, _correct),
    "retract": (EDITORS, _retract),
    "do not write": (EDITORS, _do_not_write),
    "pin": (EDITORS, _pin),
    "admin publish": (EDITORS, _admin_publish),
    "admin retract": (EDITORS, _admin_retract),
    "admin approve comment": ({"moderator", "administrator"}, _admin_approve_comment),
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("action", ACTIONS)
def test_F5_desk_role_matrix(client, role, action):
    allowed, do = ACTIONS[action]
    response, happened = do(_client_for(client, role))
    assert happened == (role in allowed), response.status_code
    if role is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role not in allowed and not action.startswith("admin"):
        assert response.status_code == 403


def test_a_contributors_submitted_draft_tops_the_queue_and_an_editor_publishes_it(client):
    older = make_story_article("Older held draft", status=DRAFT)
    piece = make_story_article("Contributor draft", status=DRAFT)
    contributor = make_user("contributor")
    client.force_login(contributor)
    client.post(reverse("desk:piece", args=[piece.id]), {"action": "submit", "note": "Done"})
    # A contributor cannot publish, even by a direct POST.
    client.post(reverse("desk:piece", args=[piece.id]), {"action": "approve"})
    piece.refresh_from_db()
    assert piece.status == DRAFT and piece.submitted_by == contributor
    assert piece.versions.filter(kind="submitted", note="Done").exists()
    client.force_login(make_user("editor"))
    queue = client.get(reverse("desk:queue")).content.decode()
    assert queue.index("Contributor draft") < queue.index(older.headline)
    assert "submitted by" in queue
    client.post(reverse("desk:piece", args=[piece.id]), {"action": "approve"})
    piece.refresh_from_db()
    assert piece.status == "published" and piece.submitted_at is None


@pytest.mark.parametrize("role", ["contributor", "moderator", "editor", "administrator"])
def test_F5_the_queue_links_only_to_screens_the_role_may_open(client, role):
    make_story_article("Draft", status=DRAFT)
    _client_for(client, role)
    page = client.get(reverse("desk:queue")).content.decode()
    links = re.findall(
        r'<a href="([^"]+)"', re.search(r'<p class="screens">(.*?)</p>', page).group(1)
    )
    assert links, "the queue links to nothing"
    for url in links:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, (role, url)
    everything = {"Pipeline runs", "Site settings", "Webhook deliveries", "Stories: why"}
    shown = {name for name in everything if name in page}
    assert (shown == everything) == (role == "administrator"), shown
    assert ("Source health" in page) == (role != "moderator")  # they read sources.view_source


def test_F5_a_refused_screen_says_which_permission_and_leads_back_to_the_desk(client):
    _client_for(client, "contributor")
    response = client.get(reverse("desk:runs"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "pipeline.view_taskrun" in page and f'href="{reverse("desk:queue")}"' in page
