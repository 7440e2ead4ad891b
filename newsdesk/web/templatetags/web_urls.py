"""Template filter that keeps only http(s) URLs in href/src attributes.

Source URLs, images and commenters' websites come from outside; autoescaping stops
markup injection but not a ``javascript:`` URL, so links pass through this filter (the
rule itself is ``infra/urls.http_url``, which the admin uses too).
"""

from django import template

from newsdesk.infra.urls import http_url

register = template.Library()
register.filter("http_url", http_url)
