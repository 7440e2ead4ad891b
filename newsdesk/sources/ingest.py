"""Storing feed items as Article rows, exactly once, whoever else is storing them.

``store_items(source_id, items)`` -> (new, updated). An item is the same article when
  1. the source already has its identity key (GUID -> canonical link -> title+date,
     ``infra/urls.item_key``): a re-titled or re-dated item updates that row;
  2. any source already has its canonical URL: the first source keeps it, a later one
     only refreshes nothing (counted neither new nor updated).
An item whose canonical URL an editor deleted (``articles/tombstones``) is skipped.
Otherwise a PENDING article is created. Races between processes end in the database's
unique constraints (canonical_url; source + guid_hash): the loser re-reads and updates.
Safe to call twice with the same items (idempotent).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from newsdesk.articles.models import Article
from newsdesk.articles.tombstones import buried
from newsdesk.infra.urls import canonical_url, item_key
from newsdesk.pipeline.types import FeedItem

UPDATABLE = ("title", "summary", "author", "published_at", "date_flagged", "feed_categories")


def store_items(source_id: int, items: list[FeedItem]) -> tuple[int, int]:
    """Upsert ``items`` for the source; returns (created, updated) counts."""
    new = updated = 0
    deleted = buried(canonical_url(item.url) for item in items)
    for item in items:
        if canonical_url(item.url) in deleted:
            continue  # an editor deleted this article: it stays deleted
        outcome = _store_one(source_id, item)
        new += outcome == "new"
        updated += outcome == "updated"
    return new, updated


def _store_one(source_id: int, item: FeedItem) -> str:
    key = item_key(item.guid, item.url, item.title, item.published_at)
    canonical = canonical_url(item.url)
    for _attempt in range(3):
        existing = _find(source_id, key, canonical)
        if existing is not None:
            return _refresh(existing, source_id, key, item)
        try:
            with transaction.atomic():
                Article.objects.create(
                    source_id=source_id,
                    url=item.url[:2000],
                    canonical_url=canonical[:2000],
                    guid_hash=key,
                    **_fields(item),
                )
            return "new"
        except IntegrityError:
            continue  # another process stored it first: re-read and update instead
    return "unchanged"


def _find(source_id: int, key: str, canonical: str) -> Article | None:
    own = Article.objects.filter(source_id=source_id, guid_hash=key).first()
    return own or Article.objects.filter(canonical_url=canonical[:2000]).first()


def _fields(item: FeedItem) -> dict:
    return {
        "title": item.title[:500],
        "summary": item.summary,
        "author": item.author[:300],
        "published_at": item.published_at,
        "date_flagged": item.date_flagged,
        "feed_categories": list(item.categories),
    }


def _refresh(article: Article, source_id: int, key: str, item: FeedItem) -> str:
    if article.source_id != source_id:
        return "unchanged"  # the same page from another source: the first source keeps it
    changes = {
        name: value
        for name, value in _fields(item).items()
        if value not in ("", None, []) and getattr(article, name) != value
    }
    # A flagged (fallback) date never overwrites a date we already have.
    if item.date_flagged and article.published_at is not None:
        changes.pop("published_at", None)
        changes.pop("date_flagged", None)
    if (
        article.guid_hash != key
        and not Article.objects.filter(source_id=source_id, guid_hash=key).exists()
    ):
        changes["guid_hash"] = key
    if not changes:
        return "unchanged"
    Article.objects.filter(pk=article.pk).update(**changes)
    return "updated"
