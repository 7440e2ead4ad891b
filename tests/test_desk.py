"""Editor screens: the /desk/ review queue and the admin actions and provenance view."""

import pytest
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.sources.models import Source
from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_comment, make_source, make_story_article

pytestmark = pytest.mark.django_db
DRAFT = StoryArticle.Status.DRAFT


def test_desk_requires_staff(client, django_user_model):
    response = client.get("/desk/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    django_user_model.objects.create_user("reader", password="pw12345!x")
    client.login(username="reader", password="pw12345!x")
    assert client.get("/desk/").status_code == 302


def test_desk_lists_drafts_with_problems_and_source_health(admin_client):
    draft = make_story_article(
        "Needs a look",
        status=DRAFT,
        problems=["sentence 3 has no support", {"code": "few_sources", "message": "only 1 source"}],
    )
    make_story_article("Already out")
    broken = make_source(
        name="Broken Feed",
        enabled=False,
        error_score=7.5,
        last_error="HTTP 500 <boom>",
        disabled_reason="too many errors",
    )
    html = admin_client.get("/desk/").content.decode()
    assert "Needs a look" in html and "Already out" not in html
    assert "sentence 3 has no support" in html and "only 1 source" in html
    assert reverse("desk:piece", args=[draft.pk]) in html
    assert "Broken Feed" in html and "7.5" in html and "HTTP 500 &lt;boom&gt;" in html
    assert reverse("admin:sources_source_change", args=[broken.pk]) in html
    assert "never" in html


def _action(admin_client, model: str, action: str, pks: list[int]):
    url = reverse(f"admin:{model}_changelist")
    return admin_client.post(url, {"action": action, "_selected_action": pks}, follow=True)


def test_admin_publish_and_retract(admin_client):
    draft = make_story_article("Draft", status=DRAFT)
    _action(admin_client, "stories_storyarticle", "publish", [draft.pk])
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    _action(admin_client, "stories_storyarticle", "retract", [draft.pk])
    draft.refresh_from_db()
    assert draft.status == "retracted"
    assert admin_client.get(draft.get_absolute_url()).status_code == 410


def test_admin_comment_moderation(admin_client):
    piece = make_story_article("Story")
    good, bad = make_comment(piece), make_comment(piece)
    _action(admin_client, "comments_comment", "approve", [good.pk])
    _action(admin_client, "comments_comment", "mark_spam", [bad.pk])
    assert Comment.objects.get(pk=good.pk).status == "approved"
    assert Comment.objects.get(pk=bad.pk).status == "spam"


def test_admin_reenable_source(admin_client):
    src = make_source(enabled=False, error_score=9.0, error_count=4, disabled_reason="errors")
    _action(admin_client, "sources_source", "reenable", [src.pk])
    src = Source.objects.get(pk=src.pk)
    assert src.enabled and src.error_score == 0 and src.error_count == 0
    assert src.disabled_reason == ""


def test_admin_shows_provenance_sentence_by_sentence(admin_client):
    src = make_source(name="Wire Service")
    art = make_article(src, title="Original wire", text="Alpha beta gamma. The <quick> fox ran.")
    start = art.text.index("The")
    piece = make_story_article(
        "Fox story",
        status=DRAFT,
        sources=[art],
        problems=["weak support"],
        provenance=[
            [
                {
                    "text": "A fox ran quickly.",
                    "support": [{"article_id": art.pk, "start": start, "end": len(art.text)}],
                },
                {"text": "Nobody said this.", "support": []},
            ]
        ],
    )
    html = admin_client.get(
        reverse("admin:stories_storyarticle_change", args=[piece.pk])
    ).content.decode()
    assert "A fox ran quickly." in html
    assert "The &lt;quick&gt; fox ran." in html  # the span text, escaped
    assert reverse("admin:articles_article_change", args=[art.pk]) in html
    assert f'href="{art.url}"' in html and "Wire Service" in html
    assert "No supporting source" in html
    assert "weak support" in html


def _admin_form_post(admin_client, piece, **changes):
    url = reverse("admin:stories_storyarticle_change", args=[piece.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("tags", "sources")}
    data.update(slug=piece.slug, story=piece.story_id, image="", **changes)
    return admin_client.post(url, data)


def test_admin_body_edit_of_a_draft_marks_edited_keeps_a_version(admin_client):
    piece = make_story_article("Story", status=DRAFT, body_html="<p>old</p>")
    response = _admin_form_post(admin_client, piece, body="New edited body.")
    assert response.status_code == 302, response.context["adminform"].form.errors
    piece.refresh_from_db()
    assert piece.body == "New edited body." and piece.body_html == "" and piece.edited_by_editor
    assert [v.kind for v in piece.versions.order_by("number")] == ["written", "edited"]
    assert piece.versions.get(number=1).body.startswith("Lead paragraph")


def test_admin_cannot_change_a_published_text_or_any_status_by_form(admin_client):
    """Published text changes only as a correction with a public note (the desk); the
    status only through the permission-checked actions."""
    piece = make_story_article("Story")
    _admin_form_post(admin_client, piece, body="Quietly changed.", status="draft")
    piece.refresh_from_db()
    assert piece.body.startswith("Lead paragraph") and piece.status == "published"


@pytest.mark.parametrize(
    "model",
    [
        "sources_source",
        "articles_article",
        "stories_storyarticle",
        "stories_story",
        "comments_comment",
        "sources_sourceevent",
    ],
)
def test_admin_changelists_render(admin_client, model):
    piece = make_story_article("Story", sources=[make_article()])
    make_comment(piece)
    response = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": "story"})
    assert response.status_code == 200
