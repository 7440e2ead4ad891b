# The public lists' indexes (issue 15): home, published-by-date, category.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_submitted_drafts"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="storyarticle",
            index=models.Index(
                fields=["status", "pinned", "published_at", "id"], name="piece_home"
            ),
        ),
        migrations.AddIndex(
            model_name="storyarticle",
            index=models.Index(fields=["status", "published_at", "id"], name="piece_published"),
        ),
        migrations.AddIndex(
            model_name="storyarticle",
            index=models.Index(
                fields=["category", "status", "published_at", "id"], name="piece_category"
            ),
        ),
    ]
