"""Stories (one real-world event) and the pieces newsdesk writes about them.

Story: a cluster of articles from many outlets; ``dirty`` asks the writer to refresh it.
StoryMember: why an article joined (score and reasons), for the desk.
StoryArticle: the written piece; its per-sentence provenance lives in ``provenance``
as [{"text": ..., "support": [{"article_id", "start", "end"}]}] per paragraph.
PieceVersion: every state a piece has been in, for the desk's history and diffs.
Webhook, WebhookDelivery: who is told when a piece is published, corrected or retracted,
and the log of every attempt (stories/webhooks.py sends them). They live with the pieces
they announce, so the editorial decisions and the pipeline can queue them directly.
"""

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.infra.netpolicy import AddressRefused, resolve_checked
from newsdesk.stories import pagestamp


@lru_cache(maxsize=50_000)
def _slug_url(name: str, slug: str, prefix: str) -> str:
    return reverse(name, args=[slug])


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, args=[slug])``, remembered: a page links 30-odd pieces and
    categories, and reversing each took a tenth of an uncached page's time."""
    return _slug_url(name, slug, get_script_prefix())


@receiver(setting_changed)
def _urls_changed(setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _slug_url.cache_clear()


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("web:category", self.slug)


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("web:tag", self.slug)


class Story(models.Model):
    first_seen = models.DateTimeField(default=timezone.now)
    last_updated = models.DateTimeField(default=timezone.now, db_index=True)
    dirty = models.BooleanField(default=True, db_index=True)
    # Bumped by every change the writer must see (a member joined, left, moved): the
    # writer clears ``dirty`` only if the version it read is still current.
    version = models.PositiveIntegerField(default=0)
    # A writer's lease: while it runs, nobody else takes the story; if its worker dies,
    # the lease runs out and the story is handed out again (flows.refresh_dirty_stories).
    write_claimed_until = models.DateTimeField(null=True, blank=True)
    label = models.CharField(max_length=300, blank=True, help_text="Working title for the desk")
    kept_apart = models.JSONField(
        default=list, blank=True, help_text="Ids of stories an editor separated from this one"
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set when this story's articles were merged into another story",
    )
    do_not_write = models.BooleanField(
        default=False, help_text="An editor asked the writer to leave this story alone"
    )

    class Meta:
        ordering = ["-last_updated"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.label or f"Story {self.pk}"

    @classmethod
    def touch(cls, *story_ids: int) -> int:
        """Ask the writer to look at these stories again (and say they changed)."""
        return cls.objects.filter(id__in=story_ids).update(
            dirty=True, version=models.F("version") + 1, last_updated=timezone.now()
        )


class StoryMember(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="membership"
    )
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    moved_by_editor = models.BooleanField(default=False)

    class Meta:
        ordering = ["joined_at"]


class StoryArticle(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (needs review)"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    # PROTECT: deleting a story must never take its piece (and the readers' comments) along.
    story = models.OneToOneField(Story, on_delete=models.PROTECT, related_name="written")
    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    body = models.TextField(help_text="Plain text, paragraphs separated by blank lines")
    body_html = models.TextField(blank=True, help_text="Sanitised HTML rendered from body")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    tags = models.ManyToManyField(Tag, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # A contributor's draft sent to the editors: it waits at the top of the review queue
    # until an editor publishes or rejects it (a contributor cannot publish).
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sources = models.ManyToManyField("articles.Article", blank=True, related_name="cited_by")
    provenance = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True, help_text="Gate failures")
    backend = models.CharField(max_length=50, blank=True)
    edited_by_editor = models.BooleanField(default=False)
    image = models.URLField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    redirect_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text="The piece that replaced this one when its story was merged away",
    )
    pinned = models.BooleanField(default=False, help_text="Shown first on the home page")
    # Corrections and retractions are public: the page, feeds and JSON-LD show them.
    correction_note = models.TextField(blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    retraction_reason = models.TextField(blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        # The public lists read these in order and stop after a page, and count by
        # status from the index alone: without them every home or category page sorted
        # (and counted through) all published rows, 56 ms at 10,000 pieces on SQLite.
        indexes = [
            models.Index(fields=["status", "pinned", "published_at", "id"], name="piece_home"),
            models.Index(fields=["status", "published_at", "id"], name="piece_published"),
            models.Index(
                fields=["category", "status", "published_at", "id"], name="piece_category"
            ),
        ]
        permissions = [
            ("publish_storyarticle", "Can publish or unpublish pieces"),
            ("correct_storyarticle", "Can correct published pieces"),
            ("retract_storyarticle", "Can retract pieces"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return slug_url("web:article", self.slug)

    @classmethod
    def set_status(cls, queryset, status: str) -> int:
        """Editor action on many pieces: new status; publishing stamps a first publication
        time where there is none. Returns how many rows changed."""
        now = timezone.now()
        if status == cls.Status.PUBLISHED:
            queryset.filter(published_at__isnull=True).update(published_at=now)
        changed = queryset.update(status=status, updated_at=now)
        pagestamp.bump()
        return changed

    @staticmethod
    def make_slug(headline: str, story_id: int) -> str:
        return f"{slugify(headline)[:100].strip('-') or 'story'}-{story_id}"


class PieceVersion(models.Model):
    """One saved state of a piece, written whenever an editor or the pipeline changes it.

    Kept in full (not as a diff) so any two versions can be compared and none depends on
    another; ``editor_name`` survives the user's deletion.
    """

    class Kind(models.TextChoices):
        WRITTEN = "written", "Written by the pipeline"
        EDITED = "edited", "Edited"
        PUBLISHED = "published", "Published"
        CORRECTED = "corrected", "Corrected"
        RETRACTED = "retracted", "Retracted"
        UNPUBLISHED = "unpublished", "Back to draft"
        SUBMITTED = "submitted", "Submitted for review"

    piece = models.ForeignKey(StoryArticle, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    editor_name = models.CharField(max_length=150, blank=True)
    headline = models.CharField(max_length=300)
    body = models.TextField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["piece", "number"]
        constraints = [
            models.UniqueConstraint(fields=["piece", "number"], name="piece_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.piece_id} v{self.number} ({self.kind})"


EVENTS = ["piece.published", "piece.corrected", "piece.retracted"]


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def _check_events(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(EVENTS):
        raise ValidationError(f"events must be a list drawn from {', '.join(EVENTS)}")


class Webhook(models.Model):
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=100, default=_new_secret)
    events = models.JSONField(default=list, blank=True, validators=[_check_events])
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.url

    def clean(self) -> None:
        problem = webhook_url_problem(self.url)
        if problem:
            raise ValidationError({"url": problem})

    def wants(self, event: str) -> bool:
        return self.enabled and (not self.events or event in self.events)


class WebhookDelivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Gave up"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_status = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    log = models.JSONField(default=list, blank=True, help_text="One entry per attempt")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"


def webhook_url_problem(url: str) -> str | None:
    """Why ``url`` may not receive webhooks (scheme, host, the fetch address policy)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "a webhook URL is an http(s) URL with a host"
    try:
        resolve_checked(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (AddressRefused, ValueError) as exc:
        return f"{parts.hostname}: {exc}"
    return None
