"""Content-Security-Policy on every response (Django 5.2 has none built in).

Scripts run only from our own origin or with this response's nonce
(``request.csp_nonce``, for a template that ever needs an inline script); no inline
script, event-handler attribute or ``javascript:`` URL runs, so an escaping mistake is
not an XSS. The admin, the desk and the API's browsable pages also allow inline *styles*
(the desk's templates and REST framework's use ``<style>`` and ``style=``; styles
cannot run code); the public site does not.
``img-src https:`` because a piece may show a source's lead image
(NEWSDESK_SHOW_SOURCE_IMAGES). Nothing may frame any page (clickjacking, with
X-Frame-Options). A view that sets its own policy keeps it.
"""

from __future__ import annotations

import secrets

STAFF_PREFIXES = ("/admin/", "/desk/", "/api/")


def policy(path: str, nonce: str) -> str:
    """The policy for a response to ``path`` with ``nonce``."""
    styles = "'self' 'unsafe-inline'" if path.startswith(STAFF_PREFIXES) else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src {styles}",
            "img-src 'self' https: data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy(request.path, request.csp_nonce)
        return response
