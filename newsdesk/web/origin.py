"""Cross-site request refusal for the public comment form, without a CSRF cookie.

The article page is cached and shared by every anonymous reader, so its comment form
carries no per-reader CSRF token (a token would need a ``csrftoken`` cookie and
``Vary: Cookie`` on every page). A comment POST is instead accepted only when its
``Origin`` (or, when a browser sends none, its ``Referer``) is this site or one of
``CSRF_TRUSTED_ORIGINS``: the check Django's CSRF middleware itself relies on for HTTPS
requests. A POST that names neither is refused. Posting a comment uses no one's
session, so a forged one gains nothing a stranger could not do directly; every desk and
admin form keeps Django's full CSRF protection.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_NO_REFERER
from django.utils.http import is_same_domain
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def same_origin(request: HttpRequest) -> bool:
    """Whether the request says it came from a page of this site (or a trusted origin)."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.scheme or not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        scheme, _, host = trusted.partition("://")
        candidate = urlsplit(origin)
        if candidate.scheme == scheme and is_same_domain(candidate.netloc, host):
            return True
    return False


def origin_checked(view):
    """``view`` without Django's token check, but refusing cross-site unsafe requests."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        # Django's test client marks its requests so; the same exemption Django grants.
        exempt = getattr(request, "_dont_enforce_csrf_checks", False)
        if request.method not in SAFE_METHODS and not exempt and not same_origin(request):
            reason = REASON_BAD_ORIGIN % request.META.get("HTTP_ORIGIN", "")
            if "HTTP_ORIGIN" not in request.META:
                reason = REASON_NO_REFERER
            return csrf_failure(request, reason=reason)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
