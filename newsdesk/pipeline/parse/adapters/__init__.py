"""Source adapters, in an explicit registry (see ``base``).

Built-in kinds: ``rss_atom`` (RSS 0.9x/1.0/2.0 and Atom through feedparser),
``jsonfeed``, ``feed`` (detects which of the two), ``sitemap`` (urlset and sitemap
index), ``news_sitemap`` (Google News), ``article`` (one page). OPML and feed discovery
live beside them (``opml``, ``discovery``) but are not document kinds.
"""

from newsdesk.pipeline.parse.adapters import article, feeds, jsonfeed, sitemap  # noqa: F401  (register)
from newsdesk.pipeline.parse.adapters.base import ParseError, get, kinds, register

__all__ = ["ParseError", "get", "kinds", "register"]
