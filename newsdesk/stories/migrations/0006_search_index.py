"""The full-text index of published pieces (newsdesk/web/search).

SQLite: an FTS5 table over the pieces' own rows (external content, so snippets read the
row), holding only published pieces; triggers keep it in step on publish, correction,
retraction and deletion. PostgreSQL: a GIN index on the same text as a tsvector.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS web_piece_fts USING fts5(
        headline, body, content='stories_storyarticle', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    # Only published pieces are in the index: every trigger acts on that state alone.
    """CREATE TRIGGER IF NOT EXISTS web_piece_fts_ai AFTER INSERT ON stories_storyarticle
       WHEN new.status = 'published' BEGIN
         INSERT INTO web_piece_fts(rowid, headline, body)
         VALUES (new.id, new.headline, new.body);
       END""",
    """CREATE TRIGGER IF NOT EXISTS web_piece_fts_ad AFTER DELETE ON stories_storyarticle
       WHEN old.status = 'published' BEGIN
         INSERT INTO web_piece_fts(web_piece_fts, rowid, headline, body)
         VALUES ('delete', old.id, old.headline, old.body);
       END""",
    # One trigger, two statements in this order: take the old text out, then put the new
    # text in (two triggers fire in no promised order, and an insert before the delete
    # corrupts an external-content index).
    """CREATE TRIGGER IF NOT EXISTS web_piece_fts_au
       AFTER UPDATE OF status, headline, body ON stories_storyarticle BEGIN
         INSERT INTO web_piece_fts(web_piece_fts, rowid, headline, body)
         SELECT 'delete', old.id, old.headline, old.body WHERE old.status = 'published';
         INSERT INTO web_piece_fts(rowid, headline, body)
         SELECT new.id, new.headline, new.body WHERE new.status = 'published';
       END""",
    """INSERT INTO web_piece_fts(rowid, headline, body)
       SELECT id, headline, body FROM stories_storyarticle WHERE status = 'published'""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS web_piece_fts_ai",
    "DROP TRIGGER IF EXISTS web_piece_fts_ad",
    "DROP TRIGGER IF EXISTS web_piece_fts_au",
    "DROP TABLE IF EXISTS web_piece_fts",
]
POSTGRES = [
    """CREATE INDEX IF NOT EXISTS stories_piece_fts ON stories_storyarticle USING GIN
       ((setweight(to_tsvector('english', headline), 'A')
         || setweight(to_tsvector('english', body), 'D'))) WHERE status = 'published'"""
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS stories_piece_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("stories", "0005_work_leases")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
