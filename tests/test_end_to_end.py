"""Demo sources -> pipeline (Celery tasks run eagerly) -> the public site.

The demo outlets are served by the bundled replay server on 127.0.0.1, reached through
the same fetch -> extract path as a real source.
"""

import re

import pytest
from django.core.management import call_command

from newsdesk.articles.models import Article
from newsdesk.comments.models import Comment
from newsdesk.demo.corpus import load_corpus
from newsdesk.demo.server import DemoServer
from newsdesk.stories.models import StoryArticle

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def demo_server():
    server = DemoServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def desk(demo_server, settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_HOST_GAP_S = 0.0
    settings.FETCH_HOST_CONCURRENCY = 8
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from newsdesk.celery import app

    app.conf.task_always_eager = True
    call_command("load_demo", base_url=demo_server.base_url)
    from newsdesk.pipeline import cluster_state as index
    from newsdesk.pipeline import tasks

    index._current = None  # a fresh in-process story index per test database
    tasks.dispatch_due_sources.delay()
    tasks.refresh_dirty_stories.delay()
    yield demo_server
    app.conf.task_always_eager = False


def test_demo_becomes_published_stories_crediting_outlets(desk, client):
    published = StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)
    assert published.count() >= 5
    piece = max(published, key=lambda p: p.sources.values("source_id").distinct().count())
    outlets = {a.outlet for a in piece.sources.select_related("source")}
    assert len(outlets) >= 2
    html = client.get(piece.get_absolute_url()).content.decode()
    for outlet in outlets:
        assert outlet in piece.body or outlet in piece.headline
    for article in piece.sources.all():
        assert f'href="{article.url}"' in html.replace("&amp;", "&")
    assert "Posted in" in html and "Recent News" in html
    assert piece.provenance and all(s["support"] for p in piece.provenance for s in p)
    # every sentence shows its sources as citation links to the sources box
    cited = {sp["article_id"] for p in piece.provenance for s in p for sp in s["support"]}
    for article_id in cited:
        assert f'<li id="source-{article_id}">' in html
        assert f'<a href="#source-{article_id}"' in html
    sentences = sum(len(p) for p in piece.provenance)
    assert html.count('<sup class="cite">') == sentences


def test_exact_republication_is_kept_as_a_duplicate(desk):
    corpus = load_corpus()
    copies = [a for a in corpus.articles if a.republished_from]
    assert copies
    duplicates = Article.objects.filter(state=Article.State.DUPLICATE)
    assert duplicates.filter(duplicate_of__isnull=False).count() >= len(copies)
    copy = duplicates.first()
    assert copy.text == copy.duplicate_of.text or copy.dedup_layer in {"hash", "near", "url"}


def test_comment_is_held_for_moderation_and_email_never_shown(desk, client):
    piece = StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED).first()
    url = piece.get_absolute_url()
    email = "reader.secret@example.org"
    form = client.get(url).content.decode()
    assert "Your email address will not be published" in form
    response = client.post(
        url,
        {
            "name": "Ada Reader",
            "email": email,
            "body": "Thanks for this summary.",
            "shown": re.search(r'name="shown" value="([^"]+)"', form).group(1),
        },
        follow=True,
    )
    assert response.status_code == 200
    comment = Comment.objects.get(email=email)
    assert comment.status == Comment.Status.PENDING
    assert "Thanks for this summary." not in client.get(url).content.decode()
    comment.status = Comment.Status.APPROVED
    comment.save()
    pages = [url, "/", "/feed/", "/sitemap.xml", f"/search/?q={piece.headline.split()[0]}"]
    if piece.category:
        pages.append(piece.category.get_absolute_url())
    shown = client.get(url).content.decode()
    assert "Thanks for this summary." in shown
    for page in pages:
        body = client.get(page).content.decode()
        assert email not in body and "reader.secret" not in body, page


def test_bad_input_is_logged_against_its_source_and_pipeline_goes_on(desk, demo_server):
    from newsdesk.pipeline import tasks
    from newsdesk.sources.models import Source, SourceEvent

    broken = Source.objects.create(name="Broken", url=f"{demo_server.base_url}/no-such-feed.xml")
    tasks.ingest_source.delay(broken.id)
    broken.refresh_from_db()
    assert broken.error_count == 1 and re.search(r"404", broken.last_error)
    assert SourceEvent.objects.filter(source=broken, level="error").exists()
