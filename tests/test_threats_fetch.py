"""THREAT A10: no credentials or cookies travel to another host or port on a redirect
(newsdesk never sends any: URL credentials are not turned into headers)."""

from urllib.parse import quote

import pytest
from hostile import Server

from newsdesk.infra import http

SECRET_HEADERS = {"authorization", "cookie", "proxy-authorization"}


@pytest.fixture
def loopback(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.FETCH_DEADLINE_S = 3.0


@pytest.mark.parametrize("target_host", ["127.0.0.2", "127.0.0.1"])
def test_A10_no_credentials_follow_a_redirect(loopback, target_host):
    with Server("127.0.0.1") as origin, Server(target_host) as target:
        to = quote(target.url("/feed.xml"), safe="")
        url = origin.url(f"/redirect?to={to}").replace("http://", "http://user:secret@")
        result = http.fetch(url)
    assert target.hits, result.error  # the redirect was followed (another host or port)
    for headers in origin.headers + target.headers:
        assert not SECRET_HEADERS & {name.lower() for name in headers}, headers
