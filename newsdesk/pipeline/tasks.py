"""Celery tasks: thin wrappers over ``flows``. Ids in, JSON out, idempotent, acks_late.

The same code runs in the embedded default (one solo worker, the SQLite queue) and on
scale-out workers (Redis broker, PostgreSQL). ``cluster_article`` and ``repair_stories`` are
routed to their own queue (settings.CELERY_TASK_ROUTES) so one process owns the story index.
"""

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from newsdesk.comments import retention
from newsdesk.pipeline import fetch, flows

# Retried with exponential backoff and jitter: network trouble, a busy host, the database
# or the broker restarting. Past the last retry the row's lease runs out and the sweeper
# hands the work out again, so giving up here loses nothing.
RETRY = {
    "autoretry_for": (OSError, fetch.HostBusy, OperationalError, InterfaceError, BrokerError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}
# The cluster queue's tasks may rebuild the in-process index: longer limits.
CLUSTER_LIMITS = {
    "soft_time_limit": settings.CLUSTER_TIME_LIMIT_S,
    "time_limit": settings.CLUSTER_TIME_LIMIT_S + 30,
}


@shared_task(acks_late=True)
def dispatch_due_sources() -> int:
    return flows.dispatch_due_sources(ingest_source.delay)


@shared_task(acks_late=True, **RETRY)
def ingest_source(source_id: int) -> int:
    return flows.ingest_source(source_id, process_article.delay)


@shared_task(acks_late=True, **RETRY)
def process_article(article_id: int) -> bool:
    return flows.process_article(article_id, cluster_article.delay)


@shared_task(acks_late=True, **RETRY, **CLUSTER_LIMITS)
def cluster_article(article_id: int | None = None) -> int | None:
    return flows.cluster_article(article_id, requeue=cluster_article.delay)


@shared_task(acks_late=True, **CLUSTER_LIMITS)
def repair_stories() -> int:
    return flows.repair_stories()


@shared_task(acks_late=True, **RETRY)
def sweep_work() -> dict:
    return flows.sweep_work(process_article.delay, cluster_article.delay)


@worker_ready.connect
def _sweep_at_start(sender=None, **kwargs) -> None:
    """A worker that starts (or restarts) first picks up what a dead one left."""
    sweep_work.delay()


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
