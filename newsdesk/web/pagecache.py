"""Rendered pages for anonymous readers, kept until the site changes.

``cached_page(view)`` marks a public view's pages as shareable; ``PageCacheMiddleware``
(in ``MIDDLEWARE`` just inside the security, static-file and CSP layers) does the rest.
A GET or HEAD from a reader who carries no cookie the site sets for a person (session,
messages, comment author; the CSRF cookie of older pages is ignored) is answered from
the ``pages`` cache when the page was rendered at the current page stamp
(``stories/pagestamp.py``, bumped on publish, correction, retraction, merge, comment
moderation and site settings), before sessions, authentication or URL routing run;
otherwise the page is rendered and, when its view was marked and the answer is a 200
without cookies or ``Vary: Cookie``, stored with the headers the inner layers set.
Every answer carries an ``ETag`` (a digest of the body) and ``Last-Modified`` (the
stamp's time), so a repeat visit gets 304 Not Modified.

Entries also expire after ``TTL_S`` so text that changes with the clock alone ("comments
close after N days", the footer's year) is never older than that. The cache is per
process (``CACHES["pages"]``, LocMem) unless settings point it at a shared one; the stamp
is in the database, so every process sees a change at once.

Below whole pages, with the page cache on or off, what many pages share is kept per
stamp too: data through ``per_stamp`` (menu categories, recent pieces, site settings, a
list's length) and rendered HTML through ``{% cache fragment_ttl NAME page_stamp … %}``
in the templates (head links, menu, sidebar, footer, a blank comment form's fields);
the HTML and the lengths in the per-process FRAGMENTS cache, the other memos in default.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from newsdesk.stories import pagestamp

TTL_S = 600
# Parts of pages kept per stamp in each process: template fragments, lists' lengths.
FRAGMENTS = "fragments"
STATUS_HEADER = "X-Page-Cache"  # hit | miss | pass: what the bench and tests check


def cached_page(view):
    """Mark ``view``'s answers as pages the middleware may keep for anonymous readers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.page_cacheable = True
        return view(request, *args, **kwargs)

    wrapper.page_cache = True  # what the middleware looks for (kept by wraps, csrf_exempt)
    return wrapper


def per_stamp(name: str, compute, store: str = "default"):
    """``compute()``, computed once per page stamp in each process and kept in the
    ``store`` cache: for what pages show and only a stamped change alters (the menu's
    categories, the recent pieces, the site settings, a list's length). Applies with the
    page cache off too; it saves each rendered page those queries. Many-keyed memos go
    to FRAGMENTS, so they never crowd the default cache's rate-limit counters out."""
    key = f"memo:{pagestamp.for_request()}:{name}"
    store = caches[store]
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, TTL_S)
    return value


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            token = pagestamp.remember(0)
            try:
                return self._pass(request, self.get_response(request))
            finally:
                pagestamp.forget(token)
        stamp = pagestamp.current()  # read before rendering: the page is at least this new
        key = _key(request, stamp)
        store = caches["pages"]
        entry = store.get(key)
        if entry is not None:
            return _answer(request, entry, stamp, "hit")
        token = pagestamp.remember(stamp)
        try:
            response = self.get_response(request)
        finally:
            pagestamp.forget(token)
        if not getattr(request, "page_cacheable", False) or not _storable(response):
            return self._pass(request, response)
        entry = _entry(response)
        store.set(key, entry, TTL_S)
        return _answer(request, entry, stamp, "miss")

    @staticmethod
    def _pass(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "page_cacheable", False):
            response[STATUS_HEADER] = "pass"
        return response


def _cacheable_request(request: HttpRequest) -> bool:
    """A reader's GET of a marked page: only those pay for the stamp (the API, the admin
    and search never read it)."""
    if not settings.PAGE_CACHE_ENTRIES or request.method not in ("GET", "HEAD"):
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
        return False
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "page_cache", False)


def _key(request: HttpRequest, stamp: int) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{stamp}:{hashlib.sha256(where.encode()).hexdigest()}"


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "cookie" in response.get("Vary", "").lower():
        return False
    return "private" not in response.get("Cache-Control", "") and (
        "no-store" not in response.get("Cache-Control", "")
    )


def _entry(response: HttpResponse) -> dict:
    if hasattr(response, "render"):
        response.render()  # a TemplateResponse (the sitemap view)
    body = response.content
    headers = {k: v for k, v in response.headers.items() if k.lower() != STATUS_HEADER.lower()}
    return {"body": body, "headers": headers, "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"'}


def _answer(request: HttpRequest, entry: dict, stamp: int, state: str) -> HttpResponse:
    response = HttpResponse(entry["body"])
    for name, value in entry["headers"].items():
        response[name] = value
    modified = pagestamp.as_datetime(stamp).timestamp()
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(modified)
    # Readers' browsers ask again each time and get 304 while nothing changed.
    response["Cache-Control"] = "max-age=0, must-revalidate"
    response[STATUS_HEADER] = state
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(modified), response=response
    )
