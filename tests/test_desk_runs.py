"""The pipeline's recent task runs in the desk, and re-running one step."""

import pytest
from django.urls import reverse

from newsdesk.celery import app
from newsdesk.pipeline import tasks
from newsdesk.pipeline.models import TaskRun
from newsdesk.stories.models import Story
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager():
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True  # .delay() runs here, through the same signals
    yield
    app.conf.task_always_eager = before


def test_runs_are_logged_with_status_duration_and_error(eager, monkeypatch):
    def boom(story_id, **_kw):
        raise RuntimeError(f"writer exploded on {story_id}")

    monkeypatch.setattr(tasks.flows, "refresh_story", boom)
    monkeypatch.setattr(tasks.refresh_story, "max_retries", 0)
    tasks.refresh_story.apply(args=[41])
    tasks.repair_stories.apply()  # a tick with nothing to do is not logged
    run = TaskRun.objects.get()
    assert (run.task, run.args, run.status) == ("refresh_story", [41], "failure")
    assert "writer exploded on 41" in run.error and run.duration_s >= 0


def test_the_desk_lists_runs_and_reruns_a_step(client, eager, monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.flows, "refresh_story", lambda sid, **_: calls.append(sid) or "draft")
    story = Story.objects.create(label="Rerun me", dirty=False)
    client.force_login(make_user("editor"))
    client.post(reverse("desk:runs"), {"step": "story", "id": str(story.id)})
    assert calls == [story.id] and Story.objects.get(id=story.id).dirty
    html = client.get(reverse("desk:runs")).content.decode()
    assert "refresh_story" in html and "success" in html
    bad = client.post(reverse("desk:runs"), {"step": "story", "id": "abc"}, follow=True)
    assert "whole number" in bad.content.decode()


def test_article_rerun_resets_it_to_pending(client, eager, monkeypatch):
    seen = []
    monkeypatch.setattr(tasks.flows, "process_article", lambda aid, _q: seen.append(aid))
    article = make_article(state="failed", error="page fetch failed")
    client.force_login(make_user("editor"))
    client.post(reverse("desk:runs"), {"step": "article", "id": str(article.id)})
    article.refresh_from_db()
    assert seen == [article.id] and article.state == "pending" and article.error == ""


@pytest.mark.parametrize("role", ["contributor", "moderator"])
def test_F5_rerun_needs_change_story(client, role, eager):
    story = Story.objects.create(label="x", dirty=False)
    client.force_login(make_user(role))
    response = client.post(reverse("desk:runs"), {"step": "story", "id": str(story.id)})
    assert response.status_code == 403 and not Story.objects.get(id=story.id).dirty
