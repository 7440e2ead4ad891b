"""infra/http.py caps against hostile local servers: each ends at its cap with a clear error."""

import ssl
from pathlib import Path

import pytest
from hostile import RSS, Server

from newsdesk.infra import http


@pytest.fixture
def server(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_DEADLINE_S = 1.0
    settings.FETCH_MAX_BYTES = 256 * 1024
    settings.FETCH_USER_AGENT_CONTACT = "https://desk.example/contact"
    with Server("127.0.0.1") as srv:
        yield srv


@pytest.mark.parametrize("path", ["/ok", "/gzip", "/deflate", "/deflate?raw=1"])
def test_plain_and_compressed_bodies(server, path):
    result = http.fetch(server.url(path))
    assert result.ok, result.error
    assert result.body == RSS
    assert result.content_type == "application/rss+xml"


def test_identifiable_user_agent(server):
    http.fetch(server.url("/ok"))
    agent = server.headers[0]["User-Agent"]
    assert agent.startswith("newsdesk/") and "https://desk.example/contact" in agent


@pytest.mark.parametrize(
    "path, message",
    [
        ("/chunked-huge", "body exceeds the cap of 262144 bytes"),
        ("/bomb", "body exceeds the cap of 262144 bytes (after decompression)"),
        ("/huge-length", "Content-Length 10737418240 exceeds the cap of 262144 bytes"),
        ("/hang", "deadline of 1 s exceeded"),
        ("/drip", "deadline of 1 s exceeded"),
        ("/drip-body", "deadline of 1 s exceeded"),
        ("/loop", "too many redirects (more than 5)"),
    ],
)
def test_hostile_server_ends_at_cap(server, path, message):
    result = http.fetch(server.url(path))
    assert not result.ok
    assert message in result.error
    assert result.body == b""


def test_redirect_cap_counts_hops(server, settings):
    settings.FETCH_MAX_REDIRECTS = 2
    http.fetch(server.url("/loop"))
    assert len(server.hits) == 3  # the first request plus two followed redirects


def test_max_bytes_argument_overrides_setting(server):
    result = http.fetch(server.url("/ok"), max_bytes=50)
    assert "exceeds the cap of 50 bytes" in result.error


def test_conditional_get(server):
    first = http.fetch(server.url("/conditional"))
    assert first.ok and first.etag == '"v1"'
    assert first.last_modified == "Mon, 02 Mar 2026 10:00:00 GMT"
    second = http.fetch(
        server.url("/conditional"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified and second.error is None and second.body == b""
    assert server.headers[1]["If-Modified-Since"] == first.last_modified


def test_http_errors_keep_status_and_retry_after(server):
    missing = http.fetch(server.url("/nothing-here"))
    assert missing.status == 404 and missing.error == "HTTP 404 Not Found"
    limited = http.fetch(server.url("/429"))
    assert limited.status == 429 and limited.retry_after_s == 120.0


def test_retry_after_parsing():
    assert http.retry_after_seconds("30") == 30.0
    assert http.retry_after_seconds("999999") == 86400.0
    assert http.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412420.0) == 60.0
    assert http.retry_after_seconds("soon") is None
    assert http.retry_after_seconds("") is None


def test_connection_refused_is_an_error_not_an_exception(server):
    result = http.fetch("http://127.0.0.1:9/")  # discard port: nothing listens
    assert result.status == 0 and result.error.startswith("connection failed")


def test_non_ascii_path_and_idn_host(server, monkeypatch):
    from newsdesk.infra import netpolicy

    asked = []
    monkeypatch.setattr(
        netpolicy, "resolve", lambda host, port: asked.append(host) or ["127.0.0.1"]
    )
    result = http.fetch(f"http://bücher.example:{server.port}/ok/straße uno")
    assert asked == ["xn--bcher-kva.example"]
    assert server.hits == ["/ok/stra%C3%9Fe%20uno"]
    assert result.status == 404  # the route does not exist, but the request went out intact


TLS = Path(__file__).resolve().parent.parent / "testdata" / "feeds" / "tls"


@pytest.fixture
def tls_server(server):
    """The same local server behind TLS with a certificate for news.test only."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "news.test.crt", TLS / "news.test.key")
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    return server


@pytest.fixture
def trust_test_ca(monkeypatch):
    context = ssl.create_default_context(cafile=str(TLS / "news.test.crt"))
    monkeypatch.setattr(http, "_tls_context", lambda: context)


def test_tls_verifies_the_name_while_connecting_to_the_checked_address(
    tls_server, trust_test_ca, monkeypatch
):
    from newsdesk.infra import netpolicy

    monkeypatch.setattr(netpolicy, "resolve", lambda host, port: ["127.0.0.1"])
    good = http.fetch(f"https://news.test:{tls_server.port}/ok")
    assert good.ok, good.error
    assert good.body == RSS
    wrong_name = http.fetch(f"https://other.test:{tls_server.port}/ok")
    assert "Hostname mismatch" in wrong_name.error


def test_tls_untrusted_certificate_is_refused(tls_server, monkeypatch):
    from newsdesk.infra import netpolicy

    monkeypatch.setattr(netpolicy, "resolve", lambda host, port: ["127.0.0.1"])
    result = http.fetch(f"https://news.test:{tls_server.port}/ok")
    assert result.status == 0
    assert "CERTIFICATE_VERIFY_FAILED" in result.error


def test_slow_name_lookup_is_bounded_by_the_deadline(monkeypatch):
    import threading

    from newsdesk.infra import netpolicy

    release = threading.Event()
    monkeypatch.setattr(netpolicy, "resolve", lambda host, port: release.wait(10) and [])
    try:
        result = http.fetch("http://slow-dns.example/feed", deadline_s=0.3)
    finally:
        release.set()
    assert result.status == 0
    assert result.error == "deadline of 0.3 s exceeded resolving slow-dns.example"
