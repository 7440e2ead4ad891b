"""The editor's decisions on a written piece: edit, publish, unpublish, correct, retract.

Every desk screen, admin action and API endpoint calls these, so each decision is made
the same way everywhere: it saves the piece, keeps a full ``PieceVersion`` (who, when,
what, why), tells webhook subscribers (published, corrected, retracted) and invalidates
the public page. Permission checks belong to the callers (they know the request);
these functions check only what the piece allows and raise ``ValueError`` with a clear
message, changing nothing, when a decision does not apply.
"""

from django.db import transaction
from django.utils import timezone

from newsdesk.infra.sanitize import paragraphs_to_html
from newsdesk.stories import pagestamp
from newsdesk.stories.models import PieceVersion, StoryArticle
from newsdesk.stories.webhooks import announce

Status = StoryArticle.Status
Kind = PieceVersion.Kind
MAX_HEADLINE = 300


def record_version(piece: StoryArticle, kind: str, user=None, note: str = "") -> PieceVersion:
    """Save the piece's current headline and body as its next version."""
    last = piece.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return PieceVersion.objects.create(
        piece=piece,
        number=last + 1,
        kind=kind,
        editor=user if getattr(user, "pk", None) else None,
        editor_name=_name(user),
        headline=piece.headline,
        body=piece.body,
        note=note,
    )


def edit(piece: StoryArticle, user, headline: str | None = None, body: str | None = None):
    """Change a draft's text; the pipeline stops rewriting it. Published pieces go
    through ``correct`` instead, so readers are told."""
    if piece.status != Status.DRAFT:
        raise ValueError("only a draft is edited in place; correct a published piece")
    with transaction.atomic():
        ensure_first_version(piece)
        _set_text(piece, headline, body)
        piece.save()
        record_version(piece, Kind.EDITED, user)
    return piece


def edit_sentence(piece: StoryArticle, user, para: int, index: int, text: str):
    """Replace one sentence of a draft; its provenance row keeps the source span it had
    and is marked as edited, so the review screen shows what the editor changed."""
    text = " ".join(str(text).split())
    rows = [list(p) if isinstance(p, list) else [p] for p in piece.provenance or []]
    if not (0 <= para < len(rows) and 0 <= index < len(rows[para])):
        raise ValueError(f"there is no sentence {index + 1} in paragraph {para + 1}")
    if not text:
        raise ValueError("a sentence cannot be empty; edit the body to remove it")
    rows[para][index] = {**rows[para][index], "text": text, "edited_by": _name(user)}
    body = "\n\n".join(" ".join(s.get("text", "") for s in p) for p in rows)
    with transaction.atomic():
        ensure_first_version(piece)
        piece.provenance = rows
        _set_text(piece, None, body)
        piece.save()
        record_version(piece, Kind.EDITED, user, f"sentence {index + 1} of paragraph {para + 1}")
    return piece


def reject(piece: StoryArticle, user, reason: str) -> StoryArticle:
    """A held draft will not run: withdrawn with the reason, never rewritten over."""
    if piece.status != Status.DRAFT:
        raise ValueError("only a draft is rejected; retract a published piece")
    return retract(piece, user, reason or "Rejected at review.")


def submit(piece: StoryArticle, user, note: str = "") -> StoryArticle:
    """A contributor sends a draft to the editors (it does not publish it)."""
    if piece.status != Status.DRAFT:
        raise ValueError("only a draft is submitted for review")
    if piece.submitted_at is not None:
        raise ValueError("this draft is already waiting for an editor")
    with transaction.atomic():
        ensure_first_version(piece)
        piece.submitted_at, piece.submitted_by = timezone.now(), user
        piece.save(update_fields=["submitted_at", "submitted_by"])
        record_version(piece, Kind.SUBMITTED, user, note.strip()[:500])
    return piece


def publish(piece: StoryArticle, user) -> StoryArticle:
    """Draft -> published (first publication time kept when it had one)."""
    if piece.status == Status.PUBLISHED:
        raise ValueError("the piece is published already")
    now = timezone.now()
    with transaction.atomic():
        ensure_first_version(piece)
        piece.status, piece.updated_at = Status.PUBLISHED, now
        piece.published_at = piece.published_at or now
        piece.submitted_at, piece.submitted_by = None, None  # no longer waiting
        piece.retraction_reason, piece.retracted_at = "", None
        piece.save()
        record_version(piece, Kind.PUBLISHED, user)
    _changed(piece, "piece.published")
    return piece


def unpublish(piece: StoryArticle, user) -> StoryArticle:
    """Back to draft: the page answers 404 until it is published again."""
    if piece.status == Status.DRAFT:
        raise ValueError("the piece is a draft already")
    with transaction.atomic():
        ensure_first_version(piece)
        piece.status, piece.updated_at = Status.DRAFT, timezone.now()
        piece.save()
        record_version(piece, Kind.UNPUBLISHED, user)
    _changed(piece, None)
    return piece


def correct(piece: StoryArticle, user, note: str, headline=None, body=None) -> StoryArticle:
    """Change a published piece in the open: the note is shown on the page, in the feeds
    and the JSON-LD with the correction time; the old text stays in the history."""
    note = (note or "").strip()
    if piece.status != Status.PUBLISHED:
        raise ValueError("only a published piece is corrected; edit a draft instead")
    if not note:
        raise ValueError("a correction needs a note telling readers what changed")
    with transaction.atomic():
        ensure_first_version(piece)
        _set_text(piece, headline, body)
        now = timezone.now()
        piece.correction_note, piece.corrected_at, piece.updated_at = note, now, now
        piece.save()
        record_version(piece, Kind.CORRECTED, user, note)
    _changed(piece, "piece.corrected")
    return piece


def retract(piece: StoryArticle, user, reason: str) -> StoryArticle:
    """Withdraw a piece: its page answers 410 and says why; nothing is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a retraction needs a reason, shown on the withdrawn page")
    if piece.status == Status.RETRACTED:
        raise ValueError("the piece is retracted already")
    now = timezone.now()
    with transaction.atomic():
        ensure_first_version(piece)
        piece.status, piece.updated_at = Status.RETRACTED, now
        piece.retraction_reason, piece.retracted_at = reason, now
        piece.submitted_at, piece.submitted_by = None, None
        piece.save()
        record_version(piece, Kind.RETRACTED, user, reason)
    _changed(piece, "piece.retracted")
    return piece


def written(piece: StoryArticle, newly_published: bool) -> None:
    """The pipeline (re)wrote a live piece: keep the version, refresh the page, and tell
    subscribers when it went live for the first time."""
    record_version(piece, Kind.WRITTEN)
    _changed(piece, "piece.published" if newly_published else None)


def _name(user) -> str:
    return getattr(user, "username", "") or "newsdesk"


def _set_text(piece: StoryArticle, headline, body) -> None:
    headline = piece.headline if headline is None else " ".join(str(headline).split())
    body = piece.body if body is None else str(body).replace("\r\n", "\n").strip()
    if not headline or len(headline) > MAX_HEADLINE:
        raise ValueError(f"the headline must have 1 to {MAX_HEADLINE} characters")
    if not body:
        raise ValueError("the body must not be empty")
    if body != piece.body:
        paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
        piece.body_html = paragraphs_to_html(paragraphs)
    piece.headline, piece.body = headline, body
    piece.edited_by_editor = True
    piece.updated_at = timezone.now()


def ensure_first_version(piece: StoryArticle) -> None:
    """The pipeline's own text is version 1, so the first edit has something to diff."""
    if piece.pk and not piece.versions.exists():
        original = StoryArticle.objects.get(pk=piece.pk)
        record_version(original, Kind.WRITTEN)


def _changed(piece: StoryArticle, event: str | None) -> None:
    page_changed(piece)
    if event:
        transaction.on_commit(lambda: announce(event, piece.pk))


def page_changed(piece: StoryArticle) -> None:
    """The one place a decision tells the public site's page cache that the piece's pages
    changed: the site-wide stamp moves on, so every cached page (home, lists, feeds, this
    article) is rendered afresh. A cache that needs purging by URL (a CDN) is purged here."""
    pagestamp.bump()
