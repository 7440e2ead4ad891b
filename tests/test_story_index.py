"""The in-process story index is rebuilt from the rows, and clusterer merges reach the rows."""

import pytest

from newsdesk.articles.models import Article
from newsdesk.pipeline import cluster_state as index
from newsdesk.pipeline.types import StoryMerge
from newsdesk.stories import membership
from newsdesk.stories.models import Story, StoryArticle, StoryMember
from tests.factories import make_article, make_story_article

pytestmark = pytest.mark.django_db

TEXT = (
    "Firefighters fought a blaze at the Waitrose supermarket in Wellington on Sunday "
    "night, and police arrested a local man on suspicion of arson. "
) * 3


def _member(story, title, **kw):
    article = make_article(title=title, text=TEXT + title, state=Article.State.CLUSTERED, **kw)
    StoryMember.objects.create(story=story, article=article)
    return article


def test_rebuild_replays_memberships_copies_and_editor_separations():
    a, b = Story.objects.create(label="A"), Story.objects.create(label="B")
    first = _member(a, "first")
    _member(a, "second")
    _member(b, "third")
    copy = make_article(
        title="copy", text=first.text, state=Article.State.DUPLICATE, duplicate_of=first
    )
    StoryMember.objects.create(story=a, article=copy)
    membership.split_story(a.id, [first.id])  # editor: keep the new story apart from A
    index._current = None
    live = index.current_state()
    new_story = StoryMember.objects.get(article=first).story_id
    assert live.clusterer.story_of[first.id] == new_story
    assert live.clusterer.story_of[copy.id] == new_story  # copies follow their original
    assert frozenset((a.id, new_story)) in live.clusterer.kept_apart
    # A later copy of the copy still points at the earliest article.
    later = make_article(title="again", text=first.text, state=Article.State.EXTRACTED)
    assert live.deduper.check(later.as_doc(), later.canonical_url).duplicate_of == first.id


def test_merge_applied_to_rows_keeps_one_written_piece():
    kept, gone = Story.objects.create(label="kept"), Story.objects.create(label="gone")
    _member(kept, "k1")
    moved = _member(gone, "g1")
    piece = make_story_article("Gone story piece")
    StoryArticle.objects.filter(id=piece.id).update(story=gone)
    membership.apply(StoryMerge(kept.id, gone.id))
    assert StoryMember.objects.get(article=moved).story_id == kept.id
    assert StoryArticle.objects.get(id=piece.id).story_id == kept.id
    assert not Story.objects.filter(id=gone.id).exists()
    assert Story.objects.get(id=kept.id).dirty
