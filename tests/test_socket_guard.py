import socket

import pytest


def test_outside_connection_fails(loopback_only):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(loopback_only):
        sock.connect(("93.184.216.34", 80))
    sock.close()


def test_loopback_connection_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()
