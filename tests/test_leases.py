"""The database is the truth of the work: a lost message or a dead worker delays work,
never loses it, and a story's "needs writing" mark survives a write that raced a change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pipeline import flows, leases
from newsdesk.sources.models import SourceEvent
from newsdesk.stories.models import Story, StoryMember
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def _expire(*articles):
    Article.objects.filter(id__in=[a.id for a in articles]).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )


@pytest.fixture(autouse=True)
def committed(django_capture_on_commit_callbacks):
    """Queueing waits for the transaction to commit; run those callbacks as it would."""

    def run(flow, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return flow(*args)

    return run


def test_an_article_whose_message_was_lost_is_handed_out_again_once_its_lease_ends(committed):
    pending = make_article(state=Article.State.PENDING)
    extracted = make_article(state=Article.State.EXTRACTED)
    done = make_article(state=Article.State.CLUSTERED)
    fetch, cluster = [], []
    # Handed out (the message then lost): nothing happens while the lease runs.
    assert leases.hand_out_article(pending.id, lambda i: None)
    leases.next_step(extracted)
    extracted.save()
    assert flows.sweep_work(fetch.append, cluster.append) == {"failed": 0, "fetch": 0, "cluster": 0}
    _expire(pending, extracted, done)
    assert committed(flows.sweep_work, fetch.append, cluster.append) == {
        "failed": 0,
        "fetch": 1,
        "cluster": 1,
    }
    assert (fetch, cluster) == ([pending.id], [extracted.id])
    # Leased again by that hand-out: a second sweep right away queues nothing twice.
    assert flows.sweep_work(fetch.append, cluster.append)["fetch"] == 0


def test_only_one_of_two_dispatchers_wins_an_article(committed):
    article = make_article(state=Article.State.PENDING)
    queued = []
    assert committed(leases.hand_out_article, article.id, queued.append)
    assert not committed(leases.hand_out_article, article.id, queued.append)
    assert queued == [article.id]


def test_an_article_that_never_finishes_is_failed_and_charged_to_its_source(committed):
    source = make_source()
    article = make_article(source=source, state=Article.State.PENDING)
    queued = []
    for _ in range(leases.MAX_ATTEMPTS):
        _expire(article)
        committed(flows.sweep_work, queued.append, lambda i: None)
    assert len(queued) == leases.MAX_ATTEMPTS
    _expire(article)
    assert flows.sweep_work(queued.append, lambda i: None)["failed"] == 1
    article.refresh_from_db()
    assert article.state == Article.State.FAILED and "gave up after 5 attempts" in article.error
    assert SourceEvent.objects.filter(source=source, message__contains="gave up").exists()


def _story_with_two_outlets():
    story = Story.objects.create(label="s", dirty=True)
    for source in (make_source(name="BBC News"), make_source(name="ITV News")):
        StoryMember.objects.create(story=story, article=make_article(source=source))
    return story


def test_a_change_during_the_write_leaves_the_story_dirty(monkeypatch):
    story = _story_with_two_outlets()
    real_write = flows.write_story

    def write_while_an_article_joins(sources, backend):
        # Another process adds an outlet to the story while this piece is being written.
        late = make_article(source=make_source(name="Sky News"))
        StoryMember.objects.create(story=story, article=late)
        Story.touch(story.id)
        return real_write(sources, backend=backend)

    monkeypatch.setattr(flows, "write_story", write_while_an_article_joins)
    flows.refresh_story(story.id)
    story.refresh_from_db()
    assert story.dirty, "the write cleared a mark set while it ran: the new outlet is lost"
    assert story.write_claimed_until is None
    # The next write, with nothing changing, clears it.
    monkeypatch.setattr(flows, "write_story", real_write)
    flows.refresh_story(story.id)
    story.refresh_from_db()
    assert not story.dirty


def test_a_dead_writers_story_is_handed_out_again_when_its_lease_ends(committed):
    story = _story_with_two_outlets()
    queued = []
    assert committed(flows.refresh_dirty_stories, queued.append) == 1
    # The worker dies: refresh_story never runs. Nothing is queued while the lease runs...
    assert flows.refresh_dirty_stories(queued.append) == 0
    Story.objects.filter(id=story.id).update(
        write_claimed_until=timezone.now() - timedelta(seconds=1)
    )
    # ...and the story is still dirty, so it goes out again.
    assert committed(flows.refresh_dirty_stories, queued.append) == 1
    assert queued == [story.id, story.id]
