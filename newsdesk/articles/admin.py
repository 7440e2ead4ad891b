"""Admin for fetched articles: filter by state and source, read the extracted text."""

from django.contrib import admin
from django.db import models

from newsdesk.articles.models import Article
from newsdesk.articles.tombstones import bury


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "source", "state", "published_at", "date_flagged", "dedup_layer"]
    list_filter = ["state", "date_flagged", "dedup_layer", "source"]
    search_fields = ["title", "url", "canonical_url", "text"]
    list_select_related = ["source"]
    date_hierarchy = "created_at"
    raw_id_fields = ["source", "duplicate_of"]
    # The fingerprint is a binary MinHash signature: meaningless on screen.
    exclude = ["fingerprint"]
    readonly_fields = [
        "guid_hash",
        "content_hash",
        "dedup_layer",
        "fetched_at",
        "created_at",
        "raw_html",
        "clean_html",
        "error",
    ]

    # A deleted article leaves a tombstone, or the next poll of its feed brings it back.
    def delete_model(self, request, obj: Article) -> None:
        bury([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        bury(queryset)
        super().delete_queryset(request, queryset)
