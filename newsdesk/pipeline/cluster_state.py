"""The cluster stage's input order and its in-process dedup and story indexes.

Dedup and clustering run on one queue, so one process owns the indexes, and clustering
is order-dependent (each article is judged against the ones before it). So that the
stories do not depend on how many workers extracted the articles, or in which order
they finished, the cluster stage does not take articles in the order their messages
come: ``ready_ids`` reads the extracted articles from the database in one canonical
order (published date, then canonical URL), and holds them back while the batch they
belong to is still arriving (an article waiting for its page, a feed being read), up to
``NEWSDESK_CLUSTER_HOLD_S``; past that an article is clustered anyway, so a live stream
that never pauses is delayed, never stalled.

Each clustered article gets the next number of that stream (``Article.cluster_seq``) and
the clusterer's state that the rows cannot give back is saved with it, in the same
transaction (``ClusterCheckpoint``). A restarted worker replays the articles in stream
order and restores that state, so it decides as one that never stopped, second chances
included. The indexes are also rebuilt when the shared generation counter moves (an
editor moved, merged or split stories) or another process clustered meanwhile.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.models import ClusterCheckpoint, Counter
from newsdesk.sources.models import Source
from newsdesk.stories.membership import GENERATION_KEY
from newsdesk.stories.models import Story

FREEZE_EVERY = 1000  # articles between gc.freeze() calls (see ClusterState.count_add)
CANONICAL_ORDER = (F("published_at").asc(nulls_last=True), "canonical_url")


@dataclass
class ClusterState:
    deduper: Deduper
    clusterer: StoryClusterer
    generation: int
    seq: int = 0  # the stream position these indexes have seen (ClusterCheckpoint.seq)
    added: int = 0

    def count_add(self) -> None:
        """Count one article added to the indexes. Every ``FREEZE_EVERY`` articles the
        long-lived index objects are moved out of the garbage collector's reach
        (``gc.freeze``): otherwise each full collection walks the whole window, and the
        per-article time grows with it (measured on 50,000 synthetic articles: 1.9-2.3x
        at 50k vs 1k without, 1.7x with; docs/benchmarks.md)."""
        self.added += 1
        if self.added % FREEZE_EVERY == 0:
            gc.freeze()

    def checkpoint(self, article_id: int | None) -> None:
        """Give ``article_id`` the next stream number and save the clusterer's state; call
        inside the transaction that writes the article's outcome (None: state only)."""
        if article_id is not None:
            self.seq += 1
            Article.objects.filter(id=article_id).update(cluster_seq=self.seq)
        saved = {"seq": self.seq, "state": self.clusterer.saved(), "updated_at": timezone.now()}
        if not ClusterCheckpoint.objects.filter(id=1).update(**saved):
            ClusterCheckpoint.objects.create(id=1, **saved)


_current: ClusterState | None = None


def ready_ids(batch: int = 200) -> list[int]:
    """The next extracted articles to cluster, in the canonical order.

    While any article still waits for its page or any feed is being read, only articles
    extracted more than ``CLUSTER_HOLD_S`` ago are ready: the rest of their batch may
    still come and take its place before them.
    """
    now = timezone.now()
    ready = Article.objects.filter(state=Article.State.EXTRACTED)
    arriving = (
        Article.objects.filter(state=Article.State.PENDING).exists()
        or Source.objects.filter(claimed_until__gt=now).exists()
    )
    if arriving:
        cutoff = now - timedelta(seconds=settings.CLUSTER_HOLD_S)
        ready = ready.filter(Q(fetched_at__isnull=True) | Q(fetched_at__lte=cutoff))
    return list(ready.order_by(*CANONICAL_ORDER, "id").values_list("id", flat=True)[:batch])


def busy() -> bool:
    """Is the cluster stage in the middle of a batch (articles ready and it moved within
    the hold)? The writer waits meanwhile, so a piece is not written from half a batch
    and then retracted by the merges the rest of the batch brings. A cluster worker that
    is down does not hold the writer up for longer than the hold."""
    if not ready_ids(batch=1):
        return False
    recent = timezone.now() - timedelta(seconds=max(settings.CLUSTER_HOLD_S, 30.0))
    return ClusterCheckpoint.objects.filter(id=1, updated_at__gte=recent).exists()


def current_state() -> ClusterState:
    """The live index, rebuilt when missing or stale."""
    global _current
    generation = Counter.get(GENERATION_KEY)
    seq = ClusterCheckpoint.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    if _current is None or _current.generation != generation or _current.seq != seq:
        _current = _rebuild(generation)
        # The rebuilt index is long-lived: keep the garbage collector from rescanning it
        # on every collection (measured: per-article time grows less with window size).
        gc.freeze()
    return _current


def forget() -> None:
    """Drop the in-process indexes (a step failed half-way: memory may be ahead of the
    rows, which were rolled back); the next step rebuilds them from the rows."""
    global _current
    _current = None


def _rebuild(generation: int) -> ClusterState:
    hours = settings.CLUSTER_WINDOW_HOURS
    deduper, clusterer = Deduper(), StoryClusterer(window_hours=hours)
    checkpoint = ClusterCheckpoint.load()
    # Twice the window: an article near the edge still finds its story's older members.
    since = timezone.now() - timedelta(hours=2 * hours)
    rows = (
        Article.objects.filter(
            state__in=[Article.State.CLUSTERED, Article.State.DUPLICATE], created_at__gte=since
        )
        .select_related("source", "membership")
        .order_by(F("cluster_seq").asc(nulls_first=True), "published_at", "id")
    )
    items = []
    for article in rows.iterator():
        doc = article.as_doc()
        # The deduper saw every clustered article, copies without a story included.
        deduper.add(doc, article.canonical_url, bytes(article.fingerprint) or None)
        member = getattr(article, "membership", None)
        if member is not None:
            items.append((doc, member.story_id))
    clusterer.rebuild(items, kept_apart=_kept_apart(), saved=checkpoint.state)
    return ClusterState(deduper, clusterer, generation, seq=checkpoint.seq)


def _kept_apart() -> list[tuple[int, int]]:
    pairs = set()
    for story_id, others in Story.objects.exclude(kept_apart=[]).values_list("id", "kept_apart"):
        pairs |= {tuple(sorted((story_id, int(other)))) for other in others}
    return sorted(pairs)
