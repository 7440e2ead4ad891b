"""Work leases: the database is the truth of the work, a queue message only wakes a worker.

Every article waiting for a step (its page fetched, then clustering) and every story
waiting for the writer carries a lease in its row. Handing work out is one conditional
UPDATE (only one dispatcher wins) that sets the lease; the step itself checks the row's
state, so a message delivered twice does nothing the second time. If the message is lost
(broker restarted), or the worker dies holding it, the lease runs out and ``sweep`` hands
the work out again: work is delayed, never lost. An article handed out ``MAX_ATTEMPTS``
times without finishing (a page that kills its worker every time) is failed and charged
to its source instead of looping forever.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.sources.models import SourceEvent

MAX_ATTEMPTS = 5
SWEEP_BATCH = 500


def lease_s() -> float:
    return settings.WORK_LEASE_S


def _free(now) -> Q:
    return Q(lease_until__isnull=True) | Q(lease_until__lt=now)


def hand_out_article(article_id: int, enqueue: Callable[[int], object]) -> bool:
    """Lease the article and queue it; False when someone else holds a live lease."""
    now = timezone.now()
    won = (
        Article.objects.filter(id=article_id)
        .filter(_free(now))
        .update(lease_until=now + timedelta(seconds=lease_s()), attempts=F("attempts") + 1)
    )
    if won:
        # Only once the lease (and the row it leases) is committed; if queueing fails,
        # the lease runs out and the sweeper queues it again.
        transaction.on_commit(lambda: enqueue(article_id))
    return bool(won)


def next_step(article: Article) -> None:
    """The article moved on to a new step: a fresh lease and attempt count for it."""
    article.lease_until = timezone.now() + timedelta(seconds=lease_s())
    article.attempts = 1


def sweep(
    enqueue_article: Callable[[int], object], enqueue_cluster: Callable[[int], object]
) -> dict:
    """Hand out again every article whose lease ran out (or that was never handed out)."""
    now = timezone.now()
    stale = Article.objects.filter(_free(now))
    counts = {"failed": 0, "fetch": 0, "cluster": 0}
    # 1. Given up: handed out too often without finishing.
    for article in stale.filter(
        state=Article.State.PENDING, attempts__gte=MAX_ATTEMPTS
    ).select_related("source")[:SWEEP_BATCH]:
        error = (
            f"gave up after {article.attempts} attempts (the worker died or timed out each time)"
        )
        updated = Article.objects.filter(id=article.id, state=Article.State.PENDING).update(
            state=Article.State.FAILED, error=error
        )
        if updated:
            SourceEvent.objects.create(
                source=article.source, level=SourceEvent.Level.ERROR, message=error, url=article.url
            )
            counts["failed"] += 1
    # 2. Waiting for their page: each handed out again.
    ids = stale.filter(state=Article.State.PENDING).order_by("id").values_list("id", flat=True)
    for article_id in ids[:SWEEP_BATCH]:
        counts["fetch"] += hand_out_article(article_id, enqueue_article)
    # 3. Waiting for clustering: the cluster stage takes them all in its own order, so
    #    their leases are renewed together and it is woken once.
    cluster = stale.filter(state=Article.State.EXTRACTED)
    first = cluster.order_by("id").values_list("id", flat=True).first()
    counts["cluster"] = cluster.update(
        lease_until=now + timedelta(seconds=lease_s()), attempts=F("attempts") + 1
    )
    if first is not None:
        transaction.on_commit(lambda: enqueue_cluster(first))
    return counts
