"""Who is asking: the client's address behind trusted reverse proxies, and its rate key.

``client_address(request)`` -> the address to count a request against. ``REMOTE_ADDR``
unless the peer is in ``TRUSTED_PROXIES``; then ``X-Forwarded-For`` is read from the
right, skipping trusted hops, and the first untrusted hop is the client. Only the right
end can be believed: each trusted proxy appends the peer it saw, while anything to the
left was written by the client and would let it pick its own rate-limit bucket.
``rate_key(address)`` -> the bucket: an IPv4 address, or the /64 of an IPv6 address
(one subscriber usually holds a whole /64, so per-address limits would not bind).
``trusted_networks(values)`` -> networks, ``ConfigError`` on a bad CIDR (settings).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

from newsdesk.infra.config import ConfigError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(values: list[str]) -> list[Network]:
    """CIDRs (or single addresses) -> networks; ConfigError names the bad value."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ConfigError(
                f"NEWSDESK_TRUSTED_PROXIES: {value!r} is not an IP address or CIDR"
            ) from None
    return networks


def _ip(text: str):
    text = text.strip().strip("[]")
    try:
        ip = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None
    return ip.ipv4_mapped or ip if ip.version == 6 else ip


def _trusted(ip) -> bool:
    return ip is not None and any(ip in net for net in settings.TRUSTED_PROXIES)


def client_address(request) -> str:
    """The client's IP address as a string (see the module docstring)."""
    peer = request.META.get("REMOTE_ADDR", "")
    hop = _ip(peer)
    if not _trusted(hop):
        return str(hop) if hop is not None else peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([e for e in forwarded.split(",") if e.strip()]):
        ip = _ip(entry)
        if ip is None:
            break  # garbage where a proxy should have written an address: stop at the proxy
        hop = ip
        if not _trusted(ip):
            break
    return str(hop)


def rate_key(address: str) -> str:
    """The rate-limit bucket of ``address``: itself (IPv4) or its /64 (IPv6)."""
    ip = _ip(address)
    if ip is None:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class ProxyHeadersMiddleware:
    """Drops X-Forwarded-For/-Proto from peers that are not trusted proxies.

    Django's SECURE_PROXY_SSL_HEADER believes X-Forwarded-Proto from anyone; with this
    first in the chain it only ever sees one a trusted proxy sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _trusted(_ip(request.META.get("REMOTE_ADDR", ""))):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
            request.META.pop("HTTP_X_FORWARDED_FOR", None)
        return self.get_response(request)
