"""The in-process dedup and story indexes used by ``flows.cluster_article``.

Dedup and clustering run on one ordered queue, so one process owns the indexes. They
are rebuilt from the database at first use and whenever the shared generation counter
moves (an editor moved, merged or split stories), then kept up to date incrementally.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.models import Counter
from newsdesk.stories.membership import GENERATION_KEY
from newsdesk.stories.models import Story

FREEZE_EVERY = 1000  # articles between gc.freeze() calls (see ClusterState.count_add)


@dataclass
class ClusterState:
    deduper: Deduper
    clusterer: StoryClusterer
    generation: int
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


_current: ClusterState | None = None


def current_state() -> ClusterState:
    """The live index, rebuilt when missing or stale."""
    global _current
    generation = Counter.get(GENERATION_KEY)
    if _current is None or _current.generation != generation:
        _current = _rebuild(generation)
        # The rebuilt index is long-lived: keep the garbage collector from rescanning it
        # on every collection (measured: per-article time grows less with window size).
        gc.freeze()
    return _current


def _rebuild(generation: int) -> ClusterState:
    hours = settings.CLUSTER_WINDOW_HOURS
    deduper, clusterer = Deduper(), StoryClusterer(window_hours=hours)
    # Twice the window: an article near the edge still finds its story's older members.
    since = timezone.now() - timedelta(hours=2 * hours)
    rows = (
        Article.objects.filter(
            state__in=[Article.State.CLUSTERED, Article.State.DUPLICATE],
            created_at__gte=since,
            membership__isnull=False,
        )
        .select_related("source", "membership")
        .order_by("published_at", "id")
    )
    items = []
    for article in rows.iterator():
        doc = article.as_doc()
        deduper.add(doc, article.canonical_url, bytes(article.fingerprint) or None)
        items.append((doc, article.membership.story_id))
    clusterer.rebuild(items, kept_apart=_kept_apart())
    return ClusterState(deduper=deduper, clusterer=clusterer, generation=generation)


def _kept_apart() -> list[tuple[int, int]]:
    pairs = set()
    for story_id, others in Story.objects.exclude(kept_apart=[]).values_list("id", "kept_apart"):
        pairs |= {tuple(sorted((story_id, int(other)))) for other in others}
    return sorted(pairs)
