"""GET /look.css: the editors' colours (desk site settings) as a stylesheet.

The public site's Content-Security-Policy takes styles from our own origin only, so an
inline ``<style>`` with the colours was refused by every browser. A nonce would not do
either: a cached page keeps the nonce of the response it was rendered for. base.html
links this sheet with the settings' save time in the URL, so a save changes the URL and
the sheet itself may be cached for a year. A colour that is not ``#rrggbb`` (the form
refuses one; a row edited elsewhere might hold one) falls back to the default, so
nothing but a colour ever reaches the stylesheet.
"""

import re

from django.http import HttpRequest, HttpResponse

from newsdesk.desk.models import SiteSettings
from newsdesk.desk.sitesettings import current

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
YEAR_S = 365 * 24 * 3600


def _colour(value: str, field: str) -> str:
    if _COLOUR.fullmatch(value or ""):
        return value
    return SiteSettings._meta.get_field(field).default


def look_css(request: HttpRequest) -> HttpResponse:
    row = current()
    accent, ink = (
        _colour(row.accent_colour, "accent_colour"),
        _colour(row.text_colour, "text_colour"),
    )
    response = HttpResponse(
        f":root {{ --accent: {accent}; --ink: {ink}; }}\n", content_type="text/css; charset=utf-8"
    )
    versioned = request.GET.get("v") == version(row)
    response["Cache-Control"] = f"public, max-age={YEAR_S}, immutable" if versioned else "no-cache"
    return response


def version(row: SiteSettings) -> str:
    """The ``v`` in the sheet's URL (base.html writes it with ``date:'Uu'``): the last
    save to the microsecond, so two saves within a second get two URLs."""
    stamp = row.updated_at
    return f"{int(stamp.timestamp())}{stamp.microsecond:06d}"
