"""Adding a source: the one path the CLI, the OPML import, the API and the desk share.

``add_source(url, kind=None, name="", site_url="") -> Added(source, created)``:
  1. the URL must be http(s), at most 2,000 characters, with a host;
  2. the address policy is checked now, not only at fetch time: a host that is (or
     resolves to) a private, loopback or link-local address is refused
     (``http://169.254.169.254/...``); a name that does not resolve today is accepted and
     checked again at every fetch;
  3. without ``kind`` the URL is fetched politely and discovered: a feed or sitemap is
     followed as it is, a homepage is searched for its feed, an article page becomes a
     single-article source;
  4. the URL is stored in its canonical form, so one feed reached by two spellings (a
     tracking parameter, a default port) is one source; an existing source is returned
     with ``created=False``.
Raises ``SourceRefused`` (a ``ValueError``) with a message fit for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from newsdesk.infra import netpolicy
from newsdesk.infra.urls import canonical_url
from newsdesk.pipeline.fetch import Gate, fetch_page
from newsdesk.pipeline.parse.adapters.discovery import discover
from newsdesk.pipeline.types import FetchResult
from newsdesk.sources import politeness
from newsdesk.sources.models import Source

MAX_URL = 2000


class SourceRefused(ValueError):
    """The URL cannot be followed; the message says why."""


@dataclass(frozen=True)
class Added:
    source: Source
    created: bool


def add_source(
    url: str,
    kind: str | None = None,
    name: str = "",
    site_url: str = "",
    fetcher: Callable[[str], FetchResult] | None = None,
) -> Added:
    """Follow ``url`` (see the module docstring); ``fetcher`` defaults to a polite one."""
    url = check_url(url)
    if kind is not None and kind not in Source.Kind.values:
        raise SourceRefused(f"kind must be one of {', '.join(Source.Kind.values)}")
    title = ""
    if kind is None:
        found = discover(url, fetcher or interactive_fetcher())
        if found is None:
            raise SourceRefused(f"no feed, sitemap or article found at {url}")
        kind, title = found.kind, found.title
        if canonical_url(found.url) != canonical_url(url):
            site_url = site_url or url
        url = check_url(found.url)
    url = canonical_url(url)
    source, created = Source.objects.get_or_create(
        url=url,
        defaults={"name": (name or title)[:200], "kind": kind, "site_url": site_url[:MAX_URL]},
    )
    return Added(source, created)


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL newsdesk may fetch; else SourceRefused."""
    url = str(url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > MAX_URL:
        raise SourceRefused(f"url must be an http(s) URL of at most {MAX_URL} characters")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise SourceRefused(f"url has an invalid port: {url}") from None
    try:
        netpolicy.resolve_checked(parts.hostname, port)
    except netpolicy.AddressRefused as exc:
        if "cannot resolve" not in str(exc):  # unresolvable today: checked again at fetch
            raise SourceRefused(f"{parts.hostname} is not a public address: {exc}") from None
    return url


def interactive_fetcher() -> Callable[[str], FetchResult]:
    """fetch_page with robots and per-host slots, but at most a 1 s gap: a person waits."""
    limits = {"gap_s": min(1.0, settings.FETCH_HOST_GAP_S)}
    gate = Gate(
        slot=lambda host: politeness.host_slot(host, **limits),
        allowed=lambda url: politeness.robots_allows(url, **limits),
        backoff=politeness.block_host,
    )
    return lambda url: fetch_page(url, gate=gate)
