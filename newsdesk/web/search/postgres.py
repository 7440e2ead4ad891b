"""PostgreSQL engine: the GIN index on the weighted tsvector of headline and body
(stories migration 0006). Words are ANDed as lexemes, phrases use <->; both are built with
plainto_tsquery / phraseto_tsquery from the parsed query, never from the raw text.
ts_rank_cd divided by (1 + age in days / 30), as on SQLite; ts_headline gives the snippet.
"""

from __future__ import annotations

from django.db import connection

from newsdesk.web.search.fts5 import CLOSE, OPEN, highlight
from newsdesk.web.search.query import Hits, Query

# The headline weighs more than the body (A vs D), as on SQLite; the same expression as
# the index, so the planner uses it.
DOC = "(setweight(to_tsvector('english', p.headline), 'A') || setweight(to_tsvector('english', p.body), 'D'))"


def _tsquery(query: Query) -> tuple[str, list[str]]:
    parts, params = [], []
    if query.words:
        parts.append("plainto_tsquery('english', %s)")
        params.append(" ".join(query.words))
    for phrase in query.phrases:
        parts.append("phraseto_tsquery('english', %s)")
        params.append(" ".join(phrase))
    return " && ".join(parts), params


def search(query: Query, limit: int) -> Hits:
    tsq, params = _tsquery(query)
    sql = f"""
        SELECT p.id
        FROM stories_storyarticle AS p, (SELECT {tsq} AS tsq) AS q
        WHERE p.status = 'published' AND {DOC} @@ q.tsq
        ORDER BY ts_rank_cd({DOC}, q.tsq)
                 / (1.0 + GREATEST(0, EXTRACT(EPOCH FROM now() - p.published_at) / 86400.0)
                          / 30.0) DESC,
                 p.id DESC
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return Hits(ids=[r[0] for r in cursor.fetchall()], query=query)


def snippets(query: Query, ids: list[int]) -> dict[int, str]:
    tsq, params = _tsquery(query)
    sql = f"""
        SELECT p.id,
               ts_headline('english', p.body, q.tsq,
                           'StartSel={OPEN}, StopSel={CLOSE}, MaxWords=35, MinWords=15')
        FROM stories_storyarticle AS p, (SELECT {tsq} AS tsq) AS q
        WHERE p.id = ANY(%s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, list(ids)])
        return {r[0]: highlight(r[1]) for r in cursor.fetchall()}
