"""THREAT C9: item links with a script or data scheme are dropped at parse, and a link
already stored is never printed as a link on the desk story page or in the admin."""

import json

import pytest
from django.urls import reverse

from newsdesk.pipeline.parse import parse
from newsdesk.stories.models import StoryMember
from tests.factories import make_article, make_source, make_story_article

BAD = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>1</script>",
       "file:///etc/passwd", "vbscript:x"]  # fmt: skip


def test_C9_feed_items_without_an_http_link_are_dropped():
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(BAD))
    rss = f'<rss version="2.0"><channel><title>T</title>{items}'
    rss += "<item><title>ok</title><link>https://x.example/ok</link></item></channel></rss>"
    parsed = parse("feed", rss.encode(), "https://x.example/rss")
    assert [i.url for i in parsed.items] == ["https://x.example/ok"]
    assert any("without an http(s) link" in w for w in parsed.warnings)
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": BAD[0]}]}
    assert parse("feed", json.dumps(doc).encode(), "https://x.example/f.json").items == []


@pytest.fixture
def hostile_story(db):
    source = make_source(name="Hostile Herald")
    articles = [make_article(source, url=url, canonical_url=url, title=f"t{n}")
                for n, url in enumerate(BAD)]  # fmt: skip
    piece = make_story_article(
        "Story", sources=articles,
        provenance=[[{"text": "A sentence.", "support": [
            {"article_id": a.pk, "start": 0, "end": 5} for a in articles]}]],
    )  # fmt: skip
    for a in articles:
        StoryMember.objects.create(story=piece.story, article=a, score=1.0, reasons=["x"])
    return piece


def _no_bad_links(html: str) -> None:
    lowered = html.lower()
    for scheme in ("javascript:", "data:", "file:", "vbscript:"):
        assert f'href="{scheme}' not in lowered, scheme


def test_C9_desk_story_page_prints_no_script_links(admin_client, hostile_story):
    html = admin_client.get(reverse("desk:story", args=[hostile_story.story_id])).content.decode()
    assert "t0" in html
    _no_bad_links(html)


def test_C9_admin_provenance_prints_no_script_links(admin_client, hostile_story):
    url = reverse("admin:stories_storyarticle_change", args=[hostile_story.pk])
    html = admin_client.get(url).content.decode()
    assert "Hostile Herald" in html
    _no_bad_links(html)
