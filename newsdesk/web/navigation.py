"""Ways from one page to the next: previous/next article and the archive months.

neighbours(piece) -> (older, newer) published pieces, two index probes.
recent_months() -> the latest months with a published piece, for the sidebar.
"""

from datetime import datetime

from django.core.cache import cache

from newsdesk.stories.models import StoryArticle

ARCHIVE_MONTHS = 12
# The month list is one DISTINCT over the published pieces: computed once per process
# every few minutes, not on every page (a new month shows within this many seconds).
MONTHS_CACHE_SECONDS = 300


def _published():
    return StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)


def recent_months() -> list[datetime]:
    """The latest ARCHIVE_MONTHS months with a published piece, newest first."""

    def compute():
        months = _published().datetimes("published_at", "month", order="DESC")
        return list(months[:ARCHIVE_MONTHS])

    return cache.get_or_set("web:archive-months", compute, MONTHS_CACHE_SECONDS)


def neighbours(piece: StoryArticle) -> tuple[StoryArticle | None, StoryArticle | None]:
    """(the piece published just before, the one just after), each None at an end."""
    if piece.published_at is None:
        return None, None
    when, pk = piece.published_at, piece.pk
    items = _published().only("headline", "slug", "published_at")
    # A range on published_at (not an OR) so the index starts at this piece's time.
    older = items.filter(published_at__lte=when).exclude(published_at=when, id__gte=pk)
    newer = items.filter(published_at__gte=when).exclude(published_at=when, id__lte=pk)
    return (
        older.order_by("-published_at", "-id").first(),
        newer.order_by("published_at", "id").first(),
    )
