"""Test-wide fixtures. The socket guard fails any connection outside loopback."""

import ipaddress
import socket

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class OutsideNetworkError(RuntimeError):
    """A test tried to reach an address outside 127.0.0.0/8 or ::1."""


def _check(sock: socket.socket, address) -> None:
    if sock.family == socket.AF_UNIX:
        return
    host = address[0] if isinstance(address, tuple) else address
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        raise OutsideNetworkError(f"test tried to connect to unresolved host {host!r}") from None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_loopback:
        raise OutsideNetworkError(f"test tried to connect to {host}: outside the loopback network")


def _guarded_connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def pytest_configure(config) -> None:
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex


@pytest.fixture
def loopback_only():
    """Expose the guard's error type to tests that assert on it."""
    return OutsideNetworkError


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (and any cached page) never leak from one test to the next."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    yield
