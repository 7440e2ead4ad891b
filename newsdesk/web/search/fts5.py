"""SQLite FTS5 engine: the ``web_piece_fts`` table (stories migration 0006).

MATCH text is built from the parsed query only: each word and phrase a quoted FTS5
string, joined by spaces (FTS5's implicit AND), so no reader text is ever FTS syntax.
Rank: bm25 with the headline weighted 4×, divided by (1 + age in days / 30) so, of two
equally good matches, the newer comes first.
"""

from __future__ import annotations

from django.db import connection
from django.utils.html import escape

from newsdesk.web.search.query import Hits, Query

OPEN, CLOSE = "\x02", "\x03"  # markers no stored text contains (storable() strips them)


def match_text(query: Query) -> str:
    terms = [_quoted(w) for w in query.words] + [_quoted(" ".join(p)) for p in query.phrases]
    return " ".join(terms)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search(query: Query, limit: int) -> Hits:
    sql = """
        SELECT f.rowid
        FROM web_piece_fts AS f
        JOIN stories_storyarticle AS p ON p.id = f.rowid
        WHERE web_piece_fts MATCH %s AND p.status = 'published'
        ORDER BY bm25(web_piece_fts, 4.0, 1.0)
                 / (1.0 + MAX(0, julianday('now') - julianday(p.published_at)) / 30.0),
                 p.id DESC
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_text(query), limit])
        return Hits(ids=[r[0] for r in cursor.fetchall()], query=query)


def snippets(query: Query, ids: list[int]) -> dict[int, str]:
    marks = ", ".join(["%s"] * len(ids))
    sql = f"""
        SELECT rowid, snippet(web_piece_fts, 1, '{OPEN}', '{CLOSE}', '…', 30)
        FROM web_piece_fts WHERE web_piece_fts MATCH %s AND rowid IN ({marks})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_text(query), *ids])
        return {r[0]: highlight(r[1]) for r in cursor.fetchall()}


def highlight(snippet: str) -> str:
    """Escape the snippet, then turn the engine's markers into <mark>."""
    return escape(snippet).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
