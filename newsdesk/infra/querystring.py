"""Refuses query strings PostgreSQL cannot take: a NUL (``%00``) anywhere in one.

``/search/?q=%00`` or ``/api/v1/articles/?category=%00`` reached the ORM and PostgreSQL
answered with an error (a 500); no form validator sees query parameters. Here it is a
400 with a message naming the parameter, for every view alike.
"""

from django.http import HttpResponseBadRequest


class NulQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                name = key.replace("\x00", "\\x00")
                return HttpResponseBadRequest(
                    f"Query parameter {name!r} contains a NUL character (%00), "
                    "which is not allowed.\n",
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
