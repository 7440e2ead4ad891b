"""Editors see why articles were grouped and can move, split and merge stories."""

import pytest
from django.contrib.auth import get_user_model

from newsdesk.pipeline.models import Counter
from newsdesk.stories.membership import GENERATION_KEY
from newsdesk.stories.models import Story, StoryMember
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    return client


def _story(*articles, reasons=("shared entities: Millom",)):
    story = Story.objects.create(label=articles[0].title, dirty=False)
    for article in articles:
        StoryMember.objects.create(story=story, article=article, score=0.5, reasons=list(reasons))
    return story


def test_story_page_shows_reasons_and_copies(editor):
    a = make_article(source=make_source(name="BBC News"), title="Brother charged")
    b = make_article(source=make_source(name="ITV News"), title="Double murder charge")
    copy = make_article(
        source=make_source(name="Yahoo News"),
        title="Brother charged",
        duplicate_of=a,
        dedup_layer="hash",
    )
    story = _story(a, b, copy)
    html = editor.get(f"/desk/stories/{story.id}/").content.decode()
    assert "shared entities: Millom" in html and "ITV News" in html
    assert "Also published by" in html and "copy of article" in html


def test_split_move_merge_mark_dirty_and_invalidate_index(editor):
    a, b, c = (make_article(title=t) for t in ("One", "Two", "Three"))
    story = _story(a, b, c)
    generation = Counter.get(GENERATION_KEY)
    editor.post(f"/desk/stories/{story.id}/", {"action": "split", "article": [c.id]})
    new = StoryMember.objects.get(article=c).story
    assert new.id != story.id and new.dirty and Story.objects.get(id=story.id).dirty
    assert Counter.get(GENERATION_KEY) > generation
    editor.post(
        f"/desk/stories/{story.id}/", {"action": "move", "article": [b.id], "target": new.id}
    )
    assert StoryMember.objects.get(article=b).story_id == new.id
    editor.post(f"/desk/stories/{story.id}/", {"action": "merge", "other": new.id})
    assert set(StoryMember.objects.filter(story=story).values_list("article_id", flat=True)) == {
        a.id,
        b.id,
        c.id,
    }
    assert not Story.objects.filter(id=new.id).exists()


def test_bad_requests_get_a_clear_message(editor):
    story = _story(make_article(title="Only"))
    response = editor.post(f"/desk/stories/{story.id}/", {"action": "split"}, follow=True)
    assert "select at least one article" in response.content.decode().lower()
    response = editor.post(
        f"/desk/stories/{story.id}/", {"action": "move", "article": ["x"]}, follow=True
    )
    assert "must be a number" in response.content.decode().lower()


def test_desk_story_pages_are_staff_only(client):
    assert client.get("/desk/stories/").status_code == 302
