"""What a search engine and a social network read in a page's <head>.

head(request, title=..., description=...) -> the dict base.html renders as <title>, meta
description, canonical link, Open Graph, Twitter card and, for articles,
article:published_time / article:modified_time. Every public page type passes one.
describe(text) -> at most DESCRIPTION_MAX characters, cut at a word boundary.
"""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode

from newsdesk.infra.urls import http_url

# Search engines show about this much; longer descriptions are cut mid-word by them.
DESCRIPTION_MAX = 160


def describe(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Plain text -> one line of at most ``limit`` characters, ending on a whole word."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.–-") + "…"


def listing_description(lead: str, headlines: list[str]) -> str:
    """'Latest World news: First headline; second headline' cut at a word."""
    return describe(f"{lead}: " + "; ".join(headlines) if headlines else lead)


def canonical(request: HttpRequest, page_number: int = 1, query: str = "") -> str:
    """This page's own address: the path, plus ``q`` and ``page`` where they choose what
    is shown (every other parameter, tracking tags included, is left out)."""
    params = {}
    if query:
        params["q"] = query
    if page_number > 1:
        params["page"] = page_number
    suffix = f"?{urlencode(params)}" if params else ""
    return request.build_absolute_uri(request.path) + suffix


def iso(moment: datetime | None) -> str:
    """A datetime -> ISO 8601 to the second in the site's time zone ('' for None)."""
    if not moment:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


def head(
    request: HttpRequest,
    *,
    title: str,
    description: str,
    url: str = "",
    kind: str = "website",
    image: str = "",
    published: datetime | None = None,
    modified: datetime | None = None,
    noindex: bool = False,
) -> dict:
    return {
        "title": title,
        "description": describe(description),
        "canonical": url or canonical(request),
        "kind": kind,
        "image": http_url(image) or "",
        "published": iso(published),
        "modified": iso(modified),
        "noindex": noindex,
    }
