"""The site's settings, as editors set them in the desk.

SiteSettings: the one row of editor-editable site settings (desk/sitesettings.py reads
it). It lives here, not in ``web``, because editors own it; the public site only reads.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

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
    # WordPress's discussion settings: "Enable threaded comments N levels deep" and
    # "Automatically close comments on articles older than N days" (0: never).
    thread_depth = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How deep replies may nest (1: no replies)",
    )
    close_comments_after_days = models.PositiveIntegerField(
        default=0, help_text="Close comments on pieces older than this many days (0: never)"
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence about the site, for the home page's meta description",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return "Site settings"
