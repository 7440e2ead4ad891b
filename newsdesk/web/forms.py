"""The reader comment form, its honeypot, and the per-IP rate limit.

Comments are always stored as pending; nothing a reader types is shown before an
editor approves it, and the e-mail is never rendered on a public page. Fields carry no
``maxlength``: a browser would cut pasted text silently, so the server refuses over-long
text with a message instead, and a visible counter (site.js) warns while typing.
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
REMEMBER_LABEL = "Save my name, email, and website in this browser for the next time I comment."
TOO_LONG = (
    "This is %(show_value)d characters long; the limit is %(limit_value)d. "
    "Please shorten it: nothing was saved or cut."
)


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

    parent = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )
    remember = forms.BooleanField(required=False, label=REMEMBER_LABEL)

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        error_messages = {
            "name": {"max_length": TOO_LONG},
            "email": {"max_length": TOO_LONG},
            "body": {"max_length": TOO_LONG},
        }
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

    def __init__(self, *args, piece=None, max_depth: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.piece, self.max_depth = piece, max_depth
        self.fields["website"].error_messages["max_length"] = TOO_LONG
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
        self.fields["body"].widget.attrs["data-max"] = str(self.fields["body"].max_length)

    def full_clean(self) -> None:
        super().full_clean()
        # Django names the error only when the widget names nothing else; the body also
        # points at its counter, so both ids are listed (the template renders both).
        described = "id_body_count"
        if "body" in self.errors:
            described = "id_body_error id_body_count"
        self.fields["body"].widget.attrs["aria-describedby"] = described

    def is_bot(self) -> bool:
        """True when the honeypot was filled in (call after is_valid())."""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD, "").strip())

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please enter your name.")
        return name

    def clean_parent(self) -> Comment | None:
        """The approved comment on this piece being replied to, within the depth limit."""
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = approved_on(self.piece).filter(pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError("The comment you replied to is not available.")
        if depth(parent) >= self.max_depth:
            raise forms.ValidationError(
                f"Replies nest at most {self.max_depth} levels deep; "
                "please reply to an earlier comment."
            )
        return parent

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Please write a comment.")
        return body


def approved_on(piece):
    """Approved comments shown on ``piece``, its merged-away pieces' included. The pieces
    are a subquery (two index probes), not an OR over a join: that scanned every comment
    on the site for each page."""
    from django.db.models import Q

    from newsdesk.stories.models import StoryArticle

    pieces = StoryArticle.objects.filter(Q(pk=piece.pk) | Q(redirect_to=piece)).values("pk")
    return Comment.objects.filter(article_id__in=pieces, status=Comment.Status.APPROVED)


def depth(comment: Comment) -> int:
    """1 for a top-level comment, 2 for a reply to it, and so on (one query a level;
    the chain is at most the depth setting, 10, long)."""
    level = 1
    while comment.parent_id is not None and level < 50:
        comment = Comment.objects.only("parent_id").get(pk=comment.parent_id)
        level += 1
    return level


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
