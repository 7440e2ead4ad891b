"""Dirty stories reach the writer once, and only with enough outlets."""

import pytest

from newsdesk.pipeline import flows
from newsdesk.stories.models import Story, StoryMember
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def _story(*sources):
    story = Story.objects.create(label="s", dirty=True)
    for source in sources:
        StoryMember.objects.create(story=story, article=make_article(source=source))
    return story


def test_only_stories_with_two_outlets_are_written_and_each_once(
    django_capture_on_commit_callbacks,
):
    bbc, itv = make_source(name="BBC News"), make_source(name="ITV News")
    single = _story(bbc)
    double = _story(bbc, itv)
    queued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):  # queued once it commits
        assert flows.refresh_dirty_stories(queued.append) == 1
    assert queued == [double.id]
    assert flows.refresh_dirty_stories(queued.append) == 0  # claimed: not queued twice
    assert not Story.objects.get(id=single.id).dirty
