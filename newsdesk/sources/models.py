"""Sources the desk follows and the per-host state that keeps fetching polite.

Source: one followed URL (feed, sitemap, single article). The scheduler's truth:
``next_check_at`` says when it is due, ``claimed_until`` marks a worker's claim so two
workers never poll it at once, ETag/Last-Modified/content hash make re-polls cheap,
``error_score`` accumulates weighted failures and disables the source past a budget.
HostState: shared across worker processes, so per-host limits hold for the whole desk.
"""

from django.db import models
from django.utils import timezone


class Source(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", "RSS/Atom/JSON feed"
        SITEMAP = "sitemap", "Sitemap"
        NEWS_SITEMAP = "news_sitemap", "Google News sitemap"
        ARTICLE = "article", "Single article URL"

    name = models.CharField(
        max_length=200, blank=True, help_text="Outlet name credited in articles"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField(max_length=2000, unique=True)
    host = models.CharField(max_length=255, db_index=True, editable=False)
    site_url = models.URLField(max_length=2000, blank=True)
    enabled = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_check_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    poll_interval_s = models.PositiveIntegerField(default=900)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    error_score = models.FloatField(default=0.0)
    last_error = models.TextField(blank=True)
    item_count = models.PositiveIntegerField(default=0)
    # Editorial rules for this source (sources/rules.py applies them at ingest).
    category_map = models.JSONField(
        default=dict, blank=True, help_text="Feed category -> our category name"
    )
    keep_keywords = models.JSONField(
        default=list, blank=True, help_text="Keep only items whose title or body has one"
    )
    block_keywords = models.JSONField(
        default=list, blank=True, help_text="Drop items whose title or body has one"
    )
    quote_at_length = models.BooleanField(
        default=False, help_text="The outlet allows quoting beyond short excerpts"
    )

    class Meta:
        ordering = ["name", "url"]

    def __str__(self) -> str:
        return self.name or self.url

    def clean(self) -> None:
        """The rules' shapes (the admin edits them as JSON): a map of text to text, and
        lists of text; anything else would silently map or match nothing."""
        from django.core.exceptions import ValidationError

        problems = {}
        cmap = self.category_map
        if not isinstance(cmap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in cmap.items()
        ):
            problems["category_map"] = 'an object of feed category to ours: {"Sport": "Sports"}'
        for name in ("keep_keywords", "block_keywords"):
            words = getattr(self, name)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                problems[name] = 'a list of words or phrases: ["election", "vote"]'
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs):
        from urllib.parse import urlsplit

        self.host = (urlsplit(self.url).hostname or "").lower()
        super().save(*args, **kwargs)


class HostState(models.Model):
    """Politeness bookkeeping per host, shared by every worker process."""

    host = models.CharField(max_length=255, unique=True)
    active = models.PositiveIntegerField(default=0)
    last_start_at = models.DateTimeField(null=True, blank=True)
    blocked_until = models.DateTimeField(null=True, blank=True)
    robots_txt = models.TextField(blank=True)
    robots_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.host


class SourceEvent(models.Model):
    """A log line against a source: errors, warnings, notable results, for the desk."""

    class Level(models.TextChoices):
        INFO = "info"
        WARNING = "warning"
        ERROR = "error"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.INFO)
    message = models.TextField()
    url = models.URLField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-at"]
