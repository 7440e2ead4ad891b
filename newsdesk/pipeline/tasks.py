"""Celery tasks: thin wrappers over ``flows``. Ids in, JSON out, idempotent, acks_late.

The same code runs in the embedded default (one solo worker, the SQLite queue) and on
scale-out workers (Redis broker, PostgreSQL). ``cluster_article`` and ``repair_stories`` are
routed to their own queue (settings.CELERY_TASK_ROUTES) so one process owns the story index.
"""

from celery import shared_task
from django.conf import settings

from newsdesk.comments import retention
from newsdesk.pipeline import fetch, flows

RETRY = {"autoretry_for": (OSError, fetch.HostBusy), "retry_backoff": True, "max_retries": 5}


@shared_task(acks_late=True)
def dispatch_due_sources() -> int:
    return flows.dispatch_due_sources(ingest_source.delay)


@shared_task(acks_late=True, **RETRY)
def ingest_source(source_id: int) -> int:
    return flows.ingest_source(source_id, process_article.delay)


@shared_task(acks_late=True, **RETRY)
def process_article(article_id: int) -> bool:
    return flows.process_article(article_id, cluster_article.delay)


@shared_task(acks_late=True, **RETRY)
def cluster_article(article_id: int) -> int | None:
    return flows.cluster_article(article_id)


@shared_task(acks_late=True)
def repair_stories() -> int:
    return flows.repair_stories()


@shared_task(acks_late=True)
def refresh_dirty_stories() -> int:
    return flows.refresh_dirty_stories(refresh_story.delay)


@shared_task(acks_late=True, **RETRY)
def refresh_story(story_id: int) -> str | None:
    return flows.refresh_story(story_id)


@shared_task(acks_late=True)
def expire_comment_emails() -> int:
    return retention.expire_emails(settings.COMMENT_EMAIL_RETENTION_DAYS)


@shared_task(acks_late=True)
def deliver_webhooks() -> int:
    from newsdesk.stories import webhooks

    return webhooks.deliver_due()
