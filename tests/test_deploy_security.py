"""THREATS D3, F2, F3: production settings from one switch, and the headers they give.

The settings module is read once per process, so each configuration is loaded in a
child process (``_settings``), as a deployment would.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from newsdesk.infra.clientaddr import ProxyHeadersMiddleware, trusted_networks
from tests.factories import make_user

DUMP = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ("
    "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_HTTPONLY', "
    "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'X_FRAME_OPTIONS', "
    "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', "
    "'SECURE_CROSS_ORIGIN_OPENER_POLICY')}))"
)


def _run(tmp_path, args: list[str], **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    environ.update(NEWSDESK_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="newsdesk.settings")
    environ.update(env)
    return subprocess.run(
        [sys.executable, *args], env=environ, capture_output=True, text=True, timeout=120
    )


def _settings(tmp_path, **env) -> dict:
    done = _run(tmp_path, ["-c", DUMP], **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_D3_check_deploy_passes_with_NEWSDESK_HTTPS_and_fails_without(tmp_path):
    import pyexpat

    check = ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    served = _run(tmp_path, check, NEWSDESK_HTTPS="true")
    output = served.stdout + served.stderr
    # The one warning allowed is newsdesk.W001, which only an expat older than 2.6.0
    # raises (tests/test_xml_encodings.py); it is not a deployment setting.
    found = set(re.findall(r"\((\w+\.[WE]\d+)\)", output))
    assert found == ({"newsdesk.W001"} if pyexpat.version_info < (2, 6, 0) else set()), output
    assert served.returncode == (1 if found else 0)
    plain = _run(tmp_path, check)
    assert plain.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in plain.stdout + plain.stderr


def test_D3_F2_the_https_switch_sets_secure_cookies_hsts_and_headers(tmp_path):
    on = _settings(tmp_path, NEWSDESK_HTTPS="true")
    assert on["SECURE_SSL_REDIRECT"] and on["SECURE_HSTS_SECONDS"] >= 31536000
    assert on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"]
    assert on["SESSION_COOKIE_HTTPONLY"] and on["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert on["X_FRAME_OPTIONS"] == "DENY" and on["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert on["SECURE_REFERRER_POLICY"] and on["SECURE_CROSS_ORIGIN_OPENER_POLICY"]
    # X-Forwarded-Proto is believed only when there are trusted proxies to send it.
    assert on["SECURE_PROXY_SSL_HEADER"] is None
    proxied = _settings(tmp_path, NEWSDESK_HTTPS="true", NEWSDESK_TRUSTED_PROXIES="10.0.0.1")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_D3_forwarded_proto_is_ignored_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = trusted_networks(["10.0.0.0/24"])
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    seen = []
    guard = ProxyHeadersMiddleware(lambda request: seen.append(request.is_secure()))
    for peer in ("203.0.113.5", "10.0.0.7"):
        guard(RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_PROTO="https"))
    assert seen == [False, True]


@pytest.mark.django_db
def test_D3_F3_responses_carry_hsts_and_frame_denial(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/admin/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_F2_session_rotates_on_login_and_a_deactivated_editor_is_refused(client):
    ed = make_user("editor", username="ed")  # the desk needs a role's permission (F5)
    ed.set_password("pw-for-tests")
    ed.save()
    client.get("/admin/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/admin/login/", {"username": "ed", "password": "pw-for-tests", "next": "/desk/"})
    assert client.session.session_key != before
    assert client.get("/desk/").status_code == 200
    User.objects.filter(username="ed").update(is_active=False)
    assert client.get("/desk/").status_code == 302  # back to the login page
