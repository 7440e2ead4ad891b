"""Ways from one page to the next: previous/next article and the archive months.

neighbours(piece) -> (older, newer) published pieces, two index probes in one query.
recent_months() -> the latest months with a published piece, for the sidebar.
"""

from datetime import datetime

from django.core.cache import cache
from django.db import connection

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
    when = connection.ops.adapt_datetimefield_value(piece.published_at)
    side = [StoryArticle.Status.PUBLISHED, when, when, piece.pk]
    found = list(StoryArticle.objects.raw(_NEIGHBOURS_SQL, [*side, *side]))
    mark = (piece.published_at, piece.pk)
    older = next((p for p in found if (p.published_at, p.pk) < mark), None)
    newer = next((p for p in found if (p.published_at, p.pk) > mark), None)
    return older, newer


# One statement, two index probes: each neighbour's id is a range on published_at (not
# an OR, so the index starts at this piece's time), taken by the primary key. Plain SQL:
# the ORM spent ~0.6 ms building the two queries it replaces, a tenth of the page.
_T = StoryArticle._meta.db_table
_NEIGHBOURS_SQL = f"""
SELECT id, headline, slug, published_at FROM {_T} WHERE id IN (
  (SELECT id FROM {_T} WHERE status = %s AND published_at <= %s
     AND NOT (published_at = %s AND id >= %s) ORDER BY published_at DESC, id DESC LIMIT 1),
  (SELECT id FROM {_T} WHERE status = %s AND published_at >= %s
     AND NOT (published_at = %s AND id <= %s) ORDER BY published_at, id LIMIT 1))
"""
