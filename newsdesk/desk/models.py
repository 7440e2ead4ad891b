"""What the desk configures for the outside world: webhooks and the site's settings.

Webhook: a URL that receives an HMAC-SHA256-signed POST when a piece is published,
corrected or retracted (desk/webhooks.py sends them).
WebhookDelivery: one event for one webhook, retried with backoff until it succeeds or
runs out of attempts; the desk shows the log.
SiteSettings: the one row of editor-editable site settings (desk/sitesettings.py reads
it). It lives here, not in ``web``, because editors own it; the public site only reads.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

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
        from newsdesk.desk.webhooks import check_url

        problem = check_url(self.url)
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


_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "a colour is written #rrggbb")


class SiteSettings(models.Model):
    class CommentPolicy(models.TextChoices):
        MODERATED = "moderated", "Every comment waits for a moderator"
        CLOSED = "closed", "Comments are closed"

    name = models.CharField(max_length=100, blank=True, help_text="Empty: NEWSDESK_SITE_NAME")
    logo_url = models.URLField(max_length=2000, blank=True)
    accent_colour = models.CharField(max_length=7, default="#b31b1b", validators=[_colour])
    text_colour = models.CharField(max_length=7, default="#222222", validators=[_colour])
    comment_policy = models.CharField(
        max_length=20, choices=CommentPolicy.choices, default=CommentPolicy.MODERATED
    )
    menu_categories = models.ManyToManyField("stories.Category", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return "Site settings"
