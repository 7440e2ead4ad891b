"""Public site pages: visibility rules, the article page layout, archives, search."""

from datetime import timedelta

import pytest
from django.urls import reverse

from newsdesk.stories import pagestamp
from newsdesk.stories.models import StoryArticle
from tests.factories import make_article, make_category, make_source, make_story_article, make_tag

pytestmark = pytest.mark.django_db
DRAFT, RETRACTED = StoryArticle.Status.DRAFT, StoryArticle.Status.RETRACTED


def test_home_lists_published_only(client):
    make_story_article("Published piece one")
    make_story_article("Draft piece two", status=DRAFT)
    make_story_article("Retracted piece three", status=RETRACTED)
    html = client.get("/").content.decode()
    assert "Published piece one" in html
    assert "Draft piece two" not in html
    assert "Retracted piece three" not in html


def test_home_is_newest_first_and_paginated(client):
    for hours in range(12):
        make_story_article(f"Piece aged {hours:02d}h", age=timedelta(hours=hours + 1))
    first = client.get("/").content.decode()
    assert first.index("Piece aged 00h") < first.index("Piece aged 01h")
    assert "Piece aged 11h" not in first.split('class="content"')[1].split("</main>")[0]
    second = client.get("/?page=2").content.decode()
    assert "Piece aged 11h" in second
    assert client.get("/?page=zzz").status_code == 404  # not page 1 under another URL


def test_home_card_shows_category_date_excerpt_and_image(client):
    cat = make_category("Science")
    make_story_article(
        "Comet seen",
        category=cat,
        body="A bright comet was seen.\n\nMore.",
        image="https://img.example/comet.jpg",
    )
    html = client.get("/").content.decode()
    assert 'href="/category/science/"' in html
    assert "A bright comet was seen." in html
    assert 'src="https://img.example/comet.jpg"' in html
    assert "<time datetime=" in html


def _article_page(client, **kw):
    cat = make_category("Politics")
    src_a = make_source(name="Daily Planet")
    src_b = make_source(name="Gotham Gazette")
    art_a = make_article(src_a, title="Mayor resigns, says Planet")
    art_b = make_article(src_b, title="Gazette: the mayor quits")
    piece = make_story_article(
        "Mayor resigns",
        category=cat,
        sources=[art_a, art_b],
        tags=[make_tag("City Hall"), make_tag("Elections")],
        **kw,
    )
    return piece, client.get(piece.get_absolute_url()).content.decode(), (art_a, art_b)


def test_article_page_layout(client):
    piece, html, (art_a, art_b) = _article_page(client)
    assert '<h1 class="post-title">Mayor resigns</h1>' in html
    assert 'Posted in <a href="/category/politics/">Politics</a>' in html
    assert 'href="/tag/city-hall/"' in html and 'href="/tag/elections/"' in html
    for art in (art_a, art_b):
        assert f'<a href="{art.url}" rel="nofollow noopener"' in html
    assert "Daily Planet" in html and "Mayor resigns, says Planet" in html
    assert "from 2 reports by Daily Planet and Gotham Gazette" in html
    assert "Writer: extractive" in html
    assert "Leave a Comment" in html
    assert "Your email address will not be published. Required fields are marked" in html


def test_article_body_html_is_rendered_and_plain_body_is_escaped(client):
    sa = make_story_article("With html", body_html="<p>Clean <em>sanitised</em> body</p>")
    assert (
        "<p>Clean <em>sanitised</em> body</p>" in client.get(sa.get_absolute_url()).content.decode()
    )
    plain = make_story_article("Plain", body="Para <script>x</script> one\n\nPara two")
    html = client.get(plain.get_absolute_url()).content.decode()
    assert "<p>Para &lt;script&gt;x&lt;/script&gt; one</p>" in html
    assert "<p>Para two</p>" in html


def test_each_sentence_links_to_its_sources_in_the_sources_box(client):
    body = (
        "The mayor resigned on Monday <after> a vote. Both papers said so.\n\n"
        "The council meets on Friday."
    )
    piece, _, (art_a, art_b) = _article_page(client, body=body)
    piece.provenance = [
        [
            {
                "text": "The mayor resigned on Monday <after> a vote.",
                "support": [
                    {"article_id": art_b.id, "start": 0, "end": 9},
                    {"article_id": art_a.id, "start": 0, "end": 9},
                ],
            },
            {"text": "Both papers said so.", "support": []},
        ],
        [
            {
                "text": "The council meets on Friday.",
                "support": [
                    {"article_id": art_b.id, "start": 0, "end": 9},
                ],
            }
        ],
    ]
    piece.save()
    pagestamp.bump()  # a direct save, not an editorial action: the cached page is stale
    html = client.get(piece.get_absolute_url()).content.decode()
    # the box lists Daily Planet (a) first, Gotham Gazette (b) second
    assert f'<li id="source-{art_a.id}">' in html and f'<li id="source-{art_b.id}">' in html
    one = f'<a href="#source-{art_a.id}" aria-label="source 1">1</a>'
    two = f'<a href="#source-{art_b.id}" aria-label="source 2">2</a>'
    assert f'on Monday &lt;after&gt; a vote.<sup class="cite">{one},{two}</sup> Both' in html
    assert f'meets on Friday.<sup class="cite">{two}</sup></p>' in html
    assert "so.<sup" not in html  # a sentence without a source gets no number


def test_a_body_rewritten_by_an_editor_shows_no_citations(client):
    piece, _, (art_a, _b) = _article_page(client, body="An editor wrote this instead.")
    piece.provenance = [
        [
            {
                "text": "The mayor resigned.",
                "support": [{"article_id": art_a.id, "start": 0, "end": 9}],
            }
        ]
    ]
    piece.body_html = "<p>An editor wrote this instead.</p>"
    piece.save()
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "<p>An editor wrote this instead.</p>" in html and 'class="cite"' not in html


def test_headline_and_titles_are_escaped(client):
    src = make_source(name="Evil <b>Outlet</b>")
    art = make_article(src, title="<img src=x onerror=alert(1)>")
    sa = make_story_article("Bold <script>alert(1)</script>", sources=[art])
    html = client.get(sa.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in html


def test_recent_news_excludes_current_article(client):
    others = [make_story_article(f"Other story {i}", age=timedelta(hours=i + 2)) for i in range(3)]
    current = make_story_article("The current one", age=timedelta(minutes=5))
    html = client.get(current.get_absolute_url()).content.decode()
    sidebar = html.split('<h2 class="widget-title">Recent News</h2>')[1].split("</section>")[0]
    assert "The current one" not in sidebar
    for other in others:
        assert other.headline in sidebar


def test_draft_is_404_and_retracted_is_410(client):
    draft = make_story_article("Secret draft", status=DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    gone = make_story_article("Withdrawn piece", status=RETRACTED)
    response = client.get(gone.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert client.get("/news/no-such-slug/").status_code == 404


def test_category_and_tag_archives(client):
    sport, world = make_category("Sport"), make_category("World")
    golf = make_tag("Golf")
    make_story_article("Golf final", category=sport, tags=[golf])
    make_story_article("Summit ends", category=world)
    make_story_article("Draft sport", category=sport, status=DRAFT)
    html = client.get(reverse("web:category", args=["sport"])).content.decode()
    main = html.split("</main>")[0]
    assert "Golf final" in main and "Summit ends" not in main and "Draft sport" not in main
    tag_html = client.get(reverse("web:tag", args=["golf"])).content.decode().split("</main>")[0]
    assert "Golf final" in tag_html and "Summit ends" not in tag_html
    assert client.get("/category/nope/").status_code == 404
    assert client.get("/tag/nope/").status_code == 404


def test_nav_lists_categories_with_published_pieces(client):
    make_story_article("Tech piece", category=make_category("Technology"))
    make_story_article("Hidden", category=make_category("Empty"), status=DRAFT)
    nav = client.get("/").content.decode().split('aria-label="Categories"')[1].split("</nav>")[0]
    assert "Technology" in nav and "Empty" not in nav


def test_search_matches_headline_and_body_and_escapes_query(client):
    make_story_article("Volcano erupts", body="Lava flows.")
    make_story_article("Budget vote", body="The volcano fund was cut.")
    make_story_article("Volcano draft", status=DRAFT)
    make_story_article("Weather", body="Sunny.")
    html = client.get("/search/", {"q": "VOLCANO"}).content.decode()
    main = html.split("</main>")[0]
    assert "Volcano erupts" in main and "Budget vote" in main
    assert "Volcano draft" not in main and "Weather" not in main
    assert "2 results" in main
    evil = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in evil
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil
    empty = client.get("/search/").content.decode()
    assert "Type a word to search" in empty


def test_unknown_page_uses_site_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_only_http_links_reach_href_and_src(client):
    src = make_source(name="Odd Outlet")
    art = make_article(src, url="javascript:alert(1)", canonical_url="https://odd.example/a")
    sa = make_story_article("Odd links", sources=[art], image="javascript:alert(2)")
    html = client.get(sa.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert "Odd Outlet" in html


def test_pages_use_few_queries(client, django_assert_max_num_queries):
    cat = make_category("World")
    pieces = [
        make_story_article(f"Story {i}", category=cat, sources=[make_article(), make_article()])
        for i in range(12)
    ]
    pagestamp.current()  # started by the site's first page or first publication
    # One more than the page's own queries: the page cache reads the stamp first.
    with django_assert_max_num_queries(7):
        client.get("/")
    with django_assert_max_num_queries(10):
        client.get(pieces[0].get_absolute_url())
    with django_assert_max_num_queries(1):  # the same page again, from the page cache
        assert client.get(pieces[0].get_absolute_url())["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("page", ["99", "abc", "0", "-1"])
def test_pages_that_do_not_exist_are_404(client, page):
    make_story_article("Only piece")
    for url in ["/", "/search/?q=piece&"]:
        assert client.get(f"{url}{'&' if '?' in url else '?'}page={page}").status_code == 404
    assert client.get("/?page=1").status_code == 200
