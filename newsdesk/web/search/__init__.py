"""Full-text search of published pieces on the database's own engine.

One interface, two engines: SQLite FTS5 on the embedded default (``fts5.py``, a table
kept in step by triggers on publish, correction and retraction) and PostgreSQL full-text
search on scale-out (``postgres.py``, a GIN expression index). Both take the reader's text
through ``query.parse``: every word must match, in any order, stemmed; text in double
quotes is a phrase; anything else (operators, NUL bytes, brackets) is just not a word.

``search(text)`` returns ``Hits``: the matching piece ids, best first (relevance, then
recency), and a highlighted snippet per id (HTML-escaped; only ``<mark>`` added).
"""

from __future__ import annotations

from django.db import connection

from newsdesk.web.search.query import Hits, Query, parse

MAX_HITS = 1000  # a reader pages through at most this many results


def search(text: str) -> Hits:
    query = parse(text)
    if query.empty:
        return Hits()
    return _engine().search(query, MAX_HITS)


def _engine():
    if connection.vendor == "postgresql":
        from newsdesk.web.search import postgres

        return postgres
    from newsdesk.web.search import fts5

    return fts5


__all__ = ["Hits", "Query", "parse", "search"]
