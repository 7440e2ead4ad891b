"""THREAT H2 (deleted entries): an article an editor deleted is not recreated by the
next poll of its feed; the tombstone keys on the canonical URL."""

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.pipeline.types import FeedItem
from newsdesk.sources.ingest import store_items
from tests.factories import make_source

pytestmark = pytest.mark.django_db
ITEMS = [FeedItem(url="https://x.example/a?utm_source=feed", guid="a", title="A"),
         FeedItem(url="https://x.example/b", guid="b", title="B")]  # fmt: skip


def test_H2_an_article_deleted_in_the_admin_stays_deleted(admin_client):
    source = make_source()
    assert store_items(source.id, ITEMS) == (2, 0)
    doomed = Article.objects.get(title="A")
    url = reverse("admin:articles_article_delete", args=[doomed.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert store_items(source.id, ITEMS) == (0, 0)
    assert list(Article.objects.values_list("title", flat=True)) == ["B"]
    # The same page from another source (same canonical URL) is not stored either.
    assert store_items(make_source().id, ITEMS[:1]) == (0, 0)


def test_H2_bulk_delete_leaves_tombstones_too(admin_client):
    source = make_source()
    store_items(source.id, ITEMS)
    ids = list(Article.objects.values_list("pk", flat=True))
    changelist = reverse("admin:articles_article_changelist")
    data = {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    admin_client.post(changelist, data)
    assert not Article.objects.exists()
    assert store_items(source.id, ITEMS) == (0, 0)
