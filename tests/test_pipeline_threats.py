"""THREATS H1, H3, H4, H6, H7, H9: the database, not the broker, is the scheduler's
truth, so lost or repeated messages heal; the worker trusts only JSON."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.infra.http import FetchResult
from newsdesk.pipeline import flows
from newsdesk.sources.models import Source

PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"
FEED = b"""<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://x.example/1</link><guid>1</guid></item></channel></rss>"""


@pytest.mark.django_db
def test_H1_H4_a_claim_lost_with_its_worker_or_broker_is_taken_again(
    django_capture_on_commit_callbacks,
):
    source = Source.objects.create(url="https://x.example/feed.xml")
    first, second = [], []
    assert flows.dispatch_due_sources(first.append) == 1
    assert flows.dispatch_due_sources(second.append) == 0  # claimed: not queued twice
    # The worker died (or the broker lost the message): the claim runs out...
    past = timezone.now() - timedelta(seconds=1)
    Source.objects.filter(id=source.id).update(claimed_until=past)
    # ...and the next dispatch queues the source again from the database alone (once
    # the claim is committed).
    with django_capture_on_commit_callbacks(execute=True):
        assert flows.dispatch_due_sources(second.append) == 1
    assert second == [source.id]


@pytest.mark.django_db
def test_H6_an_article_whose_enqueue_was_lost_is_queued_again_when_its_lease_ends(
    monkeypatch, django_capture_on_commit_callbacks
):
    source = Source.objects.create(url="https://x.example/feed.xml")
    result = FetchResult(url=source.url, final_url=source.url, status=200, body=FEED,
                         content_type="application/rss+xml")  # fmt: skip
    monkeypatch.setattr(flows.fetch, "fetch_source", lambda *a, **k: result)
    flows.ingest_source(source.id, lambda _id: None)  # the publish to the broker was lost
    article = Article.objects.get()
    queued = []
    with django_capture_on_commit_callbacks(execute=True):
        flows.ingest_source(source.id, queued.append)  # still leased: not queued twice
        flows.sweep_work(queued.append, queued.append)
    assert queued == []
    # The lease runs out (no worker finished it): the sweeper queues it from the row alone.
    Article.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        flows.sweep_work(queued.append, lambda _id: None)
    assert queued == [article.id] and Article.objects.get().state == Article.State.PENDING


def test_H3_no_task_outlives_the_broker_visibility_timeout():
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    visibility = options.get("visibility_timeout", 3600)  # Redis's default
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", None)
    assert limit is None or limit < visibility
    for path in PACKAGE.rglob("*.py"):
        for value in re.findall(r"\b(?:countdown|eta)\s*=\s*(\d+)", path.read_text()):
            assert int(value) < visibility, path


def test_H7_the_worker_accepts_json_only():
    from kombu.exceptions import ContentDisallowed
    from kombu.serialization import dumps, loads

    from newsdesk.celery import app

    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert list(app.conf.accept_content) == ["json"]
    content_type, encoding, body = dumps({"id": 1}, serializer="pickle")
    with pytest.raises(ContentDisallowed):
        loads(body, content_type, encoding, accept=app.conf.accept_content)


def test_H9_sqlite_waits_and_writes_without_lock_upgrades():
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the embedded default only")
    options = db["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_H5_a_dropped_database_connection_is_retried_not_charged_to_the_article(monkeypatch):
    from django.db import OperationalError

    from newsdesk.pipeline import tasks
    from tests.factories import make_article

    article = make_article(state=Article.State.PENDING)

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(flows.fetch, "fetch_page", connection_lost)
    with pytest.raises(OperationalError):
        flows.process_article(article.id, lambda _id: None)
    article.refresh_from_db()
    assert article.state == Article.State.PENDING and article.error == ""
    for task in (tasks.ingest_source, tasks.process_article, tasks.cluster_article):
        assert OperationalError in task.autoretry_for and task.retry_jitter


@pytest.mark.django_db
def test_H8_every_task_has_time_limits_and_a_page_cut_off_is_charged_to_its_source(
    monkeypatch,
):
    from celery.exceptions import SoftTimeLimitExceeded

    from newsdesk.pipeline import tasks
    from newsdesk.sources.models import SourceEvent
    from tests.factories import make_article

    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert tasks.cluster_article.soft_time_limit < tasks.cluster_article.time_limit
    article = make_article(state=Article.State.PENDING)
    page = FetchResult(url=article.url, final_url=article.url, status=200, body=b"<html>",
                       content_type="text/html")  # fmt: skip
    monkeypatch.setattr(flows.fetch, "fetch_page", lambda *a, **k: page)

    def slow_extract(*args, **kwargs):
        raise SoftTimeLimitExceeded()  # what Celery raises inside the task at the soft limit

    monkeypatch.setattr(flows, "extract", slow_extract)
    assert flows.process_article(article.id, lambda _id: None) is False
    article.refresh_from_db()
    assert article.state == Article.State.FAILED and "SoftTimeLimitExceeded" in article.error
    assert SourceEvent.objects.filter(source=article.source, level="error").exists()
