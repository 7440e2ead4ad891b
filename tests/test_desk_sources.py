"""Per-source rules (keep/block keywords) in the ingest path; bulk enable/disable and
items per day in the desk's health table."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.pipeline import flows
from newsdesk.sources.models import Source
from newsdesk.sources.rules import refusal
from tests.factories import make_article, make_source, make_user
from tests.test_flows_bad_input import hostile_site  # noqa: F401  (a local news site)


@pytest.mark.parametrize(
    ("keep", "block", "title", "text", "refused"),
    [
        ([], [], "Anything", "at all", None),
        ([], ["Horoscope"], "Your horoscope today", "", "blocked keyword 'Horoscope'"),
        ([], ["art"], "Start of the season", "", None),  # whole words only
        (["harbour"], [], "Vote", "The Harbour council met.", None),
        (["harbour"], [], "Vote", "The council met.", "none of the keep keywords"),
        (["harbour"], ["council"], "Harbour", "The council met.", "blocked keyword"),
    ],
)
def test_rules_keep_and_block(keep, block, title, text, refused):
    source = SimpleNamespace(keep_keywords=keep, block_keywords=block)
    reason = refusal(source, title, text)
    assert (reason is None) if refused is None else (refused in reason)


@pytest.mark.django_db
def test_the_ingest_path_applies_the_source_rules(
    hostile_site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    source = Source.objects.create(
        name="Hostile Herald", url=f"{hostile_site}/feed.xml", block_keywords=["harbour"]
    )
    queued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        flows.ingest_source(source.id, queued.append)
    for article_id in queued:
        flows.process_article(article_id, lambda _id: None)
    odd = Article.objects.get(url__endswith="/odd.html")
    assert odd.state == Article.State.FAILED and "blocked keyword 'harbour'" in odd.error
    assert not Article.objects.filter(state=Article.State.EXTRACTED).exists()


@pytest.mark.django_db
def test_bulk_enable_disable_and_items_per_day(client):
    busy, quiet = make_source(name="Busy Wire"), make_source(name="Quiet Gazette", enabled=False)
    for _ in range(3):
        make_article(source=busy)
    client.force_login(make_user("editor"))
    html = client.get("/desk/").content.decode()
    assert '<td class="items-day">3</td>' in html and '<td class="items-day">0</td>' in html
    url = reverse("desk:sources_bulk")
    client.post(url, {"action": "disable", "source": [busy.id]})
    client.post(url, {"action": "enable", "source": [quiet.id]})
    assert dict(Source.objects.values_list("name", "enabled")) == {
        "Busy Wire": False,
        "Quiet Gazette": True,
    }
    client.force_login(make_user("contributor"))
    assert client.post(url, {"action": "enable", "source": [busy.id]}).status_code == 403
    assert not Source.objects.get(id=busy.id).enabled
