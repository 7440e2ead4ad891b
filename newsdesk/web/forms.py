"""The reader comment form, its honeypot, and the per-IP rate limit.

Comments are always stored as pending; nothing a reader types is shown before an
editor approves it, and the e-mail is never rendered on a public page.
"""

import hashlib
import math
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.infra.clientaddr import client_address, rate_key

# A reader may post this many comments per window; more look like a bot or a flood.
RATE_LIMIT_COUNT = 3
RATE_LIMIT_WINDOW = timedelta(minutes=10)
HONEYPOT_FIELD = "homepage"


class CommentForm(forms.ModelForm):
    """Name*, Email*, Website, Comment*, plus a hidden honeypot field humans leave empty."""

    homepage = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    website = forms.URLField(
        required=False,
        label="Website (optional)",
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        labels = {
            "name": "Name",
            "email": "Email",
            "website": "Website (optional)",
            "body": "Comment",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 7}),
        }

    def is_bot(self) -> bool:
        """True when the honeypot was filled in (call after is_valid())."""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD, "").strip())

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please enter your name.")
        return name

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Please write a comment.")
        return body


def client_ip_hash(request) -> str:
    """Client address (IPv6 by /64) -> salted SHA-256 hex; the raw address is never stored.

    X-Forwarded-For counts only from NEWSDESK_TRUSTED_PROXIES (infra/clientaddr.py):
    any client can set it to dodge the rate limit, and without it a proxy is one client.
    """
    ip = rate_key(client_address(request))
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


DUPLICATE_MESSAGE = "Duplicate comment detected: it looks as though you have already said that."


def is_duplicate(piece, email: str, body: str) -> bool:
    """The same text (spacing and case aside) from the same e-mail on the same piece,
    whatever its moderation state: posting twice (a double click, a resend) stores one."""
    wanted = " ".join(body.split()).casefold()
    earlier = Comment.objects.filter(article=piece, email__iexact=email.strip()).values_list(
        "body", flat=True
    )
    return any(" ".join(b.split()).casefold() == wanted for b in earlier)


def rate_limited(ip_hash: str) -> bool:
    """True when this IP hash already posted RATE_LIMIT_COUNT comments in the window."""
    since = timezone.now() - RATE_LIMIT_WINDOW
    recent = Comment.objects.filter(ip_hash=ip_hash, created_at__gte=since)
    return recent.count() >= RATE_LIMIT_COUNT


def retry_after_s(ip_hash: str) -> int:
    """Seconds until this IP hash may comment again: when the oldest of its comments in
    the window leaves it (at least 1; the whole window if none is found)."""
    since = timezone.now() - RATE_LIMIT_WINDOW
    recent = Comment.objects.filter(ip_hash=ip_hash, created_at__gte=since)
    newest_first = recent.order_by("-created_at").values_list("created_at", flat=True)
    counted = list(newest_first[:RATE_LIMIT_COUNT])
    if len(counted) < RATE_LIMIT_COUNT:
        return int(RATE_LIMIT_WINDOW.total_seconds())
    frees_at = counted[-1] + RATE_LIMIT_WINDOW  # the oldest that still counts
    return max(1, math.ceil((frees_at - timezone.now()).total_seconds()))
