"""API tokens for scripts that use the REST API on behalf of an editor.

Only a SHA-256 of the token is stored; the token itself is shown once, when created.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """Create a token; returns the row and the clear-text token (shown once)."""
        token = "nd_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name[:100], digest=_digest(token)), token

    @classmethod
    def user_for(cls, token: str):
        """The active user owning ``token``, or None."""
        row = cls.objects.select_related("user").filter(digest=_digest(token)).first()
        if row is None or not row.user.is_active:
            return None
        cls.objects.filter(id=row.id).update(last_used_at=timezone.now())
        return row.user


class LoginFailure(models.Model):
    """One failed sign-in, kept for the lock-out window (``accounts/throttle.py``).

    In the database, not a per-process cache, so every web process sees the same count.
    ``address`` is the client's rate key (IPv6 by /64), never shown anywhere.
    """

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"


class PersonalDataErasure(models.Model):
    """A record that a person's data was erased on request (``newsdesk erase_commenter``).

    Kept with the other records about people (accounts); it says when, how many comments
    and what was done, and nothing that identifies the person again.
    """

    at = models.DateTimeField(default=timezone.now)
    comments = models.PositiveIntegerField()
    action = models.CharField(max_length=20)  # "anonymised" or "deleted"

    def __str__(self) -> str:
        return f"{self.comments} comment(s) {self.action} at {self.at:%Y-%m-%d %H:%M}"
