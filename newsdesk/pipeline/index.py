"""The in-process dedup and story indexes used by ``flows.cluster_article``.

Dedup and clustering run on one ordered queue, so one process owns the indexes. They
are rebuilt from the database at first use and whenever the shared generation counter
moves (an editor moved, merged or split stories), then kept up to date incrementally.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.dedupe import Deduper, content_hash
from newsdesk.pipeline.models import Counter
from newsdesk.pipeline.types import DocRef

GENERATION_KEY = "story-index"


@dataclass
class StoryIndex:
    deduper: Deduper
    clusterer: StoryClusterer
    generation: int

    @staticmethod
    def content_hash(text: str) -> str:
        return content_hash(text)


_current: StoryIndex | None = None


def story_index() -> StoryIndex:
    """The live index, rebuilt when missing or stale."""
    global _current
    generation = Counter.get(GENERATION_KEY)
    if _current is None or _current.generation != generation:
        _current = _rebuild(generation)
    return _current


def invalidate() -> None:
    """Tell every worker to rebuild its index (call after an editor changes stories)."""
    Counter.bump(GENERATION_KEY)


def docref(article: Article) -> DocRef:
    """The dedup/cluster view of an article row."""
    return DocRef(
        id=article.id,
        title=article.title,
        text=article.text,
        published_at=article.published_at,
        outlet=article.outlet,
        url=article.canonical_url,
    )


def _rebuild(generation: int) -> StoryIndex:
    hours = settings.CLUSTER_WINDOW_HOURS
    deduper, clusterer = Deduper(), StoryClusterer(window_hours=hours)
    # Twice the window: an article near the edge still finds its story's older members.
    since = timezone.now() - timedelta(hours=2 * hours)
    rows = (
        Article.objects.filter(state=Article.State.CLUSTERED, created_at__gte=since)
        .select_related("source", "membership")
        .order_by("published_at", "id")
    )
    for article in rows.iterator():
        doc = docref(article)
        deduper.add(doc, article.canonical_url)
        clusterer.add(doc, article.membership.story_id)
    return StoryIndex(deduper=deduper, clusterer=clusterer, generation=generation)
