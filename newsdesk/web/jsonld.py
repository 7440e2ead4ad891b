"""schema.org NewsArticle JSON-LD for the article page.

news_article() builds a plain dict; script_tag() serialises it into a <script> element.
"""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from newsdesk.web.meta import iso
from newsdesk.web.templatetags.web_urls import http_url

# The same escapes Django's json_script uses: inside <script>, "</script>" or "<!--"
# in a headline would end the element, so <, > and & become JSON \u escapes.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def news_article(piece, url: str, tags: list, sources: list, logo: str = "") -> dict:
    """StoryArticle (+ its tags, cited Articles, the site logo setting) -> NewsArticle dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": piece.headline,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(piece.published_at) or None,
        "dateModified": iso(piece.updated_at or piece.published_at),
        "articleSection": piece.category.name if piece.category else None,
        "keywords": [t.name for t in tags],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "author": {"@type": "Organization", "name": settings.SITE_NAME},
        "isBasedOn": [a.url for a in sources if http_url(a.url)],
    }
    if piece.correction_note:
        # schema.org's CorrectionComment, as news publishers mark corrections up.
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": piece.correction_note,
            "datePublished": iso(piece.corrected_at or piece.updated_at),
        }
    if http_url(piece.image):
        data["image"] = [piece.image]
    if http_url(logo):
        data["publisher"]["logo"] = {"@type": "ImageObject", "url": logo}
    return {k: v for k, v in data.items() if v is not None}


def script_tag(data: dict) -> SafeString:
    """dict -> <script type="application/ld+json"> element, safe to place in HTML.

    Marked safe because every character that could close the element is \\u-escaped;
    this is the one exception, besides the sanitised body, to "never mark_safe".
    """
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
