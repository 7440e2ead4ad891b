"""THREAT E5: rate limits key on the real client, and a client cannot choose its key.

X-Forwarded-For is read only when the peer is a configured proxy, from the right, up to
the first untrusted hop; IPv6 clients are grouped by /64.
"""

import pytest
from django.test import RequestFactory

from newsdesk.infra.clientaddr import client_address, rate_key, trusted_networks
from newsdesk.infra.config import ConfigError
from newsdesk.web.forms import RATE_LIMIT_COUNT
from tests.factories import comment_form, make_story_article

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = trusted_networks(["10.0.0.0/24", "2001:db8:ffff::/48"])


def _address(peer: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=peer, **extra))


@pytest.mark.parametrize(
    "peer, forwarded, expected",
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not a proxy: header ignored
        (PROXY, "203.0.113.5", "203.0.113.5"),
        (PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # client-written left part ignored
        (PROXY, "203.0.113.5, 10.0.0.9", "203.0.113.5"),  # two trusted hops skipped
        (PROXY, "203.0.113.5, not-an-ip", PROXY),  # garbage: stop at the proxy
        (PROXY, "", PROXY),
        ("2001:db8:ffff::1", "2001:db8:1:2::7", "2001:db8:1:2::7"),
        ("::ffff:10.0.0.5", "203.0.113.9", "203.0.113.9"),  # mapped IPv4 proxy
    ],
)
def test_E5_forwarded_for_is_read_only_from_trusted_proxies(
    behind_proxy, peer, forwarded, expected
):
    assert _address(peer, forwarded) == expected


def test_E5_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert _address(PROXY, "203.0.113.5") == PROXY


def test_E5_ipv6_is_grouped_by_64_and_ipv4_is_not_grouped():
    assert rate_key("2001:db8:1:2::7") == rate_key("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert rate_key("2001:db8:1:3::7") != rate_key("2001:db8:1:2::7")
    assert rate_key("203.0.113.5") != rate_key("203.0.113.77")


def test_E5_a_bad_proxy_setting_fails_loudly():
    with pytest.raises(ConfigError, match="not an IP address or CIDR"):
        trusted_networks(["10.0.0.0/33"])


@pytest.mark.django_db
def test_E5_comment_flood_behind_the_proxy_is_counted_per_client(client, behind_proxy):
    piece = make_story_article("Flood story")

    sent = []

    def post(forwarded: str):
        sent.append(forwarded)  # a new text each time: a repeat would be a duplicate
        data = comment_form(piece, email="a@example.org", body=f"words {len(sent)}")
        return client.post(
            piece.get_absolute_url(), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        )

    for n in range(RATE_LIMIT_COUNT):
        assert post("evil-spoof, 203.0.113.5").status_code == 302, n
    assert post("203.0.113.5").status_code == 429  # refused: form shown with the error
    assert post("2001:db8:1:2::1").status_code == 302  # another reader is not blocked
    for n in range(RATE_LIMIT_COUNT - 1):
        assert post(f"2001:db8:1:2::{n + 2}").status_code == 302
    assert post("2001:db8:1:2::99").status_code == 429  # same /64
