"""No query on an article page reads through a table that grows with the site: every
query the page runs (the page cache and the memos cold) is planned by SQLite as index
searches, never a SCAN of pieces, comments, sources or tags. (A scan's cost grows with
the number of pieces; this is what made one page query 56 of 72 ms at 10,000 pieces.)"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_category, make_comment, make_story_article, make_tag

pytestmark = pytest.mark.django_db
# Tables that hold one row per category or setting, never per piece.
SMALL = {"stories_category", "desk_sitesettings", "desk_sitesettings_menu_categories"}


def _scans(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = [row[-1] for row in cursor.fetchall()]
    found = [re.match(r"SCAN (\w+)", step) for step in plan]
    return [m.group(1) for m in found if m and m.group(1) not in SMALL]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_an_article_page_runs_no_query_that_scans_a_growing_table(client):
    world = make_category("World")
    pieces = [
        make_story_article(
            f"Story {i}", category=world, sources=[make_article()], tags=[make_tag(f"t{i % 3}")]
        )
        for i in range(30)
    ]
    for piece in pieces[:5]:
        make_comment(piece, status="approved")
    make_story_article("Merged away", status="retracted", redirect_to=pieces[3])
    with CaptureQueriesContext(connection) as seen:
        assert client.get(pieces[3].get_absolute_url()).status_code == 200
    selects = [q["sql"] for q in seen.captured_queries if q["sql"].lstrip().startswith("SELECT")]
    assert len(selects) >= 6  # the page's own queries ran (nothing came from a cache)
    assert {sql[:80]: _scans(sql) for sql in selects if _scans(sql)} == {}
