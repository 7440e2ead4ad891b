"""Articles: one fetched and extracted page from a source.

Identity in layers: ``canonical_url`` (unique), ``guid_hash`` (unique per source),
``content_hash`` (exact text), ``fingerprint`` (MinHash signature, near-duplicates).
A duplicate is kept and points at the earliest article it copies (``duplicate_of``).
"""

from django.db import models
from django.utils import timezone

from newsdesk.pipeline.types import SourceDoc
from newsdesk.sources.rules import category_for


class Article(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be fetched"
        EXTRACTED = "extracted", "Extracted"
        CLUSTERED = "clustered", "In a story"
        DUPLICATE = "duplicate", "Copy of an earlier article"
        FAILED = "failed", "Failed"

    source = models.ForeignKey("sources.Source", on_delete=models.CASCADE, related_name="articles")
    url = models.URLField(max_length=2000)
    canonical_url = models.URLField(max_length=2000, unique=True)
    guid_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    title = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    date_flagged = models.BooleanField(default=False)
    # The feed's own categories for the item; the source's category map reads them.
    feed_categories = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    # Work lease: the step this article waits for (fetch, cluster) was queued until then;
    # past it, the sweeper queues it again. ``attempts`` counts those hand-outs.
    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    language = models.CharField(max_length=20, blank=True)
    image = models.URLField(max_length=2000, blank=True)
    site_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    raw_html = models.TextField(blank=True)
    clean_html = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    fingerprint = models.BinaryField(blank=True, default=b"")
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    dedup_layer = models.CharField(max_length=10, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid_hash"], name="article_unique_guid")
        ]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def outlet(self) -> str:
        return self.source.name or self.site_name or self.source.host

    def as_doc(self) -> SourceDoc:
        """The stages' view of this row (dedupe, cluster and write all read this)."""
        return SourceDoc(
            article_id=self.id,
            outlet=self.outlet,
            url=self.url,
            title=self.title,
            text=self.text,
            published_at=self.published_at,
            category=category_for(self.source.category_map, self.feed_categories),
            quote_at_length=self.source.quote_at_length,
        )


class ArticleTombstone(models.Model):
    """An article an editor deleted: its canonical URL is never stored again.

    Without it the next poll of the feed recreated the article. Only the SHA-256 of the
    canonical URL is kept (fixed size, indexable); ``articles/tombstones.py`` reads and
    writes these rows.
    """

    url_hash = models.CharField(max_length=64, unique=True)
    deleted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"deleted article {self.url_hash[:12]}…"
