"""Webhooks: tell other systems when a piece is published, corrected or retracted.

announce(event, piece_id) -> one WebhookDelivery row per interested webhook (no network).
deliver_due(now) -> sends every delivery that is due, through infra/http.py (the same
address policy as fetching, checked again at connect time), and schedules retries with
exponential backoff; after MAX_ATTEMPTS it gives up and says so in the log. The beat runs
it every few seconds (pipeline.tasks.deliver_webhooks), so a slow receiver never holds up
the editor who made the change.

Each POST carries ``X-Newsdesk-Event``, ``X-Newsdesk-Delivery`` and
``X-Newsdesk-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>``.
"""

import hashlib
import hmac
import json
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from newsdesk.infra import http
from newsdesk.stories.models import (
    StoryArticle,
    Webhook,
    WebhookDelivery,
    webhook_url_problem,
)

MAX_ATTEMPTS = 6
FIRST_RETRY_S = 30  # then 60, 120, 240, 480 s: about half an hour in all
DEADLINE_S = 10.0
BATCH = 50


check_url = webhook_url_problem


def signature(secret: str, body: bytes) -> str:
    """The value of X-Newsdesk-Signature for ``body``; receivers compute the same."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(event: str, piece_id: int) -> dict:
    piece = StoryArticle.objects.get(pk=piece_id)
    return {
        "event": event,
        "at": timezone.now().isoformat(),
        "piece": {
            "id": piece.id,
            "headline": piece.headline,
            "url": settings.SITE_URL + piece.get_absolute_url(),
            "status": piece.status,
            "published_at": piece.published_at.isoformat() if piece.published_at else None,
            "updated_at": piece.updated_at.isoformat(),
            "correction_note": piece.correction_note,
            "retraction_reason": piece.retraction_reason,
        },
    }


def announce(event: str, piece_id: int) -> int:
    """Queue ``event`` for every enabled webhook that wants it; returns how many."""
    hooks = [h for h in Webhook.objects.filter(enabled=True) if h.wants(event)]
    if not hooks:
        return 0
    body = payload(event, piece_id)
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(webhook=h, event=event, payload=body) for h in hooks
    )
    return len(hooks)


def deliver_due(now: datetime | None = None) -> int:
    """Send the deliveries that are due; returns how many were attempted."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now
    ).select_related("webhook")[:BATCH]
    count = 0
    for delivery in due:
        # Claim it first, so two beats never send the same attempt twice.
        claimed = WebhookDelivery.objects.filter(
            id=delivery.id, attempts=delivery.attempts, state=WebhookDelivery.State.PENDING
        ).update(attempts=delivery.attempts + 1)
        if claimed:
            delivery.attempts += 1
            _attempt(delivery, now)
            count += 1
    return count


def _attempt(delivery: WebhookDelivery, now: datetime) -> None:
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Newsdesk-Event": delivery.event,
        "X-Newsdesk-Delivery": str(delivery.id),
        "X-Newsdesk-Signature": signature(delivery.webhook.secret, body),
    }
    result = http.post(delivery.webhook.url, body, headers=headers, deadline_s=DEADLINE_S)
    delivery.last_status, delivery.last_error = result.status, result.error or ""
    delivery.log = [
        *delivery.log,
        {"at": now.isoformat(), "status": result.status, "error": result.error or ""},
    ]
    if result.ok:
        delivery.state = WebhookDelivery.State.DELIVERED
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = WebhookDelivery.State.FAILED
    else:
        delivery.next_attempt_at = now + timedelta(
            seconds=FIRST_RETRY_S * 2 ** (delivery.attempts - 1)
        )
    delivery.save(update_fields=["last_status", "last_error", "log", "state", "next_attempt_at"])
