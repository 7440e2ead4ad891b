"""The address policy: nothing non-public is ever contacted, on any hop or spelling."""

import json

import pytest
from django.core.management import call_command
from hostile import Server, send

from newsdesk.infra import http, netpolicy


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    """Whatever the environment says, these tests start from the default: no exceptions."""
    settings.FETCH_ALLOWED_NETWORKS = []


@pytest.fixture
def only_127_0_0_1(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_DEADLINE_S = 2.0


@pytest.fixture
def canary():
    """A server on 127.0.0.2, the address that stays refused: it must record zero hits."""
    with Server("127.0.0.2") as server:
        yield server


REFUSED = [
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0.0.1/",  # hex
    "http://0x7f000001/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",  # 169.254.169.254 in hex words
    "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
]


@pytest.mark.parametrize("url", REFUSED)
def test_non_public_addresses_are_refused_before_connecting(url):
    # The socket guard raises (not an OSError) if anything connects outside loopback,
    # so a pass here also proves no connection was attempted.
    result = http.fetch(url, deadline_s=1)
    assert result.status == 0
    assert "non-public address" in result.error


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://example.org/x"]
)
def test_other_schemes_are_refused(url):
    result = http.fetch(url, deadline_s=1)
    assert result.status == 0
    assert "only http and https" in result.error


@pytest.mark.parametrize(
    "answer",
    [["10.1.2.3"], ["93.184.216.34", "127.0.0.1"], ["::ffff:192.168.0.1"], ["100.100.1.1"]],
)
def test_public_name_resolving_to_private_address_is_refused(monkeypatch, answer):
    monkeypatch.setattr(netpolicy, "resolve", lambda host, port: list(answer))
    result = http.fetch("http://news.example.com/feed", deadline_s=1)
    assert "non-public address" in result.error


def test_refusal_rules_table():
    assert netpolicy.refusal("93.184.216.34") is None
    assert netpolicy.refusal("2606:4700::1111") is None
    assert netpolicy.refusal("127.0.0.1") == "non-public address 127.0.0.1 refused"
    assert netpolicy.refusal("127.0.0.1", netpolicy._networks(("127.0.0.1/32",))) is None
    assert netpolicy.refusal("::ffff:8.8.8.8") is None
    assert netpolicy.refusal("::127.0.0.1") is not None


def test_allowed_network_lets_only_that_address_through(only_127_0_0_1, canary):
    with Server("127.0.0.1") as server:
        assert http.fetch(server.url("/ok")).ok
        refused = http.fetch(canary.url("/ok"))
        spelled = http.fetch(f"http://2130706434:{canary.port}/ok")  # 127.0.0.2 in decimal
    assert "non-public address 127.0.0.2 refused" == refused.error
    assert "non-public address 127.0.0.2 refused" == spelled.error
    assert canary.hits == []


def test_redirect_from_allowed_host_to_refused_one(only_127_0_0_1, canary):
    with Server("127.0.0.1") as server:
        result = http.fetch(server.url("/redirect?to=" + canary.url("/ok")))
        assert server.hits  # the first hop happened
    assert result.status == 0
    assert result.error == "non-public address 127.0.0.2 refused"
    assert result.final_url == canary.url("/ok")
    assert canary.hits == []


def test_redirect_to_file_scheme_is_refused(only_127_0_0_1):
    with Server("127.0.0.1") as server:
        result = http.fetch(server.url("/redirect?to=file:///etc/passwd"))
    assert "only http and https" in result.error


def test_dns_rebinding_between_check_and_connect(monkeypatch, only_127_0_0_1, canary):
    """The name is resolved once per hop and the checked address is the one dialled."""
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return next(answers)

    monkeypatch.setattr(netpolicy, "resolve", rebinding)
    with Server("127.0.0.1") as server:
        result = http.fetch(f"http://rebind.example:{server.port}/ok")
        assert server.hits == ["/ok"]
    assert result.ok, result.error
    assert calls == ["rebind.example"]
    assert canary.hits == []


@pytest.mark.django_db
def test_fetch_url_command_reports_refusal(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("fetch_url", "http://127.0.0.1:9/x")
    assert exit_info.value.code == 2
    line = json.loads(capsys.readouterr().out.strip())
    assert line["error"] == "non-public address 127.0.0.1 refused"
    assert line["status"] == 0 and line["bytes"] == 0
    assert set(line) == {"status", "final_url", "bytes", "content_type", "elapsed_s", "error"}


@pytest.mark.django_db
def test_fetch_url_command_success(only_127_0_0_1, capsys, settings):
    settings.FETCH_HOST_GAP_S = 0
    with Server("127.0.0.1") as server:
        call_command("fetch_url", server.url("/gzip"))
        assert server.hits == ["/robots.txt", "/gzip"]  # as polite as the pipeline
    line = json.loads(capsys.readouterr().out.strip())
    assert line["status"] == 200 and line["error"] is None
    assert line["bytes"] > 100 and line["content_type"] == "application/rss+xml"


def _robots(handler, server):
    send(handler, 200, b"User-agent: *\nDisallow: /gzip\n", "text/plain")


@pytest.mark.django_db
def test_fetch_url_command_obeys_robots(only_127_0_0_1, capsys, settings):
    settings.FETCH_HOST_GAP_S = 0
    with Server("127.0.0.1", routes={"/robots.txt": _robots}) as server:
        with pytest.raises(SystemExit):
            call_command("fetch_url", server.url("/gzip"))
        assert server.hits == ["/robots.txt"]
    assert json.loads(capsys.readouterr().out.strip())["error"] == "disallowed by robots.txt"


def test_post_json_untrusted_is_refused_and_trusted_works():
    with Server("127.0.0.1") as server:
        with pytest.raises(http.FetchError, match="non-public address"):
            http.post_json(server.url("/echo"), {"a": 1}, deadline_s=1)
        reply = http.post_json(server.url("/echo"), {"a": 1}, deadline_s=2, trusted=True)
    assert reply == {"echo": {"a": 1}}
