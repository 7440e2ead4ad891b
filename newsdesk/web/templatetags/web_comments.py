"""``{% comment_thread threads %}``: the approved comments as nested ``<li>`` elements.

``threads`` are ``discussion.thread()``'s Nodes; each comment shows its author (linked
to an http(s) website only), its time, its text with line breaks, and a Reply link
while comments are open and the thread may grow deeper (``comments_open`` and
``thread_depth`` from the page's context). Written in Python, as WordPress's
Walker_Comment is, rather than as a recursive template: the template engine spent about
80 µs a comment, 1.6 ms of a page with 20. Every value is escaped by ``format_html``;
the body by the ``|linebreaks`` filter's
escaping.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from newsdesk.infra.urls import http_url
from newsdesk.web.meta import iso

register = template.Library()

_ENTRY = """
<li class="comment depth-{}" id="comment-{}">
  <article>
    <header class="comment-meta">
      <strong class="comment-author">{}</strong>
      <time datetime="{}">{}</time>
    </header>
    <div class="comment-body">{}</div>
    {}
  </article>
  {}
</li>"""
_AUTHOR_LINK = '<a href="{}" rel="nofollow ugc noopener">{}</a>'
_REPLY = (
    '<p class="reply"><a rel="nofollow" class="comment-reply-link" '
    'href="?replytocom={}#respond" aria-label="Reply to {}">Reply</a></p>'
)


@register.simple_tag(takes_context=True)
def comment_thread(context, nodes) -> SafeString:
    open_, depth = context.get("comments_open"), context.get("thread_depth") or 0
    return _entries(nodes, bool(open_), depth)


def _entries(nodes, open_: bool, max_depth: int) -> SafeString:
    entries = format_html_join("", "{}", ((_entry(node, open_, max_depth),) for node in nodes))
    return format_html("{}\n", entries)


def _entry(node, open_: bool, max_depth: int) -> str:
    c = node.comment
    site = http_url(c.website)
    author = format_html(_AUTHOR_LINK, site, c.name) if site else c.name
    when = timezone.localtime(c.created_at) if timezone.is_aware(c.created_at) else c.created_at
    reply = format_html(_REPLY, c.pk, c.name) if open_ and node.depth < max_depth else ""
    children = ""
    if node.children:
        children = format_html(
            '<ol class="children">{}</ol>', _entries(node.children, open_, max_depth)
        )
    return format_html(
        _ENTRY,
        node.depth,
        c.pk,
        author,
        iso(when),
        when_text(when),
        linebreaks_filter(c.body, autoescape=True),  # the |linebreaks filter
        reply,
        children,
    )


def when_text(moment) -> str:
    """``|date:"F j, Y \\a\\t H:i"`` ("December 5, 2026 at 09:30") without Django's
    general date formatter, which took 20 µs a call."""
    return f"{MONTHS[moment.month]} {moment.day}, {moment.year} at {moment:%H:%M}"
