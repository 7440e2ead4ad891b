"""The page cache for anonymous readers: served from the cache until the site changes
(publish, correction, retraction, approved comment, site settings), 304 for a repeat
visit, no cookie on an anonymous page, and comment POSTs refused from another origin."""

import pytest
from django.test import Client
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.stories import editorial
from newsdesk.stories.models import StoryArticle
from tests.factories import (
    comment_form,
    make_category,
    make_comment,
    make_story_article,
    make_user,
)

pytestmark = pytest.mark.django_db
CACHED = ["/", "/feed/", "/sitemap.xml"]


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def test_a_second_get_is_served_from_the_cache(client):
    piece = make_story_article("Harbour reopens", category=make_category("Local"))
    for url in [*CACHED, piece.get_absolute_url(), "/category/local/"]:
        first, second = _get(client, url), _get(client, url)
        assert first.status_code == second.status_code == 200, url
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        assert first.content == second.content and first["ETag"] == second["ETag"]
        for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
            assert first[header] and first[header].split(";")[0] == second[header].split(";")[0]
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]  # own nonce


def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_it(client):
    piece = make_story_article("Harbour reopens")
    for url in ["/", piece.get_absolute_url(), "/search/?q=harbour"]:
        for _ in range(2):
            response = _get(client, url)
            assert response.status_code == 200
            assert not response.cookies, (url, response.cookies)
            assert "cookie" not in response.get("Vary", "").lower(), url
    assert (
        'name="csrfmiddlewaretoken"' not in _get(client, piece.get_absolute_url()).content.decode()
    )


def test_if_none_match_and_if_modified_since_answer_304(client):
    piece = make_story_article("Harbour reopens")
    url = piece.get_absolute_url()
    first = _get(client, url)
    again = _get(client, url, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert _get(client, url, if_modified_since=first["Last-Modified"]).status_code == 304
    assert _get(client, url, if_none_match='"something-else"').status_code == 200


def test_publish_correct_and_retract_change_the_next_get(client):
    editor = make_user("editor")
    piece = make_story_article("Bridge closes", status=StoryArticle.Status.DRAFT)
    assert "Bridge closes" not in _get(client, "/").content.decode()
    etag = _get(client, "/")["ETag"]
    editorial.publish(piece, editor)
    home = _get(client, "/")
    assert "Bridge closes" in home.content.decode() and home["ETag"] != etag
    assert _get(client, "/", if_none_match=etag).status_code == 200  # stale tag, full page
    url = piece.get_absolute_url()
    assert "Bridge closes" in _get(client, url).content.decode()
    editorial.correct(piece, editor, "The bridge reopens Monday.", headline="Bridge shuts")
    assert "Bridge shuts" in _get(client, url).content.decode()
    assert "Bridge shuts" in _get(client, "/feed/").content.decode()
    editorial.retract(piece, editor, "Wrong town.")
    assert _get(client, url).status_code == 410
    assert "Bridge shuts" not in _get(client, "/").content.decode()


def test_an_approved_comment_shows_on_the_next_get(client):
    piece = make_story_article("Harbour reopens")
    comment = make_comment(piece, body="Finally, good news for the fishermen.")
    url = piece.get_absolute_url()
    assert "good news for the fishermen" not in _get(client, url).content.decode()
    desk = Client()
    desk.force_login(make_user("administrator"))
    approved = desk.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    assert approved.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    assert "good news for the fishermen" in _get(client, url).content.decode()


def test_site_settings_change_the_next_get(client):
    make_story_article("Harbour reopens")
    assert "The Harbour Times" not in _get(client, "/").content.decode()
    desk = Client()
    desk.force_login(make_user("administrator"))
    saved = desk.post(
        reverse("desk:settings"),
        {"name": "The Harbour Times", "logo_url": "", "accent_colour": "#004488",
         "text_colour": "#111111", "comment_policy": "moderated",
         "thread_depth": 3, "close_comments_after_days": 0},
    )  # fmt: skip
    assert saved.status_code == 302
    assert "The Harbour Times" in _get(client, "/").content.decode()


def test_readers_with_a_session_or_a_message_are_never_served_a_cached_page(client):
    piece = make_story_article("Harbour reopens")
    _get(client, "/")
    desk = Client()
    desk.force_login(make_user("editor"))
    assert desk.get("/")["X-Page-Cache"] == "pass"
    posted = client.post(piece.get_absolute_url(), comment_form(piece, body="Hi"))
    assert posted.status_code == 302 and "messages" in posted.cookies
    shown = _get(client, piece.get_absolute_url())
    assert shown["X-Page-Cache"] == "pass" and "awaiting moderation" in shown.content.decode()


def test_a_cross_origin_comment_post_is_refused_and_a_same_origin_one_taken():
    piece = make_story_article("Harbour reopens")
    url = piece.get_absolute_url()
    browser = Client(enforce_csrf_checks=True)
    data = comment_form(piece, body="From afar")
    assert browser.post(url, data, headers={"origin": "https://evil.example"}).status_code == 403
    assert browser.post(url, data, headers={"referer": "https://evil.example/x"}).status_code == 403
    assert browser.post(url, data).status_code == 403  # neither Origin nor Referer
    assert browser.post(url, data, headers={"origin": "null"}).status_code == 403
    assert not Comment.objects.exists()
    taken = browser.post(
        url, {**data, "body": "From here"}, headers={"origin": "http://testserver"}
    )
    assert taken.status_code == 302
    by_referer = browser.post(
        url, {**data, "body": "Again"}, headers={"referer": f"http://testserver{url}"}
    )
    assert by_referer.status_code == 302
    assert Comment.objects.count() == 2


def test_desk_forms_keep_the_csrf_token_check():
    desk = Client(enforce_csrf_checks=True)
    desk.force_login(make_user("administrator"))
    refused = desk.post(
        reverse("desk:settings"), {"name": "X"}, headers={"origin": "http://testserver"}
    )
    assert refused.status_code == 403
