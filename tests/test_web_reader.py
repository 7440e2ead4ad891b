"""Reader parity with a WordPress news theme (issue 15): date archives, previous/next,
Scroll to Top, pagination everywhere a list grows, the <head> every page type carries,
a favicon, <time datetime> without microseconds, one named search landmark."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from newsdesk.desk.models import SiteSettings
from newsdesk.web.meta import DESCRIPTION_MAX, describe
from newsdesk.web.templatetags.web_time import day
from newsdesk.web.views import PER_PAGE
from tests.factories import make_category, make_story_article, make_tag

pytestmark = pytest.mark.django_db


def _at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 12, 0, 0, 123456))


def _main(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.index("<main") : html.index("</main>")]


class Head(HTMLParser):
    """<meta>, <link> and <title> of a page, as a crawler reads them."""

    def __init__(self, html: str):
        super().__init__()
        self.meta, self.links, self.title, self._in_title = {}, {}, "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        elif tag == "link":
            self.links[a.get("rel")] = a.get("href")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def test_year_and_month_archives_list_their_pieces_and_404_when_empty(client):
    dec = make_story_article("December piece", published_at=_at(2026, 12))
    nov = make_story_article("November piece", published_at=_at(2026, 11))
    old = make_story_article("Last year piece", published_at=_at(2025, 3))
    year = _main(client, "/2026/")
    assert dec.headline in year and nov.headline in year and old.headline not in year
    month = _main(client, "/2026/12/")
    assert dec.headline in month and nov.headline not in month
    assert "Archive:</span> December 2026" in month
    for empty in ["/2024/", "/2026/01/", "/2026/13/", "/0000/"]:
        assert client.get(empty).status_code == 404, empty


def test_the_sidebar_and_the_article_date_link_the_month_archive(client):
    piece = make_story_article("Dated piece", published_at=_at(2026, 12))
    html = client.get(piece.get_absolute_url()).content.decode()
    assert html.count('href="/2026/12/"') >= 2  # the date under the headline, the sidebar
    assert "December 2026" in html


def test_previous_and_next_article(client):
    first = make_story_article("First piece", age=timedelta(hours=3))
    middle = make_story_article("Middle piece", age=timedelta(hours=2))
    last = make_story_article("Last piece", age=timedelta(hours=1))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{first.get_absolute_url()}">First piece</a>' in html
    assert f'<a rel="next" href="{last.get_absolute_url()}">Last piece</a>' in html
    newest = client.get(last.get_absolute_url()).content.decode()
    assert 'rel="next"' not in newest and 'rel="prev"' in newest


def test_neighbours_at_the_same_minute_go_by_id_and_skip_what_is_not_public(client):
    when = _at(2026, 12)
    first, middle = (make_story_article(h, published_at=when) for h in ("Tie one", "Tie two"))
    make_story_article("Unpublished", status="retracted", published_at=when)
    last = make_story_article("Tie three", published_at=when)
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{first.get_absolute_url()}">Tie one</a>' in html
    assert f'<a rel="next" href="{last.get_absolute_url()}">Tie three</a>' in html
    alone = client.get(first.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in alone and f'href="{middle.get_absolute_url()}">Tie two' in alone


def test_scroll_to_top_is_a_plain_link_to_the_top(client):
    html = client.get("/").content.decode()
    assert '<body id="top">' in html
    assert re.search(r'<a class="scroll-top" href="#top">Scroll to Top', html)


def test_every_list_is_paginated_and_a_bad_page_is_404(client):
    cat, tag = make_category("World"), make_tag("Rain")
    for i in range(PER_PAGE + 1):
        make_story_article(f"Piece {i}", category=cat, tags=[tag], published_at=_at(2026, 12))
    for url in ["/", "/category/world/", "/tag/rain/", "/2026/", "/2026/12/"]:
        assert client.get(url + "?page=2").status_code == 200, url
        assert 'rel="next" href="?page=2"' in client.get(url).content.decode(), url
        for bad in ["3", "abc", "0", "-1", "1.5"]:
            assert client.get(f"{url}?page={bad}").status_code == 404, (url, bad)


@pytest.fixture
def site():
    cat, tag = make_category("World"), make_tag("Rain")
    long_body = "Word " * 30 + "storm " * 60
    piece = make_story_article(
        "Storm warning for the coast",
        category=cat,
        tags=[tag],
        body=long_body,
        image="https://img.example/storm.jpg",
        published_at=_at(2026, 12),
    )
    piece.updated_at = piece.published_at + timedelta(hours=2)
    piece.save()
    return piece


PAGE_TYPES = {
    "home": "/",
    "article": None,
    "category": "/category/world/",
    "tag": "/tag/rain/",
    "archive": "/2026/12/",
    "search": "/search/?q=storm",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_title_description_canonical_og_and_twitter(client, site, kind):
    url = PAGE_TYPES[kind] or site.get_absolute_url()
    head = Head(client.get(url).content.decode())
    description = head.meta["description"]
    assert head.title.strip() and 0 < len(description) <= DESCRIPTION_MAX
    assert head.links["canonical"].startswith("http://testserver/")
    for name in ("og:title", "og:description", "og:site_name", "og:url", "og:type"):
        assert head.meta[name], name
    assert head.meta["og:url"] == head.links["canonical"]
    assert head.meta["twitter:card"] in ("summary", "summary_large_image")
    assert (head.meta.get("robots") == "noindex, follow") == (kind == "search")
    if kind == "article":
        assert head.meta["og:type"] == "article"
        assert head.meta["og:image"] == "https://img.example/storm.jpg"
        assert head.meta["article:published_time"] == "2026-12-10T12:00:00+00:00"
        assert head.meta["article:modified_time"] == "2026-12-10T14:00:00+00:00"
        assert head.links["canonical"].endswith(site.get_absolute_url())


def test_descriptions_are_cut_at_a_word_within_160():
    text = "The council voted for the plan " * 20
    cut = describe(text)
    assert len(cut) <= DESCRIPTION_MAX and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert describe("Short and sweet.") == "Short and sweet."


def test_list_descriptions_differ_by_page_and_canonical_keeps_the_page(client):
    for i in range(PER_PAGE + 1):
        make_story_article(f"Piece number {i}")
    first, second = (
        Head(client.get("/").content.decode()),
        Head(client.get("/?page=2&utm_source=x").content.decode()),
    )
    assert first.meta["description"] != second.meta["description"]
    assert second.links["canonical"] == "http://testserver/?page=2"
    assert first.links["canonical"] == "http://testserver/"


def test_the_logo_setting_is_shown_and_stands_in_for_a_missing_image(client):
    SiteSettings.objects.create(logo_url="https://cdn.example/logo.png")
    piece = make_story_article("No picture here")
    html = client.get(piece.get_absolute_url()).content.decode()
    assert '<img src="https://cdn.example/logo.png"' in html
    assert Head(html).meta["og:image"] == "https://cdn.example/logo.png"
    assert '"logo": {"@type": "ImageObject", "url": "https://cdn.example/logo.png"}' in html


def test_favicon_answers_200_and_pages_link_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert Head(client.get("/").content.decode()).links["icon"] == "/favicon.ico"


def test_time_datetime_has_no_microseconds(client, site):
    for url in ["/", site.get_absolute_url(), "/news-sitemap.xml"]:
        html = client.get(url).content.decode()
        stamps = re.findall(r'datetime="([^"]+)"', html) + re.findall(
            r"<news:publication_date>([^<]+)<", html
        )
        assert stamps, url
        assert all(
            re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", s) for s in stamps
        ), stamps


def test_one_named_search_landmark_on_every_page(client, site):
    for url in ["/", site.get_absolute_url(), "/search/?q=storm"]:
        html = client.get(url).content.decode()
        assert html.count('role="search"') == 1, url
        assert 'role="search" aria-label="Site search"' in html


def test_updated_time_and_correction_note_shown_once(client, site):
    site.correction_note = "An earlier version gave the wrong wind speed."
    site.corrected_at = site.updated_at
    site.save()
    html = _main(client, site.get_absolute_url())
    assert html.count("Updated <time") == 1 and html.count("wrong wind speed") == 1


def test_the_card_date_reads_as_the_date_filter_would():
    for month in range(1, 13):
        moment = datetime(2026, month, month * 2, 23, 59)
        assert day(moment) == date_filter(moment, "F j, Y")
    assert day(None) == ""
