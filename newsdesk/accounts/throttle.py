"""Sign-in throttling for the admin and the desk (they share the admin's login form).

Django does not throttle logins (30 wrong passwords in 13 s, then the right one worked).
After ``LOGIN_MAX_FAILURES`` failures within ``LOGIN_LOCKOUT_S`` for one account, or from
one client address (``infra/clientaddr``: behind trusted proxies, IPv6 by /64), further
attempts are refused, the right password included, until the window has passed. By
account stops a botnet guessing one password; by address stops one client trying many
accounts. ``ThrottledLoginForm`` is installed as ``admin.site.login_form``.

Own code rather than django-axes: the rule is a count over one small table, and it must
use the same trusted-proxy address as the comment and search limits (axes brings its own
proxy handling through django-ipware, a second dependency).
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone

from newsdesk.accounts.models import LoginFailure
from newsdesk.infra.clientaddr import client_address, rate_key

LOCKED_MESSAGE = (
    "Too many failed sign-in attempts for this account or from your network. "
    "Sign-in is locked for {minutes} minutes; try again later."
)


def _since():
    return timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_S)


def locked(username: str, address: str) -> bool:
    """True when the account or the address reached the failure limit in the window."""
    recent = LoginFailure.objects.filter(at__gte=_since())
    limit = settings.LOGIN_MAX_FAILURES
    by_account = recent.filter(username=username.lower()).count()
    return by_account >= limit or recent.filter(address=address).count() >= limit


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.filter(at__lt=_since()).delete()  # the table stays small
    LoginFailure.objects.create(username=username.lower()[:150], address=address[:64])


def clear(username: str) -> None:
    """A successful sign-in forgives that account's failures.

    Not the address's: someone with one valid account could otherwise sign in between
    guesses and try other accounts from the same address without limit.
    """
    LoginFailure.objects.filter(username=username.lower()).delete()


class ThrottledLoginForm(AdminAuthenticationForm):
    """The admin login form, refusing while locked and counting each failure."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = rate_key(client_address(self.request))
        if locked(username, address):
            self.request.login_locked = True  # answered 429 by answer_429_when_locked
            minutes = max(1, round(settings.LOGIN_LOCKOUT_S / 60))
            raise forms.ValidationError(LOCKED_MESSAGE.format(minutes=minutes), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(username, address)
            raise
        clear(username)
        return cleaned


def answer_429_when_locked(login_view):
    """Wrap the admin's login view: a refused, locked sign-in answers 429 Too Many
    Requests with ``Retry-After`` (the form and its message still shown), so clients and
    monitoring see a lock-out rather than an ordinary wrong password."""

    def login(request, extra_context=None):
        response = login_view(request, extra_context)
        if getattr(request, "login_locked", False):
            response.status_code = 429
            response["Retry-After"] = str(settings.LOGIN_LOCKOUT_S)
        return response

    return login
