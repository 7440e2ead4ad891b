"""How long commenters' personal data is kept, and erasing one person's data.

``expire_emails(days)`` -> how many comments lost their e-mail address and address hash
because they are older than ``days`` (the comment, its name and text stay; 0 keeps them
forever). Run daily by the beat and by ``newsdesk expire_comment_emails``.
``erase_commenter(email, delete=False)`` -> how many comments were anonymised (name,
e-mail, website and address hash removed; the text stays, as a reply may quote it) or,
with ``delete``, deleted; records a ``PersonalDataErasure`` saying when and how many.
The e-mail column is required, so a removed address becomes ``REMOVED_EMAIL`` (the
reserved ``.invalid`` domain can never receive mail).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.accounts.models import PersonalDataErasure
from newsdesk.comments.models import Comment

REMOVED_EMAIL = "removed@removed.invalid"
ERASED_NAME = "(erased)"


def expire_emails(days: int, now=None) -> int:
    """Blank e-mail and address hash of comments older than ``days``; returns the count."""
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Comment.objects.filter(created_at__lt=cutoff).exclude(email=REMOVED_EMAIL, ip_hash="")
    return old.update(email=REMOVED_EMAIL, ip_hash="")


def erase_commenter(email: str, delete: bool = False) -> int:
    """Anonymise (or delete) every comment posted with ``email``; returns the count."""
    email = email.strip()
    if not email or email.lower() == REMOVED_EMAIL:
        raise ValueError("give the e-mail address the comments were posted with")
    with transaction.atomic():
        theirs = Comment.objects.filter(email__iexact=email)
        if delete:
            count, _ = theirs.delete()
        else:
            count = theirs.update(name=ERASED_NAME, email=REMOVED_EMAIL, website="", ip_hash="")
        if count:
            action = "deleted" if delete else "anonymised"
            PersonalDataErasure.objects.create(comments=count, action=action)
    return count
