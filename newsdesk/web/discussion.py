"""Comments on the article page, at WordPress's discussion settings.

- is_open(piece, settings) -> False when the site closed comments, or when the piece is
  older than ``close_comments_after_days``.
- thread(comments, max_depth) -> approved comments as a tree of Nodes; a reply shows
  under its parent only when the parent is shown too (else it stands at the top level).
- take(request, piece, form, settings) -> a redirect after storing a pending comment,
  or None to re-render the form with its errors (429 for a flood). Nothing is deleted.
- The "Save my name, email, and website" opt-in sets the ``comment_author`` cookie only
  when ticked (and clears it when not); site.js fills the form from it in the browser,
  so the cached page HTML never holds anyone's name.
"""

import json
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings as django_settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from newsdesk.comments.holding import hold_reasons
from newsdesk.comments.models import Comment
from newsdesk.desk.models import SiteSettings
from newsdesk.web import formstamp
from newsdesk.web.forms import (
    DUPLICATE_MESSAGE,
    CommentForm,
    client_ip_hash,
    is_duplicate,
    rate_limited,
    retry_after_s,
)

MODERATION_MESSAGE = "Your comment is awaiting moderation."
FLOOD_MESSAGE = "You have posted several comments just now. Please wait a few minutes."
COOKIE = "comment_author"
COOKIE_AGE = timedelta(days=365)


@dataclass
class Node:
    comment: Comment
    depth: int
    children: list["Node"] = field(default_factory=list)


def is_open(piece, site: SiteSettings) -> bool:
    if site.comment_policy == SiteSettings.CommentPolicy.CLOSED:
        return False
    days = site.close_comments_after_days
    if days and piece.published_at:
        return timezone.now() < piece.published_at + timedelta(days=days)
    return True


def thread(comments, max_depth: int) -> list[Node]:
    """Approved comments (oldest first) -> top-level Nodes with their replies nested.

    A reply deeper than ``max_depth`` (the setting was lowered) hangs at the deepest level.
    """
    nodes = {c.pk: Node(c, 1) for c in comments}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        if parent is None:
            roots.append(node)
            continue
        while parent.depth >= max_depth and parent.comment.parent_id in nodes:
            parent = nodes[parent.comment.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)
    return roots


def take(request: HttpRequest, piece, form: CommentForm) -> HttpResponse | None:
    """Store a valid comment as pending and redirect; None re-renders with errors.

    The honeypot answers like a success and stores nothing; a form whose signed stamp is
    missing, stale or another piece's is shown again (THREATS E4); the same text from the
    same e-mail on the same piece is refused (E6); a flood sets ``form.retry_after_s``
    and the view answers 429 with Retry-After (E5).
    """
    if not form.is_valid():
        return None
    if form.is_bot():  # sees the same answer as a reader, so it learns nothing
        messages.success(request, MODERATION_MESSAGE)
        return redirect(piece.get_absolute_url() + "#comments")
    try:
        formstamp.age(request.POST.get(formstamp.FIELD, ""), piece.id)
    except formstamp.StampRefused as refused:
        form.add_error(None, str(refused))
        return None
    ip_hash = client_ip_hash(request)
    if rate_limited(ip_hash):
        form.add_error(None, FLOOD_MESSAGE)
        form.retry_after_s = retry_after_s(ip_hash)
        return None
    data = form.cleaned_data
    if is_duplicate(piece, data["email"], data["body"]):
        form.add_error("body", DUPLICATE_MESSAGE)
        return None
    comment = form.save(commit=False)
    comment.article, comment.ip_hash, comment.parent = piece, ip_hash, data["parent"]
    known = Comment.objects.filter(
        email__iexact=data["email"], status=Comment.Status.APPROVED
    ).exists()
    comment.held_reason = "; ".join(hold_reasons(data["body"], known))[:300]
    comment.save()
    messages.success(request, MODERATION_MESSAGE)
    response = redirect(piece.get_absolute_url() + "#comments")
    _remember(response, data)
    return response


def _remember(response: HttpResponse, data: dict) -> None:
    """Ticked: keep name, e-mail and website in a cookie for site.js. Unticked: forget."""
    if not data["remember"]:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    value = json.dumps(
        {"name": data["name"], "email": data["email"], "url": data["website"]},
        separators=(",", ":"),
    )
    response.set_cookie(
        COOKIE,
        quote(value, safe=""),
        max_age=int(COOKIE_AGE.total_seconds()),
        samesite="Lax",
        secure=django_settings.SESSION_COOKIE_SECURE,
        httponly=False,  # site.js reads it to fill the form; it holds nothing secret
    )
