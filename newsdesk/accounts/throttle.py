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

import math
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone

from newsdesk.accounts.models import LoginFailure
from newsdesk.infra.clientaddr import client_address, rate_key

LOCKED_MESSAGE = (
    "Too many failed sign-in attempts for this account or from your network. "
    "Sign-in is locked for {minutes} more minute{s}; try again later."
)


def _since():
    return timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_S)


def locked_for_s(username: str, address: str) -> int:
    """Seconds until neither the account nor the address is at the failure limit in the
    window (0: not locked). Refused attempts are not counted, so the lock ends when the
    failure that reached the limit leaves the window."""
    recent = LoginFailure.objects.filter(at__gte=_since())
    limit, window = settings.LOGIN_MAX_FAILURES, timedelta(seconds=settings.LOGIN_LOCKOUT_S)
    waits = [0]
    for rows in (recent.filter(username=username.lower()), recent.filter(address=address)):
        counted = list(rows.order_by("-at").values_list("at", flat=True)[:limit])
        if len(counted) >= limit:
            frees_at = counted[-1] + window
            waits.append(max(1, math.ceil((frees_at - timezone.now()).total_seconds())))
    return max(waits)


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
        wait_s = locked_for_s(username, address)
        if wait_s:
            self.request.login_locked = wait_s  # answered 429 by answer_429_when_locked
            minutes = math.ceil(wait_s / 60)
            message = LOCKED_MESSAGE.format(minutes=minutes, s="" if minutes == 1 else "s")
            raise forms.ValidationError(message, code="locked")
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
            response["Retry-After"] = str(request.login_locked)
        return response

    return login
