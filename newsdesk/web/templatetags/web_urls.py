"""Template filter that keeps only http(s) URLs in href/src attributes.

Source URLs, images and commenters' websites come from outside; autoescaping stops
markup injection but not a ``javascript:`` URL, so links pass through this filter.
"""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def http_url(value: str) -> str:
    """'https://x/y' -> unchanged; any other scheme, or no host -> ''."""
    text = str(value or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
