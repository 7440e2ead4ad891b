"""``|iso``: a datetime as ISO 8601 to the second, for ``<time datetime>`` and metadata.

Django's ``|date:'c'`` keeps microseconds, which the Nu HTML Checker refuses in
``datetime`` (72 errors on one page); this drops them and keeps the zone offset.
"""

from django import template

from newsdesk.web.meta import iso

register = template.Library()
register.filter("iso", iso)
