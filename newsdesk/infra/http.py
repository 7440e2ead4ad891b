"""The one module that opens outside HTTP connections (an architecture test enforces it).

``fetch(url)`` -> FetchResult, never raising for network trouble: refused addresses,
timeouts, caps and HTTP errors come back as ``FetchResult.error`` with ``status`` 0 or
the HTTP status. ``post_json(url, payload)`` -> dict, raising ``FetchError``.

Safety, in the order it applies on every hop (redirects included):
  1. the scheme must be http or https;
  2. the host is resolved once and *every* address checked by ``infra/netpolicy.py``;
  3. the socket connects to a checked address (the name is never re-resolved, so DNS
     rebinding cannot bite); TLS still verifies the certificate and sends SNI;
  4. a watchdog shuts the socket at the total deadline, so a server that never answers
     or drips a byte at a time cannot hold a worker past ``deadline_s``;
  5. the body is capped after decompression (gzip, deflate; br when ``brotli`` exists).
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urljoin, urlsplit

from newsdesk.infra import netpolicy
from newsdesk.infra.dates import retry_after_seconds
from newsdesk.infra.httpbody import BodyTooLarge, decoder_for, supported_encodings

REDIRECTS = {301, 302, 303, 307, 308}
DEFAULT_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_CHUNK = 64 * 1024
__all__ = ["FetchError", "fetch", "post", "post_json", "retry_after_seconds", "user_agent"]


@dataclass(frozen=True)
class FetchResult:
    """One HTTP exchange as seen by the pipeline (``infra/http.py`` fills it)."""

    url: str
    final_url: str
    status: int  # 0 when no response arrived (refused, timeout, connection error)
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    elapsed_s: float = 0.0
    error: str | None = None  # human-readable reason; None on success
    retry_after_s: float | None = None  # from 429/503 Retry-After, if any
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A request without a usable response; ``str()`` is the reason for people."""

    def __init__(self, message: str, status: int = 0, final_url: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.final_url = final_url


@dataclass
class _Request:
    method: str
    headers: dict[str, str]
    body: bytes | None
    max_bytes: int
    deadline_s: float
    deadline: float  # time.monotonic() at which everything stops
    max_redirects: int
    trusted: bool = False


@dataclass
class _Response:
    url: str
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes


def user_agent() -> str:
    """Identifiable User-Agent carrying the operator's contact URL."""
    from django.conf import settings

    from newsdesk import __version__

    contact = getattr(settings, "FETCH_USER_AGENT_CONTACT", "") or settings.SITE_URL
    return f"newsdesk/{__version__} (+{contact})"


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int | None = None,
    deadline_s: float | None = None,
    accept: str | None = None,
) -> FetchResult:
    """GET ``url`` under the address policy and caps; never raises for network problems.

    Conditional headers are sent when ``etag``/``last_modified`` are given (304 -> empty
    body, ``not_modified``). HTTP errors set ``error`` to "HTTP <status> <reason>" and keep
    the status; 429/503 fill ``retry_after_s``. Defaults come from the FETCH_* settings.
    """
    headers = {"Accept": accept or DEFAULT_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return _timed_exchange(url, _new_request("GET", headers, None, max_bytes, deadline_s))


def post_json(
    url: str,
    payload: dict,
    *,
    headers: dict | None = None,
    deadline_s: float | None = None,
    trusted: bool = False,
) -> dict:
    """POST ``payload`` as JSON and return the decoded JSON object; raises FetchError.

    ``trusted=True`` skips the address policy (an operator-configured endpoint such as a
    local LLM server); caps and deadline still apply. Redirects are not followed. The
    default deadline is LLM_TIMEOUT_S when trusted, else FETCH_DEADLINE_S.
    """
    from django.conf import settings

    if deadline_s is None and trusted:
        deadline_s = getattr(settings, "LLM_TIMEOUT_S", None)
    sent = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
    data = json.dumps(payload).encode()
    request = _new_request("POST", sent, data, None, deadline_s, redirects=0, trusted=trusted)
    response = _exchange(url, request)
    if not 200 <= response.status < 300:
        snippet = response.body[:300].decode("utf-8", "replace")
        raise FetchError(f"HTTP {response.status} {response.reason}: {snippet}", response.status)
    try:
        decoded = json.loads(response.body)
    except ValueError as exc:
        raise FetchError(f"response is not JSON: {exc}", response.status) from None
    if not isinstance(decoded, dict):
        raise FetchError("response JSON is not an object", response.status)
    return decoded


def post(url: str, body: bytes, *, headers: dict, deadline_s: float | None = None) -> FetchResult:
    """POST ``body`` as given (webhooks sign these exact bytes) under the address policy
    and caps; no redirects. Never raises for network problems: ``error`` says why."""
    return _timed_exchange(url, _new_request("POST", headers, body, None, deadline_s, redirects=0))


def _timed_exchange(url: str, request) -> FetchResult:
    """One exchange as a FetchResult; a refused or failed exchange becomes ``error``."""
    started = time.monotonic()
    try:
        response = _exchange(url, request)
    except FetchError as exc:
        return FetchResult(
            url=url,
            final_url=exc.final_url or url,
            status=exc.status,
            error=str(exc),
            elapsed_s=time.monotonic() - started,
        )
    return _result(url, response, time.monotonic() - started)


def _new_request(method, headers, body, max_bytes, deadline_s, redirects=None, trusted=False):
    from django.conf import settings

    deadline_s = float(deadline_s if deadline_s is not None else settings.FETCH_DEADLINE_S)
    headers = {
        "User-Agent": user_agent(),
        "Accept-Encoding": supported_encodings(),
        "Connection": "close",
        **headers,
    }
    return _Request(
        method=method,
        headers=headers,
        body=body,
        max_bytes=int(max_bytes if max_bytes is not None else settings.FETCH_MAX_BYTES),
        deadline_s=deadline_s,
        deadline=time.monotonic() + deadline_s,
        max_redirects=int(settings.FETCH_MAX_REDIRECTS if redirects is None else redirects),
        trusted=trusted,
    )


def _exchange(url: str, request: _Request) -> _Response:
    """Follow redirects up to the cap, checking every hop; raises FetchError."""
    current = url
    for _hop in range(request.max_redirects + 1):
        response = _one_hop(current, request)
        location = response.headers.get("location")
        if response.status not in REDIRECTS or not location or request.max_redirects == 0:
            return response
        current = urljoin(current, location.strip())
    raise FetchError(f"too many redirects (more than {request.max_redirects})", final_url=current)


def _one_hop(url: str, request: _Request) -> _Response:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            f"scheme {scheme or '(none)'!r} refused: only http and https", final_url=url
        )
    if not parts.hostname:
        raise FetchError(f"no host in URL {url!r}", final_url=url)
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"bad port in URL {url!r}", final_url=url) from None
    try:
        host = (
            parts.hostname.encode("idna").decode("ascii")
            if not parts.hostname.isascii()
            else parts.hostname
        )
    except UnicodeError:
        raise FetchError(f"bad host name in URL {url!r}", final_url=url) from None
    addresses = _addresses(host, port, request, url)
    conn = _connection(scheme, host, port, addresses, request)
    watchdog = threading.Timer(max(0.0, request.deadline - time.monotonic()), _shut, (conn,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _talk(conn, url, parts, request)
    except FetchError as exc:
        exc.final_url = exc.final_url or url
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if time.monotonic() >= request.deadline - 0.01:
            raise FetchError(_deadline_message(request), final_url=url) from None
        raise FetchError(
            f"connection failed: {exc.__class__.__name__}: {exc}", final_url=url
        ) from None
    finally:
        watchdog.cancel()
        conn.close()


@lru_cache(maxsize=1)
def _resolver() -> ThreadPoolExecutor:
    """Name look-ups run here so the request deadline bounds them too (created lazily,
    after any worker fork)."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="newsdesk-dns")


def _addresses(host: str, port: int, request: _Request, url: str) -> list[str]:
    """Checked addresses for ``host`` (unchecked when trusted); FetchError otherwise."""
    look_up = netpolicy.resolve if request.trusted else netpolicy.resolve_checked
    try:
        if netpolicy.literal_address(host):  # no DNS involved: nothing to wait for
            return look_up(host, port)
        future = _resolver().submit(look_up, host, port)
        return future.result(timeout=max(0.01, request.deadline - time.monotonic()))
    except FuturesTimeout:
        raise FetchError(f"{_deadline_message(request)} resolving {host}", final_url=url) from None
    except netpolicy.AddressRefused as exc:
        raise FetchError(str(exc), final_url=url) from None
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", final_url=url) from None


def _talk(conn: http.client.HTTPConnection, url: str, parts, request: _Request) -> _Response:
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # Feeds carry raw UTF-8 and spaces in links; the request line must be ASCII.
    path = quote(path, safe="/%:@!$&'()*+,;=-._~?")
    conn.request(request.method, path, body=request.body, headers=request.headers)
    resp = conn.getresponse()
    headers: dict[str, str] = {}
    for name, value in resp.getheaders():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    if resp.status in REDIRECTS or resp.status == 304 or request.method == "HEAD":
        body = b""
    elif resp.status >= 400 and request.method == "GET":
        body = b""  # error pages are never parsed; do not spend bandwidth on them
    else:
        body = _read_body(resp, headers, request)
    return _Response(url, resp.status, resp.reason or "", headers, body)


def _read_body(resp: http.client.HTTPResponse, headers: dict[str, str], request: _Request) -> bytes:
    cap = request.max_bytes
    length = headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > cap:
        raise FetchError(
            f"Content-Length {int(length)} exceeds the cap of {cap} bytes", resp.status
        )
    try:
        decoder = decoder_for(headers.get("content-encoding", ""))
    except ValueError as exc:
        raise FetchError(str(exc), resp.status) from None
    out = bytearray()
    received = 0
    try:
        while True:
            chunk = resp.read1(_CHUNK)
            # The watchdog ends a slow body by closing the socket, which reads as EOF.
            if time.monotonic() >= request.deadline:
                raise FetchError(_deadline_message(request), resp.status)
            if not chunk:
                break
            received += len(chunk)
            out += decoder.feed(chunk, cap - len(out))
        out += decoder.flush(cap - len(out))
    except BodyTooLarge:
        raise FetchError(
            f"body exceeds the cap of {cap} bytes (after decompression)", resp.status
        ) from None
    except ValueError as exc:
        raise FetchError(str(exc), resp.status) from None
    if length.isdigit() and received < int(length):
        raise FetchError(f"body truncated: {received} of {length} bytes", resp.status)
    return bytes(out)


def _deadline_message(request: _Request) -> str:
    return f"deadline of {request.deadline_s:g} s exceeded"


def _connection(scheme, host, port, addresses, request) -> http.client.HTTPConnection:
    timeout = max(0.01, request.deadline - time.monotonic())
    if scheme == "https":
        return _PinnedHTTPS(host, port, addresses, timeout)
    return _PinnedHTTP(host, port, addresses, timeout)


def _connect_any(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """Connect to the first reachable checked address; never resolves a name."""
    last: OSError | None = None
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect((address, port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address to connect to")


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self) -> None:
        self.sock = _connect_any(self._addresses, self.port, self.timeout)


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One verifying context for every connection (loading CA certificates is slow)."""
    return ssl.create_default_context()


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=_tls_context())
        self._addresses = addresses

    def connect(self) -> None:
        sock = _connect_any(self._addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _shut(conn: http.client.HTTPConnection) -> None:
    """Watchdog: unblock any read in progress by shutting the socket down."""
    sock = conn.sock
    if sock is not None:
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


def _result(url: str, response: _Response, elapsed: float) -> FetchResult:
    status = response.status
    error = None
    if status >= 400 or (status >= 300 and status != 304):
        error = f"HTTP {status} {response.reason}".strip()
    retry = None
    if status in (429, 503):
        retry = retry_after_seconds(response.headers.get("retry-after", ""))
    return FetchResult(
        url=url,
        final_url=response.url,
        status=status,
        body=response.body,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        elapsed_s=elapsed,
        error=error,
        retry_after_s=retry,
        headers=response.headers,
    )
