"""THREAT B3: extraction work is bounded by a size cap, and a cut page is logged
against its source."""

import time

import pytest

from newsdesk.articles.models import Article
from newsdesk.infra.http import FetchResult
from newsdesk.pipeline import extract as extract_stage
from newsdesk.pipeline import flows
from newsdesk.pipeline.extract import extract
from newsdesk.pipeline.extract.limits import bounded
from newsdesk.sources.models import Source, SourceEvent

ARTICLE = "<html><body><article>" + "<p>The harbour council voted on the new plan today.</p>" * 8
CAP = 256 * 1024


@pytest.fixture
def parsed_sizes(monkeypatch):
    """Sizes of what actually reached the HTML parser."""
    sizes, real = [], extract_stage.parse_html

    def spy(html):
        sizes.append(len(html))
        return real(html)

    monkeypatch.setattr(extract_stage, "parse_html", spy)
    return sizes


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param("&#" * 10**6, id="entity-bomb"),
        pytest.param("<a" * 500_000, id="open-anchors"),
        pytest.param("<div>" * 100_000, id="nested-divs"),
    ],
)
def test_B3_hostile_pages_are_cut_to_the_cap_and_finish_quickly(tail, parsed_sizes):
    page = (ARTICLE + tail).encode()
    started = time.monotonic()
    try:
        result = extract(page, "https://x.example/a", max_bytes=CAP)
        assert "cut to its first" in result.warnings[0]
    except extract_stage.ExtractionError:
        pass  # no article left is a fine answer too; what matters is the work done
    assert parsed_sizes and max(parsed_sizes) <= CAP
    assert time.monotonic() - started < 2.0


def test_B3_scripts_and_styles_go_before_any_text_is_cut():
    script = "<script>var x = '" + "x" * CAP + "';</script><style>p{}</style>"
    ld = '<script type="application/ld+json">{"headline": "kept"}</script>'
    page = f"<html><head>{ld}{script}</head><body><p>body text</p></body></html>"
    kept, note = bounded(page, CAP)
    assert note is None and b"body text" in kept and b"kept" in kept and b"var x" not in kept
    small, note = bounded("<p>short</p>", CAP)
    assert small == "<p>short</p>" and note is None


@pytest.mark.django_db
def test_B3_a_cut_page_is_recorded_against_its_source(monkeypatch, settings):
    settings.EXTRACT_MAX_BYTES = 64 * 1024
    source = Source.objects.create(url="https://x.example/feed.xml")
    article = Article.objects.create(
        source=source, url="https://x.example/a", canonical_url="https://x.example/a", guid_hash="1"
    )
    page = (ARTICLE + "</article><p>" + "filler " * 20_000 + "</p></body></html>").encode()
    result = FetchResult(url=article.url, final_url=article.url, status=200, body=page,
                         content_type="text/html")  # fmt: skip
    monkeypatch.setattr(flows.fetch, "fetch_page", lambda *a, **k: result)
    assert flows.process_article(article.id, lambda _id: None)
    event = SourceEvent.objects.get(source=source)
    assert event.level == "warning" and "NEWSDESK_EXTRACT_MAX_BYTES" in event.message
    assert event.url == article.url
