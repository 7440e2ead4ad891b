"""The comment form's signed timestamp (THREATS E4: bots replaying or auto-filling it).

``stamp(piece_id, at=None) -> str`` is the hidden field's value: the piece and the time
the form was shown, signed with the site's secret (django.core.signing, HMAC-SHA256), as
django-contrib-comments' ``security_hash`` signs (object, timestamp).
``age(value, piece_id, now=None) -> float`` is the seconds since that form was shown;
it raises ``StampRefused`` with a message for the reader when the stamp is missing,
tampered with, made for another piece, from the future, or older than ``MAX_AGE_S``.
The view then shows the form again with the reader's text and a fresh stamp, so nothing
is lost: sending it once more works. A form sent within seconds of being shown needs no
refusal here: every comment already waits for a moderator (the table's "held").
"""

from __future__ import annotations

import time

from django.core import signing

FIELD = "shown"
MAX_AGE_S = 2 * 3600  # django-contrib-comments' COMMENT_TIMEOUT
_SALT = "newsdesk.web.formstamp"
_CLOCK_SKEW_S = 60.0  # web workers on several hosts may disagree slightly on the time

GONE_STALE = (
    "This comment form was opened more than two hours ago, so it could not be checked. "
    "Your comment is below, unchanged: please send it again."
)
UNCHECKABLE = (
    "This comment form could not be checked (it may come from an old copy of the page). "
    "Your comment is below, unchanged: please send it again."
)


class StampRefused(ValueError):
    """The form's stamp cannot be accepted; ``str()`` is the message for the reader."""


def stamp(piece_id: int, at: float | None = None) -> str:
    shown = time.time() if at is None else at
    return signing.Signer(salt=_SALT).sign(f"{piece_id}:{shown:.3f}")


def age(value: str, piece_id: int, now: float | None = None) -> float:
    """Seconds since the form for ``piece_id`` was shown (see the module note)."""
    try:
        signed_piece, shown = signing.Signer(salt=_SALT).unsign(value or "").split(":")
        seconds = (time.time() if now is None else now) - float(shown)
    except (signing.BadSignature, ValueError):
        raise StampRefused(UNCHECKABLE) from None
    if signed_piece != str(piece_id) or seconds < -_CLOCK_SKEW_S:
        raise StampRefused(UNCHECKABLE)
    if seconds > MAX_AGE_S:
        raise StampRefused(GONE_STALE)
    return max(seconds, 0.0)
