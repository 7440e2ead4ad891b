"""What every public page shares (the menu, the sidebar, the footer, a blank comment
form's fields, a list's length) is rendered once per page stamp and reused by the next
pages, the page cache on or off. Here the page cache is off, so every page is rendered:
a shared part must never carry one page's state into another, and an editorial change
(which bumps the stamp) shows on the very next page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches

from newsdesk.stories import editorial
from newsdesk.stories.models import StoryArticle
from newsdesk.web.pagecache import FRAGMENTS
from newsdesk.web.views import PER_PAGE
from tests.factories import (
    comment_form,
    make_category,
    make_comment,
    make_story_article,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENTRIES = 0


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert response.get("X-Page-Cache") in (None, "pass"), url  # rendered, not a cached page
    return response.content.decode()


def _unstamped(html: str) -> str:
    return re.sub(r'name="shown" value="[^"]*"', 'name="shown"', html)  # signed per render


def _part(html: str, tag: str) -> str:
    return re.search(rf"<{tag}\b.*?</{tag}>", html, re.S).group(0)


def test_shared_parts_are_rendered_once_and_reused(client):
    make_story_article("Harbour reopens", category=make_category("Local"))
    first = _html(client, "/")
    stored = len(caches[FRAGMENTS]._cache)
    assert stored >= 4  # head links, menu, sidebar, footer (and the list's length)
    assert _html(client, "/") == first
    assert len(caches[FRAGMENTS]._cache) == stored


def test_the_menu_marks_the_page_it_is_on(client):
    local = make_category("Local")
    make_story_article("Harbour reopens", category=local)
    piece = make_story_article("Bridge closes", category=make_category("World"))
    # Each page after another whose menu marked something else.
    category_nav = _part(_html(client, "/category/local/"), "nav")
    home_nav = _part(_html(client, "/"), "nav")
    article_nav = _part(_html(client, piece.get_absolute_url()), "nav")
    assert re.search(r'href="/category/local/" aria-current="page">Local<', category_nav)
    assert 'href="/" aria-current="page">Home<' in home_nav
    assert home_nav.count("aria-current") == 1 and "aria-current" not in article_nav


def test_recent_news_leaves_out_only_the_article_it_is_on(client):
    older = make_story_article("Older piece", age=timedelta(hours=2))
    newer = make_story_article("Newer piece")
    on_newer = _part(_html(client, newer.get_absolute_url()), "aside")
    on_home = _part(_html(client, "/"), "aside")
    on_older = _part(_html(client, older.get_absolute_url()), "aside")
    assert "Newer piece" not in on_newer and "Older piece" in on_newer
    assert "Newer piece" in on_home and "Older piece" in on_home
    assert "Older piece" not in on_older and "Newer piece" in on_older


def test_a_page_without_a_recent_list_does_not_empty_the_sidebar_of_the_next(client):
    make_story_article("Harbour reopens")
    assert "No news yet." in _html(client, "/no-such-page/")
    assert "No news yet." not in _part(_html(client, "/"), "aside")


def test_publishing_changes_the_menu_the_sidebar_and_the_list_at_once(client):
    local = make_category("Local")
    for i in range(PER_PAGE):
        make_story_article(f"Piece {i}", category=local)
    late = make_story_article("Late news", category=make_category("Sports"), status="draft")
    before = _html(client, "/")
    assert "Sports" not in before and "Late news" not in before and "Page 1 of" not in before
    editorial.publish(late, make_user("editor"))
    after = _html(client, "/category/local/")  # not the page the publish was seen on
    assert "Sports" in _part(after, "nav") and "Late news" in _part(after, "aside")
    assert "Page 1 of 2" in _html(client, "/")
    editorial.retract(StoryArticle.objects.get(pk=late.pk), make_user("editor"), "Wrong.")
    assert "Sports" not in _part(_html(client, "/category/local/"), "nav")


def test_a_readers_form_never_reaches_the_blank_form_others_get(client):
    piece = make_story_article("Harbour reopens")
    other = make_story_article("Bridge closes")
    comment = make_comment(piece, status="approved", name="Earlier reader")
    url = piece.get_absolute_url()
    blank = _html(client, url)
    posted = client.post(url, comment_form(piece, name="Secret Name", body=""))
    assert posted.status_code == 200 and "Secret Name" in posted.content.decode()
    reply = _html(client, f"{url}?replytocom={comment.pk}")
    assert f'name="parent" value="{comment.pk}"' in reply
    for page in (_html(client, url), _html(client, other.get_absolute_url())):
        assert "Secret Name" not in page and 'name="parent" value=' not in page
        assert 'id="id_body_error"' not in page
    assert _unstamped(_html(client, url)) == _unstamped(blank)
