"""Story membership through one module: no merge, split or move deletes a piece or a comment."""

import pytest
from django.contrib.auth import get_user_model

from newsdesk.comments.models import Comment
from newsdesk.pipeline.types import ArticleMove, StoryMerge
from newsdesk.stories import membership
from newsdesk.stories.models import PieceVersion, Story, StoryArticle, StoryMember, Webhook
from tests.factories import make_article, make_comment, make_story_article

pytestmark = pytest.mark.django_db


def _with_members(piece: StoryArticle, *titles: str) -> Story:
    for title in titles:
        StoryMember.objects.create(story=piece.story, article=make_article(title=title))
    return piece.story


def _two_published_stories():
    keep = make_story_article("Quake strikes the island")
    gone = make_story_article("Island quake: rescuers search")
    _with_members(keep, "Quake hits island")
    _with_members(gone, "Rescuers search after quake")
    return keep, gone


def test_editor_merge_keeps_comments_visible_and_redirects_the_old_url(client):
    keep, gone = _two_published_stories()
    make_comment(gone, body="My thoughts are with the islanders", status="approved")
    make_comment(gone, body="Held for moderation", status="pending")
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    client.post(f"/desk/stories/{keep.story_id}/", {"action": "merge", "other": gone.story_id})
    client.logout()

    assert Comment.objects.count() == 2  # nothing deleted
    old = client.get(gone.get_absolute_url())
    assert old.status_code == 301 and old["Location"] == keep.get_absolute_url()
    page = client.get(keep.get_absolute_url()).content.decode()
    assert "My thoughts are with the islanders" in page
    assert "Held for moderation" not in page
    gone.refresh_from_db()
    assert gone.status == StoryArticle.Status.RETRACTED and gone.redirect_to_id == keep.id
    assert "merged by an editor" in gone.problems[-1]
    assert Story.objects.get(id=gone.story_id).merged_into_id == keep.story_id


def test_a_chain_of_merges_ends_at_one_live_page(client):
    first, second = _two_published_stories()
    third = make_story_article("Aftershocks follow island quake")
    _with_members(third, "Aftershocks")
    membership.apply(StoryMerge(second.story_id, first.story_id))
    membership.apply(StoryMerge(third.story_id, second.story_id))
    assert StoryArticle.objects.get(id=first.id).redirect_to_id == third.id
    assert client.get(first.get_absolute_url())["Location"] == third.get_absolute_url()
    assert StoryArticle.objects.count() == 3


def test_a_published_piece_merged_away_is_retracted_as_an_editor_would(
    django_capture_on_commit_callbacks,
):
    keep, gone = _two_published_stories()
    Webhook.objects.create(url="https://hooks.example/in", events=["piece.retracted"])
    with django_capture_on_commit_callbacks(execute=True):
        membership.apply(StoryMerge(keep.story_id, gone.story_id))
    gone.refresh_from_db()
    assert gone.status == StoryArticle.Status.RETRACTED and gone.redirect_to_id == keep.id
    assert gone.retracted_at is not None and "merged" in gone.retraction_reason
    kinds = list(gone.versions.order_by("id").values_list("kind", flat=True))
    assert kinds == [PieceVersion.Kind.WRITTEN, PieceVersion.Kind.RETRACTED]
    (delivery,) = Webhook.objects.get().deliveries.all()
    assert delivery.event == "piece.retracted" and delivery.payload["piece"]["id"] == gone.id


def test_a_draft_merged_away_stays_a_draft_and_points_at_the_survivor():
    keep, gone = _two_published_stories()
    StoryArticle.objects.filter(id=gone.id).update(status=StoryArticle.Status.DRAFT)
    membership.apply(StoryMerge(keep.story_id, gone.story_id))
    gone.refresh_from_db()
    assert gone.status == StoryArticle.Status.DRAFT and gone.redirect_to_id == keep.id
    assert not gone.versions.exists() and not gone.retracted_at


def test_a_merged_story_without_a_piece_gives_its_articles_and_goes():
    keep = make_story_article("Kept")
    _with_members(keep, "k1")
    gone = Story.objects.create(label="empty soon")
    moved = make_article(title="g1")
    StoryMember.objects.create(story=gone, article=moved)
    membership.apply(StoryMerge(keep.story_id, gone.id))
    assert StoryMember.objects.get(article=moved).story_id == keep.story_id
    assert not Story.objects.filter(id=gone.id).exists()


def test_the_last_article_moving_out_retires_its_story_and_keeps_the_piece():
    keep, gone = _two_published_stories()
    (member,) = StoryMember.objects.filter(story=gone.story)
    membership.apply(ArticleMove(member.article_id, gone.story_id, keep.story_id, "repair"))
    assert StoryArticle.objects.get(id=gone.id).redirect_to_id == keep.id
    assert Story.objects.filter(id=gone.story_id).exists()


def test_deleting_a_story_or_piece_with_comments_is_refused():
    from django.db.models import ProtectedError

    piece = make_story_article("Protected")
    make_comment(piece)
    with pytest.raises(ProtectedError):
        Story.objects.filter(id=piece.story_id).delete()
    with pytest.raises(ProtectedError):
        StoryArticle.objects.filter(id=piece.id).delete()
    assert Comment.objects.count() == 1


def test_editor_requests_that_cannot_be_done_say_why():
    keep = make_story_article("Kept")
    _with_members(keep, "only one")
    (member,) = StoryMember.objects.filter(story=keep.story)
    with pytest.raises(ValueError, match="at least one article"):
        membership.split_story(keep.story_id, [member.article_id])
    with pytest.raises(ValueError, match="does not exist"):
        membership.merge_stories(999_999, [keep.story_id])
    with pytest.raises(ValueError, match="not in any story"):
        membership.move_article(make_article().id, keep.story_id)
