"""The one module that opens outside connections (minimal version on the writer branch).

Only ``post_json`` and ``FetchError`` live here for now; at merge the full module (fetch
with per-connect IP checks, byte caps, redirects) replaces it with the same signature.

``post_json(url, payload, headers=None, deadline_s=None, trusted=False) -> dict``
POSTs ``payload`` as JSON and returns the decoded JSON object. ``trusted=True`` marks an
operator-configured endpoint (an LLM server) that may live on loopback or a private
network; otherwise such addresses are refused. Raises ``FetchError`` with a readable
message on a bad URL, refused address, network error, timeout (``deadline_s`` bounds the
whole exchange), non-2xx status, oversized or non-JSON body.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
DEFAULT_DEADLINE_S = 30.0


class FetchError(Exception):
    """An outside exchange failed; the message says why."""


def _check_address(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise FetchError(f"{host} resolves to non-public address {ip}; refused")


def post_json(url: str, payload: dict, *, headers: dict | None = None,
              deadline_s: float | None = None, trusted: bool = False) -> dict:
    """POST JSON, return the JSON object answered (see module note for failures)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url!r}")
    if not trusted:
        _check_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    deadline = deadline_s or DEFAULT_DEADLINE_S
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json", **(headers or {})},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.monotonic()
    try:
        with opener.open(request, timeout=deadline) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} from {parts.hostname}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot reach {parts.hostname}: {reason}") from None
    if time.monotonic() - started > deadline:
        raise FetchError(f"{parts.hostname} took longer than {deadline:.0f} s")
    if len(body) > MAX_RESPONSE_BYTES:
        raise FetchError(f"response from {parts.hostname} is over {MAX_RESPONSE_BYTES} bytes")
    try:
        data = json.loads(body)
    except ValueError:
        raise FetchError(f"response from {parts.hostname} is not JSON") from None
    if not isinstance(data, dict):
        raise FetchError(f"response from {parts.hostname} is not a JSON object")
    return data
