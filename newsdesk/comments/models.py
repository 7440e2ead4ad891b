"""Reader comments. Held for moderation; the e-mail is stored but never rendered publicly.

A reply names its ``parent`` (same piece); it is shown nested under the parent only once
both are approved. ``held_reason`` tells the moderator why the comment waits.
"""

from django.db import models
from django.utils import timezone


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REJECTED = "rejected", "Rejected"

    # PROTECT: a reader's comment is never deleted as a side effect of removing a piece.
    article = models.ForeignKey(
        "stories.StoryArticle", on_delete=models.PROTECT, related_name="comments"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    website = models.URLField(max_length=500, blank=True)
    body = models.TextField(max_length=5000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    ip_hash = models.CharField(max_length=64, blank=True)
    # SET_NULL: removing a comment (a reader's erasure request) never takes the replies
    # of others along; they stay, at the top level.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    held_reason = models.CharField(
        max_length=300, blank=True, help_text="Why this comment waits for a moderator"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.name} on {self.article_id}"
