"""Date archives (/2026/, /2026/12/) and /favicon.ico.

An archive lists the pieces published in that year or month (site time zone), newest
first, paginated like every list; a year or month with nothing published is a 404, so no
link leads to an empty page (the sidebar links months from web/navigation.py).
"""

from datetime import datetime
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from newsdesk.web.views import listing, published

FAVICON = Path(__file__).parent / "static" / "web" / "favicon.ico"


def _span(year: int, month: int | None) -> tuple[datetime, datetime]:
    if not 1 <= year <= 9998 or (month is not None and not 1 <= month <= 12):
        raise Http404("No such date")
    if month is None:
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    else:
        start = datetime(year, month, 1)
        end = datetime(year + (month == 12), month % 12 + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def year_archive(request: HttpRequest, year: int) -> HttpResponse:
    return _archive(request, year, None)


def month_archive(request: HttpRequest, year: int, month: int) -> HttpResponse:
    return _archive(request, year, month)


def _archive(request: HttpRequest, year: int, month: int | None) -> HttpResponse:
    start, end = _span(year, month)
    items = published().filter(published_at__gte=start, published_at__lt=end)
    if not items.exists():
        raise Http404("Nothing published then")
    name = date_format(start, "F Y") if month else str(year)
    return listing(
        request,
        items,
        title=f"Archive: {name}",
        heading_kind="Archive",
        heading_name=name,
        lead=f"News published in {name}",
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico: browsers and crawlers ask for it at the root whatever the page says."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response
