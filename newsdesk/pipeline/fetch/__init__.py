"""Fetch stage: a source URL or an article page -> FetchResult, politely.

``fetch_source(url, etag, last_modified, previous_hash)``:
  1. robots.txt must allow the URL (else error "disallowed by robots.txt");
  2. one of the host's request slots is held for the request (else error "host busy");
  3. a conditional GET through ``infra/http.py`` (If-None-Match / If-Modified-Since);
  4. a 429/503 Retry-After blocks the host for that long, for every worker;
  5. a 200 whose body hashes to ``previous_hash`` is reported as 304 (servers that
     ignore conditional GET), with header ``x-newsdesk-unchanged: content-hash``.
``fetch_page(url)``: steps 1, 2 and 4 for an article page.
Never raises for network trouble. The politeness hooks are a ``Gate`` the caller passes:
the pipeline's is ``sources.politeness.gate()`` (database-backed, shared by every
worker); tests and benchmarks pass their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from newsdesk.infra import http
from newsdesk.infra.http import FetchResult

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
DEFAULT_BACKOFF_S = 60.0


class HostBusy(Exception):
    """A gate found no request slot for the host in time (a temporary condition)."""


@dataclass(frozen=True)
class Gate:
    """Politeness hooks: a slot per host, the robots rule, and a host-wide pause."""

    slot: Callable[[str], AbstractContextManager]
    allowed: Callable[[str], bool]
    backoff: Callable[[str, float], None]


def content_hash(body: bytes) -> str:
    """sha256 hex of a body, stored on the source to spot unchanged feeds."""
    return hashlib.sha256(body).hexdigest()


def fetch_source(
    url: str,
    etag: str = "",
    last_modified: str = "",
    previous_hash: str = "",
    *,
    gate: Gate,
) -> FetchResult:
    """Conditional, polite GET of a source document (see the module docstring)."""
    result = _polite(url, gate, etag=etag, last_modified=last_modified)
    if result.ok and previous_hash and content_hash(result.body) == previous_hash:
        headers = {**result.headers, "x-newsdesk-unchanged": "content-hash"}
        return replace(result, status=304, body=b"", headers=headers)
    return result


def fetch_page(url: str, *, gate: Gate, **caps) -> FetchResult:
    """Polite GET of an article page; ``caps`` (``deadline_s``, ``max_bytes``) go to
    ``lib.http.fetch`` (None there means the setting)."""
    return _polite(url, gate, accept=PAGE_ACCEPT, **caps)


def _polite(url: str, gate: Gate, **options) -> FetchResult:
    host = (urlsplit(url).hostname or "").lower()
    try:
        if not gate.allowed(url):
            return FetchResult(url=url, final_url=url, status=0, error="disallowed by robots.txt")
        with gate.slot(host):
            result = http.fetch(url, **options)
    except HostBusy as exc:
        return FetchResult(url=url, final_url=url, status=0, error=str(exc))
    if result.status in (429, 503):
        gate.backoff(host, result.retry_after_s or DEFAULT_BACKOFF_S)
    return result
