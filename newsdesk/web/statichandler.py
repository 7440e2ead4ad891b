"""Static files under ``runserver --insecure`` (the embedded default): bad paths get 400.

Django's StaticFilesHandler turns only Http404 into a response: a traversal attempt
(``/static/../../etc/passwd``) raised SuspiciousFileOperation and answered 500, and its
404 went through the site's 404 template outside the middleware and failed (500 too).
Here a path with ``..``, a backslash, a NUL or a leading slash is a plain 400, a missing
file a plain 404. Deployments behind a proxy serve ``collectstatic`` output instead.
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotFound

TEXT = "text/plain; charset=utf-8"


def hostile_path(path: str) -> bool:
    """True for a static path that tries to leave the static folders."""
    return "\x00" in path or "\\" in path or path.startswith("/") or ".." in path.split("/")


class GuardedStaticFilesHandler(StaticFilesHandler):
    def get_response(self, request):
        path = request.path[len(self.base_url.path) :]
        if hostile_path(path):
            return HttpResponseBadRequest("Bad static file path.\n", content_type=TEXT)
        try:
            return self.serve(request)
        except Http404:
            return HttpResponseNotFound("No such static file.\n", content_type=TEXT)
        except SuspiciousOperation:
            return HttpResponseBadRequest("Bad static file path.\n", content_type=TEXT)
