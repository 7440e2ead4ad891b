"""THREAT F1: sign-in to the admin and the desk locks out after repeated failures, by
account and by address, and an unknown user costs the same hashing as a known one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from newsdesk.accounts.models import LoginFailure
from newsdesk.accounts.throttle import ThrottledLoginForm

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture
def editor(settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCKOUT_S = 900
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_user("editor", password="right-password", is_staff=True)


def _login(client, username, password, addr="203.0.113.5"):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data, REMOTE_ADDR=addr)


def _signed_in(response) -> bool:
    return response.status_code == 302


def test_F1_the_right_password_is_refused_once_the_account_is_locked(client, editor):
    for n in range(3):
        assert not _signed_in(_login(client, "editor", f"guess{n}", addr=f"198.51.100.{n}"))
    response = _login(client, "editor", "right-password", addr="192.0.2.1")
    assert not _signed_in(response)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert response.status_code == 429 and 890 <= int(response["Retry-After"]) <= 900
    # The lock lasts until the failure that reached the limit (the oldest of the three)
    # leaves the 15-minute window: aged 14 minutes, about a minute is left.
    first = LoginFailure.objects.order_by("at").first()
    LoginFailure.objects.filter(pk=first.pk).update(at=first.at - timedelta(minutes=14))
    response = _login(client, "editor", "right-password", addr="192.0.2.1")
    assert response.status_code == 429 and 50 <= int(response["Retry-After"]) <= 61
    assert "locked for 1 more minute;" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_F1_one_address_trying_many_accounts_is_locked(client, editor):
    for n in range(3):
        _login(client, f"someone{n}", "guess", addr="2001:db8:1:2::1")
    # Another address in the same /64, and a real account: still refused.
    assert not _signed_in(_login(client, "editor", "right-password", addr="2001:db8:1:2::99"))
    assert _signed_in(_login(client, "editor", "right-password", addr="203.0.113.9"))


def test_F1_the_lock_ends_with_the_window_and_success_forgives(client, editor):
    for n in range(3):
        _login(client, "editor", f"guess{n}")
    LoginFailure.objects.update(at=LoginFailure.objects.first().at - timedelta(seconds=901))
    assert _signed_in(_login(client, "editor", "right-password"))
    assert not LoginFailure.objects.filter(username="editor").exists()


def test_F1_the_desk_signs_in_through_the_same_throttled_form(client, editor):
    response = client.get("/desk/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert isinstance(response.context["form"], ThrottledLoginForm)


def test_F1_unknown_and_known_users_cost_the_same_hashing(client, editor, monkeypatch):
    from django.contrib.auth.hashers import MD5PasswordHasher

    calls = []
    real = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher, "encode", lambda self, *a: calls.append(1) or real(self, *a)
    )
    _login(client, "nobody-here", "guess", addr="192.0.2.50")
    unknown = len(calls)
    _login(client, "editor", "guess", addr="192.0.2.51")
    assert unknown >= 1 and unknown == len(calls) - unknown


def test_F1_signing_in_to_ones_own_account_does_not_reset_the_address(client, editor):
    for n in range(2):
        _login(client, f"victim{n}", "guess")
    assert _signed_in(_login(client, "editor", "right-password"))  # own account, same address
    client.logout()
    _login(client, "victim9", "guess")
    assert not _signed_in(_login(client, "editor", "right-password"))
