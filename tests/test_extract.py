"""The extract stage's contract: ExtractedArticle out, ExtractionError for no body."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsdesk.pipeline.extract import ExtractionError, blocks_to_html, extract
from newsdesk.pipeline.extract.body import Block, article_body_blocks, filter_by_article_body
from newsdesk.pipeline.types import ExtractedArticle

DATA = Path(__file__).resolve().parent.parent / "testdata" / "extract"
URL = "https://news.example.org/2024/03/05/bridge-reopens?utm_source=feed"
LEDE = "The harbour bridge reopened to traffic on Tuesday morning"


def page(**swap: str) -> str:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    for old, new in swap.items():
        html = html.replace(old, new)
    return html


def test_article_body_and_metadata():
    article = extract(page(), URL)
    assert isinstance(article, ExtractedArticle)
    assert article.text.startswith(LEDE)
    assert len(article.text.split("\n\n")) == 5
    assert "Harbour bridge reopens" not in article.text  # headline
    assert "Commuters return to the crossing" not in article.text  # standfirst
    assert "By Jane Doe" not in article.text and "newsletter" not in article.text
    assert article.html.startswith("<p>The harbour bridge") and article.html.count("<p>") == 5
    assert article.meta.title == "Harbour bridge reopens after repairs"
    assert article.meta.authors == ["Jane Doe"]
    assert article.meta.published_at == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert article.meta.published_at.tzinfo is UTC
    assert article.meta.canonical_url == "https://news.example.org/2024/03/05/bridge-reopens"
    assert article.meta.site_name == "The Daily Example"
    assert article.meta.image == "https://news.example.org/img/bridge.jpg"
    assert article.meta.language == "en"
    assert article.meta.description.startswith("Commuters return")


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("utf-8", "utf-8"), ("cp1252", "windows-1252"), ("iso-8859-1", "iso-8859-1")],
)
def test_bytes_are_decoded_with_the_declared_charset(encoding, declared):
    html = page(**{'<meta charset="utf-8">': f'<meta charset="{declared}">'})
    html = html.replace("Tuesday morning", "Tuesday morning (café)")
    article = extract(html.encode(encoding), URL)
    assert "Tuesday morning (café)" in article.text


def test_bytes_with_bom_unknown_charset_or_bad_utf8_do_not_crash():
    html = page(**{'<meta charset="utf-8">': '<meta charset="x-no-such-charset">'})
    assert extract(b"\xef\xbb\xbf" + html.encode("utf-8"), URL).text.startswith(LEDE)
    assert extract(html.encode("utf-8"), URL).text.startswith(LEDE)
    broken = html.replace("Tuesday morning", "Tuesday \udcff morning").encode(
        "utf-8", "surrogateescape"
    )
    assert "Tuesday \ufffd morning" in extract(broken, URL).text


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   \n  ",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "not html at all",
        b"\x00\x01\x02\xff\xfe binary junk",
        "<?xml version='1.0' encoding='utf-8'?><rss><channel></channel></rss>",
        "<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</body></html>",
    ],
)
def test_pages_without_a_body_raise_extraction_error_only(html):
    with pytest.raises(ExtractionError):
        extract(html, URL)


def test_embedded_tweets_are_kept_and_hover_cards_dropped():
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The new cables '
        "look fantastic from the water this morning, well done to every crew involved.</p>"
        "&mdash; A Sailor (@sailor)</blockquote></div>"
    )
    card = (
        '<span class="rollover-people"><a href="/people/jane">Jane Doe</a>'
        '<span class="rollover-people-block"><img src="/j.jpg"><a href="/x">Other story about '
        "the mayor</a></span></span>"
    )
    html = page(**{"<p>Commuters who had": tweet + "<p>Commuters who had"})
    html = html.replace("the city council said.", f"the city council leader {card} said.")
    text = extract(html, URL).text
    assert "look fantastic from the water" in text
    assert "Jane Doe said" in text and "Other story about the mayor" not in text


FERRY = [
    "The ferry timetable changes on Monday, with an extra sailing every evening in summer.",
    "Operators said the new schedule follows a survey of more than a thousand passengers.",
    "Season tickets bought before the change remain valid until they expire in the autumn.",
]


def test_json_ld_article_body_is_used_only_when_the_page_shows_it():
    shown = lxml_html.document_fromstring("<html><body>" + "".join(f"<p>{p}</p>" for p in FERRY))
    assert article_body_blocks(shown, "\n".join(FERRY)) == [Block("p", p) for p in FERRY]
    other = lxml_html.document_fromstring("<html><body><p>Something else entirely.</p>")
    assert article_body_blocks(other, "\n".join(FERRY)) == []


def test_json_ld_article_body_filters_blocks_only_when_consistent():
    promo = Block("p", "Read our full guide to the best coastal walks this spring.")
    blocks = [Block("p", FERRY[0]), promo, Block("p", FERRY[1]), Block("p", FERRY[2])]
    assert filter_by_article_body(blocks, " ".join(FERRY)) == [blocks[0], *blocks[2:]]
    teaser = FERRY[0]  # covers too little of the extraction to judge the rest
    assert filter_by_article_body(blocks, teaser) == blocks


def test_blocks_to_html_groups_list_items_escapes_and_renders_tables():
    blocks = [
        Block("h2", "Fares & times"),
        Block("li", "Adults <18"),
        Block("li", "Children"),
        Block("table", "| Route | Fare |\n|---|---|\n| A | 2 |"),
        Block("p", "End."),
    ]
    assert blocks_to_html(blocks) == (
        "<h2>Fares &amp; times</h2>\n<ul>\n<li>Adults &lt;18</li>\n<li>Children</li>\n</ul>\n"
        "<table><tr><td>Route</td><td>Fare</td></tr><tr><td>A</td><td>2</td></tr></table>\n"
        "<p>End.</p>"
    )


def test_messy_json_ld_and_meta_do_not_break_metadata():
    messy = (
        '<script type="application/ld+json">{"@type": ["NewsArticle"], "headline": null, '
        '"author": {"name": ["A", "B"]}, "datePublished": 1574121884, "publisher": "Someone", '
        '"image": [{"url": "/a.jpg"}], "articleBody": 42}</script>'
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">[{"@type": "Person", "name": "X"}, 3, null]</script>'
    )
    html = page(**{'<script type="application/ld+json">': messy + '<script type="x">'})
    article = extract(html, URL)
    assert article.text.startswith(LEDE)
    assert article.meta.title == "Harbour bridge reopens after repairs"  # og:title
    assert article.meta.site_name == "The Daily Example"
    assert article.meta.published_at is not None and article.meta.published_at.tzinfo is UTC
