"""Which addresses newsdesk may connect to (SSRF guard used by ``infra/http.py``).

Contract: ``resolve_checked(host, port)`` -> the list of addresses to connect to, every
one of them public (or inside ``FETCH_ALLOWED_NETWORKS``); raises ``AddressRefused``
otherwise. The caller must connect to exactly these addresses, never re-resolve the name,
so a DNS answer that changes between check and connect ("rebinding") cannot bite.
No I/O except the resolver call (``resolve``, patched in tests).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges Python's ``is_global`` does not cover on every version, listed so the rule is explicit.
_EXTRA_REFUSED = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", 0.0.0.0 reaches localhost on Linux
        "100.64.0.0/10",  # CGNAT
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",
        "203.0.113.0/24",
        "240.0.0.0/4",  # reserved, includes broadcast
        "64:ff9b::/96",  # NAT64: would reach any IPv4 address, private ones included
        "64:ff9b:1::/48",
        "2002::/16",  # 6to4 embeds an IPv4 address
        "2001::/32",  # Teredo
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
]


class AddressRefused(Exception):
    """The host resolves to (or is) an address newsdesk must not connect to."""


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, as strings (tests patch this)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


@lru_cache(maxsize=16)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in spec)


def allowed_networks() -> tuple:
    """Operator-named networks that may be reached despite being non-public."""
    from django.conf import settings

    return _networks(tuple(getattr(settings, "FETCH_ALLOWED_NETWORKS", []) or []))


def refusal(address: str | IPAddress, allowed: tuple = ()) -> str | None:
    """Why ``address`` must not be contacted, or None when it may be."""
    ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:a.b.c.d and ::a.b.c.d wrap an IPv4 address: judge the wrapped one.
        inner = ip.ipv4_mapped or _ipv4_compatible(ip)
        if inner is not None:
            ip = inner
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    if (
        not ip.is_global
        or ip.is_multicast
        or any(ip.version == net.version and ip in net for net in _EXTRA_REFUSED)
    ):
        return f"non-public address {ip} refused"
    return None


def _ipv4_compatible(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 0xFFFF:
        return ipaddress.IPv4Address(packed[12:])
    return None


def literal_address(host: str) -> str | None:
    """The IP a host string spells, in any notation the C resolver accepts, else None.

    ``2130706433``, ``0x7f.1``, ``0177.0.0.1`` all spell 127.0.0.1; ``inet_aton`` reads
    them the way the connect path would, so they are judged as the address they are.
    """
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare.split("%", 1)[0]))
    except ValueError:
        pass
    if bare and all(c in "0123456789abcdefxABCDEFX." for c in bare):
        try:
            return socket.inet_ntoa(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def resolve_checked(host: str, port: int, allowed: tuple | None = None) -> list[str]:
    """Addresses for ``host`` that passed the policy; raises AddressRefused.

    Every resolved address must pass: a name that answers with one public and one
    private address is refused, since the connection could land on either.
    """
    allowed = allowed_networks() if allowed is None else allowed
    literal = literal_address(host)
    try:
        addresses = [literal] if literal else resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise AddressRefused(f"cannot resolve {host}: no address")
    for address in addresses:
        reason = refusal(address, allowed)
        if reason:
            raise AddressRefused(reason)
    return addresses
