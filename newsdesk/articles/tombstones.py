"""Deleted articles stay deleted: a tombstone per canonical URL an editor removed.

``bury(articles)`` records a tombstone for each article's canonical URL (call it when an
editor deletes articles; deleting a *source* cascades without tombstones, so re-adding
the source brings its articles back). ``buried(canonical_urls)`` -> the subset that has
a tombstone; ``store_items`` skips those. Idempotent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from newsdesk.articles.models import Article, ArticleTombstone


def url_hash(canonical_url: str) -> str:
    return hashlib.sha256(canonical_url[:2000].encode("utf-8", "replace")).hexdigest()


def bury(articles: Iterable[Article]) -> None:
    rows = [ArticleTombstone(url_hash=url_hash(a.canonical_url)) for a in articles]
    ArticleTombstone.objects.bulk_create(rows, ignore_conflicts=True)


def buried(canonical_urls: Iterable[str]) -> set[str]:
    by_hash = {url_hash(u): u for u in canonical_urls}
    found = ArticleTombstone.objects.filter(url_hash__in=list(by_hash))
    return {by_hash[h] for h in found.values_list("url_hash", flat=True)}
